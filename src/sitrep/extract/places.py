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
from sitrep.extract.context import ArticleContext, capital_country, country_of_name
from sitrep.knowledge import Knowledge
from sitrep.knowledge.gazetteer import GeoEntry, distance_km, normalize_direction
from sitrep.knowledge.lexicon_schemas import MetonymyLexicon, PlacesLexicon, SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep.knowledge.names import name_key
from sitrep.nlp.docinfo import entities, sent_ids


NOT_IN_GAZETTEER = "is not in the gazetteer"

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
    # "location", or what else the name does: "metonym", "modifier", "demonym", "organisation"
    role: str = "location"


@dataclass
class PlaceResult:
    mentions: list[PlaceMention]
    # (name, start_char, end_char, why): names read as places that were given no place; `why`
    # says whether the gazetteer lacks the name or only has it where the article is not.
    unresolved: list[tuple[str, int, int, str]]
    by_token: dict[int, PlaceMention] = field(default_factory=dict)
    # Toponyms that are not where anything is (a government, a modifier, a demonym, part of an
    # organisation's name): listed in the document's places, never an event's location.
    others: list[PlaceMention] = field(default_factory=list)

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
    article_particles: frozenset[str]
    designation_words: frozenset[str]
    place_heads: frozenset[str]
    organisation_heads: frozenset[str]
    direction_name_words: frozenset[str]
    neighbourhood_words: frozenset[str]
    relative_bearing_preps: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    lex = lexicon(PlacesLexicon)
    shared = lexicon(SharedWords)
    direction_of = {}
    for canonical, words in lex.directions.items():
        for w in words:
            direction_of[w.lower()] = canonical
    return _Lex(
        direction_of=direction_of,
        admin1_words=lex.admin1_words,
        settlement_words=lex.settlement_words,
        near_words=lex.near_words,
        border_words=lex.border_words,
        country_anaphors=lex.country_anaphors,
        locative_preps=lexicon(MetonymyLexicon).locative_prepositions,
        toponym_prefixes=lex.toponym_prefixes,
        name_particles=shared.article_particles | shared.kinship_particles,
        article_particles=shared.article_particles,
        designation_words=lex.designation_words,
        place_heads=lex.place_heads,
        organisation_heads=lex.organisation_heads,
        direction_name_words=lex.direction_name_words,
        neighbourhood_words=lex.neighbourhood_words,
        relative_bearing_preps=lex.relative_bearing_preps,
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
        self.unresolved: list[tuple[str, int, int, str]] = []
        self.taken: set[int] = set(actors.by_token)
        self._named: frozenset[str] | None = None
        self._provinces: frozenset[tuple[str, str]] | None = None
        # name key -> the place an earlier mention was tied to by the text itself ("Santa Ana,
        # California", "the X district of Y") and why: one name keeps one referent in one article.
        self._settled: dict[str, tuple[GeoEntry, str]] = {}

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
        jets" says who flew, not where), plus its main one. A country named only as a
        government ("backed by Russia"), a nationality ("US airstrikes") or a jurisdiction in
        boilerplate ("Islamic State (banned in Russia)") does not make its towns likely."""
        if self._named is None:
            found = set()
            for ent in entities(self.doc):
                if ent.label_ in ("GPE", "LOC"):
                    country = self.knowledge.countries.by_name(ent.text)
                    if country is None or any(i in self.actors.by_token for i in range(ent.start, ent.end)):
                        continue
                    if self._not_a_place_use(ent, country.iso3) is None:
                        found.add(country.iso3)
            if self.ctx.focus_country:
                found.add(self.ctx.focus_country)
            self._named = frozenset(found)
        return self._named

    def _country_or_capital(self, span: Span) -> str | None:
        c = self.knowledge.countries.by_name(span.text)
        if c is not None:
            return c.iso3
        return capital_country(span.text, self.knowledge)

    def _not_a_place_use(self, ent: Span, iso3: str) -> str | None:
        """Why a country's (or its capital's) name is not a place here, or None. The article's
        own country keeps its name as a place ("Syria attack")."""
        doc = self.doc
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "in" and doc[ent.start - 2].lower_ in self.lex.designation_words:
            return "a jurisdiction in boilerplate ('banned in Russia')"
        root = ent.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return "the agent of a passive verb: the government, not the place"
        if iso3 == self.ctx.focus_country:
            return None
        if root.dep_ in ("compound", "nmod", "amod") and root.head.i > root.i:
            head = root.head
            words = (self.lex.place_heads | self.lex.admin1_words | self.lex.settlement_words
                     | self.lex.near_words | self.lex.border_words)
            if head.lower_ not in words and head.lemma_.lower() not in words and head.lower_ not in self.lex.direction_of \
                    and head.ent_type_ not in ("GPE", "LOC", "FAC"):
                return "a nationality ('US airstrikes'), not a place"
        return None

    def _named_provinces(self) -> frozenset[tuple[str, str]]:
        """(country, province) of every first-level unit the article names by a name that means
        the province first ("California", "Calif.", "Queensland"; not "Georgia", a country
        first, nor "New York", a city first). A story that names a province happens in it."""
        if self._provinces is None:
            found = set()
            for ent in entities(self.doc):
                if ent.label_ in ("GPE", "LOC"):
                    unit = self._province_named(ent.text)
                    if unit is not None and unit.country:
                        found.add((unit.country, unit.name))
            self._provinces = frozenset(found)
        return self._provinces

    def _province_named(self, text: str) -> GeoEntry | None:
        """The first-level unit `text` names first, by its own spelling ("California",
        "Calif.", "Queensland"), else None ("Georgia" is a country first, "New York" a city
        first). "Western", "Central": a compass word names provinces in many countries
        (Kenya, Sri Lanka, Zambia) and tells none of them."""
        if all(normalize_direction(w) for w in text.split()):
            return None
        first = next((e for e, own in self.gaz.lookup_matches(text) if own), None)
        return first if first is not None and first.feature == "admin1" else None

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

    def _pick(self, candidates: list[GeoEntry], sent: int, want: str | None,
              exact: set[str] | None = None) -> tuple[GeoEntry, str | None]:
        if len(candidates) == 1:
            return candidates[0], None
        hints = self._country_hint(sent)
        rank = {iso3: i for i, iso3 in enumerate(hints)}
        # A province the article names weighs more than which country its names vote for
        # ("Santa Ana" in a story that names California is the Californian city, although
        # every bare "Santa Ana" votes for El Salvador), but it does not overturn a city: a
        # city of 100,000 or more is named without its province, so a namesake in the named
        # province must be within a tenth of its size ("Atlanta" in a story that names Kansas
        # is still the city of half a million, not a Kansas village once called so). Towns
        # and counties are local: the province decides. A province's or a country's own name
        # is that unit.
        first = candidates[0]
        provinces = frozenset()
        if first.feature not in ("country", "admin1") and not self._known_abroad(first):
            provinces = self._named_provinces()
        floor = first.population / 10 if first.feature == "city" else 0

        def in_province(e: GeoEntry) -> bool:
            return e.feature != "admin1" and (e.country, e.admin1) in provinces and e.population >= floor

        def score(i_e):
            i, e = i_e
            feature_match = 0
            if want == "admin1":
                feature_match = 0 if e.feature == "admin1" else 1
            elif want == "settlement":
                feature_match = 0 if e.feature in ("city", "town", "village") else 1
            country_rank = rank.get(e.country, len(rank) + (0 if e.feature == "country" else 1))
            # A country's own name is the country ("Iraq", not Iran's Arak; "Russia", not
            # Russia, Ohio), and a spelling of the place's own beats a variant's look-alike.
            spelled = exact is None or e.id in exact
            # A continent ("North America") is no smaller than a country: not a region of one.
            whole = ((e.feature == "country" and state is None) or e is state
                     or (e.country is None and e.feature == "region"))
            return (feature_match, not (whole and spelled), not spelled, not in_province(e), country_rank, i)

        state = self._province_not_country(candidates, exact)
        best = min(enumerate(candidates), key=score)[1]
        if best is state:
            return best, f"a province of {best.country}, as are others the article names, not the country"
        if best is candidates[0]:
            return best, None
        if in_province(best):
            return best, f"ambiguous name; chose the one in {best.admin1}, a province the article names"
        return best, f"ambiguous name; chose the one in {best.country}, a country the article names"

    def _province_not_country(self, candidates: list[GeoEntry], exact: set[str] | None) -> GeoEntry | None:
        """A name shared by a country and a province ("Georgia") is the province when the
        article names other provinces of that province's country ("Georgia, Oklahoma and
        Pennsylvania") and none of the other country's; else the country, as always."""
        country = next((c for c in candidates if c.feature == "country"), None)
        if country is None:
            return None
        named = self._named_provinces()
        if any(c == country.country for c, _ in named):
            return None
        for e in candidates:
            if e.feature == "admin1" and (exact is None or e.id in exact) and any(
                    c == e.country and n != e.name for c, n in named):
                return e
        return None

    def _comma_container(self, span: Span, candidates: list[GeoEntry], own_ids: set[str]
                         ) -> tuple[list[GeoEntry], str] | None:
        """"Santa Ana, California", "Pandi, Bulacan", "Scott County, Ind.": a name followed by
        a comma and a province, a country or a county says which of the places of that name is
        meant. Only when some candidates lie inside and some do not (a list of places, "Aleppo,
        Idlib and Hama", puts nothing inside anything), and never for a name that is first a
        country's or a province's ("Illinois, Missouri and Iowa" is a list of states)."""
        doc = self.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != "," or candidates[0].feature in ("country", "admin1"):
            return None
        after = self._name_at(span.end + 1)
        if after is None:
            return None
        container = next((e for e, own in self.gaz.lookup_matches(after.text) if own), None)
        if container is None or container.feature not in ("country", "admin1", "admin2"):
            return None
        # A province named beside a province, or a country beside a country, is a list
        # ("Oklahoma, Pennsylvania": no Oklahoma village in Pennsylvania is meant).
        if any(c.feature == container.feature and c.id != container.id and c.id in own_ids for c in candidates):
            return None
        if container.feature == "country":
            inside = [c for c in candidates if c.country == container.country and c.feature != "country"]
        elif container.feature == "admin1":
            inside = [c for c in candidates if c.country == container.country and c.admin1 == container.name
                      and c.feature != "admin1"]
        else:
            # Places do not carry their county: a town within 60 km of the county's point (a
            # US county is 30-50 km across) in the same province is taken to lie in it.
            inside = [c for c in candidates if c.feature in ("city", "town", "village") and c.country == container.country
                      and c.admin1 == container.admin1 and distance_km(c, container) < 60]
        if not inside or len(inside) == len(candidates):
            return None
        return inside, f"'{span.text}, {after.text}': the one in {container.name}"

    # ------------------------------------------------------------------ regions
    def directional_regions(self):
        """'northwest Syria', 'northern Idlib', 'Syria's northwest', 'the north of the country',
        'in the northwest' (the article's country)."""
        doc = self.doc
        for tok in doc:
            direction = self.lex.direction_of.get(tok.lower_)
            if direction is None or tok.i in self.taken:
                continue
            if tok.i > 0 and doc[tok.i - 1].lower_ in self.lex.direction_name_words:
                continue  # "the Middle East", "the Far East"
            if tok.ent_iob_ == "B" and self._whole_name_known(tok):
                continue  # "North America", "South Africa": a name of its own, not a part of one
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
                ent = next((e for e in entities(doc) if e.start == nxt.i), None)
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
                if self._not_a_region(tok):
                    continue
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

    def _whole_name_known(self, tok: Token) -> bool:
        ent = next((e for e in entities(self.doc) if e.start == tok.i), None)
        return ent is not None and len(ent) > 1 and any(ok for _, ok in self.gaz.lookup_matches(ent.text))

    def _not_a_region(self, tok: Token) -> bool:
        """A direction noun that is no part of a country: "the east of the city" or "east of
        Damascus" (near a place: the name's own precision word), "15 km to the east" or
        "from the north" (a bearing), "Idlib province in the northwest" (describes the
        province), "a command center", "the Aleppo Media Center", "the West" (the Western
        countries)."""
        doc = self.doc
        for c in tok.children:
            if c.dep_ == "det" and c.lower_ != "the":
                return True
            if c.dep_ in ("compound", "nummod", "nmod"):
                return True
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [p for p in c.children if p.dep_ == "pobj"]
                return not any(self.knowledge.countries.by_name(p.text) is not None
                               or p.lower_ in self.lex.country_anaphors for p in objs)
            if c.dep_ == "poss":
                return self.knowledge.countries.by_name(c.text) is None
        if tok.text[:1].isupper() and tok.i != tok.sent.start and tok.pos_ in ("NOUN", "PROPN"):
            return True  # "the West", mid-sentence
        if tok.dep_ == "pobj":
            prep = tok.head
            if prep.lower_ in self.lex.relative_bearing_preps:
                return True
            described = prep.head
            # "Idlib province in the northwest", "Hasakeh in the northeast" (but "a town in
            # the north" is the north of the country).
            if described.i != prep.i and (described.ent_type_ in ("GPE", "LOC", "FAC") or (
                    described.lower_ in self.lex.admin1_words
                    and any(c.dep_ == "compound" and c.ent_type_ for c in described.children))):
                return True
        return False

    def _region_country(self, tok: Token) -> tuple[str | None, str | None]:
        for c in tok.children:
            if c.dep_ == "poss":
                country = self.knowledge.countries.by_name(c.text)
                if country is not None:
                    return country.iso3, None
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    country = self.knowledge.countries.by_name(p.text)
                    if country is not None:
                        return country.iso3, None
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
        for ent in entities(doc):
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
            # A country or its capital standing for its government ("carried out by
            # Washington"), a nationality ("US airstrikes") or a jurisdiction ("banned in Russia").
            iso3 = self._country_or_capital(doc[start:end])
            if iso3 is not None and self._not_a_place_use(doc[start:end], iso3) is not None:
                continue
            # "the Jordan Times", "the Aleppo Media Center": an organisation's name.
            if end < len(doc) and doc[end].text[:1].isupper() and doc[end].lower_ in self.lex.organisation_heads:
                continue
            # The stock NER often cuts a transliterated name in two ("Maarat al-" PERSON +
            # "Numan" GPE): try the whole run of name words first, in the article's countries.
            run = self._name_run(start, end)
            if run is not None and (run.start, run.end) != (start, end) and self._free(run.start, run.end):
                if self.resolve_name(run, strict=True):
                    continue
                prefixes = self.lex.toponym_prefixes
                # "Tal Abyad Raqqa": the longest known name that starts the run.
                if doc[start].lower_ in prefixes and run.start == start:
                    if any(self.resolve_name(doc[start:k], strict=True) for k in range(run.end - 1, end, -1)):
                        continue
                # "Kafr Hamra", "Tall Tawil" unknown: "Hamra" or a lone "Tall" is not the place.
                if any(doc[i].lower_ in prefixes for i in range(run.start, start)) or (
                    end - start == 1 and doc[start].lower_ in prefixes and run.end > end
                ):
                    if ent.label_ in ("GPE", "LOC", "FAC"):
                        self.unresolved.append((run.text, run.start_char, run.end_char, NOT_IN_GAZETTEER))
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
        # A generic place word there still starts the name ("Kafr Hamra is near ...").
        if left == sent.start and left < start and not doc[left].ent_type_ and doc[left].lower_ not in self.lex.toponym_prefixes:
            left = start
        return doc[left:right] if right > left else None

    def _anchor(self, span: Span, candidates: list[GeoEntry], exact: set[str]
                ) -> tuple[list[GeoEntry], str | None] | None:
        """A place the text puts inside another: "the Shahba neighbourhood of Aleppo",
        "Aleppo's Salaheddin district" (inside the city), "Hader in Quneitra province", "the
        village of X in the Syrian Hama province" (inside the province). Candidates elsewhere
        are other places of that name; when none is inside, the name is coded to the container
        (a neighbourhood to its city, as ACLED does; an unknown village to its province).
        Returns (candidates, reason) or None when the text names no container."""
        doc = self.doc
        left, right = span.start, span.end
        lex = self.lex
        container: GeoEntry | None = None
        kind = ""
        # "X neighbourhood of Y"
        j = right
        if j < len(doc) and doc[j].lower_ in lex.neighbourhood_words and j + 1 < len(doc) and doc[j + 1].lower_ == "of":
            name = self._name_at(j + 2)
            if name is not None:
                container, kind = self._home_place(name.text), "neighbourhood"
        # "Y's X district" (also "Ys X district" where the apostrophe was lost)
        if container is None and right < len(doc) and doc[right].lower_ in lex.neighbourhood_words and left >= 1:
            before = doc[left - 1]
            if before.text in ("'s", "’s", "'") and left >= 2:
                name = next((e for e in entities(doc) if e.end == left - 1), None)
                if name is not None:
                    container, kind = self._home_place(name.text), "neighbourhood"
            elif before.text[:1].isupper() and before.text.endswith("s") and len(before.text) > 3 and before.is_alpha:
                found = self._home_place(before.text[:-1])
                if found is not None and found.feature in ("city", "town", "village"):
                    container, kind = found, "neighbourhood"
        # "X [village] in [the] [Syrian] Y province"
        if container is None:
            j = right
            if j < len(doc) and doc[j].lower_ in lex.settlement_words:
                j += 1
            if j < len(doc) and doc[j].lower_ == "in":
                j += 1
                while j < len(doc) and (doc[j].lower_ == "the" or self.knowledge.countries.by_demonym(doc[j].text) is not None):
                    j += 1
                name = self._name_at(j)
                if name is not None and name.end < len(doc) and doc[name.end].lower_ in lex.admin1_words:
                    container, kind = self._admin1_for(name.text), "province"
        if container is None:
            return None
        if kind == "province":
            inside = [c for c in candidates if c.country == container.country and c.admin1 == container.admin1
                      and c.feature != "admin1"]
        else:
            inside = [c for c in candidates if c.country == container.country and c.admin1 == container.admin1
                      and c.feature in ("city", "town", "village")]
        if inside:
            if len(inside) == len(candidates):
                return candidates, None
            return inside, f"inside {container.name}: the {container.name} one"
        if kind == "province":
            return [container], f"no place of that name in {container.name}: coded to the province"
        return [container], f"a neighbourhood of {container.name}: coded to the city"

    def _name_at(self, i: int) -> Span | None:
        """The place name that starts at token i: a named entity, else a run of capitalised words."""
        doc = self.doc
        if i >= len(doc):
            return None
        ent = next((e for e in entities(doc) if e.start == i), None)
        if ent is not None:
            return ent
        end = i
        while end < len(doc) and end - i < 4 and doc[end].is_alpha and doc[end].text[:1].isupper():
            end += 1
        return doc[i:end] if end > i else None

    def _home_place(self, text: str) -> GeoEntry | None:
        """The place a container name means, in the article's countries (spelled as GeoNames
        spells it, no variant guesses)."""
        hints = self._country_hint(0)[:3] or list(self.knowledge.focus_countries)
        for iso3 in hints:
            for e, ok in self.gaz.lookup_matches(text, iso3):
                if ok and e.feature in ("city", "town", "village", "admin1"):
                    return e
        return None

    def _known_abroad(self, entry: GeoEntry) -> bool:
        if entry.population >= _WORLD_CITY:
            return True
        country = self.knowledge.countries.get(entry.country) if entry.country else None
        return bool(country and country.capital and entry.feature == "city"
                    and name_key(country.capital) == name_key(entry.name))

    def _guessable(self, span: Span) -> bool:
        """Whether a name may be matched to a place spelled differently (a transliteration
        variant or an approximate match). Not a lower-case word ("swan" is not Aswan), a short
        name (under five letters), an ordinary English word ("Harden", "colonies"), nor a
        person's name ("Zhvania") -- except where the story happens in a focus country, whose
        transliterated town names the stock NER often labels PERSON ("Tal Rifaat")."""
        text = span.text
        if not text[:1].isupper() or sum(c.isalpha() for c in text) < 5:
            return False
        if len(span) == 1 and (span[0].is_stop or self.gaz.is_english_word(span[0].text)):
            return False
        if span.root.ent_type_ == "PERSON":
            home = self.ctx.sentence_countries.get(self.sid[span.start]) or self.ctx.focus_country
            return home in self.knowledge.focus_countries
        return True

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
        # A country or its capital standing for its government ("carried out by Washington"),
        # a nationality ("US airstrikes") or a jurisdiction ("banned in Russia") is no place.
        iso3 = self._country_or_capital(span)
        if iso3 is not None and self._not_a_place_use(span, iso3) is not None:
            return False
        matches = self.gaz.lookup_matches(text)
        guessable = self._guessable(span)
        if not guessable:
            # Only the place's own spellings: no look-alikes, no approximate matches.
            matches = [(e, ok) for e, ok in matches if ok]
        candidates = [e for e, _ in matches]
        exact = {e.id for e, ok in matches if ok}
        if strict:
            # Only places in the countries the article is about; no fuzzy guesses.
            hints = set(self._country_hint(self.sid[span.start])[:3] or self.knowledge.focus_countries)
            candidates = [c for c in candidates if c.country in hints]
            if not candidates:
                return False
        if candidates:
            # A small place abroad, in a country the article never names, is almost always a
            # local name that happens to exist elsewhere too ("Bostan" in Iran for Aleppo's
            # Bustan al-Qasr): prefer a spelling match at home, else leave it unresolved.
            named = set(self._named_countries())
            theatres = set(self.knowledge.focus_countries)
            if not named & theatres:
                # A report filed from Geneva about a war sitrep covers: its towns are still the
                # war's towns.
                named |= theatres
            # A transliteration variant is a guess: only where the story happens (the
            # sentence's and the article's main country, the countries it names as places),
            # never a big city abroad ("Tokhar" is not Afghanistan's Takhar province or a
            # Russian city, "Babeska" not Turkey's Babaeski).
            home = {c for c in (self.ctx.sentence_countries.get(self.sid[span.start]), self.ctx.focus_country) if c}

            # A province the article names makes its country's places likely too.
            named |= {country for country, _ in self._named_provinces()}

            def plausible(c: GeoEntry) -> bool:
                if c.id not in exact:
                    return c.country in home or c.country in named
                return not named or c.feature == "country" or c.country in named or self._known_abroad(c)

            kept = [c for c in candidates if plausible(c)]
            if strict and not kept:
                return False
            if not kept:
                reason = "no place of that name in the countries the article names"
            candidates = kept
        if not candidates and not strict and guessable:
            # Spelling guesses only where the story happens (the sentence's and the article's
            # main country), never in a country named only as someone's nationality ("US-led").
            sent_country = self.ctx.sentence_countries.get(self.sid[span.start])
            hints = [c for c in (sent_country, self.ctx.focus_country) if c] or list(self.knowledge.focus_countries[:3])
            fuzzy = self.gaz.fuzzy(text, list(dict.fromkeys(hints)))
            if fuzzy:
                candidates = [fuzzy[0][0]]
                reason = f"spelling matched approximately to {fuzzy[0][0].name} ({fuzzy[0][1]:.0f}/100)"
        prev2 = doc[span.start - 2].lower_ if span.start >= 2 else ""
        place_like = span.root.ent_type_ in ("GPE", "LOC", "FAC") or (
            prev is not None and prev.lower_ == "of" and prev2 in self.lex.settlement_words)
        anchored = self._anchor(span, candidates, exact) if candidates or place_like else None
        if anchored is None and len(candidates) > 1:
            anchored = self._comma_container(span, candidates, exact)
        settled = self._settled.get(name_key(text))
        if anchored is None and settled is not None and settled[0] in candidates:
            anchored = [settled[0]], f"as earlier in the article ({settled[1]})"
        if anchored is not None:
            candidates, why = anchored
            if len(candidates) == 1 and why and name_key(text) not in self._settled:
                self._settled[name_key(text)] = (candidates[0], why)
        if not candidates:
            if place_like:
                # The gazetteer may know the name, only in countries the article does not name
                # ("the Gaza war" in a report on Syria): saying it is unknown would mislead.
                abroad = sorted({e.country for e, own in matches if own and e.country})
                why = NOT_IN_GAZETTEER if not abroad else (
                    f"is known to the gazetteer only in countries the article does not name "
                    f"({', '.join(abroad[:5])}): not placed")
                self.unresolved.append((text, span.start_char, span.end_char, why))
            return False
        if anchored is not None and len(candidates) == 1:
            entry = candidates[0]
        else:
            entry, why = self._pick(candidates, self.sid[span.start], want, exact)
        reason = (why or reason) if anchored is not None else (reason or why)
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
                or (doc[end].lower_ in self.lex.article_particles and end + 1 < len(doc) and doc[end + 1].text[:1] in "-" )
            ):
                end += 1
            while end > start and not doc[end - 1].is_alpha:
                end -= 1
            if end <= start or not self._free(start, end) or doc[start].ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON", "NORP"):
                continue
            if start == doc[start].sent.start:
                continue
            self.resolve_name(doc[start:end], strict=tok.lower_ != "of")


