"""History or news: a war's running toll and retold history are background, never new events."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Syria's conflict has killed more than 280,000 people since it began in March 2011.",
        "More than 220,000 people have been killed in the war.",
    ],
)
def test_a_wars_running_toll_is_background(extract, text):
    doc = extract(text, published="2016-12-02")
    assert doc.events and all(e.status == "background" for e in doc.events)


def test_a_strike_told_beside_the_toll_keeps_its_own_count(extract):
    doc = extract("An air strike killed 12 people in Douma on Monday, in a war that has killed 300,000.", published="2016-12-02")
    (strike,) = [e for e in doc.events if e.status == "current"]
    assert strike.sub_event_type == "Air/drone strike" and strike.fatalities == 12


def test_an_old_date_makes_history(extract):
    doc = extract("Government forces recaptured Aleppo in December 2016.", published="2024-12-02")
    assert [e.status for e in doc.events] == ["background"]


def test_a_toll_since_the_war_began_is_background(extract):
    doc = extract(
        "More than 220000 people have been killed in Syria since the conflict began with protests in March 2011.",
        published="2015-07-09",
    )
    assert doc.events and all(e.status == "background" for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "At least 127 people have been killed by air strikes and shelling since the army began its offensive on Eastern Ghouta.",
        "A total of 37 government fighters and 101 militants have been killed since the regime launched its offensive for Tabaqa.",
        "According to some sources over 1600 people have been killed in over three years of turmoil in Syria.",
        "Air strikes killed 280 people in five months, the monitor said.",
    ],
)
def test_a_toll_since_a_point_in_time_is_background(extract, text):
    # It adds up many happenings after that point: no one event has that toll.
    doc = extract(text, published="2017-11-27")
    assert all(e.status == "background" for e in doc.events if e.fatalities)
    assert all("running toll" in (e.reason or "") for e in doc.events if e.fatalities)


def test_an_incident_dated_more_than_a_week_back_is_context(extract):
    doc = extract(
        "Air strikes killed 12 people in Idlib on Monday. "
        "IS has regularly targeted rebels, including an October 6 attack at a border crossing that killed 29 rebels.",
        published="2016-10-14",
    )
    by_toll = {e.fatalities: e.status for e in doc.events if e.fatalities}
    assert by_toll == {12: "current", 29: "background"}


def test_a_count_of_tens_of_thousands_is_a_running_toll_however_phrased(extract):
    doc = extract("More than 300000 people have been killed and millions forced to flee their homes.", published="2016-10-22")
    (toll,) = [e for e in doc.events if e.fatalities]
    assert toll.status == "background" and "running toll" in toll.reason


@pytest.mark.parametrize(
    "text, published",
    [
        ("In early October four suicide bombers blew themselves up in Damascus killing 15 people.", "2017-10-11"),
        ("In May a motorcycle bomb killed 170 people in Jableh.", "2016-06-03"),
    ],
)
def test_a_month_known_but_not_the_day_before_the_news_window_is_recalled(extract, text, published):
    (event,) = [e for e in extract(text, published=published).events if e.event_type]
    assert event.status == "background" and "news window" in event.reason


def test_this_months_incident_in_the_window_stays_news(extract):
    (event,) = [e for e in extract("Air strikes killed 12 people in Idlib earlier this month.", published="2017-04-03").events if e.event_type]
    assert event.status == "current"


def test_that_attack_told_after_history_is_that_history(extract):
    doc = extract(
        "Barrel bombs hit Saraqeb on Monday. In August 2013 a sarin attack hit Ghouta. "
        "The United States accused Damascus of that attack which it estimates killed 1429 people.",
        published="2016-08-02",
    )
    assert [e.fatalities for e in doc.events if e.status == "current" and e.fatalities] == []
    assert any(e.status == "background" and e.fatalities == 1429 for e in doc.events)


@pytest.mark.parametrize("text", [
    # ACLED §2.4: a total over several happenings is not one event.
    "Gunmen shot dead a teacher in Nawa on Monday. These attacks and assassinations claimed the lives of 545 people.",
    "Gunmen shot dead a teacher in Nawa on Monday. While 674 militants were also killed in attacks in the same period.",
])
def test_a_total_of_happenings_told_before_is_no_event_toll(extract, text):
    doc = extract(text, published="2021-01-06")
    current = [e for e in doc.events if e.status == "current" and e.fatalities]
    assert current and max(e.fatalities for e in current) == 1


@pytest.mark.parametrize("until_now", ["to date", "so far"])
def test_a_since_period_closed_by_an_until_now_adverb_still_dates_the_toll(extract, until_now):
    # "to date" is an adverb of the clause; the parser may take its "date" for a verb.
    doc = extract(f"The monitor has documented since March 2015 {until_now} some 950 fatalities in air strikes, including 80 children.",
                  published="2017-11-27")
    assert doc.events and all(e.status == "background" for e in doc.events if e.fatalities)


def test_hundreds_killed_in_one_happening_stays_news(extract):
    doc = extract("Air strikes on Aleppo killed hundreds of people on Monday.", published="2021-04-05")
    (strike,) = [e for e in doc.events if e.fatalities]
    assert strike.status == "current" and strike.fatalities == 100


@pytest.mark.parametrize(
    "text",
    [
        # A relative clause tells another happening: its date and its history words are its own.
        "Jets struck the town of Saraqeb, which rebels have held since 2012.",
        "A suicide bomber killed 50 fighters in Idlib, who had fought the army there for years.",
    ],
)
def test_a_relative_clause_does_not_date_the_main_clause(extract, text):
    doc = extract(text, published="2021-12-01")
    assert any(e.status == "current" and e.event_type in ("Explosions/Remote violence", "Violence against civilians", "Battles")
               for e in doc.events), [(e.sub_event_type, e.status, e.reason) for e in doc.events]
