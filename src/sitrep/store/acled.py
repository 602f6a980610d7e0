"""ACLED codings derived from sitrep's fields: disorder type, time precision, actor types."""

from __future__ import annotations

from datetime import date

from sitrep.taxonomy import DISORDER_OF, DisorderType, SubEventType


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    # ACLED files force used on peaceful protesters under both categories.
    if sub_event_type == SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS:
        return f"{DisorderType.POLITICAL_VIOLENCE}; {DisorderType.DEMONSTRATIONS}"
    return DISORDER_OF.get(event_type or "")


def time_precision(start: date | None, end: date | None) -> int | None:
    """1 = the day, 2 = within a week, 3 = a month or longer (ACLED's codes)."""
    if start is None:
        return None
    days = ((end or start) - start).days
    if days <= 1:  # "overnight" spans two calendar days but is one night
        return 1
    if days < 7:
        return 2
    return 3


def inter_code(inter: int | None, actor_country: str | None, event_country: str | None) -> int | None:
    # State forces acting outside their own country are external forces (ACLED inter 8).
    if inter == 1 and actor_country and event_country and actor_country != event_country:
        return 8
    return inter


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit code, lower first; 10, 20, ... when there is no second actor."""
    if inter1 is None and inter2 is None:
        return None
    lo, hi = sorted((inter1 or 0, inter2 or 0))
    return hi * 10 if lo == 0 else lo * 10 + hi
