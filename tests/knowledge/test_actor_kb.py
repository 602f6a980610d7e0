"""The actor knowledge base: loader validation, user files, lookups, state roles, data integrity."""

from __future__ import annotations

import logging
from datetime import date
from importlib import resources

import pytest
import yaml

from sitrep.knowledge.actors import (
    KINDS,
    PREDICATES,
    ActorKB,
    KnowledgeError,
    is_acronym,
    spelling_variants,
)
from sitrep.knowledge.countries import Countries


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


@pytest.fixture(autouse=True)
def _no_user_env(monkeypatch):
    monkeypatch.delenv("SITREP_ACTORS", raising=False)


def _names(actors) -> list[str]:
    return [a.id for a in actors]


def _write(path, actors, source="test file"):
    path.write_text(yaml.safe_dump({"source": source, "version": 1, "actors": actors}), encoding="utf-8")
    return path


GROUP = {
    "id": "free-idlib-test-brigade",
    "name": "Free Idlib Test Brigade",
    "aliases": ["FITB", "Liwa Idlib al-Hurr"],
    "kind": "rebel_group",
    "inter": 2,
    "country": "SYR",
    "backed_by": ["turkey"],
    "relations": [{"predicate": "member_of", "object": "syrian-national-army", "start": 2019}],
    "note": "invented for the tests",
}


# --------------------------------------------------------------------------- loading


def test_load_is_cached():
    # Speed is measured by bench/, not here: a timed test fails on a busy machine.
    assert ActorKB.load() is ActorKB.load()


def test_malformed_user_file_names_file_and_entry(tmp_path):
    bad = dict(GROUP, kind="warlord")
    path = _write(tmp_path / "mine.yaml", [GROUP | {"id": "ok-group"}, bad])
    with pytest.raises(KnowledgeError) as err:
        ActorKB.load([path])
    message = str(err.value)
    assert "mine.yaml" in message and "entry 2" in message and "free-idlib-test-brigade" in message
    assert "kind" in message


@pytest.mark.parametrize(
    "change, fault",
    [
        ({"inter": 9}, "inter"),
        ({"country": "XXX"}, "country"),
        ({"period": [2020]}, "period"),
        ({"period": ["2020-13-45", None]}, "period"),
        ({"relations": [{"predicate": "hates", "object": "hezbollah"}]}, "predicate"),
        ({"relations": [{"predicate": "fights", "object": "no-such-group"}]}, "no-such-group"),
        ({"backed_by": ["atlantis"]}, "atlantis"),
        ({"colour": "red"}, "colour"),
        ({"id": "Not A Slug"}, "slug"),
        ({"name": ""}, "name"),
    ],
)
def test_malformed_entries_are_rejected(tmp_path, change, fault):
    path = _write(tmp_path / "bad.yaml", [GROUP | change])
    with pytest.raises(KnowledgeError, match=fault) as err:
        ActorKB.load([path])
    assert "bad.yaml" in str(err.value)


