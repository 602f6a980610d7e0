"""Events: ACLED and PLOVER typing, arguments, fatalities by ACLED's rules, attribution and
certainty, history vs news, and linking two mentions of one happening."""

import pytest


def _only(doc):
    assert len(doc.events) == 1, [(e.sub_event_type, e.summary) for e in doc.events]
    return doc.events[0]


@pytest.mark.parametrize(
    "text, event_type, sub_event_type, plover",
    [
        ("Warplanes bombed a market in Douma on Sunday.", "Explosions/Remote violence", "Air/drone strike", "ASSAULT"),
        ("Government forces shelled Ariha on Saturday.", "Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT"),
        ("A car bomb exploded in Kirkuk on Tuesday.", "Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT"),
        ("A suicide bomber blew himself up at a mosque in Kabul.", "Explosions/Remote violence", "Suicide bomb", "ASSAULT"),
        ("Hezbollah fighters clashed with Israeli troops near the border.", "Battles", "Armed clash", "ASSAULT"),
        ("Syrian troops recaptured the town of Khan Sheikhoun from rebels on Friday.", "Battles", "Government regains territory", "ASSAULT"),
        ("Rebels seized the town of Maarat al-Numan on Thursday.", "Battles", "Non-state actor overtakes territory", "ASSAULT"),
        ("Unidentified gunmen shot dead a local official in Daraa.", "Violence against civilians", "Attack", "ASSAULT"),
        ("Hundreds of protesters rallied in Beirut on Saturday against the government.", "Protests", "Peaceful protest", "PROTEST"),
        ("Police fired tear gas at protesters in Basra on Sunday.", "Protests", "Protest with intervention", "PROTEST"),
    ],
)
def test_acled_and_plover_types(extract, text, event_type, sub_event_type, plover):
    event = _only(extract(text))
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)
    assert event.plover.type == plover


def test_natural_disasters_and_threats_are_not_conflict_events(extract):
    assert not extract("An earthquake struck southern Turkey on Monday, killing 40 people.").events
    assert not extract("The Houthis are planning to attack ships in the Red Sea, officials said.").events


def test_a_back_reference_is_not_a_new_attack(extract):
    doc = extract("The United Nations condemned the attack.")
    assert not [e for e in doc.events if e.event_type]


@pytest.mark.parametrize(
    "text, fatalities",
    [
        ("Russian warplanes struck Saraqib on Sunday, killing at least 12 civilians.", 12),
        ("Dozens of people were killed when warplanes bombed a market in Douma.", 12),  # ACLED: dozens = 12
        ("A car bomb exploded in Kirkuk, killing four people and wounding 20.", 4),  # injuries never count
        ("Nine persons killed 12 injured in shelling on Aleppo.", 9),
        ("Over 3 Killed 40 Injured in Rocket Attack on Western Aleppo.", 3),
        ("One person killed 16 others injured in terrorists rocket attacks in Aleppo.", 1),
        # the towns are where the buses came from, not victims of "killing"
        ("A suicide car bomb hit buses carrying civilians out of two besieged towns killing at least 100 people and wounding several others.", 100),
        ("At least 20 people were reported killed in air strikes on Idlib.", 20),
        ("Twelve people are believed to have died in the shelling of Douma.", 12),
        ("Monitors 15 killed in missile strike on Deir el-Zour AP Friday Syrian activists say 15 civilians have been killed when a missile hit the city.", 15),
        ("Eight Civilians Killed 14 Injured in Terrorist Bombing in Damascus", 8),
        ("The death toll reached 330 overnight as air strikes targeted Aleppo on Sunday.", 330),  # the toll's verb is the root
        ("Over 750 people have been killed and thousands more injured in the bombing of Aleppo on Monday.", 750),
        ("State media said 49 opposition fighters were killed and wounded in fighting in Sheikh Saeed.", None),  # dead and hurt together
        ("Russian warplanes struck a school where 35 civilians were killed and many more wounded.", 35),
        ("At least 60 people have been killed and more than 100 others injured in a car bomb explosion in Rankus.", 60),
        ("Unidentified gunmen shot dead a local official in Daraa.", 1),
        # One victim written without a number: the object of a killing verb, the "of" argument
        # of a noun of killing, the subject of a "to death" resultative.
        ("Gunmen assassinated a village mayor near Kandahar on Sunday.", 1),
        ("Activists reported the killing of a teacher by militiamen in Sinjar.", 1),
        ("A shopkeeper was shot to death by gunmen in Ciudad Juarez on Friday.", 1),
        ("Gunmen assassinated two councillors near Kandahar on Sunday.", 2),
        ("A soldier was killed in shelling on Idlib.", 1),
        ("Government forces shelled Ariha on Saturday.", None),  # unknown, not zero
    ],
)
def test_fatalities_follow_acled(extract, text, fatalities):
    assert _only(extract(text)).fatalities == fatalities


