"""Actors: knowledge-base names, metonymy decided from the sentence, generic agents with a country."""

import pytest


def _ids(doc):
    return {e.id for e in doc.entities}


def _entity_at(doc, text):
    for e in doc.entities:
        if any(m.text == text for m in e.mentions):
            return e
    raise AssertionError(f"no entity mentioned as {text!r}: {[(e.id, [m.text for m in e.mentions]) for e in doc.entities]}")


def test_capital_as_subject_of_a_political_verb_is_the_government(extract):
    doc = extract("Tehran has pledged support for Damascus.")
    assert {"kb:government-of-iran", "kb:government-of-syria-2000-2024"} <= _ids(doc)
    # Listed among the article's toponyms, but as metonyms: never where anything happened.
    assert all(m.role == "metonym" for p in doc.places for m in p.mentions if m.text in ("Tehran", "Damascus"))


def test_capital_after_a_locative_preposition_is_a_place(extract):
    doc = extract("A blast in Damascus killed two people on Tuesday.")
    assert "kb:government-of-syria-2000-2024" not in _ids(doc)
    assert any(p.name == "Damascus" for p in doc.places)


def test_kremlin_is_the_russian_government(extract):
    doc = extract("The Kremlin said it was monitoring the situation closely.")
    assert _entity_at(doc, "The Kremlin").id == "kb:government-of-russia"


def test_generic_agents_take_the_country_of_their_modifier(extract):
    # Generic agents are kept when they take part in something.
    doc = extract("Russian military planes bombed Idlib as Iraqi militants attacked a checkpoint near Albu Kamal.")
    assert _entity_at(doc, "Russian military planes").id == "kb:military-forces-of-russia"
    militants = _entity_at(doc, "Iraqi militants")
    assert militants.country == "IRQ" and militants.generic


def test_generic_agents_take_the_country_of_the_story(extract):
    doc = extract("Government forces shelled Idlib. Rebels attacked an army post near Saraqib.")
    rebels = _entity_at(doc, "Rebels")
    assert rebels.country == "SYR" and rebels.kind == "rebel_group" and rebels.inter == 2
    assert _entity_at(doc, "Government forces").id.startswith("kb:military-forces-of-syria")


def test_a_group_name_before_a_generic_noun_is_that_group(extract):
    doc = extract("Hezbollah fighters clashed with Israeli troops near the border on Monday.")
    assert _entity_at(doc, "fighters").id == "kb:hezbollah"
    assert _entity_at(doc, "Israeli troops").id == "kb:military-forces-of-israel"


def test_spelling_variants_reach_one_actor(extract):
    for name in ("Nujaba", "al-Nujaba", "Nujabaa"):
        doc = extract(f"Fighters of the {name} movement crossed into Syria.")
        assert "kb:harakat-hezbollah-al-nujaba" in _ids(doc), name


def test_unknown_named_person_is_discovered_with_a_reason(extract):
    doc = extract("Local commander Abu Khaled al-Tayyar said the attack was repelled.")
    new = [e for e in doc.entities if e.id.startswith("new:")]
    assert new and all(e.reason for e in new)


def test_user_actor_file_extends_the_knowledge(tmp_path):
    from sitrep.document import Extractor

    f = tmp_path / "mine.yaml"
    f.write_text(
        "source: a field report\nactors:\n"
        "  - id: lions-of-the-valley\n    name: Lions of the Valley\n    kind: identity_militia\n"
        "    inter: 4\n    country: SYR\n    note: a local armed group\n",
        encoding="utf-8",
    )
    doc = Extractor(actor_paths=[f]).extract("The Lions of the Valley attacked a checkpoint in Homs.", published="2024-12-02")
    assert "kb:lions-of-the-valley" in _ids(doc)


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Syrian forces shelled Daraa on Sunday.", "kb:military-forces-of-syria-2000-2024"),
        ("Iraqi forces retook the town of Hit on Sunday.", "kb:military-forces-of-iraq"),
    ],
)
def test_a_countrys_forces_are_its_military(extract, text, actor):
    (event,) = [e for e in extract(text, published="2016-08-07").events if e.event_type]
    assert event.actor1 == actor


def test_opposition_forces_stay_rebels(extract):
    (event,) = [e for e in extract("Syrian opposition forces shelled Aleppo on Sunday.", published="2016-08-07").events if e.event_type]
    assert event.actor1 == "kb:rebels-syria"


@pytest.mark.parametrize(
    "text, actor",
    [
        ("SNA fighters shelled the town of Afrin in Syria on Sunday.", "kb:syrian-national-army"),
        ("SNA troops attacked al-Shabaab near Afgoye in Somalia on Sunday.", "kb:military-forces-of-somalia"),
    ],
)
def test_a_shared_acronym_is_read_in_the_articles_country(extract, text, actor):
    assert _entity_at(extract(text, published="2021-05-01"), "SNA").id == actor


def test_a_short_acronym_of_a_country_the_article_never_names_is_no_actor(extract):
    # "PA" names the Palestinian Authority and the Philippine Army: in a report from Kenya it is neither.
    doc = extract("The PA said gunmen killed two herders near Garissa in Kenya.", published="2021-05-01")
    assert not any(m.text == "PA" for e in doc.entities for m in e.mentions)


