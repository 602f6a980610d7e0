"""The one lexicon loader: every file under data/lexicons has a typed schema and loads; a bad
file fails naming the file, the key and the fault; the shared word classes are defined once."""

import ast
import inspect
from importlib import resources
from pathlib import Path

import pytest

from sitrep.knowledge import lexicon_schemas
from sitrep.knowledge.lexicon_schemas import AgentsLexicon, EventsLexicon, SharedWords
from sitrep.knowledge.lexicons import Lexicon, LexiconError, lexicon, parse_lexicon

LEXICONS = Path(str(resources.files("sitrep.knowledge") / "data" / "lexicons"))
SRC = Path(__file__).resolve().parents[2] / "src" / "sitrep"
SCHEMAS = [c for _, c in inspect.getmembers(lexicon_schemas, inspect.isclass)
           if issubclass(c, Lexicon) and c is not Lexicon]


def test_every_lexicon_file_has_one_schema_and_loads():
    assert sorted(c.FILE for c in SCHEMAS) == sorted(p.name for p in LEXICONS.glob("*.yaml"))
    for schema in SCHEMAS:
        assert isinstance(lexicon(schema), schema)
    assert lexicon(SharedWords) is lexicon(SharedWords)  # read once


def test_word_sets_are_lowercase_and_phrase_tables_keep_their_order():
    text = (LEXICONS / "shared.yaml").read_text(encoding="utf-8")
    words = parse_lexicon(SharedWords, text.replace("[this, that,", "[This, that,"))
    assert "this" in words.demonstratives and "This" not in words.demonstratives
    events = lexicon(EventsLexicon)
    raw = (LEXICONS / "events.yaml").read_text(encoding="utf-8")
    first = events.classes["air_strike"].triggers[0]
    assert raw.index(first) < raw.index(events.classes["air_strike"].triggers[-1])


def _shared_text() -> str:
    return (LEXICONS / "shared.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("change, fault", [
    # YAML reads a bare off as false: it would never match the word "off".
    (("[this, that,", "[this, off, that,"), r"shared.yaml: demonstratives.1: .*got False .*quote the word"),
    (("dying_verbs:", "dying_verb:"), r"shared.yaml: .*dying_verbs: missing"),
    (("dying_verbs: [die, perish]", "dying_verbs: [die, perish]\nextra: [x]"), r"shared.yaml: extra: Extra inputs"),
    (("dying_verbs: [die, perish]", "dying_verbs: die"), r"shared.yaml: dying_verbs"),
])
def test_a_malformed_file_names_the_file_the_key_and_the_fault(change, fault):
    with pytest.raises(LexiconError, match=fault):
        parse_lexicon(SharedWords, _shared_text().replace(*change))


def test_a_name_outside_the_taxonomy_is_refused():
    text = (LEXICONS / "agents.yaml").read_text(encoding="utf-8").replace("kind: rebel_group", "kind: rebels", 1)
    with pytest.raises(LexiconError, match=r"agents.yaml: agents\[\d+\].kind: 'rebels'"):
        parse_lexicon(AgentsLexicon, text)


# ------------------------------------------------------------- shared word classes, defined once

SHARED = lexicon(SharedWords)
CLASSES = {
    "death_lemmas": SHARED.death_lemmas, "agentive_death_verbs": SHARED.agentive_death_verbs,
    "name particles": SHARED.article_particles | SHARED.kinship_particles,
    "determiners": SHARED.articles | SHARED.demonstratives | SHARED.possessive_determiners
    | SHARED.personal_possessives,
}
# Being restructured by another change; their copies move to shared.yaml with it.
NOT_YET = {"extract/events/__init__.py", "extract/events/triggers.py", "extract/events/classify.py"}


def copied_word_lists(source: str) -> list[tuple[int, str]]:
    """(line, class) for every literal list of 2+ words in code that lies wholly inside one shared
    class: a tuple, list or set of strings, or a "w w".split()."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        words = None
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
        ):
            words = {e.value for e in node.elts}
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            words = set(node.func.value.value.split())
        if words and len(words) >= 2:
            hits += [(node.lineno, name) for name, cls in CLASSES.items() if words <= cls]
    return hits


def test_the_scanner_finds_a_copy():
    assert copied_word_lists('X = frozenset("kill die dead".split())\n') == [(1, "death_lemmas")]
    assert copied_word_lists('if t in ("the", "a", "an"): pass\n') == [(1, "determiners")]
    assert copied_word_lists('if t in ("the", "a", "street"): pass\n') == []


def test_no_shared_word_class_is_copied_into_code():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel not in NOT_YET:
            found += [f"{rel}:{line}: a copy of {name}" for line, name in copied_word_lists(path.read_text())]
    assert not found, "read these from lexicon(SharedWords) instead:\n" + "\n".join(found)
