"""Quotes extractor: each quote kind and each way of finding the speaker, on the example articles
and on short sentences of our own."""

from __future__ import annotations

import pytest

from pipeline.entities.extract import extract_entities
from pipeline.quotes.extract import extract_quotes


def quotes_of(doc):
    return extract_quotes(doc, extract_entities(doc))


def parse(nlp, body: str, title: str = "A headline"):
    return nlp(f"{title}\n\n{body}")


def find(quotes, words: str):
    """The one quote whose text contains `words`."""
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, (words, [q.text for q in quotes])
    return found[0]


def speaker(quote) -> str | None:
    return quote.speaker.name if quote.speaker else quote.speaker_text


# ----------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed(example_doc):
    doc = example_doc("000_f4d52250c8b22130.txt")
    return doc, quotes_of(doc)


def test_offsets_index_the_analysed_text(seed):
    doc, quotes = seed
    assert quotes
    for quote in quotes:
        assert quote.text == doc.text[quote.start : quote.end]
        assert quote.kind in ("direct", "partial", "block", "indirect")


def test_direct_quote_with_told(seed):
    quote = find(seed[1], "A military solution is not what Libya needs")
    assert quote.kind == "direct"
    assert quote.cue == "told"
    assert speaker(quote).endswith("Shanahan")


def test_block_quote_with_dash_attribution(seed):
    quote = find(seed[1], "The U.S. speaking out in favor of Haftar")
    assert quote.kind == "block"
    assert quote.cue == "\u2014"
    assert speaker(quote) == "Jalel Harchaoui"
    assert "Clingendael" in quote.speaker_role
    assert not quote.text.startswith("\u201c") and quote.text.endswith("urban conflict.")


def test_partial_quote_inside_reported_speech(seed):
    quote = find(seed[1], "oppose[s] the military offensive")
    assert quote.kind == "partial"
    assert quote.cue == "said"
    assert speaker(quote).endswith("Pompeo")
    # the reported clause around the fragment is not a second quote
    assert not [q for q in seed[1] if q.kind == "indirect" and "oppose" in q.text]


def test_unmarked_block_introduced_by_colon(seed):
    quote = find(seed[1], "Haftar ordered his troops into Tripoli on April 4")
    assert quote.kind == "block"
    assert speaker(quote) == "Patrick Wintour"


def test_interrupted_quote_is_one_row_per_stretch(seed):
    first = find(seed[1], "On March 27, one week before the offensive")
    second = find(seed[1], "There, the Saudi rulers appear to have offered support")
    assert first.cue == second.cue == "wrote"
    assert speaker(first) == speaker(second) == "Tom Stevenson"


def test_headline_quotes_are_not_quotes(seed):
    assert not [q for q in seed[1] if "Protracted Urban Conflict" in q.text or q.start < seed[0].text.find("\n\n")]


# ----------------------------------------------------------------------------- blogs and tweets


def test_tweets_after_an_intro_are_block_quotes(example_doc):
    quotes = quotes_of(example_doc("gv-yemen-nodrones.txt"))
    tweet = find(quotes, "Take a moment and shout with us")
    assert tweet.kind == "block"
    assert speaker(tweet) == "Mai Saleh"
    assert not tweet.text.startswith("@")
    finn = find(quotes, "Yemenis launch a #NoDrones campaign on twitter")
    assert speaker(finn) == "Tom Finn"


def test_block_runs_on_while_the_author_speaks_and_stops_at_narration(nlp):
    doc = parse(
        nlp,
        "Siew Kum Hong writes that critics of the code should be ready to stand up for their views:\n\n"
        "Yes, I fundamentally believe that it is better to have more voices speaking up than less.\n\n"
        "Those of us who have spoken up on such views bear our own risks in doing so.\n\n"
        "The ministry has not replied to the bloggers, and the consultation closes in June.",
    )
    quotes = quotes_of(doc)
    blocks = [q for q in quotes if q.kind == "block"]
    assert [b.text[:10] for b in blocks] == ["Yes, I fun", "Those of u"]
    assert {speaker(b) for b in blocks} == {"Siew Kum Hong"}
    assert not [q for q in quotes if "consultation closes" in q.text]


