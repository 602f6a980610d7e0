from datetime import date

import pytest
from evalhelpers import Canned, all_errors, document, entity, event

from sitrep.evaluation import EvalInputError, ucdp
from sitrep.evaluation import ucdp_names as names
from sitrep.evaluation.common import mapping
from sitrep.knowledge.actors import ActorKB

SYRIA_ARMY = entity("kb:military-forces-of-syria-2000-2024", "Military Forces of Syria (2000-2024)", "state_forces", "SYR")
IS = entity("kb:islamic-state", "Islamic State", "rebel_group")
IS_KHORASAN = entity("kb:islamic-state-khorasan-province", "Islamic State Khorasan Province", "rebel_group", "AFG")
HTS = entity("kb:hayat-tahrir-al-sham", "Hayat Tahrir al-Sham", "rebel_group", "SYR")
SYRIAN_REBELS = entity("kb:rebels-syria", "Rebels (Syria)", "rebel_group", "SYR", generic=True)
CJNG = entity("new:cjng", "CJNG", "political_militia")
MEXICAN_CIVILIANS = entity("kb:civilians-mexico", "Civilians (Mexico)", "civilians", "MEX", generic=True)
MYANMAR_ARMY = entity("kb:military-forces-of-myanmar", "Military Forces of Myanmar", "state_forces", "MMR")
HOUTHIS = entity("kb:houthis", "Houthi Movement", "rebel_group", "YEM")
HADI_FORCES = entity("kb:military-forces-of-yemen-2012-2022", "Military Forces of Yemen (2012-2022) Hadi", "state_forces", "YEM")
HOUTHI_FORCES = entity("kb:military-forces-of-yemen-houthi", "Military Forces of Yemen (2017-) Houthi", "state_forces", "YEM")


def test_load_reads_gold_and_ged_names(fixtures):
    items = ucdp.load(fixtures / "ucdp")
    assert [it.id for it in items] == [900001, 900002, 900003, 900004]
    first = items[0]
    assert (first.low, first.high, first.date_start, first.published) == (3, 5, date(2021, 3, 1), date(2021, 3, 2))
    # GED's bracketed historical country names come from the table; its double spaces go.
    assert [it.iso3 for it in items] == ["SYR", "MEX", "MMR", "YEM"]
    assert items[2].adm_1 == "Magway region"


def test_load_refuses_a_row_without_the_gold(fixtures):
    with pytest.raises(EvalInputError, match="line 1.*missing: low, high, country, adm_1, date_start, date_end"):
        ucdp.load(fixtures / "invalid" / "ucdp-no-dates.jsonl")


def test_admin_names_compare_without_ged_type_words_and_with_the_gazetteer():
    assert names.admin_name("Deir ez Zor governorate") == "Deir ez Zor"
    assert names.admin_name("Naypyidaw Union territory") == "Naypyidaw"
    assert names.admin1_matches(names.admin1_forms("SYR", "Deir ez Zor governorate"), "Deir-ez-Zor")
    assert names.admin1_matches(names.admin1_forms("SYR", "Ar Raqqah governorate"), "Ar-Raqqa")
    assert not names.admin1_matches(names.admin1_forms("SYR", "Homs governorate"), "Hama")
    assert not names.admin1_matches(["Homs"], None)

    class Gazetteer:  # GED writes "Hamah", sitrep's gazetteer names the unit "Hama"
        def admin1(self, iso3, name):
            return type("Entry", (), {"name": "Hama"})() if (iso3, name) == ("SYR", "Hamah governorate") else None

    # "Hamah" and "Hama" are too far apart for the spelling ratio alone (88.9 < 90).
    assert not names.admin1_matches(names.admin1_forms("SYR", "Hamah governorate"), "Hama")
    assert names.admin1_matches(names.admin1_forms("SYR", "Hamah governorate", Gazetteer()), "Hama")


def test_countries():
    assert names.country_iso3("Yemen (North Yemen)") == "YEM"
    assert names.country_iso3("Syria") == "SYR" and names.country_iso3("Ivory Coast") == "CIV"
    assert names.country_iso3("Atlantis") is None
    assert names.country_matches("SYR", "SYR") and not names.country_matches("SYR", "IRQ")
    assert not names.country_matches("SYR", None)


