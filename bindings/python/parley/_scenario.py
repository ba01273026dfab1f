"""Scenarios and what parley computes on them: analysis, amendments, acceptance under
uncertainty, mediation, negotiation, the deal over time, and the HTML report."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numbers

from ._core import (NONE, ArgumentError, Error, Package, PackageLike, _b, _Call, _count, _list, _path, _text, _threads,
                    ffi, lib)

try:  # numpy is optional: without it, matrices are lists of lists
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None


def _take_string(call: _Call, fill: Callable[[Any, Any], int]) -> str:
    """Calls fill(text_out, len_out) and hands back the library's string as str."""
    out, n = ffi.new("char **"), ffi.new("size_t *")
    call.check(fill(out, n))
    try:
        return ffi.unpack(out[0], n[0]).decode("utf-8")
    finally:
        lib.parley_string_free(out[0])


@dataclass(frozen=True)
class Issue:
    """An issue on the table: its id, name and options (ids), in order."""

    id: str
    name: str
    options: Tuple[str, ...]


@dataclass(frozen=True)
class Party:
    """A party: its id, name, power and reservation (its utility without a deal)."""

    id: str
    name: str
    power: float
    reservation: float


@dataclass(frozen=True)
class Verdict:
    """A party's verdict on a package: its utility, its reservation, the red lines the package
    crosses, and whether it accepts (no red line crossed, utility at least the reservation)."""

    party: str
    utility: float
    reservation: float
    red_lines_crossed: int
    accepts: bool


class Report:
    """An HTML page with charts (docs/report.md). ``html`` is the page; in Jupyter it shows
    inline; ``save(path)`` writes it atomically."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the page to path (a temporary file beside it, then a rename)."""
        call = _Call()
        data = self.html.encode("utf-8")
        call.check(lib.parley_write_file_atomic(_path(path), data, len(data), call.err))

    def __str__(self) -> str:
        return self.html


def _render(build: Callable[[Any, _Call], int], title: str) -> Report:
    h = ffi.gc(lib.parley_html_new(_b(title)), lib.parley_html_free)
    if h == ffi.NULL:
        raise MemoryError
    call = _Call()
    call.check(build(h, call))
    return Report(_take_string(call, lambda t, n: lib.parley_html_render(h, t, n, call.err)))


