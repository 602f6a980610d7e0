from datetime import date

import pytest
from evalhelpers import Canned, all_errors, document, entity, event

from sitrep.evaluation import EvalInputError, acled

SYRIA = entity("kb:military-forces-of-syria-2000-2024", "Military Forces of Syria (2000-2024)", "state_forces", "SYR")
HTS = entity("kb:hayat-tahrir-al-sham", "Hayat Tahrir al-Sham", "rebel_group", "SYR")
RUSSIA = entity("kb:military-forces-of-russia", "Military Forces of Russia (2000-)", "state_forces", "RUS")
CIVILIANS = entity("kb:civilians-syria", "Civilians (Syria)", "civilians", "SYR", generic=True)


def test_load_reads_both_date_styles(fixtures):
    items = acled.load(fixtures / "acled" / "export.csv")
    assert [it.id for it in items] == ["TST1", "TST2", "TST3"]
    assert items[0].published == date(2024, 12, 2) and items[1].published == date(2024, 12, 3)
    assert items[2].actor2 == "" and items[2].fatalities == 0
    assert items[1].lat == pytest.approx(35.9306)


def test_load_names_missing_columns(fixtures):
    with pytest.raises(EvalInputError, match="lacks the column.*sub_event_type"):
        acled.load(fixtures / "invalid" / "acled-few-columns.csv")


def test_scores_by_hand(fixtures):
    canned = Canned({
        # actors in the other order (no direction in ACLED); "Hayat Tahrir al-Sham" is not
        # ACLED's "HTS: Hayat Tahrir al Sham" even after normalising; the point is exact
        "TST1": document(entities=[SYRIA, HTS], events=[
            event("e1", "Armed clash", actor1="kb:hayat-tahrir-al-sham",
                  actor2="kb:military-forces-of-syria-2000-2024", admin1="Hama", lat=35.1318, lon=36.7578,
                  fatalities=5)]),
        # a point 0.1 degree of latitude north (11.12 km); no death count (0 for 4)
        "TST2": document(entities=[RUSSIA, CIVILIANS], events=[
            event("e1", "Air/drone strike", actor1="kb:military-forces-of-russia", actor2="kb:civilians-syria",
                  admin1="Idleb", lat=36.0306, lon=36.6339)]),
        # nothing found
        "TST3": document(),
    })
    r = acled.evaluate(fixtures / "acled", canned)
    assert r.metric("event type accuracy").value == pytest.approx(2 / 3)
    assert r.metric("sub-event type accuracy").value == pytest.approx(2 / 3)
    assert r.metric("actor1 name match").value == pytest.approx(2 / 3)
    # rows with a gold actor2: TST1 (HTS name differs), TST2 (Civilians (Syria) matches)
    assert r.metric("actor2 name match").value == pytest.approx(1 / 2)
    assert r.metric("actor2 name match").n == 2
    assert r.metric("admin1 accuracy").value == pytest.approx(2 / 3)
    # distances 0 and 11.12 km: median = mean = 5.56
    assert r.metric("median distance to the gold point").value == pytest.approx(5.56, abs=0.01)
    assert r.metric("mean distance to the gold point").value == pytest.approx(5.56, abs=0.01)
    assert r.metric("rows with a gold point but no sitrep point").value == 1
    # fatalities right for TST1 (5) and TST3 (0 = 0); |0 - 4| for TST2 -> mean 4/3
    assert r.metric("fatalities exact").value == pytest.approx(2 / 3)
    assert r.metric("fatalities mean absolute error").value == pytest.approx(4 / 3)
    errors = all_errors(acled, fixtures / "acled", canned)
    assert r.withheld_errors + len(r.errors) == len(errors)
    assert {e["id"]: e["wrong"] for e in errors} == {
        "TST1": ["actor2"],
        "TST2": ["fatalities"],
        "TST3": ["event_type", "sub_event_type", "actor1", "admin1"],
    }
    assert errors[1]["sitrep"]["km"] == pytest.approx(11.1, abs=0.1)
    # notes in, event_date as the publication date
    assert canned.seen[1].text.startswith("On 3 December 2024") and canned.seen[1].published == date(2024, 12, 3)
