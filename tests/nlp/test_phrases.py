"""The phrase index: `matches` and `find_all` find what asking `match_at` at every token does."""

from sitrep.nlp.phrases import PhraseIndex

TEXT = ("Air strikes hit the town. Government forces shelled it with air-strikes and artillery "
        "shells, and an air strike killed two.")
PHRASES = [("air-strike", "air"), ("airstrike", "air"), ("shell", "shell"), ("artillery shell", "artillery"),
           ("government force", "gov"), ("strike", "strike")]


def _per_position(index, doc, start, end):
    out = []
    for i in range(start, end):
        hit = index.match_at(doc, i)
        if hit is not None:
            out.append((i, hit[0], hit[1]))
    return out


def test_matches_are_the_hits_of_match_at_at_every_token(bare_nlp):
    doc = bare_nlp(TEXT)
    index = PhraseIndex(PHRASES)
    assert list(index.matches(doc)) == _per_position(index, doc, 0, len(doc))
    assert [p for _, _, p in index.matches(doc)] == ["air", "strike", "gov", "shell", "air", "strike",
                                                      "artillery", "shell", "air", "strike"]
    # A window: phrases start inside it and may run past its end, as match_at(doc, i) does.
    assert list(index.matches(doc, 7, 16)) == _per_position(index, doc, 7, 16)


def test_a_span_bounds_its_phrases(bare_nlp):
    doc = bare_nlp(TEXT)
    index = PhraseIndex(PHRASES)
    span = doc[0:1]  # "Air": "air strike" does not fit in it
    assert list(index.matches(span)) == []
    assert index.match_at(span, 0) is None
    second = list(doc.sents)[1]
    hits = list(index.matches(second))
    assert hits == _per_position(index, second, 0, len(second))
    assert all(0 <= i < end <= len(second) for i, end, _ in hits)


def test_find_all_takes_the_longest_phrase_and_skips_what_it_covers(bare_nlp):
    doc = bare_nlp(TEXT)
    index = PhraseIndex(PHRASES)
    found = [(doc[i:end].text, p) for i, end, p in index.find_all(doc)]
    assert found == [("Air strikes", "air"), ("Government forces", "gov"), ("shelled", "shell"),
                     ("air-strikes", "air"), ("artillery shells", "artillery"), ("air strike", "air")]


def test_find_all_in_a_window_starts_there_and_may_run_past_its_end(bare_nlp):
    doc = bare_nlp(TEXT)
    index = PhraseIndex(PHRASES)
    assert [(i, end, p) for i, end, p in index.find_all(doc, 7, 16)] == [(8, 9, "shell"), (11, 14, "air"),
                                                                          (15, 17, "artillery")]


def test_forms_of_another_document_are_not_reused(bare_nlp):
    index = PhraseIndex(PHRASES)
    first, second = bare_nlp("An air strike."), bare_nlp("A strike.")
    assert [p for *_, p in index.matches(first)] == ["air", "strike"]
    assert [p for *_, p in index.matches(second)] == ["strike"]
    assert [p for *_, p in index.matches(first)] == ["air", "strike"]