def test_not_yaml_and_wrong_shape(tmp_path):
    (tmp_path / "broken.yaml").write_text("actors: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="broken.yaml"):
        ActorKB.load([tmp_path / "broken.yaml"])
    (tmp_path / "list.yaml").write_text("- id: x\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="list.yaml"):
        ActorKB.load([tmp_path / "list.yaml"])
    with pytest.raises(KnowledgeError, match="not found"):
        ActorKB.load([tmp_path / "missing.yaml"])


def test_user_file_extends_via_extra_paths(tmp_path):
    kb = ActorKB.load([_write(tmp_path / "mine.yaml", [GROUP])])
    actor = kb.get("kb:free-idlib-test-brigade")
    assert actor is not None and actor.source.endswith("mine.yaml")
    assert _names(kb.lookup("FITB")) == ["kb:free-idlib-test-brigade"]
    assert _names(kb.lookup("Liwa Idlib al Hurr")) == ["kb:free-idlib-test-brigade"]
    backers = [s for s, rel in kb.relations_to("free-idlib-test-brigade") if rel.predicate == "backs"]
    assert backers == ["kb:turkey"]
    assert any(r.object == "kb:free-idlib-test-brigade" for r in kb.relations_of("turkey"))


def test_user_file_replaces_existing_id_and_logs(tmp_path, caplog):
    mine = {
        "id": "hezbollah",
        "name": "Hezbollah (my coding)",
        "aliases": ["Party of God"],
        "kind": "rebel_group",
        "inter": 2,
        "country": "LBN",
    }
    with caplog.at_level(logging.INFO, logger="sitrep.knowledge.actors"):
        kb = ActorKB.load([_write(tmp_path / "over.yaml", [mine])])
    actor = kb.get("hezbollah")
    assert actor.name == "Hezbollah (my coding)" and actor.inter == 2
    assert "Hizbollah" not in actor.aliases
    assert any("replaces actor 'hezbollah'" in r.getMessage() for r in caplog.records)


def test_user_folder_through_environment(tmp_path, monkeypatch):
    folder = tmp_path / "actors"
    folder.mkdir()
    _write(folder / "a.yaml", [GROUP])
    monkeypatch.setenv("SITREP_ACTORS", str(folder))
    kb = ActorKB.load()
    assert kb.get("free-idlib-test-brigade") is not None
    monkeypatch.delenv("SITREP_ACTORS")
    assert ActorKB.load().get("free-idlib-test-brigade") is None


def test_user_entry_for_generated_id_adds_aliases(tmp_path):
    mine = [{"id": "government-of-russia", "aliases": ["Old Square"], "note": "mine"}]
    kb = ActorKB.load([_write(tmp_path / "gov.yaml", mine)])
    actor = kb.get("government-of-russia")
    # The template's, the package's and the user's aliases all stay.
    assert {"Old Square", "Russian government", "the Kremlin"} <= set(actor.aliases)
    assert actor.note == "mine" and actor.kind == "government"


def test_user_period_entries_take_over_a_state_role(tmp_path):
    periods = [
        {"id": "government-of-iraq-2018-2022", "name": "Government of Iraq (2018-2022)", "role": "government",
         "kind": "government", "inter": 1, "country": "IRQ", "period": ["2018-10-25", "2022-10-26"]},
        {"id": "government-of-iraq-2022", "name": "Government of Iraq (2022-)", "role": "government",
         "kind": "government", "inter": 1, "country": "IRQ", "period": ["2022-10-27", None]},
    ]
    kb = ActorKB.load([_write(tmp_path / "iraq.yaml", periods)])
    assert kb.get("government-of-iraq") is None
    assert kb.state_actor("IRQ", "government", date(2020, 1, 1)).id == "kb:government-of-iraq-2018-2022"
    assert _names(kb.lookup("Iraqi government", on=date(2024, 1, 1))) == ["kb:government-of-iraq-2022"]
    # Relations written to the replaced template follow the period of their start date.
    sudani = {r.object for r in kb.relations_of("mohammed-shia-al-sudani") if r.predicate == "leads"}
    kadhimi = {r.object for r in kb.relations_of("mustafa-al-kadhimi") if r.predicate == "leads"}
    assert sudani == {"kb:government-of-iraq-2022"} and kadhimi == {"kb:government-of-iraq-2018-2022"}


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    "text", ["Nujaba", "Nujabaa", "al-Nujaba", "an-Nujaba'", "Harakat Hezbollah al-Nujaba", "Hezbollah al Nujaba"]
)
def test_nujaba_spellings(kb, text):
    assert _names(kb.lookup(text))[:1] == ["kb:harakat-hezbollah-al-nujaba"]


@pytest.mark.parametrize(
    "text", ["Hayat Tahrir al-Sham", "HTS", "Hay'at Tahrir al-Sham", "Hay\u2019at Tahrir al-Sham", "Hayat Tahrir al Sham", "Tahrir al-Sham"]
)
def test_hts_spellings(kb, text):
    assert _names(kb.lookup(text))[:1] == ["kb:hayat-tahrir-al-sham"]


@pytest.mark.parametrize("text", ["ISIS", "ISIL", "IS", "Daesh", "Isis", "Islamic State of Iraq and the Levant", "the Islamic State"])
def test_islamic_state_names(kb, text):
    assert _names(kb.lookup(text))[:1] == ["kb:islamic-state"]


def test_acronyms_match_only_in_capitals(kb):
    assert kb.lookup("is") == [] and kb.lookup("who") == [] and kb.lookup("hts") == []
    assert _names(kb.lookup("WHO")) == ["kb:who"]
    assert is_acronym("U.N.") and is_acronym("HTS") and not is_acronym("Hamas") and not is_acronym("US military")


def test_seed_article_actors(kb):
    assert _names(kb.lookup("Badr"))[:1] == ["kb:badr-organization"]
    assert _names(kb.lookup("Hezbollah"))[:1] == ["kb:hezbollah"]
    assert _names(kb.lookup("Kremlin"))[:1] == ["kb:government-of-russia"]
    assert _names(kb.lookup("Abbas Araghchi"))[:1] == ["kb:abbas-araghchi"]
    assert _names(kb.lookup("Dmitry Peskov"))[:1] == ["kb:dmitry-peskov"]
    assert _names(kb.lookup("Bashar al-Assad"))[:1] == ["kb:bashar-al-assad"]
    assert _names(kb.lookup("Reuters"))[:1] == ["kb:reuters"]
    assert _names(kb.lookup("Russian military"))[:1] == ["kb:military-forces-of-russia"]


def test_place_names_are_not_actor_names(kb):
    for place in ("Iran", "Tehran", "Damascus", "Syria", "Moscow", "Russia", "Baghdad"):
        assert kb.lookup(place) == [], place


def test_period_filter_in_lookup(kb):
    assert _names(kb.lookup("Syrian army", on=date(2024, 6, 1))) == ["kb:military-forces-of-syria-2000-2024"]
    assert _names(kb.lookup("Syrian army", on=date(2025, 3, 1))) == ["kb:military-forces-of-syria-2024"]
    assert len(kb.lookup("Syrian army")) == 2


def test_patterns_cover_variants_and_keep_acronyms(kb):
    pats = set(kb.patterns())
    assert ("HTS", "kb:hayat-tahrir-al-sham") in pats
    assert ("Hayat Tahrir al Sham", "kb:hayat-tahrir-al-sham") in pats
    assert ("Nujaba", "kb:harakat-hezbollah-al-nujaba") in pats
    assert ("Kremlin", "kb:government-of-russia") in pats
    assert not any(actor_id == "kb:iran" for _, actor_id in pats)
    assert all(kb.get(actor_id) is not None for _, actor_id in pats)


def test_spelling_variants():
    forms = spelling_variants("Asa'ib Ahl al-Haq")
    assert forms[0] == "Asa'ib Ahl al-Haq"
    assert {"Asaib Ahl al-Haq", "Asa\u2019ib Ahl al-Haq", "Asa'ib Ahl al Haq"} <= set(forms)
    assert "Nujaba" in spelling_variants("al-Nujaba")
    assert "an Nujaba" not in spelling_variants("an-Nujaba")
    assert "White Helmets" in spelling_variants("The White Helmets")
    assert spelling_variants("The Guardian") == ["The Guardian"]  # "Guardian" alone is a word
    assert "Haq" not in spelling_variants("Al-Haq")


# --------------------------------------------------------------------------- state roles


@pytest.mark.parametrize(
    "iso3, role, expected",
    [
        ("IRQ", "government", "Government of Iraq"),
        ("IRQ", "police", "Police Forces of Iraq"),
        ("IRN", "military", "Military Forces of Iran"),
        ("USA", "military", "Military Forces of the United States"),
        ("GBR", "government", "Government of the United Kingdom"),
        ("LBN", "military", "Military Forces of Lebanon"),
        ("PSE", "government", "Government of Palestine (1994-) Palestinian National Authority"),
        ("TUR", "police", "Police Forces of Turkey"),
    ],
)
def test_state_actor(kb, iso3, role, expected):
    actor = kb.state_actor(iso3, role)
    assert actor is not None and actor.name == expected
    assert actor.inter == 1 and actor.country == iso3


def test_syria_period_switch(kb):
    before = kb.state_actor("SYR", "military", date(2024, 6, 1))
    after = kb.state_actor("SYR", "military", date(2025, 3, 1))
    assert before.name == "Military Forces of Syria (2000-2024)"
    assert after.name == "Military Forces of Syria (2024-)"
    assert kb.state_actor("SYR", "government", date(2024, 6, 1)).id == "kb:government-of-syria-2000-2024"
    assert kb.state_actor("SYR", "government", date(2025, 3, 1)).id == "kb:government-of-syria-2024"
    assert kb.state_actor("SYR", "government").id == "kb:government-of-syria-2024"
    # Both periods answer to the template's generic names.
    assert "Syrian army" in before.aliases and "Syrian army" in after.aliases
    assert kb.get("military-forces-of-syria") is None


def test_yemen_and_afghanistan_periods(kb):
    assert "Hadi" in kb.state_actor("YEM", "government", date(2020, 1, 1)).name
    assert "Presidential Leadership Council" in kb.state_actor("YEM", "government", date(2023, 1, 1)).name
    assert kb.state_actor("AFG", "military", date(2019, 1, 1)).id == "kb:military-forces-of-afghanistan-2004-2021"
    assert kb.state_actor("AFG", "military", date(2022, 1, 1)).id == "kb:military-forces-of-afghanistan-2021"


def test_seat_of_power_aliases(kb):
    assert "the White House" in kb.get("government-of-united-states").aliases
    assert "the Pentagon" in kb.get("military-forces-of-united-states").aliases
    assert "Downing Street" in kb.get("government-of-united-kingdom").aliases
    assert "Baabda Palace" in kb.get("government-of-lebanon").aliases


def test_every_country_has_generated_roles(kb):
    for c in Countries.load():
        for role in ("state", "government", "military", "police"):
            assert kb.state_actor(c.iso3, role) is not None, (c.iso3, role)


# --------------------------------------------------------------------------- data integrity


def _package_files():
    folder = resources.files("sitrep.knowledge") / "data" / "actors"
    return sorted((p.name, p) for p in folder.iterdir() if p.name.endswith(".yaml"))


def test_package_files_have_source_and_unique_ids():
    seen: dict[str, str] = {}
    for name, path in _package_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data.get("source"), str) and len(data["source"]) > 20, name
        assert data.get("version") == 1, name
        for raw in data.get("actors", []):
            assert raw["id"] not in seen, f"{raw['id']} in {name} and {seen.get(raw['id'])}"
            seen[raw["id"]] = name


