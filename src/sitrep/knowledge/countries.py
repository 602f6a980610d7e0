"""Countries: ISO codes, names, capitals, demonyms (data/countries.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

import yaml

from sitrep.knowledge.names import name_key


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    geonameid: int
    capital: str | None
    neighbours: tuple[str, ...]
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]

    @property
    def adjective(self) -> str:
        return self.adjectives[0] if self.adjectives else self.name


class Countries:
    def __init__(self, countries: list[Country]):
        self._by_iso3 = {c.iso3: c for c in countries}
        self._by_iso2 = {c.iso2: c for c in countries}
        self._by_name: dict[str, str] = {}
        self._by_demonym: dict[str, str] = {}
        for c in countries:
            for n in (c.name, *c.aliases):
                self._by_name.setdefault(name_key(n, drop_article=False), c.iso3)
            for n in (*c.adjectives, *c.people):
                self._by_demonym.setdefault(name_key(n, drop_article=False), c.iso3)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Countries":
        path = resources.files("sitrep.knowledge") / "data" / "countries.yaml"
        # libyaml's loader when present: the pure-Python one takes ~0.2 s on this file.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        return cls(
            [
                Country(
                    iso3=row["iso3"],
                    iso2=row["iso2"],
                    name=row["name"],
                    geonameid=int(row["geonameid"]),
                    capital=row.get("capital"),
                    neighbours=tuple(row.get("neighbours") or ()),
                    aliases=tuple(row.get("aliases") or ()),
                    adjectives=tuple(row.get("adjectives") or ()),
                    people=tuple(row.get("people") or ()),
                )
                for row in data["countries"]
            ]
        )

    def __iter__(self) -> Iterator[Country]:
        return iter(self._by_iso3.values())

    def __len__(self) -> int:
        return len(self._by_iso3)

    def get(self, code: str) -> Country | None:
        code = code.upper()
        return self._by_iso3.get(code) or self._by_iso2.get(code)

    def by_name(self, name: str) -> Country | None:
        """'Syria', 'the United States', 'U.S.', 'Britain' -> Country."""
        iso3 = self._by_name.get(name_key(name, drop_article=False))
        return self._by_iso3[iso3] if iso3 else None

    def by_demonym(self, word: str) -> Country | None:
        """'Iraqi', 'Iraqis', 'American' -> Country."""
        iso3 = self._by_demonym.get(name_key(word, drop_article=False))
        return self._by_iso3[iso3] if iso3 else None
