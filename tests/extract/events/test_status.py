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
