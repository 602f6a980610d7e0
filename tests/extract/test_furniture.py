"""Page furniture: link lists and share widgets are not the report."""

from sitrep.extract.furniture import furniture_spans


def _pieces(text):
    return [text[a:b] for a, b in furniture_spans(text)]


def test_a_link_list_runs_to_the_next_full_stop():
    text = ("Rebels shelled the city. Source agencies Related News Iraqs vote violations | "
            "Syrian regime attacks kill 16 civilians in Idlib. Next prose.")
    assert _pieces(text) == ["Related News Iraqs vote violations | Syrian regime attacks kill 16 civilians in Idlib."]


def test_a_link_list_at_the_end_runs_to_the_end():
    text = "Shelling hit Aleppo. Read Also Air strikes kill 43 in Idlib"
    assert _pieces(text) == ["Read Also Air strikes kill 43 in Idlib"]


def test_prose_that_uses_the_words_is_not_furniture():
    assert _pieces("Three people related to the victims were detained. He said to read more carefully.") == []


def test_widgets_with_their_counts():
    assert _pieces("Print Tweet Views 1662 An Islamic State car bomb killed 20 people.") == ["Print Tweet Views 1662"]


def test_a_link_list_makes_no_events(extract):
    doc = extract(
        "Shelling killed two civilians in Aleppo on Sunday. "
        "Related News Syrian regime attacks kill 16 civilians in Idlib Turkish jets hit Afrin",
        published="2017-10-16",
    )
    assert [e.fatalities for e in doc.events if e.event_type] == [2]


def test_a_widget_count_is_no_toll(extract):
    doc = extract("IS car bomb kills 20 in eastern Syria\nPrint Tweet Views 1662 An Islamic State car bomb killed 20 people in Deir al-Zor.",
                  published="2017-11-17")
    assert max(e.fatalities or 0 for e in doc.events) == 20
