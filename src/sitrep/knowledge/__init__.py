"""Everything sitrep knows about the world, loaded once per process.

Actors, places and lexicons are data files (under `data/`, each with a source note); this
package turns them into lookups. Users add their own actor files with `--actors FILE` or the
`SITREP_ACTORS` environment variable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import yaml

from sitrep.knowledge.actors import ActorKB
from sitrep.knowledge.countries import Countries
from sitrep.knowledge.gazetteer import Gazetteer


def _focus_countries() -> tuple[str, ...]:
    path = resources.files("sitrep.knowledge") / "data" / "places" / "focus.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(data["countries"])


@dataclass
class Knowledge:
    actors: ActorKB
    gazetteer: Gazetteer
    countries: Countries
    focus_countries: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def load(cls, actor_paths: Sequence[str | Path] = ()) -> "Knowledge":
        return _load(tuple(str(p) for p in actor_paths))


@lru_cache(maxsize=4)
def _load(actor_paths: tuple[str, ...]) -> Knowledge:
    return Knowledge(
        actors=ActorKB.load(actor_paths) if actor_paths else ActorKB.load(),
        gazetteer=Gazetteer.load(),
        countries=Countries.load(),
        focus_countries=_focus_countries(),
    )
