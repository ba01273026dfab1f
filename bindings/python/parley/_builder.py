"""Building and changing scenarios from Python: parley_builder, one checked change at a time."""
from __future__ import annotations

import numbers
import re
from typing import Dict, List, Mapping, Optional, Sequence, Union

from ._core import ArgumentError, _b, _Call, ffi, lib
from ._scenario import Scenario

Number = Union[float, Mapping[str, Sequence[float]]]
"""A number, or a distribution written as in the scenario format: {"uniform": [a, b]},
{"triangular": [low, mode, high]} or {"normal": [mean, sd]}."""
Values = Union[Sequence[Number], Mapping[str, Number]]
When = Mapping[str, Union[str, Sequence[str]]]

_KINDS = {"uniform": 2, "triangular": 3, "normal": 2}


def _dist(x) -> Optional[object]:
    """The parley_distribution a distribution stands for, or None for a plain number."""
    if not isinstance(x, Mapping):
        return None
    if len(x) != 1 or next(iter(x)) not in _KINDS:
        raise ArgumentError(f"{dict(x)!r} is not a distribution: write {{'uniform': [a, b]}}, "
                            "{'triangular': [low, mode, high]} or {'normal': [mean, sd]}")
    kind, params = next(iter(x.items()))
    params = [float(v) for v in params]
    if len(params) != _KINDS[kind]:
        raise ArgumentError(f"{kind} takes {_KINDS[kind]} numbers, not {len(params)}")
    d = ffi.new("parley_distribution *")
    if kind == "uniform":
        d.kind, d.a, d.b = lib.PARLEY_DIST_UNIFORM, params[0], params[1]
    elif kind == "triangular":
        d.kind, d.a, d.c, d.b = lib.PARLEY_DIST_TRIANGULAR, params[0], params[1], params[2]
    else:
        d.kind, d.a, d.b = lib.PARLEY_DIST_NORMAL, params[0], params[1]
    return d


_ID = re.compile(r"[A-Za-z0-9_.+-]{1,64}")


class Belief:
    """A mediator's picture of a party (:meth:`Builder.believe`): the profile setters of the
    builder take it in place of the party. What they set stands for the party's true profile in
    the mediator's view; the rest is the truth."""

    def __init__(self, builder: "Builder", handle: int, party: str):
        self._builder, self.handle, self.party = builder, handle, party

    def set_reservation(self, r: float) -> "Belief":
        """The reservation the mediator believes the party has."""
        self._builder.set_reservation(self, r)
        return self

    def set_weights(self, weights: Mapping[str, float]) -> "Belief":
        """The weights the mediator believes the party gives the issues named."""
        self._builder.set_weights(self, weights)
        return self

    def set_values(self, issue: str, values: Values) -> "Belief":
        """The values the mediator believes the party gives an issue's options."""
        self._builder.set_values(self, issue, values)
        return self

    def set_power(self, power: float) -> "Belief":
        """The power the mediator believes the party has."""
        self._builder.set_power(self, power)
        return self


