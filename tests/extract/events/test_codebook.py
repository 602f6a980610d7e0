"""The ACLED codebook as data (knowledge/data/codebook/sub_events.yaml) and its interpreter: the
file is checked when loaded, the first rule that holds wins, and the rules say what the codebook
says when facts compete (§1.1 hierarchy, §2.2 edge cases)."""

import copy

import pytest

from sitrep.extract.events.codebook import CodebookError, codebook, parse
from sitrep.extract.events.lexicon import event_lexicon
from sitrep.extract.events.situation import Situation
from sitrep.model import SUB_EVENT_TO_TYPE


def _decide(family, **facts):
    return codebook().decide(family, Situation(**facts)).sub_event


def _data():
    from importlib import resources

    import yaml

    path = resources.files("sitrep.knowledge") / "data" / "codebook" / "sub_events.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_table_names_things_that_exist():
    cb = codebook()
    lex = event_lexicon()
    assert set(cb.class_facts) <= set(lex.classes)
    from sitrep.knowledge.lexicon_schemas import EventsLexicon
    from sitrep.knowledge.lexicons import lexicon

    assert set(cb.cue_facts) <= set(lexicon(EventsLexicon).cues)
    assert {m.trigger_class for m in cb.means} <= set(lex.classes)
    # Each family's rules only yield sub-events of the event types that family can be.
    for family, types in {"violent": {"Battles", "Explosions/Remote violence", "Violence against civilians"},
                          "territory": {"Battles", "Strategic developments"},
                          "demonstration": {"Protests", "Riots"}}.items():
        assert {SUB_EVENT_TO_TYPE[r.sub_event] for r in cb.families[family]} <= types


def test_every_violent_protest_and_riot_sub_event_has_a_rule():
    cb = codebook()
    decided = {r.sub_event for rules in cb.families.values() for r in rules}
    wanted = {s for s, t in SUB_EVENT_TO_TYPE.items()
              if t in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots")}
    assert wanted <= decided


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["families"]["violent"][0].update(sub_event="Air strike"), "SubEventType"),
    (lambda d: d["families"]["violent"][0]["when"].update(weather="rain"), "unknown facts"),
    (lambda d: d["families"]["violent"][0].pop("codebook"), "cites the codebook"),
    (lambda d: d["families"]["territory"].pop(), "default rule"),
    (lambda d: d["class_facts"].update(riot="rioting"), "name no fact"),
])
def test_a_broken_codebook_is_refused_with_the_reason(mutate, message):
    data = copy.deepcopy(_data())
    mutate(data)
    with pytest.raises(CodebookError, match=message):
        parse(data)


def test_weapon_decides_before_the_target():
    # §2.2: remote weapon used on civilians is still Explosions/Remote violence.
    assert _decide("violent", means="shelling", actor2_civilians=True) == "Shelling/artillery/missile attack"
    assert _decide("violent", means="chemical") == "Chemical weapon"


def test_sexual_violence_outranks_abduction_and_a_killing_makes_an_abduction_an_attack():
    assert _decide("violent", sexual=True, abduction=True) == "Sexual violence"
    assert _decide("violent", abduction=True) == "Abduction/forced disappearance"
    assert _decide("violent", abduction=True, lethal=True, actor2_civilians=True) == "Attack"


def test_a_battle_keeps_its_bystanders_and_unarmed_victims_make_an_attack():
    assert _decide("violent", fighting=True, actor1_armed=True, actor2_civilians=True) == "Armed clash"
    assert _decide("violent", actor1_armed=True, actor2_civilians=True) == "Attack"
    assert _decide("violent", actor1_armed=True, actor2_armed=True) == "Armed clash"
    assert _decide("violent") == "Attack"


def test_who_took_the_ground_decides_territory():
    assert _decide("territory", taker="state") == "Government regains territory"
    assert _decide("territory", taker="armed") == "Non-state actor overtakes territory"
    assert _decide("territory", transfer=True, taker="state") == "Non-violent transfer of territory"
    assert _decide("territory", retaken=True) == "Government regains territory"


def test_demonstrations_by_who_is_violent_against_whom():
    assert _decide("demonstration") == "Peaceful protest"
    assert _decide("demonstration", riot=True) == "Violent demonstration"
    assert _decide("demonstration", force_on_crowd=True) == "Excessive force against protesters"
    assert _decide("demonstration", intervention_words=True) == "Protest with intervention"
    assert _decide("demonstration", mob=True) == "Mob violence"


def test_the_decision_carries_the_rule_and_its_codebook_citation():
    d = codebook().decide("violent", Situation(means="aerial", means_reason="trigger word"))
    assert (d.sub_event, d.mode, d.reason) == ("Air/drone strike", "aerial", "trigger word")
    assert d.codebook.startswith("§")