@pytest.mark.parametrize(
    "text, actor",
    [
        # state forces named by their demonym or their own name
        ("Mexican soldiers clashed with CJNG gunmen in Michoacan on Sunday.", "kb:military-forces-of-mexico"),
        ("Nigerian troops killed ten Boko Haram fighters in Borno on Sunday.", "kb:military-forces-of-nigeria"),
        ("Tatmadaw troops shelled a village in Sagaing Region, Myanmar, on Sunday.", "kb:military-forces-of-myanmar"),
        ("The junta launched air strikes on villages in Sagaing Region, Myanmar, on Sunday.", "kb:military-forces-of-myanmar"),
        # armed groups, cartels included
        ("CJNG gunmen killed five members of the Sinaloa Cartel in Zacatecas, Mexico.", "kb:jalisco-new-generation-cartel"),
        ("NPA rebels ambushed an army patrol in Agusan del Norte, Philippines, on Sunday.", "kb:new-peoples-army"),
        ("Amba fighters attacked a gendarmerie post in Bamenda, Cameroon, on Sunday.", "kb:ambazonian-separatists"),
    ],
)
def test_the_actors_of_todays_wars_are_the_attackers(extract, text, actor):
    events = [e for e in extract(text, published="2021-05-01").events if e.event_type]
    assert events and events[0].actor1 == actor


def test_page_furniture_names_no_actor(extract):
    doc = extract("SUBSCRIBE TRT World on Youtube Subscribe to our Youtube channel for all latest news. "
                  "Rebels attacked an army post in Hama on Sunday.", published="2018-05-01")
    assert not any("Subscribe" in m.text for e in doc.entities for m in e.mentions)


def test_a_place_possessive_without_apostrophe_is_no_actor(extract):
    doc = extract("Rebels shelled Aleppos old city on Sunday, a monitor said.", published="2016-08-07")
    assert not any(m.text.startswith("Aleppos") for e in doc.entities for m in e.mentions)
    (event,) = [e for e in doc.events if e.event_type]
    assert event.actor2 is None or not event.actor2.startswith("new:")


def test_an_actor_possessive_without_apostrophe_is_the_actor(extract):
    doc = extract("Hezbollahs fighters attacked a checkpoint near Qusayr on Sunday.", published="2016-08-07")
    assert _entity_at(doc, "Hezbollahs").id == "kb:hezbollah"


def test_a_named_commander_of_a_group_codes_to_the_group(extract):
    doc = extract("Abu Khaled, a commander of Hayat Tahrir al-Sham, shot dead two soldiers in Idlib on Sunday.", published="2020-05-01")
    assert _entity_at(doc, "Abu Khaled").id == "kb:hayat-tahrir-al-sham"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five people in Celaya on Sunday, the Noticiero Sureste reported.",
        "Gunmen killed five people in Celaya on Sunday, a police officer told the Noticiero Sureste.",
        "Gunmen killed five people in Celaya on Sunday, according to the Noticiero Sureste.",
    ],
)
def test_an_organisation_cited_as_the_source_is_an_outlet(extract, text):
    doc = extract(text, published="2021-05-01")
    sources = [e for e in doc.entities if e.id.startswith("new:")]
    assert sources and all(e.kind == "media" for e in sources)
    assert all(not (ev.actor1 or "").startswith("new:") and not (ev.actor2 or "").startswith("new:") for ev in doc.events)


def test_an_acronym_is_kept_when_the_article_names_the_group_in_full(extract):
    # No place of the Philippines is named, but the New People's Army is: NPA is that group.
    doc = extract("The New People's Army said NPA rebels ambushed soldiers near the village on Sunday.", published="2021-05-01")
    assert _entity_at(doc, "NPA").id == "kb:new-peoples-army"


@pytest.mark.parametrize(
    "text, unit, actor",
    [
        ("Troops of the 29th Infantry Battalion clashed with NPA rebels in Butuan, Philippines, on Sunday.",
         "29th Infantry Battalion", "kb:military-forces-of-philippines"),
        ("Officers of the Jabonga Municipal Police Station arrested two NPA rebels in Butuan, Philippines, on Sunday.",
         "Jabonga Municipal Police Station", "kb:police-forces-of-philippines"),
    ],
)
def test_a_unit_of_the_state_forces_is_the_states_force(extract, text, unit, actor):
    doc = extract(text, published="2021-05-01")
    # The NER may leave out the ordinal ("Infantry Battalion"): the unit's head words decide.
    assert {e.id for e in doc.entities if any(unit.split(" ", 1)[1] in m.text for m in e.mentions)} == {actor}


def test_an_agency_acronym_is_kept_whatever_the_country(extract):
    # AFP is based in France, which a report from Idlib never names: it is still the agency.
    doc = extract("Air strikes killed five civilians in Idlib on Sunday, AFP reported.", published="2019-05-01")
    assert _entity_at(doc, "AFP").id == "kb:afp"


def test_a_bar_ends_a_kicker_and_the_generic_agent_after_it_is_not_a_name(extract):
    # "Section | Headline": the web's separator; "Regime" opening the headline starts the
    # generic "regime forces", not an organisation called "Regime".
    doc = extract("Southern front one month on | Regime forces shell Nawa killing three civilians", published="2021-11-30")
    names = {e.id: e.name for e in doc.entities}
    (ev,) = [e for e in doc.events if e.fatalities]
    assert ev.actor1 == "kb:military-forces-of-syria-2000-2024", names
    assert "Regime" not in names.values()


def test_a_nationality_before_an_agent_noun_used_as_a_modifier_says_whose(extract):
    # "Turkish" and "military" both modify "convoy": the military is Turkey's.
    doc = extract("A Turkish military convoy arrived in Idlib on Monday.", published="2020-02-10")
    assert [e.actor1 for e in doc.events] == ["kb:military-forces-of-turkey"]


def test_fighters_loyal_to_a_group_are_that_group(extract):
    # "loyal to" / "affiliated with" hang on the adjective, not on the noun.
    doc = extract("Militants loyal to the Islamic State attacked a Christian village in Borno, killing 11.",
                  published="2021-04-05")
    assert [e.actor1 for e in doc.events] == ["kb:islamic-state"]
