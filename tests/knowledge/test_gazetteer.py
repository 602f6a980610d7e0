"""The gazetteer: spelling variants, ranking, admin1 aliases, regions, borders, the entity
ruler's names, and the on-disk index (built when missing, safe when two processes build it at
once).

One real index is built per test session, by two processes started together: that is both
the concurrency test and the fixture every other test reads.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sitrep.knowledge import gazetteer_build
from sitrep.knowledge.gazetteer import Gazetteer, GeoEntry, canonical_key, distance_km, haversine_km, variant_key

_BUILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from sitrep.knowledge.gazetteer_build import ensure_index
    print(ensure_index(Path(sys.argv[1]), verbose=True))
    """
)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Two processes build the index into one empty cache directory at the same moment."""
    cache = tmp_path_factory.mktemp("gazetteer-cache")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    procs = [
        subprocess.Popen([sys.executable, "-c", _BUILD, str(cache)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    return cache, results


@pytest.fixture(scope="session")
def gaz(built) -> Gazetteer:
    cache, _ = built
    return Gazetteer.load(cache)


def names(entries: list[GeoEntry]) -> list[tuple[str, str | None, str]]:
    return [(e.name, e.country, e.feature) for e in entries]


# ------------------------------------------------------------------ the index on disk


def test_concurrent_build_is_safe(built):
    cache, results = built
    for out, err, code in results:
        assert code == 0, err
    paths = {out.strip() for out, _, _ in results}
    assert len(paths) == 1, "both processes must end up with the same index"
    # One process built; the other waited on the lock and reused the file.
    assert sum("gazetteer index:" in err for _, err, _ in results) == 1
    files = sorted(p.name for p in cache.iterdir() if not p.name.endswith(".lock"))
    assert len(files) == 1 and files[0].endswith(".sqlite"), files
    con = sqlite3.connect(paths.pop())
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_index_rebuilt_when_missing(built, tmp_path, monkeypatch):
    cache, _ = built
    real = gazetteer_build.index_path(cache)
    calls = []

    def fake_build(out: Path, verbose: bool = False):
        calls.append(out)
        out.write_bytes(real.read_bytes())

    monkeypatch.setattr(gazetteer_build, "_run_build", fake_build)
    target = tmp_path / "cache"
    path = gazetteer_build.ensure_index(target)
    assert path.is_file() and len(calls) == 1
    assert calls[0] != path, "built under a temporary name, then renamed into place"
    gazetteer_build.ensure_index(target)
    assert len(calls) == 1, "an existing index is reused"
    path.unlink()
    assert gazetteer_build.ensure_index(target).is_file() and len(calls) == 2
    # Changed data (here: a new build version) means a new file; the stale one is removed.
    monkeypatch.setattr(gazetteer_build, "BUILD_VERSION", "test-next")
    new = gazetteer_build.ensure_index(target)
    assert new != path and new.is_file() and not path.exists() and len(calls) == 3
    assert not list(target.glob("*.tmp"))


def test_load_is_cached_per_process(built, gaz):
    cache, _ = built
    assert Gazetteer.load(cache) is gaz


# ------------------------------------------------------------------ spellings


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Saraqeb", "Saraqib"),
        ("Saraqib", "Saraqib"),
        ("Tell Rifaat", "Tall Rifat"),
        ("Tal Rifaat", "Tall Rifat"),
        ("Albu Kamal", "Albu Kamal"),
        ("Abu Kamal", "Albu Kamal"),
        ("Al-Bukamal", "Albu Kamal"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("Khan Shaikhoun", "Khan Shaykhun"),
        ("Maarat al-Numan", "Maarrat an Numan"),
        ("Ma'arrat al-Nu'man", "Maarrat an Numan"),
        ("Jisr al-Shughour", "Jisr ash Shughur"),
        ("Menbij", "Manbij"),
        ("Qamishli", "Al Qamishli"),
        ("Kobani", "Ayn al Arab"),
        ("Efrin", "Afrin"),
        ("Ain Issa", "Ayn Isa"),
        ("Tel Abyad", "Tall Abyad"),
    ],
)
def test_spelling_variants_resolve(gaz, text, expected):
    hits = gaz.lookup(text, "SYR")
    assert hits, text
    assert hits[0].name == expected


def test_deir_ez_zor_spellings_are_one_city(gaz):
    ids = {gaz.lookup(s)[0].id for s in ("Deir ez-Zor", "Deir al-Zour", "Deir Ezzor", "Dayr az Zawr")}
    assert len(ids) == 1
    city = gaz.get(ids.pop())
    assert city.feature == "city" and city.country == "SYR" and city.admin1 == "Deir-ez-Zor"


def test_variant_keys():
    assert variant_key("Saraqeb") == variant_key("Saraqib")
    assert variant_key("Khan Sheikhoun") == variant_key("Khan Shaykhun")
    assert variant_key("Deir al-Zour") == variant_key("Dayr az Zawr")
    assert canonical_key("Tell Rifaat") == canonical_key("Tal Rifaat") == "tall rifaat"
    assert variant_key("Paris") != variant_key("Bars")


def test_unknown_name_is_empty_and_fuzzy_finds_odd_spellings(gaz):
    assert gaz.lookup("Xqzvw") == []
    assert gaz.lookup("") == []
    hits = gaz.fuzzy("Saraqueeb", ["SYR"], cutoff=80)
    assert hits and hits[0][0].name == "Saraqib" and hits[0][1] >= 80
    assert gaz.fuzzy("Saraqueeb", ["NOR"], cutoff=80) == []
    # Several countries: each is searched on its own index and the hits pooled, best first.
    pooled = gaz.fuzzy("Saraqueeb", ["NOR", "syr", "TUR"], cutoff=80)
    assert pooled[0] == hits[0]
    assert [s for _, s in pooled] == sorted((s for _, s in pooled), reverse=True)
    assert {e.country for e, _ in pooled} <= {"SYR", "TUR"}
    assert set(gaz._fuzzy_cache) >= {"NOR", "SYR", "TUR"}  # one index a country, not one a set


def test_the_length_window_keeps_every_name_that_can_reach_the_cutoff():
    import random

    from rapidfuzz import fuzz

    from sitrep.knowledge.gazetteer import _length_window

    rng = random.Random(3)
    for _ in range(3000):
        a = "".join(rng.choice("abdkl ") for _ in range(rng.randint(1, 14)))
        b = a[: rng.randint(0, len(a))] + "".join(rng.choice("abdkl ") for _ in range(rng.randint(0, 6)))
        for cutoff in (80, 88, 95):
            lo, hi = _length_window(len(a), cutoff)
            if fuzz.ratio(a, b) >= cutoff:
                assert lo <= len(b) <= hi, (a, b, cutoff)
    assert _length_window(10, 88) == (6, 14)  # lengths 7.9 to 12.7 can reach 88; a character of slack


# ------------------------------------------------------------------ ranking


def test_syria_is_the_country(gaz):
    top = gaz.lookup("Syria")[0]
    assert (top.feature, top.country, top.precision) == ("country", "SYR", 3)
    assert gaz.lookup("the Syrian Arab Republic")[0].country == "SYR"


def test_aleppo_is_the_syrian_city_first(gaz):
    hits = gaz.lookup("Aleppo")
    assert (hits[0].name, hits[0].country, hits[0].feature, hits[0].precision) == ("Aleppo", "SYR", "city", 1)
    assert hits[1].feature == "admin1" and hits[1].name == "Aleppo"


def test_ambiguous_names_prefer_size_and_focus(gaz):
    assert gaz.lookup("Berlin")[0].country == "DEU"  # a Russian village does not beat Berlin
    assert gaz.lookup("Gaza")[0].country == "PSE"  # the city, not Mozambique's province
    assert gaz.lookup("Tripoli")[0].country == "LBY"
    assert gaz.lookup("Washington")[0].feature == "city"


def test_country_filter(gaz):
    lbn = gaz.lookup("Tripoli", "LBN")
    assert lbn and all(e.country == "LBN" for e in lbn)
    assert gaz.lookup("Tripoli", "lby")[0].country == "LBY"
    assert gaz.lookup("Aleppo", "IRQ") == []


# ------------------------------------------------------------------ provinces


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Idlib", "Idleb"),
        ("Idleb province", "Idleb"),
        ("the province of Idlib", "Idleb"),
        ("Rif Dimashq", "Rural Damascus"),
        ("Rural Damascus", "Rural Damascus"),
        ("Damascus countryside", "Rural Damascus"),
        ("Hasakah", "Al-Hasakeh"),
        ("Deir Ezzor", "Deir-ez-Zor"),
        ("Sweida", "As-Sweida"),
        ("Daraa", "Dara"),
        ("Latakia", "Lattakia"),
    ],
)
def test_syrian_admin1_aliases(gaz, text, expected):
    a = gaz.admin1("SYR", text)
    assert a is not None and a.name == expected and a.feature == "admin1" and a.precision == 3


def test_other_admin1(gaz):
    assert gaz.admin1("IRQ", "Nineveh").name == "Ninewa"
    assert gaz.admin1("IRQ", "Salahuddin").name == "Salah al-Din"
    assert gaz.admin1("YEM", "Hodeidah").name == "Al Hudaydah"
    assert gaz.admin1("SYR", "Nineveh") is None


def test_admin1_point_is_its_middle_and_its_seat_the_capital(gaz):
    idleb = gaz.admin1("SYR", "Idleb")
    city = gaz.lookup("Idlib", "SYR")[0]
    # GeoNames' own point for the province, a few km from the city; the seat is the city.
    assert 1 < distance_km(idleb, city) < 40
    assert gaz.seat(idleb) == city
    assert gaz.seat(city) is None
    assert gaz.admin1_of(city) == idleb
    assert gaz.admin1_of(idleb) == idleb


# ------------------------------------------------------------------ regions and borders


def _in_syria(e: GeoEntry) -> bool:
    return 32.3 <= e.lat <= 37.4 and 35.6 <= e.lon <= 42.4


def test_directional_region(gaz):
    for word in ("northwest", "north-western", "northwestern", "North West"):
        r = gaz.region(word, "SYR")
        assert r is not None and r.id == "region:syr-northwest"
    r = gaz.region("northwest", "SYR")
    assert r.precision == 3 and r.feature == "region" and r.country == "SYR" and _in_syria(r)
    north = gaz.region("northern", "syr")
    assert north.precision == 3 and _in_syria(north) and north.lat > 35.5
    assert gaz.region("up", "SYR") is None
    assert gaz.lookup("northwest Syria")[0].id == r.id
    # every country gets directions by rule, not only the curated ones
    assert gaz.region("south", "NOR") is not None


def test_border(gaz):
    b = gaz.border("IRQ", "SYR")
    assert b is not None and b == gaz.border("SYR", "IRQ")
    assert b.id == "border:IRQ-SYR" and b.feature == "border" and b.precision == 3
    assert b.country in ("IRQ", "SYR") and 33 < b.lat < 37 and 38 < b.lon < 43
    assert gaz.border("SYR") is None
    # neighbours without a curated crossing get a computed point between them
    fra_esp = gaz.border("FRA", "ESP")
    assert fra_esp is not None and 41.5 < fra_esp.lat < 44
    assert gaz.lookup("the Syrian-Iraqi border")[0].id == b.id


def test_named_regions(gaz):
    g = gaz.named_region("Eastern Ghouta")
    assert g.feature == "region" and g.country == "SYR" and g.precision == 3
    assert gaz.named_region("the Gaza Strip").country == "PSE"
    assert gaz.named_region("Bekaa Valley").country == "LBN"
    assert gaz.named_region("Idlib") is None
    assert gaz.lookup("Hmeimim")[0].feature == "facility"


def test_country_entry(gaz):
    syr = gaz.country("SYR")
    assert syr.feature == "country" and syr.id.startswith("geonames:")
    # Its point is the middle of the country, not the capital; the capital is its seat.
    assert 200 < distance_km(syr, gaz.lookup("Damascus")[0]) < 400
    assert gaz.seat(syr) == gaz.lookup("Damascus")[0]
    assert gaz.country("XXX") is None


def test_countries_and_provinces_have_geonames_own_points(gaz):
    # The points geoparsing gold resolves to: Canada's lies in Alberta's north-east, far from
    # both Ottawa and the middle of the landmass; Queensland's lies inland, not at Brisbane.
    canada = gaz.country("CAN")
    assert abs(canada.lat - 60.11) < 0.01 and abs(canada.lon + 113.64) < 0.01
    qld = gaz.admin1("AUS", "Queensland")
    assert abs(qld.lat + 20.0) < 0.01 and abs(qld.lon - 145.0) < 0.01


def test_a_county_is_found_by_its_full_name_only(gaz):
    counties = gaz.lookup("Scott County")
    assert counties and all(e.feature == "admin2" and e.country == "USA" and e.precision == 2 for e in counties)
    assert {"Indiana", "Iowa", "Minnesota"} <= {e.admin1 for e in counties}
    indiana = next(e for e in counties if e.admin1 == "Indiana")
    assert gaz.admin1_of(indiana).name == "Indiana"
    # Its point is the county's, in south-eastern Indiana (Scottsburg lies inside it).
    assert haversine_km(indiana.lat, indiana.lon, 38.69, -85.77) < 30
    # The bare name stays the towns called Scott: a county never takes their place.
    assert all(e.feature != "admin2" for e in gaz.lookup("Scott"))


def test_distance():
    a = GeoEntry("a", "a", None, None, 36.2, 37.16, "city", 0, 1)
    b = GeoEntry("b", "b", None, None, 33.51, 36.29, "city", 0, 1)
    assert 300 < distance_km(a, b) < 320
    c = GeoEntry("c", "c", None, None, None, None, "region", 0, 3)
    assert distance_km(a, c) == float("inf")


# ------------------------------------------------------------------ the entity ruler


def test_ruler_names(gaz):
    ruler = set(gaz.ruler_names(["SYR", "IRQ"]))
    surfaces = {s for s, _ in ruler}
    for name in ("Syria", "Aleppo", "Saraqib", "Tell Rifat", "Albu Kamal", "Idleb", "Rif Dimashq",
                 "Mosul", "Eastern Ghouta", "Turkey", "Jordan"):
        assert name in surfaces, name
    assert ("Eastern Ghouta", "LOC") in ruler and ("Aleppo", "GPE") in ruler
    for word in ("Hope", "Bath", "Of", "Police", "Sin", "Omar", "Hassan", "Damask"):
        assert word not in surfaces, word
    assert all(len(s) >= 4 or not s.isalpha() or s.isupper() for s in surfaces)
    # places outside the focus countries are left to the statistical NER
    assert "Manchester" not in surfaces


def test_wrapped_names_unwrap(gaz):
    assert names(gaz.lookup("Anbar Province"))[0] == ("Al-Anbar", "IRQ", "admin1")
    assert names(gaz.lookup("the governorate of Idlib"))[0] == ("Idleb", "SYR", "admin1")
    assert names(gaz.lookup("the city of Mosul"))[0] == ("Mosul", "IRQ", "city")
    assert names(gaz.lookup("Palmyra, Syria"))[0] == ("Tadmur", "SYR", "town")
    assert gaz.lookup("Palmyra, Syria") != gaz.lookup("Palmyra")  # Palmyra alone has US namesakes


def test_lookup_matches_tells_own_spellings_from_look_alikes(gaz):
    # "Saraqeb" is one of Saraqib's own GeoNames spellings; "Tokhar" only shares a consonant
    # skeleton with Afghanistan's Takhar.
    assert any(ok and e.country == "SYR" for e, ok in gaz.lookup_matches("Saraqeb"))
    tokhar = gaz.lookup_matches("Tokhar")
    assert tokhar and not any(ok for _, ok in tokhar)
    assert [e for e, _ in gaz.lookup_matches("Idlib")] == gaz.lookup("Idlib")
