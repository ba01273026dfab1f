"""Amendments, acceptance, mediation, the timeline, negotiation, tournaments and the report,
against what the command line gives on the bundled case."""
import math

import pytest

import parley
from conftest import data


def test_amend(example):
    a = example.amend("us_draft")
    assert a.changes == 1
    assert a.best.changes == {"guarantee": "us_and_european"}
    assert a.best.loss == pytest.approx(-0.03)
    for party in example.party_ids:
        assert example.verdict(party, a.best.package).accepts


def test_accept(example):
    a = example.accept("us_draft", samples=100_000, seed=1)
    assert a.probability["russia"] == 1.0 and a.probability["us"] == 1.0
    lo, hi = a.interval["ukraine"]
    assert lo < a.probability["ukraine"] < hi and 0.4 < a.probability["ukraine"] < 0.55
    assert a.everyone == a.probability["ukraine"]  # the others always accept
    assert a.sensitivity["ukraine"][0][0].startswith("ukraine: reservation")
    again = example.accept("us_draft", samples=100_000, seed=1, threads=1)
    assert again.probability == a.probability


def test_mediate(example):
    m = example.mediate(procedure="single-text", drafts_with=["russia"])
    assert m.final is not None and m.procedure == "single-text"
    assert set(m.verdicts) == set(example.party_ids)
    assert m.all_accept == all(v.accepts for v in m.verdicts.values())
    assert m.steps and m.steps[-1].text == m.final


def test_timeline(example):
    tl = example.timeline()
    assert len(tl.times) == 13 and tl.times[-1] == 12
    assert tl.windows["deal"] == [(0.0, 12.0)]
    start, end = tl.windows["us_draft"][0]
    assert 0.5 < start < 0.7 and end == 12.0


def test_negotiate(example):
    s = example.negotiate({"ukraine": "conceder", "russia": "hardliner"}, rounds=50, seed=3)
    again = example.negotiate({"ukraine": "conceder", "russia": "hardliner"}, rounds=50, seed=3)
    assert [(a.party, a.action, a.package) for a in s.trace] == [(a.party, a.action, a.package) for a in again.trace]
    assert s.trace[0].party == "ukraine" and s.trace[0].action == "offer"
    if s.agreement is not None:
        assert s.trace[-1].action == "accept" and s.trace[-1].package == s.agreement
    with pytest.raises(parley.ArgumentError):
        example.negotiate({"ukraine": "astrologer"})


def test_tournament_same_rows_on_any_thread_count():
    sc = parley.Scenario.load(data("anac", "y2010", "ItexvsCypress"))
    one = parley.tournament(["boulware", "conceder", "micro"], [sc], repetitions=3, rounds=50, threads=1)
    two = parley.tournament(["boulware", "conceder", "micro"], [sc], repetitions=3, rounds=50, threads=2)
    assert len(one) == 3 ** 2 * 3  # every assignment of 3 agents to 2 parties, 3 repetitions
    assert one.rows == two.rows
    assert [r.agent for r in one.summary] == [r.agent for r in two.summary]
    assert one.summary[0].rank == 1


def test_reports(example):
    r = example.report()
    for section in ("space-1-plane", "draft-1-fw1", "mediation-1-path", "accept-1-tornado", "timeline-1-windows"):
        assert f'id="{section}"' in r.html
    assert r._repr_html_() == r.html
    assert "space-1-plane" in example.analyze().report().html
    assert "negotiation-1-path" in example.negotiate(rounds=20).report().html


class Stubborn(parley.Agent):
    """Offers its best framework until round 10, then accepts anything worth 0.4 to it."""

    def start(self, scenario, party, rounds):
        super().start(scenario, party, rounds)
        self.seen = []

    def propose(self, time, round, standing):
        return "us_draft"

    def respond(self, time, round, offer):
        self.seen.append((round, offer))
        return round >= 10 and self.scenario.utility(self.party, offer) >= 0.4


def test_python_agent_against_c(example):
    agent = Stubborn()
    s = example.negotiate({"russia": agent, "ukraine": "conceder"}, rounds=60, seed=1)
    assert agent.party == "russia" and agent.rounds == 60
    russia_offers = [a for a in s.trace if a.party == "russia" and a.action == "offer"]
    assert russia_offers and all(a.package == example.frameworks["us_draft"] for a in russia_offers)
    assert agent.seen and all(isinstance(o, dict) for _, o in agent.seen)
    if s.agreement is not None:
        last_russia = [a for a in s.trace if a.party == "russia"][-1]
        assert last_russia.action == "accept" or s.trace[-1].party != "russia"


def test_python_agent_errors(example):
    class Broken(parley.Agent):
        def propose(self, time, round, standing):
            raise RuntimeError("no idea")

        def respond(self, time, round, offer):
            return False

    with pytest.raises(RuntimeError, match="no idea"):
        example.negotiate({"ukraine": Broken()}, rounds=5)

    class Nonsense(Broken):
        def propose(self, time, round, standing):
            return {"territory": "mars"}

    with pytest.raises(parley.ArgumentError):
        example.negotiate({"ukraine": Nonsense()}, rounds=5)
    with pytest.raises(parley.ArgumentError):
        parley.tournament([Broken()], [example])  # tournaments take strategies' names


def test_agent_must_answer_yes_or_no(example):
    class Vague(parley.Agent):
        def propose(self, time, round, standing):
            return "us_draft"

        def respond(self, time, round, offer):
            return "no"

    with pytest.raises(parley.ArgumentError, match="True, False or parley.WALK_AWAY"):
        example.negotiate({"russia": Vague()}, rounds=5)


def test_steps_list_every_change(example):
    for seed in range(1, 6):
        m = example.mediate(procedure="veto", seed=seed)
        texts = [s.text for s in m.steps]
        for before, step in zip(texts, m.steps[1:]):
            assert step.changes == {i: o for i, o in step.text.items() if before[i] != o}


def test_walking_away(example):
    class Walker(parley.Agent):
        def propose(self, time, round, standing):
            return "us_draft"

        def respond(self, time, round, offer):
            return parley.WALK_AWAY if round >= 3 else False

    s = example.negotiate({"russia": Walker()}, rounds=20)
    assert (s.end, s.blocker, s.round) == ("walked_away", "russia", 4)
    assert s.trace[-1].action == "walk_away" and s.trace[-1].party == "russia"
    assert s.agreement is None
    t = example.negotiate({"ukraine": "boulware:walk=0.5", "russia": "hardliner"})
    assert (t.end, t.blocker) == ("walked_away", "ukraine") and t.time >= 0.5
