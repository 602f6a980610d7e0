"""The actor knowledge base: armed groups, state forces, governments, officials, monitors, media.

Actors live in YAML files under `data/actors/` (one per theatre, see docs/knowledge.md) and
in the user's own files, named by the `SITREP_ACTORS` environment variable (paths separated by
`os.pathsep`; a folder means every *.yaml / *.yml in it) or passed as `extra_paths`.

Layers, lowest first:

1. `state_roles.yaml` templates, expanded for every country in countries.yaml: the state itself
   (id `syria`; a relation endpoint, never matched by name since its name is a place name),
   `government-of-syria`, `military-forces-of-syria`, `police-forces-of-syria`.
2. The package's theatre files. An entry whose id is a generated one *extends* it (fields given
   replace the template's, aliases are added). Entries with a `role` but another id (a regime
   period such as "Military Forces of Syria (2000-2024)") take that role over from the template
   for their country, inheriting its aliases; `state_actor` then picks by date.
3. User files: an entry with an id that already exists replaces it whole (logged at INFO);
   one with a generated state-role id extends it, as in 2.

A template alias that another entry claims itself ("Israeli Air Force") is left to that entry.

Backing is written on the client as `backed_by: [iran, ...]`; the loader turns each into a
`backs` relation on the backer, so `relations_of(backer)` lists its clients and
`relations_to(client)` its backers.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import yaml

from sitrep.knowledge.countries import Countries
from sitrep.knowledge.names import name_key, slugify
from sitrep.taxonomy import ActorKind, Inter

log = logging.getLogger(__name__)

ENV_VAR = "SITREP_ACTORS"
PREFIX = "kb:"
KINDS = frozenset(ActorKind)
PREDICATES = frozenset(
    "backs allied_with member_of affiliated_with formerly_affiliated_with fights leads part_of".split()
)
ROLES = ("government", "military", "police")
_STATE = ActorKind.STATE
_ENTRY_KEYS = frozenset(
    "id name aliases kind inter country period relations backed_by note role".split()
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message names the file, the entry and the fault."""


@dataclass(frozen=True)
class KBRelation:
    predicate: str
    object: str  # "kb:<slug>"
    start: str | None  # ISO date or year string
    end: str | None


@dataclass(frozen=True)
class Actor:
    id: str  # "kb:<slug>"
    name: str
    aliases: tuple[str, ...]
    kind: str
    inter: int | None
    country: str | None
    period: tuple[date | None, date | None]  # (None, None) when always valid
    relations: tuple[KBRelation, ...]
    note: str
    source: str  # file it came from

    @property
    def slug(self) -> str:
        return self.id[len(PREFIX):]

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        start, end = self.period
        return (start is None or start <= day) and (end is None or day <= end)


# --------------------------------------------------------------------------- helpers


def is_acronym(surface: str) -> bool:
    """All-caps short forms (IS, HTS, SDF, U.N., AQAP): these match only in capitals, since
    many are also English words or word pieces once lowercased ("is", "hts", "un")."""
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in surface.strip()


def _acronym_key(surface: str) -> str:
    return "".join(c for c in surface if c.isalnum())


_DOUBLED = re.compile(r"(\w)\1+")


def _loosen(key: str) -> str:
    """A looser form of a name_key for spellings it keeps apart: doubled letters
    (Nujabaa / Nujaba, Hezbollah / Hizbolah) and ou / u (Zour / Zur)."""
    return _DOUBLED.sub(r"\1", key.replace("ou", "u"))


