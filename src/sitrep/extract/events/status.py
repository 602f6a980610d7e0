"""History or news. A news report retells the past to explain the present ("The Syrian conflict
began in 2011", "rebels controlled Aleppo from 2012 to 2016"); those sentences must not become
new events. A date well before publication decides; without one, wording does."""

from __future__ import annotations

from functools import lru_cache
from datetime import date, timedelta
from typing import TYPE_CHECKING


from spacy.tokens import Doc, Span, Token

from sitrep.extract.context import ArticleContext
from sitrep.extract.events.lexicon import EventLexicon
from sitrep.knowledge.lexicon_schemas import BackgroundLexicon, SharedWords
from sitrep.knowledge.lexicons import lexicon
from sitrep.nlp.docinfo import sentences

if TYPE_CHECKING:
    from sitrep.extract.events import EventRecord


def _toll_nouns() -> frozenset[str]:
    return lexicon(BackgroundLexicon).toll_nouns


def _span_units() -> frozenset[str]:
    return lexicon(BackgroundLexicon).toll_span_units


@lru_cache(maxsize=1)
def _same_span_nouns() -> frozenset[str]:
    return lexicon(BackgroundLexicon).same_span_nouns


def _long_span(prep) -> str | None:
    """"in five years", "over the past months", "in over three years of turmoil": the text of a
    span of a month or more that a prepositional phrase gives, else None."""
    if prep.lower_ not in ("in", "over", "during", "within"):
        return None
    units = _span_units()
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        # "in the same period": a span already told, which a running total covers.
        same = obj.lemma_.lower() in _same_span_nouns() and any(
            c.lower_ == "same" for c in obj.children)
        if obj.lower_ in units or same:
            return " ".join(t.text for t in prep.subtree)
    return None


def war_toll_words(sent: Span) -> dict[int, str]:
    """Death words that give a running toll rather than one happening's: the toll of a whole
    war ("the conflict has killed 280,000", "220,000 have died in the war") or of a period
    ("127 people have been killed since the offensive began"), mapped to what they total.
    Read once a sentence (every happening in it asks); the answer is not to be changed."""
    cache = sent.doc.user_data.setdefault("sitrep.war_tolls", {})
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = _war_toll_words(sent)
    return cache[key]


def _war_toll_words(sent: Span) -> dict[int, str]:
    shared = lexicon(SharedWords)
    death_words, definite = shared.death_lemmas, shared.definite_determiners
    nouns = _toll_nouns()
    out: dict[int, str] = {}
    # "have been killed in Syria since the conflict began", "killed since the ceasefire"
    for tok in sent:
        if tok.lemma_.lower() not in death_words:
            continue
        # A modifier the parser hangs on a coordinated word belongs to the whole phrase
        # ("killed by air strikes and shelling since the army began").
        mods = [c for w in (tok, *(c for c in tok.children if c.dep_ == "conj")) for c in w.children]
        # "killed in attacks in the same period": the span may hang on the death word's object.
        mods += [g for c in list(mods) if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
                 for g in o.children if g.dep_ == "prep" and _long_span(g) is not None]
        for c in mods:
            span = _long_span(c) if c.dep_ == "prep" else None
            if span is not None:
                out[tok.i] = f"the period {span}"
                continue
            if c.dep_ in ("advcl", "prep") and (c.lower_ == "since" or any(g.dep_ == "mark" and g.lower_ == "since" for g in c.children)):
                war = next((t for t in c.subtree if t.lemma_.lower() in nouns or t.lower_ in nouns), None)
                if war is not None:
                    out[tok.i] = f"the whole {war.text}"
                else:
                    # A count "since" a point in time adds up everything after it: several
                    # happenings, not one (ACLED splits such totals, it never codes them whole).
                    words = [t.text for t in c.subtree]
                    phrase = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
                    out[tok.i] = f"the period {phrase}" if c.lower_ == "since" else f"the period since {phrase}"
    for tok in sent:
        if tok.lemma_.lower() not in nouns and tok.lower_ not in nouns:
            continue
        head = tok.head
        relcl = [c for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() in death_words]
        if relcl:  # "(killed 12) in a war that has killed 300,000": only the clause on the war
            for c in relcl:
                out[c.i] = f"the whole {tok.text}"
            continue
        # "died in the war", "killed in Syria's conflict": the war the reader already knows.
        known = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in definite) for c in tok.children)
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in death_words:
            out[head.i] = f"the whole {tok.text}"
        elif known and tok.dep_ == "pobj" and head.lower_ in ("in", "during", "since", "from", "of"):
            gov = head.head
            if gov.lemma_.lower() in death_words:
                out[gov.i] = f"the whole {tok.text}"
            elif gov.head.i != gov.i and gov.head.lemma_.lower() in death_words:
                out[gov.head.i] = f"the whole {tok.text}"
    return out


def relative_clause(tok: Token) -> int | None:
    """The index of the verb of the relative clause a word is told in, None in a main clause."""
    for anc in (tok, *tok.ancestors):
        if anc.dep_ == "relcl":
            return anc.i
    return None


def decide_status(rec: "EventRecord", doc: Doc, ctx: ArticleContext, lex: EventLexicon) -> None:
    published = ctx.published
    sent = sentences(doc)[rec.sent]
    if rec.war_toll:
        rec.status = "background"
        rec.status_reason = f"the running toll of {rec.war_toll}, not one happening"
        return
    if rec.fatalities is not None and rec.fatalities >= lex.running_toll_min:
        rec.status = "background"
        rec.status_reason = f"{rec.fatalities} deaths in one count is a running toll of a war or campaign, not one happening"
        return
    expr = rec.time
    horizon = published - timedelta(days=lex.max_age_days) if published else None
    if expr is not None and expr.end is not None and horizon is not None:
        if expr.end < horizon:
            rec.status = "background"
            days = (published - expr.end).days
            rec.status_reason = (
                f"dated '{expr.text}' ({expr.end.isoformat()}), {days} days before publication "
                f"({published.isoformat()}): older than the {lex.max_age_days}-day news window"
            )
            return
        if expr.relation in ("since", "range") and expr.start is not None and expr.start < horizon:
            rec.status = "background"
            rec.status_reason = f"'{expr.text}' describes a long period, not one happening"
            return
        # "In May", "in early October", "earlier this month": a month known but not the day, a
        # period that began before the news window and ended before the report, is an earlier
        # incident recalled.
        if expr.precision in ("month", "year") and expr.start is not None and expr.start < horizon and expr.end < published:
            rec.status = "background"
            rec.status_reason = (
                f"dated '{expr.text}' ({expr.start.isoformat()} to {expr.end.isoformat()}), a period before "
                f"publication ({published.isoformat()}) that began outside the {lex.max_age_days}-day news window"
            )
            return
    if rec.in_headline:
        return
    recent_date = expr is not None and expr.end is not None and horizon is not None and expr.end >= horizon
    if not recent_date:
        for i, end, _ in lex.background_cues.matches(doc, sent.start, sent.end):
            # A cue inside a relative clause tells of that clause's happening ("rebels, who had
            # fought the army for years"), not of the main clause's (asked only of a cue found).
            if relative_clause(doc[i]) in (None, rec.story):
                rec.status = "background"
                rec.status_reason = f"history told as context ('{doc[i:end].text}')"
                return
    if expr is None and published is None:
        return
