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
