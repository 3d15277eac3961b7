"""Resolve a date as written ("Sunday", "last week", "April 4") against the publication date.

`dateparser` does the calendar work with the publication date as its relative base. Two rules of
news usage are added on top: a bare weekday means the most recent such day up to the publication
day ("Sunday" in a Sunday paper is that day, where dateparser would go back a week), and phrases
relative to another event ("a day after", "several days later") cannot be resolved alone.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..resources import load

_DATA = load("events")["dates"]
_WEEKDAYS = tuple(_DATA["weekdays"]["words"])
_BARE_WEEKDAY = re.compile(rf"^(?:on\s+)?(?:this\s+(?:past\s+)?)?({'|'.join(_WEEKDAYS)})$", re.IGNORECASE)
# Anchored to another event or a span of time, not to the publication date.
_UNRESOLVABLE = re.compile(rf"\b(?:{'|'.join(map(re.escape, _DATA['relative_words']['words']))})\b", re.IGNORECASE)
_RESOLVED_PERIODS = ("day", "week")  # dateparser's periods precise enough to give a day
_UNITS = _DATA["time_units"]
_NUMBER_WORDS = [w for w, n in load("events")["counts"]["number_words"]["units"].items() if n > 0]


def _any(words) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


# "six hours", "about two more decades", "weeks": a length of time, not a point in time
_DURATION = re.compile(
    rf"^(?:(?:{_any(_DATA['duration_hedges']['words'])})\s+)?"
    rf"(?:(?:{_any([*_NUMBER_WORDS, *_DATA['duration_counts']['words']])}|\d+)\s+(?:(?:{_any(_DATA['duration_fillers']['words'])})\s+)?"
    rf"(?:{_any(_UNITS['singular'])}|{_any(_UNITS['plural'])})|(?:{_any(_UNITS['plural'])}))$", re.IGNORECASE)


def is_duration(text: str) -> bool:
    """A length of time, not a point in time: "six hours", "about two decades", "weeks"."""
    return bool(_DURATION.match(text))


def parse_published(published_at: str | None) -> dt.datetime | None:
    """The publication date as a datetime ("2019-04-21", "2019-04-21T08:00:00Z"), or None."""
    if not published_at:
        return None
    text = str(published_at).strip().replace("Z", "+00:00")
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            value = dt.datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return value.replace(tzinfo=None)


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.datetime):
    from dateparser.date import DateDataParser  # imported late: it is slow to import

    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True},
    )
    data = parser.get_date_data(text)
    return data.date_obj, data.period


def resolve_date(date_text: str | None, published_at: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) that `date_text` names, read from `published_at`; None when there is
    no publication date, the text names only a month or year, or it is relative to another event."""
    base = parse_published(published_at)
    if not date_text or base is None:
        return None
    text = " ".join(date_text.split()).strip(" ,.;")
    text = re.sub(r"['\u2019]s$", "", text)  # "Friday's" -> "Friday"
    weekday = _BARE_WEEKDAY.match(text)
    if weekday:
        back = (base.weekday() - _WEEKDAYS.index(weekday.group(1).casefold())) % 7
        return (base - dt.timedelta(days=back)).date().isoformat()
    if _UNRESOLVABLE.search(text):
        return None
    try:
        value, period = _parse(text, base.replace(hour=0, minute=0, second=0, microsecond=0))
    except (ValueError, TypeError, OverflowError, KeyError):  # odd input: an unresolved date is null
        return None
    if value is None or period not in _RESOLVED_PERIODS:
        return None
    return value.date().isoformat()