class Builder:
    """A scenario to make or change (:meth:`Scenario.edit`, or ``Builder()`` for a new one).
    Every method checks its change at once and raises :class:`parley.InputError` (or
    :class:`parley.ArgumentError`) naming what is wrong, leaving the builder as it was; every
    method returns the builder, so changes chain; :meth:`build` makes the scenario and may be
    called again after more changes."""

    def __init__(self, scenario: Optional[Scenario] = None, source: str = "<built>"):
        if scenario is not None:
            out = ffi.new("parley_builder **")
            call = _Call()
            call.check(lib.parley_builder_from_scenario(scenario._p, out, call.err))
            self._p = ffi.gc(out[0], lib.parley_builder_free)
            self._issues: List[List[str]] = [[iss.id, *iss.options] for iss in scenario.issues]
            self._parties: List[str] = scenario.party_ids
            self._frameworks: List[str] = list(scenario.frameworks)
        else:
            ptr = lib.parley_builder_new(_b(source))
            if ptr == ffi.NULL:
                raise MemoryError
            self._p = ffi.gc(ptr, lib.parley_builder_free)
            self._issues, self._parties, self._frameworks = [], [], []

    # -- lookups ---------------------------------------------------------------------------

    def _call(self, fn, *args) -> None:
        call = _Call()
        call.check(fn(self._p, *args, call.err))

    def _party(self, who) -> int:
        if isinstance(who, Belief):
            return who.handle
        if isinstance(who, numbers.Integral) and not isinstance(who, bool) and 0 <= who < len(self._parties):
            return int(who)
        if who in self._parties:
            return self._parties.index(who)
        raise ArgumentError(f"{who!r} is not a party; the parties are {', '.join(self._parties)}")

    def _issue(self, issue: str) -> int:
        for k, row in enumerate(self._issues):
            if row[0] == issue:
                return k
        raise ArgumentError(f"{issue!r} is not an issue; the issues are {', '.join(r[0] for r in self._issues)}")

    def _option(self, issue: int, option: str) -> int:
        opts = self._issues[issue][1:]
        if option not in opts:
            raise ArgumentError(f"{option!r} is not an option of {self._issues[issue][0]}")
        return opts.index(option)

    # -- the scenario ----------------------------------------------------------------------

    def set_title(self, title: str) -> "Builder":
        """The scenario's title."""
        self._call(lib.parley_builder_set_title, _b(title))
        return self

    def add_issue(self, id: str, options: Sequence[str], name: Optional[str] = None) -> "Builder":
        """Adds an issue with its options (ids), in order."""
        options = [str(o) for o in options]
        for o in options:  # checked first: an issue, once added, cannot be taken back
            if not _ID.fullmatch(o):
                raise ArgumentError(f"option id {o!r} of {id}: 1 to 64 letters, digits, '_', '-', '.' or '+'")
        if len(set(options)) != len(options):
            raise ArgumentError(f"issue {id} names an option twice")
        out = ffi.new("size_t *")
        self._call(lib.parley_builder_add_issue, _b(id), _b(name) if name else ffi.NULL, out)
        self._issues.append([id])
        for o in options:
            self._call(lib.parley_builder_add_option, out[0], _b(str(o)), ffi.NULL)
            self._issues[-1].append(str(o))
        return self

    def add_party(self, id: str, name: Optional[str] = None, weights: Optional[Mapping[str, float]] = None,
                  values: Optional[Mapping[str, Values]] = None, reservation: Optional[float] = None,
                  power: Optional[float] = None) -> "Builder":
        """Adds a party (power 1, reservation 0, weights normalised to sum 1), and optionally its
        weights, values per issue, reservation and power."""
        self._call(lib.parley_builder_add_party, _b(id), _b(name) if name else ffi.NULL, ffi.NULL)
        self._parties.append(id)
        try:
            if weights:
                self.set_weights(id, weights)
            for issue, v in (values or {}).items():
                self.set_values(id, issue, v)
            if reservation is not None:
                self.set_reservation(id, reservation)
            if power is not None:
                self.set_power(id, power)
        except BaseException:  # the party goes again: the builder is as it was
            self._call(lib.parley_builder_remove_party, len(self._parties) - 1)
            self._parties.pop()
            raise
        return self

    def remove_party(self, party: Union[str, int]) -> "Builder":
        """Removes a party with its profile and positions."""
        if isinstance(party, Belief):
            raise ArgumentError("remove_party takes a party, not a belief")
        k = self._party(party)
        self._call(lib.parley_builder_remove_party, k)
        del self._parties[k]
        return self

    def set_power(self, party, power: float) -> "Builder":
        """The party's power (>= 0), for the weighted Nash solution and forecasts."""
        self._call(lib.parley_builder_set_power, self._party(party), float(power))
        return self

    def set_reservation(self, party, reservation) -> "Builder":
        """The party's reservation, in [0, 1]: what no deal is worth to it. A number, a
        distribution ({"uniform": [0.35, 0.55]}...), or {"schedule": [[t, x], ...]} over the
        clock (set_time first), each x a number or every x a distribution of one kind."""
        p = self._party(party)
        if isinstance(reservation, Mapping) and "schedule" in reservation:
            self._schedule(lib.parley_builder_set_reservation_schedule, (p,), reservation["schedule"])
            return self
        d = _dist(reservation)
        if d is not None:
            self._call(lib.parley_builder_set_reservation_dist, p, d)
        else:
            self._call(lib.parley_builder_set_reservation, p, float(reservation))
        return self

    def _schedule(self, setter, where: tuple, points) -> None:
        """A schedule's points [[t, x], ...] through setter(builder, *where, n, t, v, d, err)."""
        points = list(points)
        times = ffi.new("double[]", [float(t) for t, _ in points] or [0])
        dists = [_dist(x) for _, x in points]
        if any(d is not None for d in dists):
            if not all(d is not None for d in dists):
                raise ArgumentError("a schedule's points are all numbers, or all distributions")
            arr = ffi.new("parley_distribution[]", len(dists))
            for k, d in enumerate(dists):
                arr[k] = d[0]
            self._call(setter, *where, len(points), times, ffi.NULL, arr)
        else:
            values = ffi.new("double[]", [float(x) for _, x in points] or [0])
            self._call(setter, *where, len(points), times, values, ffi.NULL)

    def set_time(self, unit: Optional[str], horizon: float) -> "Builder":
        """The scenario's clock: its unit ("month") and horizon (> 0)."""
        self._call(lib.parley_builder_set_time, _b(unit) if unit else ffi.NULL, float(horizon))
        return self

    def set_discount(self, party, discount: float) -> "Builder":
        """The party's discount factor d, in (0, 1]: a deal at time t is worth its utility times d^t."""
        self._call(lib.parley_builder_set_discount, self._party(party), float(discount))
        return self

    def set_weights(self, party, weights: Mapping[str, Number]) -> "Builder":
        """Sets the party's weight for each issue named (the others keep theirs): a number, a
        distribution or {"schedule": [[t, x], ...]} each; or {"dirichlet": {issue: alpha, ...}}
        for the whole vector."""
        p = self._party(party)
        if "dirichlet" in weights:
            alphas = dict(weights["dirichlet"])
            for issue in alphas:
                self._issue(issue)
            arr = ffi.new("double[]", [float(alphas.get(row[0], 0)) for row in self._issues] or [0])
            self._call(lib.parley_builder_set_dirichlet, p, arr)
            return self
        for issue, w in weights.items():
            if isinstance(w, Mapping) and "schedule" in w:
                self._schedule(lib.parley_builder_set_weight_schedule, (p, self._issue(issue)), w["schedule"])
                continue
            d = _dist(w)
            if d is not None:
                self._call(lib.parley_builder_set_weight_dist, p, self._issue(issue), d)
            else:
                self._call(lib.parley_builder_set_weight, p, self._issue(issue), float(w))
        return self

    def set_values(self, party, issue: str, values: Values) -> "Builder":
        """The party's value of each option of the issue: a list in option order, or a mapping
        option -> value covering every option."""
        k = self._issue(issue)
        opts = self._issues[k][1:]
        if isinstance(values, Mapping):
            missing = [o for o in opts if o not in values]
            if missing:
                raise ArgumentError(f"values for {issue} name no value for {', '.join(missing)}")
            values = [values[o] for o in opts]
        if len(values) != len(opts):
            raise ArgumentError(f"{issue} has {len(opts)} options, not {len(values)} values")
        dists = [_dist(v) for v in values]
        p = self._party(party)
        self._call(lib.parley_builder_set_values, p, k,
                   ffi.new("double[]", [0.0 if d is not None else float(v) for v, d in zip(values, dists)]))
        for o, d in enumerate(dists):
            if d is not None:
                self._call(lib.parley_builder_set_value_dist, p, k, o, d)
        return self

    def _conditions(self, when: When):
        keep, conds = [], ffi.new("parley_condition[]", max(len(when), 1))
        for j, (issue, allowed) in enumerate(when.items()):
            k = self._issue(issue)
            allowed = [allowed] if isinstance(allowed, str) else list(allowed)
            flags = ffi.new("unsigned char[]", len(self._issues[k]) - 1)
            for o in allowed:
                flags[self._option(k, o)] = 1
            keep.append(flags)
            conds[j].issue, conds[j].allowed = k, flags
        return conds, keep

    def add_interaction(self, party, bonus: Number, when: When, note: Optional[str] = None) -> "Builder":
        """Adds bonus (a number or a distribution) to the party's utility of every package
        where, for each issue named, the option is among those given."""
        conds, keep = self._conditions(when)
        d = _dist(bonus)
        p = self._party(party)
        self._call(lib.parley_builder_add_interaction, p, 0.0 if d is not None else float(bonus),
                   _b(note) if note else ffi.NULL, conds, len(when))
        del keep
        if d is not None:
            self._call(lib.parley_builder_set_bonus_dist, p, d)
        return self

    def add_red_line(self, party, when: When, note: Optional[str] = None,
                     probability: Optional[float] = None) -> "Builder":
        """The party rejects every package where, for each issue named, the option is among
        those given; with ``probability``, the red line holds with that probability."""
        conds, keep = self._conditions(when)
        p = self._party(party)
        self._call(lib.parley_builder_add_red_line, p, _b(note) if note else ffi.NULL, conds, len(when))
        del keep
        if probability is not None:
            self._call(lib.parley_builder_set_red_line_probability, p, float(probability))
        return self

    def clear_rules(self, party) -> "Builder":
        """Drops the party's interaction terms and red lines."""
        self._call(lib.parley_builder_clear_rules, self._party(party))
        return self

    def add_framework(self, id: str, package: Mapping[str, str], name: Optional[str] = None) -> "Builder":
        """Adds a named package to evaluate (every issue's option)."""
        pkg = ffi.new("uint32_t[]", max(len(self._issues), 1))
        for k, row in enumerate(self._issues):
            if row[0] not in package:
                raise ArgumentError(f"the framework names no option for {row[0]}")
            pkg[k] = self._option(k, package[row[0]])
        self._call(lib.parley_builder_add_framework, _b(id), _b(name) if name else ffi.NULL, pkg)
        self._frameworks.append(id)
        return self

    def remove_framework(self, id: str) -> "Builder":
        """Removes a framework."""
        if id not in self._frameworks:
            raise ArgumentError(f"{id!r} is not a framework")
        self._call(lib.parley_builder_remove_framework, self._frameworks.index(id))
        self._frameworks.remove(id)
        return self

    def believe(self, mediator: str, party: str) -> Belief:
        """A mediator's picture of a party it does not hear: set its numbers on the
        :class:`Belief` returned (or pass it to the builder's profile setters)."""
        out = ffi.new("size_t *")
        self._call(lib.parley_builder_add_belief, _b(mediator), _b(party), out)
        return Belief(self, out[0], party)

    def build(self) -> Scenario:
        """Checks the whole and makes the scenario."""
        out = ffi.new("parley_scenario **")
        call = _Call()
        call.check(lib.parley_builder_build(self._p, out, call.err))
        return Scenario(out[0])
