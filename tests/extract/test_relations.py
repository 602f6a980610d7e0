"""Relations: sponsorship, affiliation and hostility edges read from the text, with a status."""

import pytest


def _rels(doc):
    return {(r.subject, r.predicate, r.object): r.status for r in doc.relations}


@pytest.mark.parametrize(
    "text, edge, status",
    [
        ("Iran-backed Iraqi militants crossed into Syria.", ("kb:government-of-iran", "backs", "kb:militants-iraq"), "current"),
        ("Turkish-backed factions fought near Aleppo.", ("kb:government-of-turkey", "backs", "kb:rebels-syria"), "current"),
        ("Russia continues to back the Syrian president.", ("kb:government-of-russia", "backs", "kb:government-of-syria-2000-2024"), "current"),
        (
            "Hayat Tahrir al-Sham, formerly affiliated with al-Qaeda, leads the rebel alliance.",
            ("kb:hayat-tahrir-al-sham", "formerly_affiliated_with", "kb:al-qaeda"),
            "historical",
        ),
    ],
)
def test_edges_from_the_text(extract, text, edge, status):
    rels = _rels(extract(text))
    assert rels.get(edge) == status, rels


def test_relations_carry_evidence(extract):
    doc = extract("Iran-backed Iraqi militants crossed into Syria.")
    for r in doc.relations:
        assert r.evidence and "Iran-backed" in doc.article.text[r.evidence[0].start : r.evidence[0].end]


def test_a_backer_is_not_the_actor(extract):
    doc = extract("Iran-backed Iraqi militants attacked a base near Albu Kamal.")
    attack = [e for e in doc.events if e.event_type][0]
    assert attack.actor1 == "kb:militants-iraq"
    assert "kb:government-of-iran" not in (attack.actor1, *attack.assoc_actor_1)
