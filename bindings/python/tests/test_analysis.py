"""Known answers through Python: the bundled case's solutions, Baarslag et al.'s Table 3, the
frontier as numpy arrays, and the same figures whatever the thread count."""
import numpy as np
import pytest

import parley
from conftest import data


def test_bundled_case(example):
    an = example.analyze()
    assert an.method == "enumerate"
    assert an.feasible_count == 331
    assert len(an.frontier) == 84
    nash = an.solutions["nash"]
    assert nash.package == {"territory": "ceded", "army_cap": "1000", "weapons": "range_limited", "nato": "renounced",
                            "guarantee": "us_and_european", "sanctions": "phased_relief"}
    for party, u in nash.utilities.items():  # the solution's utilities are the package's
        assert u == pytest.approx(example.utility(party, nash.package), abs=1e-12)
    verdicts = an.verdicts("us_draft")
    assert [p for p, v in verdicts.items() if not v.accepts] == ["ukraine"]


def test_frontier_arrays(example):
    an = example.analyze()
    f = an.frontier
    assert isinstance(f.utilities, np.ndarray) and f.utilities.dtype == np.float64
    assert f.utilities.shape == (84, 4) and f.options.shape == (84, 6)
    assert f.utilities.flags["C_CONTIGUOUS"]
    for i, pkg in enumerate(f.packages[:10]):  # each row is its witness's utilities
        for k, party in enumerate(f.parties):
            assert f.utilities[i, k] == example.utility(party, pkg)
    # no point is dominated by another
    u = f.utilities
    dominated = ((u[None, :, :] >= u[:, None, :]).all(axis=2) & (u[None, :, :] > u[:, None, :]).any(axis=2)).any(axis=1)
    assert not dominated.any()


TABLE3 = [  # Baarslag, Hindriks & Jonker 2014, Table 3: size, Nash and KS to two decimals
    ("y2011/Laptop/laptop_domain.xml", ["y2011/Laptop/laptop_buyer_utility.xml", "y2011/Laptop/laptop_seller_utility.xml"],
     27, (1.00, 0.82), (0.87, 0.87)),
    ("y2010/ItexvsCypress/ItexvsCypress_domain.xml",
     ["y2010/ItexvsCypress/ItexvsCypress_Itex.xml", "y2010/ItexvsCypress/ItexvsCypress_Cypress.xml"],
     180, (0.72, 0.67), (0.72, 0.67)),
    ("y2010/EnglandZimbabwe/EnglandZimbabwe_domain.xml",
     ["y2010/EnglandZimbabwe/England.xml", "y2010/EnglandZimbabwe/Zimbabwe.xml"], 576, (0.91, 0.73), (0.82, 0.79)),
    ("y2011/Grocery/Grocery_domain.xml",
     ["y2011/Grocery/Grocery_domain_mary.xml", "y2011/Grocery/Grocery_domain_sam.xml"], 1600, (0.84, 0.90), (0.84, 0.90)),
]


@pytest.mark.parametrize("domain,profiles,size,nash,ks", TABLE3)
def test_published_table3(domain, profiles, size, nash, ks):
    sc = parley.Scenario.from_genius(data("anac", domain), [data("anac", p) for p in profiles])
    assert sc.outcome_count == size
    an = sc.analyze()
    got_nash = list(an.solutions["nash"].utilities.values())
    got_ks = list(an.solutions["kalai_smorodinsky_unnormalised"].utilities.values())
    assert got_nash == pytest.approx(list(nash), abs=0.005 + 1e-9)
    assert got_ks == pytest.approx(list(ks), abs=0.005 + 1e-9)


def test_threads_do_not_change_results():
    ex = parley.Scenario.from_dict({
        "issues": [{"id": f"i{k}", "options": [f"o{j}" for j in range(8)]} for k in range(6)],
        "parties": [{"id": f"p{p}", "weights": {f"i{k}": (k * 7 + p * 3) % 5 + 1 for k in range(6)},
                     "values": {f"i{k}": [((j + p) * (k + 2)) % 8 / 7 for j in range(8)] for k in range(6)}}
                    for p in range(3)]})
    one = ex.analyze(method="enumerate", threads=1)
    two = ex.analyze(method="enumerate", threads=2)
    assert np.array_equal(one.frontier.utilities, two.frontier.utilities)
    assert one.feasible_count == two.feasible_count
    assert {k: s.package for k, s in one.solutions.items()} == {k: s.package for k, s in two.solutions.items()}


def test_python_threads_share_the_library(example):
    """Calls release the GIL: four Python threads analysing at once get the same answers."""
    from concurrent.futures import ThreadPoolExecutor
    want = example.analyze().solutions["nash"].package
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: example.analyze(threads=1).solutions["nash"].package, range(8)))
    assert all(g == want for g in got)
