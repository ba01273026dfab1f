"""parley — multi-party negotiations: exact analysis of deal spaces, mediation, acceptance under
uncertainty, amendments, negotiation between strategies, tournaments, and forecasts of
collective decisions, at the speed of the C library underneath.

    import parley
    sc = parley.Scenario.load("examples/ukraine-framework.yaml")
    an = sc.analyze()
    an.solutions["nash"].package
    an.frontier.utilities            # numpy array, vectors x parties
    sc.amend("us_draft").best
    sc.accept("us_draft", samples=100_000, seed=1).probability["ukraine"]

docs/python.md has the tutorial.
"""
from ._core import (ArgumentError, Error, FileError, InputError, LimitError, OutOfMemory, Package, PackageLike,
                    ffi as _ffi, lib as _lib)
from ._builder import Belief, Builder
from ._forecast import Forecast, Score, backtest, forecast
from ._negotiate import WALK_AWAY, Action, Agent, AgentResult, Session, Tournament, tournament
from ._results import (Acceptance, Amendment, Amendments, Analysis, Frontier, Mediation, Solution, Step,
                       Timeline)
from ._scenario import Issue, Party, Report, Scenario, Verdict

__version__: str = _ffi.string(_lib.parley_version()).decode()

__all__ = ["Scenario", "Builder", "Belief", "Analysis", "Frontier", "Solution", "Amendments", "Amendment", "Acceptance", "Mediation",
           "Step", "Timeline", "Session", "Action", "Agent", "WALK_AWAY", "Tournament", "AgentResult", "Forecast", "Score", "Report",
           "Issue", "Party", "Verdict", "Package", "PackageLike", "tournament", "forecast", "backtest", "Error",
           "InputError", "LimitError", "FileError", "ArgumentError", "OutOfMemory", "__version__"]
