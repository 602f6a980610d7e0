from datetime import date

import pytest
from evalhelpers import Canned, all_errors, document, entity, event

from sitrep.evaluation import EvalInputError, fakes

RUSSIA = entity("kb:military-forces-of-russia", "Military Forces of Russia", "state_forces", "RUS")
REBELS = entity("kb:rebels-syria", "Rebels (Syria)", "rebel_group", "SYR", generic=True)


def test_load_reads_dates_and_totals(fixtures):
    items = fakes.load(fixtures / "fakes" / "dev.csv")
    assert [it.id for it in items] == ["101", "102", "103"]
    assert items[0].published == date(2017, 3, 14)
    # nb_civilians 6 + nb_noncivilians 2
    assert items[1].deaths == 8
    assert items[2].governorate == "deir ezzor"


def test_load_refuses_an_iso_date_and_a_short_row(fixtures, tmp_path):
    with pytest.raises(EvalInputError, match="FA-KES writes M/D/YY"):
        fakes.load(fixtures / "invalid" / "fakes-iso-date.csv")
    header = (fixtures / "fakes" / "dev.csv").read_text(encoding="utf-8").splitlines()[0]
    short = tmp_path / "short.csv"
    short.write_text(header + "\n7,Title,Text.,wire\n", encoding="utf-8")
    with pytest.raises(EvalInputError, match="row 1 .*cannot read the date None"):
        fakes.load(short)


def test_main_event_prefers_deaths_then_first_violent():
    killed = event("e2", "Attack", fatalities=3)
    doc = document(events=[event("e1", "Air/drone strike"), killed,
                           event("e3", "Shelling/artillery/missile attack", status="background", fatalities=50)])
    assert fakes.main_event(doc) is killed
    first_violent = event("e2", "Armed clash")
    doc = document(events=[event("e1", "Arrests"), first_violent, event("e3", "Air/drone strike")])
    assert fakes.main_event(doc) is first_violent
    assert fakes.main_event(document(events=[event("e1", "Agreement")])) is None


def test_actor_classes():
    nusra = entity("kb:al-nusra-front", "Al Nusra Front", "rebel_group", "SYR")
    us = entity("kb:military-forces-of-united-states", "Military Forces of the United States", "state_forces", "USA")
    militants = entity("kb:militants-syria", "Militants (Syria)", "political_militia", "SYR", generic=True)
    doc = document(entities=[RUSSIA, REBELS, nusra, us, militants])
    assert fakes.actor_class(doc, "kb:military-forces-of-russia") == "syrian government or russian troops"
    # Nusra is a Syrian rebel group too: its own id decides before the kind does.
    assert fakes.actor_class(doc, "kb:al-nusra-front") == "al-nusra front"
    assert fakes.actor_class(doc, "kb:rebels-syria") == "armed opposition groups"
    assert fakes.actor_class(doc, "kb:military-forces-of-united-states") == "international coalition forces"
    assert fakes.actor_class(doc, "kb:islamic-state-khorasan-province").endswith("isis")
    assert fakes.actor_class(doc, "kb:militants-syria") == "unknown"
    assert fakes.actor_class(doc, None) == "unknown"


def test_governorate_names():
    assert fakes.governorate_matches("damascus", "Rural Damascus")
    assert fakes.governorate_matches("deir ezzor", "Deir-ez-Zor")
    assert fakes.governorate_matches("idlib", "Idleb")
    assert not fakes.governorate_matches("aleppo", "Idleb")
    assert not fakes.governorate_matches("aleppo", None)


def test_scores_by_hand(fixtures):
    canned = Canned({
        # all five right
        "101": document(entities=[RUSSIA], events=[
            event("e1", "Air/drone strike", fatalities=12, admin1="Idleb",
                  actor1="kb:military-forces-of-russia", date="2017-03-14")]),
        # wrong governorate; 7 dead for 8 (|7-8| = 1 > 10% of 8); the background toll of 40 is not
        # counted; date one day early is within the margin
        "102": document(events=[
            event("e1", "Remote explosive/landmine/IED", fatalities=7, admin1="Rural Damascus", date="2017-01-06"),
            event("e2", "Air/drone strike", status="background", fatalities=40)]),
        # no deaths (0 for 30); main event is the first violent one (the clash), actor rebels
        # not ISIS, date three days early
        "103": document(entities=[REBELS], events=[
            event("e1", "Arrests", admin1="Homs"),
            event("e2", "Armed clash", admin1="Deir-ez-Zor", actor1="kb:rebels-syria", date="2017-01-17")]),
    })
    r = fakes.evaluate(fixtures / "fakes", canned)
    assert r.n == 3
    assert r.metric("governorate accuracy").value == pytest.approx(2 / 3)
    assert r.metric("total deaths exact").value == pytest.approx(1 / 3)
    assert r.metric("total deaths within 10%").value == pytest.approx(1 / 3)
    # absolute errors 0, 1, 30
    assert r.metric("total deaths mean absolute error").value == pytest.approx(31 / 3)
    assert r.metric("total deaths median absolute error").value == 1
    assert r.metric("actor class accuracy").value == pytest.approx(2 / 3)
    # shelling, explosion, shooting all agree
    assert r.metric("cause-of-death agreement").value == 1.0
    assert r.metric("event date within 1 day").value == pytest.approx(2 / 3)
    errors = all_errors(fakes, fixtures / "fakes", canned)
    assert r.withheld_errors + len(r.errors) == len(errors)
    assert {e["id"]: e["wrong"] for e in errors} == {
        "102": ["governorate", "deaths"], "103": ["deaths", "actor", "date"],
    }
    assert errors[1]["sitrep"]["actor"] == "armed opposition groups"
    assert r.confusion["governorate"]["aleppo"] == {"Rural Damascus": 1}
    # The title is read as the headline line of the text, the report date as publication date.
    first = canned.seen[0]
    assert first.text.startswith("Air strikes kill 12 in Idlib town\nWarplanes")
    assert first.published == date(2017, 3, 14) and first.title == "Air strikes kill 12 in Idlib town"