def test_civilian_targeting_and_interaction(extract):
    event = _only(extract("Islamic State militants attacked an army checkpoint near Tikrit, killing five soldiers."))
    assert event.actor1 == "kb:islamic-state" and event.actor2 == "kb:military-forces-of-iraq"
    assert not event.civilian_targeting
    assert event.interaction == 12  # state forces (1) vs a rebel group (2), lower code first
    attack = _only(extract("Unidentified gunmen shot dead a local official in Daraa."))
    assert attack.civilian_targeting and attack.actor2.startswith("kb:civilians")


@pytest.mark.parametrize(
    "text, kind, certainty",
    [
        ("Russian warplanes struck Saraqib on Sunday, killing 12 civilians, the Syrian Observatory for Human Rights said.", "monitor", "reported"),
        ("A car bomb exploded in Kirkuk on Tuesday, killing four people, police said.", "party_to_conflict", "reported"),
        ("Residents said warplanes pounded Douma overnight.", "witness", "reported"),
        ("Islamic State claimed responsibility for a suicide bombing in Baghdad that killed 12 people.", "party_to_conflict", "claimed"),
        ("Turkey denied that its drones had struck a hospital in Qamishli.", None, "denied"),
        ("Warplanes bombed a market in Douma on Sunday.", "unattributed", "asserted"),
    ],
)
def test_who_said_so_and_how_sure(extract, text, kind, certainty):
    event = [e for e in extract(text).events if e.event_type][0]
    if kind is not None:
        assert event.attribution.kind == kind
    assert event.certainty == certainty


def test_dates_resolve_against_publication(extract):
    # Published Monday 2 December 2024.
    assert _only(extract("Warplanes bombed Douma on Sunday.")).date.start == "2024-12-01"
    week = _only(extract("Rebels launched an offensive on government positions in Idlib last week."))
    assert (week.date.start, week.date.end, week.date.precision) == ("2024-11-25", "2024-12-01", "week")
    undated = _only(extract("Warplanes bombed Douma."))
    assert undated.date.start == "2024-12-02" and "publication date" in undated.date.reason


def test_history_is_background(extract):
    doc = extract("Rebels controlled eastern Aleppo from 2012 to 2016, when government forces recaptured it.")
    assert doc.events and all(e.status == "background" for e in doc.events)


def test_an_outcome_told_of_a_named_strike_is_the_same_event(extract):
    doc = extract("Residents said warplanes pounded Douma overnight. The strikes killed at least 20 civilians, a monitor said.")
    event = _only(doc)
    assert event.sub_event_type == "Air/drone strike" and event.fatalities == 20
    assert len(event.mentions) == 2


def test_two_strikes_on_two_towns_stay_two(extract):
    doc = extract("Air strikes hit Saraqib on Monday, killing five. Later that day another air strike hit Ariha, killing three.")
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert sorted((e.location.name, e.fatalities) for e in strikes) == [("Ariha", 3), ("Saraqib", 5)]


