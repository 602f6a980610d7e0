"""Mention phrases: the whole noun phrase a name stands in, beside the name itself."""

import pytest


def _phrases(doc, text):
    """{name as written: phrase as written or None} over entity and place mentions."""
    out = {}
    for rec in [*doc.entities, *doc.places]:
        for m in rec.mentions:
            assert text[m.start:m.end] == m.text  # the name span is untouched
            if m.phrase is not None:
                assert m.phrase.start <= m.start and m.end <= m.phrase.end
            # A name that is an actor and also a toponym (a place mention of role "modifier" or
            # "metonym", listed without a phrase) keeps the actor's phrase.
            if out.get(m.text) is None:
                out[m.text] = text[m.phrase.start:m.phrase.end] if m.phrase else None
    return out


@pytest.mark.parametrize(
    "text, name, phrase",
    [
        # A title and nationality adjective before a name belong to its phrase.
        ("Iraqi Prime Minister Haider al-Abadi visited Basra on Sunday.", "Haider al-Abadi",
         "Iraqi Prime Minister Haider al-Abadi"),
        # "members of" a body are the body; so is the determiner.
        ("The members of the Security Council condemned the bombing.", "Security Council",
         "The members of the Security Council"),
        # A group noun the name modifies is the group; a count is not part of the phrase.
        ("Air strikes destroyed three ISIL tactical units near the river.", "ISIL", "ISIL tactical units"),
        # A place noun governing the name: "the city of".
        ("Rockets fell on the city of Mosul overnight.", "Mosul", "the city of Mosul"),
        # Officials of a state are its government; one of them would be a person.
        ("U.S. officials said the talks would resume.", "U.S.", "U.S. officials"),
        # A place and the country it lies in, written "City, Country".
        ("The conference opened in Baghdad, Iraq, on Monday.", "Baghdad", "Baghdad, Iraq"),
    ],
)
def test_phrase_is_the_noun_phrase_the_name_heads(extract, text, name, phrase):
    assert _phrases(extract(text), text)[name] == phrase


def test_a_phrase_stops_at_coordination_and_prepositions(extract):
    text = "Near Kirkuk, Russia and Iran condemned the strikes."
    phrases = _phrases(extract(text), text)
    # "Near" is a preposition the tagger may read as part of the name; "and" joins two phrases.
    assert phrases.get("Kirkuk") is None
    assert phrases.get("Russia") is None and phrases.get("Iran") is None


def test_a_person_never_takes_a_group_noun(extract):
    text = "Bashar al-Assad's forces shelled the town of Douma."
    phrases = _phrases(extract(text), text)
    assert phrases.get("Bashar al-Assad") is None
    assert phrases["Douma"] == "the town of Douma"


def test_event_triggers_have_no_phrase(extract):
    doc = extract("Militants attacked a checkpoint in Kirkuk on Monday.")
    assert all(ev.trigger.phrase is None for ev in doc.events)


def test_only_the_first_of_phrase_belongs(extractor):
    from sitrep.extract.mentions import PhraseFinder

    doc = extractor.nlp("The families of the victims of the bombing gathered outside.")
    start, end = PhraseFinder(doc).actor(1, 2, "civilians")
    assert doc[start:end].text == "The families of the victims"
