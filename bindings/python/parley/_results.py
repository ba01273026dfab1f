"""The results of the computations on a scenario, as Python objects over the library's own
(each keeps its scenario alive)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from ._core import NONE, ArgumentError, Package, _b, _Call, _text, ffi, lib
from ._scenario import Report, Scenario, Verdict, _render

try:
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None


def _pair(sc: Scenario, pair) -> Tuple[int, int]:
    if pair is None:
        return NONE, NONE
    a, b = pair
    return sc._party(a), sc._party(b)


@dataclass(frozen=True)
class Solution:
    """A bargaining solution: its package and every party's utility of it."""

    name: str
    package: Package
    utilities: Dict[str, float]


class Frontier:
    """The Pareto frontier of the feasible set: ``utilities`` (vectors x parties) and
    ``options`` (the witness package of each vector, as option indices: vectors x issues), numpy
    arrays filled by the library in one call (lists without numpy); ``packages``: the witnesses
    as dictionaries; ``counts``: how many packages reach each vector (0: not counted). The
    arrays are made once, by one call into the library: no Python object per point."""

    def __init__(self, analysis: "Analysis"):
        an, sc = analysis._p, analysis.scenario._p
        n, P, N = lib.parley_analysis_frontier_count(an), lib.parley_party_count(sc), lib.parley_issue_count(sc)
        self._scenario = analysis.scenario
        self.parties = analysis.scenario.party_ids
        if _np is not None:
            self.utilities = _np.empty((n, P), dtype=_np.float64)
            self.options = _np.empty((n, N), dtype=_np.uint32)
            if n:
                lib.parley_analysis_frontier_matrix(an, ffi.from_buffer("double[]", self.utilities),
                                                    ffi.from_buffer("uint32_t[]", self.options))
        else:  # pragma: no cover
            u, o = ffi.new("double[]", max(n * P, 1)), ffi.new("uint32_t[]", max(n * N, 1))
            lib.parley_analysis_frontier_matrix(an, u, o)
            self.utilities = [[u[i * P + p] for p in range(P)] for i in range(n)]
            self.options = [[o[i * N + k] for k in range(N)] for i in range(n)]
        self._an, self._n = analysis, n

    def __len__(self) -> int:
        return self._n

    @property
    def counts(self) -> List[int]:
        """How many packages reach each vector (0: not counted)."""
        return [lib.parley_analysis_frontier_packages(self._an._p, i) for i in range(self._n)]

    @property
    def packages(self) -> List[Package]:
        """Every vector's witness package, as a dictionary issue -> option."""
        issues = self._scenario.issues
        return [{iss.id: iss.options[int(row[k])] for k, iss in enumerate(issues)} for row in self.options]


class Analysis:
    """The analysis of every package of a scenario (:meth:`Scenario.analyze`)."""

    def __init__(self, scenario: Scenario, ptr):
        self.scenario = scenario
        self._p = ffi.gc(ptr, lib.parley_analysis_free)
        self._frontier: Optional[Frontier] = None

    @property
    def method(self) -> str:
        """The method that ran: "enumerate", "additive" or "boxes"."""
        return _text(lib.parley_method_name(lib.parley_analysis_method(self._p)))

    @property
    def feasible_count(self) -> Optional[int]:
        """How many packages every party accepts (None when the method could not count them);
        exact beyond 2^64, where every package is feasible."""
        if not lib.parley_analysis_feasible_known(self._p):
            return None
        n = lib.parley_analysis_feasible_count(self._p)
        if self.method != "enumerate" and n == lib.parley_analysis_outcome_count(self._p):
            return self.scenario.outcome_count  # every package; the count may pass 64 bits
        return n

    @property
    def frontier(self) -> Frontier:
        """The Pareto frontier of the feasible set (made once, on first use)."""
        if self._frontier is None:
            self._frontier = Frontier(self)
        return self._frontier

    @property
    def solutions(self) -> Dict[str, Solution]:
        """The bargaining solutions by name ("nash", "kalai_smorodinsky", "egalitarian",
        "utilitarian", "kalai_smorodinsky_unnormalised", "nash_weighted"); empty when nothing
        is feasible."""
        out = {}
        sc = self.scenario
        N = lib.parley_issue_count(sc._p)
        pkg = ffi.new("uint32_t[]", max(N, 1))
        for s in range(lib.PARLEY_SOLUTION_COUNT):
            i = lib.parley_analysis_solution(self._p, s)
            if i == NONE:
                continue
            lib.parley_analysis_frontier_get(self._p, i, pkg, ffi.NULL)
            name = _text(lib.parley_solution_name(s))
            out[name] = Solution(name, sc._package_dict(pkg),
                                 {p: lib.parley_analysis_frontier_utility(self._p, i, k) for k, p in enumerate(sc.party_ids)})
        return out

    def verdicts(self, framework: str) -> Dict[str, Verdict]:
        """Every party's verdict on a framework."""
        f = lib.parley_framework_find(self.scenario._p, _b(framework))
        if f == NONE:
            raise ArgumentError(f"{framework!r} is not a framework of {self.scenario.source}")
        v = ffi.new("parley_acceptance *")
        out = {}
        for k, p in enumerate(self.scenario.party_ids):
            lib.parley_analysis_framework_acceptance(self._p, f, k, v)
            out[p] = Verdict(p, v.utility, v.reservation, v.red_lines_crossed, bool(v.accepts))
        return out

    def _add_to(self, h, call: _Call, pair=None) -> int:
        a, b = _pair(self.scenario, pair)
        return lib.parley_html_add_analysis(h, self._p, a, b, call.err)

    def report(self, pair: Optional[Tuple[str, str]] = None) -> Report:
        """The deal space and the draft as an HTML page (shows inline in Jupyter)."""
        return _render(lambda h, c: self._add_to(h, c, pair), self.scenario.title or self.scenario.source)

    def __repr__(self) -> str:
        return (f"<parley.Analysis {self.method}: {self.feasible_count} feasible, "
                f"{len(self.frontier)} frontier vectors>")


