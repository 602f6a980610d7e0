"""UCDP's names against sitrep's: GED countries and admin units, and the sides of a UCDP dyad
against sitrep's actors. The conventions and the names UCDP writes its own way are data
(`knowledge/data/evaluation/ucdp.yaml`); everything else is compared by name, normalised with
`name_key` and rapidfuzz, so that spelling variants count and a memorised table is not needed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from sitrep.evaluation.common import mapping
from sitrep.knowledge.actors import ActorKB
from sitrep.knowledge.countries import Countries
from sitrep.knowledge.names import name_key
from sitrep.model import Entity

# rapidfuzz scores 0-100; 90 lets "Raqqah"/"Raqqa" or a word order through, not "Idlib"/"Homs".
MIN_RATIO = 90
_BRACKETS = re.compile(r"\s*\([^)]*\)")


def table() -> dict[str, Any]:
    return mapping("ucdp")


def similar(a: str, b: str) -> bool:
    """Two names that mean the same: equal after `name_key`, or close in spelling and word order."""
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb) and (ka == kb or fuzz.token_sort_ratio(ka, kb) >= MIN_RATIO)


# --------------------------------------------------------------------------- places

def country_iso3(ged_name: str) -> str | None:
    """GED country name ("Myanmar (Burma)", "Syria") -> ISO3, or None when unknown."""
    if not ged_name:
        return None
    code = table()["countries"].get(ged_name)
    if code:
        return code
    countries = Countries.load()
    c = countries.by_name(ged_name) or countries.by_name(_BRACKETS.sub("", ged_name))
    return c.iso3 if c is not None else None


def country_matches(gold_iso3: str | None, predicted: str | None) -> bool:
    if not gold_iso3 or not predicted:
        return False
    if len(predicted) == 3 and predicted.isupper():
        return predicted == gold_iso3
    c = Countries.load().by_name(predicted)
    return c is not None and c.iso3 == gold_iso3


@lru_cache(maxsize=1)
def _admin_suffix() -> re.Pattern:
    words = sorted(table()["admin_suffixes"], key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in words) + r")$", re.I)


def admin_name(ged_name: str) -> str:
    """"Magway  region" -> "Magway", "Deir ez Zor governorate" -> "Deir ez Zor"."""
    return _admin_suffix().sub("", " ".join(ged_name.split()))


def admin1_forms(iso3: str | None, ged_name: str, gazetteer=None) -> list[str]:
    """The gold admin1 under the names sitrep may give it: GED's without its type word, and the
    name of the admin1 unit sitrep's gazetteer finds for it in that country (GED writes
    "Hamah", "Idlib", "Daraa" where sitrep, after ACLED, writes "Hama", "Idleb", "Dara")."""
    forms = [admin_name(ged_name)]
    if gazetteer is not None and iso3:
        entry = gazetteer.admin1(iso3, ged_name)
        if entry is not None and entry.name not in forms:
            forms.append(entry.name)
    return forms


def admin1_matches(forms: list[str], predicted: str | None) -> bool:
    return bool(predicted) and any(
        fuzz.ratio(name_key(f), name_key(predicted)) >= MIN_RATIO for f in forms)


# --------------------------------------------------------------------------- sides

def side_parts(side: str) -> list[str]:
    """The names a side is made of, most specific first: "Caborca Cartel, Sinaloa Cartel - Los
    Mayos" -> the first cartel, then the second with its faction, the cartel and the faction."""
    conv = table()["conventions"]
    out: list[str] = []
    for item in (p.strip() for p in side.split(conv["list_separator"])):
        if not item:
            continue
        out.append(item)
        # A name the table defines, or a government (whose bracket is the GED country's), is
        # whole: "Government of Yemen (North Yemen)" is not any "Government of Yemen".
        if item in table()["sides"] or item.startswith(conv["government_prefix"]):
            continue
        if conv["faction_separator"] in item:
            for piece in item.split(conv["faction_separator"]):
                piece = re.sub(rf"\s+{re.escape(conv['faction_word'])}$", "", piece.strip(), flags=re.I)
                out.append(piece)
        bare = _BRACKETS.sub("", item).strip()
        if bare != item:
            out.append(bare)
    return [p for p in dict.fromkeys(out) if p]


def _rule(name: str) -> dict[str, Any] | None:
    """The side's entry in the table, else what the conventions say it is, else None."""
    data = table()
    if name in data["sides"]:
        return data["sides"][name]
    conv = data["conventions"]
    if name == conv["civilians"]:
        return {"kinds": data["civilian_kinds"]}
    if name.startswith(conv["government_prefix"]):
        iso3 = country_iso3(name[len(conv["government_prefix"]):])
        if iso3:
            return {"country": iso3, "kinds": data["state_kinds"]}
    return None


def _rule_matches(rule: dict[str, Any], ent: Entity) -> bool:
    bare = ent.id.removeprefix("kb:")
    if ent.id.startswith("kb:"):
        if bare in (rule.get("ids") or ()):
            return True
        if any(bare.startswith(p) for p in rule.get("id_prefixes") or ()):
            return True
    if bare in (rule.get("not_ids") or ()) or ent.kind not in (rule.get("kinds") or ()):
        return False
    # Civilians have no country in the rule: whoever's civilians they are, they are the target.
    return "country" not in rule or ent.country == rule["country"]


def _names_match(names: list[str], ent: Entity, kb: ActorKB) -> bool:
    kb_actor = kb.get(ent.id) if ent.id.startswith("kb:") else None
    for n in names:
        if kb_actor is not None and any(a.id == ent.id for a in kb.lookup(n)):
            return True
    theirs = [ent.name, *(kb_actor.aliases if kb_actor is not None else ())]
    return any(similar(n, t) for n in names for t in theirs)


def side_matches(side: str, ent: Entity | None, kb: ActorKB | None = None) -> bool:
    """Is sitrep's actor `ent` (one of) the UCDP side `side`?"""
    if ent is None or not side:
        return False
    kb = kb or ActorKB.load()
    for part in side_parts(side):
        rule = _rule(part)
        if rule is not None and _rule_matches(rule, ent):
            return True
        if _names_match([part, *((rule or {}).get("names") or ())], ent, kb):
            return True
    return False


# --------------------------------------------------------------------------- type of violence

STATE_BASED, NON_STATE, ONE_SIDED, UNKNOWN = "state-based", "non-state", "one-sided", "(no actors)"


def gold_violence_type(side_a: str, side_b: str) -> str:
    """UCDP's type of violence from its sides: one-sided when side_b is Civilians, state-based
    when side_a is a government, else non-state (GED puts the government on side_a)."""
    conv = table()["conventions"]
    if side_b.strip() == conv["civilians"]:
        return ONE_SIDED
    if side_a.startswith(conv["government_prefix"]):
        return STATE_BASED
    return NON_STATE


def sitrep_violence_type(actor1: Entity | None, actor2: Entity | None) -> str:
    """The same reading of sitrep's actors: actor2 civilians -> one-sided; a state actor on either
    side -> state-based; other actors -> non-state."""
    data = table()
    if actor2 is not None and actor2.kind in data["civilian_kinds"]:
        return ONE_SIDED
    present = [a for a in (actor1, actor2) if a is not None]
    if any(a.kind in data["state_kinds"] for a in present):
        return STATE_BASED
    return NON_STATE if present else UNKNOWN
