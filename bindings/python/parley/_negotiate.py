"""Negotiations and tournaments between strategies."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

import numbers

from ._core import NONE, ArgumentError, Package, _b, _Call, _callback_error, _count, _list, _text, _threads, ffi, lib
from ._scenario import Report, Scenario, _render

_END = {lib.PARLEY_END_AGREEMENT: "agreement", lib.PARLEY_END_DEADLINE: "deadline",
        lib.PARLEY_END_NO_DEAL_POSSIBLE: "no_deal_possible", lib.PARLEY_END_WALKED_AWAY: "walked_away"}
_ACTION = {lib.PARLEY_ACTION_OFFER: "offer", lib.PARLEY_ACTION_ACCEPT: "accept", lib.PARLEY_ACTION_WALK_AWAY: "walk_away"}


class _WalkAway:
    """What :meth:`Agent.respond` returns to walk away: the session ends without a deal."""

    def __repr__(self) -> str:
        return "parley.WALK_AWAY"


WALK_AWAY = _WalkAway()


def _agent_spec(text: str, out) -> None:
    call = _Call()
    rc = lib.parley_agent_parse(_b(text), out, call.err)
    if rc:
        raise ArgumentError(f"agent {text!r}: {_text(call.err.message)}")


@dataclass(frozen=True)
class Action:
    """One action of a negotiation: its time (0 to 1), round (from 1), the party, "offer",
    "accept" or "walk_away", the package offered, accepted or walked away from, and every
    party's utility of it."""

    time: float
    round: int
    party: str
    action: str
    package: Package
    utilities: Dict[str, float]


class Session:
    """A negotiation's outcome (:meth:`Scenario.negotiate`): ``end`` ("agreement", "deadline",
    "no_deal_possible", "walked_away"), ``blocker`` (the party that could accept nothing or
    walked away, else None), ``agreement`` (the package, or None), ``time`` and ``round`` of the
    end (NaN and None at the deadline), ``utilities`` (each party's, discounted, its reservation without a deal), ``welfare``,
    the distances to the Pareto frontier and the Nash package, and ``trace``: every action."""

    def __init__(self, scenario: Scenario, ptr):
        self.scenario = scenario
        self._p = ffi.gc(ptr, lib.parley_session_free)
        s, ids = self._p, scenario.party_ids
        self.end = _END[lib.parley_session_end_reason(s)]
        b = lib.parley_session_blocker(s)
        self.blocker: Optional[str] = None if b == NONE else ids[b]
        pkg = lib.parley_session_agreement(s)
        self.agreement: Optional[Package] = scenario._package_dict(pkg) if pkg != ffi.NULL else None
        self.time = lib.parley_session_time(s)
        r = lib.parley_session_round(s)
        self.round: Optional[int] = None if r == NONE else r + 1  # None: it ran to the deadline
        self.utilities = {p: lib.parley_session_utility(s, k) for k, p in enumerate(ids)}
        self.welfare = lib.parley_session_welfare(s)
        self.pareto_distance = lib.parley_session_pareto_distance(s)
        self.nash_distance = lib.parley_session_nash_distance(s)
        self._trace: Optional[List[Action]] = None

    @property
    def trace(self) -> List[Action]:
        """Every action of the session, in order."""
        if self._trace is None:
            sc, ids = self.scenario, self.scenario.party_ids
            a = ffi.new("parley_action *")
            out = []
            for k in range(lib.parley_session_action_count(self._p)):
                lib.parley_session_action(self._p, k, a)
                out.append(Action(a.time, a.round + 1, ids[a.party],
                                  _ACTION[a.kind],
                                  sc._package_dict(a.package),
                                  {p: lib.parley_utility(sc._p, j, a.package) for j, p in enumerate(ids)}))
            self._trace = out
        return self._trace

    def report(self, pair=None) -> Report:
        """The negotiation's HTML page: utilities over time and the offers' path."""
        an = self.scenario.analyze()
        a, b = (NONE, NONE) if pair is None else (self.scenario._party(pair[0]), self.scenario._party(pair[1]))
        return _render(lambda h, c: lib.parley_html_add_session(h, self._p, an._p, a, b, c.err),
                       self.scenario.title or self.scenario.source)

    def __repr__(self) -> str:
        return f"<parley.Session {self.end}" + (f" in round {self.round}>" if self.round else ">")


