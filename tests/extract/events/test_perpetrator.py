"""Who flew: an air strike told without its attacker is coded from who flies there, and says so."""

import pytest


def _strike(doc):
    (strike,) = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    return strike


def test_an_unattributed_strike_on_rebel_held_areas_is_the_syrian_air_forces(extract):
    strike = _strike(extract("Air strikes on a market in rebel-held Idlib killed at least 21 civilians on Sunday.", published="2016-06-19"))
    assert strike.actor1 == "kb:military-forces-of-syria-2000-2024"
    assert "actor1: not named in the text; inferred" in strike.reason
    assert "Russian aircraft" in strike.reason  # the other air force that flew there is named


def test_before_russia_intervened_its_aircraft_are_not_mentioned(extract):
    strike = _strike(extract("Air strikes on rebel-held Douma killed 12 civilians on Monday.", published="2014-10-13"))
    assert strike.actor1 == "kb:military-forces-of-syria-2000-2024" and "Russian" not in strike.reason


@pytest.mark.parametrize(
    "text, published",
    [
        # IS-held areas were struck by the coalition, Russia and Syria alike: no one to infer.
        ("Air strikes on Daesh-held villages near Manbij killed 21 civilians.", "2016-07-19"),
        # Before the Syrian air force was turned on the opposition.
        ("Air strikes on rebel-held areas of Homs killed 12 civilians.", "2011-05-02"),
        # No campaign table for Iraq: several air forces struck there.
        ("Air strikes killed 12 civilians in Mosul on Monday.", "2016-12-05"),
        # No target named: what was struck decides who flew.
        ("Air strikes hit Syria on Monday.", "2016-12-05"),
    ],
)
def test_no_attacker_is_inferred_where_several_could_have_flown(extract, text, published):
    strike = _strike(extract(text, published=published))
    # ACLED §3.6: no force is inferred, so the strike is an unidentified military's.
    assert strike.actor1.startswith("kb:unidentified-military-forces")
    assert "inferred" not in (strike.reason or "")


def test_a_named_attacker_is_never_replaced(extract):
    strike = _strike(extract("Russian warplanes struck rebel-held Saraqib on Sunday, killing 12 civilians.", published="2016-06-19"))
    assert strike.actor1 == "kb:military-forces-of-russia" and "inferred" not in (strike.reason or "")


def test_in_yemen_the_coalition_flew(extract):
    strike = _strike(extract("Air strikes killed 12 civilians in Saada on Monday.", published="2017-06-19"))
    assert strike.actor1 == "kb:saudi-led-coalition"


@pytest.mark.parametrize(
    "text, published, flown_by",
    [
        # Only the Afghan Air Force flew the Republic's strikes on the Taliban after 2014.
        ("Fighter jets struck a Taliban compound in Farah province on Monday, killing 14 insurgents.",
         "2019-03-12", "kb:military-forces-of-afghanistan-2004-2021"),
        # No one but the Nigerian Air Force strikes in the North-East.
        ("Air strikes hit a Boko Haram camp in Borno State on Friday, killing dozens of fighters.",
         "2020-09-19", "kb:military-forces-of-nigeria"),
    ],
)
def test_where_one_air_force_flies_its_strikes_are_its(extract, text, published, flown_by):
    strike = _strike(extract(text, published=published))
    assert strike.actor1 == flown_by and "inferred" in strike.reason


def test_after_the_republic_fell_no_afghan_strike_is_inferred(extract):
    strike = _strike(extract("Fighter jets struck a compound in Farah province on Monday, killing 14 people.",
                             published="2022-03-12"))
    assert strike.actor1 != "kb:military-forces-of-afghanistan-2004-2021"
