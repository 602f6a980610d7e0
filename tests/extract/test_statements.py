"""Statements: who said what, with their title, quoted or reported."""


def test_direct_quote_with_title(extract):
    doc = extract('"We will respond," Foreign Minister Abbas Araghchi told reporters.')
    (s,) = doc.statements
    assert s.speaker == "kb:abbas-araghchi" and s.title == "Foreign Minister"
    assert s.direct_quote and s.text.startswith("We will respond")
    assert doc.article.text[s.evidence[0].start : s.evidence[0].end]


def test_reported_speech(extract):
    doc = extract("Kremlin spokesman Dmitry Peskov said Moscow was watching closely.")
    (s,) = doc.statements
    assert s.speaker == "kb:dmitry-peskov" and not s.direct_quote
    assert s.text == "Moscow was watching closely"
    assert s.title == "Kremlin spokesman"


def test_no_statement_without_speech(extract):
    assert not extract("Warplanes bombed Douma on Sunday.").statements


def test_according_to_leaves_a_clean_claim(extract):
    doc = extract("Russia continues to back the Syrian president, according to Kremlin spokesperson Dmitry Peskov.\n")
    (s,) = doc.statements
    assert s.speaker == "kb:dmitry-peskov" and not s.direct_quote
    assert s.text == "Russia continues to back the Syrian president."