def _parse_day(value: Any, end: bool, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if _YEAR.match(text):
        year = int(text)
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = _MONTH.match(text)
    if month:
        y, m = int(month.group(1)), int(month.group(2))
        if 1 <= m <= 12:
            if not end:
                return date(y, m, 1)
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise KnowledgeError(f"{where}: {value!r} is not a year, a year-month or an ISO date") from None


def _date_text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    _parse_day(value, False, where)  # validates
    return value.isoformat() if isinstance(value, date) else str(value).strip()


def _read_yaml(path: Path | Any, label: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"{label}: cannot read: {exc}") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{label}: not valid YAML: {exc}") from None


# --------------------------------------------------------------------------- raw entries


@dataclass
class _Entry:
    """A parsed, validated entry before relations are resolved."""

    slug: str
    name: str
    aliases: list[str]
    kind: str
    inter: int | None
    country: str | None
    period: tuple[date | None, date | None]
    relations: list[KBRelation]
    backed_by: list[KBRelation]  # object = the backer
    note: str
    role: str | None
    source: str
    where: str  # "file: entry N (id x)" for error messages
    raw: dict  # the mapping it was built from (after extension), for later extensions
    # Aliases that came from a state-role template (lowercased), not from the author.
    inherited: frozenset[str] = frozenset()


def _parse_relation(raw: Any, where: str, backer: bool = False) -> KBRelation:
    if isinstance(raw, str) and backer:
        raw = {"object": raw}
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: a relation must be a mapping, got {raw!r}")
    unknown = set(raw) - {"predicate", "object", "start", "end"}
    if unknown:
        raise KnowledgeError(f"{where}: unknown relation key(s) {sorted(unknown)}")
    predicate = "backs" if backer else raw.get("predicate")
    if predicate not in PREDICATES:
        raise KnowledgeError(
            f"{where}: relation predicate {predicate!r} is not one of {sorted(PREDICATES)}"
        )
    obj = raw.get("object")
    if not isinstance(obj, str) or not obj.strip():
        raise KnowledgeError(f"{where}: relation {predicate!r} has no object slug")
    obj = obj.strip()
    if obj.startswith(PREFIX):
        obj = obj[len(PREFIX):]
    return KBRelation(
        predicate=predicate,
        object=PREFIX + obj,
        start=_date_text(raw.get("start"), f"{where}: relation start"),
        end=_date_text(raw.get("end"), f"{where}: relation end"),
    )


def _parse_entry(raw: Any, index: int, label: str, countries: Countries) -> _Entry:
    where = f"{label}: entry {index}"
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: an actor must be a mapping, got {type(raw).__name__}")
    slug = raw.get("id")
    if isinstance(slug, str):
        where = f"{label}: entry {index} (id {slug!r})"
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise KnowledgeError(f"{where}: 'id' must be a lowercase slug like 'badr-organization'")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {sorted(unknown)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise KnowledgeError(f"{where}: 'name' is missing")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise KnowledgeError(f"{where}: 'aliases' must be a list of non-empty strings")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise KnowledgeError(f"{where}: 'kind' {kind!r} is not one of {sorted(KINDS)}")
    inter = raw.get("inter")
    if inter is not None and (isinstance(inter, bool) or inter not in frozenset(Inter)):
        raise KnowledgeError(f"{where}: 'inter' {inter!r} must be an ACLED actor type 1-8 or null")
    country = raw.get("country")
    if country is not None:
        if not isinstance(country, str) or not _ISO3.match(country) or countries.get(country) is None:
            raise KnowledgeError(f"{where}: 'country' {country!r} is not an ISO3 code in countries.yaml")
    period_raw = raw.get("period")
    if period_raw is None:
        period: tuple[date | None, date | None] = (None, None)
    else:
        if not isinstance(period_raw, list) or len(period_raw) != 2:
            raise KnowledgeError(f"{where}: 'period' must be [start, end] (either may be null)")
        period = (
            _parse_day(period_raw[0], False, f"{where}: period start"),
            _parse_day(period_raw[1], True, f"{where}: period end"),
        )
        if period[0] and period[1] and period[0] > period[1]:
            raise KnowledgeError(f"{where}: period ends before it starts")
    rel_raw = raw.get("relations") or []
    if not isinstance(rel_raw, list):
        raise KnowledgeError(f"{where}: 'relations' must be a list")
    relations = [_parse_relation(r, where) for r in rel_raw]
    backers_raw = raw.get("backed_by") or []
    if not isinstance(backers_raw, list):
        raise KnowledgeError(f"{where}: 'backed_by' must be a list of slugs or relation mappings")
    backed_by = [_parse_relation(b, where, backer=True) for b in backers_raw]
    role = raw.get("role")
    if role is not None and role not in (*ROLES, _STATE):
        raise KnowledgeError(f"{where}: 'role' {role!r} must be one of {list(ROLES)} or null")
    if role is not None and country is None:
        raise KnowledgeError(f"{where}: an entry with a state 'role' needs a 'country'")
    note = raw.get("note") or ""
    if not isinstance(note, str):
        raise KnowledgeError(f"{where}: 'note' must be a string")
    return _Entry(
        slug=slug,
        name=name.strip(),
        aliases=[a.strip() for a in aliases],
        kind=kind,
        inter=inter,
        country=country,
        period=period,
        relations=relations,
        backed_by=backed_by,
        note=note.strip(),
        role=role,
        source=label,
        where=where,
        raw=raw,
    )


def _parse_file(
    data: Any, label: str, countries: Countries, templates: dict[str, dict],
    bases: dict[str, dict] | None = None,
) -> list[_Entry]:
    """Entries of one file. An entry whose id is a generated state-role id extends it: the
    fields it gives replace those of its base (`bases`, else the template), its aliases are
    added to the base's."""
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KnowledgeError(f"{label}: expected a mapping with an 'actors' list")
    entries = []
    for i, raw in enumerate(data["actors"], 1):
        slug = raw.get("id") if isinstance(raw, dict) else None
        template = templates.get(slug) if isinstance(slug, str) else None
        if template is None:
            entries.append(_parse_entry(raw, i, label, countries))
            continue
        base = (bases or {}).get(slug, template)
        raw = {**base, **raw, "aliases": [*base["aliases"], *(raw.get("aliases") or [])]}
        entry = _parse_entry(raw, i, label, countries)
        entry.inherited = frozenset(a.lower() for a in template["aliases"])
        entries.append(entry)
    return entries


# --------------------------------------------------------------------------- state roles


def _country_slug(display: str) -> str:
    slug = slugify(display)
    return slug[4:] if slug.startswith("the-") else slug


def _expand_templates(data: Any, countries: Countries) -> dict[str, dict]:
    """state_roles.yaml: one raw entry per role and country, named from the templates."""
    label = "state_roles.yaml"
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        raise KnowledgeError(f"{label}: expected a mapping with a 'roles' mapping")
    display_names: dict[str, str] = data.get("names") or {}
    modifiers: dict[str, list[str]] = data.get("modifiers") or {}
    raws: dict[str, dict] = {}
    for c in countries:
        display = display_names.get(c.iso3, c.name.strip())
        bare = display[4:] if display.lower().startswith("the ") else display
        values = {"name": display, "bare": bare, "slug": _country_slug(bare)}
        # Attributive forms: the demonym adjectives plus short names used as modifiers (U.S., UK).
        attributive = list(dict.fromkeys([*c.adjectives, *modifiers.get(c.iso3, [])]))
        for role, tpl in data["roles"].items():
            try:
                aliases: list[str] = []
                for alias_tpl in tpl.get("aliases") or []:
                    if "{adjective}" in alias_tpl:
                        aliases.extend(alias_tpl.format(adjective=a, **values) for a in attributive)
                    else:
                        aliases.append(alias_tpl.format(**values))
                raw = {
                    "id": tpl["id"].format(**values),
                    "name": tpl["name"].format(**values),
                    "aliases": list(dict.fromkeys(aliases)),
                    "kind": tpl["kind"],
                    "inter": tpl.get("inter"),
                    "country": c.iso3,
                    "role": role,
                    "note": tpl.get("note", "").format(**values),
                }
            except (KeyError, IndexError, TypeError, AttributeError) as exc:
                raise KnowledgeError(f"{label}: role {role!r}: bad template ({exc!r})") from None
            raws[raw["id"]] = raw
    return raws


# --------------------------------------------------------------------------- the KB


def _package_dir() -> Any:
    return resources.files("sitrep.knowledge") / "data" / "actors"


def _user_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p).expanduser()
        if path.is_dir():
            files.extend(sorted(q for q in path.iterdir() if q.suffix in (".yaml", ".yml")))
        elif path.is_file():
            files.append(path)
        else:
            raise KnowledgeError(f"{path}: actor file or folder not found")
    return files


def _env_paths() -> list[str]:
    value = os.environ.get(ENV_VAR, "")
    return [p for p in value.split(os.pathsep) if p.strip()]


class ActorKB:
    """Lookups over the actor knowledge base.

    Matching contract for consumers of `patterns()`: a surface form that is all capitals
    (an acronym such as IS, HTS, SDF, PMF, IDF, U.N.) is yielded verbatim and must be matched
    case-sensitively; every other surface may be matched case-insensitively. `lookup()`
    applies the same rule itself.
    """

    def __init__(self, actors: Iterable[Actor], roles: dict[tuple[str, str], list[str]]):
        self._actors: dict[str, Actor] = {a.id: a for a in actors}
        self._roles = roles
        self._incoming: dict[str, list[tuple[str, KBRelation]]] = {}
        for a in self._actors.values():
            for rel in a.relations:
                self._incoming.setdefault(rel.object, []).append((a.id, rel))
        # Name indexes are built on the first lookup: keying ~14,000 surfaces is most of the
        # cost of loading, and a pipeline that only needs patterns() never pays it.
        self._by_key: dict[str, list[tuple[str, str]]] | None = None
        self._by_loose: dict[str, list[tuple[str, str]]] = {}
        self._by_acronym: dict[str, list[tuple[str, str]]] = {}
        self._patterns: list[tuple[str, str]] | None = None
        # What the KB was loaded from (a hash, see _load_cached): what is compiled from it
        # (the knowledge ruler) is cached under it. None for a KB built in code.
        self.source_key: str | None = None
        # What loading the user's files had to say (logged at INFO on every load, cached or not).
        self.notices: list[str] = []

    def _index(self) -> dict[str, list[tuple[str, str]]]:
        if self._by_key is None:
            by_key: dict[str, list[tuple[str, str]]] = {}
            for a in self._actors.values():
                if a.kind == _STATE:
                    continue  # a state's name is a place name: metonymy decides, not the KB
                for surface in (a.name, *a.aliases):
                    if is_acronym(surface):
                        self._by_acronym.setdefault(_acronym_key(surface), []).append((a.id, surface))
                        continue
                    key = name_key(surface)
                    if key:
                        by_key.setdefault(key, []).append((a.id, surface))
                        self._by_loose.setdefault(_loosen(key), []).append((a.id, surface))
            self._by_key = by_key
        return self._by_key

    # -- loading
    @classmethod
    def load(cls, extra_paths: Sequence[str | Path] = ()) -> "ActorKB":
        """Package files, then SITREP_ACTORS, then `extra_paths` (later ones win)."""
        user = tuple(str(p) for p in (*_env_paths(), *extra_paths))
        return _load_cached(user)

    @classmethod
    def _build(cls, user_paths: Sequence[str]) -> "ActorKB":
        countries = Countries.load()
        pkg = _package_dir()
        templates = _expand_templates(
            _read_yaml(pkg / "state_roles.yaml", "state_roles.yaml"), countries
        )
        entries: dict[str, _Entry] = {}
        for i, raw in enumerate(templates.values(), 1):
            entry = _parse_entry(raw, i, "state_roles.yaml", countries)
            entry.inherited = frozenset(a.lower() for a in raw["aliases"])
            entries[raw["id"]] = entry
        generated = set(entries)

        names = sorted(
            p.name for p in pkg.iterdir()
            if p.name.endswith((".yaml", ".yml")) and p.name != "state_roles.yaml"
        )
        extended: set[str] = set()
        for fname in names:
            for e in _parse_file(_read_yaml(pkg / fname, fname), fname, countries, templates):
                old = entries.get(e.slug)
                if old is not None and (e.slug not in generated or e.slug in extended):
                    raise KnowledgeError(f"{e.where}: duplicate id, already defined in {old.where}")
                if e.slug in generated:
                    extended.add(e.slug)
                entries[e.slug] = e

        notices = []
        for path in _user_files(user_paths):
            label = str(path)
            bases = {slug: entries[slug].raw for slug in generated if slug in entries}
            for e in _parse_file(_read_yaml(path, label), label, countries, templates, bases):
                if e.slug in entries:
                    notices.append(f"{e.where} replaces actor {e.slug!r} from {entries[e.slug].source}")
                entries[e.slug] = e

        dropped = _hand_over_roles(entries, generated)
        _yield_generic_aliases(entries)
        kb = cls._assemble(entries, dropped)
        kb.notices = notices
        return kb

    @classmethod
    def _assemble(cls, entries: dict[str, _Entry], dropped: dict[str, list[_Entry]]) -> "ActorKB":
        relations: dict[str, list[KBRelation]] = {s: [] for s in entries}
        for e in entries.values():
            for rel in e.relations:
                target = _redirect(rel.object[len(PREFIX):], rel.start, dropped)
                if target not in entries:
                    raise KnowledgeError(f"{e.where}: relation {rel.predicate!r} to unknown actor {rel.object!r}")
                relations[e.slug].append(KBRelation(rel.predicate, PREFIX + target, rel.start, rel.end))
            for b in e.backed_by:
                backer = _redirect(b.object[len(PREFIX):], b.start, dropped)
                if backer not in entries:
                    raise KnowledgeError(f"{e.where}: backed_by names unknown actor {b.object[len(PREFIX):]!r}")
                relations[backer].append(KBRelation("backs", PREFIX + e.slug, b.start, b.end))
        roles: dict[tuple[str, str], list[str]] = {}
        actors = []
        for s, e in entries.items():
            if e.role and e.country:
                roles.setdefault((e.country, e.role), []).append(PREFIX + s)
            actors.append(
                Actor(
                    id=PREFIX + s,
                    name=e.name,
                    aliases=tuple(dict.fromkeys(a for a in e.aliases if a != e.name)),
                    kind=e.kind,
                    inter=e.inter,
                    country=e.country,
                    period=e.period,
                    relations=tuple(dict.fromkeys(relations[s])),
                    note=e.note,
                    source=e.source,
                )
            )
        return cls(actors, roles)

    # -- access
    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def get(self, actor_id: str) -> Actor | None:
        """By id, with or without the "kb:" prefix."""
        if not actor_id.startswith(PREFIX):
            actor_id = PREFIX + actor_id
        return self._actors.get(actor_id)

    def lookup(self, text: str, on: date | None = None) -> list[Actor]:
        """Actors whose name or an alias has the same name_key as `text` (acronyms: same
        capitals), valid on `on` when given; exact-case matches first, then names before
        aliases. Falls back to a looser key (doubled letters, ou/u) when nothing matches."""
        by_key = self._index()
        hits: list[tuple[str, str]] = []
        stripped = text.strip()
        if is_acronym(stripped):
            hits.extend(self._by_acronym.get(_acronym_key(stripped), ()))
        key = name_key(stripped)
        hits.extend(by_key.get(key, ()))
        if not hits and key:
            hits.extend(self._by_loose.get(_loosen(key), ()))
        ranked: dict[str, tuple[int, int, int]] = {}
        for order, (aid, surface) in enumerate(hits):
            actor = self._actors[aid]
            if not actor.valid_on(on):
                continue
            rank = (0 if surface == stripped else 1, 0 if surface == actor.name else 1, order)
            if aid not in ranked or rank < ranked[aid]:
                ranked[aid] = rank
        return [self._actors[aid] for aid in sorted(ranked, key=ranked.__getitem__)]

    def state_actor(self, iso3: str, role: str, on: date | None = None) -> Actor | None:
        """The government / military / police (or "state") actor of a country. With several
        regime periods, the one valid on `on`; without a date, the current (open-ended) one;
        for a date outside every period, the nearest period's actor."""
        ids = self._roles.get((iso3.upper(), role))
        if not ids:
            return None
        actors = [self._actors[i] for i in ids]
        if len(actors) == 1:
            return actors[0]
        if on is None:
            current = [a for a in actors if a.period[1] is None]
            pool = current or actors
            return max(pool, key=lambda a: a.period[0] or date.min)
        valid = [a for a in actors if a.valid_on(on)]
        if valid:
            return max(valid, key=lambda a: a.period[0] or date.min)
        return min(actors, key=lambda a: _distance(a.period, on))

    def relations_of(self, actor_id: str) -> list[KBRelation]:
        """Relations from this actor (its `backs` include those written as `backed_by` on clients)."""
        actor = self.get(actor_id)
        return list(actor.relations) if actor else []

    def relations_to(self, actor_id: str) -> list[tuple[str, KBRelation]]:
        """(subject id, relation) for every relation pointing at this actor: its backers,
        members, leaders."""
        if not actor_id.startswith(PREFIX):
            actor_id = PREFIX + actor_id
        return list(self._incoming.get(actor_id, ()))

    def patterns(self) -> Iterator[tuple[str, str]]:
        """(surface form, actor id) for every name and alias plus spelling variants (see
        `spelling_variants`: Arabic article with hyphen or space or dropped, straight / curly /
        no apostrophe, hyphens as spaces, a leading "the" dropped). All-caps surfaces
        (acronyms) come verbatim and are meant to be matched case-sensitively; the rest
        case-insensitively. State actors (kind "state") are left out: their names are place
        names."""
        if self._patterns is None:
            seen: set[tuple[str, str]] = set()
            out: list[tuple[str, str]] = []
            for a in self._actors.values():
                if a.kind == _STATE:
                    continue
                for surface in (a.name, *a.aliases):
                    forms = [surface] if is_acronym(surface) else spelling_variants(surface)
                    for form in forms:
                        if (form, a.id) not in seen:
                            seen.add((form, a.id))
                            out.append((form, a.id))
            self._patterns = out
        return iter(self._patterns)


def _distance(period: tuple[date | None, date | None], day: date) -> int:
    start, end = period
    if start and day < start:
        return (start - day).days
    if end and day > end:
        return (day - end).days
    return 0


def _hand_over_roles(entries: dict[str, _Entry], generated: set[str]) -> dict[str, list[_Entry]]:
    """Period-specific entries with a role replace the generated template for that country and
    role; each inherits the template's aliases so "Syrian army" finds the one valid that day.
    Returns {dropped template slug: its period entries}, to redirect relations to it."""
    by_role = {(e.country, e.role): e for e in entries.values() if e.slug in generated}
    takers: dict[tuple[str | None, str | None], list[_Entry]] = {}
    for e in entries.values():
        if e.role and e.country and e.slug not in generated:
            takers.setdefault((e.country, e.role), []).append(e)
    dropped: dict[str, list[_Entry]] = {}
    for key, group in takers.items():
        template = by_role.get(key)
        if template is None:
            continue
        for e in group:
            e.aliases = list(dict.fromkeys([*e.aliases, *template.aliases]))
            e.inherited = e.inherited | template.inherited
        del entries[template.slug]
        dropped[template.slug] = group
    return dropped


def _redirect(slug: str, when: str | None, dropped: dict[str, list[_Entry]]) -> str:
    """A relation to a template that period entries replaced goes to the one valid at the
    relation's start (or the current one when it has none)."""
    group = dropped.get(slug)
    if not group:
        return slug
    day = _parse_day(when, False, "relation start") if when else None
    if day is None:
        return max(group, key=lambda e: (e.period[1] is None, e.period[0] or date.min)).slug
    return min(group, key=lambda e: _distance(e.period, day)).slug


def _yield_generic_aliases(entries: dict[str, _Entry]) -> None:
    """A template alias that another actor claims by name ("Israeli Air Force", "Turkish
    gendarmerie") is dropped from the template's actor: the specific entry wins."""
    claimed: dict[str, set[str]] = {}
    for e in entries.values():
        for surface in (e.name, *e.aliases):
            low = surface.lower()
            if low not in e.inherited:
                claimed.setdefault(low, set()).add(e.slug)
    for e in entries.values():
        if e.inherited:
            e.aliases = [
                a for a in e.aliases
                if a.lower() not in e.inherited or not (claimed.get(a.lower(), set()) - {e.slug})
            ]


# "al"/"el" before a space or hyphen; the assimilated forms (ash-Sham, ad-Din) only with a hyphen,
# since "as", "at", "an" are English words.
_ARTICLE_TOKEN = re.compile(
    r"\b(?:(al|el)[-\s]|(as|ash|ad|adh|ar|az|at|ath|an|ud)-)(?=\w)", re.I
)
_AL_HYPHEN = re.compile(r"\b(al|el)-(?=\w)", re.I)
# A hyphen between words, unless it follows an assimilated article (an-Nujaba, not "an Nujaba").
_WORD_HYPHEN = re.compile(r"(?<!\b[Aa]s)(?<!\b[Aa]n)(?<!\b[Aa]t)(?<!\b[Aa]d)(?<!\b[Aa]r)(?<!\b[Aa]z)"
                          r"(?<!\b[Aa]sh)(?<!\b[Aa]th)(?<!\b[Aa]dh)(?<!\b[Uu]d)(?<=\w)-(?=\w)")
_QUOTE_CHARS = ("'", "\u2019", "")


def spelling_variants(surface: str) -> list[str]:
    """Surface forms news uses for one name: "al-Sham" / "al Sham", a leading article dropped
    ("al-Nujaba" / "Nujaba"), "Hay'at" / "Hay’at" / "Hayat", other hyphens as spaces
    ("Asa'ib Ahl al-Haq" / "Ahl al Haq"), a leading "the " dropped ("the Kremlin" / "Kremlin").
    The surface itself comes first."""
    forms = {surface}
    # Dropped words must leave a name, not a common word: "the Guardian" keeps its "the",
    # "Al-Haq" and "Al-Manar" their article.
    if surface.lower().startswith("the ") and " " in surface[4:].strip():
        forms.add(surface[4:])
    for f in list(forms):
        forms.add(_AL_HYPHEN.sub(lambda m: m.group(1) + " ", f))
    for f in list(forms):
        m = _ARTICLE_TOKEN.match(f)
        rest = f[m.end():] if m else ""
        if " " in rest.strip() or len(rest) >= 6:
            forms.add(rest[0].upper() + rest[1:])
    for f in list(forms):
        if "'" in f or "\u2019" in f:
            for q in _QUOTE_CHARS:
                forms.add(f.replace("'", q).replace("\u2019", q))
    for f in list(forms):
        forms.add(_WORD_HYPHEN.sub(" ", f))
    forms.discard("")
    return [surface] + sorted(forms - {surface})


@lru_cache(maxsize=8)
def _load_cached(user_paths: tuple[str, ...]) -> ActorKB:
    """Built from the YAML files once; later processes read it, with its name indexes built,
    from the disk cache, keyed by the bytes of the knowledge code and data and of the user's
    files (reading and indexing the YAML is most of an extractor's start-up after spaCy's)."""
    from sitrep import disk_cache

    key = disk_cache.fingerprint(disk_cache.source_fingerprint(),
                                 disk_cache.files_fingerprint(_user_files(user_paths)))
    kb = disk_cache.load("actors", key)
    if not isinstance(kb, ActorKB):
        kb = ActorKB._build(user_paths)
        kb._index()
        disk_cache.save("actors", key, kb, keep=6)
    kb.source_key = key
    for notice in kb.notices:
        log.info("%s", notice)
    return kb