class _OtherUses:
    """Toponyms that are not where anything is: a name standing for a government ("France
    condemned", an actor already), a modifier ("UK officials", "the US states"), a demonym
    ("Turkish"), part of an organisation's name ("Kabul University", "Health Canada"). They are
    listed in the document's places with their role and never become an event's location.

    Only names the gazetteer knows by their own spelling, and only countries, provinces,
    continents and cities of 100,000 people or more: a modifier or an organisation's word is
    weak evidence of a place, and a village of that name is more often a coincidence."""

    WORTHY = frozenset({"country", "admin1", "region", "city"})

    def __init__(self, places: "_Places"):
        self.p = places
        self.doc = places.doc
        self.found: list[PlaceMention] = []
        self.covered: set[int] = set()
        for m in places.mentions:
            self.covered.update(range(m.start, m.end))

    def run(self) -> list[PlaceMention]:
        doc, p = self.doc, self.p
        for ent in entities(doc):
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ == "the":
                start += 1
            if start >= end or any(i in self.covered for i in range(start, end)):
                continue
            span = doc[start:end]
            if ent.label_ == "NORP":
                country = p.knowledge.countries.by_demonym(span.text)
                if country is not None:
                    self._add_country(country.iso3, span, "demonym")
                continue
            if ent.label_ in ("ORG", "FAC", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
                if ent.label_ in ("ORG", "FAC"):
                    self._inside(span, "organisation")
                continue
            if ent.label_ not in ("GPE", "LOC"):
                continue
            role = self._role(span)
            if role == "organisation":
                self._inside(self._actor_span(span) or span, role)
            elif role is not None:
                self._add(span, role)
        return self.found

    def _actor_span(self, span: Span) -> Span | None:
        m = self.p.actors.by_token.get(span.start)
        return self.doc[m.start:m.end] if m is not None else None

    def _role(self, span: Span) -> str | None:
        doc, p = self.doc, self.p
        whole = self._actor_span(span)
        if whole is not None:
            inner = whole
            while inner.start < inner.end and doc[inner.start].lower_ == "the":
                inner = doc[inner.start + 1:inner.end]
            root = span.root
            if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= span.end:
                return "modifier"  # "UK officials": who they are, not who acts
            if (inner.start, inner.end) == (span.start, span.end):
                return "metonym"
            return "organisation"
        iso3 = p._country_or_capital(span)
        if iso3 is not None:
            why = p._not_a_place_use(span, iso3)
            if why is not None:
                return "modifier" if why.startswith("a nationality") else "metonym"
        if span.end < len(doc) and doc[span.end].text[:1].isupper() and doc[span.end].lower_ in p.lex.organisation_heads:
            return "organisation"
        return None

    def _inside(self, span: Span, role: str) -> None:
        """Country names inside an organisation's name ("Health Canada", "the Bank of Japan"),
        the longest first. Towns are left out: a town's name in a company's or a team's
        ("Buffalo News", "FC Metz") or a person's ("Franklin") is rarely meant as the place.
        Provinces too: with them ("the California Department of Public Health") recognition
        precision on the GeoVirus dev set fell more than recall rose (F1 0.903 -> 0.902 tune,
        0.914 -> 0.913 check)."""
        doc = self.doc
        i = span.start
        while i < span.end:
            for n in range(min(4, span.end - i), 0, -1):
                part = doc[i:i + n]
                if not part[0].text[:1].isupper() or not all(t.is_alpha or t.text in ".-" for t in part):
                    continue
                if n == 1 and part[0].is_sent_start:
                    continue
                country = self.p.knowledge.countries.by_name(part.text)
                if country is not None:
                    self._add_country(country.iso3, part, role)
                    i += n
                    break

            else:
                i += 1

    def _entry(self, span: Span) -> GeoEntry | None:
        p = self.p
        country = p.knowledge.countries.by_name(span.text)
        if country is not None:
            return p.gaz.country(country.iso3)
        text = span.text
        # Short names and ordinary words are not places on a capital letter alone.
        if len(text) < 4 or (len(span) == 1 and span[0].is_stop):
            return None
        matches = [e for e, ok in p.gaz.lookup_matches(text) if ok and e.feature in self.WORTHY]
        if not matches:
            return None
        entry, _ = p._pick(matches, p.sid[span.start], None, {e.id for e in matches})
        return entry

    def _add(self, span: Span, role: str) -> bool:
        entry = self._entry(span)
        if entry is None:
            return False
        self._push(entry, span, role)
        return True

    def _add_country(self, iso3: str, span: Span, role: str) -> None:
        entry = self.p.gaz.country(iso3)
        if entry is not None:
            self._push(entry, span, role)

    def _push(self, entry: GeoEntry, span: Span, role: str) -> None:
        self.found.append(PlaceMention(
            entry=entry, start=span.start, end=span.end, start_char=span.start_char, end_char=span.end_char,
            text=span.text, sent=self.p.sid[span.start], precision=entry.precision, locative=False,
            head=span.root.i, role=role,
        ))
        self.covered.update(range(span.start, span.end))


def _split_organisation_parts(doc: Doc, mentions: list[PlaceMention]) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """Names the NER cut out of an organisation's name ("the Bank of" + "Japan", "Kenya" +
    "Red Cross"): the place name touches the organisation's words with nothing between.
    They name the organisation, not where anything is."""
    starts = {e.start: e for e in entities(doc) if e.label_ == "ORG"}
    ends = {e.end: e for e in entities(doc) if e.label_ == "ORG"}
    kept, moved = [], []
    for m in mentions:
        before = ends.get(m.start)
        after = starts.get(m.end)
        glued = (before is not None and doc[before.end - 1].lower_ == "of") or (
            after is not None and not doc[m.end - 1].whitespace_ == "" and m.end - m.start <= 3
            and m.entry.feature == "country")
        if glued:
            m.role = "organisation"
            moved.append(m)
        else:
            kept.append(m)
    return kept, moved


def extract_places(doc: Doc, knowledge: Knowledge, ctx: ArticleContext, actors: ActorResult) -> PlaceResult:
    p = _Places(doc, knowledge, ctx, actors)
    p.borders()
    p.directional_regions()
    p.names()
    p.unlabelled()
    p.mentions, in_orgs = _split_organisation_parts(doc, p.mentions)
    others = in_orgs + _OtherUses(p).run()
    by_token = {}
    for m in p.mentions:
        for i in range(m.start, m.end):
            by_token[i] = m
    return PlaceResult(
        mentions=sorted(p.mentions, key=lambda m: m.start),
        unresolved=p.unresolved,
        by_token=by_token,
        others=others,
    )
