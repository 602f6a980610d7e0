"""Every export format, read back with the tools analysts would use."""

import csv
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest

from corpus_helpers import ARTICLES, corpus_db  # noqa: F401  (fixture)
from sitrep.export.formats import export
from sitrep.store.engine import open_store
from sitrep.store.queries import EventFilters

# ACLED's published column order (acleddata.com export tool / API), written out here on
# purpose rather than imported, so that a change to the exporter cannot pass unnoticed.
ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


@pytest.fixture(scope="module")
def engine(corpus_db):
    return open_store(corpus_db)


def test_acled_csv_has_acleds_header_and_one_row_per_merged_event(engine, tmp_path):
    path = tmp_path / "e.csv"
    export(engine, "acled-csv", path, EventFilters())
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames[:31] == ACLED_HEADER
        assert reader.fieldnames[31:] == ["sitrep_confidence", "sitrep_source_articles", "sitrep_n_sources"]
        rows = list(reader)
    saraqeb = [r for r in rows if r["location"] == "Saraqib"]
    assert len(saraqeb) == 1
    r = saraqeb[0]
    assert (r["event_type"], r["sub_event_type"], r["fatalities"]) == ("Explosions/Remote violence", "Air/drone strike", "12")
    assert (r["country"], r["iso"], r["time_precision"], r["civilian_targeting"]) == ("Syria", "760", "1", "Civilian targeting")
    assert r["event_id_cnty"].startswith("SYR") and r["actor1"] == "Military Forces of Syria (2000-2024)"
    assert all(row["event_type"] for row in rows)  # PLOVER-only events are not ACLED events
    assert 0 < float(r["sitrep_confidence"]) <= 1 and r["sitrep_n_sources"] == "2"
    assert set(r["sitrep_source_articles"].split("; ")) == {
        "https://wire.example/reuters/saraqeb-strike", "https://wire.example/afp/idlib-raids",
        "https://regional.example/news/2024/12/04/saraqeb"}
    exact = tmp_path / "exact.csv"
    export(engine, "acled-csv", exact, EventFilters(), acled_only=True)
    with exact.open(newline="", encoding="utf-8") as f:
        assert csv.DictReader(f).fieldnames == ACLED_HEADER


def test_geojson_is_a_feature_collection_of_points(engine, tmp_path):
    path = tmp_path / "e.geojson"
    export(engine, "geojson", path, EventFilters())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    for f in data["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        if f["geometry"] is not None:
            lon, lat = f["geometry"]["coordinates"]
            assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
            assert (lat, lon) == (f["properties"]["latitude"], f["properties"]["longitude"])
    [saraqeb] = [f for f in data["features"] if f["properties"]["location"] == "Saraqib"]
    assert saraqeb["properties"]["n_sources"] == 2 and saraqeb["properties"]["fatalities_high"] == 15


def test_graphml_parses_with_actors_and_relations(engine, tmp_path):
    path = tmp_path / "g.graphml"
    export(engine, "graphml", path, EventFilters())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    nodes = {n.get("id") for n in graph.findall("g:node", ns)}
    edges = graph.findall("g:edge", ns)
    assert {"kb:government-of-iran", "kb:hezbollah"} <= nodes
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)

    def data(el):
        return {keys[d.get("key")]: d.text for d in el.findall("g:data", ns)}

    backs = [data(e) for e in edges if e.get("source") == "kb:government-of-iran" and e.get("target") == "kb:hezbollah"]
    assert backs and backs[0]["predicate"] == "backs" and backs[0]["first_seen"] == "2024-11-20"
    fights = [data(e) for e in edges if data(e)["edge_kind"] == "event"]
    assert fights and all(d["mutual"] == "true" for d in fights)
    assert backs[0]["start"] == "2024-11-20" and backs[0]["mutual"] == "false"


def test_graphml_loads_in_networkx_as_is(engine, tmp_path):
    import networkx as nx

    path = tmp_path / "g.graphml"
    export(engine, "graphml", path, EventFilters())
    graph = nx.read_graphml(path)
    assert graph.is_directed()
    assert graph.nodes["kb:hezbollah"]["label"] == "Hezbollah" and graph.nodes["kb:hezbollah"]["start"]
    backs = [d for _, _, d in graph.edges("kb:government-of-iran", data=True) if d.get("predicate") == "backs"]
    assert backs and backs[0]["start"] == "2024-11-20" and backs[0]["weight"] >= 1.0
    assert any(d["edge_kind"] == "event" and d["mutual"] is True for _, _, d in graph.edges(data=True))


def test_jsonl_round_trips_the_documents(engine, tmp_path, extractor):
    from sitrep.model import Document

    path = tmp_path / "d.jsonl"
    export(engine, "jsonl", path, EventFilters())
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(ARTICLES)
    docs = {d.article.id: d for d in (Document.model_validate_json(line) for line in lines)}
    assert all(Document.model_validate_json(line).to_json() == line for line in lines)
    a = ARTICLES[3]
    fresh = extractor.extract(a["text"], id=a["id"], url=a["url"], source=a["source"], published=a["published"])
    assert docs[a["id"]].events == fresh.events


def test_parquet_reads_with_pyarrow(engine, tmp_path):
    path = tmp_path / "e.parquet"
    export(engine, "parquet", path, EventFilters())
    table = pq.read_table(path)
    assert table.column_names[: len(ACLED_HEADER)] == ACLED_HEADER
    rows = table.to_pylist()
    [saraqeb] = [r for r in rows if r["location"] == "Saraqib"]
    assert (saraqeb["fatalities"], saraqeb["fatalities_low"], saraqeb["fatalities_high"]) == (12, 12, 15)
    assert str(saraqeb["event_date"]) == "2024-12-03"


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "parquet", "jsonl", "graphml"])
def test_every_export_takes_the_event_filters(engine, tmp_path, fmt):
    full, narrow = tmp_path / f"all.{fmt}", tmp_path / f"irq.{fmt}"
    export(engine, fmt, full, EventFilters())
    summary = export(engine, fmt, narrow, EventFilters.parse(country="IRQ"))
    assert narrow.read_bytes() != full.read_bytes()
    if fmt == "acled-csv":
        rows = list(csv.DictReader(narrow.open(encoding="utf-8")))
        assert [r["location"] for r in rows] == ["Baghdad"]
    elif fmt == "jsonl":
        assert summary == "1 documents"
    elif fmt == "parquet":
        assert pq.read_table(narrow).column("country").to_pylist() == ["Iraq"]
    elif fmt == "geojson":
        assert {f["properties"]["country"] for f in json.loads(narrow.read_text())["features"]} == {"Iraq"}