class Agent:
    """A negotiation strategy written in Python, to play a party against parley's own
    strategies in :meth:`Scenario.negotiate`. Subclass it and define :meth:`propose` and
    :meth:`respond`; before the session, :meth:`start` gives it the scenario, its party and the
    rounds (``self.scenario``, ``self.party``, ``self.rounds``).

    Each call crosses from C into Python and turns packages into dictionaries: a few
    microseconds (docs/python.md gives the figure), against well under one for parley's own
    strategies, so a Python agent suits experiments more than large tournaments (which take
    parley's strategies only)."""

    scenario: Scenario
    party: str
    rounds: int

    def start(self, scenario: Scenario, party: str, rounds: int) -> None:
        """Called once before the session."""
        self.scenario, self.party, self.rounds = scenario, party, rounds

    def propose(self, time: float, round: int, standing: Optional[Package]) -> PackageLike:
        """The package to offer at normalised time ``time`` (0 to 1) in round ``round`` (from
        0); ``standing`` is the offer on the table (None before the first). Return a mapping
        issue -> option, "issue=option,..." or a framework's id."""
        raise NotImplementedError

    def respond(self, time: float, round: int, offer: Package) -> Union[bool, "_WalkAway"]:
        """Whether to accept the offer on the table; when not, :meth:`propose` is called.
        Return :data:`parley.WALK_AWAY` to walk away: the session ends without a deal."""
        raise NotImplementedError


class _Played:
    """What the C side needs to call a Python agent: the agent, its scenario, and an exception
    raised inside it, carried out of the library."""

    def __init__(self, agent: Agent, scenario: Scenario):
        self.agent, self.scenario = agent, scenario
        self.raised: Optional[BaseException] = None
        self.handle = ffi.new_handle(self)
        self.cb = ffi.new("parley_agent_callbacks *")
        self.cb.respond, self.cb.propose, self.cb.user = lib._parley_agent_respond, lib._parley_agent_propose, self.handle


@ffi.def_extern(onerror=_callback_error)
def _parley_agent_respond(user, party, time, round, offer):
    played = ffi.from_handle(user)
    try:
        answer = played.agent.respond(time, round, played.scenario._package_dict(offer))
        if answer is WALK_AWAY:
            return lib.PARLEY_WALK_AWAY
        if not isinstance(answer, (bool, numbers.Integral)) and type(answer).__name__ != "bool_":
            raise ArgumentError(f"{type(played.agent).__name__}.respond must return True, False or parley.WALK_AWAY, "
                                f"not {answer!r}")
        return 1 if answer else 0
    except BaseException as exc:  # noqa: BLE001 — carried out of the library, raised after
        played.raised = exc
        return lib.PARLEY_ERR_CANCELLED


@ffi.def_extern(onerror=_callback_error)
def _parley_agent_propose(user, party, time, round, standing, package):
    played = ffi.from_handle(user)
    try:
        sc = played.scenario
        offer = played.agent.propose(time, round, None if standing == ffi.NULL else sc._package_dict(standing))
        ffi.memmove(package, sc._package(offer), 4 * lib.parley_issue_count(sc._p))
        return 0
    except BaseException as exc:  # noqa: BLE001
        played.raised = exc
        return lib.PARLEY_ERR_CANCELLED


def run_session(scenario: Scenario, agents: Mapping[Any, Any], rounds: int, seed: int,
                order: Optional[Sequence[Any]]) -> Session:
    P = lib.parley_party_count(scenario._p)
    specs = ffi.new("parley_agent_spec[]", P)
    for p in range(P):
        _agent_spec("boulware", specs + p)
    played: List[_Played] = []
    for who, spec in agents.items():
        p = scenario._party(who)
        if isinstance(spec, Agent):
            spec.start(scenario, scenario.party_ids[p], int(rounds))
            played.append(_Played(spec, scenario))
            specs[p].external = played[-1].cb
        elif isinstance(spec, str):
            _agent_spec(spec, specs + p)
        else:
            raise ArgumentError(f"the agent of {who!r} must be a strategy's name such as 'boulware' or a parley.Agent")
    o = ffi.new("parley_negotiate_options *")
    lib.parley_negotiate_defaults(o)
    o.rounds, o.seed, o.agents, o.trace = _count("rounds", rounds, 1), _count("seed", seed), specs, 1
    keep = None
    if order is not None:
        order = [scenario._party(p) for p in _list("order", order)]
        if sorted(order) != list(range(P)):
            raise ArgumentError(f"order must name each of the {P} parties once")
        keep = ffi.new("size_t[]", order)
        o.order = keep
    out = ffi.new("parley_session **")
    call = _Call()
    rc = lib.parley_negotiate(scenario._p, o, out, call.err)
    for pl in played:
        if pl.raised is not None:
            raise pl.raised
    call.check(rc)
    return Session(scenario, out[0])


@ffi.def_extern(onerror=_callback_error)
def _parley_tournament_row(user, row):
    state = ffi.from_handle(user)
    try:
        state.take(row)
    except BaseException as exc:  # noqa: BLE001 — carried out of the library, raised after
        state.raised = exc
        return lib.PARLEY_ERR_CANCELLED
    return 0


