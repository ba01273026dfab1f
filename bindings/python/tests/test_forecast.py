"""The DEU III baselines through Python: every issue's six baseline forecasts to 1e-6."""
import csv

import pytest

import parley
from conftest import data

COLUMNS = [("mean", "equal"), ("median", "equal"), ("compromise", "equal"), ("weighted-median", "equal"),
           ("compromise", "votes"), ("weighted-median", "votes")]


def test_deu3_baselines():
    issues = data("deu3", "deu3_issues.csv")
    with open(data("deu3", "deu3_baseline_predictions.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 351
    names = list(rows[0].keys())[-6:]
    checked = 0
    for (model, capability), column in zip(COLUMNS, names):
        fc = parley.forecast(issues, model=model, capability=capability)
        for row in rows:
            assert fc.values[row["isnr"]][model] == pytest.approx(float(row[column]), abs=1e-6)
            checked += 1
    assert checked == 6 * 351


def test_backtest_scores():
    scores = parley.backtest(data("deu3", "deu3_issues.csv"), model=["mean", "compromise"], resamples=200)
    assert [s.model for s in scores] == ["mean", "compromise"]
    for s in scores:
        assert s.n > 300 and s.mae_interval[0] <= s.mae <= s.mae_interval[1]
