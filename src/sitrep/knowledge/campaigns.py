"""Air campaigns: which air force flew where and when (`data/air_campaigns.yaml`).

Used to code an air strike told without its attacker: only states fly in these wars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class OtherFlyer:
    actor: str
    start: date | None
    note: str


@dataclass(frozen=True)
class AirCampaign:
    country: str
    actor: str  # KB id, "kb:..."
    start: date | None
    end: date | None
    targets: frozenset[str]
    also_flying: tuple[OtherFlyer, ...]
    not_when: frozenset[str]

    def active_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class AirCampaigns:
    campaigns: tuple[AirCampaign, ...]
    area_cues: dict[str, tuple[str, ...]]  # role or id -> phrases

    def flown_in(self, country: str | None, day: date | None) -> list[AirCampaign]:
        return [c for c in self.campaigns if c.country == country and c.active_on(day)]


def _day(value) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _kb(actor_id: str) -> str:
    return actor_id if actor_id.startswith("kb:") else f"kb:{actor_id}"


@lru_cache(maxsize=1)
def air_campaigns() -> AirCampaigns:
    path = resources.files("sitrep.knowledge") / "data" / "air_campaigns.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    campaigns = []
    for c in raw["campaigns"]:
        start, end = c["period"]
        campaigns.append(AirCampaign(
            country=c["country"], actor=_kb(c["actor"]), start=_day(start), end=_day(end),
            targets=frozenset(c["targets"]),
            also_flying=tuple(OtherFlyer(_kb(o["actor"]), _day(o.get("from")), o.get("note", "")) for o in c.get("also_flying") or ()),
            not_when=frozenset(c.get("not_when") or ()),
        ))
    cues = {k: tuple(v) for k, v in (raw.get("area_cues") or {}).items()}
    return AirCampaigns(tuple(campaigns), cues)