# ----------------------------------------------------------------------------- quote marks


def test_multi_paragraph_quote_shares_its_speaker(nlp):
    doc = parse(
        nlp,
        "Maria Santos, the mayor of the town, spoke after the storm.\n\n"
        "\u201cWe lost the bridge, the school and most of the market in a single night.\n\n"
        "\u201cBut we will rebuild every house in this town before the rains come again,\u201d "
        "Santos told reporters on Monday.",
    )
    quotes = quotes_of(doc)
    first = find(quotes, "We lost the bridge")
    second = find(quotes, "But we will rebuild every house")
    assert speaker(first) == speaker(second) == "Maria Santos"
    assert second.cue == "told"


def test_voa_style_marks_and_quoted_names(nlp):
    doc = parse(
        nlp,
        "Earthquakes are common in the Philippines, which lies along the Pacific ``Rim of Fire.'' "
        "The girls were granted \"parole\" status.\n\n"
        "Maria Santos told reporters, ``We will rebuild every house in this town.''",
    )
    quotes = quotes_of(doc)
    assert [q.text for q in quotes] == ["We will rebuild every house in this town."]
    assert speaker(quotes[0]) == "Maria Santos"


def test_inverted_attribution_and_continuation_in_the_paragraph(nlp):
    doc = parse(
        nlp,
        "\"Seventeen years ago, this would not have been possible at all,\" said Ambassador "
        "Hamdullah Mohib. \"They represent our aspirations and resilience.\"",
    )
    quotes = quotes_of(doc)
    first, second = find(quotes, "Seventeen years ago"), find(quotes, "They represent our aspirations")
    assert first.kind == second.kind == "direct"
    assert speaker(first).endswith("Mohib") and speaker(second) == speaker(first)


def test_short_fragment_needs_a_reporting_verb(nlp):
    doc = parse(nlp, "Rod Eddington, the chief executive, said the results were \"respectable\" in a hard quarter.")
    quote = find(quotes_of(doc), "respectable")
    assert quote.kind == "partial"
    assert speaker(quote) == "Rod Eddington"
    assert quote.speaker_role and "chief executive" in quote.speaker_role


# ----------------------------------------------------------------------------- indirect speech


@pytest.mark.parametrize(
    ("body", "clause", "cue"),
    [
        ("David Lammy said the laws affecting 750,000 people with dementia needed updating.",
         "the laws affecting 750,000 people with dementia", "said"),
        ("Bruce Bennett told reporters the North does not need nuclear weapons for its defense.",
         "the North does not need nuclear weapons", "told"),
        ("Jeff Rathke also asked the governments of the region not to turn away boats of migrants.",
         "not to turn away boats of migrants", "asked"),
    ],
)
def test_indirect_reported_clause(nlp, body, clause, cue):
    quote = find(quotes_of(parse(nlp, body)), clause)
    assert quote.kind == "indirect"
    assert quote.cue == cue
    assert quote.speaker is not None and quote.speaker.name.split()[-1] in body.split()[:3]


@pytest.mark.parametrize(
    ("body", "clause", "cue"),
    [
        # the parser cuts the clause in two after "called the Night Guard"
        (("Recent reports have revealed that a member of the elite unit within the army called the Night "
          "Guard was first ordered to return to a base in the north."),
         "a member of the elite unit within the army called the Night Guard was first ordered", "revealed"),
        # the parser hangs the "that" clause as an adverbial
        ("Lina in Beirut tweeted a hope many Lebanese share, that the new cabinet will end the power cuts.",
         "the new cabinet will end the power cuts", "tweeted"),
        # the tagger calls "claim" a noun
        (("Indigenous farmers of the valley - supported by the National Federation of Rural Workers "
          "(FENARW) claim that such consultations should have been held before any contract was signed."),
         "such consultations should have been held", "claim"),
    ],
)
def test_reported_clause_the_parser_gets_wrong(nlp, body, clause, cue):
    quotes = [q for q in quotes_of(parse(nlp, body)) if q.kind == "indirect"]
    assert len(quotes) == 1 and clause in quotes[0].text, [q.text for q in quotes]
    assert quotes[0].cue == cue


