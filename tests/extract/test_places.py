"""Places: gazetteer names with variants, precision words, regions and borders, and where an
event happened (not every place named in its sentence)."""

import pytest


def _place(doc, name):
    for p in doc.places:
        if p.name == name:
            return p
    raise AssertionError(f"no place {name!r}: {[p.name for p in doc.places]}")


@pytest.mark.parametrize(
    "text, name, admin1",
    [
        ("Shelling hit Maarat al-Numan on Monday.", "Maarrat an Numan", "Idleb"),
        ("A separate air strike hit Khan Sheikhoun on Monday.", "Khan Shaykhun", "Idleb"),
        ("Rebels advanced on Jisr al-Shughour.", "Jisr ash Shughur", "Idleb"),
        ("A car bomb exploded in the Iraqi city of Kirkuk on Tuesday.", "Kirkuk", "Kirkuk"),
    ],
)
def test_transliterated_names_resolve_in_the_conflict_country(extract, text, name, admin1):
    doc = extract(text)
    assert _place(doc, name).admin1 == admin1
    (event,) = doc.events
    assert event.location.name == name and event.location.geo_precision == 1


def test_countryside_is_near_the_town(extract):
    doc = extract("Government forces shelled the Aleppo countryside on Monday.")
    assert doc.events[0].location.geo_precision == 2


def test_named_region_and_border_are_areas(extract):
    doc = extract("Warplanes struck rebel positions in northwest Syria. Fighters crossed the Iraq-Syria border.")
    features = {p.name: p.feature for p in doc.places}
    assert features.get("Northwest Syria") == "region"
    assert features.get("Iraq-Syria border") == "border"


def test_adjectives_are_not_places(extract):
    doc = extract("A suicide bomber blew himself up at a Shiite mosque in Kabul on Friday, killing 30 worshippers.")
    assert [p.name for p in doc.places] == ["Kabul"]
    assert doc.events[0].location.name == "Kabul"


def test_the_event_place_is_where_it_happened_not_where_it_was_reported(extract):
    doc = extract("Speaking in Geneva, the envoy said an air strike hit Saraqib on Sunday.")
    strike = [e for e in doc.events if e.sub_event_type == "Air/drone strike"][0]
    assert strike.location.name == "Saraqib"


def test_a_town_name_shared_across_countries_is_read_in_the_story_country(extract):
    doc = extract("Regime forces fended off an attack by rebel fighters on the Zahra neighbourhood of Aleppo in Syria.")
    assert all(p.country in ("SYR", None) for p in doc.places), [(p.name, p.country) for p in doc.places]


@pytest.mark.parametrize(
    "text, abroad",
    [
        # a local name shared with a mid-sized town abroad, in a country the article never names
        ("Regime forces shelled Alwaer in Homs on Monday, Syrian activists said.", "IND"),
        ("Islamic State attacked Safi village in Syria's Hama province on Thursday.", "MAR"),
    ],
)
def test_a_mid_sized_town_abroad_is_not_taken_for_a_local_name(extract, text, abroad):
    doc = extract(text, published="2017-05-18")
    assert all(p.country != abroad for p in doc.places)


def test_a_capital_abroad_is_known_by_its_name(extract):
    doc = extract("Syrian opposition delegates met in Ankara on Monday to discuss the fighting in Idlib.", published="2017-05-18")
    assert "TUR" in {p.country for p in doc.places}


def _located(doc):
    """Places named as where something is: not a government, a modifier or an organisation's word."""
    return [p for p in doc.places if any(m.role == "location" for m in p.mentions)]


def _countries(doc):
    return {p.country for p in _located(doc) if p.feature != "country"}


def test_a_transliteration_look_alike_abroad_is_not_the_village(extract):
    # "Tokhar" has the consonants of Afghanistan's Takhar and a Russian city's old name.
    doc = extract("Coalition air strikes hit the villages of Tokhar and Hoshariyeh near Manbij in northern Syria on Tuesday, "
                  "killing dozens of civilians. Moscow denied any role.", published="2016-07-19")
    assert _countries(doc) <= {"SYR"}, [(p.name, p.country) for p in doc.places]


def test_a_country_in_boilerplate_is_not_where_things_happen(extract):
    doc = extract("Syrian government forces clashed with fighters of the Islamic State (banned in Russia) "
                  "15 kilometers to the east of the city on Monday.", published="2017-03-02")
    assert "RUS" not in {p.country for p in _located(doc)}, [(p.name, p.country) for p in doc.places]
    # Listed as a toponym all the same, as the jurisdiction it is.
    assert [m.role for p in doc.places if p.country == "RUS" for m in p.mentions] == ["metonym"]