class Scenario:
    """A negotiation: issues with their options, parties with their preferences, frameworks
    (named drafts), and optionally positions, a mediation section, uncertain numbers and a
    clock. Load one with :meth:`load`, :meth:`from_genius`, :meth:`from_yaml` or
    :meth:`from_dict` (the format of docs/scenario-format.md)."""

    def __init__(self, _ptr):
        self._p = ffi.gc(_ptr, lib.parley_scenario_free)

    # -- reading and writing -----------------------------------------------------------------

    @classmethod
    def _read(cls, reader: Callable[[Any, Any, Any], int]) -> "Scenario":
        out = ffi.new("parley_scenario **")
        diags = ffi.gc(lib.parley_diagnostics_new(), lib.parley_diagnostics_free)
        call = _Call()
        call.check(reader(out, diags, call.err), diags)
        return cls(out[0])

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Scenario":
        """Reads a scenario file (YAML or JSON) or a folder holding a GENIUS domain and its
        profiles. Raises :class:`InputError` with the file, line and column of the first
        problem (``problems`` lists them all)."""
        if os.path.isdir(path):
            return cls.from_genius(path)
        p = _path(path)
        return cls._read(lambda out, d, e: lib.parley_scenario_read_file(p, ffi.NULL, out, d, e))

    @classmethod
    def from_genius(cls, domain: Union[str, "os.PathLike[str]"],
                    profiles: Optional[Sequence[Union[str, "os.PathLike[str]"]]] = None) -> "Scenario":
        """Reads a GENIUS domain: a folder with the domain file and its profiles, or the domain
        file and the profiles' files (one party each, in order)."""
        if profiles is None:
            d = _path(domain)
            return cls._read(lambda out, dg, e: lib.parley_scenario_read_genius_dir(d, ffi.NULL, out, dg, e))
        keep = [ffi.new("char[]", _path(p)) for p in _list("profiles", profiles)]
        arr = ffi.new("const char *[]", keep)
        d = _path(domain)
        return cls._read(lambda out, dg, e: lib.parley_scenario_read_genius(d, arr, len(keep), ffi.NULL, out, dg, e))

    @classmethod
    def from_yaml(cls, text: str, name: str = "<string>") -> "Scenario":
        """Reads a scenario from YAML (or JSON) text; name is used in error positions."""
        data = text.encode("utf-8")
        nm = _b(name)
        return cls._read(lambda out, d, e: lib.parley_scenario_read_string(data, len(data), nm, ffi.NULL, out, d, e))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>") -> "Scenario":
        """Builds a scenario from a dictionary shaped like the YAML format
        (``{"issues": [...], "parties": [...], "frameworks": [...]}``)."""
        return cls.from_yaml(json.dumps(data), name)

    def to_yaml(self) -> str:
        """The scenario as YAML, which reads back as the same scenario."""
        call = _Call()
        return _take_string(call, lambda t, n: lib.parley_scenario_write_yaml(self._p, t, n, call.err))

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the scenario as YAML to path, atomically."""
        Report(self.to_yaml()).save(path)

    def edit(self) -> "Builder":
        """A :class:`parley.Builder` holding everything this scenario holds, to change and
        build into a new scenario (this one stays as it is)."""
        from ._builder import Builder
        return Builder(self)

    def view(self, mediator: Optional[str] = None, drafts_with: Optional[Sequence[str]] = None) -> "Scenario":
        """The mediator's view (docs/semantics.md): the parties it drafts with (and itself, if
        a party) with their true profiles, and the parties it holds a belief about with their
        profiles replaced by that belief."""
        m = NONE
        if mediator is not None:
            m = lib.parley_mediator_find(self._p, _b(mediator))
            if m == NONE:
                raise ArgumentError(f"{mediator!r} is not a mediator of {self.source}")
        elif lib.parley_mediator_count(self._p):
            m = lib.parley_mediator_drafting(self._p)
        drafts_with = _list("drafts_with", drafts_with) if drafts_with is not None else None
        keep = ffi.new("size_t[]", [self._party(p) for p in drafts_with] or [0]) if drafts_with is not None else ffi.NULL
        out, n = ffi.new("parley_scenario **"), ffi.new("size_t *")
        call = _Call()
        call.check(lib.parley_mediation_view(self._p, m, keep, len(drafts_with) if drafts_with is not None else 0, out,
                                             ffi.NULL, ffi.NULL, n, call.err))
        return Scenario(out[0])

    def copy(self) -> "Scenario":
        """A copy with its own memory: the same utility, to the bit, for every package and party."""
        out = ffi.new("parley_scenario **")
        call = _Call()
        call.check(lib.parley_scenario_copy(self._p, out, call.err))
        return Scenario(out[0])

    # -- what it holds ---------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The scenario's title (empty when it has none)."""
        return _text(lib.parley_scenario_title(self._p))

    @property
    def source(self) -> str:
        """Where it was read from (the file's name), or how it was made."""
        return _text(lib.parley_scenario_source(self._p))

    @property
    def issues(self) -> List[Issue]:
        """The issues, in order, each with its options."""
        sc = self._p
        return [Issue(_text(lib.parley_issue_id(sc, i)), _text(lib.parley_issue_name(sc, i)),
                      tuple(_text(lib.parley_option_id(sc, i, o)) for o in range(lib.parley_issue_option_count(sc, i))))
                for i in range(lib.parley_issue_count(sc))]

    @property
    def parties(self) -> List[Party]:
        """The parties, in order, with their power and reservation."""
        sc = self._p
        return [Party(_text(lib.parley_party_id(sc, p)), _text(lib.parley_party_name(sc, p)),
                      lib.parley_party_power(sc, p), lib.parley_party_reservation(sc, p))
                for p in range(lib.parley_party_count(sc))]

    @property
    def party_ids(self) -> List[str]:
        """The parties' ids, in order."""
        return [_text(lib.parley_party_id(self._p, p)) for p in range(lib.parley_party_count(self._p))]

    @property
    def frameworks(self) -> Dict[str, Package]:
        """The frameworks, by id, each as its package."""
        sc = self._p
        return {_text(lib.parley_framework_id(sc, f)): self._package_dict(lib.parley_framework_package(sc, f))
                for f in range(lib.parley_framework_count(sc))}

    @property
    def outcome_count(self) -> int:
        """How many packages there are (the product of the issues' option counts)."""
        buf = ffi.new("char[64]")
        lib.parley_outcome_count_text(self._p, buf, 64)
        return int(_text(buf))

    def __repr__(self) -> str:
        return (f"<parley.Scenario {self.title or self.source!r}: {lib.parley_party_count(self._p)} parties, "
                f"{lib.parley_issue_count(self._p)} issues, {self.outcome_count} packages>")

    # -- packages --------------------------------------------------------------------------

    def _party(self, who: Union[str, int]) -> int:
        if isinstance(who, numbers.Integral) and not isinstance(who, bool):
            if 0 <= who < lib.parley_party_count(self._p):
                return int(who)
        else:
            p = lib.parley_party_find(self._p, _b(str(who)))
            if p != NONE:
                return p
        raise ArgumentError(f"{who!r} is not a party of {self.source}; the parties are {', '.join(self.party_ids)}")

    def _package(self, spec: PackageLike):
        """A package as the library's array of option indices."""
        sc = self._p
        N = lib.parley_issue_count(sc)
        pkg = ffi.new("uint32_t[]", max(N, 1))
        if isinstance(spec, str):
            f = lib.parley_framework_find(sc, _b(spec))
            if f != NONE:
                ffi.memmove(pkg, lib.parley_framework_package(sc, f), N * 4)
                return pkg
            call = _Call()
            if lib.parley_package_parse(sc, _b(spec), pkg, call.err):
                raise ArgumentError(f"{spec!r} is neither a framework of {self.source} nor a package: "
                                    f"{_text(call.err.message)}")
            return pkg
        if isinstance(spec, Mapping):
            missing = [i.id for i in self.issues if i.id not in spec]
            if missing:
                raise ArgumentError(f"the package names no option for {', '.join(missing)}")
            for key, option in spec.items():
                i = lib.parley_issue_find(sc, _b(str(key)))
                if i == NONE:
                    raise ArgumentError(f"{key!r} is not an issue of {self.source}")
                if lib.parley_option_find(sc, i, _b(str(option))) == NONE:
                    raise ArgumentError(f"{option!r} is not an option of {key}")
            return self._package(",".join(f"{k}={v}" for k, v in spec.items()))
        values = list(spec)
        if len(values) != N:
            raise ArgumentError(f"a package has {N} options, one per issue, not {len(values)}")
        for i, o in enumerate(values):
            if isinstance(o, bool) or not isinstance(o, numbers.Integral) or not 0 <= o < lib.parley_issue_option_count(sc, i):
                raise ArgumentError(f"option {o} is out of range for issue {_text(lib.parley_issue_id(sc, i))}")
            pkg[i] = int(o)
        return pkg

    def _package_dict(self, pkg) -> Package:
        sc = self._p
        return {_text(lib.parley_issue_id(sc, i)): _text(lib.parley_option_id(sc, i, pkg[i]))
                for i in range(lib.parley_issue_count(sc))}

    def utility(self, party: Union[str, int], package: PackageLike) -> float:
        """A party's utility of a package (undiscounted, at time 0)."""
        return lib.parley_utility(self._p, self._party(party), self._package(package))

    def verdict(self, party: Union[str, int], package: PackageLike) -> Verdict:
        """A party's verdict on a package, compared exactly."""
        p = self._party(party)
        v = ffi.new("parley_acceptance *")
        _Call().check(lib.parley_package_acceptance(self._p, p, self._package(package), v))
        return Verdict(self.party_ids[p], v.utility, v.reservation, v.red_lines_crossed, bool(v.accepts))

    def at(self, t: float) -> "Scenario":
        """The scenario as it stands at time t of its clock (reservations and weights that follow
        a schedule take their values at t)."""
        out = ffi.new("parley_scenario **")
        call = _Call()
        call.check(lib.parley_scenario_at(self._p, float(t), out, call.err))
        return Scenario(out[0])

    # -- computations ----------------------------------------------------------------------

    def _analysis_options(self, method: str, threads: Optional[int], max_outcomes: Optional[int], call: _Call):
        o = ffi.new("parley_analysis_options *")
        m = lib.parley_method_find(_b(method))
        if m < 0:
            raise ArgumentError(f"unknown method {method!r} (auto, enumerate, additive, boxes)")
        o.method = m
        o.threads = _threads(threads)
        o.max_outcomes = _count("max_outcomes", max_outcomes or 0)
        o.progress = lib._parley_progress
        o.progress_user = call.handle
        return o

    def analyze(self, method: str = "auto", threads: Optional[int] = None, max_outcomes: Optional[int] = None,
                progress: Optional[Callable[[float], Any]] = None) -> "Analysis":
        """Analyses every package: the feasible set, the Pareto frontier, the bargaining
        solutions, each framework's verdicts and the concessions at the Nash package
        (docs/semantics.md). ``method``: "auto", "enumerate", "additive" or "boxes";
        ``threads``: None for one per core (the result does not depend on it); ``progress``:
        called with the fraction done during long work. Ctrl-C stops it (KeyboardInterrupt)."""
        call = _Call(progress)
        o = self._analysis_options(method, threads, max_outcomes, call)
        out = ffi.new("parley_analysis **")
        call.check(lib.parley_analyze(self._p, o, out, call.err))
        from ._results import Analysis
        return Analysis(self, out[0])

    def amend(self, draft: PackageLike, keep_for: Optional[Sequence[str]] = None, top: int = 5,
              max_changes: Optional[int] = None, progress: Optional[Callable[[float], Any]] = None) -> "Amendments":
        """The packages every party accepts that change the fewest issues of the draft (a
        framework's id, or a package), ranked by what the drafters lose (``keep_for``: the
        parties whose loss counts; default the mediation's drafters, else everyone)."""
        from ._results import Amendments
        call = _Call(progress)
        o = ffi.new("parley_amend_options *")
        lib.parley_amend_defaults(o)
        keep_for = _list("keep_for", keep_for) if keep_for is not None else None
        keep = ffi.new("size_t[]", [self._party(p) for p in keep_for] or [0]) if keep_for else ffi.NULL
        if keep_for:
            o.keep_for, o.n_keep_for = keep, len(keep_for)
        o.top, o.max_changes = _count("top", top, 1), _count("max_changes", max_changes or 0)
        o.progress, o.progress_user = lib._parley_progress, call.handle
        out = ffi.new("parley_amendments **")
        call.check(lib.parley_amend(self._p, self._package(draft), o, out, call.err))
        return Amendments(self, out[0])

    def accept(self, draft: PackageLike, samples: int = 10_000, seed: int = 1, threads: Optional[int] = None,
               progress: Optional[Callable[[float], Any]] = None) -> "Acceptance":
        """The probability that each party, and every party, accepts the draft when the
        scenario's uncertain numbers are drawn ``samples`` times (docs/semantics.md,
        "Acceptance under uncertainty"); the same seed gives the same figures."""
        from ._results import Acceptance
        call = _Call(progress)
        o = ffi.new("parley_accept_options *")
        lib.parley_accept_defaults(o)
        o.samples, o.seed, o.threads = _count("samples", samples, 1), _count("seed", seed), _threads(threads)
        o.progress, o.progress_user = lib._parley_progress, call.handle
        out = ffi.new("parley_acceptance_estimate **")
        call.check(lib.parley_accept(self._p, self._package(draft), o, out, call.err))
        return Acceptance(self, out[0])

    def mediate(self, procedure: str = "single-text", mediator: Optional[str] = None,
                drafts_with: Optional[Sequence[str]] = None, start: Optional[str] = None, steps: int = 100,
                shuttle: bool = False, power: bool = False, seed: int = 1) -> "Mediation":
        """A mediator drafts a text from the input of the parties it drafts with (its view), and
        every party judges it by its true profile (docs/semantics.md, "Mediation").
        ``procedure``: "single-text", "least-satisfied", "nash", "veto", "hill-climb",
        "adjusted-winner"; ``start``: the framework the text starts from."""
        from ._results import Mediation
        o, keep = self._mediate_options(procedure, mediator, drafts_with, start, steps, shuttle, power, seed)
        call = _Call()
        o.analysis.progress, o.analysis.progress_user = lib._parley_progress, call.handle
        out = ffi.new("parley_mediation_result **")
        call.check(lib.parley_mediate(self._p, o, out, call.err))
        return Mediation(self, out[0])

    def _mediate_options(self, procedure, mediator, drafts_with, start, steps, shuttle, power, seed):
        o = ffi.new("parley_mediate_options *")
        lib.parley_mediate_defaults(o)
        proc = lib.parley_procedure_find(_b(procedure))
        if proc < 0:
            names = [_text(lib.parley_procedure_name(k)) for k in range(lib.PARLEY_PROCEDURE_COUNT)]
            raise ArgumentError(f"unknown procedure {procedure!r}; the procedures: {', '.join(names)}")
        o.procedure = proc
        if mediator is not None:
            m = lib.parley_mediator_find(self._p, _b(mediator))
            if m == NONE:
                raise ArgumentError(f"{mediator!r} is not a mediator of {self.source}")
            o.mediator = m
        keep = None
        if drafts_with is not None:
            drafts_with = _list("drafts_with", drafts_with)
            keep = ffi.new("size_t[]", [self._party(p) for p in drafts_with] or [0])
            o.drafts_with, o.n_drafts_with = keep, len(drafts_with)
        if start is not None:
            f = lib.parley_framework_find(self._p, _b(start))
            if f == NONE:
                raise ArgumentError(f"{start!r} is not a framework of {self.source}")
            setattr(o, "from", f)
        o.max_steps, o.shuttle, o.power = _count("steps", steps, 1), int(bool(shuttle)), int(bool(power))
        o.seed = _count("seed", seed)
        return o, keep

    def negotiate(self, agents: Optional[Mapping[str, Any]] = None, rounds: int = 100, seed: int = 1,
                  order: Optional[Sequence[str]] = None) -> "Session":
        """A negotiation by stacked alternating offers (docs/semantics.md, "Negotiation").
        ``agents`` maps a party (id or index) to its strategy: a name with options as on the
        command line ("boulware", "time:e=0.5,model=perfect", "micro") or a Python agent (a
        :class:`parley.Agent` subclass with ``propose`` and ``respond``). The others play
        boulware. ``order``: the parties in the order they act, each once."""
        from ._negotiate import run_session
        return run_session(self, agents or {}, rounds, seed, order)

    def timeline(self, steps: int = 12, threads: Optional[int] = None,
                 progress: Optional[Callable[[float], Any]] = None) -> "Timeline":
        """The deal along the scenario's clock: at steps + 1 times, the feasible packages, the
        Nash package and each framework's verdict, and the windows in which a deal and each
        framework are acceptable to every party."""
        from ._results import Timeline
        call = _Call(progress)
        o = self._analysis_options("auto", threads, None, call)
        out = ffi.new("parley_timeline **")
        call.check(lib.parley_timeline_run(self._p, _count("steps", steps, 1), o, out, call.err))
        return Timeline(self, out[0])

    def report(self, pair: Optional[Tuple[str, str]] = None, only_analysis: bool = False) -> Report:
        """The HTML report of ``parley report``: the deal space and the draft, and, unless
        only_analysis, the mediation, acceptance and timeline when the scenario has them."""
        an = self.analyze()
        sections = [lambda h, c: an._add_to(h, c, pair)]
        if not only_analysis:
            if lib.parley_mediator_count(self._p):
                sections.append(lambda h, c: self.mediate()._add_to(h, c, None, an))
            if lib.parley_uncertain_count(self._p):
                for fid in self.frameworks:
                    sections.append(lambda h, c, fid=fid: self.accept(fid)._add_to(h, c, fid))
            if lib.parley_scenario_timed(self._p):
                sections.append(lambda h, c: self.timeline()._add_to(h, c))

        def build(h, call):
            for add in sections:
                rc = add(h, call)
                if rc:
                    return rc
            return 0
        return _render(build, self.title or self.source)
