from types import SimpleNamespace

import pytest
from evalhelpers import Canned, all_errors, document, entity, event, place

from sitrep.evaluation import EvalInputError, re3d
from sitrep.model import Span

# The fixture's raw text starts with a space and has "  \r\n" between its lines: normalising
# drops 1 character before the first line and 3 before the second, so gold offsets must move.
TEXT = "Fighters of the YPG clashed with Islamic State near Raqqa.\nJohn Smith said the coalition would help."


def at(word: str) -> tuple[int, int]:
    s = TEXT.index(word)
    return s, s + len(word)


def test_load_aligns_offsets_filters_and_flattens(fixtures):
    (item,) = re3d.load(fixtures / "re3d")
    assert item.text == TEXT
    assert [(item.text[s:e], t) for s, e, t in item.spans] == [
        # "YPG" lies inside "the YPG": flattened away; "coalition" has confidence 0; the
        # Quantity is not one of the three types.
        ("the YPG", "Organisation"), ("Islamic State", "Organisation"), ("Raqqa", "Location"),
        ("John Smith", "Person"),
    ]
    # Both directions of the one FightingAgainst pair, and nothing of confidence 0.
    assert item.pairs == [(at("the YPG"), at("Islamic State"))]
    # A source folder, or its documents.json, reads the same.
    assert re3d.load(fixtures / "re3d" / "news")[0].spans == item.spans
    assert re3d.load(fixtures / "re3d" / "news" / "documents.json")[0].id == "DOC1"


def test_load_errors(fixtures, tmp_path):
    with pytest.raises(EvalInputError, match="no entities.json"):
        re3d.load(fixtures / "invalid" / "re3d-no-entities")
    with pytest.raises(EvalInputError, match="holds no re3d documents.json"):
        re3d.load(tmp_path)
    with pytest.raises(EvalInputError, match="is a file"):
        re3d.load(fixtures / "re3d" / "news" / "entities.json")


def _canned(pair_actors=("kb:peoples-protection-units", "kb:islamic-state")):
    ents = [
        entity("kb:peoples-protection-units", "YPG", "rebel_group", "SYR", [at("YPG")], text=TEXT),
        entity("kb:islamic-state", "Islamic State", "rebel_group", None, [at("Islamic State")], text=TEXT),
        entity("new:john-smith", "John Smith", "person", None, [at("John Smith")], text=TEXT),
        entity("kb:global-coalition-against-daesh", "Coalition", "external_forces", None, [at("coalition")], text=TEXT),
    ]
    places = [place("geonames:1", "Raqqa", [at("Raqqa")], text=TEXT)]
    ev = event("e1", "Armed clash", actor1=pair_actors[0], actor2=pair_actors[1])
    return Canned({"DOC1": document(TEXT, [ev], ents, places)})


class BareSpacy:
    """spaCy's answer on the fixture: YPG, Islamic State, Raqqa, John Smith, and a DATE."""

    def pipe(self, texts, batch_size=16):
        for _ in texts:
            ents = [SimpleNamespace(start_char=s, end_char=e, label_=lab) for (s, e), lab in (
                (at("YPG"), "ORG"), (at("Islamic State"), "ORG"), (at("Raqqa"), "GPE"),
                (at("John Smith"), "PERSON"), (at("help"), "DATE"))]
            yield SimpleNamespace(ents=ents)


def _errors(fixtures, canned):
    # DOC1 is a check item, so `evaluate` withholds its error case: read it from the scoring.
    bare = [re3d.spacy_spans(s) for s in BareSpacy().pipe([TEXT])]
    return all_errors(re3d, fixtures / "re3d", canned, bare)


def test_scores_by_hand(fixtures):
    canned = _canned()
    r = re3d.evaluate(fixtures / "re3d", canned, bare_nlp=BareSpacy())
    # gold: the YPG, Islamic State (Org); Raqqa (Loc); John Smith (Per)
    # sitrep: YPG, Islamic State, coalition (Org); Raqqa; John Smith
    # exact Organisation: tp 1, fp 2 (YPG, coalition), fn 1 (the YPG) -> 2/(2+2+1) = 0.4
    assert r.metric("sitrep Organisation F1 (exact)").value == pytest.approx(0.4)
    assert r.metric("sitrep Location F1 (exact)").value == 1.0
    # all three exact: tp 3, fp 2, fn 1 -> 6/9
    assert r.metric("sitrep all three F1 (exact)").value == pytest.approx(6 / 9)
    # overlap: YPG matches "the YPG": Organisation tp 2, fp 1 -> 4/5; all: tp 4, fp 1 -> 8/9
    assert r.metric("sitrep Organisation F1 (overlap)").value == pytest.approx(0.8)
    assert r.metric("sitrep all three F1 (overlap)").value == pytest.approx(8 / 9)
    # spaCy exact Organisation: tp 1 (Islamic State), fp 1, fn 1 -> 2/4; the DATE is ignored
    assert r.metric("spaCy Organisation F1 (exact)").value == pytest.approx(0.5)
    assert r.metric("spaCy all three F1 (exact)").value == pytest.approx(6 / 8)
    assert r.metric("FightingAgainst pairs as actor1/actor2 of one event (recall)").value == 1.0
    assert r.errors == [] and r.withheld_errors == 1
    (err,) = _errors(fixtures, canned)
    assert [m["text"] for m in err["gold"]["missed"]] == ["the YPG"]
    assert [m["text"] for m in err["sitrep"]["spurious"]] == ["YPG", "coalition"]
    assert err["gold"]["fighting_pairs_missed"] == []


def test_pair_needs_both_actors_of_one_event(fixtures):
    canned = _canned(("kb:peoples-protection-units", None))
    r = re3d.evaluate(fixtures / "re3d", canned, bare_nlp=BareSpacy())
    assert r.metric("FightingAgainst pairs as actor1/actor2 of one event (recall)").value == 0.0
    assert _errors(fixtures, canned)[0]["gold"]["fighting_pairs_missed"] == [["the YPG", "Islamic State"]]


def test_a_mention_phrase_is_scored_in_place_of_its_name(fixtures):
    canned = _canned()
    ypg = canned.by_id["DOC1"].entities[0]
    start, end = at("the YPG")
    ypg.mentions[0].phrase = Span(start=start, end=end)
    r = re3d.evaluate(fixtures / "re3d", canned, bare_nlp=BareSpacy())
    # "the YPG" now matches exactly: Organisation tp 2, fp 1 (coalition), fn 0 -> 4/5
    assert r.metric("sitrep Organisation F1 (exact)").value == pytest.approx(0.8)
    assert [m["text"] for m in _errors(fixtures, canned)[0]["sitrep"]["spurious"]] == ["coalition"]


def test_generic_groups_of_people_are_organisations():
    doc = document(TEXT, entities=[
        entity("kb:civilians-syria", "Civilians (Syria)", "civilians", "SYR", [at("Fighters")], generic=True, text=TEXT),
        entity("kb:other", "Something", "other", None, [at("coalition")], text=TEXT),
    ])
    # re3d's Organisation covers unnamed groups of people; a kind with no re3d type is not scored.
    assert re3d.sitrep_spans(doc) == {at("Fighters") + ("Organisation",)}