def test_every_actor_is_valid(kb):
    countries = {c.iso3 for c in Countries.load()}
    ids = {a.id for a in kb}
    assert len(ids) == len(kb)
    for a in kb:
        assert a.kind in KINDS, a.id
        assert a.inter is None or 1 <= a.inter <= 8, a.id
        assert a.country is None or a.country in countries, a.id
        assert a.name.strip() and a.note, a.id
        start, end = a.period
        assert start is None or end is None or start <= end, a.id
        for rel in a.relations:
            assert rel.predicate in PREDICATES, a.id
            assert rel.object in ids, (a.id, rel.object)


def test_coverage(kb):
    curated = [a for a in kb if a.source != "state_roles.yaml"]
    assert len(curated) >= 500
    must = [
        "syrian-democratic-forces", "peoples-protection-units", "asayish", "kurdistan-workers-party", "syrian-national-army",
        "sultan-murad-division", "hamza-division", "jaysh-al-islam", "ahrar-al-sham", "faylaq-al-sham", "jaysh-al-izza",
        "national-front-for-liberation", "al-nusra-front", "hurras-al-din", "free-syrian-army", "southern-front",
        "national-defence-forces", "tiger-forces", "fourth-armoured-division", "liwa-fatemiyoun", "liwa-zainebiyoun",
        "popular-mobilization-forces", "kataib-hezbollah", "asaib-ahl-al-haq", "kataib-sayyid-al-shuhada", "saraya-al-salam",
        "islamic-resistance-in-iraq", "peshmerga", "houthis", "southern-transitional-council", "security-belt-forces",
        "giants-brigades", "aqap", "islah-party", "hamas", "qassam-brigades", "palestinian-islamic-jihad", "al-quds-brigades",
        "fatah", "al-aqsa-martyrs-brigades", "pflp", "lions-den", "israeli-settlers", "islamic-revolutionary-guard-corps",
        "irgc-quds-force", "wagner-group", "global-coalition-against-daesh", "unifil", "undof", "ocha", "unhcr", "who",
        "unicef", "opcw", "icrc", "sohr", "white-helmets", "msf", "amnesty-international", "human-rights-watch", "sana",
        "al-jazeera", "afp", "associated-press", "rapid-support-forces", "taliban", "al-shabaab", "jnim",
        "naim-qassem", "hassan-nasrallah", "abdul-malik-al-houthi", "ali-khamenei", "recep-tayyip-erdogan",
    ]
    missing = [m for m in must if kb.get(m) is None]
    assert not missing


