"""Places: toponyms resolved to gazetteer entries, regions and borders, with ACLED precision.

A name used for a government (metonymy, decided by the actor extractor) is not a place here.
Ambiguous names prefer the countries the article talks about. Wrappers change the precision:
"Idlib province" is the province (3), "the Aleppo countryside" or "near Aleppo" is near the
town (2), "northwest Syria" is a region (3), "the Iraq-Syria border" a border area (3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitrep.extract.actors import ActorResult
from sitrep.extract.context import ArticleContext, country_of_name
from sitrep.knowledge import Knowledge
from sitrep.knowledge.gazetteer import GeoEntry
from sitrep.knowledge.lexicons import load_lexicon, word_set
from sitrep.knowledge.names import name_key
from sitrep.nlp.docinfo import sent_ids


@dataclass
class PlaceMention:
    entry: GeoEntry
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    sent: int
    precision: int  # ACLED geo_precision for an event coded to this mention
    locative: bool  # introduced by a locative preposition ("in", "near", "into")
    head: int  # token index of the name's head
    reason: str | None = None


@dataclass
class PlaceResult:
    mentions: list[PlaceMention]
    unresolved: list[tuple[str, int, int]]  # (name, start_char, end_char) not in the gazetteer
    by_token: dict[int, PlaceMention] = field(default_factory=dict)

    def in_sentence(self, sent: int) -> list[PlaceMention]:
        return [m for m in self.mentions if m.sent == sent]


# A capital, or a city this large, is known by its own name wherever the article is from ("talks
# in Ankara", "a rally in Istanbul"); a mid-sized town abroad that shares a local name ("Safi" for
# Aqareb es Safi, "Alwar" for Alwaer) is not.
_WORLD_CITY = 1_000_000


@dataclass(frozen=True)
class _Lex:
    direction_of: dict[str, str]
    admin1_words: frozenset[str]
    settlement_words: frozenset[str]
    near_words: frozenset[str]
    border_words: frozenset[str]
    country_anaphors: frozenset[str]
    locative_preps: frozenset[str]
    toponym_prefixes: frozenset[str]
    name_particles: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    lex = load_lexicon("places")
    direction_of = {}
    for canonical, words in lex["directions"].items():
        for w in words:
            direction_of[w.lower()] = canonical
    return _Lex(
        direction_of=direction_of,
        admin1_words=word_set(lex, "admin1_words"),
        settlement_words=word_set(lex, "settlement_words"),
        near_words=word_set(lex, "near_words"),
        border_words=word_set(lex, "border_words"),
        country_anaphors=word_set(lex, "country_anaphors"),
        locative_preps=word_set(load_lexicon("metonymy"), "locative_prepositions"),
        toponym_prefixes=word_set(lex, "toponym_prefixes"),
        name_particles=word_set(lex, "name_particles"),
    )


class _Places:
    def __init__(self, doc: Doc, knowledge: Knowledge, ctx: ArticleContext, actors: ActorResult):
        self.doc = doc
        self.gaz = knowledge.gazetteer
        self.knowledge = knowledge
        self.ctx = ctx
        self.actors = actors
        self.lex = _lex()
        self.sid = sent_ids(doc)
        self.mentions: list[PlaceMention] = []
        self.unresolved: list[tuple[str, int, int]] = []
        self.taken: set[int] = set(actors.by_token)
        self._named: frozenset[str] | None = None

    # ------------------------------------------------------------------ helpers
    def _free(self, start: int, end: int) -> bool:
        return not any(i in self.taken for i in range(start, end))

    def _add(self, entry: GeoEntry, start: int, end: int, head: int, precision: int, reason: str | None = None):
        doc = self.doc
        span = doc[start:end]
        m = PlaceMention(
            entry=entry,
            start=start,
            end=end,
            start_char=span.start_char,
            end_char=span.end_char,
            text=span.text,
            sent=self.sid[start],
            precision=precision,
            locative=self._is_locative(doc[head]),
            head=head,
            reason=reason,
        )
        self.mentions.append(m)
        self.taken.update(range(start, end))
        return m

    def _is_locative(self, tok: Token) -> bool:
        cur = tok
        for _ in range(6):
            if cur.dep_ == "pobj":
                prep = cur.head
                # "in the Iraqi city of Kirkuk", "the province of Idlib": the name stands where
                # its settlement or province noun stands.
                if prep.lower_ == "of" and prep.head.i != prep.i and (
                    prep.head.lower_ in self.lex.settlement_words or prep.head.lower_ in self.lex.admin1_words
                ):
                    cur = prep.head
                    continue
                return prep.lower_ in self.lex.locative_preps
            if cur.dep_ in ("compound", "amod", "conj", "appos", "nmod", "poss"):
                cur = cur.head
                continue
            break
        prev = self.doc[tok.i - 1] if tok.i > 0 else None
        return prev is not None and prev.lower_ in self.lex.locative_preps

    def _named_countries(self) -> frozenset[str]:
        """Countries the article names as places (a country's name, not a demonym: "Russian
        jets" says who flew, not where), plus its main one."""
        if self._named is None:
            found = set()
            for ent in self.doc.ents:
                if ent.label_ in ("GPE", "LOC"):
                    country = self.knowledge.countries.by_name(ent.text)
                    if country is not None:
                        found.add(country.iso3)
            if self.ctx.focus_country:
                found.add(self.ctx.focus_country)
            self._named = frozenset(found)
        return self._named

    def _country_hint(self, sent: int) -> list[str]:
        """Countries to prefer for an ambiguous name: the sentence's, then the article's."""
        out: list[str] = []
        s = self.ctx.sentence_countries.get(sent)
        if s:
            out.append(s)
        for iso3, _ in self.ctx.country_counts.most_common():
            if iso3 not in out:
                out.append(iso3)
        return out

    def _pick(self, candidates: list[GeoEntry], sent: int, want: str | None) -> tuple[GeoEntry, str | None]:
        if len(candidates) == 1:
            return candidates[0], None
        hints = self._country_hint(sent)
        rank = {iso3: i for i, iso3 in enumerate(hints)}

        def score(i_e):
            i, e = i_e
            feature_match = 0
            if want == "admin1":
                feature_match = 0 if e.feature == "admin1" else 1
            elif want == "settlement":
                feature_match = 0 if e.feature in ("city", "town", "village") else 1
            country_rank = rank.get(e.country, len(rank) + (0 if e.feature == "country" else 1))
            return (feature_match, country_rank, i)

        best = min(enumerate(candidates), key=score)[1]
        if best is candidates[0]:
            return best, None
        return best, f"ambiguous name; chose the one in {best.country}, a country the article names"

    # ------------------------------------------------------------------ regions
    def directional_regions(self):
        """'northwest Syria', 'northern Idlib', 'Syria's northwest', 'the north of the country',
        'in the northwest' (the article's country)."""
        doc = self.doc
        for tok in doc:
            direction = self.lex.direction_of.get(tok.lower_)
            if direction is None or tok.i in self.taken:
                continue
            # Hyphenated directions are split by the tokenizer: "north-western".
            start, end = tok.i, tok.i + 1
            if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
                joined = f"{tok.lower_}-{doc[tok.i + 2].lower_}"
                if joined in self.lex.direction_of:
                    direction = self.lex.direction_of[joined]
                    end = tok.i + 3
            nxt = doc[end] if end < len(doc) else None
            # "<direction> <Country/admin1>"
            if nxt is not None and nxt.ent_type_ in ("GPE", "LOC") and nxt.i not in self.taken:
                ent = next((e for e in doc.ents if e.start == nxt.i), None)
                if ent is not None:
                    iso3 = self.knowledge.countries.by_name(ent.text)
                    if iso3 is not None:
                        region = self.gaz.region(direction, iso3.iso3)
                        if region is not None:
                            self._add(region, start, ent.end, ent.root.i, 3)
                            continue
                    admin = self._admin1_for(ent.text)
                    if admin is not None:
                        self._add(admin, start, ent.end, ent.root.i, 3, f"the {direction} of {admin.name}: coded to the province")
                        continue
            # "the northwest", "the north of the country", "Syria's northwest"
            if tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.dep_ in ("pobj", "dobj", "nsubj", "conj", "appos"):
                iso3, why = self._region_country(tok)
                if iso3:
                    region = self.gaz.region(direction, iso3)
                    if region is not None:
                        left = tok.i
                        for c in tok.lefts:
                            if c.dep_ == "poss":
                                left = min(left, c.left_edge.i)
                        right = end
                        for c in tok.rights:
                            if c.dep_ == "prep" and c.lower_ == "of":
                                right = max(right, c.right_edge.i + 1)
                        if self._free(left, right):
                            self._add(region, left, right, tok.i, 3, why)

    def _region_country(self, tok: Token) -> tuple[str | None, str | None]:
        for c in tok.children:
            if c.dep_ == "poss":
                iso3 = country_of_name(c.text, self.knowledge)
                if iso3:
                    return iso3, None
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    iso3 = country_of_name(p.text, self.knowledge)
                    if iso3:
                        return iso3, None
                    if p.lower_ in self.lex.country_anaphors and self.ctx.focus_country:
                        return self.ctx.focus_country, "'the country': the article's main country"
        if any(c.dep_ == "det" for c in tok.children) and self.ctx.focus_country:
            sent_c = self.ctx.sentence_countries.get(self.sid[tok.i])
            iso3 = sent_c or self.ctx.focus_country
            return iso3, f"bare direction; the {'sentence' if sent_c else 'article'}'s country ({iso3})"
        return None, None

    def borders(self):
        """'the Iraq-Syria border', 'the Syrian-Iraqi border', 'the border with Turkey', 'the border'."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ not in self.lex.border_words or tok.i in self.taken:
                continue
            countries: list[str] = []
            left = tok.i
            for c in tok.lefts:
                for t in c.subtree:
                    iso3 = country_of_name(t.text, self.knowledge)
                    if iso3 and iso3 not in countries:
                        countries.append(iso3)
                        left = min(left, c.left_edge.i)
            right = tok.i + 1
            for c in tok.rights:
                if c.dep_ == "prep" and c.lower_ in ("with", "between", "of"):
                    for t in c.subtree:
                        iso3 = country_of_name(t.text, self.knowledge)
                        if iso3 and iso3 not in countries:
                            countries.append(iso3)
                            right = max(right, c.right_edge.i + 1)
            reason = None
            if len(countries) < 2:
                # "crossed the border" into a named country, from a country the sentence implies
                sent = self.sid[tok.i]
                named = [c for c in self._sentence_countries(sent) if c not in countries]
                for c in named:
                    countries.append(c)
                    if len(countries) == 2:
                        break
                if len(countries) < 2 and self.ctx.focus_country and self.ctx.focus_country not in countries:
                    countries.append(self.ctx.focus_country)
                reason = "border countries taken from the sentence and the article"
            if not countries:
                continue
            entry = self.gaz.border(countries[0], countries[1] if len(countries) > 1 else None)
            if entry is None:
                continue
            while left < tok.i and doc[left].lower_ in ("the",):
                left += 1
            if self._free(left, right):
                self._add(entry, left, right, tok.i, 3, reason)

    def _sentence_countries(self, sent: int) -> list[str]:
        out = []
        s = self.doc[self.sentence_span(sent)[0] : self.sentence_span(sent)[1]]
        for t in s:
            iso3 = country_of_name(t.text, self.knowledge) if t.ent_type_ in ("GPE", "NORP") else None
            if iso3 and iso3 not in out:
                out.append(iso3)
        m = [a for a in self.actors.mentions if a.sent == sent]
        for a in m:
            c = self.actors.entities[a.entity_id].country
            if c and c not in out:
                out.append(c)
        return out

    def sentence_span(self, sent: int) -> tuple[int, int]:
        idx = [i for i, s in enumerate(self.sid) if s == sent]
        return idx[0], idx[-1] + 1

    # ------------------------------------------------------------------ names
    def _admin1_for(self, text: str) -> GeoEntry | None:
        for iso3 in self._country_hint(0)[:3] or list(self.knowledge.focus_countries):
            a = self.gaz.admin1(iso3, text)
            if a is not None:
                return a
        hits = [e for e in self.gaz.lookup(text) if e.feature == "admin1"]
        return hits[0] if hits else None

    def names(self):
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"):
                continue
            if not self._free(ent.start, ent.end):
                continue
            # "Iraqi", "Saudi": a demonym qualifies a noun; the country is context, not a place.
            # "a Shiite mosque", "Kurdish fighters": a group adjective, whatever a gazetteer says.
            if ent.label_ == "NORP" and (
                self.knowledge.countries.by_demonym(ent.text) is not None or ent.root.dep_ == "amod"
            ):
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ == "the":
                start += 1
            if start >= end:
                continue
            # The stock NER often cuts a transliterated name in two ("Maarat al-" PERSON +
            # "Numan" GPE): try the whole run of name words first, in the article's countries.
            run = self._name_run(start, end)
            if run is not None and (run.start, run.end) != (start, end) and self._free(run.start, run.end):
                if self.resolve_name(run, strict=True):
                    continue
            if ent.label_ in ("NORP", "ORG", "PERSON") and ent.kb_id_ == "":
                # The stock NER mislabels many Middle Eastern towns (Saraqib -> ORG,
                # Tal Rifaat -> PERSON). Accept them in a locative position, or when the name
                # starts with a generic place word ("Khan Sheikhoun") and the gazetteer knows it
                # in the article's countries.
                if not self._is_locative(ent.root):
                    if doc[start].lower_ in self.lex.toponym_prefixes and end - start > 1:
                        self.resolve_name(doc[start:end], strict=True)
                    continue
            span = doc[start:end]
            self.resolve_name(span)

    def _name_run(self, start: int, end: int) -> Span | None:
        """The longest run of name words around [start, end) within the sentence: capitalised
        words, hyphens and Arabic article particles ("Maarat al-Numan", "Deir ez-Zor")."""
        doc = self.doc
        sent = doc[start].sent

        def nameish(i: int) -> bool:
            t = doc[i]
            if i in self.taken:
                return False
            if t.text in ("-", "–"):
                return 0 < i < len(doc) - 1 and not doc[i - 1].is_space and not doc[i + 1].is_space
            if t.lower_ in self.lex.name_particles:
                return i + 1 < len(doc) and doc[i + 1].text in ("-", "–")
            return t.is_alpha and t.text[:1].isupper() and t.ent_type_ not in ("DATE", "TIME")

        left, right = start, end
        while left - 1 >= sent.start and left - 1 > sent.start - 1 and nameish(left - 1) and start - left < 4:
            left -= 1
        while right < sent.end and nameish(right) and right - end < 4:
            right += 1
        while left < right and doc[left].text in ("-", "–"):
            left += 1
        while right > left and (doc[right - 1].text in ("-", "–") or doc[right - 1].lower_ in self.lex.name_particles):
            right -= 1
        # The first word of a sentence is capitalised anyway: not evidence of a name.
        if left == sent.start and left < start and not doc[left].ent_type_:
            left = start
        return doc[left:right] if right > left else None

    def _known_abroad(self, entry: GeoEntry) -> bool:
        if entry.population >= _WORLD_CITY:
            return True
        country = self.knowledge.countries.get(entry.country) if entry.country else None
        return bool(country and country.capital and entry.feature == "city"
                    and name_key(country.capital) == name_key(entry.name))

    def resolve_name(self, span: Span, strict: bool = False) -> bool:
        doc = self.doc
        text = span.text
        want = None
        precision = None
        reason = None
        left, right = span.start, span.end
        nxt = doc[right] if right < len(doc) else None
        prev = doc[left - 1] if left > 0 else None
        # "Idlib province", "the province of Idlib"
        if nxt is not None and nxt.lower_ in self.lex.admin1_words:
            want, right = "admin1", right + 1
        elif prev is not None and prev.lower_ == "of" and left >= 2 and doc[left - 2].lower_ in self.lex.admin1_words:
            want = "admin1"
        elif nxt is not None and nxt.lower_ in self.lex.settlement_words:
            want = "settlement"
        elif prev is not None and prev.lower_ == "of" and left >= 2 and doc[left - 2].lower_ in self.lex.settlement_words:
            want = "settlement"
        # "the Aleppo countryside", "rural Damascus", "near Aleppo", "east of Damascus"
        near = None
        if nxt is not None and nxt.lower_ in self.lex.near_words and nxt.pos_ in ("NOUN", "ADJ"):
            near, right = nxt.lower_, right + 1  # "the Aleppo countryside", not "Tokhar near Manbij"
        elif prev is not None and prev.lower_ in self.lex.near_words:
            near = prev.lower_
        elif prev is not None and prev.lower_ == "of" and left >= 2 and (
            doc[left - 2].lower_ in self.lex.near_words or doc[left - 2].lower_ in self.lex.direction_of
        ):
            near = doc[left - 2].lower_
        candidates = self.gaz.lookup(text)
        if strict:
            # Only places in the countries the article is about; no fuzzy guesses.
            hints = set(self._country_hint(self.sid[span.start])[:3] or self.knowledge.focus_countries)
            candidates = [c for c in candidates if c.country in hints]
            if not candidates:
                return False
        if candidates and not strict:
            # A small place abroad, in a country the article never names, is almost always a
            # local name that happens to exist elsewhere too ("Bostan" in Iran for Aleppo's
            # Bustan al-Qasr): prefer a spelling match at home, else leave it unresolved.
            named = set(self._named_countries())
            theatres = set(self.knowledge.focus_countries)
            if not named & theatres:
                # A report filed from Geneva about a war sitrep covers: its towns are still the
                # war's towns.
                named |= theatres
            if named and not any(
                c.country in named or c.feature == "country" or self._known_abroad(c)
                for c in candidates
            ):
                candidates = []
                reason = "no place of that name in the countries the article names"
        if not candidates:
            # Spelling guesses only where the story happens (the sentence's and the article's
            # main country), never in a country named only as someone's nationality ("US-led").
            sent_country = self.ctx.sentence_countries.get(self.sid[span.start])
            hints = [c for c in (sent_country, self.ctx.focus_country) if c] or list(self.knowledge.focus_countries[:3])
            fuzzy = self.gaz.fuzzy(text, list(dict.fromkeys(hints)))
            if fuzzy:
                candidates = [fuzzy[0][0]]
                reason = f"spelling matched approximately to {fuzzy[0][0].name} ({fuzzy[0][1]:.0f}/100)"
        if not candidates:
            prev2 = doc[span.start - 2].lower_ if span.start >= 2 else ""
            if span.root.ent_type_ in ("GPE", "LOC", "FAC") or (prev is not None and prev.lower_ == "of" and prev2 in self.lex.settlement_words):
                self.unresolved.append((text, span.start_char, span.end_char))
            return False
        entry, why = self._pick(candidates, self.sid[span.start], want)
        reason = reason or why
        precision = entry.precision
        if near is not None and entry.feature in ("city", "town", "village"):
            precision = 2
            reason = (reason + "; " if reason else "") + f"'{near}' the place: precision 2"
        self._add(entry, left, right, span.root.i, precision, reason)
        return True


    def unlabelled(self):
        """Capitalised words the NER left unlabelled after "the town of", "in", "near":
        transliterated village names are often missed ("near Kafr Nabl")."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ not in self.lex.locative_preps and tok.lower_ != "of":
                continue
            if tok.lower_ == "of" and not (tok.i > 0 and doc[tok.i - 1].lower_ in self.lex.settlement_words):
                continue
            start = tok.i + 1
            while start < len(doc) and doc[start].lower_ == "the":
                start += 1
            end = start
            while end < len(doc) and end - start < 4 and (
                (doc[end].text[:1].isupper() and doc[end].is_alpha)
                or (doc[end].text == "-" and end > start)
                or (doc[end].lower_ in ("al", "el", "ash", "as", "ad", "ar", "ez", "an") and end + 1 < len(doc) and doc[end + 1].text[:1] in "-" )
            ):
                end += 1
            while end > start and not doc[end - 1].is_alpha:
                end -= 1
            if end <= start or not self._free(start, end) or doc[start].ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON", "NORP"):
                continue
            if start == doc[start].sent.start:
                continue
            self.resolve_name(doc[start:end], strict=tok.lower_ != "of")


def extract_places(doc: Doc, knowledge: Knowledge, ctx: ArticleContext, actors: ActorResult) -> PlaceResult:
    p = _Places(doc, knowledge, ctx, actors)
    p.borders()
    p.directional_regions()
    p.names()
    p.unlabelled()
    by_token = {}
    for m in p.mentions:
        for i in range(m.start, m.end):
            by_token[i] = m
    return PlaceResult(
        mentions=sorted(p.mentions, key=lambda m: m.start),
        unresolved=p.unresolved,
        by_token=by_token,
    )
