"""Dates as written, resolved against the publication date (no model needed)."""

from pipeline.events.dates import resolve_date

PUBLISHED = "2019-04-21"  # a Sunday


def test_weekdays_are_the_latest_such_day_up_to_publication():
    assert resolve_date("Sunday", PUBLISHED) == "2019-04-21"
    assert resolve_date("Friday", PUBLISHED) == "2019-04-19"
    assert resolve_date("on Friday", PUBLISHED) == "2019-04-19"
    assert resolve_date("last Thursday", PUBLISHED) == "2019-04-18"


def test_relative_and_calendar_dates():
    assert resolve_date("yesterday", PUBLISHED) == "2019-04-20"
    assert resolve_date("last week", PUBLISHED) == "2019-04-14"
    assert resolve_date("April 4", PUBLISHED) == "2019-04-04"
    assert resolve_date("March 27", PUBLISHED) == "2019-03-27"
    assert resolve_date("11 September 2001", PUBLISHED) == "2001-09-11"
    assert resolve_date("May 13", PUBLISHED) == "2018-05-13"  # news reports the past


def test_datetime_publication_dates():
    assert resolve_date("Monday", "2015-08-21T10:00:00Z") == "2015-08-17"


def test_unresolvable_dates_are_null():
    assert resolve_date("Sunday", None) is None  # .txt input has no publication date
    assert resolve_date("several days later", PUBLISHED) is None  # relative to another event
    assert resolve_date("a day after", PUBLISHED) is None
    assert resolve_date("March 2012", PUBLISHED) is None  # no day
    assert resolve_date("1953", PUBLISHED) is None
    assert resolve_date(None, PUBLISHED) is None
