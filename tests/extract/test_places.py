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
