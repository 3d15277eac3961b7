"""Convert the vendored PETRARCH2/Phoenix dictionaries (MIT, `vendor/petrarch2/`) into the JSON
files the event and entity rules read. Build time only, run by a developer:

    python -m pipeline.resources.convert_petrarch

Writes, next to this file:
- cameo_verbs.json.gz  verb lemma -> block; block -> default code and patterns; the synonym sets;
- agents.json.gz       role noun (lower case, multi-word, plurals and !PERSON!/!MINIST! expanded) -> role code;
- actors.json.gz       persons, national bodies, international organisations and armed non-state groups
                       (names and +synonyms) -> codes, the code current at the list's date (about 2015).

Nothing here is imported at run time; the output files are committed (CI cannot fetch GitHub).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor" / "petrarch2"
SOURCE = "PETRARCH2 dictionaries, github.com/openeventdata/petrarch2 @676801c (MIT, Open Event Data Alliance)"

# Actor markers in patterns: $ source, + target, ^ skip an actor, % compound actor (TABARI conventions).
MARKERS = {"$", "+", "^", "%"}
# Articles add nothing a dependency match can use ("(TO A VOTE)" = "(TO VOTE)").
ARTICLES = {"a", "an", "the"}
# Inflected stems that open some multi-word verbs (+IS_DETERMINED, +HAS_...): their lemma.
AUX_LEMMAS = {"is": "be", "are": "be", "am": "be", "was": "be", "were": "be", "been": "be", "be": "be",
              "has": "have", "had": "have", "have": "have"}
# The list's own date (CountryInfo.140130 plus 2015 edits): the code valid then is "current".
LIST_DATE = 20150101


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def word(token: str) -> str:
    """A dictionary word as lower-case text: `ARMED_FORCES` -> "armed forces", `CASH_` -> "cash"."""
    return " ".join(token.strip("_").replace("_", " ").lower().split())


def split_code(text: str) -> tuple[str | None, str | None]:
    """`[042:043]` -> ("042", "043"); `[:173]` -> (None, "173"); `[---]` -> (None, None)."""
    active, _, passive = text.strip("[] ").partition(":")

    def clean(code: str) -> str | None:
        code = code.strip().rstrip("!")
        return code if code and code.strip("-") and code.isdigit() else None

    return clean(active), clean(passive)


# ---------------------------------------------------------------- verbs


def _pattern_elements(text: str) -> tuple[list[str], list[list]]:
    """Noun elements and (PREP nouns) phrases of one side of a pattern. A `{...}` group is one
    element of space-separated words (head last); synsets stay as `&NAME`; markers stay as is."""
    tokens = re.sub(r"([(){}])", r" \1 ", text).split()
    nouns, preps = [], []
    group: list[str] | None = None
    prep: list | None = None
    for tok in tokens:
        if tok == "(":
            prep = []
        elif tok == ")":
            if prep:
                preps.append([word(prep[0]), prep[1:]])
            prep = None
        elif tok == "{":
            group = []
        elif tok == "}":
            target = prep if prep is not None else nouns
            if group:
                target.append(" ".join(group))
            group = None
        else:
            w = tok if tok in MARKERS or tok.startswith("&") else word(tok)
            if not w or w in ARTICLES:
                continue
            if group is not None:
                group.append(w)
            elif prep is not None:
                prep.append(w)
            else:
                nouns.append(w)
    return nouns, preps


def parse_pattern(line: str, lineno: int) -> dict | None:
    body = strip_comment(line)[1:]
    found = re.search(r"\[[^\]]*\]\s*$", body)
    if not found or "*" not in body:
        return None
    code, passive = split_code(found.group())
    pre_text, post_text = body[: found.start()].split("*", 1)
    pre, pre_preps = _pattern_elements(pre_text)
    post, preps = _pattern_elements(post_text)
    pattern: dict = {}
    for key, value in (("pre", pre), ("pre_preps", pre_preps), ("post", post), ("preps", preps)):
        if value:
            pattern[key] = value
    pattern["code"] = code
    if passive:
        pattern["passive"] = passive
    comment = line.split("#", 1)[1].split() if "#" in line else []
    if comment and re.fullmatch(r"[A-Z][A-Z_-]*", comment[0]):
        # The verb the pattern was written for (the file's comment); the block's synonyms share it.
        pattern["verb"] = word(comment[0])
    pattern["line"] = lineno
    return pattern


def parse_verb_entry(line: str, block: str) -> list[tuple[str, dict]]:
    """One verb line -> [(lemma, entry)]. `+MEET_WITH {+MET_WITH}` -> ("meet", after ["with"]),
    `RE-ADMIT` -> ("admit", before ["re"]); irregular forms are kept for look-up by surface form."""
    text = strip_comment(line)
    code = None
    own = re.search(r"\[[^\]]*\]\s*$", text)
    if own:
        code, _ = split_code(own.group())
        text = text[: own.start()]
    words = [w for w in text.replace("{", " ").replace("}", " ").replace(",", " ").split() if w]
    if not words:
        return []

    def parts(form: str) -> tuple[list[str], str, list[str]]:
        head, plus, tail = form.partition("+")
        if not plus:  # plain verb, or hyphenated RE-ADMIT
            pieces = form.split("-")
            return [word(p) for p in pieces[:-1] if p], word(pieces[-1]), []
        before = [word(w) for w in head.split("_") if w]
        verb, *after = [w for w in tail.split("_") if w]
        return before, word(verb), [word(w) for w in after]

    before, stem, after = parts(words[0])
    lemma = AUX_LEMMAS.get(stem, stem)
    entry: dict = {"block": block}
    if code or own:
        entry["code"] = code  # the verb's own code overrides the block's (None: no event)
    if before:
        entry["before"] = before
    if after:
        entry["after"] = after
    forms = sorted({parts(w)[1] for w in words[1:]} - {lemma})
    if stem != lemma:
        forms = sorted(set(forms) | {stem})
    if forms:
        entry["forms"] = forms
    return [(lemma, entry)]


def parse_verbs(text: str) -> dict:
    synsets: dict[str, list[str]] = {}
    blocks: dict[str, dict] = {}
    verbs: dict[str, list[dict]] = {}
    transformations: list[str] = []
    in_synsets, current = True, None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_synsets = False
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if in_synsets:
            if line.startswith("&"):
                current = line.strip()[1:]
                synsets[current] = []
            elif line.startswith("+") and current:
                member = word(strip_comment(line)[1:])
                if member and member not in synsets[current]:
                    synsets[current].append(member)
            continue
        if line.startswith("~"):
            transformations.append(strip_comment(line))
        elif line.startswith("---"):
            head = re.match(r"---\s+(\S+)\s+(\[[^\]]*\])", line)
            current = head.group(1)
            code, passive = split_code(head.group(2))
            blocks[current] = {"code": code, "patterns": []}
            if passive:
                blocks[current]["passive"] = passive
        elif line.startswith("-"):
            pattern = parse_pattern(line, lineno)
            if pattern:
                blocks[current]["patterns"].append(pattern)
        else:
            for lemma, entry in parse_verb_entry(line, current):
                verbs.setdefault(lemma, []).append(entry)
    _resolve_pattern_verbs(blocks, verbs)
    return {"synsets": synsets, "blocks": blocks, "verbs": verbs, "transformations": transformations}


def _resolve_pattern_verbs(blocks: dict, verbs: dict) -> None:
    """A pattern's comment verb ("CALLED_OFF", "FELL") as the lemma it belongs to; a verb the file
    lists nowhere ("URGE" under DEMAND) stays as written, so the pattern is not taken for one of the
    block's own verbs."""
    lemma_of = {}
    for lemma, entries in verbs.items():
        for entry in entries:
            for form in [lemma, *entry.get("forms", ())]:
                lemma_of.setdefault(form, lemma)
    for block in blocks.values():
        for pattern in block["patterns"]:
            verb = pattern.pop("verb", None)
            lemma = verb and (lemma_of.get(verb) or lemma_of.get(verb.split()[0]) or _regular_lemma(verb, verbs))
            if lemma:
                pattern["verb"] = lemma
            pattern["line"] = pattern.pop("line")  # last, after "verb"


