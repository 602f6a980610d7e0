"""A knowledge ruler that runs before spaCy's statistical NER.

The stock small model tags Aleppo as NORP, Badr and Nujaba as places and Hayat Tahrir
al-Sham as a person. Names sitrep *knows* (actor KB, gazetteer) are fixed here first; the
statistical NER then only labels what is left, and it respects these spans.

When an actor name and a place name cover the same words the actor wins ("Badr" the
militia, not the town): metonymy of place names (Tehran = Iran's government) is decided later
from the sentence, so country and city names are never actor aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from spacy import __version__ as spacy_version
from preshed.maps import PreshMap
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sitrep.knowledge.lexicon_schemas import SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep import disk_cache

ACTOR_ID_PREFIX = "kb:"
PLACE_KB_ID = "sitrep:place"


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    """Lowercase words allowed inside a capitalised name: "Deir ez-Zor", "Ras al-Ain", "Army of Islam"."""
    shared = lexicon(SharedWords)
    return shared.article_particles | shared.kinship_particles | shared.name_connectives


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    label: str
    kb_id: str
    priority: int  # lower wins on equal length


_PATTERN_SLICE = 2000


def _is_acronym(surface: str) -> bool:
    """At most six letters, all capitals ("IS", "HTS", "YPG"); stops at the first letter that
    rules it out, since most names are read here once per process."""
    n = 0
    for c in surface:
        if c.isalpha():
            n += 1
            if n > 6 or not c.isupper():
                return False
    return True


def _is_name_like(span: Span) -> bool:
    """Every word of a matched name is capitalised, except name particles and punctuation."""
    has_capital = False
    particles = _name_particles()
    for tok in span:
        # "Da'esh", "Ahrar al-Sham's": a word with letters counts, apostrophes and all.
        if not any(c.isalpha() for c in tok.text):
            continue
        if tok.text[0].isupper():
            has_capital = True
        elif tok.lower_ not in particles:
            return False
    return has_capital


def _insert(trie: dict[tuple[int, ...], tuple[int, ...]], added: dict[tuple[int, ...], list[int]],
            match_id: int, sequences: Iterable[tuple[int, ...]]) -> None:
    """Add a name's token sequences under `match_id`, and their proper prefixes (as `()`).

    Two names on the same words (an alias shared by two actors) both match there and the ruler
    keeps the first, so their order is part of the output. It is the order spaCy's
    PhraseMatcher, which this replaces, gave them: the iteration order of a preshed hash map
    the match ids were inserted into, one after the other. `added` keeps that insertion order
    for the sequences that have more than one match id."""
    for seq in sequences:
        seq = tuple(seq)
        for cut in range(1, len(seq)):
            trie.setdefault(seq[:cut], ())
        have = trie.get(seq)
        if not have:
            trie[seq] = (match_id,)
        elif match_id not in have:
            inserted = added.setdefault(seq, list(have))
            inserted.append(match_id)
            table = PreshMap(8)  # as PhraseMatcher.add makes each terminal node's map
            for m in inserted:
                table[m] = 0
            trie[seq] = tuple(table.keys())


class KnowledgeRuler:
    """Marks actor-KB and gazetteer names as entities before the statistical NER.

    Actor spans get label ORG/PERSON/NORP and `kb_id_` = the actor id; place spans get
    GPE/LOC/FAC and `kb_id_` = PLACE_KB_ID (the place extractor resolves which place).

    Names are matched as token sequences (token ids: ORTH for acronyms, LOWER for the rest)
    looked up in two plain dicts, one per attribute: {token ids: match ids} for every name,
    {token ids: ()} for every proper prefix of one, so a scan from each token stops at the
    first sequence that starts no name. This is what spaCy's PhraseMatcher does, with state
    that pickles: an extractor reads it from the disk cache in a tenth of a second, where
    adding 100,000 names to a PhraseMatcher takes most of a second (see `state`)."""

    def __init__(self, nlp: Language, name: str = "sitrep_knowledge_ruler"):
        self.name = name
        self.nlp = nlp
        # Acronyms match case-sensitively (IS, HTS); other names case-insensitively but only
        # where the text writes them as names (see _is_name_like).
        self._exact: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._folded: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._added: dict[tuple[int, ...], list[int]] = {}  # see _insert
        self._payload: dict[int, tuple[str, str, int]] = {}
        self.n_patterns = 0

    def _key(self, label: str, kb_id: str, priority: int) -> str:
        key = f"{label}|{kb_id}|{priority}"
        self._payload[self.nlp.vocab.strings.add(key)] = (label, kb_id, priority)
        return key

    def add(self, items: Iterable[tuple[str, str, str]], priority: int) -> None:
        """Add (surface form, label, kb_id) patterns; lower priority wins ties."""
        exact: dict[str, list[str]] = {}
        folded: dict[str, list[str]] = {}
        seen: set[tuple[str, str]] = set()
        keys: dict[tuple[str, str], str] = {}  # 100k names share a handful of keys
        for surface, label, kb_id in items:
            surface = surface.strip()
            if not surface or (surface, kb_id) in seen:
                continue
            seen.add((surface, kb_id))
            key = keys.get((label, kb_id))
            if key is None:
                key = keys[(label, kb_id)] = self._key(label, kb_id, priority)
            (exact if _is_acronym(surface) else folded).setdefault(key, []).append(surface)
        # Tokenising 100k names is most of building the ruler: their token ids are cached on
        # disk, keyed by the names and the tokenizer.
        tables = ((exact, self._exact, ORTH), (folded, self._folded, LOWER))
        fingerprint = self._fingerprint(tables)
        compiled = disk_cache.load("ruler", fingerprint)
        if compiled is None:
            compiled = [{key: self._token_ids(surfaces, attr) for key, surfaces in table.items()}
                        for table, _, attr in tables]
            disk_cache.save("ruler", fingerprint, compiled)
        for (_, trie, _), keywords in zip(tables, compiled):
            for key, ids in keywords.items():
                _insert(trie, self._added, self.nlp.vocab.strings[key], ids)
                self.n_patterns += len(ids)

    def state(self) -> tuple:
        """Everything the ruler matches with, as plain Python data (for the disk cache)."""
        return (self._exact, self._folded, self._added, self._payload, self.n_patterns)

    def restore(self, state: tuple) -> None:
        """Take a `state()` over (what `add` built is replaced)."""
        self._exact, self._folded, self._added, self._payload, self.n_patterns = state
        for label, kb_id, priority in self._payload.values():
            # The key strings, as `add` leaves them in the vocab.
            self.nlp.vocab.strings.add(f"{label}|{kb_id}|{priority}")

    def _fingerprint(self, tables) -> str:
        meta = self.nlp.meta
        parts = [f"{meta.get('name')}-{meta.get('version')}-spacy{spacy_version}"]
        for table, _, attr in tables:
            for key, surfaces in table.items():
                parts += [f"{attr}\0{key}", surfaces]
        return disk_cache.fingerprint(*parts)

    def _token_ids(self, surfaces: list[str], attr: int) -> list[tuple[int, ...]]:
        ids = []
        # Tokenised in slices: holding 100k pattern Docs at once more than doubles the
        # process's peak memory.
        for lo in range(0, len(surfaces), _PATTERN_SLICE):
            for doc in self.nlp.tokenizer.pipe(surfaces[lo : lo + _PATTERN_SLICE]):
                if len(doc):
                    ids.append(tuple(t.orth if attr == ORTH else t.lower for t in doc))
        return ids

    def _matches(self, doc: Doc) -> Iterator[tuple[int, int, int, bool]]:
        """(match id, start, end, folded): exact matches, then folded ones; each by start, then
        end, then in the order of the name's keys (see _insert)."""
        columns = doc.to_array([ORTH, LOWER]).T.tolist() if len(doc) else ([], [])
        for ids, trie, folded in ((columns[0], self._exact, False), (columns[1], self._folded, True)):
            n = len(ids)
            get = trie.get
            for start in range(n):
                end = start + 1
                found = get((ids[start],))
                while found is not None:
                    for match_id in found:
                        yield match_id, start, end, folded
                    if end == n:
                        break
                    end += 1
                    found = get(tuple(ids[start:end]))

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[_Candidate] = []
        for match_id, start, end, folded in self._matches(doc):
            if folded and not _is_name_like(doc[start:end]):
                continue
            label, kb_id, priority = self._payload[match_id]
            candidates.append(_Candidate(start, end, label, kb_id, priority))
        if not candidates:
            return doc
        # Longest span first; on equal spans the lower priority (actors) wins.
        candidates.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
        taken = [False] * len(doc)
        spans: list[Span] = []
        for c in candidates:
            if any(taken[c.start : c.end]):
                continue
            for i in range(c.start, c.end):
                taken[i] = True
            spans.append(Span(doc, c.start, c.end, label=c.label, kb_id=c.kb_id))
        kept = [e for e in doc.ents if not any(taken[e.start : e.end])]
        doc.ents = filter_spans(spans + kept)
        return doc


@Language.factory("sitrep_knowledge_ruler")
def make_knowledge_ruler(nlp: Language, name: str) -> KnowledgeRuler:
    return KnowledgeRuler(nlp, name)


@Language.component("sitrep_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and sub-headings carry no full stop, and the
    parser would otherwise glue them to the next sentence. So does a vertical bar, the web's
    separator between a section or site name and a headline ("Southern Syria | Gunmen kill ...")."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_ or tok.text == "|":
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc
