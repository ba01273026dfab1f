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


def test_builder_from_scratch():
    b = (parley.Builder()
         .set_title("Built")
         .add_issue("deal", ["a", "b", "c"])
         .add_issue("side", ["x", "y"])
         .add_party("first", weights={"deal": 3, "side": 1}, values={"deal": [1, 0.64, 0], "side": {"x": 1, "y": 0}},
                    reservation=0.3)
         .add_party("second", weights={"deal": 1}, values={"deal": [0, 0.67, 1]}, reservation=0.2)
         .add_red_line("second", {"deal": "a"}, note="never a")
         .add_interaction("first", 0.1, {"deal": ["b", "c"], "side": "x"})
         .add_framework("draft", {"deal": "b", "side": "x"}))
    sc = b.build()
    assert sc.title == "Built" and sc.party_ids == ["first", "second"]
    assert sc.utility("first", "draft") == pytest.approx(0.75 * 0.64 + 0.25 * 1 + 0.1)
    assert not sc.verdict("second", {"deal": "a", "side": "x"}).accepts
    # the builder is unchanged by build: change it and build again
    sc2 = b.set_reservation("second", 0.9).build()
    assert not sc2.verdict("second", "draft").accepts and sc.verdict("second", "draft").accepts
    with pytest.raises(parley.InputError):
        b.set_reservation("first", 2.0)  # reservations are in [0, 1]; nothing changed
    with pytest.raises(parley.ArgumentError):
        b.set_values("first", "deal", [1, 0])  # one value per option


def test_edit_and_believe(example):
    """Change a scenario, and replace a party's profile by the mediator's belief about it."""
    changed = example.edit().set_reservation("ukraine", 0.40).build()
    assert changed.verdict("ukraine", "us_draft").accepts and not example.verdict("ukraine", "us_draft").accepts
    b = example.edit()
    b.believe("us", "europe").set_reservation(0.95)  # the U.S. thinks Europe wants nearly everything
    believed = b.build()
    view = believed.view()
    assert "europe" in view.party_ids
    e = view.party_ids.index("europe")
    assert view.parties[e].reservation == pytest.approx(0.95)
    assert believed.parties[believed.party_ids.index("europe")].reservation == example.parties[3].reservation
    # the mediator, drafting on that view, expects Europe to refuse more than it does
    m = believed.mediate(procedure="nash")
    assert m.final is None or "europe" in m.verdicts


CHILD = r"""
import sys, time
import parley
big = parley.Scenario.from_dict({
    "issues": [{"id": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(9)],
    "parties": [{"id": f"p{p}", "weights": {f"i{k}": 1 for k in range(9)},
                 "values": {f"i{k}": [((j * 3 + p + k) % 10) / 9 for j in range(10)] for k in range(9)}}
                for p in range(4)]})
print("ready", flush=True)
t = time.time()
try:
    big.analyze(method="enumerate", max_outcomes=10**10)
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted %.2f" % (time.time() - t), flush=True)
"""


def _sigint(child: str, after: float) -> str:
    """Runs child in a fresh interpreter, sends it SIGINT `after` seconds after it prints
    "ready", and gives back what it printed then."""
    import signal
    import subprocess
    import sys
    import time
    p = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert p.stdout.readline().strip() == "ready"
    time.sleep(after)
    p.send_signal(signal.SIGINT)
    return p.communicate(timeout=120)[0]


def test_real_ctrl_c():
    """SIGINT during a 10^9-package enumeration: the library stops within a moment and the call
    raises KeyboardInterrupt."""
    out = _sigint(CHILD, 0.3)
    assert out.startswith("interrupted"), out


TOURNAMENT_CHILD = r"""
import parley
sc = parley.Scenario.from_dict({
    "issues": [{"id": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(5)],
    "parties": [{"id": f"p{p}", "weights": {f"i{k}": k + p + 1 for k in range(5)},
                 "values": {f"i{k}": [((j * 7 + p * 3 + k) % 10) / 9 for j in range(10)] for k in range(5)}}
                for p in range(2)]})
print("ready", flush=True)
try:
    t = parley.tournament(["boulware", "conceder", "linear", "micro", "tit-for-tat"], [sc], repetitions=400, rounds=500)
    print("finished", len(t), flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_ctrl_c_stops_a_tournament():
    """SIGINT during a tournament is not swallowed by the row callback."""
    out = _sigint(TOURNAMENT_CHILD, 0.5)
    assert out.strip() == "interrupted", out


def test_signal_handlers_own_exception():
    """A signal handler raising TimeoutError during a long call: the call raises TimeoutError."""
    import signal
    big = parley.Scenario.from_dict({
        "issues": [{"id": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(9)],
        "parties": [{"id": f"p{p}", "weights": {f"i{k}": 1 for k in range(9)},
                     "values": {f"i{k}": [((j * 3 + p + k) % 10) / 9 for j in range(10)] for k in range(9)}}
                    for p in range(4)]})

    def alarm(signum, frame):
        raise TimeoutError("too slow")

    old = signal.signal(signal.SIGALRM, alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(TimeoutError, match="too slow"):
            big.analyze(method="enumerate", max_outcomes=10 ** 10)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_arguments_checked(example):
    for bad in (dict(rounds=-1), dict(seed=-5), dict(rounds=2.5)):
        with pytest.raises(parley.ArgumentError):
            example.negotiate(**bad)
    with pytest.raises(parley.ArgumentError):
        example.accept("us_draft", samples=0)
    with pytest.raises(parley.ArgumentError):
        example.amend("us_draft", top=-1)
    with pytest.raises(parley.ArgumentError, match="neither a framework"):
        example.amend("nope")
    with pytest.raises(parley.ArgumentError, match="not an option"):
        example.utility("ukraine", {**example.frameworks["us_draft"], "territory": "mars"})
    with pytest.raises(parley.ArgumentError):
        example.utility("ukraine", [0.9, 0, 0, 0, 0, 0])  # indices are whole numbers
    with pytest.raises(parley.ArgumentError, match="each of the 4 parties once"):
        example.negotiate(order=["russia", "russia", "us", "europe"])
    # one name where a list is expected counts as a list of one
    assert example.amend("us_draft", keep_for="us").best is not None
    assert example.mediate(drafts_with="russia").final is not None
    import numpy as np
    assert example.utility(np.int64(0), "us_draft") == example.utility("ukraine", "us_draft")


def test_builder_is_atomic():
    b = parley.Builder().add_issue("deal", ["a", "b"])
    with pytest.raises(parley.ArgumentError):
        b.add_issue("x", ["p", "q", "p"])
    b.add_issue("x", ["p", "q"])  # nothing was left of the refused one
    with pytest.raises(parley.Error):
        b.add_party("first", weights={"nope": 1})
    with pytest.raises(parley.Error):
        b.add_party("first", weights={"deal": 1}, values={"deal": [1, 0]}, reservation=5)
    b.add_party("first", weights={"deal": 1}, values={"deal": [1, 0]})
    b.add_party("second", weights={"deal": 1}, values={"deal": [0, 1]})
    b.add_party("third", weights={"deal": 1}, values={"deal": [0.5, 0.5]})
    b.remove_party(0)
    b.set_reservation("second", 0.25)
    sc = b.build()
    assert sc.party_ids == ["second", "third"]
    assert sc.parties[0].reservation == 0.25 and sc.parties[1].reservation == 0


def test_builder_uncertain_and_timed():
    """Distributions and schedules through the Builder: the same scenario as the YAML."""
    yaml = ("time: {unit: month, horizon: 12}\n"
            "issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [u, v, w]}\n"
            "parties:\n"
            "  - id: p\n    weights: {dirichlet: {a: 2, b: 1}}\n"
            "    values: {a: [1, 0], b: [0, {triangular: [0.2, 0.5, 0.6]}, 1]}\n"
            "    reservation: {schedule: [[0, {uniform: [0.2, 0.4]}], [12, {uniform: [0.1, 0.3]}]]}\n"
            "    interactions: [{when: {a: x, b: w}, bonus: {normal: [0.1, 0.05]}}]\n"
            "    red_lines: [{when: {a: y, b: u}, probability: 0.7}]\n"
            "  - id: q\n    weights: {a: {schedule: [[0, 1], [6, 2]]}, b: {uniform: [1, 3]}}\n"
            "    values: {a: [0, 1], b: [1, 0.5, 0]}\n    reservation: {uniform: [0.1, 0.3]}\n")
    read = parley.Scenario.from_yaml(yaml)
    built = (parley.Builder()
             .set_time("month", 12)
             .add_issue("a", ["x", "y"]).add_issue("b", ["u", "v", "w"])
             .add_party("p", weights={"dirichlet": {"a": 2, "b": 1}},
                        values={"a": [1, 0], "b": [0, {"triangular": [0.2, 0.5, 0.6]}, 1]},
                        reservation={"schedule": [[0, {"uniform": [0.2, 0.4]}], [12, {"uniform": [0.1, 0.3]}]]})
             .add_interaction("p", {"normal": [0.1, 0.05]}, {"a": "x", "b": "w"})
             .add_red_line("p", {"a": "y", "b": "u"}, probability=0.7)
             .add_party("q", weights={"a": {"schedule": [[0, 1], [6, 2]]}, "b": {"uniform": [1, 3]}},
                        values={"a": [0, 1], "b": [1, 0.5, 0]},
                        reservation={"uniform": [0.1, 0.3]})
             .build())
    strip = lambda text: text.split("\n", 1)[1]  # the first line names the source
    assert strip(built.to_yaml()) == strip(read.to_yaml())
    a1, a2 = read.accept({"a": "x", "b": "w"}, samples=2000), built.accept({"a": "x", "b": "w"}, samples=2000)
    assert a1.probability == a2.probability
    with pytest.raises(parley.ArgumentError, match="not a distribution"):
        parley.Builder().add_issue("a", ["x"]).add_party("p", weights={"a": {"gamma": [1, 2]}})
