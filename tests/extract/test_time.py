"""Temporal expressions resolved against the publication date.

Sentences are written for these tests (not taken from the development sets). The default
publication date is the seed article's: Monday 2 December 2024.
"""

from datetime import date

import pytest

from sitrep.extract.time import TimeExpression, dateline, extract_times

MON = date(2024, 12, 2)  # Monday
SUN = date(2024, 12, 1)  # Sunday
WED = date(2024, 12, 4)  # Wednesday
THU = date(2024, 12, 5)  # Thursday
D = date


@pytest.fixture(scope="module")
def times(bare_nlp):
    def run(sentence: str, published: date | None) -> list[TimeExpression]:
        return extract_times(bare_nlp(sentence), published)

    return run


def _only(found: list[TimeExpression], text: str) -> TimeExpression:
    hits = [t for t in found if t.text == text]
    assert hits, f"{text!r} not found in {[t.text for t in found]}"
    return hits[0]


# (sentence, published, expression text, start, end, precision)
CASES = [
    # weekdays, with and without modifiers
    ("Hundreds of fighters crossed the border late Sunday.", MON, "late Sunday", SUN, SUN, "day"),
    ("The convoy was hit early Monday near the border.", MON, "early Monday", MON, MON, "day"),
    ("Clashes broke out in the old city Sunday night.", MON, "Sunday night", SUN, SUN, "day"),
    ("Shelling resumed on Monday morning, residents said.", MON, "Monday morning", MON, MON, "day"),
    ("The army said on Friday that it had retaken the hill.", MON, "Friday", D(2024, 11, 29), D(2024, 11, 29), "day"),
    ("The ministry said on Wednesday that talks had failed.", WED, "Wednesday", WED, WED, "day"),
    ("The town fell to the rebels last Sunday.", SUN, "last Sunday", D(2024, 11, 24), D(2024, 11, 24), "day"),
    ("The town fell to the rebels on Sunday.", SUN, "Sunday", SUN, SUN, "day"),
    ("A drone struck the base late on Saturday.", MON, "late on Saturday", D(2024, 11, 30), D(2024, 11, 30), "day"),
    ("Jets bombed the market in the early hours of Sunday.", MON, "the early hours of Sunday", SUN, SUN, "day"),
    ("Gunmen attacked the checkpoint at dawn on Thursday.", MON, "dawn on Thursday", D(2024, 11, 28), D(2024, 11, 28), "day"),
    ("Envoys will meet in Geneva on Friday.", MON, "Friday", D(2024, 12, 6), D(2024, 12, 6), "day"),
    ("Sunday's attack killed four soldiers.", MON, "Sunday", SUN, SUN, "day"),
    # nights and days around publication
    ("Militants crossed into the province overnight.", MON, "overnight", SUN, MON, "day"),
    ("Two rockets landed in the capital last night.", MON, "last night", SUN, MON, "day"),
    ("The governor resigned yesterday.", MON, "yesterday", SUN, SUN, "day"),
    ("Protesters gathered in the square today.", MON, "today", MON, MON, "day"),
    ("A car bomb exploded this morning outside the mosque.", MON, "this morning", MON, MON, "day"),
    ("Police said earlier today that three men were held.", MON, "earlier today", MON, MON, "day"),
    ("Aid trucks reached the camp yesterday afternoon.", MON, "yesterday afternoon", SUN, SUN, "day"),
    # weeks and weekends
    ("A rebel offensive last week caught the army off guard.", MON, "last week", D(2024, 11, 25), SUN, "week"),
    ("Fighting has intensified this week.", WED, "this week", MON, D(2024, 12, 8), "week"),
    ("Officials met earlier this week to discuss a truce.", THU, "earlier this week", MON, WED, "week"),
    ("Two journalists were detained last weekend.", MON, "last weekend", D(2024, 11, 30), SUN, "week"),
    ("Two journalists were detained last weekend.", SUN, "last weekend", D(2024, 11, 23), D(2024, 11, 24), "week"),
    ("Air strikes continued over the weekend.", MON, "the weekend", D(2024, 11, 30), SUN, "week"),
    # months and years around publication
    ("The ceasefire collapsed last month.", MON, "last month", D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("More than 200 people have been killed this month.", MON, "this month", D(2024, 12, 1), D(2024, 12, 31), "month"),
    ("The group claimed a bombing earlier this month.", D(2024, 12, 10), "earlier this month", D(2024, 12, 1), D(2024, 12, 9), "month"),
    ("The war in Gaza erupted last year.", MON, "last year", D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("Casualties this year are the highest on record.", MON, "this year", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("Talks stalled late last year.", MON, "late last year", D(2023, 9, 1), D(2023, 12, 31), "year"),
    # absolute years, ranges, since
    ("The uprising began in 2011.", MON, "2011", D(2011, 1, 1), D(2011, 12, 31), "year"),
    ("The front lines have been frozen since 2020.", MON, "since 2020", D(2020, 1, 1), MON, "year"),
    ("Rebels held the east of the city from 2012 to 2016.", MON, "from 2012 to 2016", D(2012, 1, 1), D(2016, 12, 31), "year"),
    ("The militia grew between 2011 and 2015.", MON, "between 2011 and 2015", D(2011, 1, 1), D(2015, 12, 31), "year"),
    ("Its 2014-2015 campaign failed.", MON, "2014-2015", D(2014, 1, 1), D(2015, 12, 31), "year"),
    ("The group was founded in the 1980s.", MON, "the 1980s", D(1980, 1, 1), D(1989, 12, 31), "year"),
    ("The siege started in mid-2012.", MON, "mid-2012", D(2012, 5, 1), D(2012, 8, 31), "year"),
    ("The protests that began in early 2011 spread.", MON, "early 2011", D(2011, 1, 1), D(2011, 4, 30), "year"),
    # months and dates
    ("The dam was captured in March.", MON, "March", D(2024, 3, 1), D(2024, 3, 31), "month"),
    ("The dam was captured in August 2013.", MON, "August 2013", D(2013, 8, 1), D(2013, 8, 31), "month"),
    ("The strikes began in early April.", MON, "early April", D(2024, 4, 1), D(2024, 4, 10), "month"),
    ("The town was retaken in late September 2016.", MON, "late September 2016", D(2016, 9, 21), D(2016, 9, 30), "month"),
    ("The pact signed last September did not hold.", MON, "last September", D(2024, 9, 1), D(2024, 9, 30), "month"),
    ("The pact signed in October last year did not hold.", MON, "October last year", D(2023, 10, 1), D(2023, 10, 31), "month"),
    ("The bridge was blown up on March 4.", MON, "March 4", D(2024, 3, 4), D(2024, 3, 4), "day"),
    ("Troops entered the town on 4 July.", MON, "4 July", D(2024, 7, 4), D(2024, 7, 4), "day"),
    ("The convoy was ambushed on 27 May.", MON, "27 May", D(2024, 5, 27), D(2024, 5, 27), "day"),
    ("The court ruled on December 1, 2024.", MON, "December 1, 2024", SUN, SUN, "day"),
    ("The report was dated 12/01/2024.", MON, "12/01/2024", SUN, SUN, "day"),
    ("The report was dated 24.08.2013.", MON, "24.08.2013", D(2013, 8, 24), D(2013, 8, 24), "day"),
    ("The report was dated 2013-08-24.", MON, "2013-08-24", D(2013, 8, 24), D(2013, 8, 24), "day"),
    ("The blast on Sept. 19 killed five.", MON, "Sept. 19", D(2024, 9, 19), D(2024, 9, 19), "day"),
    ("The raid on April 7th was the deadliest.", MON, "April 7th", D(2024, 4, 7), D(2024, 4, 7), "day"),
    ("He was killed on the 4th, his family said.", D(2024, 12, 10), "the 4th", WED, WED, "day"),
    ("Fighting raged from 4 to 7 March 2016.", MON, "from 4 to 7 March 2016", D(2016, 3, 4), D(2016, 3, 7), "day"),
    ("Fighting raged from March to May 2016.", MON, "from March to May 2016", D(2016, 3, 1), D(2016, 5, 31), "month"),
    # year-less dates after publication: the previous year, unless close or future
    ("The massacre on December 20 shocked the region.", MON, "December 20", D(2023, 12, 20), D(2023, 12, 20), "day"),
    ("Talks open on December 5 in Geneva.", MON, "December 5", D(2024, 12, 5), D(2024, 12, 5), "day"),
    ("The envoy will visit Damascus on December 20.", MON, "December 20", D(2024, 12, 20), D(2024, 12, 20), "day"),
    ("Since March, the group has lost ground.", MON, "Since March", D(2024, 3, 1), MON, "month"),
    # counted back from publication
    ("The commander was killed two days ago.", MON, "two days ago", D(2024, 11, 30), D(2024, 11, 30), "day"),
    ("The camp was emptied three weeks ago.", MON, "three weeks ago", D(2024, 11, 8), D(2024, 11, 14), "week"),
    ("The town changed hands a few days ago.", MON, "a few days ago", D(2024, 11, 26), D(2024, 11, 30), "week"),
    ("The general was dismissed a month ago.", MON, "a month ago", D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("Fighting has killed 40 people in the past three days.", MON, "the past three days", D(2024, 11, 29), MON, "day"),
    ("Fighting has killed 40 people in the last 24 hours.", MON, "the last 24 hours", SUN, MON, "day"),
    ("Thousands have fled in recent weeks.", MON, "recent weeks", D(2024, 10, 21), MON, "month"),
    # anaphoric: resolved against publication, flagged
    ("Rebels had seized the village the previous day.", MON, "the previous day", SUN, SUN, "day"),
    ("Troops retook it the following day.", MON, "the following day", D(2024, 12, 3), D(2024, 12, 3), "day"),
    ("Gunmen stormed the village at dawn.", MON, "dawn", MON, MON, "day"),
]


@pytest.mark.parametrize("sentence,published,text,start,end,precision", CASES)
def test_resolves(times, sentence, published, text, start, end, precision):
    t = _only(times(sentence, published), text)
    assert (t.start, t.end, t.precision) == (start, end, precision), t.reason


# (sentence, expression text, relation)
RELATIONS = [
    ("The front lines have been frozen since 2020.", "since 2020", "since"),
    ("Rebels held the city from 2012 to 2016.", "from 2012 to 2016", "range"),
    ("The group has fought for years.", "for years", "duration"),
    ("Its members have trained there for decades.", "for decades", "duration"),
    ("The siege lasted three days.", "three days", "duration"),
    ("The council meets every Friday.", "every Friday", "recurring"),
    ("Markets are shelled daily.", "daily", "recurring"),
    ("The crossing stayed closed until 2016.", "until 2016", "until"),
    ("Fighting has killed 40 people in the past three days.", "the past three days", "range"),
    ("Rebels had seized the village the previous day.", "the previous day", "point"),
]


@pytest.mark.parametrize("sentence,text,relation", RELATIONS)
def test_relation(times, sentence, text, relation):
    t = _only(times(sentence, MON), text)
    assert t.relation == relation, t.reason


def test_duration_has_no_dates(times):
    t = _only(times("The group has fought for years.", MON), "for years")
    assert (t.start, t.end, t.precision) == (None, None, "unknown")


def test_until_is_open_at_the_start(times):
    t = _only(times("The crossing stayed closed until 2016.", MON), "until 2016")
    assert (t.start, t.end) == (None, D(2016, 12, 31))


def test_before_ends_the_day_before(times):
    t = _only(times("The town was quiet before 2011.", MON), "before 2011")
    assert (t.start, t.end, t.relation) == (None, D(2010, 12, 31), "until")


def test_anaphoric_flag_and_reason(times):
    prev = _only(times("Rebels had seized the village the previous day.", MON), "the previous day")
    assert prev.anaphoric and prev.relative and prev.relation == "point"
    assert "refers back" in prev.reason
    late = _only(times("Hundreds crossed late Sunday.", MON), "late Sunday")
    assert not late.anaphoric


def test_hours_after_has_no_date(times):
    t = _only(times("The second blast came hours after the first.", MON), "hours after")
    assert (t.start, t.end, t.precision) == (None, None, "unknown")


def test_relative_flag(times):
    found = times("Rebels rose in 2011 and took the town late Sunday.", MON)
    assert not _only(found, "2011").relative
    assert _only(found, "late Sunday").relative


def test_reason_names_the_rule(times):
    t = _only(times("Fighters crossed the border late Sunday.", MON), "late Sunday")
    assert t.reason.startswith("'late Sunday':")
    assert "2024-12-02" in t.reason


# --------------------------------------------------------------------------- no publication date


@pytest.mark.parametrize("sentence,text", [
    ("Fighters crossed the border late Sunday.", "late Sunday"),
    ("A rebel offensive last week surprised the army.", "last week"),
    ("The commander was killed two days ago.", "two days ago"),
    ("The dam was captured in March.", "March"),
    ("The bridge was blown up on March 4.", "March 4"),
])
def test_no_publication_date_leaves_relative_unresolved(times, sentence, text):
    t = _only(times(sentence, None), text)
    assert (t.start, t.end, t.precision) == (None, None, "unknown")
    assert t.relative and "publication date is missing" in t.reason


@pytest.mark.parametrize("sentence,text,start,end", [
    ("The uprising began in 2011.", "2011", D(2011, 1, 1), D(2011, 12, 31)),
    ("The court ruled on December 1, 2024.", "December 1, 2024", SUN, SUN),
    ("Rebels held the city from 2012 to 2016.", "from 2012 to 2016", D(2012, 1, 1), D(2016, 12, 31)),
])
def test_no_publication_date_keeps_absolute_dates(times, sentence, text, start, end):
    t = _only(times(sentence, None), text)
    assert (t.start, t.end) == (start, end)


def test_since_without_publication_is_open_ended(times):
    t = _only(times("The front lines have been frozen since 2020.", None), "since 2020")
    assert (t.start, t.end) == (D(2020, 1, 1), None)


# --------------------------------------------------------------------------- not times


@pytest.mark.parametrize("sentence", [
    "Rebels may attack the airport, officials warned.",
    "The strike killed 2000 people, the monitor said.",
    "Resolution 2254 calls for a political transition.",
    "A six-year-old boy was among the dead.",
    "The fall of Aleppo shocked the opposition.",
    "The 4th Division shelled the town on the hill.",
])
def test_not_a_time(times, sentence):
    assert times(sentence, MON) == []


def test_spans_sorted_and_disjoint(times):
    text = ("Fighters crossed the border late Sunday, three days after the army said on Thursday "
            "that the front, frozen since 2020, would hold until next year.")
    found = times(text, MON)
    spans = [t.span for t in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for t in found:
        assert text[t.span[0]:t.span[1]] == t.text


def test_seed_article(times):
    """The motivating article: what a careful reader dates."""
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "examples" / "iraqi-fighters-enter-syria.txt"
    found = {t.text: t for t in times(seed.read_text(encoding="utf-8"), MON)}
    assert (found["overnight"].start, found["overnight"].end) == (SUN, MON)
    assert found["late Sunday"].start == SUN
    assert (found["last week"].start, found["last week"].end) == (D(2024, 11, 25), SUN)
    assert found["from 2012 to 2016"].relation == "range"
    assert found["since 2020"].relation == "since"
    assert found["for years"].relation == "duration"


# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize("text,start", [
    ("Thu 07 Mar 2019 Mortar fire kills three in the old city. Mortar rounds hit...", D(2019, 3, 7)),
    ("9 March 2018 Government forces pushed into the suburb on Friday.", D(2018, 3, 9)),
    ("March 9 2018 Government forces pushed into the suburb on Friday.", D(2018, 3, 9)),
    ("Published March 9 2018 Government forces pushed into the suburb.", D(2018, 3, 9)),
    ("Posted on March 9, 2018 by a staff writer Government forces pushed in.", D(2018, 3, 9)),
    ("Date of publication 9 March 2018 Government forces pushed into the suburb.", D(2018, 3, 9)),
    ("Last updated at Mar 092018 Government forces pushed into the suburb.", D(2018, 3, 9)),
    ("Shelling kills nine in besieged suburb Monitor AFP Friday 9 Mar 2018 Shelling killed", D(2018, 3, 9)),
    ("09.03.2018Get short URL Government forces pushed into the suburb.", D(2018, 3, 9)),
    ("09-03-2018 Government forces pushed into the suburb.", D(2018, 3, 9)),
    ("Fri Mar 9 2018 Government forces pushed into the suburb.", D(2018, 3, 9)),
])
def test_dateline(text, start):
    t = dateline(text)
    assert t is not None and t.start == start and t.precision == "day"
    assert text[t.span[0]:t.span[1]] == t.text


def test_wire_dateline_takes_its_year_from_a_reference():
    text = "BEIRUT, Dec 2 (Reuters) - Hundreds of fighters crossed into Syria overnight."
    t = dateline(text, reference=D(2024, 12, 3))
    assert t is not None and t.start == MON
    bare = dateline(text)
    assert bare is not None and bare.start is None and bare.precision == "unknown"


@pytest.mark.parametrize("text", [
    "Government forces pushed into the suburb on Friday, a monitor said.",
    "1. The massacre: On March 9 2018 government forces shelled the suburb.",
    "Rebels say the war began in March 2011. On 9 March 2018 they lost the town.",
])
def test_no_dateline(text):
    assert dateline(text) is None


def test_dateline_from_a_doc(bare_nlp):
    doc = bare_nlp("Wed 05 Apr 2017 Strikes hit the town. Residents fled.")
    t = dateline(doc)
    assert t is not None and t.start == D(2017, 4, 5)


# --------------------------------------------------------------------------- offsets and anchors


def test_offset_from_a_named_event_has_no_date(times):
    t = _only(times("The raids came a day after the ministry announced a truce.", MON), "a day after")
    assert (t.start, t.end, t.precision) == (None, None, "unknown")
    assert t.anaphoric and t.anchor_offset == (1, "day")


def test_offset_from_a_written_date_is_that_date_shifted(times):
    t = _only(times("The town fell two days after 4 July 2016.", MON), "two days after 4 July 2016")
    assert (t.start, t.end, t.precision) == (D(2016, 7, 6), D(2016, 7, 6), "day")


def test_standalone_offset_is_anchored_at_publication_and_flagged(times):
    t = _only(times("The army returned three weeks later.", MON), "three weeks later")
    assert t.anaphoric and t.anchor_offset == (3, "week")
    prev = _only(times("Rebels had seized it the previous day.", MON), "the previous day")
    assert prev.anchor_offset == (-1, "day")


def test_future_period(times):
    t = _only(times("Aid agencies expect the situation to worsen in the coming weeks.", MON), "the coming weeks")
    assert t.relation == "range" and t.start == MON and t.end > MON


def test_vague_plural_period(times):
    t = _only(times("The army made gains in the past days.", MON), "the past days")
    assert (t.start, t.end, t.precision) == (D(2024, 11, 26), MON, "week")


def test_first_week_of_a_month(times):
    t = _only(times("Rebels attacked in the first week of July 2016.", MON), "the first week of July 2016")
    assert (t.start, t.end) == (D(2016, 7, 1), D(2016, 7, 7))


def test_future_cue_from_a_governing_noun(times):
    t = _only(times("The envoy wants a deal ahead of a January deadline.", MON), "January")
    assert t.start == D(2025, 1, 1)


def test_around_dawn(times):
    t = _only(times("The shelling started around dawn.", MON), "dawn")
    assert t.start == MON and t.anaphoric


@pytest.mark.parametrize("sentence", [
    "The city is famous for its 2000-year-old temples.",
    "The council meets at 1900 GMT.",
    "The children cry at night when the jets come.",
    "The market on April 7th Street was hit.",
    "Air strikes on Syria numbered nearly 2000 last year.",
])
def test_not_a_time_in_context(times, sentence):
    found = times(sentence, MON)
    assert not [t for t in found if t.text in ("2000", "1900", "night", "April 7th", "early 2000")]


def test_weekday_possessive_without_apostrophe_is_a_day_not_a_period(times):
    t = _only(times("Rebels vowed revenge after Tuesdays attack on the town.", MON), "Tuesdays")
    assert (t.start, t.relation) == (D(2024, 11, 26), "point")


def test_weekday_modifying_a_noun_takes_no_relation_word(times):
    t = _only(times("The blast went off soon after Friday prayers.", MON), "Friday")
    assert t.relation == "point"


def test_clock_time_next_to_a_dateline_is_not_a_year(times):
    found = times("21.05.2017 (updated 2139 21.05.2017) Shells hit the town.", MON)
    assert [t.text for t in found] == ["21.05.2017", "21.05.2017"]


def test_invariants_on_development_articles(bare_nlp, shared_data):
    """Over real articles (read in place, not copied): spans sorted, disjoint, exact; every
    expression dated or saying why not; every article's dateline found."""
    import csv
    from datetime import datetime

    path = shared_data / "fakes-dev" / "fakes-dev.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:40]
    for row in rows:
        published = datetime.strptime(row["date"], "%m/%d/%y").date()
        doc = bare_nlp(row["article_content"])
        found = extract_times(doc, published)
        spans = [t.span for t in found]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        for t in found:
            assert doc.text[t.span[0]:t.span[1]] == t.text
            assert t.reason.startswith(f"'{t.text}':")
            assert t.precision in ("day", "week", "month", "year", "unknown")
            if t.start is not None and t.end is not None:
                assert t.start <= t.end, t.reason
            if t.start is None and t.end is None and t.relation not in ("duration", "recurring"):
                assert t.anaphoric, t.reason
    assert sum(dateline(r["article_content"]) is not None for r in rows) >= 0.9 * len(rows)
