"""Forecasts of collective decisions, and backtests on decisions with known outcomes."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Union

from ._core import ArgumentError, _b, _Call, _count, _path, _text, _threads, ffi, lib
from ._scenario import Report, _render


def _positions(path):
    """Positions from a CSV (DEU III, KTAB, plain) or from a scenario (.yaml, .yml, .json)."""
    out = ffi.new("parley_positions **")
    if str(path).lower().endswith((".yaml", ".yml", ".json")):
        from ._scenario import Scenario
        sc = Scenario.load(path)
        call = _Call()
        call.check(lib.parley_positions_from_scenario(sc._p, out, call.err))
        return ffi.gc(out[0], lib.parley_positions_free)
    diags = ffi.gc(lib.parley_diagnostics_new(), lib.parley_diagnostics_free)
    call = _Call()
    call.check(lib.parley_positions_read_file(_path(path), ffi.NULL, out, diags, call.err), diags)
    return ffi.gc(out[0], lib.parley_positions_free)


def _models(model: Union[str, Sequence[str]]):
    names = [model] if isinstance(model, str) else list(model)
    if names == ["all"]:
        return None, 0
    ids = []
    for n in names:
        m = lib.parley_model_find(_b(n))
        if m < 0:
            known = [_text(lib.parley_model_name(k)) for k in range(lib.PARLEY_MODEL_COUNT)]
            raise ArgumentError(f"unknown model {n!r}; the models: {', '.join(known)}")
        ids.append(m)
    return ffi.new("parley_model[]", ids), len(ids)


def _capability(pos, capability: Optional[str], out):
    if capability is None:  # the file's own when it has them, else equal
        has = any(not math.isnan(lib.parley_positions_capability(pos, a))
                  for a in range(lib.parley_positions_actor_count(pos)))
        out.kind = lib.PARLEY_CAPABILITY_DATA if has else lib.PARLEY_CAPABILITY_EQUAL
        return None
    kinds = {"equal": lib.PARLEY_CAPABILITY_EQUAL, "votes": lib.PARLEY_CAPABILITY_VOTES,
             "data": lib.PARLEY_CAPABILITY_DATA}
    if capability in kinds:
        out.kind = kinds[capability]
        return None
    table = ffi.new("double[]", max(lib.parley_positions_actor_count(pos), 1))
    diags = ffi.gc(lib.parley_diagnostics_new(), lib.parley_diagnostics_free)
    call = _Call()
    call.check(lib.parley_capability_read(_path(capability), pos, table, diags, call.err), diags)
    out.kind, out.table = lib.PARLEY_CAPABILITY_TABLE, table
    return table


class Forecast:
    """Each model's forecast for every issue (:func:`forecast`): ``values[issue][model]`` (NaN
    where a model has none), ``outcomes[issue]`` (NaN when unknown), ``models``, ``issues``."""

    def __init__(self, fc, pos, keep):
        self._p, self._pos, self._keep = fc, pos, keep
        o = lib.parley_forecast_options_get(fc)
        self.models = [_text(lib.parley_model_name(o.models[k])) for k in range(o.n_models)]
        self.issues = [_text(lib.parley_positions_issue_id(pos, i)) for i in range(lib.parley_positions_issue_count(pos))]
        self.values: Dict[str, Dict[str, float]] = {
            iss: {m: lib.parley_forecast_value(fc, i, k) for k, m in enumerate(self.models)}
            for i, iss in enumerate(self.issues)}
        self.outcomes = {iss: lib.parley_positions_outcome(pos, i) for i, iss in enumerate(self.issues)}

    def report(self) -> Report:
        """The forecasts (or the rounds of a model that runs in rounds) as an HTML page."""
        return _render(lambda h, c: lib.parley_html_add_forecast(h, self._p, c.err),
                       _text(lib.parley_positions_source(self._pos)))


def forecast(path: Union[str, "os.PathLike[str]"], model: Union[str, Sequence[str]] = "all",
             capability: Optional[str] = None, threads: Optional[int] = None) -> Forecast:
    """What each forecasting model predicts for every issue of a positions file (DEU III,
    KTAB or plain CSV, or a scenario): ``model`` "all", one name ("compromise", "median",
    "eu-median", "smp", ...) or a list; ``capability``: "equal", "votes", "data" or a CSV of
    actor,capability (default: the file's own when it has them, else equal)."""
    models, n = _models(model)
    pos = _positions(path)
    o = ffi.new("parley_forecast_options *")
    lib.parley_forecast_defaults(o)
    if models is not None:
        o.models, o.n_models = models, n
    table = _capability(pos, capability, o.capability)
    o.threads = _threads(threads)
    out = ffi.new("parley_forecast **")
    call = _Call()
    o.progress, o.progress_user = lib._parley_progress, call.handle
    call.check(lib.parley_forecast_run(pos, o, out, call.err))
    return Forecast(ffi.gc(out[0], lib.parley_forecast_free), pos, (models, table))


@dataclass(frozen=True)
class Score:
    """A model's accuracy over the issues scored: n, MAE, RMSE and median absolute error, each
    with its 95% bootstrap interval."""

    model: str
    n: int
    mae: float
    mae_interval: tuple
    rmse: float
    rmse_interval: tuple
    median_ae: float
    median_ae_interval: tuple


def backtest(path: Union[str, "os.PathLike[str]"], model: Union[str, Sequence[str]] = "all",
             capability: Optional[str] = None, resamples: int = 2000, seed: int = 1, min_actors: int = 3,
             threads: Optional[int] = None) -> List[Score]:
    """Scores the models on the issues of path with known outcomes (docs/forecasting.md)."""
    models, n = _models(model)
    pos = _positions(path)
    o = ffi.new("parley_backtest_options *")
    lib.parley_backtest_defaults(o)
    if models is not None:
        o.models, o.n_models = models, n
    if capability is not None:
        table = _capability(pos, capability, o.capability)
    else:
        table = None
    o.resamples, o.seed = _count("resamples", resamples, 1), _count("seed", seed)
    o.min_actors, o.threads = _count("min_actors", min_actors, 1), _threads(threads)
    out = ffi.new("parley_backtest **")
    call = _Call()
    o.progress, o.progress_user = lib._parley_progress, call.handle
    call.check(lib.parley_backtest_run(pos, o, out, call.err))
    bt = ffi.gc(out[0], lib.parley_backtest_free)
    got = lib.parley_backtest_options_get(bt)
    scores = []
    for k in range(got.n_models):
        st = lib.parley_backtest_stats_get(bt, k)
        scores.append(Score(_text(lib.parley_model_name(got.models[k])), st.n, st.mae, (st.mae_lo, st.mae_hi), st.rmse,
                            (st.rmse_lo, st.rmse_hi), st.median_ae, (st.median_lo, st.median_hi)))
    del table
    return scores
