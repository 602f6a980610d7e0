import pytest
from evalhelpers import Canned, document, event

from sitrep.evaluation import EvalInputError, case2021


def test_load_maps_labels(fixtures):
    items = case2021.load(fixtures / "case2021" / "dev.tsv")
    assert [it.gold for it in items] == [
        "Air/drone strike", "Armed clash", "Peaceful protest", case2021.NO_EVENT, case2021.NO_EVENT,
    ]
    assert items[0].text.startswith("Warplanes struck")
    # A folder holding one TSV is read like the file.
    assert len(case2021.load(fixtures / "case2021", limit=2)) == 2


def test_load_refuses_unknown_labels_and_wrong_files(fixtures, tmp_path):
    with pytest.raises(EvalInputError, match="unknown SubType 'BUS_ATTACK'"):
        case2021.load(fixtures / "invalid" / "case2021-unknown-label.tsv")
    (tmp_path / "x.tsv").write_text("a\tb\n1\t2\n")
    with pytest.raises(EvalInputError, match="lacks the column"):
        case2021.load(tmp_path / "x.tsv")
    with pytest.raises(EvalInputError, match="does not exist"):
        case2021.load(tmp_path / "missing.tsv")
    with pytest.raises(EvalInputError, match="--limit"):
        case2021.load(fixtures / "case2021" / "dev.tsv", limit=0)


def test_prediction_is_the_most_confident_current_typed_event():
    doc = document(events=[
        event("e1", "Shelling/artillery/missile attack", status="background", confidence=0.99),
        event("e2", "Armed clash", confidence=0.6),
        event("e3", "Air/drone strike", confidence=0.9),
        event("e4", None, confidence=0.95, plover="CONSULT"),
    ])
    assert case2021.predict(doc) == "Air/drone strike"
    # Only background or untyped events: no event.
    assert case2021.predict(document(events=[event("e1", "Attack", status="background"),
                                             event("e2", None, plover="AGREE")])) == case2021.NO_EVENT


def test_scores_by_hand(fixtures):
    canned = Canned({
        "1": document(events=[event("e1", "Air/drone strike", confidence=0.9),
                              event("e2", "Shelling/artillery/missile attack", status="background", confidence=0.95)]),
        "2": document(events=[event("e1", "Shelling/artillery/missile attack")]),
        "3": document(events=[event("e1", "Peaceful protest")]),
        "4": document(),
        "5": document(events=[event("e1", "Agreement", confidence=0.5)]),
    })
    r = case2021.evaluate(fixtures / "case2021" / "dev.tsv", canned)
    # gold: Air, Clash, Peace, -, -      pred: Air, Shelling, Peace, -, Agreement
    # present classes Air (F1 1), Clash (F1 0), Peace (F1 1), support 1 each:
    # weighted = macro = (1 + 0 + 1) / 3
    assert r.metric("weighted F1 (25 ACLED sub-types)").value == pytest.approx(2 / 3)
    assert r.metric("macro F1 (25 ACLED sub-types)").value == pytest.approx(2 / 3)
    assert r.metric("accuracy (conflict snippets)").value == pytest.approx(2 / 3)
    # right: 1, 3, 4 of 5
    assert r.metric("accuracy (all snippets)").value == pytest.approx(3 / 5)
    # non-conflict 4 (nothing) and 5 (Agreement): 1 of 2 quiet
    assert r.metric("no conflict event on non-conflict snippets").value == pytest.approx(0.5)
    # Battles vs Explosions/Remote violence for snippet 2; the other two agree
    assert r.metric("event type accuracy (conflict snippets)").value == pytest.approx(2 / 3)
    assert r.per_class["sub_event_type"]["Agreement"]["fp"] == 1
    assert r.confusion["sub_event_type"]["Armed clash"] == {"Shelling/artillery/missile attack": 1}
    assert [e["id"] for e in r.errors] == ["2", "5"]
    assert r.errors[1]["gold"]["label"] == "DIPLO" and r.errors[1]["sitrep"]["sub_event_type"] == "Agreement"
    assert [a.id for a in canned.seen] == ["1", "2", "3", "4", "5"]
