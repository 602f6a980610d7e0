"""The knowledge ruler fixes what the stock model gets wrong, before its NER runs."""

import pytest

SENTENCE = "Hayat Tahrir al-Sham took Aleppo as fighters of Badr and Nujaba crossed into Syria."


@pytest.fixture(scope="module")
def parsed(extractor):
    return extractor.nlp(SENTENCE)


def _label(doc, text):
    for ent in doc.ents:
        if ent.text == text:
            return ent.label_, ent.ent_id_ or ent.kb_id_
    return None, None


def test_actor_names_are_organisations(parsed):
    for name in ("Hayat Tahrir al-Sham", "Badr", "Nujaba"):
        assert _label(parsed, name)[0] == "ORG", name


def test_gazetteer_names_are_places(parsed):
    assert _label(parsed, "Aleppo")[0] == "GPE"
    assert _label(parsed, "Syria")[0] == "GPE"


def test_ruler_runs_before_the_ner(extractor):
    names = extractor.nlp.pipe_names
    ruler = [n for n in names if "ruler" in n][0]
    assert names.index(ruler) < names.index("ner")


@pytest.mark.parametrize("name", ["Da'esh", "Da’esh", "Daesh"])
def test_apostrophe_spellings_of_one_name(extractor, name):
    doc = extractor.nlp(f"{name} fighters attacked Kirkuk.")
    assert _label(doc, name) == ("ORG", "kb:islamic-state")
