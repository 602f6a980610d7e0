"""The cross-article merge on plain records: no database, no extractor."""

import random
from datetime import date

from sitrep.corpus.merge import ActorRef, EventIndex, Report, merge_reports, reconcile_fatalities

SYR_ARMY = ActorRef("kb:military-forces-of-syria-2000-2024", False, "SYR", 1)
CIVILIANS = ActorRef("kb:civilians-syria", True, "SYR", 7)
RUSSIA = ActorRef("kb:military-forces-of-russia", False, "RUS", 1)
GUNMEN = ActorRef("kb:gunmen-syria", True, "SYR", 3)
HTS = ActorRef("kb:hayat-tahrir-al-sham", False, "SYR", 2)

SARAQEB = dict(place_id="geonames:164816", lat=35.8637, lon=36.8041, admin1="Idlib")
ARIHA = dict(place_id="geonames:172994", lat=35.8134, lon=36.6071, admin1="Idlib")
DAY = date(2024, 12, 3)


def strike(key: str, article: str, place: dict, fatalities=None, precision=1, **kw) -> Report:
    base = dict(key=key, article_id=article, event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike", actor1=SYR_ARMY, actor2=CIVILIANS, country="SYR",
                geo_precision=precision, date_start=DAY, date_end=DAY, fatalities=fatalities)
    base.update(place)
    base.update(kw)
    return Report(**base)


def test_two_strikes_on_two_towns_on_the_same_day_stay_two_events():
    events = merge_reports([strike("a#e1", "a", SARAQEB, 12), strike("b#e1", "b", ARIHA, 4)])
    assert len(events) == 2
    assert sorted(e.place_id for e in events) == ["geonames:164816", "geonames:172994"]


def test_two_reports_of_one_strike_merge_and_keep_both_tolls():
    [event] = merge_reports([strike("a#e1", "a", SARAQEB, 12), strike("b#e1", "b", SARAQEB, 15)])
    assert [r.key for r in event.reports] == ["a#e1", "b#e1"]
    f = event.fatalities()
    assert (f.best, f.low, f.high, f.conflict) == (12, 12, 15, True)
    assert "same place" in event.reasons["b#e1"] and "dates overlap" in event.reasons["b#e1"]
    assert event.n_sources == 2


def test_a_report_near_a_town_merges_with_the_town_within_the_precision_distance():
    near = dict(place_id=None, lat=35.90, lon=36.85, admin1="Idlib")  # ~6 km from Saraqeb
    [event] = merge_reports([strike("a#e1", "a", SARAQEB), strike("b#e1", "b", near, precision=2)])
    assert "km apart" in event.reasons["b#e1"]
    far = dict(place_id=None, lat=36.6, lon=37.1, admin1="Aleppo")  # ~85 km
    assert len(merge_reports([strike("a#e1", "a", SARAQEB), strike("c#e1", "c", far, precision=2)])) == 2


def test_region_level_reports_need_the_same_admin1():
    region = dict(place_id="admin1:SY.10", lat=35.9, lon=36.6, admin1="Idlib")
    other = dict(place_id="admin1:SY.01", lat=36.2, lon=37.1, admin1="Aleppo")
    assert len(merge_reports([strike("a#e1", "a", SARAQEB), strike("b#e1", "b", region, precision=3)])) == 1
    assert len(merge_reports([strike("a#e1", "a", SARAQEB), strike("b#e1", "b", other, precision=3)])) == 2


def test_different_days_types_and_actors_do_not_merge():
    base = strike("a#e1", "a", SARAQEB)
    assert len(merge_reports([base, strike("b#e1", "b", SARAQEB, date_start=date(2024, 12, 5), date_end=date(2024, 12, 5))])) == 2
    assert len(merge_reports([base, strike("b#e1", "b", SARAQEB, sub_event_type="Shelling/artillery/missile attack")])) == 2
    assert len(merge_reports([base, strike("b#e1", "b", SARAQEB, actor1=RUSSIA)])) == 2


def test_actor_direction_is_ignored_and_a_generic_same_country_agent_matches():
    swapped = strike("b#e1", "b", SARAQEB, actor1=CIVILIANS, actor2=SYR_ARMY)
    [event] = merge_reports([strike("a#e1", "a", SARAQEB), swapped])
    assert event.swapped["b#e1"] is True
    clash = dict(event_type="Battles", sub_event_type="Armed clash", actor2=None)
    named = strike("a#e1", "a", SARAQEB, actor1=HTS, **clash)
    generic = strike("b#e1", "b", SARAQEB, actor1=ActorRef("kb:rebels-syria", True, "SYR", 2), **clash)
    [event] = merge_reports([generic, named])
    assert event.actor1 == HTS  # the named actor replaces the generic one
    assert len(merge_reports([named, strike("c#e1", "c", SARAQEB, actor1=GUNMEN, **clash)])) == 2  # other actor type


def test_vague_dates_never_merge_across_articles():
    month = dict(date_start=date(2024, 12, 1), date_end=date(2024, 12, 31))
    assert len(merge_reports([strike("a#e1", "a", SARAQEB, **month), strike("b#e1", "b", SARAQEB, **month)])) == 2


def test_two_events_of_one_article_never_merge():
    assert len(merge_reports([strike("a#e1", "a", SARAQEB), strike("a#e2", "a", SARAQEB)])) == 2


def test_near_duplicate_reports_attach_to_their_story_and_count_once():
    original = strike("a#e1", "a", SARAQEB, 12, story_id=1)
    # The copy's place resolved differently (a region 20 km off): within the story that is enough.
    copy = strike("b#e1", "b", dict(place_id=None, lat=35.70, lon=36.75, admin1="Idlib"), 12,
                  precision=1, story_id=1, duplicate=True)
    [event] = merge_reports([original, copy])
    assert event.reasons["b#e1"].startswith("near-duplicate article of the same story")
    assert len(event.reports) == 2 and event.n_sources == 1


def test_fatalities_conservative_figure_sets_aside_party_claims_and_denials():
    reports = [
        strike("a#e1", "a", SARAQEB, 30, attribution_kind="party_to_conflict"),
        strike("b#e1", "b", SARAQEB, 12, attribution_kind="monitor"),
        strike("c#e1", "c", SARAQEB, 2, certainty="denied"),
        strike("d#e1", "d", SARAQEB, None, fatalities_low=None),
    ]
    f = reconcile_fatalities(reports)
    assert (f.best, f.low, f.high) == (12, 12, 30)
    assert "parties to the conflict" in f.reason
    only_party = reconcile_fatalities([reports[0]])
    assert only_party.best == 30 and not only_party.conflict


def test_merge_is_independent_of_input_order():
    reports = [strike(f"{a}#e1", a, place, n) for a, place, n in
               [("a", SARAQEB, 12), ("b", ARIHA, 4), ("c", SARAQEB, 15), ("d", ARIHA, 5), ("e", SARAQEB, None)]]

    def shape(events):
        return sorted((e.id, e.place_id, tuple(sorted(r.key for r in e.reports)), e.fatalities().best) for e in events)

    expected = shape(merge_reports(reports))
    rng = random.Random(4)
    for _ in range(5):
        shuffled = reports[:]
        rng.shuffle(shuffled)
        assert shape(merge_reports(shuffled)) == expected


def test_blocking_only_looks_at_the_same_type_country_and_week():
    index = EventIndex()
    for i in range(200):
        day = date.fromordinal(DAY.toordinal() + i * 7)
        index.add(strike(f"x{i}#e1", f"x{i}", SARAQEB, date_start=day, date_end=day))
    assert len(index.candidates(strike("q#e1", "q", SARAQEB))) == 1
