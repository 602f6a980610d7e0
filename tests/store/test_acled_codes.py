from datetime import date

from sitrep.store.acled import disorder_type, inter_code, interaction, time_precision


def test_interaction_puts_the_lower_code_first_and_pads_a_single_actor():
    assert interaction(3, 1) == 13
    assert interaction(1, None) == 10 and interaction(None, 7) == 70
    assert interaction(None, None) is None


def test_state_forces_abroad_are_external_forces():
    assert inter_code(1, "RUS", "SYR") == 8
    assert inter_code(1, "SYR", "SYR") == 1 and inter_code(2, "TUR", "SYR") == 2


def test_time_precision_follows_the_date_range():
    d = date(2024, 12, 3)
    assert time_precision(d, d) == 1 and time_precision(date(2024, 12, 2), d) == 1  # overnight
    assert time_precision(date(2024, 11, 25), date(2024, 12, 1)) == 2
    assert time_precision(date(2024, 12, 1), date(2024, 12, 31)) == 3
    assert time_precision(None, None) is None


def test_disorder_type():
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Strategic developments", "Agreement") == "Strategic developments"
    assert disorder_type(None, None) is None