def _regular_lemma(verb: str, verbs: dict) -> str:
    """ "RULED" -> "rule", "PULLED" -> "pull" when the file lists that verb; else the word itself."""
    head = verb.split()[0]
    for ending, repl in (("ed", ""), ("ed", "e"), ("d", ""), ("s", ""), ("ing", ""), ("ing", "e")):
        if head.endswith(ending) and head[: -len(ending)] + repl in verbs:
            return head[: -len(ending)] + repl
    return head


# ---------------------------------------------------------------- agents


def plural(noun: str) -> str:
    """Regular English plural of a phrase's last word, as the agents file assumes."""
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def parse_agents(text: str) -> tuple[dict[str, str], int]:
    """Role nouns -> code (the bracketed code without its `~`). Later lines win, as in PETRARCH2."""
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    skipped = 0
    for raw in text.splitlines():
        line = strip_comment(raw).strip()
        if not line:
            continue
        macro = re.match(r"!(\w+)!\s*=\s*(.+)", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        found = re.search(r"\[([^\]]*)\]", line)
        if not found:
            skipped += 1  # PETRARCH2 also skips agents without a code
            continue
        code = found.group(1).replace("~", "").strip()
        phrase = line[: found.start()].strip()
        forms = None
        if "{" in phrase:
            phrase, _, rest = phrase.partition("{")
            forms = [word(f) for f in rest.split("}")[0].split()]
        names: list[str]
        marker = re.search(r"!(\w+)!", phrase)
        if marker:  # substitutions carry their own plurals
            names = [word(phrase.replace(marker.group(), sub)) for sub in macros.get(marker.group(1), [])]
        else:
            name = word(phrase)
            names = [name]
            if forms is not None:
                names += forms
            elif not phrase.strip().endswith("_"):
                names.append(plural(name))
        for name in names:
            if name:
                agents[name] = code
    return agents, skipped


# ---------------------------------------------------------------- actors


def _ordinal(date: str) -> int:
    """yymmdd or yyyymmdd -> yyyymmdd as an int; yy <= 30 is 20yy (the KEDS/TABARI rule)."""
    date = re.sub(r"\D", "", date)
    if len(date) <= 7:
        year = int(date[:2])
        date = f"{2000 + year if year <= 30 else 1900 + year}{date[2:].ljust(4, '0')}"
    return int(date[:8].ljust(8, "0"))


def _current(codes: list[tuple[str, str]]) -> tuple[str, int | None] | None:
    """The code valid at LIST_DATE, else the undated default, else the latest ended one with the
    year it ended."""
    latest, default = None, None
    for code, dates in codes:
        dates = dates.replace(" ", "")
        if not dates:
            default = default or code
            continue
        try:
            if dates.startswith(">"):
                start, end = _ordinal(dates[1:]), 99999999
            elif dates.startswith("<"):
                start, end = 0, _ordinal(dates[1:])
            else:
                first, _, last = dates.partition("-")
                start, end = _ordinal(first), _ordinal(last)
        except ValueError:
            continue
        if start <= LIST_DATE <= end:
            return code, None
        if end < LIST_DATE and (latest is None or end >= latest[1]):
            latest = (code, end)
    if default:
        return default, None
    if latest:
        return latest[0], latest[1] // 10000
    return None


def parse_actors(text: str) -> list[dict]:
    """TABARI actor records: {"names": [primary, synonyms...], "codes": [(code, dates)], "person": bool}."""
    records: list[dict] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        line = strip_comment(raw)
        codes = re.findall(r"\[([A-Z]+)\s*([^\]]*)\]", line)
        name = re.sub(r"\[[^\]]*\]", " ", line).strip()
        if name.startswith("+") and records:
            records[-1]["names"].append(word(name[1:]))
        elif name and not raw[0].isspace():
            records.append({"names": [word(name)], "codes": [], "person": "countryinfo" in comment.lower()})
        if codes and records:
            records[-1]["codes"].extend(codes)
    return [r for r in records if r["names"][0]]


def _section(records: list[dict], value) -> dict:
    """{"names": {primary: value}, "aliases": {synonym: primary}} for records with a code."""
    names: dict = {}
    aliases: dict[str, str] = {}
    for record in records:
        current = _current(record["codes"])
        if not current:
            continue
        primary, *synonyms = record["names"]
        names.setdefault(primary, value(*current))
        for synonym in synonyms:
            if synonym and synonym != primary and synonym not in names:
                aliases.setdefault(synonym, primary)
    return {"names": names, "aliases": {a: p for a, p in aliases.items() if a not in names}}


def build_actors(countries: str, international: str, nonstate: str) -> dict:
    country_records = parse_actors(countries)
    person_names = {r["names"][0] for r in country_records if r["person"]}
    persons, bodies, places = [], [], []
    for record in country_records:
        dated = any(dates.strip() for _, dates in record["codes"])
        # A person: from CountryInfo, a namesake of one, or a role holder with dated codes (national
        # bodies are undated). A bare country code names a country, city, region or people.
        if record["person"] or record["names"][0] in person_names:
            persons.append(record)
        elif len((_current(record["codes"]) or ("",))[0]) == 3:
            places.append(record)
        elif dated:
            persons.append(record)
        else:
            bodies.append(record)
    intl = parse_actors(international)
    intl_persons = [r for r in intl if any(d.strip() for _, d in r["codes"])]
    intl_bodies = [r for r in intl if r not in intl_persons]

    def person(code: str, until: int | None) -> list:
        if code in ROLE_NAMES:  # a role without a country: [ELI]
            return ["", code, until]
        return [code[:3], code[3:], until]

    def plain(code: str, until: int | None) -> str:
        return code

    return {
        "_source": SOURCE + ": Phoenix.Countries/International/MilNonState.actors.txt (CountryInfo.140130).",
        "_format": (
            "Each section: names {primary name (lower case): value} and aliases {+synonym: primary}. "
            "persons: [country or organisation code, role code(s), year the role ended or null if "
            "current at the list's date]; other sections: the full Phoenix code (first three letters: "
            "country ISO3, or IGO/NGO/IMG/MNC...; then role codes of three letters). Only the code "
            "current around 2015 is kept, no dated history. The list is stale after about 2015 "
            "(no leaders elected since)."
        ),
        "persons": _section(persons + intl_persons, person),
        "places": _section(places, plain),
        "national_bodies": _section(bodies, plain),
        "international": _section(intl_bodies, plain),
        "armed_groups": _section(parse_actors(nonstate), plain),
    }


# ---------------------------------------------------------------- output

ROLE_NAMES = {  # CAMEO codebook, actor/agent codes (3-letter sector codes)
    "GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels", "JUD": "judiciary",
    "OPP": "political opposition", "BUS": "business", "CVL": "civilians", "CRM": "criminals",
    "MED": "media", "LEG": "legislature", "HLH": "health", "EDU": "education",
    "UAF": "unaligned armed forces", "SPY": "intelligence", "AGR": "agriculture", "REL": "religious",
    "MUS": "Muslim", "LAB": "labour", "REF": "refugees", "PTY": "political party", "CHR": "Christian",
    "CTH": "Catholic", "HIN": "Hindu", "JEW": "Jewish", "NGO": "non-governmental organisation",
    "HRI": "human rights", "ENV": "environment", "ELI": "elites", "BUD": "Buddhist", "RAD": "radicals",
    "DEV": "development", "IGO": "intergovernmental organisation", "IMG": "international militarized group",
    "PRO": "Protestant",
}


def read(name: str) -> str:
    return (VENDOR / name).read_text("utf-8")


def build() -> dict[str, object]:
    verbs = parse_verbs(read("CAMEO.2.0.txt"))
    cameo = {
        "_source": SOURCE + ": CAMEO.2.0.txt (verb patterns, LAST UPDATE 30 April 2015, WILL fix 2019).",
        "_format": (
            "verbs: lemma -> entries in file order {block, code (the verb's own, overrides the block's; "
            "null = no event), before/after (words that must precede/follow: particles, prepositions, "
            "nouns of multi-word verbs such as meet_with), forms (irregular surface forms)}. blocks: "
            "name -> {code (default, full CAMEO depth; the root is its first two digits), passive, "
            "patterns}. A pattern: pre (nouns before the verb, subject side), post (nouns after, object "
            "side), preps ([preposition, nouns]), code, passive, verb (the one it was written for, from the "
            "file's comment; PETRARCH2 applies it to the whole block), line (in CAMEO.2.0.txt). Code [a:b]: a "
            "for the active reading, b for the event seen from the other side (the subject is its "
            "target); [:b] only the latter; null code = the pattern codes no event. Nouns: lower case, "
            "a multi-word noun as one space-separated string (head last), &NAME a synonym set, markers "
            "$ source, + target, ^ any actor, % compound actor. Articles dropped."
        ),
        **verbs,
    }
    agents, _ = parse_agents(read("Phoenix.agents.txt"))
    roles = {"_source": SOURCE + ": Phoenix.agents.txt.",
             "_format": ("agents: role noun (lower case; multi-word; plurals and the !PERSON!/!MINIST! "
                         "macros expanded) -> Phoenix code: one or more 3-letter role codes "
                         "(GOVBUS = GOV + BUS). role_names: what the 3-letter codes mean (CAMEO codebook)."),
             "role_names": ROLE_NAMES,
             "agents": dict(sorted(agents.items()))}
    actors = build_actors(read("Phoenix.Countries.actors.txt"), read("Phoenix.International.actors.txt"),
                          read("Phoenix.MilNonState.actors.txt"))
    return {"cameo_verbs.json.gz": cameo, "agents.json.gz": roles, "actors.json.gz": actors}


def write(outputs: dict[str, object], folder: Path = HERE) -> None:
    for name, data in outputs.items():
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        if name.endswith(".gz"):
            # mtime=0: the same input gives the same bytes, so a re-run leaves git clean.
            (folder / name).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        else:
            (folder / name).write_text(text + "\n", "utf-8")


def main() -> int:
    outputs = build()
    write(outputs)
    verbs, agents, actors = outputs["cameo_verbs.json.gz"], outputs["agents.json.gz"], outputs["actors.json.gz"]
    patterns = sum(len(b["patterns"]) for b in verbs["blocks"].values())
    print(f"cameo_verbs.json.gz: {len(verbs['verbs'])} lemmas, {len(verbs['blocks'])} blocks, {patterns} patterns, "
          f"{len(verbs['synsets'])} synsets")
    print(f"agents.json.gz: {len(agents['agents'])} role nouns")
    print("actors.json.gz: " + ", ".join(
        f"{k} {len(v['names'])}+{len(v['aliases'])}" for k, v in actors.items() if not k.startswith("_")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
