"""Who did it (ACLED §3.6): a claim of responsibility names the attacker of the happening it
claims; an attacker no report names is an Unidentified Armed Group; outlets are never a side,
victims never the doer, and one actor is never both sides. Sentences written for these tests."""

import pytest


def _violent(doc):
    return [e for e in doc.events if e.event_type in (
        "Battles", "Explosions/Remote violence", "Violence against civilians")]


@pytest.mark.parametrize("text, claimant", [
    ("A car bomb exploded outside a hotel in Mogadishu on Monday, killing nine people. "
     "Al-Shabaab claimed responsibility for the bombing.", "kb:al-shabaab"),
    ("Gunmen killed four soldiers at a checkpoint in Borno on Sunday. The attack was claimed by Boko Haram.",
     "kb:boko-haram"),
    ("A suicide bomber blew himself up at a mosque in Kabul, killing 20 worshippers. "
     "The Islamic State group said it carried out the attack.", "kb:islamic-state"),
])
def test_the_claimant_is_the_attacker(extract, text, claimant):
    events = _violent(extract(text, published="2021-05-03"))
    assert events and events[0].actor1 == claimant
    assert "claimed responsibility" in events[0].reason


def test_a_claim_does_not_replace_an_attacker_the_report_names(extract):
    text = ("Somali troops clashed with fighters near Baidoa on Monday, killing six. "
            "Al-Shabaab claimed responsibility for an attack on a base in Kenya last year.")
    events = _violent(extract(text, published="2021-05-03"))
    assert events[0].actor1 != "kb:al-shabaab" or events[0].actor2 == "kb:al-shabaab"


def test_an_unnamed_attacker_is_an_unidentified_armed_group_of_the_place(extract):
    events = _violent(extract("A roadside bomb killed three soldiers in Kandahar province on Monday.",
                              published="2021-05-03"))
    assert events[0].actor1 == "kb:unidentified-armed-group-afghanistan"
    assert "Unidentified Armed Group" in events[0].reason


def test_an_unattributed_air_strike_is_an_unidentified_military(extract):
    events = _violent(extract("An air strike hit a market in Sanaa on Monday, killing seven people.",
                              published="2013-05-03"))
    assert events and events[0].actor1.startswith("kb:unidentified-military-forces")


def test_an_outlet_is_never_a_side_and_the_sides_differ(extract):
    doc = extract("Reuters reported that gunmen attacked a bus in Zamfara, killing eleven passengers.",
                  published="2021-05-03")
    for e in _violent(doc):
        kinds = {a.kind for a in doc.entities if a.id in (e.actor1, e.actor2)}
        assert "media" not in kinds
        assert e.actor1 != e.actor2


@pytest.mark.parametrize("text, attacker", [
    ("Gunmen killed seven people at a bar in Celaya on Saturday. "
     "Authorities blamed the attack on the Jalisco New Generation Cartel.", "kb:jalisco-new-generation-cartel"),
    ("A roadside bomb killed two soldiers in Helmand on Monday. Officials blamed the Taliban for the bombing.",
     "kb:taliban"),
])
def test_an_attack_blamed_on_a_named_group_is_its(extract, text, attacker):
    events = _violent(extract(text, published="2021-05-03"))
    assert events[0].actor1 == attacker
    assert "blamed on it" in events[0].reason


def test_an_attack_blamed_on_unnamed_rebels_in_a_relative_clause_is_theirs(extract):
    text = ("A car bomb killed 30 people in a village in Hama province on Friday, "
            "in an attack which was blamed on rebels.")
    events = _violent(extract(text, published="2016-05-03"))
    assert events[0].actor1 == "kb:rebels-syria"