@pytest.mark.parametrize(
    ("body", "clauses"),
    [
        (("The army did not take the threat lightly; the local paper reported that hundreds of soldiers were "
         "moved to the border overnight."),
         ["hundreds of soldiers were moved to the border overnight"]),
        (("Maria Santos asks the council to leave the old market alone, explaining that there is a lack of "
         "trust between the traders and the town hall."),
         ["to leave the old market alone", "there is a lack of trust between the traders and the town hall"]),
        (("In May the president signed a decree declaring the forest \u201csacred\u201d or "
         "\u201cuntouchable\u201d, which was understood by farmers as the end of the matter."),
         []),
    ],
)
def test_reported_clause_ends_where_the_report_does(nlp, body, clauses):
    assert [q.text for q in quotes_of(parse(nlp, body)) if q.kind == "indirect"] == clauses


def test_according_to(nlp):
    doc = parse(nlp, "According to ABC News, the asylum seekers may have left the boat on purpose to be rescued.")
    quote = find(quotes_of(doc), "the asylum seekers may have left the boat")
    assert quote.kind == "indirect" and quote.cue == "according to"
    assert speaker(quote) == "ABC News"


def test_negated_verb_reports_nothing(nlp):
    doc = parse(nlp, "Officials in Washington have not said why the team was initially denied visas.")
    assert quotes_of(doc) == []


# ----------------------------------------------------------------------------- speakers


def test_pronoun_goes_back_to_the_person(nlp):
    doc = parse(
        nlp,
        "Korea expert Bruce Bennett from the RAND Corporation spoke to VOA. "
        "He said North Korea did not have nuclear weapons for many years after the war.",
    )
    quote = find(quotes_of(doc), "North Korea did not have nuclear weapons")
    assert speaker(quote) == "Bruce Bennett"


def test_title_without_a_name_is_the_named_holder(nlp):
    doc = parse(
        nlp,
        "Constitutional Affairs Minister David Lammy spoke in the Commons on Tuesday. "
        "\"We are against euthanasia and we are against assisted suicide,\" the minister said.",
    )
    quote = find(quotes_of(doc), "We are against euthanasia")
    assert speaker(quote) == "David Lammy"


def test_unnamed_people_speak_for_no_one(nlp):
    doc = parse(nlp, "Police said the eight men were charged with disorderly conduct on Monday evening.")
    quote = find(quotes_of(doc), "the eight men were charged")
    assert quote.speaker is None and quote.speaker_text is None


def test_spokesman_of_a_named_body_speaks_for_it(nlp):
    doc = parse(
        nlp,
        "The Home Office wrote to the two men this week.\n\n"
        "A Home Office spokesman said it could not comment on individual cases.",
    )
    quote = find(quotes_of(doc), "it could not comment on individual cases")
    assert speaker(quote) == "Home Office"


def test_he_or_she_is_a_person_not_the_body_quoted_before(nlp):
    doc = parse(
        nlp,
        "Greenpeace said the river had been badly polluted by the mine. Anna Kowalski, a fisherman's "
        "daughter, walked along the bank on Sunday. She said that the fish had vanished from the water.",
    )
    quote = find(quotes_of(doc), "the fish had vanished")
    assert speaker(quote) == "Anna Kowalski"


def test_he_after_a_spokesman_is_the_body_he_speaks_for(nlp):
    doc = parse(
        nlp,
        "The Home Office refused the two men passports last year.\n\n"
        "\"We do not comment on individual cases,\" said a Home Office spokesman. "
        "He said that the two men could still appeal against the decision.",
    )
    quote = find(quotes_of(doc), "could still appeal")
    assert speaker(quote) == "Home Office"


def test_owner_of_a_text_speaks(nlp):
    doc = parse(nlp, "According to Anna Kowalski's tweet, the bridge over the river had collapsed overnight.")
    quote = find(quotes_of(doc), "the bridge over the river had collapsed")
    assert speaker(quote) == "Anna Kowalski"