def test_every_event_has_evidence_a_summary_and_a_bounded_confidence(extract):
    doc = extract("Warplanes bombed a market in Douma on Sunday, killing 12 people. Rebels shelled Aleppo.")
    for e in doc.events:
        assert e.evidence and e.summary and 0 <= e.confidence <= 1
        for span in e.evidence:
            assert doc.article.text[span.start : span.end]


def test_a_strike_retold_as_the_attack_stays_one_strike(extract):
    doc = extract("Warplanes struck the town of Saraqib on Monday. The attack killed 12 people, including five children.")
    violent = [e for e in doc.events if e.event_type == "Explosions/Remote violence" or e.sub_event_type == "Attack"]
    assert [(e.sub_event_type, e.fatalities) for e in violent] == [("Air/drone strike", 12)]


def test_rebels_and_the_army_are_never_merged_into_one_force(extract):
    doc = extract("Government forces shelled Idlib. Rebels attacked an army post near Saraqib.")
    actors = {e.actor1 for e in doc.events}
    assert "kb:rebels-syria" in actors and any(a and a.startswith("kb:military-forces-of-syria") for a in actors)


def test_the_source_is_neither_side(extract):
    doc = extract("At least 15 people were killed on Tuesday in air strikes on Idlib, the Syrian Observatory for Human Rights said.")
    (strike,) = doc.events
    assert "kb:sohr" not in (strike.actor1, strike.actor2, *strike.assoc_actor_2)
    assert strike.attribution.entity == "kb:sohr" and strike.attribution.kind == "monitor"


@pytest.mark.parametrize(
    "text",
    [
        "At least 27 security personnel were killed in Taliban attacks across Afghanistan on Tuesday.",
        "The militants attacked and overran several checkpoints at midnight, killing the district police chief.",
        "Rebel fighters attacked a police post on Wednesday, killing 12 people on both sides.",
    ],
)
def test_an_attack_on_an_armed_target_is_a_clash(extract, text):
    assert _only(extract(text)).sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "Police were deployed to Jerusalem in anticipation of more violent protests after Friday prayers.",
        "Troops carried out drills simulating an air strike on the base.",
    ],
)
def test_anticipated_and_simulated_violence_is_no_violent_event(extract, text):
    assert not [e for e in extract(text).events if e.event_type in ("Explosions/Remote violence", "Battles", "Protests", "Violence against civilians")]


def test_reactions_and_kinds_of_events_are_not_new_events(extract):
    doc = extract("The United Nations condemned the air strikes and called for an end to such attacks on hospitals.")
    assert not [e for e in doc.events if e.event_type]
    assert all(e.actor1 != "kb:united-nations" for e in doc.events if e.event_type)


@pytest.mark.parametrize(
    "text, actor1",
    [
        ("Russian strikes kill 34 civilians in Deir Ezzor.", "kb:military-forces-of-russia"),
        ("Israeli strikes killed five people in Gaza.", "kb:military-forces-of-israel"),
    ],
)
def test_a_national_strike_that_kills_is_military(extract, text, actor1):
    event = _only(extract(text))
    assert event.actor1 == actor1
    assert event.sub_event_type == "Air/drone strike"  # a state military's bare "strikes"


def test_a_labour_strike_is_not_an_attack(extract):
    assert not extract("French strikes disrupted rail traffic on Monday.").events


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Air strikes killed up to 50 people in Idlib on Monday.", None, 50),
        ("Air strikes killed at least 50 people in Idlib on Monday.", 50, None),
        ("Air strikes killed between 10 and 15 people in Idlib on Monday.", 10, 15),
    ],
)
def test_fatality_range_says_only_what_the_text_says(extract, text, low, high):
    r = _only(extract(text)).fatalities_range
    assert (r.low, r.high) == (low, high)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Syrian government bombing killed 16 civilians in Aleppo on Wednesday.", "Air/drone strike"),
        ("Government forces bombed the town of Saraqib, killing 7.", "Air/drone strike"),
        ("A bomb exploded in a market in Azaz, killing 5.", "Remote explosive/landmine/IED"),
        ("Islamic State militants bombed a checkpoint in Kirkuk.", "Remote explosive/landmine/IED"),
    ],
)
def test_a_states_bombing_is_from_the_air(extract, text, sub_event_type):
    assert _only(extract(text)).sub_event_type == sub_event_type


