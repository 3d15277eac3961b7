"""Named, switchable extraction rules.

Every filter, recoder and merge rule of the extractors is declared here by name, with the one-line
reason it exists, and asked where it applies:

    TOLLS = rule("events.toll_is_no_act", "a toll ('the blasts killed nine') counts victims; it is no new act")
    ...
    if on(TOLLS) and ...:

A rule is turned off for a run with `newsbeam run --rules-off NAME ...` (or the environment variable
NEWSBEAM_RULES_OFF=NAME,NAME) and for an evaluation with `newsbeam eval --suite DIR --ablate NAME ...`,
which reruns the yardsticks without it and prints what it adds or costs. A rule that does not pay
is deleted, not left switched off.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

_DECLARED: dict[str, str] = {}  # name -> why it exists
_FROM_ENV = frozenset(n.strip() for n in os.environ.get("NEWSBEAM_RULES_OFF", "").split(",") if n.strip())
_off: frozenset[str] = _FROM_ENV


def rule(name: str, why: str) -> str:
    """Declare a rule (at import time of the module that applies it); returns its name."""
    if _DECLARED.get(name, why) != why:
        raise ValueError(f"rule {name!r} is declared twice with different reasons")
    _DECLARED[name] = why
    return name


def on(name: str) -> bool:
    """Whether the rule applies in this run."""
    return name not in _off


def declared() -> dict[str, str]:
    """Every rule of the extractors (importing them declares their rules), name -> reason."""
    from . import extract  # noqa: F401 - imports every extractor, which declares its rules

    return dict(sorted(_DECLARED.items()))


def unknown(names) -> list[str]:
    """Names in `names` that are no declared rule, nor a prefix of some ("events." turns off a family)."""
    known = declared()
    return [n for n in names if n not in known and not any(k.startswith(n) for k in known)]


def expand(names) -> frozenset[str]:
    """Rule names, with a prefix standing for every rule it starts."""
    known = declared()
    return frozenset(k for n in names for k in known if k == n or k.startswith(n))


def from_environment() -> frozenset[str]:
    """The rules NEWSBEAM_RULES_OFF names (as the process started), for a run to pass to its workers."""
    return _FROM_ENV


def set_off(names) -> None:
    """Turn these rules off for the rest of the process (a Beam worker applies the run's flag)."""
    global _off
    _off = frozenset(names)


def currently_off() -> frozenset[str]:
    return _off


@contextmanager
def turned_off(names):
    """Within the block, these rules (and only these) are off."""
    global _off
    saved, _off = _off, frozenset(names)
    try:
        yield
    finally:
        _off = saved
