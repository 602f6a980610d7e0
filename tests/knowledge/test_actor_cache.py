"""The actor KB is read back from the disk cache, never stale: a changed file is a new entry."""

from __future__ import annotations

import logging

import yaml

from sitrep.knowledge import actors as actors_module
from sitrep.knowledge.actors import ActorKB

GROUP = {"id": "cache-test-brigade", "name": "Cache Test Brigade", "aliases": ["CTB"], "kind": "rebel_group",
         "inter": 2, "country": "SYR", "note": "invented for the tests"}


def _write(path, actors):
    path.write_text(yaml.safe_dump({"source": "test file", "version": 1, "actors": actors}), encoding="utf-8")
    return path


def _fresh_load(paths):
    actors_module._load_cached.cache_clear()  # as a new process would
    return ActorKB.load(paths)


def test_a_cached_kb_is_the_built_one_and_an_edited_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.delenv("SITREP_ACTORS", raising=False)
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path / "cache"))
    mine = _write(tmp_path / "mine.yaml", [GROUP])
    built = _fresh_load([mine])
    assert len(list((tmp_path / "cache").glob("actors-*.pickle"))) == 1
    cached = _fresh_load([mine])
    assert cached is not built and cached.source_key == built.source_key
    assert [a.id for a in cached.lookup("Cache Test Brigade")] == ["kb:cache-test-brigade"]
    assert list(cached) == list(built)

    _write(mine, [GROUP | {"aliases": ["CTB", "Liwa al-Cache"]}])
    edited = _fresh_load([mine])
    assert edited.source_key != built.source_key
    assert [a.id for a in edited.lookup("Liwa al-Cache")] == ["kb:cache-test-brigade"]


def test_a_replaced_actor_is_logged_on_every_load_cached_or_not(tmp_path, monkeypatch, caplog):
    monkeypatch.delenv("SITREP_ACTORS", raising=False)
    monkeypatch.setenv("SITREP_CACHE", str(tmp_path / "cache"))
    over = _write(tmp_path / "over.yaml", [GROUP | {"id": "hezbollah", "name": "Hezbollah (mine)"}])
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="sitrep.knowledge.actors"):
            kb = _fresh_load([over])
        assert kb.get("hezbollah").name == "Hezbollah (mine)"
        assert any("replaces actor 'hezbollah'" in r.getMessage() for r in caplog.records)
    assert len(list((tmp_path / "cache").glob("actors-*.pickle"))) == 1
