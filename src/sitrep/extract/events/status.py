"""History or news. A news report retells the past to explain the present ("The Syrian conflict
began in 2011", "rebels controlled Aleppo from 2012 to 2016"); those sentences must not become
new events. A date well before publication decides; without one, wording does."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from sitrep.extract.context import ArticleContext
from sitrep.extract.events.lexicon import EventLexicon
from sitrep.nlp.docinfo import sentences

if TYPE_CHECKING:
    from sitrep.extract.events import EventRecord


def decide_status(rec: "EventRecord", doc: Doc, ctx: ArticleContext, lex: EventLexicon) -> None:
    published = ctx.published
    expr = rec.time
    horizon = published - timedelta(days=lex.max_age_days) if published else None
    if expr is not None and expr.end is not None and horizon is not None:
        if expr.end < horizon:
            rec.status = "background"
            rec.status_reason = f"dated '{expr.text}' ({expr.end.isoformat()}), long before publication ({published.isoformat()})"
            return
        if expr.relation in ("since", "range") and expr.start is not None and expr.start < horizon:
            rec.status = "background"
            rec.status_reason = f"'{expr.text}' describes a long period, not one happening"
            return
    if rec.in_headline:
        return
    sent = sentences(doc)[rec.sent]
    recent_date = expr is not None and expr.end is not None and horizon is not None and expr.end >= horizon
    if not recent_date:
        for i in range(sent.start, sent.end):
            hit = lex.background_cues.match_at(doc, i)
            if hit is not None:
                rec.status = "background"
                rec.status_reason = f"history told as context ('{doc[i:hit[0]].text}')"
                return
    if expr is None and published is None:
        return
