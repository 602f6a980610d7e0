"""Trigger words learned from WordNet concepts (lexicons/wordnet.yaml): a verb the lists do not
name still finds its event when WordNet files it under a concept of the class, and only then.
Sentences written for these tests."""

import pytest

from sitrep.extract.events.lexicon import event_lexicon
from sitrep.knowledge.lexicon_schemas import EventsLexicon, WordNetLexicon
from sitrep.knowledge.lexicons import lexicon


def _current(doc):
    return [e for e in doc.events if e.status == "current" and e.sub_event_type]


def test_learned_words_are_never_listed_words_and_name_their_concept():
    wn = lexicon(WordNetLexicon)
    listed = {t.lower() for spec in lexicon(EventsLexicon).classes.values() for t in spec.triggers}
    classes = event_lexicon().classes
    for cls, words in wn.words.items():
        assert cls in classes and cls in wn.concepts
        for word, synset in words.items():
            assert word not in listed, word
            assert word not in wn.exclude, word
            assert ".v." in synset, (word, synset)  # only verbs are learned


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # Manners of killing WordNet files under "kill" and "murder".
        ("Gunmen strangled two aid workers in their office in the northern town.", "Attack"),
        ("Insurgents slew eleven villagers near the border, the army said.", "Attack"),
        # "mow down": a way to massacre.
        ("Militiamen mowed down worshippers leaving a mosque in the district.", "Attack"),
        # Property destroyed: "ravage" and "wreck" are ways to destroy.
        ("Armed men ravaged the market in the border town.", "Looting/property destruction"),
        ("Armed men wrecked the shops in the border town.", "Looting/property destruction"),
        # "incarcerate" is a way to imprison.
        ("Soldiers incarcerated three journalists in the capital.", "Arrests"),
    ],
)
def test_a_verb_filed_under_a_class_concept_finds_its_event(extract, text, sub_event_type):
    types = {e.sub_event_type for e in _current(extract(text))}
    assert sub_event_type in types, types


def test_a_learned_trigger_gives_its_reason(extract):
    doc = extract("Gunmen strangled two aid workers in their office in the northern town.")
    reasons = [e.reason or "" for e in _current(doc)]
    assert any("WordNet" in r and "strangle" in r for r in reasons), reasons


@pytest.mark.parametrize(
    "text",
    [
        # A learned word of violence outside a war report is not an event: no armed actor,
        # weapon or casualty in the sentence.
        "The critics slew the new opera in their reviews.",
        "Storms devastated the harvest across the region this autumn.",
    ],
)
def test_a_learned_word_needs_a_war_report(extract, text):
    assert _current(extract(text)) == []


def test_a_learned_speech_act_is_a_plover_event_in_any_sentence(extract):
    doc = extract("Iran's foreign minister censured the Saudi government on Tuesday.")
    assert any(e.plover and e.plover.type == "ACCUSE" for e in doc.events), [(e.plover, e.status) for e in doc.events]
