"""Geoparsing (issue 10): every toponym listed with its role, countries and provinces at their
own points, continents and abbreviations known, no spelling guesses on ordinary words or people.
Each test is one kind of error measured on unseen geoparsing gold; the sentences are made up."""

from sitrep.knowledge.gazetteer import haversine_km


def _mentions(doc):
    """(text, role, place name) of every place mention, in text order."""
    out = [(m.text, m.role, p.name, m.start) for p in doc.places for m in p.mentions]
    return [t[:3] for t in sorted(out, key=lambda t: t[3])]


def _place(doc, text):
    for p in doc.places:
        if any(m.text == text for m in p.mentions):
            return p
    raise AssertionError(f"no place mention {text!r}: {_mentions(doc)}")


# ------------------------------------------------------------------ toponyms not emitted

def test_a_country_standing_for_its_government_is_listed_as_a_metonym(extract):
    doc = extract("Norway condemned the decision on Tuesday and recalled its envoy.")
    assert ("Norway", "metonym", "Norway") in _mentions(doc)
    # ... and it is still the actor, as before.
    assert any(e.name.startswith("Government of Norway") or "Norway" in e.name for e in doc.entities)


def test_a_country_name_modifying_a_noun_is_a_modifier(extract):
    doc = extract("UK officials said the shipment had been stopped at the port of Dover.")
    assert ("UK", "modifier", "United Kingdom") in _mentions(doc)


def test_a_demonym_is_listed_and_marked_as_one(extract):
    doc = extract("The Turkish foreign minister arrived in Berlin on Monday.")
    assert ("Turkish", "demonym", "Turkey") in _mentions(doc)
    assert _place(doc, "Berlin").mentions[0].role == "location"


def test_a_country_inside_an_organisation_name_is_marked_as_part_of_it(extract):
    doc = extract("A spokesman for the Kenya Red Cross said the camp was flooded.")
    assert ("Kenya", "organisation", "Kenya") in _mentions(doc)


def test_only_location_mentions_become_event_places(extract):
    doc = extract("France condemned the bombing. Warplanes struck the town of Saraqib on Monday, killing four civilians.")
    assert ("France", "metonym", "France") in _mentions(doc)
    france = _place(doc, "France")
    assert doc.events and all(e.location.place != france.id for e in doc.events)


# ------------------------------------------------------------------ countries and provinces at their capital

def test_a_country_is_placed_at_its_own_point_not_its_capital(extract):
    doc = extract("The outbreak spread across Canada during the winter.")
    canada = _place(doc, "Canada")
    ottawa = (45.42, -75.70)
    # Ottawa lies at the country's south-eastern edge; the country's point is far inland.
    assert haversine_km(canada.lat, canada.lon, *ottawa) > 1000
    assert 50 < canada.lat < 65 and -115 < canada.lon < -85


def test_a_province_is_placed_in_its_middle_not_at_its_seat(extract):
    doc = extract("Farmers across Queensland reported losses after the floods.")
    qld = _place(doc, "Queensland")
    brisbane = (-27.47, 153.03)
    assert qld.feature == "admin1"
    assert haversine_km(qld.lat, qld.lon, *brisbane) > 500


def test_a_country_level_event_is_coded_to_the_capital_with_precision_3(extract):
    doc = extract("Government forces and rebels clashed in Syria on Monday, killing 12 fighters.")
    (event,) = [e for e in doc.events if e.status == "current"]
    assert event.location.country == "SYR" and event.location.geo_precision == 3
    # ACLED leaves no country-level row without admin1: the capital's is used, and the row's
    # `location` names the capital whose point it carries; the place stays the country.
    assert event.location.admin1 == "Damascus"
    assert event.location.name == "Damascus" and _place(doc, "Syria").id == event.location.place
    assert haversine_km(event.location.lat, event.location.lon, 33.51, 36.29) < 20


# ------------------------------------------------------------------ names missing from the gazetteer

def test_continents_are_places(extract):
    doc = extract("Cases were confirmed in Africa and Asia, and later in South America.")
    assert _place(doc, "Africa").feature == "region"
    assert _place(doc, "Asia").name == "Asia"
    # Not the north of a country called America.
    assert _place(doc, "South America").name == "South America"


def test_state_abbreviations_are_known(extract):
    doc = extract("The herd was kept on a ranch near Fresno, Calif., officials said. Tests were run in NSW.")
    assert _place(doc, "Calif.").name == "California"
    assert _place(doc, "NSW").name == "New South Wales"


# ------------------------------------------------------------------ false places

def test_no_spelling_guess_for_an_ordinary_word_or_a_person(extract):
    doc = extract("Senator Tom Harden said the swan colonies on the lake were healthy.")
    assert _mentions(doc) == []


# ------------------------------------------------------------------ the wrong referent

def test_x_county_is_the_county_not_the_town(extract):
    doc = extract("Flooding closed every school in Scott County, Indiana, on Tuesday.")
    county = _place(doc, "Scott County")
    assert county.feature == "admin2" and county.admin1 == "Indiana"
    assert _place(doc, "Indiana").feature == "admin1"


def test_a_province_the_article_names_picks_among_places_of_one_name(extract):
    doc = extract("Health officials in Indiana reported new cases on Friday. "
                  "Most of them were in Scott County, where a clinic opened last week.")
    assert _place(doc, "Scott County").admin1 == "Indiana"


def test_a_name_followed_by_its_province_is_the_one_there_for_the_whole_article(extract):
    doc = extract("Parents met at a school in Santa Ana, California, on Thursday. "
                  "They asked why so many children in Santa Ana had fallen ill.")
    places = [p for p in doc.places if any(m.text == "Santa Ana" for m in p.mentions)]
    # Both mentions are the Californian city, not El Salvador's larger namesake.
    assert len(places) == 1 and places[0].country == "USA" and places[0].admin1 == "California"
    assert len([m for m in places[0].mentions if m.text == "Santa Ana"]) == 2


def test_a_named_province_does_not_overturn_a_big_city(extract):
    doc = extract("Storms grounded flights in Kansas, and passengers bound for Atlanta waited overnight.")
    atlanta = _place(doc, "Atlanta")
    # The city of half a million in Georgia, not a Kansas village that once bore the name.
    assert atlanta.admin1 == "Georgia" and atlanta.feature == "city"


def test_a_list_of_states_is_not_read_as_one_inside_the_next(extract):
    doc = extract("Bee colonies collapsed in Oklahoma, Pennsylvania and Wisconsin last spring.")
    oklahoma = _place(doc, "Oklahoma")
    assert oklahoma.country == "USA" and oklahoma.admin1 == "Oklahoma"


def test_a_state_sharing_a_country_name_is_the_state_among_states(extract):
    doc = extract("Beekeepers in Georgia, Texas and Florida lost half their hives.")
    georgia = _place(doc, "Georgia")
    assert georgia.feature == "admin1" and georgia.country == "USA"
    # Alone, or among countries, the name is the country.
    doc = extract("Beekeepers in Georgia and Armenia lost half their hives.")
    assert _place(doc, "Georgia").feature == "country"

