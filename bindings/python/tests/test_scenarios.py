"""Reading, writing and building scenarios, and errors that say where."""
import os

import pytest

import parley
from conftest import EXAMPLE


def test_round_trip_yaml(example, tmp_path):
    again = parley.Scenario.from_yaml(example.to_yaml())
    assert again.analyze().solutions["nash"].package == example.analyze().solutions["nash"].package
    path = tmp_path / "copy.yaml"
    example.save(path)
    assert parley.Scenario.load(path).frameworks == example.frameworks


def test_from_dict_and_change():
    d = {"title": "Two", "issues": [{"id": "deal", "options": ["a", "b", "c"]}],
         "parties": [{"id": "first", "reservation": 0.3, "weights": {"deal": 1}, "values": {"deal": [1, 0.64, 0]}},
                     {"id": "second", "reservation": 0.2, "weights": {"deal": 1}, "values": {"deal": [0, 0.67, 1]}}],
         "frameworks": [{"id": "draft", "package": {"deal": "b"}}]}
    sc = parley.Scenario.from_dict(d)
    assert sc.utility("first", "draft") == pytest.approx(0.64)
    assert sc.verdict("second", {"deal": "b"}).accepts
    d["parties"][1]["reservation"] = 0.9  # changed, and analysed again
    sc2 = parley.Scenario.from_dict(d)
    assert not sc2.verdict("second", "draft").accepts
    assert sc2.analyze().feasible_count == 0  # only c gives second 0.9, and first nothing there


def test_error_positions():
    with pytest.raises(parley.InputError) as e:
        parley.Scenario.from_yaml("issues:\n  - {id: a, options: [x, y]}\nparties:\n  - id: p\n    weights: {b: 1}\n",
                                  "bad.yaml")
    err = e.value
    assert err.file == "bad.yaml" and err.line == 5 and err.column > 0
    assert err.status == "invalid"
    assert str(err).startswith("bad.yaml:5:")
    assert err.problems[0][:2] == ("bad.yaml", 5)


def test_syntax_error_position():
    with pytest.raises(parley.InputError) as e:
        parley.Scenario.from_yaml("issues: [\n  {id: a, options: [x]}\nparties: 3\n", "syntax.yaml")
    assert (e.value.file, e.value.line, e.value.status) == ("syntax.yaml", 3, "syntax")


def test_missing_file():
    with pytest.raises(parley.FileError) as e:
        parley.Scenario.load("/nonexistent/scenario.yaml")
    assert isinstance(e.value, OSError)


def test_bad_arguments(example):
    with pytest.raises(parley.ArgumentError, match="not a party"):
        example.utility("mars", "us_draft")
    with pytest.raises(parley.ArgumentError):
        example.utility("ukraine", {"territory": "ceded"})
    with pytest.raises(parley.ArgumentError, match="unknown procedure"):
        example.mediate(procedure="coin-toss")
    with pytest.raises(parley.ArgumentError, match="threads"):
        example.analyze(threads=0)
    with pytest.raises(parley.ArgumentError):
        parley.forecast(EXAMPLE, model="astrology")


def test_ctrl_c_cancels_long_work():
    """A KeyboardInterrupt raised during the work (here by the progress callback, as Ctrl-C
    would be) stops the library and comes out as KeyboardInterrupt."""
    big = parley.Scenario.from_dict({
        "issues": [{"id": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(8)],
        "parties": [{"id": f"p{p}", "weights": {f"i{k}": 1 for k in range(8)},
                     "values": {f"i{k}": [((j * 3 + p + k) % 10) / 9 for j in range(10)] for k in range(8)}}
                    for p in range(4)]})
    calls = []

    def progress(fraction):
        calls.append(fraction)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        big.analyze(method="enumerate", progress=progress)
    assert len(calls) == 1
