"""Word lists hold words: YAML reads a bare on/off/yes/no as a boolean, and a boolean in a word
list is a word that silently never matches ("blamed the attack on X" needs "on")."""

from importlib import resources

import pytest
import yaml

from sitrep.knowledge.lexicon_schemas import SharedWords
from sitrep.knowledge.lexicons import LexiconError, parse_lexicon

DATA = resources.files("sitrep.knowledge") / "data"


def _booleans(node, at):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _booleans(v, f"{at}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, bool):
                yield f"{at}[{i}]"
            yield from _booleans(v, f"{at}[{i}]")


def test_no_word_list_holds_a_boolean():
    found = []
    for path in sorted(str(p) for p in _files(DATA)):
        with open(path, encoding="utf-8") as fh:
            found += list(_booleans(yaml.safe_load(fh), path.rsplit("data/", 1)[-1]))
    assert not found


def _files(folder):
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _files(entry)
        elif entry.name.endswith(".yaml"):
            yield entry


def test_a_boolean_in_a_word_list_is_refused_with_the_fix():
    text = (resources.files("sitrep.knowledge") / "data" / "lexicons" / "shared.yaml").read_text(encoding="utf-8")
    with pytest.raises(LexiconError, match="quote the word"):
        parse_lexicon(SharedWords, text.replace("[this, that,", "[this, on, that,"))