def test_coordinated_national_adjectives_name_the_allies(extract):
    event = _only(extract("At least 25 civilians were killed in heavy Russian and Syrian strikes across eastern Aleppo on Saturday."))
    assert event.actor1 == "kb:military-forces-of-russia"
    assert event.assoc_actor_1 == ["kb:military-forces-of-syria-2000-2024"]


def test_a_headline_total_is_not_cut_to_one_of_its_parts(extract):
    # One telling gives the whole and then its parts: the whole is the event's toll.
    doc = extract(
        "Syria regime bombing kills 21 including 8 children\n"
        "Air strikes and missiles killed 19 people in Hara in Daraa province on Friday. "
        "Three children were killed in air strikes on Tel Minis.",
        published="2014-10-10",
    )
    assert max(e.fatalities or 0 for e in doc.events if e.status == "current") == 21


def test_two_sources_differing_on_one_toll_give_the_lower_figure(extract):
    doc = extract(
        "An air strike hit a market in Douma on Monday, killing 15 people, the Syrian Observatory for Human Rights said. "
        "The strike on the market in Douma killed 23 people, the civil defence said.",
        published="2016-06-13",
    )
    (strike,) = [e for e in doc.events if e.status == "current"]
    assert strike.fatalities == 15
    assert (strike.fatalities_range.low, strike.fatalities_range.high) == (15, 23)


def test_an_updated_toll_supersedes_the_earlier_count(extract):
    doc = extract(
        "13 citizens killed in rocket attacks on Aleppo\n"
        "The death toll from rocket attacks on residential neighborhoods in Aleppo city has risen to 13, a police source said. "
        "Earlier the source said that 7 citizens were killed in the rocket attacks on Aleppo.",
        published="2016-10-28",
    )
    assert max(e.fatalities or 0 for e in doc.events if e.status == "current") == 13


def test_the_leads_total_beats_a_later_partial_count(extract):
    lead = "Air strikes on a market in Idlib killed at least 21 civilians on Sunday, a monitor said. " + "Residents fled the city. " * 20
    doc = extract(lead + "Rescue workers in Idlib said the air strikes on the market killed 15 people.", published="2016-06-19")
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1 and strikes[0].fatalities == 21
    assert (strikes[0].fatalities_range.low, strikes[0].fatalities_range.high) == (15, 21)


@pytest.mark.parametrize(
    "text",
    [
        "ISIL terrorists execute 50 captive Syrian troops in Raqqa.",  # armed victims, but held
        "Islamic State beheaded two men in al-Shaafa on Sunday.",
        "Gunmen kidnapped and killed a journalist in Idlib on Monday.",
    ],
)
def test_killing_people_held_is_an_attack_not_a_battle_or_an_abduction(extract, text):
    (event,) = [e for e in extract(text, published="2015-10-04").events if e.event_type]
    assert event.sub_event_type == "Attack"


def test_a_kidnapping_without_deaths_stays_an_abduction(extract):
    (event,) = [e for e in extract("Gunmen kidnapped three aid workers in Idlib.").events if e.event_type]
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_a_number_beats_a_vague_word_for_one_happening(extract):
    doc = extract("Dozens killed in air strikes on Idlib\nAt least 38 people were killed in air strikes on Idlib on Monday.",
                  published="2016-08-15")
    (strike,) = [e for e in doc.events if e.event_type]
    assert strike.fatalities == 38


def test_a_toll_told_alone_retells_the_happening_before_it(extract):
    lead = "Air strikes on a market in Aleppo killed 15 people on Monday, a monitor said. " + "Residents fled the city. " * 20
    doc = extract(lead + "Rescue workers responding to the attacks gave a higher toll of 23 dead.", published="2016-06-13")
    (strike,) = [e for e in doc.events if e.event_type]
    assert strike.fatalities == 15 and strike.fatalities_range.high == 23