def test_backers_written_on_clients_become_relations(kb):
    clients = {r.object for r in kb.relations_of("iran") if r.predicate == "backs"}
    assert {"kb:badr-organization", "kb:harakat-hezbollah-al-nujaba", "kb:hezbollah", "kb:houthis"} <= clients
    backers = {s for s, r in kb.relations_to("syrian-national-army") if r.predicate == "backs"}
    assert "kb:turkey" in backers
    hts = kb.relations_of("hayat-tahrir-al-sham")
    assert any(r.predicate == "formerly_affiliated_with" and r.object == "kb:al-qaeda" for r in hts)


def test_people_lead_with_dates(kb):
    leads = [r for r in kb.relations_of("ahmed-al-sharaa") if r.predicate == "leads"]
    assert any(r.object == "kb:hayat-tahrir-al-sham" for r in leads)
    assert any(r.object == "kb:government-of-syria-2024" and r.start == "2024-12-08" for r in leads)
    assert _names(kb.lookup("Abu Mohammad al-Jolani"))[:1] == ["kb:ahmed-al-sharaa"]
    assert kb.get("naim-qassem").kind == "person" and kb.get("vladimir-putin").kind == "official"


# --------------------------------------------------------------------------- countries


def test_countries_demonyms():
    countries = Countries.load()
    assert countries.by_demonym("Iraqi").iso3 == "IRQ"
    assert countries.by_demonym("Iraqis").iso3 == "IRQ"
    assert countries.by_demonym("Britons").iso3 == "GBR"
    assert countries.by_demonym("Emiratis").iso3 == "ARE"
    assert countries.by_name("the U.S.").iso3 == "USA"
    assert countries.by_name("Britain").iso3 == "GBR"
    assert countries.by_name("Burma").iso3 == "MMR"
    assert countries.by_name("Ivory Coast").iso3 == "CIV"
    assert countries.by_name("Syrian Arab Republic").iso3 == "SYR"
    assert countries.by_name("State of Palestine").iso3 == "PSE"
    assert countries.by_name("DRC").iso3 == "COD"
    assert countries.get("SYR").adjective == "Syrian"


