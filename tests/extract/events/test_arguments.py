"""Argument finding on awkward parses; each case once sent the extractor into a loop or wrong."""

import signal

import pytest


@pytest.fixture
def deadline():
    """Fail instead of hanging: a parse-tree walk that never reaches the root is a bug."""

    def _timeout(signum, frame):
        raise AssertionError("extraction did not finish within 20 s (a loop over the parse tree?)")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(
    "text",
    [
        # Headline-style fragments whose root is a noun, not a verb.
        "Dozens of airstrikes on Aleppo on Monday.",
        "Syria: a car bomb in Azaz on Sunday, killing five.",
        "Shelling on Idlib countryside.",
    ],
)
def test_noun_rooted_sentences_finish_and_keep_their_event(extract, deadline, text):
    doc = extract(text)
    assert doc.events, "the fragment names a violent event"
    assert doc.events[0].event_type == "Explosions/Remote violence"
