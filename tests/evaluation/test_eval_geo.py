"""The geo adapter on hand-made gold (handmade.py: 'geo/gold.jsonl'), scores worked out by hand."""

import math

import pytest
from evalhelpers import Canned, document

from sitrep.evaluation import EvalInputError, geo
from sitrep.evaluation.scoring import km
from sitrep.model import Place, PlaceMention

T1 = "Floods cut the road from Lyon to Geneva, and Norway sent pumps to Lyon."
T2 = "Farmers near Springfield, Illinois, reported a sick herd."


def mention(text, word, nth=0, role="location", extend=0):
    s = -1
    for _ in range(nth + 1):
        s = text.index(word, s + 1)
    return PlaceMention(start=s, end=s + len(word) + extend, text=text[s:s + len(word) + extend], role=role)


def place(pid, name, lat, lon, mentions, feature="city"):
    return Place(id=pid, name=name, lat=lat, lon=lon, feature=feature, mentions=mentions)


def _docs():
    d1 = document(T1, places=[
        # Both Lyons found, at the gold point.
        place("geonames:1", "Lyon", 45.76, 4.84, [mention(T1, "Lyon"), mention(T1, "Lyon", 1)]),
        # Geneva put at Geneva, Illinois (about 6,900 km off).
        place("geonames:2", "Geneva", 41.89, -88.31, [mention(T1, "Geneva")]),
        # Norway as a metonym still counts; a false place on "Floods".
        place("geonames:3", "Norway", 61.0, 8.0, [mention(T1, "Norway", role="metonym")], feature="country"),
        place("geonames:4", "Floods", 10.0, 10.0, [mention(T1, "Floods")]),
    ])
    d2 = document(T2, places=[
        # "Springfield," overlaps the gold span: recognised, 1 km off; Illinois is missed.
        place("geonames:5", "Springfield", 39.80, -89.65, [mention(T2, "Springfield", extend=1)]),
        # A demonym is never a toponym: it does not count as a false place.
        place("geonames:6", "United States", 39.8, -98.5, [mention(T2, "Farmers", role="demonym")], feature="country"),
    ])
    return [d1, d2]


def test_load_reads_the_shape_and_checks_offsets(fixtures):
    items = geo.load(fixtures / "geo")
    assert [it.id for it in items] == ["G1", "G2"]
    assert [t.name for t in items[0].toponyms] == ["Lyon", "Geneva", "Norway", "Lyon"]
    with pytest.raises(EvalInputError, match="does not match text"):
        geo.load(fixtures / "invalid" / "geo-offsets.jsonl")


def test_scores_by_hand(fixtures):
    items = geo.load(fixtures / "geo")
    r = geo.score(items, _docs())
    # gold 6 toponyms; predicted 6 that count (the demonym does not): 5 match, Floods is extra,
    # Illinois is missed.
    assert r.metric("recognition precision (overlap)").value == pytest.approx(5 / 6)
    assert r.metric("recognition recall (overlap)").value == pytest.approx(5 / 6)
    assert r.metric("recognition F1 (overlap)").value == pytest.approx(5 / 6)
    # Distances: Lyon 0, Lyon 0, Norway 0, Springfield ~0.85 km, Geneva ~6,900 km: 4 of 5 within 161.
    assert r.metric("acc@161 (recognised toponyms)").value == pytest.approx(0.8)
    geneva = km(46.20, 6.14, 41.89, -88.31)
    assert 6500 < geneva < 7500
    springfield = km(39.80, -89.64, 39.80, -89.65)
    assert r.metric("mean error (recognised)").value == pytest.approx((geneva + springfield) / 5)
    assert r.metric("median error (recognised)").value == pytest.approx(0.0)
    # AUC: sorted log errors 0, 0, 0, s, g over x = 0, 1/4, ..., 1 by trapezoids.
    k = math.log(20039)
    s, g = math.log(1 + springfield) / k, math.log(1 + geneva) / k
    assert r.metric("AUC of log error (recognised; lower is better)").value == pytest.approx(
        0.25 * ((0 + 0) / 2 + (0 + 0) / 2 + (0 + s) / 2 + (s + g) / 2))
    wrong = {e["id"]: e for e in r.errors}
    assert wrong["G1"]["wrong"] == ["false place", "far"]
    assert wrong["G1"]["sitrep"]["far"][0]["name"] == "Geneva"
    assert wrong["G2"]["gold"]["missed"][0]["name"] == "Illinois"


def test_auc_limits():
    assert geo.auc([]) is None
    assert geo.auc([0.0, 0.0]) == 0.0
    assert geo.auc([20039.0, 30000.0]) == pytest.approx(1.0, abs=1e-4)


def test_evaluate_keeps_one_half_and_withholds_check_errors(fixtures):
    canned = Canned({"G1": _docs()[0], "G2": _docs()[1]})
    tune = geo.evaluate(fixtures / "geo", canned, split="tune")
    check = geo.evaluate(fixtures / "geo", canned, split="check")
    # G2 hashes to tune, G1 to check.
    assert (tune.n, check.n) == (1, 1)
    assert [e["id"] for e in tune.errors] == ["G2"]
    assert check.errors == [] and check.withheld_errors == 1
    assert check.metric("acc@161 (recognised toponyms)").value == pytest.approx(3 / 4)