def test_side_parts_split_lists_and_factions():
    assert names.side_parts("Caborca Cartel, Sinaloa Cartel - Los Mayos") == [
        "Caborca Cartel", "Sinaloa Cartel - Los Mayos", "Sinaloa Cartel", "Los Mayos"]
    assert names.side_parts("Los Zetas - Cártel del Noreste faction")[1:] == ["Los Zetas", "Cártel del Noreste"]
    assert names.side_parts("MS-13 (El Salvador)") == ["MS-13 (El Salvador)", "MS-13"]


@pytest.mark.parametrize("side, ent, expected", [
    ("Government of Syria", SYRIA_ARMY, True),
    ("Government of Iraq", SYRIA_ARMY, False),
    ("Government of Eritrea, Government of Syria", SYRIA_ARMY, True),
    ("Civilians", MEXICAN_CIVILIANS, True),
    ("Civilians", SYRIA_ARMY, False),
    ("IS", IS, True),
    ("IS", IS_KHORASAN, True),  # UCDP's IS is one organisation, whatever the province
    ("Syrian insurgents", SYRIAN_REBELS, True),
    ("Syrian insurgents", HTS, False),  # a side of its own in UCDP
    ("Syrian insurgents", SYRIA_ARMY, False),
    ("Jalisco Cartel New Generation", CJNG, True),  # by the side's listed names
    ("Sinaloa Cartel - Los Mayos", entity("new:sinaloa-cartel", "the Sinaloa cartel", "political_militia"), True),
    ("Los Tlacos", entity("new:los-tlacos", "Los Tlacos", "political_militia"), True),  # unmapped: by name
    ("Los Tlacos", entity("new:los-rojos", "Los Rojos", "political_militia"), False),
    ("Taleban", entity("kb:taliban", "Taliban", "rebel_group", "AFG"), True),
    # UCDP's government of (North) Yemen is the Houthi authority in Sanaa.
    ("Government of Yemen (North Yemen)", HOUTHIS, True),
    ("Government of Yemen (North Yemen)", HADI_FORCES, False),
    ("Forces of the Presidential Leadership Council", HADI_FORCES, True),
    ("Forces of the Presidential Leadership Council", HOUTHI_FORCES, False),
    ("IS", None, False),
])
def test_side_matches(side, ent, expected):
    assert names.side_matches(side, ent) is expected


def test_types_of_violence():
    assert names.gold_violence_type("Government of Mali", "JNIM") == names.STATE_BASED
    assert names.gold_violence_type("JNIM", "Civilians") == names.ONE_SIDED
    assert names.gold_violence_type("Government of Mali", "Civilians") == names.ONE_SIDED
    assert names.gold_violence_type("IS", "SDF") == names.NON_STATE
    assert names.sitrep_violence_type(IS, SYRIA_ARMY) == names.STATE_BASED
    assert names.sitrep_violence_type(SYRIA_ARMY, MEXICAN_CIVILIANS) == names.ONE_SIDED
    assert names.sitrep_violence_type(CJNG, None) == names.NON_STATE
    assert names.sitrep_violence_type(None, None) == names.UNKNOWN


def test_every_kb_id_in_the_table_exists():
    kb = ActorKB.load()
    sides = mapping("ucdp")["sides"]
    ids = {i for rule in sides.values() for key in ("ids", "not_ids") for i in rule.get(key) or ()}
    assert ids and not {i for i in ids if kb.get(i) is None}


def _canned():
    return Canned({
        # everything right; "Hamah governorate" is found through the gazetteer's "Hama"
        "900001": document(entities=[SYRIA_ARMY, IS], events=[
            event("e1", "Armed clash", actor1=SYRIA_ARMY.id, actor2=IS.id, fatalities=4, admin1="Hama",
                  country="SYR", date="2021-03-01")]),
        # no deaths for 2; the civilians are not the Sinaloa Cartel, so one-sided for non-state;
        # a day after the end date is within the margin
        "900002": document(entities=[CJNG, MEXICAN_CIVILIANS], events=[
            event("e1", "Attack", actor1=CJNG.id, actor2=MEXICAN_CIVILIANS.id, admin1="Zacatecas",
                  country="MEX", date="2021-05-12")]),
        # 1 death within [0, 1]; no victims, so state-based for one-sided; three days late
        "900003": document(entities=[MYANMAR_ARMY], events=[
            event("e1", "Air/drone strike", actor1=MYANMAR_ARMY.id, fatalities=1, admin1="Magway",
                  country="MMR", date="2021-04-05"),
            event("e2", "Attack", status="background", fatalities=40, country="MMR", date="2021-04-05")]),
        # 900004: nothing found
    })