@dataclass(frozen=True)
class Amendment:
    """An amendment: its package, the issues it changes (issue -> new option), and what the
    drafters lose (negative: they gain)."""

    package: Package
    changes: Dict[str, str]
    loss: float


class Amendments:
    """The packages every party accepts that change the fewest issues of a draft
    (:meth:`Scenario.amend`): ``items`` ranked by the drafters' loss, ``best`` the first (None
    when there is none), ``changes`` how many issues they change."""

    def __init__(self, scenario: Scenario, ptr):
        self.scenario = scenario
        self._p = ffi.gc(ptr, lib.parley_amendments_free)
        draft = scenario._package_dict(lib.parley_amendments_draft(self._p))
        self.draft = draft
        self.items: List[Amendment] = []
        for k in range(lib.parley_amendments_count(self._p)):
            pkg = scenario._package_dict(lib.parley_amendments_package(self._p, k))
            self.items.append(Amendment(pkg, {i: o for i, o in pkg.items() if draft[i] != o},
                                        lib.parley_amendments_loss(self._p, k)))
        c = lib.parley_amendments_changes(self._p)
        self.changes: Optional[int] = None if c == NONE else c

    @property
    def best(self) -> Optional[Amendment]:
        """The amendment the drafters lose least by (None when there is none)."""
        return self.items[0] if self.items else None

    def __repr__(self) -> str:
        return f"<parley.Amendments {len(self.items)} changing {self.changes} issues>"


class Acceptance:
    """Acceptance under uncertainty (:meth:`Scenario.accept`): ``probability`` and
    ``interval`` (95% Wilson) per party, ``everyone`` and ``everyone_interval``, ``refuses_alone``
    per party, and ``sensitivity``: per party its uncertain numbers with how much each moves its
    decision, largest first."""

    def __init__(self, scenario: Scenario, ptr):
        self.scenario = scenario
        self._p = ffi.gc(ptr, lib.parley_acceptance_estimate_free)
        lo, hi = ffi.new("double *"), ffi.new("double *")
        self.probability: Dict[str, float] = {}
        self.interval: Dict[str, Tuple[float, float]] = {}
        self.refuses_alone: Dict[str, float] = {}
        self.sensitivity: Dict[str, List[Tuple[str, float]]] = {}
        buf = ffi.new("char[512]")
        delta = ffi.new("double *")
        for k, p in enumerate(scenario.party_ids):
            self.probability[p] = lib.parley_estimate_probability(self._p, k, lo, hi)
            self.interval[p] = (lo[0], hi[0])
            self.refuses_alone[p] = lib.parley_estimate_sole_refuser(self._p, k)
            items = []
            for j in range(lib.parley_estimate_sensitivity_count(self._p, k)):
                idx = lib.parley_estimate_sensitivity(self._p, k, j, delta)
                lib.parley_uncertain_describe(scenario._p, idx, buf, 512)
                items.append((_text(buf), delta[0]))
            self.sensitivity[p] = items
        self.everyone = lib.parley_estimate_probability(self._p, NONE, lo, hi)
        self.everyone_interval = (lo[0], hi[0])
        self.samples = lib.parley_estimate_samples(self._p)

    def _add_to(self, h, call: _Call, label: Optional[str] = None) -> int:
        return lib.parley_html_add_acceptance(h, self._p, _b(label) if label else ffi.NULL, call.err)

    def report(self, label: Optional[str] = None) -> Report:
        """The acceptance probabilities and the tornado chart as an HTML page."""
        return _render(lambda h, c: self._add_to(h, c, label), self.scenario.title or self.scenario.source)

    def __repr__(self) -> str:
        return f"<parley.Acceptance everyone {self.everyone:.4f} over {self.samples} draws>"


@dataclass(frozen=True)
class Step:
    """A drafting step: the parties consulted, the party whose change was adopted (None), the
    change (issue -> option) and the text after it."""

    consulted: List[str]
    proposer: Optional[str]
    changes: Dict[str, str]
    text: Package