@pytest.mark.parametrize(
    "text",
    [
        "100 ISIL Terrorists Killed in Kobani",  # headline: a reduced passive
        "40 Terrorists Killed in Latest Syrian Army Offensive in Aleppo",
        "Islamic State fighters killed in clashes near Kobani on Monday.",
    ],
)
def test_the_killed_are_never_the_killers(extract, text):
    (event,) = [e for e in extract(text, published="2016-07-01").events if e.event_type]
    assert event.actor1 != "kb:islamic-state" and event.actor1 != "kb:militants-syria"


def test_an_active_killing_keeps_its_killer(extract):
    (event,) = [e for e in extract("Islamic State fighters killed 20 civilians in Kobani.", published="2016-07-01").events if e.event_type]
    assert event.actor1 == "kb:islamic-state"


def test_the_other_side_of_a_fight_killed_the_fallen(extract):
    (event,) = [e for e in extract("10 Syrian troops killed in clashes with IS in Deir Ezzor.", published="2014-10-14").events if e.event_type]
    assert (event.actor1, event.actor2) == ("kb:islamic-state", "kb:military-forces-of-syria-2000-2024")


def test_the_headline_has_the_latest_count(extract):
    doc = extract(
        "Coalition raids kill 21 civilians near Manbij\n"
        "Coalition raids kill 21 civilians near Manbij Air strikes by the US-led coalition killed at least 21 civilians "
        "near Manbij on Monday a monitor said. At least 15 civilians were killed in raids in a district of Manbij "
        "while six others were killed in a village near the city according to the Syrian Observatory for Human Rights.",
        published="2016-07-18",
    )
    assert max(e.fatalities or 0 for e in doc.events if e.status == "current") == 21


def test_a_political_body_that_condemns_a_strike_did_not_fly_it(extract):
    doc = extract("The Syrian Coalition strongly condemned the massacre carried out by warplanes in which 35 civilians "
                  "were killed in Aleppo.", published="2016-01-11")
    (strike,) = [e for e in doc.events if e.event_type]
    assert "coalition" not in (strike.actor1 or "")  # neither the KB's Coalition nor a made-up one


def test_rebels_fly_no_aircraft_but_may_fly_drones(extract):
    (air,) = [e for e in extract("Rebels launched air strikes on Hama on Monday.", published="2016-01-11").events if e.event_type]
    assert air.actor1 != "kb:rebels-syria"
    (drone,) = [e for e in extract("Houthi drones struck an airport in Saudi Arabia.", published="2019-05-01").events if e.event_type]
    assert drone.actor1 == "kb:houthis"


def test_a_group_without_aircraft_brought_in_by_a_retelling_is_not_the_pilot(extract):
    doc = extract("Air strikes hit Aleppo on Monday killing 20 people. Rebels attacked the city on Monday, killing 20 people.",
                  published="2016-09-21")
    (strike,) = [e for e in doc.events if e.event_type]
    assert strike.sub_event_type == "Air/drone strike" and strike.actor1 != "kb:rebels-syria"


def test_an_event_told_only_in_a_country_takes_the_place_the_article_keeps_naming(extract):
    lead = "Victims of a suspected chemical attack in Syria showed symptoms of nerve agent exposure, the WHO said. "
    body = "Officials met in Geneva. " * 20 + "Health workers in Idlib were overwhelmed. Hospitals in Idlib asked for atropine."
    (attack,) = [e for e in extract(lead + body, published="2017-04-05").events if e.sub_event_type == "Chemical weapon"]
    assert attack.location.admin1 == "Idleb" and attack.location.geo_precision == 3
    assert "names most" in attack.location.reason


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Over 750 people have been killed in the bombing campaign on Aleppo on Monday.", "Air/drone strike"),
        ("Five civilians were killed in the heavy bombing of Douma on Monday.", "Air/drone strike"),
        ("Seven people were killed in a bombing at a checkpoint in Azaz on Monday.", "Remote explosive/landmine/IED"),
        ("A car bombing killed 12 people in Homs on Monday.", "Remote explosive/landmine/IED"),
    ],
)
def test_a_place_bombed_is_bombed_from_the_air_a_bombing_at_a_place_is_a_planted_device(extract, text, sub_event_type):
    (event,) = [e for e in extract(text, published="2016-09-21").events if e.event_type]
    assert event.sub_event_type == sub_event_type


