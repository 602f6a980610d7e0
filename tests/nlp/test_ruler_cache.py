"""The knowledge ruler's patterns are tokenised once and then read from the disk cache."""

import spacy

from sitrep.nlp.ruler import KnowledgeRuler

ITEMS = [("Hayat Tahrir al-Sham", "ORG", "kb:hts"), ("HTS", "ORG", "kb:hts"), ("Deir ez-Zor", "GPE", "sitrep:place")]
TEXT = "HTS, or Hayat Tahrir al-Sham, took Deir ez-Zor on Friday."


def _entities(items, may_tokenise=True):
    nlp = spacy.blank("en")
    ruler = KnowledgeRuler(nlp)
    if not may_tokenise:
        def refuse(*_):
            raise AssertionError("the patterns were tokenised again instead of read from the cache")

        ruler._token_ids = refuse
    ruler.add(items, priority=0)
    return [(e.text, e.label_, e.kb_id_) for e in ruler(nlp(TEXT)).ents], ruler.n_patterns


def test_patterns_from_the_cache_match_as_freshly_tokenised_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path))
    fresh = _entities(ITEMS)
    assert len(list(tmp_path.glob("ruler-*.pickle"))) == 1
    cached = _entities(ITEMS, may_tokenise=False)
    assert fresh == cached == ([("HTS", "ORG", "kb:hts"), ("Hayat Tahrir al-Sham", "ORG", "kb:hts"),
                                ("Deir ez-Zor", "GPE", "sitrep:place")], 3)


def test_changed_knowledge_gets_its_own_entry_and_a_damaged_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path))
    _entities(ITEMS)
    ents, _ = _entities(ITEMS[:1])
    assert ents == [("Hayat Tahrir al-Sham", "ORG", "kb:hts")]
    assert len(list(tmp_path.glob("ruler-*.pickle"))) == 2
    for entry in tmp_path.glob("ruler-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert _entities(ITEMS)[1] == 3


def test_matches_come_in_the_order_spacys_phrasematcher_gives_them():
    """Names that share their words (one alias, many actors) tie on a span and the ruler keeps
    the first: its own matcher must give PhraseMatcher's order, or documents would change."""
    from spacy.attrs import LOWER, ORTH
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    # 20 actors on one alias and 3 on one acronym: several hash-map resizes; overlapping names.
    items = [("Free Army", "ORG", f"kb:free-army-{i}") for i in range(20)]
    items += [("FA", "ORG", f"kb:fa-{i}") for i in range(3)]
    items += [("Free Syrian Army", "ORG", "kb:fsa"), ("Syrian Army", "ORG", "kb:saa"), ("Army", "ORG", "kb:army")]
    ruler = KnowledgeRuler(nlp)
    ruler.add(items, priority=0)
    ruler.add([("Syria", "GPE", "sitrep:place"), ("Free Army", "GPE", "sitrep:place")], priority=1)

    exact, folded = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    for priority, group in ((0, items), (1, [("Syria", "GPE", "sitrep:place"), ("Free Army", "GPE", "sitrep:place")])):
        for surface, label, kb_id in group:
            matcher, attr = (exact, ORTH) if surface.isupper() else (folded, LOWER)
            matcher.add(f"{label}|{kb_id}|{priority}", [[t.orth if attr == ORTH else t.lower for t in nlp(surface)]])

    doc = nlp("The Free Syrian Army, or FA, and the free army of Syria met the Syrian Army. Free Army")
    ours = [(m, s, e) for m, s, e, _ in ruler._matches(doc)]
    assert ours == exact(doc) + folded(doc)
    spans = [(s, e) for _, s, e in ours]
    assert max(spans.count(span) for span in spans) == 21  # the ties are there to be ordered


def test_a_restored_state_matches_as_the_ruler_it_came_from(tmp_path, monkeypatch):
    import pickle

    monkeypatch.setenv("SITREP_CACHE", str(tmp_path))
    built, n = _entities(ITEMS)
    nlp = spacy.blank("en")
    ruler = KnowledgeRuler(nlp)
    ruler.add(ITEMS, priority=0)
    fresh = KnowledgeRuler(spacy.blank("en"))
    fresh.restore(pickle.loads(pickle.dumps(ruler.state())))
    assert [(e.text, e.label_, e.kb_id_) for e in fresh(fresh.nlp(TEXT)).ents] == built
    assert fresh.n_patterns == n


def test_the_compiled_ruler_is_keyed_by_the_knowledge_it_is_compiled_from(tmp_path, monkeypatch, bare_nlp):
    """The whole ruler is cached under a key that changes with the actor KB (package code and
    data, the user's files), and is not cached for a KB built in code."""
    import dataclasses

    import yaml

    from sitrep.knowledge import Knowledge
    from sitrep.knowledge.actors import ActorKB
    from sitrep.nlp.pipeline import _ruler_key

    monkeypatch.delenv("SITREP_ACTORS", raising=False)
    group = {"id": "key-test-brigade", "name": "Key Test Brigade", "kind": "rebel_group", "inter": 2,
             "country": "SYR", "note": "invented for the tests"}
    mine = tmp_path / "mine.yaml"
    mine.write_text(yaml.safe_dump({"source": "test", "version": 1, "actors": [group]}), encoding="utf-8")
    package = Knowledge.load()
    keys = {_ruler_key(package, bare_nlp), _ruler_key(Knowledge.load([mine]), bare_nlp)}
    assert None not in keys and len(keys) == 2
    assert _ruler_key(package, bare_nlp) == _ruler_key(Knowledge.load(), bare_nlp)
    in_code = dataclasses.replace(package, actors=ActorKB(list(package.actors), {}))
    assert _ruler_key(in_code, bare_nlp) is None
