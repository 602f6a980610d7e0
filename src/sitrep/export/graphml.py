"""GraphML (for Gephi, networkx, igraph): actors as nodes; edges for the aggregated relations
(backs, fights, member_of ... with first/last seen and report counts) and for fighting in
events (actor1 - actor2 of the filtered events, weighted by number of events).

Every edge is directed, as the graph declares: networkx refuses a graph that mixes directed and
undirected edges. An event edge has no direction of its own; it runs from the actor whose id
sorts first and says `mutual` = true. Nodes and edges carry `start` and `end` (first and last
seen, ISO dates), the attribute names Gephi's timeline reads as a time interval.

Filters: --actor/--country/--since/--until narrow both kinds of edge; --type narrows the
event edges only (relations have no event type). Written with the standard library.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from sqlalchemy.orm import Session

from sitrep.store.queries import EventFilters, entity_names, events, relations

NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("kind", "string"), ("inter", "int"), ("country", "string"),
              ("generic", "boolean"), ("n_articles", "int"), ("start", "string"), ("end", "string"))
_EDGE_KEYS = (("edge_kind", "string"), ("predicate", "string"), ("status", "string"),
              ("first_seen", "string"), ("last_seen", "string"), ("n_reports", "int"),
              ("n_sources", "int"), ("weight", "double"), ("fatalities", "int"), ("mutual", "boolean"),
              ("start", "string"), ("end", "string"))


def write_graphml(s: Session, filters: EventFilters, path: Path) -> tuple[int, int]:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for i, (name, typ) in enumerate(_NODE_KEYS):
        ET.SubElement(root, f"{{{NS}}}key", id=f"n{i}", attrib={"for": "node", "attr.name": name, "attr.type": typ})
    for i, (name, typ) in enumerate(_EDGE_KEYS):
        ET.SubElement(root, f"{{{NS}}}key", id=f"e{i}", attrib={"for": "edge", "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, f"{{{NS}}}graph", id="sitrep", edgedefault="directed")
    edges: list[tuple[str, str, dict]] = []
    for r in relations(s, filters):
        edges.append((r.subject, r.object, {
            "edge_kind": "relation", "predicate": r.predicate, "status": r.status,
            "first_seen": r.first_seen.isoformat() if r.first_seen else None,
            "last_seen": r.last_seen.isoformat() if r.last_seen else None,
            "n_reports": r.n_reports, "n_sources": r.n_sources, "weight": float(r.n_reports),
            "mutual": "false",
        }))
    for (x, y), a in sorted(fighting_pairs(events(s, filters)).items()):
        edges.append((x, y, {
            "edge_kind": "event", "first_seen": a["first"].isoformat() if a["first"] else None,
            "last_seen": a["last"].isoformat() if a["last"] else None, "n_reports": a["n"],
            "weight": float(a["n"]), "fatalities": a["fatalities"], "mutual": "true",
        }))
    entities = entity_names(s)
    node_ids = sorted({n for x, y, _ in edges for n in (x, y)})
    for nid in node_ids:
        ent = entities.get(nid)
        node = ET.SubElement(graph, f"{{{NS}}}node", id=nid)
        values = {"label": ent.name if ent else nid}
        if ent is not None:
            values.update(kind=ent.kind, inter=ent.inter, country=ent.country,
                          generic="true" if ent.generic else "false", n_articles=ent.n_articles,
                          start=ent.first_seen.isoformat() if ent.first_seen else None,
                          end=ent.last_seen.isoformat() if ent.last_seen else None)
        _data(node, _NODE_KEYS, "n", values)
    for i, (x, y, values) in enumerate(edges):
        values = dict(values, start=values.get("first_seen"), end=values.get("last_seen"))
        attrib = {"id": f"edge{i}", "source": x, "target": y}
        _data(ET.SubElement(graph, f"{{{NS}}}edge", attrib=attrib), _EDGE_KEYS, "e", values)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return len(node_ids), len(edges)


def fighting_pairs(rows) -> dict[tuple[str, str], dict]:
    """(actor id, actor id) sorted -> {"n" events, "fatalities", "first", "last" date} over the
    events whose two sides are both named."""
    fighting: dict[tuple[str, str], dict] = defaultdict(lambda: {"n": 0, "fatalities": 0, "first": None, "last": None})
    for e in rows:
        if not (e.actor1_id and e.actor2_id) or e.actor1_id == e.actor2_id:
            continue
        a = fighting[tuple(sorted((e.actor1_id, e.actor2_id)))]  # type: ignore[index]
        a["n"] += 1
        a["fatalities"] += e.fatalities or 0
        if e.event_date:
            a["first"] = min(filter(None, (a["first"], e.event_date)))
            a["last"] = max(filter(None, (a["last"], e.event_date)))
    return dict(fighting)


def _data(parent: ET.Element, keys, prefix: str, values: dict) -> None:
    for i, (name, _) in enumerate(keys):
        v = values.get(name)
        if v is not None:
            ET.SubElement(parent, f"{{{NS}}}data", key=f"{prefix}{i}").text = str(v)