class Mediation:
    """A mediated draft (:meth:`Scenario.mediate`): ``final`` the text (None when there is
    none), ``verdicts`` every party's true verdict, ``expected`` what the mediator expected of
    the parties it holds a picture of, ``steps`` the drafting path, ``all_accept``."""

    def __init__(self, scenario: Scenario, ptr):
        self.scenario = scenario
        self._p = ffi.gc(ptr, lib.parley_mediation_result_free)
        sc, ids = scenario._p, scenario.party_ids
        pkg = lib.parley_mediation_result_package(self._p)
        self.final: Optional[Package] = scenario._package_dict(pkg) if pkg != ffi.NULL else None
        self.verdicts: Dict[str, Verdict] = {}
        self.expected: Dict[str, bool] = {}
        v = ffi.new("parley_acceptance *")
        if pkg != ffi.NULL:
            for k, p in enumerate(ids):
                lib.parley_mediation_result_verdict(self._p, k, v)
                self.verdicts[p] = Verdict(p, v.utility, v.reservation, v.red_lines_crossed, bool(v.accepts))
                if lib.parley_mediation_result_expected(self._p, k, v) == 0:
                    self.expected[p] = bool(v.accepts)
        self.all_accept = bool(lib.parley_mediation_result_all_accept(self._p))
        self.steps: List[Step] = []
        st = ffi.new("parley_mediation_step *")
        start = lib.parley_mediation_result_start(self._p)
        before = scenario._package_dict(start) if start != ffi.NULL else None
        for k in range(lib.parley_mediation_result_step_count(self._p)):
            lib.parley_mediation_result_step(self._p, k, st)
            text = scenario._package_dict(st.text) if st.text != ffi.NULL else {}
            if before is not None and text:  # every issue the step changed, not only the first two
                changes = {i: o for i, o in text.items() if before.get(i) != o}
            else:
                changes = {_text(lib.parley_issue_id(sc, st.issue[j])): _text(lib.parley_option_id(sc, st.issue[j], st.option[j]))
                           for j in range(min(st.n_changed, 2))}
            self.steps.append(Step([p for j, p in enumerate(ids) if st.consulted >> j & 1],
                                   None if st.proposer == NONE else ids[st.proposer], changes, text))
            before = text or before
        self.procedure = _text(lib.parley_procedure_name(lib.parley_mediation_result_procedure(self._p)))

    def _add_to(self, h, call: _Call, pair=None, analysis: Optional[Analysis] = None) -> int:
        a, b = _pair(self.scenario, pair)
        return lib.parley_html_add_mediation(h, self._p, analysis._p if analysis else ffi.NULL, a, b, call.err)

    def report(self, pair: Optional[Tuple[str, str]] = None) -> Report:
        """The drafting path, the utilities step by step and the verdicts as an HTML page."""
        an = self.scenario.analyze()
        return _render(lambda h, c: self._add_to(h, c, pair, an), self.scenario.title or self.scenario.source)

    def __repr__(self) -> str:
        return f"<parley.Mediation {self.procedure}: {len(self.steps)} steps, all accept: {self.all_accept}>"


class Timeline:
    """The deal along the clock (:meth:`Scenario.timeline`): ``times``, ``feasible`` (per
    time; None where not counted), ``nash`` (the Nash package per time, or None), and
    ``windows``: for "deal" and each framework, the (from, to) spans in which every party
    accepts it."""

    def __init__(self, scenario: Scenario, ptr):
        self.scenario = scenario
        self._p = ffi.gc(ptr, lib.parley_timeline_free)
        n = lib.parley_timeline_count(self._p)
        known = ffi.new("int *")
        self.times = [lib.parley_timeline_time(self._p, k) for k in range(n)]
        self.feasible = []
        self.nash: List[Optional[Package]] = []
        for k in range(n):
            c = lib.parley_timeline_feasible(self._p, k, known)
            if known[0] and c == 2 ** 64 - 1:  # saturated: every package, a count past 64 bits
                c = scenario.outcome_count
            self.feasible.append(c if known[0] else None)
            pkg = lib.parley_timeline_nash(self._p, k)
            self.nash.append(scenario._package_dict(pkg) if pkg != ffi.NULL else None)
        lo, hi = ffi.new("double *"), ffi.new("double *")
        self.windows: Dict[str, List[Tuple[float, float]]] = {}
        for key, f in [("deal", NONE)] + [(fid, k) for k, fid in enumerate(scenario.frameworks)]:
            spans = []
            for w in range(lib.parley_timeline_window_count(self._p, f)):
                lib.parley_timeline_window(self._p, f, w, lo, hi)
                spans.append((lo[0], hi[0]))
            self.windows[key] = spans

    def _add_to(self, h, call: _Call) -> int:
        return lib.parley_html_add_timeline(h, self._p, call.err)

    def report(self) -> Report:
        """The deal over time as an HTML page."""
        return _render(self._add_to, self.scenario.title or self.scenario.source)
