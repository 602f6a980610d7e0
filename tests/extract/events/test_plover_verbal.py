"""PLOVER's verbal and cooperative events: a speech act or a cooperative act is news in any
sentence, the sentence's main act outranks the happenings it is about, and a denied
cooperative act is a rejection. None of them becomes an ACLED event. Sentences written for
these tests."""

import pytest


def _plover(doc):
    """The PLOVER type of the event a PLOVER reader takes: current first, most confident."""
    typed = [e for e in doc.events if e.plover is not None]
    if not typed:
        return None
    return max(typed, key=lambda e: (e.status == "current", e.confidence)).plover.type


def _acled(doc):
    return sorted({e.sub_event_type for e in doc.events if e.status == "current" and e.sub_event_type})


@pytest.mark.parametrize(
    "text, plover",
    [
        # verbal words outside a war report
        ("Norway and Sweden agreed on Monday to build a new rail link across their border.", "AGREE"),
        ("Canada signed a trade treaty with Mexico on Friday.", "AGREE"),
        ("Brazil welcomed the new trade rules announced by Argentina.", "SUPPORT"),
        ("Germany will support Poland's bid to host the summit, the chancellor said.", "SUPPORT"),
        ("Spain extradited a suspected fraudster to Italy on Tuesday.", "COOPERATE"),
        ("Ireland will mediate between Kenya and Uganda next week.", "CONSULT"),
        ("France complained to Belgium about the new tariffs on Tuesday.", "ACCUSE"),
        ("Portugal declined an invitation from Morocco to join the talks.", "REJECT"),
        ("Austria suspended all flights to Hungary on Monday.", "SANCTION"),
        ("Chile eased the rules for travellers from Argentina on Sunday.", "CONCEDE"),
        ("Japan sought assurances from China over the disputed islands.", "REQUEST"),
        ("The Greek government is willing to reopen its embassy in Albania, the minister said.", "AGREE"),
    ],
)
def test_verbal_acts_are_found_outside_war_reports(extract, text, plover):
    doc = extract(text)
    assert _plover(doc) == plover
    assert _acled(doc) == []


@pytest.mark.parametrize(
    "text, plover",
    [
        # the main verb's act, not the violence or the deployment it is about
        ("Lebanon blamed Israel for the bombing of a market in Tyre.", "ACCUSE"),
        ("Iraq rejected a UN appeal for deploying troops along the border with Syria.", "REJECT"),
        ("Egypt accused Sudan of violating the ceasefire in the border region.", "ACCUSE"),
        ("Turkey threatened to halt talks with Greece after clashes on the island.", "THREATEN"),
    ],
)
def test_the_main_speech_act_outranks_what_it_is_about(extract, text, plover):
    assert _plover(extract(text)) == plover


@pytest.mark.parametrize(
    "text",
    [
        "Syria will not accept more refugees from Iraq, the minister said.",
        "Kenya refused to meet the Ugandan delegation in Nairobi.",
    ],
)
def test_a_denied_cooperative_act_is_a_rejection(extract, text):
    assert _plover(extract(text)) == "REJECT"


def test_in_a_war_report_an_agreement_stays_an_acled_agreement(extract):
    doc = extract("The army and the rebels agreed to a ceasefire in the north after weeks of fighting.")
    assert "Agreement" in _acled(doc)


def test_everyday_senses_of_weak_verbal_words_stay_silent(extract):
    # "released a statement", "hosted refugees": no concession, no consultation.
    assert _plover(extract("The ministry of health released a statement on Monday.")) is None
    assert _plover(extract("Germany hosted thousands of refugees last year.")) is None


def test_a_leadership_word_has_no_verbal_fallback(extract):
    doc = extract("The president dismissed the finance minister on Friday.")
    assert _plover(doc) != "REJECT"


@pytest.mark.parametrize(
    "text, plover",
    [
        # a verbal word in what another verbal act is about is its topic
        ("Norway rejected a call for new sanctions against Iceland.", "REJECT"),
        ("Chile lifted the nightly curfew in the capital on Sunday.", "CONCEDE"),
        ("Austria suspended its cooperation with Hungary on border controls.", "SANCTION"),
        ("Denmark accepted the demands of the striking fishermen.", "AGREE"),
    ],
)
def test_a_verbal_act_about_another_is_that_act(extract, text, plover):
    assert _plover(extract(text)) == plover


@pytest.mark.parametrize(
    "text, country",
    [
        # A speech act or a cooperation that names no party as recipient is directed at the
        # country its object or a recipient preposition names; that country stands for its state.
        ("Norway's foreign ministers agreed on Friday to send emergency aid to Chad.", "TCD"),
        ("The Kenyan president will visit Uganda next week to mediate in a trade dispute.", "UGA"),
        ("Canada on Monday demanded that Peru release the detained journalists.", "PER"),
    ],
)
def test_a_country_named_as_recipient_is_actor2(extract, text, country):
    doc = extract(text)
    ents = {e.id: e for e in doc.entities}
    got = [ents[e.actor2].country for e in doc.events if e.plover is not None and e.actor2 in ents]
    assert country in got, [(e.plover, e.actor1, e.actor2) for e in doc.events]


def test_actor1s_own_country_is_not_its_recipient(extract):
    doc = extract("Norway's foreign minister agreed on Friday to raise aid spending for Norway.")
    assert all(e.actor2 is None for e in doc.events if e.plover is not None)