def test_a_capital_standing_for_its_government_is_not_a_place(extract):
    doc = extract("Air strikes carried out by Washington and its Arab allies killed 11 civilians in Idlib on Tuesday.",
                  published="2014-09-24")
    assert "Washington" not in {p.name for p in _located(doc)}
    assert [m.role for p in doc.places if p.name == "Washington" for m in p.mentions] == ["metonym"]
    assert doc.events[0].location.admin1 == "Idleb"


def test_a_country_as_a_nationality_is_not_a_place(extract):
    doc = extract("At least 45 people were killed in a US airstrike on Raqqa on Monday, local sources said.",
                  published="2017-10-03")
    assert "USA" not in {p.country for p in _located(doc)}
    assert [m.role for p in doc.places if p.country == "USA" for m in p.mentions] == ["modifier"]
    assert doc.events[0].location.admin1 == "Ar-Raqqa"


def test_a_country_name_is_the_country_not_a_look_alike_town(extract):
    doc = extract("The strategic city connects the territory held by Iran-backed militias to Iraq. "
                  "Russia and the UK-based monitoring group disagree.", published="2016-06-07")
    assert "IRN" not in _countries(doc) and "RUS" not in _countries(doc), [(p.name, p.country) for p in doc.places]


@pytest.mark.parametrize(
    "text",
    [
        "A bomb exploded in Aleppo's Salaheddin district on Wednesday, killing six people.",
        "Rebel rockets hit the Shahba neighbourhood of Aleppo on Thursday, killing three children.",
    ],
)
def test_a_neighbourhood_is_inside_the_city_named(extract, text):
    doc = extract(text, published="2017-04-19")
    assert {p.admin1 for p in doc.places} == {"Aleppo"}, [(p.name, p.admin1) for p in doc.places]


def test_a_village_in_a_named_province_stays_in_that_province(extract):
    doc = extract("A suicide bomber blew himself up at a wedding in the village of Tall Tawil in Hasakeh province on Monday.",
                  published="2016-10-04")
    assert {p.admin1 for p in doc.places} == {"Al-Hasakeh"}, [(p.name, p.admin1) for p in doc.places]


@pytest.mark.parametrize(
    "text",
    [
        "Seven civilians were killed in a car bomb attack in Tal Abyad Raqqa on Wednesday.",
        "Warplanes struck a hospital in the town of Kafr Hamra before dawn. Kafr Hamra is near the front line.",
    ],
)
def test_a_generic_word_is_not_a_place_on_its_own(extract, text):
    # "Tal" alone is the town of al-Tall near Damascus; "Hamra" alone a village in Hama.
    doc = extract(text, published="2016-06-29")
    assert "Rural Damascus" not in {p.admin1 for p in doc.places} and "Hama" not in {p.admin1 for p in doc.places}, \
        [(p.name, p.admin1) for p in doc.places]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels tried to break the siege of the rebel-held east of the city on Monday.",
        "Government troops advanced on the town of Arab Saeed, 30 kilometers to the west.",
        "The hospital was being used as a command center, the statement said.",
        "The ICRC director for the Middle East said the fighting was the worst in a year.",
        "The crisis will eventually force the West to deal with the government, analysts said.",
    ],
)
def test_a_direction_word_that_is_no_part_of_the_country(extract, text):
    doc = extract("Syria. " + text, published="2016-08-01")
    assert not [p.name for p in doc.places if p.feature == "region"], [(p.name, p.feature) for p in doc.places]


def test_a_name_known_only_abroad_is_not_called_unknown(extract):
    """A place name the gazetteer has only in countries the article does not name is left
    out, and the warning says so rather than that the gazetteer lacks it."""
    doc = extract("Syrian army shells hit Idlib on Monday. Hezbollah has been busy with Israel "
                  "since the Gaza war erupted last year.")
    about_gaza = [w for w in doc.warnings if "'Gaza'" in w]
    assert about_gaza and "known to the gazetteer only in countries the article does not name" in about_gaza[0]
    assert "PSE" in about_gaza[0] and "is not in the gazetteer" not in about_gaza[0]
    unknown = extract("Clashes broke out in Qzxwvabad, in Idlib province, on Monday.")
    assert any("'Qzxwvabad'" in w and w.endswith("is not in the gazetteer") for w in unknown.warnings), unknown.warnings
