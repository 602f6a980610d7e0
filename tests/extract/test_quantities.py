import pytest

from sitrep.extract.quantities import Quantity, extract_quantities, parse_number


@pytest.fixture(scope="module")
def quantities(bare_nlp):
    def run(text: str) -> list[Quantity]:
        return extract_quantities(bare_nlp(text))

    return run


@pytest.mark.parametrize(
    "text, expected",
    [
        ("seven", 7),
        ("Nine", 9),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("Thirty one", 31),
        ("one hundred and twenty", 120),
        ("1,200", 1200),
        ("220000", 220000),
        ("2.5 million", 2500000),
        ("1.5 thousand", 1500),
        ("5 million", 5000000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a hundred", 100),
        ("three million", 3000000),
        ("zero", 0),
        # Not numbers: vague plurals, ordinals, fractions of a count, words.
        ("dozens", None),
        ("third", None),
        ("2.5", None),
        ("soldiers", None),
        ("", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


# (sentence, value, low, high, qualifier, unit) of the first quantity found.
COUNTS = [
    # plain counts: digits, commas, words
    ("The strike killed seven people.", 7, 7, 7, "exact", "person"),
    ("More than 1,200 people have been killed.", 1200, 1200, None, "at_least", "person"),
    ("Twenty-five soldiers were killed.", 25, 25, 25, "exact", "soldier"),
    ("Thirty one Islamic State fighters were killed.", 31, 31, 31, "exact", "fighter"),
    ("Some 2.5 million people are displaced.", 2500000, None, None, "about", "person"),
    ("A dozen soldiers were killed.", 12, 12, 12, "exact", "soldier"),
    # lower bounds: the stated figure is the value
    ("At least 300 fighters crossed the border.", 300, 300, None, "at_least", "fighter"),
    ("Over 40 rebels were captured.", 40, 40, None, "at_least", "rebel"),
    ("Upwards of 60 families fled.", 60, 60, None, "at_least", "family"),
    ("No fewer than 18 civilians died.", 18, 18, None, "at_least", "civilian"),
    ("20 or more people were killed.", 20, 20, None, "at_least", "person"),
    # upper bounds: the stated figure is the value, and the ceiling
    ("Up to 50 militants were killed.", 50, None, 50, "at_most", "militant"),
    ("As many as 80 children were among the dead.", 80, None, 80, "at_most", "child"),
    ("Nearly 70 people died.", 70, None, 70, "at_most", "person"),
    ("Fewer than 10 soldiers survived.", 10, None, 10, "at_most", "soldier"),
    # estimates
    ("About 600 Syrians were killed.", 600, None, None, "about", "syrian"),
    ("Around 30 rockets hit the town.", 30, None, None, "about", "rocket"),
    ("An estimated 4,000 fighters remain.", 4000, None, None, "about", "fighter"),
    ("Roughly 200 protesters gathered.", 200, None, None, "about", "protester"),
    ("Close to 90 detainees were freed.", 90, None, None, "about", "detainee"),
    # ranges: value is the low end
    ("Between 10 and 15 people were killed.", 10, 10, 15, "at_least", "person"),
    ("The strike killed 10 to 15 civilians.", 10, 10, 15, "at_least", "civilian"),
    ("The strike killed 10-15 civilians.", 10, 10, 15, "at_least", "civilian"),
    ("The strike killed 10–15 civilians.", 10, 10, 15, "at_least", "civilian"),
    ("Two or three children were wounded.", 2, 2, 3, "at_least", "child"),
    # vague words (ACLED: tens 10, dozens 12, hundreds 100; the rest are sitrep's choices)
    ("Hundreds of Iraqi fighters entered Syria.", 100, 100, None, "vague", "fighter"),
    ("Hundreds of Iran-backed Iraqi militants crossed.", 100, 100, None, "vague", "militant"),
    ("Dozens of civilians were killed.", 12, 12, None, "vague", "civilian"),
    ("Tens of people were killed.", 10, 10, None, "vague", "person"),
    ("Tens of thousands of people fled.", 10000, 10000, None, "vague", "person"),
    ("Hundreds of thousands of Syrians fled.", 100000, 100000, None, "vague", "syrian"),
    ("Thousands of Afghan migrants walked.", 1000, 1000, None, "vague", "migrant"),
    ("Scores of rebels were wounded.", 20, 20, None, "vague", "rebel"),
    ("Several soldiers were killed.", 3, 3, None, "vague", "soldier"),
    ("Several hundred troops arrived.", 300, 300, None, "vague", "troop"),
    ("A few dozen militants surrendered.", 24, 24, None, "vague", "militant"),
    ("A few villagers stayed.", 2, 2, None, "vague", "villager"),
    ("A handful of fighters remained.", 2, 2, None, "vague", "fighter"),
    ("A number of mosques were damaged.", 2, 2, None, "vague", "mosque"),
    ("Many civilians fled the city.", 2, 2, None, "vague", "civilian"),
    ("Dozens were killed.", 12, 12, None, "vague", None),
    ("Many hundreds of residents fled.", 200, 200, None, "vague", "resident"),
    ("Half a million people left the city.", 500000, None, None, "about", "person"),
    ("Half a dozen guards were hurt.", 6, None, None, "about", "guard"),
    # the counted noun through the parse
    ("300 of the fighters were Iraqi.", 300, 300, 300, "exact", "fighter"),
    ("The seven dead were buried.", 7, 7, 7, "exact", "dead"),
    ("Gunmen killed seven on Sunday.", 7, 7, 7, "exact", None),
    ("WHO put the death toll at at least 70.", 70, 70, None, "at_least", None),
    ("Coalition planes carried out 10 air strikes.", 10, 10, 10, "exact", "strike"),
    ("Militants fired 20 barrel bombs.", 20, 20, 20, "exact", "bomb"),
    ("A 500-strong force was deployed.", 500, 500, 500, "exact", "force"),
    ("The plane carried three crew.", 3, 3, 3, "exact", "crew"),
    ("Officials said 12 injured were taken to hospital.", 12, 12, 12, "exact", "injured"),
    ("Reports spoke of 40+ dead after the raid.", 40, 40, None, "at_least", "dead"),
    ("More than 10 million displaced have not returned.", 10000000, 10000000, None, "at_least",
     "displaced"),
    # two coordinated modifiers: the plural noun ending the phrase is counted
    ("At least 70 regime and rebel fighters died.", 70, 70, None, "at_least", "fighter"),
    # a weekday before a count does not make it a date or a label
    ("On Monday 14 soldiers were killed.", 14, 14, 14, "exact", "soldier"),
    # commas are often stripped from news copy: a qualified four-digit count is no year
    ("More than 2000 families fled.", 2000, 2000, None, "at_least", "family"),
    ("Between 1500 and 2000 people died.", 1500, 1500, 2000, "at_least", "person"),
    # one person, counted by the article
    ("The bombing killed a child.", 1, 1, 1, "exact", "child"),
    ("A man was shot dead.", 1, 1, 1, "exact", "man"),
    ("A 21-year-old man was shot dead.", 1, 1, 1, "exact", "man"),
    ("The raid killed one civilian.", 1, 1, 1, "exact", "civilian"),
]


@pytest.mark.parametrize("text, value, low, high, qualifier, unit", COUNTS)
def test_counts(quantities, text, value, low, high, qualifier, unit):
    found = quantities(text)
    assert found, f"nothing found in {text!r}"
    q = found[0]
    assert (q.value, q.low, q.high, q.qualifier, q.unit) == (value, low, high, qualifier, unit)


NOT_COUNTS = [
    "The uprising began in 2011.",
    "Rebels held the city from 2012 to 2016.",
    "A 21-year-old was arrested.",
    "The victim, aged 21, was a student.",
    "The attack happened at 10 am on 27 May.",
    "Fighting resumed on May 27, 2017.",
    "Prices rose 5 percent.",
    "Inflation reached 50%.",
    "The UN pledged $5 million in aid.",
    "They received US$ 40 million.",
    "It was the third attack this month.",
    "He was one of the commanders.",
    "Security Council Resolution 2254 calls for talks.",
    "Traffic moved along Route 4.",
    "The town lies 5 km from Idlib.",
    "The truce lasted two days.",
    "The siege has gone on for six years.",
    "A three-day truce was agreed.",
    "Many in the region were surprised.",
    "No one was hurt.",
    "He said it was a mistake.",
    "Manal, a teacher, said the shelling continued.",
    "The fighting over the past 24 hours was heavy.",
    "Children under the age of ten were hurt at school.",
    "The council passed resolutions 2118 and 2235 last year.",
    "Posted 12-03-2016 by the editor.",
    "The site dates to 1750 BC, experts say.",
    "The clash was reported at 1849 UTC on the border.",
    "The strike hit Brigade 93 headquarters.",
    "Turnout was 40 per cent.",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_counts(quantities, text):
    assert quantities(text) == []


def test_text_and_spans_agree(bare_nlp):
    doc = bare_nlp("Hundreds of Iran-backed Iraqi militants and at least 300 fighters crossed.")
    found = extract_quantities(doc)
    assert [q.text for q in found] == [
        "Hundreds of Iran-backed Iraqi militants",
        "at least 300 fighters",
    ]
    for q in found:
        assert doc.text[q.span[0] : q.span[1]] == q.text
        assert q.span[0] <= q.number_span[0] < q.number_span[1] <= q.span[1]
        assert doc[q.number_token].idx < q.number_span[1]
        assert doc[q.unit_token].lemma_.lower() in (q.unit, q.unit + "s")
    assert doc.text[slice(*found[0].number_span)] == "Hundreds"
    assert doc.text[slice(*found[1].number_span)] == "300"


def test_two_counts_joined_by_and(quantities):
    found = quantities("The shelling wounded two civilians and three soldiers.")
    assert [(q.value, q.unit, q.subset_of) for q in found] == [
        (2, "civilian", None),
        (3, "soldier", None),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The attack killed six people, including two children.",
            [(6, "person", None), (2, "child", 0)],
        ),
        (
            "Seven people were killed, including two children and a woman.",
            [(7, "person", None), (2, "child", 0), (1, "woman", 0)],
        ),
        (
            "The strike killed 12 civilians, among them three women.",
            [(12, "civilian", None), (3, "woman", 0)],
        ),
        (
            "34 people were killed, 6 of them children.",
            [(34, "person", None), (6, None, 0)],
        ),
        (
            "The raid killed at least 40 people including 12 women and 6 children.",
            [(40, "person", None), (12, "woman", 0), (6, "child", 0)],
        ),
    ],
)
def test_subsets(quantities, text, expected):
    assert [(q.value, q.unit, q.subset_of) for q in quantities(text)] == expected


def test_parts_before_their_whole(quantities):
    found = quantities("Four children and two women were among the 28 dead.")
    assert [(q.value, q.unit, q.subset_of) for q in found] == [
        (4, "child", 2),
        (2, "woman", 2),
        (28, "dead", None),
    ]


def test_a_list_of_round_numbers_is_not_one_number(quantities):
    found = quantities("Two million, three million people could return.")
    assert [q.value for q in found] == [2000000, 3000000]


def test_parse_glitches_leave_the_unit_empty(quantities):
    # A time word between number and noun: the parser joined two phrases.
    found = quantities("The toll reached 330 overnight civil defence sources said.")
    assert [(q.value, q.unit) for q in found] == [(330, None)]
    # A count above one with a singular noun is headline furniture, not a count of monitors.
    found = quantities("Strike kills 19 Monitor says.")
    assert [(q.value, q.unit) for q in found] == [(19, None)]


def test_no_subset_across_sentences(quantities):
    found = quantities("Six people were killed. Including two children, the convoy fled.")
    assert all(q.subset_of is None for q in found)


def test_change_is_two_figures(quantities):
    found = quantities("The death toll rose from 10 to 15.")
    assert [(q.value, q.qualifier, q.high) for q in found] == [(10, "exact", 10), (15, "exact", 15)]


def test_no_ordinals(quantities):
    assert all(not q.is_ordinal for q in quantities("The first strike killed 4 people."))
    assert [q.value for q in quantities("The first strike killed 4 people.")] == [4]
