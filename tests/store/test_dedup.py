from sitrep.corpus.dedup import NearDuplicateIndex, shingles

STORY = ("Syrian government air strikes killed 12 people in the town of Saraqeb in Idlib province on "
         "Tuesday, rescue workers said. The strikes hit a crowded market in the rebel-held town, the "
         "White Helmets civil defence group said.")


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Air strikes, killed  TWELVE.") == shingles("air strikes killed twelve")
    assert b"air strikes killed" in shingles("Air strikes killed twelve")


def test_a_wire_copy_is_found_and_a_different_story_is_not():
    index = NearDuplicateIndex(threshold=0.7)
    index.insert("original", index.signature(STORY))
    copy = "IDLIB, Syria (Reuters) - " + STORY.replace("crowded market", "busy market")
    match = index.find(index.signature(copy))
    assert match is not None and match.key == "original" and match.similarity >= 0.7
    other = ("Thousands of protesters rallied in Baghdad on Friday to demand jobs and better public "
             "services, witnesses said. The demonstration in Tahrir Square ended peacefully.")
    assert index.find(index.signature(other)) is None


def test_signatures_survive_the_store():
    index = NearDuplicateIndex()
    sig = index.signature(STORY)
    back = index.from_bytes(index.to_bytes(sig))
    assert back.jaccard(sig) == 1.0
