"""Casualty and arrest figures read from sentences (no model needed)."""

from pipeline.events.counts import extract_counts, parse_number


def test_seed_article_figures_with_hedges():
    sentence = ("The Libyan National Army's (LNA) attacks on Tripoli have now killed an estimated 227 people, "
                "injuring more than 1,000 and leaving at least 16,000 displaced.")
    assert extract_counts(sentence) == {"killed": 227, "injured": 1000, "displaced": 16000, "arrested": None}


def test_arrests_and_passive_figures():
    assert extract_counts("In March 2012, police arrested approximately 200 anti-nuclear protesters.")["arrested"] == 200
    assert extract_counts("Eleven militants were killed in the strike.")["killed"] == 11
    assert extract_counts("The death toll rose to 45.")["killed"] == 45


def test_number_words():
    counts = extract_counts("Twenty-three people were killed and two hundred wounded.")
    assert (counts["killed"], counts["injured"]) == (23, 200)
    assert parse_number("a dozen") == 12
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("three thousand five hundred") == 3500


def test_stated_absence_is_zero():
    assert extract_counts("No one was hurt.")["injured"] == 0
    counts = extract_counts("No injuries or deaths were reported in the attacks from either side.")
    assert (counts["killed"], counts["injured"]) == (0, 0)


def test_unstated_figures_stay_null():
    assert extract_counts("He was arrested in 2010 after the protest.") == dict.fromkeys(
        ("killed", "injured", "displaced", "arrested"))
    assert extract_counts("Prices fell 3 percent.")["killed"] is None


def test_one_person_named_by_a_singular_noun_counts_one():
    assert extract_counts("One person was killed and two were injured.")["killed"] == 1
    assert extract_counts("A Palestinian prisoner died in police custody.")["killed"] == 1
    assert extract_counts("Police arrested a man in Leeds on Monday.")["arrested"] == 1
    # an article before something else is no figure
    assert extract_counts("He was killed in a car crash with a lorry.")["killed"] is None
