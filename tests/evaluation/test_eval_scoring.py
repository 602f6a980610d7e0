import pytest

from sitrep.evaluation import scoring


# Gold and predictions for 8 items, 3 classes (a, b, c):
#   gold: a a a b b c c c
#   pred: a a b b c c c a
GOLD = list("aaabbccc")
PRED = list("aabbccca")


def test_accuracy_counts_matches():
    # matches at positions 0,1,3,5,6 -> 5/8
    assert scoring.accuracy(GOLD, PRED) == pytest.approx(5 / 8)
    assert scoring.accuracy([], []) is None


def test_per_class_and_averages_by_hand():
    classes = scoring.per_class(GOLD, PRED)
    # a: tp 2 (0,1), fn 1 (2->b), fp 1 (7: c->a) -> P 2/3, R 2/3, F1 2/3
    # b: tp 1 (3), fn 1 (4->c), fp 1 (2: a->b) -> P 1/2, R 1/2, F1 1/2
    # c: tp 2 (5,6), fn 1 (7->a), fp 1 (4: b->c) -> P 2/3, R 2/3, F1 2/3
    assert (classes["a"].tp, classes["a"].fp, classes["a"].fn) == (2, 1, 1)
    assert classes["b"].precision == pytest.approx(0.5)
    assert classes["c"].recall == pytest.approx(2 / 3)
    assert classes["a"].f1 == pytest.approx(2 / 3)
    # macro = (2/3 + 1/2 + 2/3) / 3 = 11/18
    assert scoring.macro_f1(classes) == pytest.approx(11 / 18)
    # weighted by support 3, 2, 3: (3*2/3 + 2*1/2 + 3*2/3) / 8 = 5/8
    assert scoring.weighted_f1(classes) == pytest.approx(5 / 8)


def test_per_class_with_fixed_labels_keeps_absent_classes_at_zero():
    classes = scoring.per_class(["a", "b"], ["a", "x"], labels=["a", "b", "d"])
    # "x" is outside the labels: it is b's false negative and no listed class's false positive.
    assert set(classes) == {"a", "b", "d"}
    assert classes["b"].f1 == 0.0 and classes["b"].support == 1
    assert classes["d"].f1 == 0.0 and classes["d"].support == 0
    # weighted over supports 1, 1, 0: (1*1 + 1*0) / 2 = 0.5; macro over 3 classes: 1/3
    assert scoring.weighted_f1(classes) == pytest.approx(0.5)
    assert scoring.macro_f1(classes) == pytest.approx(1 / 3)


def test_confusion_matrix_cells():
    m = scoring.confusion(GOLD, PRED)
    assert m == {"a": {"a": 2, "b": 1}, "b": {"b": 1, "c": 1}, "c": {"c": 2, "a": 1}}


def test_length_mismatch_is_refused():
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        scoring.accuracy(["a", "b"], ["a"])


def test_exact_span_scores():
    gold = {("d", 0, 5, "Location"), ("d", 10, 15, "Person"), ("d", 20, 30, "Organisation")}
    pred = {("d", 0, 5, "Location"), ("d", 10, 15, "Organisation"), ("d", 21, 30, "Organisation")}
    prf = scoring.span_prf(gold, pred)
    # only (0,5,Location) agrees: tp 1, fp 2, fn 2 -> P 1/3, R 1/3, F1 2/(2+2+2) = 1/3
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 2)
    assert prf.f1 == pytest.approx(1 / 3)


def test_overlap_span_scores_match_each_gold_once():
    gold = [("d", 0, 10, "Organisation"), ("d", 20, 25, "Location")]
    pred = [("d", 4, 10, "Organisation"), ("d", 0, 3, "Organisation"), ("d", 20, 25, "Person")]
    prf = scoring.overlap_prf(gold, pred)
    # (0,3) and (4,10) both overlap gold (0,10): one matches, the other is a false positive;
    # (20,25) has the wrong type. tp 1, fp 2, fn 1 -> F1 = 2/(2+2+1) = 0.4
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 1)
    assert prf.f1 == pytest.approx(0.4)


def test_f1_of_an_empty_class_is_zero_and_prf_adds():
    assert scoring.PRF(0, 0, 0).f1 == 0.0
    assert scoring.PRF(0, 0, 0).precision is None
    total = scoring.PRF(1, 2, 3) + scoring.PRF(4, 5, 6)
    assert (total.tp, total.fp, total.fn) == (5, 7, 9)


def test_km_known_distances():
    # One degree of latitude on a sphere of radius 6371.0088 km: 2*pi*R/360 = 111.195 km.
    assert scoring.km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.01)
    assert scoring.km(36.2, 37.15, 36.2, 37.15) == 0.0
    # Damascus (33.5138, 36.2765) to Aleppo (36.2021, 37.1343): about 309 km by great circle.
    assert scoring.km(33.5138, 36.2765, 36.2021, 37.1343) == pytest.approx(309, abs=3)


def test_within_relative_margin():
    assert scoring.within(95, 100, 0.10) and scoring.within(110, 100, 0.10)
    assert not scoring.within(111, 100, 0.10)
    # A gold of 0 leaves no margin.
    assert scoring.within(0, 0, 0.10) and not scoring.within(1, 0, 0.10)


def test_mean_and_median():
    assert scoring.mean([1, 2, 6]) == 3
    assert scoring.median([5, 1, 3]) == 3
    assert scoring.median([4, 1, 3, 2]) == 2.5
    assert scoring.mean([]) is None and scoring.median([]) is None


def test_one_failing_article_never_stops_an_evaluation():
    from datetime import date

    from sitrep.evaluation.common import run
    from sitrep.ingest.article import make_article
    from sitrep.model import Article, Document

    class Flaky:
        def pipe(self, articles, batch_size=16):
            for a in articles:
                if "boom" in a.text:
                    raise RuntimeError("boom")
                yield Document(article=Article(id=a.article_id, text=a.text))

    arts = [make_article(t, published=date(2024, 12, 2)) for t in ("fine one.", "boom here.", "fine two.")]
    docs = run(Flaky(), arts, batch_size=2)
    assert [d.article.text for d in docs] == [a.text for a in arts]
    assert not docs[0].warnings and "extraction failed" in docs[1].warnings[0] and not docs[2].warnings
