"""Casualty and arrest figures read from invented sentences (no model needed)."""

from pipeline.events.counts import extract_counts, parse_number

NONE = dict.fromkeys(("killed", "injured", "displaced", "arrested"))


def test_figures_after_hedges_are_used_as_stated():
    sentence = ("The shelling of the port has killed an estimated 310 people, wounding more than 2,400 "
                "and leaving at least 9,500 homeless.")
    assert extract_counts(sentence) == {"killed": 310, "injured": 2400, "displaced": 9500, "arrested": None}


def test_arrests_passive_figures_and_tolls():
    assert extract_counts("On Tuesday, officers detained roughly 75 striking miners.")["arrested"] == 75
    assert extract_counts("Nine policemen were killed in the ambush.")["killed"] == 9
    assert extract_counts("By Sunday the death toll had climbed to 61.")["killed"] == 61
    assert extract_counts("The raid left 14 dead.")["killed"] == 14


def test_number_words():
    counts = extract_counts("Thirty-one people died and three hundred were injured.")
    assert (counts["killed"], counts["injured"]) == (31, 300)
    assert parse_number("a dozen") == 12
    assert parse_number("2.5 million") == 2_500_000
    assert parse_number("four thousand two hundred") == 4200
    assert parse_number("several") is None


def test_stated_absence_is_zero():
    assert extract_counts("Nobody was injured.")["injured"] == 0
    counts = extract_counts("Officials said there were no deaths or injuries after the blast.")
    assert (counts["killed"], counts["injured"]) == (0, 0)
    assert extract_counts("The march ended without any arrests.")["arrested"] == 0


def test_unstated_figures_stay_null():
    assert extract_counts("She was detained in 2015 after the vote.") == NONE
    assert extract_counts("The currency lost 4 percent of its value.")["killed"] is None
    assert extract_counts("Twelve people were arrested.")["arrested"] == 12  # the positive twin


def test_one_person_named_by_a_singular_noun_counts_one():
    assert extract_counts("One civilian was killed and four were hurt.")["killed"] == 1
    assert extract_counts("A local journalist died in custody.")["killed"] == 1  # a person noun of the entities package
    assert extract_counts("Soldiers arrested a suspect near the market.")["arrested"] == 1
    # an article before something else is no figure
    assert extract_counts("He was injured in a collision with a tractor.")["injured"] is None