def test_scores_by_hand(fixtures):
    canned = _canned()
    r = ucdp.evaluate(fixtures / "ucdp", canned)
    got = {s.name: (s.value, s.n) for s in r.metrics}
    assert got["violent event found"] == (0.75, 4)
    assert got["deaths within [low, high]"] == (0.5, 4)
    assert got["country"] == (0.75, 4)
    # 900004 has no gold admin1: scored over three items
    assert got["admin1"] == (1.0, 3)
    assert got["side_a is actor1"] == (0.75, 4)
    assert got["side_b is actor2"] == (0.25, 4)
    assert got["side_a among actor1, actor2"] == (0.75, 4)
    assert got["side_b among actor1, actor2"] == (0.25, 4)
    assert got["both sides as actor1, actor2 (either order)"] == (0.25, 4)
    assert got["type of violence"] == (0.25, 4)
    assert got["date within a day of the GED dates"] == (0.5, 4)
    assert got["date misses dated by the publication date alone"] == (1, 4)
    assert r.confusion["type of violence"] == {
        "state-based": {"state-based": 1, "(no actors)": 1}, "non-state": {"one-sided": 1},
        "one-sided": {"state-based": 1}}
    errors = {e["id"]: e for e in all_errors(ucdp, fixtures / "ucdp", canned)}
    assert set(errors) == {900002, 900003, 900004}
    assert errors[900002]["wrong"] == ["deaths within [low, high]", "side_b is actor2", "side_b among actor1, actor2",
                                       "both sides as actor1, actor2 (either order)", "type of violence"]
    assert errors[900003]["wrong"] == ["side_b is actor2", "side_b among actor1, actor2",
                                       "both sides as actor1, actor2 (either order)", "type of violence",
                                       "date within a day of the GED dates"]
    assert errors[900003]["sitrep"]["actor1"]["kind"] == "state_forces"
    assert "admin1" not in errors[900004]["wrong"] and "violent event found" in errors[900004]["wrong"]
    assert len(r.errors) + r.withheld_errors == 3
    # the article date is the publication date
    assert canned.seen[1].published == date(2021, 5, 12) and canned.seen[1].text.startswith("Gunmen of the CJNG")


def test_per_country_lines(fixtures, monkeypatch):
    monkeypatch.setattr(ucdp, "COUNTRY_MIN_ITEMS", 1)
    r = ucdp.evaluate(fixtures / "ucdp", _canned())
    by_country = r.per_class["by country"]
    assert set(by_country) == {"Syria", "Mexico", "Myanmar (Burma)", "Yemen (North Yemen)"}
    assert by_country["Syria"]["n"] == 1 and by_country["Syria"]["type of violence"] == 1.0
    assert by_country["Mexico"]["side_a is actor1"] == 1.0 and by_country["Mexico"]["side_b is actor2"] == 0.0
    # no gold admin1 in Yemen's item: the measure is unknown there, not 0
    assert by_country["Yemen (North Yemen)"]["admin1"] is None
    monkeypatch.setattr(ucdp, "COUNTRY_MIN_ITEMS", 2)
    assert ucdp.evaluate(fixtures / "ucdp", _canned()).per_class["by country"] == {}


def test_table_names_are_taxonomy_names():
    from sitrep.taxonomy import ActorKind, EventType

    data = mapping("ucdp")
    kinds = [*data["state_kinds"], *data["civilian_kinds"],
             *(k for rule in data["sides"].values() for k in rule.get("kinds") or ())]
    assert kinds and [k for k in kinds if k not in set(ActorKind)] == []
    assert [t for t in data["violent_event_types"] if t not in set(EventType)] == []