class _Rows:
    def __init__(self, scenarios: List[Scenario], names: List[str], agent_names: List[str], summary):
        self.scenarios, self.names, self.agent_names, self.summary = scenarios, names, agent_names, summary
        self.rows: List[Dict[str, Any]] = []
        self.raised: Optional[BaseException] = None

    def take(self, r) -> None:
        sc = self.scenarios[r.scenario]
        ids = sc.party_ids
        s = r.session
        lib.parley_tournament_summary_add(self.summary, s, r.agents)
        pkg = lib.parley_session_agreement(s)
        row = {"job": r.job, "scenario": self.names[r.scenario], "repetition": r.repetition, "seed": r.seed,
               "end": _END[lib.parley_session_end_reason(s)],
               "round": None if lib.parley_session_round(s) == NONE else lib.parley_session_round(s) + 1,
               "time": lib.parley_session_time(s), "welfare": lib.parley_session_welfare(s),
               "pareto_distance": lib.parley_session_pareto_distance(s),
               "nash_distance": lib.parley_session_nash_distance(s),
               "agreement": sc._package_dict(pkg) if pkg != ffi.NULL else None}
        for k, p in enumerate(ids):
            row[f"agent_{p}"] = self.agent_names[r.agents[k]]
            row[f"utility_{p}"] = lib.parley_session_utility(s, k)
        self.rows.append(row)


@dataclass(frozen=True)
class AgentResult:
    """An agent's summary over a tournament: negotiations played, mean utility with its 95%
    interval, agreement rate, mean distances of its deals to the Pareto frontier and the Nash
    package, and its rank (1: the best)."""

    agent: str
    sessions: int
    mean: float
    low: float
    high: float
    agreement_rate: float
    pareto_distance: float
    nash_distance: float
    rank: int


class Tournament:
    """A tournament's outcome (:func:`tournament`): ``rows`` (one dictionary per negotiation,
    in the fixed order, the same whatever the thread count), ``summary`` (per agent, by rank),
    and ``frame()``: the rows as a pandas DataFrame when pandas is installed."""

    def __init__(self, rows: List[Dict[str, Any]], summary: List[AgentResult], html: Report):
        self.rows, self.summary, self._html = rows, summary, html

    def frame(self) -> "pandas.DataFrame":
        """The rows as a pandas DataFrame (pandas must be installed)."""
        import pandas  # noqa: F401 — optional
        return pandas.DataFrame(self.rows)

    def report(self) -> Report:
        """The agents' mean utilities with their intervals as an HTML page."""
        return self._html

    def __len__(self) -> int:
        return len(self.rows)


def tournament(agents: Sequence[str], scenarios: Sequence[Union[Scenario, str, "os.PathLike[str]"]],
               repetitions: int = 1, rounds: int = 100, seed: int = 1, sample: int = 0,
               threads: Optional[int] = None) -> Tournament:
    """Every assignment of the agents to the parties of each scenario (both role orders for
    two parties; ``sample`` K draws K assignments per scenario instead), each repeated with its
    own seed, on all cores (docs/cli.md, ``parley tournament``). ``scenarios``: Scenario
    objects or paths."""
    scs = [s if isinstance(s, Scenario) else Scenario.load(s) for s in _list("scenarios", scenarios)]
    agents = _list("agents", agents)
    names = [s.title or s.source for s in scs]
    specs = ffi.new("parley_agent_spec[]", max(len(agents), 1))
    for k, a in enumerate(agents):
        if not isinstance(a, str):
            raise ArgumentError(f"a tournament's agents are strategies' names such as 'boulware', not {a!r}")
        _agent_spec(a, specs + k)
    o = ffi.new("parley_tournament_options *")
    lib.parley_tournament_defaults(o)
    o.rounds, o.repetitions = _count("rounds", rounds, 1), _count("repetitions", repetitions, 1)
    o.seed, o.sample, o.threads = _count("seed", seed), _count("sample", sample), _threads(threads)
    arr = ffi.new("parley_scenario *[]", [s._p for s in scs])
    summary = ffi.gc(lib.parley_tournament_summary_new(len(agents)), lib.parley_tournament_summary_free)
    state = _Rows(scs, names, list(agents), summary)
    handle = ffi.new_handle(state)
    call = _Call()
    o.progress, o.progress_user = lib._parley_progress, call.handle  # Ctrl-C between rows too
    rc = lib.parley_tournament_run(ffi.cast("const parley_scenario *const *", arr), len(scs), specs, len(agents), o,
                                   lib._parley_tournament_row, handle, call.err)
    if state.raised is not None:
        raise state.raised
    call.check(rc)  # an exception a callback could not carry comes out here
    res = ffi.new("parley_agent_result *")
    results = []
    for k, a in enumerate(agents):
        lib.parley_tournament_summary_get(summary, k, res)
        results.append(AgentResult(a, res.sessions, res.mean, res.low, res.high, res.agreement_rate,
                                   res.pareto_distance, res.nash_distance, res.rank))
    results.sort(key=lambda r: r.rank)
    html = _render(lambda h, c: lib.parley_html_add_tournament(h, summary, specs, len(agents), len(state.rows), c.err),
                   "parley tournament")
    return Tournament(state.rows, results, html)
