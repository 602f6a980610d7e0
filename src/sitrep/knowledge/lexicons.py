"""Lexicons: the word lists and cue tables the extractors are configured by.

Each is a YAML file under `data/lexicons/` with a `source` note and a `version`, read by the one
loader here: `lexicon(Schema)` parses the file, checks its ACLED/PLOVER names against the taxonomy,
validates it against its typed schema (`sitrep.knowledge.lexicon_schemas`: every key declared, every
word a string, every number a number) and returns the typed object, once per process. Extractors
hold no word lists of their own; they read the fields of these objects.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Annotated, ClassVar, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, StrictFloat, StrictInt, StrictStr, ValidationError

from sitrep.taxonomy import TaxonomyError, check_data


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file, the entry and the fault."""


def _lowercase(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


# A word list as written, in order: for phrase tables where order or case matters (regex
# alternations, trigger phrases, page-furniture markers matched case-sensitively). Words must be
# strings: YAML reads a bare on/off/no/yes as a boolean, which would never match a word.
Words = tuple[StrictStr, ...]
# A word list as a lowercase set: for membership tests against `token.lower_` / lemmas.
WordSet = Annotated[frozenset[StrictStr], AfterValidator(_lowercase)]
# Numbers and words in a row of a table ("yesterday: [-1, -1]", "recent days: [day, 7]").
Row = tuple[StrictInt | StrictFloat | StrictStr, ...]


class Lexicon(BaseModel):
    """One lexicon file. Subclasses declare every key of their file (`FILE`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    FILE: ClassVar[str]

    source: StrictStr
    version: StrictInt


L = TypeVar("L", bound=Lexicon)


@lru_cache(maxsize=None)
def lexicon(schema: type[L]) -> L:
    """The lexicon file of `schema`, validated and typed; read once per process."""
    path = resources.files("sitrep.knowledge") / "data" / "lexicons" / schema.FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"knowledge/data/lexicons/{schema.FILE} is missing from the package") from None
    return parse_lexicon(schema, text)


def parse_lexicon(schema: type[L], text: str) -> L:
    """`text`, the YAML of `schema`'s file, validated against the taxonomy and the schema."""
    name = f"knowledge/data/lexicons/{schema.FILE}"
    # libyaml's loader when built in: the pure-Python one takes a third of a second for these files.
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or "source" not in data:
        raise LexiconError(f"{name} must be a mapping with a 'source' note")
    try:
        check_data(f"lexicons/{schema.FILE}", data)
        return schema.model_validate(data)
    except TaxonomyError as exc:
        raise LexiconError(str(exc)) from None
    except ValidationError as exc:
        raise LexiconError(f"{name}: " + "; ".join(_fault(err) for err in exc.errors())) from None


def _fault(err) -> str:
    where = ".".join(str(p) for p in err["loc"])
    if err["type"] == "missing":
        return f"{where}: missing"
    got = err["input"]
    hint = " (YAML reads a bare on/off/yes/no as true/false: quote the word)" if isinstance(got, bool) else ""
    return f"{where}: {err['msg']}, got {got!r}{hint}"