def test_two_speech_acts_of_two_kinds_stay_two(extract):
    doc = extract("Iran accused Israel of the attack on Monday and demanded a UN inquiry on Monday.", published="2016-10-03")
    kinds = {e.plover.type for e in doc.events if e.plover and e.event_type is None}
    assert {"ACCUSE", "REQUEST"} <= kinds


@pytest.mark.parametrize(
    "text, fatalities",
    [
        ("The Syrian army eliminated 75 Nusra Front militants in Daraa on Sunday.", 75),
        ("Government forces destroyed over 60 terrorists near Palmyra on Sunday.", 60),
    ],
)
def test_people_eliminated_or_destroyed_were_killed(extract, text, fatalities):
    (event,) = [e for e in extract(text, published="2016-08-07").events if e.event_type]
    assert event.fatalities == fatalities


def test_things_destroyed_or_eliminated_are_no_killing(extract):
    assert not [e for e in extract("The government pledged to eliminate poverty.").events if e.event_type]
    doc = extract("Warplanes destroyed an ammunition depot in Idlib.", published="2016-08-07")
    assert all(e.fatalities is None for e in doc.events)


def test_executing_an_act_is_carrying_it_out_not_killing(extract):
    # "Execute" with an act as its object is a light verb; the count is of strikes, not of the dead.
    doc = extract("Russian jets executed more than 20 airstrikes on rebel positions in Idlib on Tuesday.")
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"]
    assert doc.events[0].fatalities is None
    shot = _only(extract("Islamic State militants executed 12 prisoners in Raqqa on Tuesday."))
    assert shot.fatalities == 12 and shot.sub_event_type == "Attack"


def test_fighters_who_stormed_a_village_are_no_weather(extract):
    # The verb "storm" is an assault; only the noun names a disaster.
    attack = _only(extract("Boko Haram fighters stormed the village of Konduga on Sunday, killing 15 residents."))
    assert attack.actor1 == "kb:boko-haram" and attack.fatalities == 15
    assert not [e for e in extract("A storm killed 15 residents of Konduga on Sunday.").events
                if e.event_type == "Violence against civilians"]


def test_a_convoy_that_was_attacked_is_the_target_not_a_deployment(extract):
    doc = extract("Militants ambushed a military convoy near Maiduguri on Monday, killing seven soldiers.")
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"]
    moved = extract("The army deployed a convoy of tanks to the border town on Monday.")
    assert [e.sub_event_type for e in moved.events] == ["Change to group/activity"]


def test_a_date_in_a_clause_about_a_participant_does_not_date_the_happening(extract):
    # "since 2007" dates the insurgency of the relative clause, not the blast.
    doc = extract("Police said the blast in Peshawar was carried out by the Pakistani Taliban, "
                  "who have waged an insurgency since 2007.", published="2021-04-05")
    assert [e.status for e in doc.events] == ["current"]


def test_police_killed_are_the_countrys_police(extract):
    clash = _only(extract("Taliban fighters overran a police post in Kunduz overnight, killing nine police officers.",
                          published="2019-05-02"))
    assert clash.actor2 == "kb:police-forces-of-afghanistan" and clash.sub_event_type == "Armed clash"


def test_coordinated_subjects_of_a_reciprocal_verb_are_the_two_sides(extract):
    clash = _only(extract("Government forces and rebels clashed in Idlib on Monday, killing 12 fighters.",
                          published="2019-05-02"))
    assert clash.actor1 == "kb:military-forces-of-syria-2000-2024" and clash.assoc_actor_1 == []
    assert clash.actor2 and "rebels" in clash.actor2