# Uninhabited or demonym-less territories, and Dominica, whose demonym "Dominican" would
# collide with the Dominican Republic's.
WITHOUT_ADJECTIVE = {"ATF", "BVT", "DMA", "HMD", "SGS", "UMI"}


def test_every_country_has_an_adjective():
    countries = Countries.load()
    assert len(countries) == 252
    missing = {c.iso3 for c in countries if not c.adjectives}
    assert missing == WITHOUT_ADJECTIVE


def test_country_names_and_demonyms_are_unambiguous():
    from sitrep.knowledge.names import name_key

    owners: dict[tuple[str, str], set[str]] = {}
    for c in Countries.load():
        for n in (c.name, *c.aliases):
            owners.setdefault(("name", name_key(n, drop_article=False)), set()).add(c.iso3)
        for n in (*c.adjectives, *c.people):
            owners.setdefault(("demonym", name_key(n, drop_article=False)), set()).add(c.iso3)
        assert c.name not in c.aliases
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


# --------------------------------------------------------------------------- the wars outside the Middle East

# The names UCDP and ACLED give the parties of today's wars (and the usual news forms) reach the
# group, for every theatre the knowledge base covers; a faction reaches its parent through part_of.
THEATRE_NAMES = [
    # Mexico
    ("Jalisco Cartel New Generation", "jalisco-new-generation-cartel"), ("CJNG", "jalisco-new-generation-cartel"),
    ("Cártel de Sinaloa", "sinaloa-cartel"), ("Sinaloa Cartel - Los Chapitos", "los-chapitos"), ("Los Mayos", "los-mayos"),
    ("Cartel del Golfo", "gulf-cartel"), ("Cártel del Noreste", "cartel-del-noreste"), ("Los Zetas", "los-zetas"),
    ("La Familia Michoacana", "la-familia-michoacana"), ("Cárteles Unidos", "carteles-unidos"), ("Los Viagras", "los-viagras"),
    ("Santa Rosa de Lima Cartel", "santa-rosa-de-lima-cartel"), ("Guerreros Unidos", "guerreros-unidos"),
    ("Guardia Nacional", "national-guard-of-mexico"), ("GN", "national-guard-of-mexico"), ("SEDENA", "military-forces-of-mexico"),
    # Colombia, Haiti, Ecuador, Central America
    ("ELN", "eln-colombia"), ("FARC dissidents", "farc-dissidents"), ("Clan del Golfo", "clan-del-golfo"), ("AGC", "clan-del-golfo"),
    ("G9", "g9-an-fanmi-e-alye"), ("G-Pep", "g-pep"), ("400 Mawozo", "400-mawozo"), ("Los Choneros", "los-choneros"),
    ("MS-13", "ms-13"),
    # Myanmar
    ("Tatmadaw", "military-forces-of-myanmar"), ("State Administration Council", "government-of-myanmar"),
    ("NUG", "national-unity-government-myanmar"), ("People's Defence Force", "peoples-defence-force-myanmar"),
    ("KIA", "kachin-independence-army"), ("Arakan Army", "arakan-army"), ("TNLA", "taang-national-liberation-army"),
    ("MNDAA", "mndaa"), ("KNU", "karen-national-union"), ("KNLA", "karen-national-liberation-army"),
    ("KNDF", "karenni-nationalities-defense-force"), ("Chinland Defense Force", "chinland-defense-force"),
    # Nigeria and Cameroon
    ("JAS", "boko-haram"), ("Boko Haram", "boko-haram"), ("ISWAP", "islamic-state-west-africa-province"), ("Ansaru", "ansaru"),
    ("IPOB", "indigenous-people-of-biafra"), ("Eastern Security Network", "eastern-security-network"),
    ("Nigerian Army", "military-forces-of-nigeria"), ("Ambazonia insurgents", "ambazonian-separatists"),
    ("Amba Boys", "ambazonian-separatists"), ("BIR", "military-forces-of-cameroon"),
    # Sahel, Somalia, Horn, Sudan
    ("JNIM", "jnim"), ("ISGS", "islamic-state-sahel-province"), ("Wagner", "wagner-group"), ("FAMa", "military-forces-of-mali"),
    ("VDP", "volunteers-for-the-defense-of-the-homeland"), ("Al-Shabaab", "al-shabaab"), ("AMISOM", "atmis"), ("ATMIS", "atmis"),
    ("TPLF", "tplf"), ("OLA", "oromo-liberation-army"), ("Fano", "fano"), ("ENDF", "military-forces-of-ethiopia"),
    ("Eritrean Defence Forces", "military-forces-of-eritrea"), ("RSF", "rapid-support-forces"), ("SAF", "military-forces-of-sudan"),
    ("SPLA-IO", "splm-io"),
    # Afghanistan, Pakistan, India
    ("Taleban", "taliban"), ("ISIS-K", "islamic-state-khorasan-province"), ("NRF", "national-resistance-front-afghanistan"),
    ("Afghan National Army", "military-forces-of-afghanistan-2004-2021"), ("TTP", "tehrik-i-taliban-pakistan"),
    ("BLA", "balochistan-liberation-army"), ("CPI-Maoist", "cpi-maoist"), ("Naxalites", "cpi-maoist"), ("LeT", "lashkar-e-taiba"),
    ("JeM", "jaish-e-mohammed"), ("Hizbul Mujahideen", "hizbul-mujahideen"), ("CRPF", "police-forces-of-india"),
    ("UNLFW", "unlfw"),
    # Philippines and South-East Asia
    ("NPA", "new-peoples-army"), ("CPP", "communist-party-of-the-philippines"), ("Abu Sayyaf", "abu-sayyaf"),
    ("BIFF", "bangsamoro-islamic-freedom-fighters"), ("BIFM-K", "biff-karialan"), ("Maute Group", "dawlah-islamiyah"),
    ("MILF", "moro-islamic-liberation-front"), ("Patani insurgents", "patani-insurgents"), ("OPM", "free-papua-movement"),
    # Central and East Africa
    ("M23", "m23"), ("ISCAP", "islamic-state-central-africa-province"), ("CODECO", "codeco"), ("Mai-Mai", "mai-mai"),
    ("FARDC", "military-forces-of-democratic-republic-of-congo"), ("Ansar al-Sunna (Mozambique)", "islamic-state-mozambique-province"),
    ("FACA", "military-forces-of-central-african-republic"),
]


@pytest.mark.parametrize("text, slug", THEATRE_NAMES)
def test_the_parties_of_todays_wars_are_known(kb, text, slug):
    assert "kb:" + slug in _names(kb.lookup(text))


def test_a_faction_reaches_its_parent(kb):
    def parents(slug):
        return {r.object for r in kb.relations_of(slug) if r.predicate in ("part_of", "member_of")}

    assert "kb:sinaloa-cartel" in parents("los-chapitos")
    assert "kb:communist-party-of-the-philippines" in parents("new-peoples-army")
    assert "kb:national-unity-government-myanmar" in parents("peoples-defence-force-myanmar")
    assert "kb:islamic-state" in parents("dawlah-islamiyah")
    assert "kb:indigenous-people-of-biafra" in parents("eastern-security-network")


def test_one_acronym_may_name_groups_of_several_countries(kb):
    # The extractor picks among them by the article's country (tests/extract/test_actors.py).
    assert {"kb:syrian-national-army", "kb:military-forces-of-somalia"} <= set(_names(kb.lookup("SNA")))
    assert {"kb:military-forces-of-pakistan", "kb:military-forces-of-philippines"} <= set(_names(kb.lookup("PAF")))
