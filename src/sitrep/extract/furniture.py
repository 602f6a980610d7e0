"""Page furniture: the text of a scraped page that is not the report.

A page copied as text keeps its link lists ("Related News ...", "Read also ...") and share
widgets. The headlines in a link list tell other stories; events read from them would be events
this article never reported. Markers live in `lexicons/furniture.yaml`."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from sitrep.knowledge.lexicon_schemas import FurnitureLexicon
from sitrep.knowledge.lexicons import lexicon
from sitrep.nlp.docinfo import doc_text

# Headlines carry no final stop: a list of them runs on until prose ends a sentence.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    lex = lexicon(FurnitureLexicon)

    def alternation(key: str) -> str:
        phrases = sorted(set(getattr(lex, key)), key=len, reverse=True)
        return "|".join(re.escape(p) for p in phrases)

    # A marker stands alone: not inside a word, and followed by a capitalised headline word.
    lists = re.compile(rf"(?<![\w-])(?:{alternation('link_list_markers')})\b(?=\s+[A-Z0-9\"'“])")
    widgets = re.compile(rf"(?<![\w-])(?:{alternation('widgets')})\b(?:\s+\d[\d,]*)?")
    return lists, widgets


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of link lists and share widgets in `text`."""
    lists, widgets = _patterns()
    spans: list[tuple[int, int]] = []
    for m in lists.finditer(text):
        end = _SENTENCE_END.search(text, m.end())
        spans.append((m.start(), end.end() if end else len(text)))
    spans.extend((m.start(), m.end()) for m in widgets.finditer(text))
    return sorted(spans)


def furniture_tokens(doc: Doc) -> frozenset[int]:
    """Indices of the tokens that lie in page furniture."""
    out: set[int] = set()
    for start, end in furniture_spans(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return frozenset(out)
