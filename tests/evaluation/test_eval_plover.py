import pytest
from evalhelpers import Canned, document, entity, event

from sitrep.evaluation import EvalInputError, plover


def test_load_reads_loose_json_renames_old_types_and_maps_cameo_codes(fixtures):
    items = plover.load(fixtures / "plover")
    # the DOCUMENT record is skipped
    assert [it.id for it in items] == ["TEST-FIGHT-0001", "TEST-DEMAND-0001", "TEST-AGREE-0001"]
    assert [it.gold for it in items] == ["ASSAULT", "REQUEST", "AGREE"]
    assert items[0].label == "FIGHT"
    # CAMEO's JAP is Japan's JPN; IGO is no country; "target": "" means no target
    assert items[0].source_countries == {"JPN"}
    assert items[1].source_countries == set() and items[1].target_countries == {"IRQ"}
    assert items[2].source_countries == {"SYR", "LBN"} and items[2].target_countries == set()


def test_load_refuses_unknown_types(fixtures):
    with pytest.raises(EvalInputError, match="'PRAISE' is neither PLOVER"):
        plover.load(fixtures / "invalid" / "plover-unknown-type.txt")


def test_scores_by_hand(fixtures):
    japan = entity("kb:military-forces-of-japan", "Military Forces of Japan", "state_forces", "JPN")
    china = entity("kb:military-forces-of-china", "Military Forces of China", "state_forces", "CHN")
    un = entity("kb:united-nations", "United Nations", "international_org", None)
    iraq = entity("kb:government-of-iraq", "Government of Iraq", "government", "IRQ")
    canned = Canned({
        # a current event beats a more confident background one: type right, actor1 Japan
        # right, no actor2 where China was the target
        "TEST-FIGHT-0001": document(entities=[japan, china], events=[
            event("e1", "Armed clash", status="background", confidence=0.9, plover="ASSAULT",
                  actor1="kb:military-forces-of-japan", actor2="kb:military-forces-of-china"),
            event("e2", "Armed clash", confidence=0.5, plover="ASSAULT", actor1="kb:military-forces-of-japan")]),
        # wrong type; the target's country is right
        "TEST-DEMAND-0001": document(entities=[un, iraq], events=[
            event("e1", None, plover="ACCUSE", actor1="kb:united-nations", actor2="kb:government-of-iraq")]),
        # nothing found
        "TEST-AGREE-0001": document(),
    })
    r = plover.evaluate(fixtures / "plover", canned)
    assert r.metric("PLOVER type accuracy").value == pytest.approx(1 / 3)
    # source sides with a country: FIGHT (JPN = JPN), AGREE (none) -> 1/2
    assert r.metric("source country = actor1 country").value == pytest.approx(0.5)
    # target sides with a country: FIGHT (none for CHN), DEMAND (IRQ = IRQ) -> 1/2
    assert r.metric("target country = actor2 country").value == pytest.approx(0.5)
    assert r.metric("actor country agreement (source and target sides)").value == pytest.approx(2 / 4)
    assert r.metric("sentences with a PLOVER event").value == pytest.approx(2 / 3)
    assert {e["id"]: e["wrong"] for e in r.errors} == {
        "TEST-FIGHT-0001": ["target country"],
        "TEST-DEMAND-0001": ["type"],
        "TEST-AGREE-0001": ["type", "source country"],
    }
    assert r.confusion["plover"]["AGREE"] == {plover.NO_EVENT: 1}