def test_she_continues_goes_on_from_the_latest_quote(nlp):
    doc = parse(
        nlp,
        "Anna Kowalski writes on her blog:\n\n"
        "I walked along the river every morning, and I never saw it so empty.\n\n"
        "Maria Santos, the mayor, said: \"We will rebuild the bridge before the rains come.\"\n\n"
        "She continues:\n\n"
        "\"The school comes next, and then the market, and nobody in this town will be forgotten.\"",
    )
    quote = find(quotes_of(doc), "The school comes next")
    assert speaker(quote) == "Maria Santos"


def test_he_continues_takes_up_the_excerpt_not_a_name_inside_it(nlp):
    doc = parse(
        nlp,
        "Tom Baker reports from the valley:\n\n"
        "I reached the village at dawn, and the water was still rising over the fields.\n\n"
        "At the school, Father Peter Novak told the children, \"Stay together and wait for the boats.\"\n\n"
        "He continues:\n\n"
        "By noon the boats had taken everyone to the hills, and the school stood empty in the flood.",
    )
    quote = find(quotes_of(doc), "By noon the boats")
    assert quote.kind == "block"
    assert speaker(quote) == "Tom Baker"


def test_a_heading_is_a_short_unpunctuated_paragraph(nlp):
    from pipeline.quotes.article import Article

    doc = parse(nlp, "Maria Santos spoke on Monday.\n\nProtest and arrests\n\nHe continues:\n\n@mayor: We will rebuild")
    article = Article(doc, extract_entities(doc))
    assert [article.is_heading(p) for p in range(len(article.paras))] == [False, True, False, False]


@pytest.mark.parametrize(
    ("after", "short"),
    [(" Santos replied.", True), (" Santos insisted.", True), (" Santos believes it.", False),
     (" The bridge was built in 1950 by the army.", False)],
)
def test_short_trailing_attribution_uses_the_verbs_of_saying(nlp, after, short):
    from pipeline.quotes.article import Article
    from pipeline.quotes.marks import _short_attribution

    doc = parse(nlp, "\"Will the bridge hold?\"" + after)
    article = Article(doc, extract_entities(doc))
    start = doc.text.index(after)
    assert _short_attribution(article, start, len(doc.text)) is short


def test_block_runs_on_while_the_excerpt_tells_of_someone_it_introduced(nlp):
    doc = parse(
        nlp,
        "Anna Kowalski reports from the coast:\n\n"
        "The storm reached the harbour before dawn, while the fishing boats were still out at sea. "
        "By noon the coastguard had sent a helicopter to help Captain Jonas Berg.\n\n"
        "Berg steered the last trawler past the breakwater as the waves broke over the pier.\n\n"
        "The regional government has promised compensation to the fishermen of the town.",
    )
    blocks = [q for q in quotes_of(doc) if q.kind == "block"]
    assert [b.text[:10] for b in blocks] == ["The storm ", "Berg steer"]
    assert {speaker(b) for b in blocks} == {"Anna Kowalski"}


def test_excerpt_quoting_someone_keeps_their_words_as_their_quote(nlp):
    doc = parse(
        nlp,
        "Tom Baker reports from the valley:\n\n"
        "The water rose over the so-called \"safe fields\" overnight. At the school, Father Peter Novak "
        "told the children, \"Stay together and wait for the boats. Nobody leaves the roof before noon.\"",
    )
    quotes = quotes_of(doc)
    assert speaker(find(quotes, "The water rose")) == "Tom Baker"
    novak = find([q for q in quotes if q.kind != "block"], "Stay together and wait")
    assert novak.kind == "direct" and speaker(novak).endswith("Novak")
    assert [q.kind for q in quotes if "safe fields" in q.text] == ["block"]  # a term, not a quote


def test_he_goes_back_to_a_subject_the_tagger_calls_a_noun(nlp):
    doc = parse(
        nlp,
        "Daniel Okafor left the church in May. Former members of the church wrote to the police, and the "
        "writer Mark Tanner spoke for him.\n\n"
        "Okafor has been assisted by former members of the church, including the singer Tiziano Lugli. "
        "Tanner requested donations via a statement on his blog, in order to help Okafor with his legal "
        "costs. He described Okafor as a man \"facing prison for leaving a life of hard labour.\"",
    )
    assert speaker(find(quotes_of(doc), "facing prison")) == "Mark Tanner"
