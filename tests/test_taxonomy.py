"""The taxonomy module owns ACLED's and PLOVER's names: the hierarchy is complete, every data
file's names are members, and no code outside taxonomy.py spells a type or an actor kind out."""

import ast
import io
import re
import tokenize
from importlib import resources
from pathlib import Path

import pytest
import yaml

from sitrep import model, taxonomy
from sitrep.taxonomy import (
    DATA_RULES, EVENT_TYPE_OF, RANK, SUB_EVENTS, ActorKind, EventType, SubEventType, TaxonomyError,
    check_data,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"
DATA = resources.files("sitrep.knowledge") / "data"


def test_hierarchy_covers_all_25_sub_event_types_once():
    assert len(SubEventType) == 25 and len(EventType) == 6
    listed = [sub for subs in SUB_EVENTS.values() for sub in subs]
    assert sorted(listed) == sorted(SubEventType)
    assert set(SUB_EVENTS) == set(EventType)
    assert set(EVENT_TYPE_OF) == set(SubEventType)
    assert sorted(RANK) == sorted(SubEventType)
    # ACLED's hierarchy (codebook 1.1): a battle outranks a protest, which outranks a riot, ...
    first_of = [min(RANK.index(s) for s in SUB_EVENTS[t]) for t in (
        EventType.BATTLES, EventType.PROTESTS, EventType.RIOTS, EventType.EXPLOSIONS_REMOTE_VIOLENCE,
        EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.STRATEGIC_DEVELOPMENTS)]
    assert first_of == sorted(first_of)


def test_the_model_literals_are_the_enums_values():
    assert model.SubEventType.__args__ == tuple(m.value for m in SubEventType)
    assert model.EventType.__args__ == tuple(m.value for m in EventType)
    assert model.EntityKind.__args__ == tuple(m.value for m in ActorKind)
    assert model.PloverType.__args__ == tuple(m.value for m in taxonomy.PloverType)
    assert model.SUB_EVENT_TO_TYPE == EVENT_TYPE_OF


@pytest.mark.parametrize("name", sorted(DATA_RULES))
def test_every_data_file_value_is_a_member(name):
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    check_data(name, data)
    for path in DATA_RULES[name]:
        # A rule that reaches nothing (a renamed key) would check nothing.
        assert list(taxonomy._walk(data, path.split("."), "")), f"{name}: rule {path} matches no value"


def test_every_data_file_naming_types_or_kinds_has_rules():
    # Actor KB files are checked by their own loader (sitrep.knowledge.actors, KINDS and Inter).
    taxonomy_key = re.compile(r"^[\s-]*(kind|sub_event|event_type|inter|plover):", re.M)
    for path in sorted(Path(str(DATA)).rglob("*.yaml")):
        name = path.relative_to(Path(str(DATA))).as_posix()
        if name.startswith("actors/"):
            continue
        keys = set(taxonomy_key.findall(path.read_text(encoding="utf-8")))
        assert not keys or name in DATA_RULES, f"{name} names {sorted(keys)} but has no DATA_RULES entry"


def test_a_bad_value_is_named_with_its_file():
    data = {"classes": {"air_strike": {"sub_event": "Air strike", "plover": ["ASSAULT", "aerial"]}}}
    with pytest.raises(TaxonomyError, match=r"lexicons/events.yaml: classes.air_strike.sub_event: 'Air strike'"):
        check_data("lexicons/events.yaml", data)
    with pytest.raises(TaxonomyError, match=r"evaluation/fakes.yaml: cause_of_death.Airstrike"):
        check_data("evaluation/fakes.yaml", {"cause_of_death": {"Airstrike": ["shelling"]}})
    with pytest.raises(TaxonomyError, match=r"lexicons/agents.yaml: agents\[0\].kind: 'rebels'"):
        check_data("lexicons/agents.yaml", {"agents": [{"kind": "rebels", "inter": 2}]})


# ---------------------------------------------------------------- no names spelled out in code

TYPE_NAMES = {m.value for m in SubEventType} | {m.value for m in EventType}
KIND_NAMES = {m.value for m in ActorKind}


def spelled_type_names(source: str) -> list[tuple[int, str]]:
    """(line, name) for every string literal that is exactly an ACLED event or sub-event type."""
    hits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING:
            try:
                value = ast.literal_eval(tok.string)
            except (ValueError, SyntaxError):  # f-strings
                continue
            if isinstance(value, str) and value in TYPE_NAMES:
                hits.append((tok.start[0], value))
    return hits


def _strings(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for e in node.elts for s in _strings(e)]
    return []


def spelled_kinds(source: str) -> list[tuple[int, str]]:
    """(line, kind) for every actor kind spelled out where code tests or sets an entity's kind:
    compared with `x.kind`, passed as `kind=`, or listed in a `*_KINDS` constant."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        found: list[str] = []
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "kind" for s in sides):
                found = [v for s in sides for v in _strings(s)]
        elif isinstance(node, ast.keyword) and node.arg == "kind":
            found = _strings(node.value)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id.endswith("KINDS") for t in node.targets
        ):
            found = [n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        hits += [(node.lineno, v) for v in found if v in KIND_NAMES]
    return hits


def test_the_scanners_find_what_they_look_for():
    planted = 'X = "Air/drone strike"\nif e.event_type == "Battles": pass\n'
    assert [v for _, v in spelled_type_names(planted)] == ["Air/drone strike", "Battles"]
    assert spelled_type_names('X = "Attack on the town"\nY = f"Attack {n}"\n') == []
    planted = 'if r.kind in ("civilians", "x"): pass\nA(kind="media")\nSTATE_KINDS = {"state"}\n'
    assert sorted(v for _, v in spelled_kinds(planted)) == ["civilians", "media", "state"]


def _sources():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        # Migrations are frozen history: they must keep the strings they were written with.
        if rel == "taxonomy.py" or rel.startswith("store/migrations/"):
            continue
        yield rel, path.read_text(encoding="utf-8")


def test_no_type_name_is_spelled_out_outside_the_taxonomy():
    found = [f"{rel}:{line}: {name!r}" for rel, src in _sources() for line, name in spelled_type_names(src)]
    assert not found, "use sitrep.taxonomy's EventType/SubEventType instead:\n" + "\n".join(found)


def test_no_actor_kind_is_spelled_out_outside_the_taxonomy():
    found = [f"{rel}:{line}: {kind!r}" for rel, src in _sources() for line, kind in spelled_kinds(src)]
    assert not found, "use sitrep.taxonomy.ActorKind instead:\n" + "\n".join(found)
