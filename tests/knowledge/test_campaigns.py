"""The air-campaign table: every force it names is in the actor KB, and its periods are sane."""

from datetime import date

from sitrep.knowledge.campaigns import air_campaigns


def test_every_campaign_names_known_actors(extractor):
    knowledge = extractor.knowledge
    table = air_campaigns()
    assert table.campaigns
    for c in table.campaigns:
        assert knowledge.actors.get(c.actor) is not None, c.actor
        for other in c.also_flying:
            assert knowledge.actors.get(other.actor) is not None, other.actor
        for excluded in c.not_when:
            assert knowledge.actors.get(excluded) is not None, excluded
        assert c.start is None or c.end is None or c.start < c.end


def test_a_campaign_is_active_only_in_its_period():
    (syria,) = [c for c in air_campaigns().campaigns if c.country == "SYR"]
    assert syria.active_on(date(2016, 1, 1))
    assert not syria.active_on(date(2011, 1, 1))
    assert not syria.active_on(date(2025, 1, 1))
