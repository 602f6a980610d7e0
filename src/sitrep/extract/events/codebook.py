"""The ACLED codebook as data, and the one interpreter that applies it.

`knowledge/data/codebook/sub_events.yaml` lists, for each family of trigger (violent,
territory, demonstration), the ordered tests that decide a happening's sub-event type; each test
names only facts of a `Situation` (situation.py). The first test that holds wins, so the order of
the file is ACLED's hierarchy and its separating rules; the code below knows no sub-event.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

import yaml

from sitrep.extract.events.situation import Situation
from sitrep.taxonomy import SubEventType, TaxonomyError, check_data

FACTS = frozenset(f.name for f in dataclasses.fields(Situation))


class CodebookError(ValueError):
    pass


@dataclass(frozen=True)
class Means:
    """A remote weapon, and the trigger class that names it outright."""

    name: str
    trigger_class: str
    overrides: bool  # named anywhere in the sentence, it makes a named weaker weapon this one


@dataclass(frozen=True)
class Manner:
    """A manner of direct violence (a PLOVER mode), told by cue kinds or trigger classes."""

    name: str
    cues: frozenset[str]
    classes: frozenset[str]


@dataclass(frozen=True)
class Rule:
    sub_event: str
    when: tuple[tuple[str, Any], ...]  # (fact, wanted value or tuple of values)
    mode: str | None
    mode_from: str | None  # a fact whose value is the PLOVER mode, `mode` when it is empty
    reason: str
    codebook: str

    def holds(self, facts: Situation) -> bool:
        for name, wanted in self.when:
            value = getattr(facts, name)
            if isinstance(wanted, tuple):
                if value not in wanted:
                    return False
            elif value != wanted:
                return False
        return True


@dataclass(frozen=True)
class Decision:
    sub_event: str
    mode: str | None
    reason: str
    codebook: str


@dataclass(frozen=True)
class Codebook:
    means: tuple[Means, ...]
    families: Mapping[str, tuple[Rule, ...]]
    class_facts: Mapping[str, str]  # trigger class -> the fact it makes true
    cue_facts: Mapping[str, str]  # cue kind -> the fact it makes true
    manner: tuple[Manner, ...]
    words: Mapping[str, frozenset[str]]
    plover: Mapping[str, str]  # family -> the PLOVER event type of its happenings

    def decide(self, family: str, facts: Situation) -> Decision:
        for rule in self.families[family]:
            if rule.holds(facts):
                mode = (getattr(facts, rule.mode_from) if rule.mode_from else None) or rule.mode
                # The facts are flat (bools and words): their fields as they are, no deep copy.
                reason = rule.reason.format(**vars(facts)) if "{" in rule.reason else rule.reason
                return Decision(rule.sub_event, mode, reason, rule.codebook)
        raise CodebookError(f"no rule of family {family!r} holds and it has no default")


def _rule(family: str, i: int, spec: Mapping[str, Any]) -> Rule:
    where = f"codebook rule {i + 1} of {family!r}"
    sub_event = spec.get("sub_event")
    if sub_event not in SubEventType.__members__.values():
        raise CodebookError(f"{where}: {sub_event!r} is not an ACLED sub-event type")
    when = spec.get("when") or {}
    unknown = set(when) - FACTS
    if unknown:
        raise CodebookError(f"{where} ({sub_event}): unknown facts {sorted(unknown)}; known: {sorted(FACTS)}")
    mode_from = spec.get("mode_from")
    if mode_from is not None and mode_from not in FACTS:
        raise CodebookError(f"{where} ({sub_event}): mode_from names no fact: {mode_from!r}")
    if not spec.get("codebook"):
        raise CodebookError(f"{where} ({sub_event}): every rule cites the codebook rule it implements")
    return Rule(
        sub_event=sub_event,
        when=tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in when.items()),
        mode=spec.get("mode"),
        mode_from=mode_from,
        reason=str(spec.get("reason", "")),
        codebook=str(spec["codebook"]),
    )


def parse(data: Mapping[str, Any]) -> Codebook:
    """A codebook from its YAML mapping, checked: known sub-events and facts, a default per family."""
    if not isinstance(data, Mapping) or "source" not in data:
        raise CodebookError("the codebook must be a mapping with a 'source' note")
    try:
        check_data("codebook/sub_events.yaml", data)
    except TaxonomyError as exc:
        raise CodebookError(str(exc)) from None
    means = tuple(Means(m["name"], m["trigger_class"], bool(m.get("overrides", False))) for m in data["means"])
    for table in ("class_facts", "cue_facts"):
        bad = {k: v for k, v in data[table].items() if v not in FACTS}
        if bad:
            raise CodebookError(f"codebook {table}: these name no fact: {bad}")
    families: dict[str, tuple[Rule, ...]] = {}
    for family, specs in data["families"].items():
        rules = tuple(_rule(family, i, s) for i, s in enumerate(specs))
        if not rules or rules[-1].when:
            raise CodebookError(f"family {family!r} must end with a default rule (an empty `when`)")
        families[family] = rules
    return Codebook(
        means=means,
        families=families,
        class_facts=dict(data["class_facts"]),
        cue_facts=dict(data["cue_facts"]),
        manner=tuple(Manner(m["name"], frozenset(m.get("cues", ())), frozenset(m.get("classes", ())))
                     for m in data["manner"]),
        plover=dict(data["plover"]),
        words={k: frozenset(str(w).lower() for w in v) for k, v in data["words"].items()},
    )


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    path = resources.files("sitrep.knowledge") / "data" / "codebook" / "sub_events.yaml"
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")))
