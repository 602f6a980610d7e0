"""Non-English text is told apart the same way everywhere: refused by the readers and
`sitrep extract`, noted by the library."""

import json

import pytest

from sitrep.ingest.article import InputError, make_article
from sitrep.ingest.language import detect, not_english

ARABIC = ("قصفت طائرات حربية مدينة إدلب يوم الاثنين وقتلت ثلاثة مدنيين على الأقل، بحسب الدفاع المدني "
          "الذي قال إن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض.")
FRENCH = ("Des frappes aériennes ont tué trois civils lundi à Idleb, dans le nord-ouest de la Syrie, "
          "selon la défense civile, qui affirme que les secours cherchent encore des survivants.")
ENGLISH = ("Air strikes killed three civilians in Idlib in northwest Syria on Monday, the civil defence "
           "said, adding that rescuers were still searching the rubble for survivors.")


def test_the_language_is_detected():
    assert detect(ARABIC)[0] == "ar" and detect(FRENCH)[0] == "fr" and detect(ENGLISH)[0] == "en"
    assert not_english(ENGLISH) is None
    assert detect("Gunmen killed 5 in Deir ez-Zor.") is None  # too short to judge


def test_readers_refuse_other_languages_and_read_english(read, tmp_path):
    batch = tmp_path / "mixed.jsonl"
    batch.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                             for i, t in (("ar", ARABIC), ("fr", FRENCH), ("en", ENGLISH))), encoding="utf-8")
    (article,), failures = read(batch)
    assert article.id == "en"
    assert [f.origin for f in failures] == [f"{batch}:1", f"{batch}:2"]
    assert "reads as Arabic (ar" in failures[0].reason and "reads as French (fr" in failures[1].reason
    assert all("English reports only" in f.reason for f in failures)


def test_the_library_notes_rather_than_refuses():
    assert any("reads as French" in n for n in make_article(FRENCH).notes)
    with pytest.raises(InputError, match="reads as French"):
        make_article(FRENCH, refuse_other_languages=True)
