"""Quotes extractor on invented sentences: each quote kind, each cue and each way of finding the
speaker, with varied names, word order, voice and nationality. Frozen outputs of the example
articles are in test_snapshots.py."""

from __future__ import annotations

import pytest

from pipeline.entities.extract import extract_entities
from pipeline.quotes.extract import extract_quotes
from pipeline.rules import turned_off


def quotes_of(doc):
    return extract_quotes(doc, extract_entities(doc))


def parse(nlp, body: str, title: str = "A headline"):
    return nlp(f"{title}\n\n{body}")


def blocks(nlp, body: str) -> list:
    """The block quotes (posts, excerpts) found in `body`."""
    return [q for q in quotes_of(parse(nlp, body)) if q.kind == "block"]


def find(quotes, words: str):
    """The one quote whose text contains `words`."""
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, (words, [q.text for q in quotes])
    return found[0]


def speaker(quote) -> str | None:
    return quote.speaker.name if quote.speaker else quote.speaker_text


# ----------------------------------------------------------------------------- quote marks


def test_offsets_index_the_analysed_text(nlp):
    doc = parse(nlp, "\u201cThe bridge will reopen in May,\u201d said Ingrid Solberg. Solberg said the repairs had cost "
                     "more than planned.")
    quotes = quotes_of(doc)
    assert {q.kind for q in quotes} == {"direct", "indirect"}
    for quote in quotes:
        assert quote.text == doc.text[quote.start : quote.end]


@pytest.mark.parametrize(
    ("body", "words", "cue", "who"),
    [
        ("\"We will not sign this agreement in its present form,\" said Kwame Mensah, the trade minister.",
         "We will not sign", "said", "Kwame Mensah"),
        ("Ingrid Solberg told the council: \u201cThe harbour needs a new wall before the winter storms.\u201d",
         "The harbour needs a new wall", "told", "Ingrid Solberg"),
        ("\u201cNobody expected the river to rise so fast,\u201d the farmer Tomasz Wrobel recalled on Sunday.",
         "Nobody expected the river", "recalled", "Tomasz Wrobel"),
    ],
)
def test_direct_quote_and_its_cue_before_or_after(nlp, body, words, cue, who):
    quote = find(quotes_of(parse(nlp, body)), words)
    assert quote.kind == "direct"
    assert quote.cue == cue
    assert speaker(quote) == who


def test_a_quote_alone_in_its_paragraph_is_a_block(nlp):
    doc = parse(nlp, "Aiko Tanaka spoke at the opening of the new library.\n\n"
                     "\u201cEvery child in this city deserves a quiet place to read and to think.\u201d")
    assert find(quotes_of(doc), "Every child in this city").kind == "block"


def test_fragment_in_marks_is_partial(nlp):
    doc = parse(nlp, "Carlos Mendes, the union leader, called the new contract \"a step backwards\" for dock workers.")
    quote = find(quotes_of(doc), "a step backwards")
    assert quote.kind == "partial"
    assert speaker(quote) == "Carlos Mendes"


def test_quoted_name_is_no_quote_but_speech_in_the_same_marks_is(nlp):
    named = parse(nlp, "Thousands of visitors came to the \"Festival of Lights\" parade on Saturday.")
    assert quotes_of(named) == []
    spoken = parse(nlp, "Lars Berg said the festival was \"Bigger Than Ever Before This Year\" on Saturday.")
    assert speaker(find(quotes_of(spoken), "Bigger Than Ever")) == "Lars Berg"


def test_quoted_term_needs_a_verb_that_governs_it(nlp):
    term = parse(nlp, "Residents fled the so-called \"safe zone\" after the shelling resumed.")
    assert quotes_of(term) == []
    governed = parse(nlp, "Mayor Elena Petrova called the plan \"reckless\" on Tuesday.")
    assert find(quotes_of(governed), "reckless").kind == "partial"


def test_headline_quotes_are_not_quotes(nlp):
    doc = parse(nlp, "The council met on Monday and approved the budget.", title="'We will rebuild,' says mayor")
    assert quotes_of(doc) == []
    with_body = parse(nlp, "\"We will rebuild,\" said the mayor, Aiko Tanaka.", title="'We will rebuild,' says mayor")
    assert [q.start > with_body.text.find("\n\n") for q in quotes_of(with_body)] == [True]


@pytest.mark.parametrize(
    ("after", "short"),
    [(" Ruiz replied.", True), (" Ruiz insisted.", True), (" Ruiz believes it.", False),
     (" The bridge was built in 1950 by the army.", False)],
)
def test_short_trailing_attribution_uses_the_verbs_of_saying(nlp, after, short):
    from pipeline.quotes.article import Article
    from pipeline.quotes.marks import _short_attribution

    doc = parse(nlp, "\"Will the bridge hold?\"" + after)
    article = Article(doc, extract_entities(doc))
    start = doc.text.index(after)
    assert _short_attribution(article, start, len(doc.text)) is short


def test_two_apostrophes_open_and_close_a_quote(nlp):
    body = "''The water came up to the second floor,'' said Rosa Quispe, who runs a shop on the square."
    quote = find(quotes_of(parse(nlp, body)), "The water came up")
    assert (quote.kind, speaker(quote)) == ("direct", "Rosa Quispe")
    with turned_off({"quotes.two_apostrophes_open"}):  # only the reported clause is left
        assert [q.kind for q in quotes_of(parse(nlp, body)) if q.text.startswith("The water came up")] == ["indirect"]


@pytest.mark.parametrize(
    ("body", "words", "who"),
    [("The Green Party condemned the vote as a \"farce\" on Tuesday.", "farce", "Green Party"),
     ("Lena Park dismissed the report as \"utter nonsense\" when she met the press.", "utter nonsense", "Lena Park"),
     ("Tomas Berg hailed the new treaty as \"historic\" after the signing in Oslo.", "historic", "Tomas Berg")],
)
def test_a_verb_of_judging_governs_the_quoted_words_it_applies(nlp, body, words, who):
    quote = find(quotes_of(parse(nlp, body)), words)
    assert (quote.kind, speaker(quote)) == ("partial", who)
    with turned_off({"quotes.evaluative_cue"}):
        assert not [q for q in quotes_of(parse(nlp, body)) if q.text == words]


@pytest.mark.parametrize(
    ("body", "who"),
    [("\"Prices will fall by the spring,\" says a statement by the Coastal Farmers Union.", "Coastal Farmers Union"),
     ("\"There are fish with more spine than this council,\" reads an editorial in the Harbour Gazette.",
      "Harbour Gazette"),
     ("A statement by the Coastal Farmers Union said that prices would fall by the spring.", "Coastal Farmers Union")],
)
def test_a_text_speaks_for_its_author(nlp, body, who):
    quote = quotes_of(parse(nlp, body))[0]
    assert speaker(quote) == who
    with turned_off({"quotes.text_author"}):
        assert speaker(quotes_of(parse(nlp, body))[0]) is None


@pytest.mark.parametrize(
    ("body", "words"),
    [("The three men planned to open a mall, according to a lawsuit filed in Oslo by the Riverton Farmers Union.",
      "planned to open a mall"),
     ("In May the Riverton Farmers Union released a video that said, \"Our land is not for sale.\"",
      "Our land is not for sale")],
)
def test_a_text_is_its_issuers(nlp, body, words):
    assert speaker(find(quotes_of(parse(nlp, body)), words)) == "Riverton Farmers Union"
    with turned_off({"quotes.text_issuer"}):
        assert speaker(find(quotes_of(parse(nlp, body)), words)) is None


@pytest.mark.parametrize(
    ("body", "who"),
    [(("With her help, the club was ''trying to change its name into that of a real team,'' wrote the city mayor "
       "at the time, Lena Park."), "Lena Park"),
     (("Under his rule, the port was ''turning from a haven for smugglers into a place of trade,'' wrote the British "
       "consul at the time, Tomas Berg."), "Tomas Berg")],
)
def test_a_title_that_speaks_is_the_person_named_beside_the_verb(nlp, body, who):
    assert speaker(quotes_of(parse(nlp, body))[0]) == who
    with turned_off({"quotes.title_holder_beside_verb"}):
        assert speaker(quotes_of(parse(nlp, body))[0]) != who


def test_a_candidates_campaign_speaks_for_the_candidate(nlp):
    body = "Mayor Tomas Berg is running again. Berg's campaign said it would open an office in the harbour."
    assert speaker(find(quotes_of(parse(nlp, body)), "open an office")) == "Tomas Berg"


def test_a_text_that_reads_is_a_cue(nlp):
    body = "\"The harbour stays closed until further notice,\" reads the statement of the Harbour Board."
    assert quotes_of(parse(nlp, body))[0].cue == "reads"
    with turned_off({"quotes.text_reads"}):
        assert quotes_of(parse(nlp, body))[0].cue is None
    other = parse(nlp, "\"Closed until further notice\" was all Ana Ruiz read before the lights went out.")
    assert all(q.cue != "read" for q in quotes_of(other))


# ----------------------------------------------------------------------------- reported speech


@pytest.mark.parametrize(
    ("body", "clause", "cue", "who"),
    [
        ("Priya Natarajan said the new clinic would open in the spring.",
         "the new clinic would open in the spring", "said", "Priya Natarajan"),
        ("The airline's owner, Henrik Dahl, warned that fares could rise again before the summer.",
         "fares could rise again before the summer", "warned", "Henrik Dahl"),
        ("Fatima Zahra urged the regional council to keep the night buses running.",
         "to keep the night buses running", "urged", "Fatima Zahra"),
    ],
)
def test_reported_clause(nlp, body, clause, cue, who):
    quote = find(quotes_of(parse(nlp, body)), clause)
    assert quote.kind == "indirect"
    assert quote.cue == cue
    assert speaker(quote) == who


@pytest.mark.parametrize(
    ("rule", "body", "clause", "who"),
    [("quotes.gerund_clause", "Tomas Berg admitted not knowing about the payments to his firm.",
      "not knowing about the payments", "Tomas Berg"),
     ("quotes.gerund_clause", "Last week Lena Park denied taking money from the builders of the bridge.",
      "taking money from the builders", "Lena Park"),
     ("quotes.gerund_clause", "On the radio, Omar Diallo recalled seeing the water rise over the harbour wall.",
      "seeing the water rise", "Omar Diallo"),
     # a verb of accusing or warning reports the gerund after its object
     ("quotes.charge_clause", "Ana Ruiz accused the council of hiding the true costs of the bridge.",
      "hiding the true costs", "Ana Ruiz"),
     ("quotes.charge_clause", "The Coastal Farmers Union warned its members against signing the new contract.",
      "signing the new contract", "Coastal Farmers Union")],
)
def test_a_verb_of_saying_reports_a_gerund_clause(nlp, rule, body, clause, who):
    assert speaker(find(quotes_of(parse(nlp, body)), clause)) == who
    with turned_off({rule}):
        assert not [q for q in quotes_of(parse(nlp, body)) if clause in q.text]


def test_the_one_accused_reports_nothing(nlp):
    assert quotes_of(parse(nlp, "The two owners were accused of hiding the true costs of the bridge.")) == []


def test_the_high_court_rules_that(nlp):
    quote = find(quotes_of(parse(nlp, "The High Court ruled that the ban on night flights was unlawful.")), "the ban")
    assert (quote.cue, speaker(quote)) == ("ruled", "High Court")


@pytest.mark.parametrize(
    ("body", "who"),
    [("Ana Ruiz rejected a comment by Tomas Berg that the old bridge was unsafe.", "Tomas Berg"),
     ("The ferry company repeated Lena Park's warning that the old bridge was unsafe.", "Lena Park")],
)
def test_a_noun_of_saying_reports_its_that_clause_for_its_author(nlp, body, who):
    quote = find(quotes_of(parse(nlp, body)), "the old bridge was unsafe")
    assert speaker(quote) == who
    with turned_off({"quotes.noun_cue"}):
        assert not [q for q in quotes_of(parse(nlp, body)) if "the old bridge was unsafe" in q.text]
    unowned = parse(nlp, "Ana Ruiz rejected the claim that the old bridge was unsafe.")
    assert quotes_of(unowned) == []  # a claim no one is said to make


def test_clause_of_the_object_is_reported(nlp):
    doc = parse(nlp, "The fishermen demanded guarantees that the quotas would not be cut again next year.")
    quote = find(quotes_of(doc), "the quotas would not be cut again")
    assert quote.kind == "indirect" and quote.cue == "demanded"


@pytest.mark.parametrize("phrase", ["According to", "In the words of"])
def test_source_phrase_before_the_clause(nlp, phrase):
    doc = parse(nlp, f"{phrase} the Red Cross, more than two thousand families have lost their homes in the valley.")
    quote = find(quotes_of(doc), "more than two thousand families")
    assert quote.kind == "indirect" and quote.cue == phrase.lower()
    assert speaker(quote) == "Red Cross"


def test_negated_verb_reports_nothing_unless_the_rule_is_off(nlp):
    doc = parse(nlp, "The airport in Lima did not say why so many flights were cancelled.")
    assert quotes_of(doc) == []
    with turned_off({"quotes.negated_reports_nothing"}):
        assert [q.cue for q in quotes_of(doc)] == ["say"]


# ----------------------------------------------------------------------------- unmarked blocks


def test_block_after_an_intro_runs_on_with_a_connective_and_stops_at_narration(nlp):
    doc = parse(
        nlp,
        "Nadia Haddad writes on her blog:\n\n"
        "The market was empty this morning, and the bakery had closed its doors for good.\n\n"
        "But the fishermen still came at dawn to mend their nets by the water.\n\n"
        "The city council has not answered the traders, and the consultation closes in June.",
    )
    quotes = quotes_of(doc)
    blocks = [q for q in quotes if q.kind == "block"]
    assert [b.text[:10] for b in blocks] == ["The market", "But the fi"]
    assert {speaker(b) for b in blocks} == {"Nadia Haddad"}
    assert not [q for q in quotes if "consultation closes" in q.text]


def test_tweets_after_an_intro_are_blocks_by_the_intro_speaker(nlp):
    doc = parse(
        nlp,
        "Journalist Omar Diallo tweeted:\n\n"
        "@odiallo: The road to the airport is closed, take the coast road instead\n\n"
        "@odiallo: Police say it will reopen by the evening",
    )
    tweets = [q for q in quotes_of(doc) if q.kind == "block"]
    assert [t.text[:8] for t in tweets] == ["The road", "Police s"]
    assert {speaker(t) for t in tweets} == {"Omar Diallo"}


def test_an_excerpt_goes_on_in_the_first_person_and_across_an_elision(nlp):
    body = ("Nadia Haddad writes on her blog:\n\n"
            "The market was empty this morning, and the bakery had closed its doors for good.\n\n"
            "We have written to the council twice, and our letters went unanswered.\n\n"
            "[...]\n\n"
            "My neighbours sold their stalls and left the quarter one by one.\n\n"
            "The city council has not answered the traders, and the consultation closes in June.")
    found = blocks(nlp, body)
    assert [b.text[:10] for b in found] == ["The market", "We have wr", "My neighbo"]
    assert {speaker(b) for b in found} == {"Nadia Haddad"}
    with turned_off({"quotes.block_ellipsis"}):
        found = blocks(nlp, body)
        assert [b.text[:10] for b in found] == ["The market", "We have wr"]
    with turned_off({"quotes.block_first_person"}):
        found = blocks(nlp, body)
        assert [b.text[:10] for b in found] == ["The market"]


def test_a_post_on_a_line_of_its_own_is_a_block_by_its_account(nlp):
    body = ("The storm closed the coast road on Sunday night.\n\n"
            "@quaywatch: Waves over the harbour wall, stay away from the pier\n\n"
            "@ana_ferreira: No buses to the airport since noon")
    posts = blocks(nlp, body)
    assert [(p.text[:5], speaker(p)) for p in posts] == [("Waves", "quaywatch"), ("No bu", "ana_ferreira")]
    with turned_off({"quotes.handle_speaks"}):
        assert {speaker(q) for q in quotes_of(parse(nlp, body)) if q.kind == "block"} == {None}
    with turned_off({"quotes.handle_line"}):
        assert blocks(nlp, body) == []


def test_a_post_is_by_the_person_named_with_its_handle(nlp):
    body = ("Maria Costa (@mcosta) runs a blog about the fishing villages of the north.\n\n"
            "Several readers answered her on Twitter:\n\n"
            "@mcosta: The new quotas will empty the villages by winter\n\n"
            "@tiagofish: Small boats cannot survive this")
    posts = blocks(nlp, body)
    assert [speaker(p) for p in posts] == ["Maria Costa", "tiagofish"]


def test_posts_after_an_intro_are_the_person_its_verb_names(nlp):
    # the handle spells a word of another person's name ("Porto"): the intro's attribution wins
    body = ("Two writers, Lena Porto and Kofi Mensah, followed the harbour protest all week.\n\n"
            "As the novelist Kofi Mensah wrote on Friday:\n\n"
            "@portowatcher: The pier must stay open to the small boats\n\n"
            "@portowatcher: Nobody asked the fishermen before the vote")
    posts = blocks(nlp, body)
    assert [speaker(p) for p in posts] == ["Kofi Mensah", "Kofi Mensah"]
    with turned_off({"quotes.intro_names_account"}):
        posts = blocks(nlp, body)
        assert [speaker(p) for p in posts] == ["Lena Porto", "Lena Porto"]


# ----------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    "body",
    ["Chile's foreign minister, Ana Ruiz, said the talks would resume in Geneva next week.",
     "The Harbour Authority chief, Ana Ruiz, said the talks would resume in Geneva next week."],
)
def test_apposed_person_speaks_rather_than_the_country_or_body(nlp, body):
    assert speaker(find(quotes_of(parse(nlp, body)), "the talks would resume")) == "Ana Ruiz"


@pytest.mark.parametrize(
    ("body", "who"),
    [(("Captain Ivo Marin brought the ferry in late. \"The port stays closed,\" said a Harbour Board spokesman. "
       "He said that the ferries would sail again on Friday."), "Harbour Board"),
     (("Captain Ivo Marin brought the ferry in late. Officials of the Harbour Board met the passengers, and they "
       "said that the ferries would sail again on Friday."), "Harbour Board"),
     (("Captain Ivo Marin brought the ferry in late. A passenger waited on the quay for an hour. "
       "She said that the ferries would sail again on Friday."), None)],
)
def test_a_pronoun_after_an_unnamed_speaker_is_that_speaker(nlp, body, who):
    quote = find(quotes_of(parse(nlp, body)), "the ferries would sail again")
    assert speaker(quote) == who
    with turned_off({"references.described_antecedent"}):
        assert speaker(find(quotes_of(parse(nlp, body)), "the ferries would sail again")) != who


@pytest.mark.parametrize(
    ("body", "who"),
    [("Kenyan officials said the border crossing at Busia would reopen on Monday.", "Kenya"),
     ("Traders crossed into Chile at dawn. A Chilean spokesman said the border would reopen on Monday.", "Chile")],
)
def test_unnamed_officials_of_a_nationality_speak_for_its_state(nlp, body, who):
    assert speaker(find(quotes_of(parse(nlp, body)), "would reopen on Monday")) == who
    with turned_off({"quotes.nationality_officials"}):
        assert speaker(find(quotes_of(parse(nlp, body)), "would reopen on Monday")) != who


def test_the_owner_of_a_title_is_not_its_holder(nlp):
    quote = find(quotes_of(parse(nlp, "Tomas Berg's sister pleaded with the council to keep the school open.")), "keep")
    assert speaker(quote) is None


def test_a_nationality_of_people_who_are_no_officials_speaks_for_no_state(nlp):
    quote = find(quotes_of(parse(nlp, "Kenyan farmers said the border crossing would reopen on Monday.")), "border")
    assert speaker(quote) is None


@pytest.mark.parametrize(
    ("body", "who"),
    [("\"The whole valley is watching this vote,\" said Republican Sen. Mara Voss.", "Mara Voss"),
     ("According to Kenyan Ambassador to the United Nations Odhiambo Kiprono, the delegation made real progress.",
      "Odhiambo Kiprono"),
     ("Speaking for the company, Ivo Brandt, QC, said that the drivers had broken no rule.", "Ivo Brandt")],
)
def test_a_speaker_is_the_person_without_party_office_or_title(nlp, body, who):
    assert speaker(quotes_of(parse(nlp, body))[0]) == who


@pytest.mark.parametrize(
    ("rule_off", "body"),
    [("quotes.title_with_holder", ("According to Kenyan Ambassador to the United Nations Odhiambo Kiprono, the "
                                   "delegation made real progress."))],
)
def test_each_speaker_name_rule_is_what_finds_the_person(nlp, rule_off, body):
    with turned_off({rule_off}):
        quote = quotes_of(parse(nlp, body))[0]
        assert quote.speaker is None or quote.speaker.type != "PERSON"


def test_a_dash_and_a_name_after_a_quote_name_its_speaker(nlp):
    body = ("The port reopened on Monday after a week of storms.\n\n"
            "\u201cThe harbour will never be the same again.\u201d \u2014Lena Park, economist at the Port Institute")
    quote = find(quotes_of(parse(nlp, body)), "never be the same")
    assert speaker(quote) == "Lena Park"
    with turned_off({"quotes.dash_byline"}):
        assert speaker(find(quotes_of(parse(nlp, body)), "never be the same")) is None


def test_a_quote_opening_a_paragraph_is_the_person_just_introduced(nlp):
    body = ("The council voted for the dam on Monday.\n\n"
            "Another expert, Lena Park of the Port Institute, doubts the figures.\n\n"
            "\u201cNobody has measured the river since the floods of last spring.\u201d")
    quote = find(quotes_of(parse(nlp, body)), "Nobody has measured")
    assert speaker(quote) == "Lena Park"
    with turned_off({"quotes.introduced_person_speaks"}):
        assert speaker(find(quotes_of(parse(nlp, body)), "Nobody has measured")) is None
    cued = body.replace("\u201cNobody", "Tomas Berg replied: \u201cNobody")
    assert speaker(find(quotes_of(parse(nlp, cued)), "Nobody has measured")) == "Tomas Berg"


def test_as_someone_pointed_out_names_the_source_of_a_reported_clause(nlp):
    body = ("Fishermen oppose the dam, and they believe it will only make the floods worse, as the engineer "
            "Lena Park pointed out.")
    assert speaker(find(quotes_of(parse(nlp, body)), "make the floods worse")) == "Lena Park"
    with turned_off({"quotes.as_source"}):
        assert speaker(find(quotes_of(parse(nlp, body)), "make the floods worse")) is None


def test_another_expert_is_not_the_expert_named_before(nlp):
    body = ("Flood expert Tomas Berg said the river would rise again in March. "
            "Another expert said that the new dam would hold.")
    quote = find(quotes_of(parse(nlp, body)), "the new dam would hold")
    assert speaker(quote) is None
    assert speaker(find(quotes_of(parse(nlp, body.replace("Another", "The"))), "the new dam would hold")) == "Tomas Berg"


def test_title_without_a_name_is_the_holder_the_article_named(nlp):
    doc = parse(
        nlp,
        "Finance Minister Tomas Novak presented the budget on Tuesday. "
        "\"We have no room for new spending this year,\" the minister said.",
    )
    assert speaker(find(quotes_of(doc), "We have no room")) == "Tomas Novak"


def test_spokesperson_speaks_for_the_named_body(nlp):
    doc = parse(
        nlp,
        "The Red Cross sent two convoys to the border this week.\n\n"
        "A spokeswoman for the Red Cross said the convoys had reached the camps safely.",
    )
    assert speaker(find(quotes_of(doc), "the convoys had reached")) == "Red Cross"


def test_unnamed_people_speak_for_no_one_and_a_named_inspector_does(nlp):
    doc = parse(nlp, "Police said the three men were released without charge on Friday evening.")
    quote = find(quotes_of(doc), "the three men were released")
    assert quote.speaker is None and quote.speaker_text is None
    named = parse(nlp, "Inspector Joan Hale said the three men were released without charge on Friday evening.")
    assert speaker(find(quotes_of(named), "the three men were released")) == "Joan Hale"


def test_she_goes_back_to_the_woman_not_the_man_who_is_the_subject(nlp):
    doc = parse(
        nlp,
        "Mr Paul Mensah met Ms Amara Okafor at the clinic on Monday. "
        "She said that the clinic would need more nurses before the rainy season.",
    )
    assert speaker(find(quotes_of(doc), "the clinic would need more nurses")) == "Amara Okafor"


def test_it_is_the_organisation_that_is_the_subject_nearby(nlp):
    doc = parse(
        nlp,
        "The Harbour Authority closed the northern pier on Monday after the storm, and it said that "
        "repairs would take at least a month.",
    )
    assert speaker(find(quotes_of(doc), "repairs would take at least a month")) == "Harbour Authority"


def test_a_cue_less_quote_goes_on_with_the_previous_speaker(nlp):
    doc = parse(
        nlp,
        "\"The water came in through the floor,\" said Rosa Lindqvist, who runs a cafe on the square.\n\n"
        "\"We saved the chairs and nothing else. The rest is gone.\"",
    )
    assert speaker(find(quotes_of(doc), "We saved the chairs")) == "Rosa Lindqvist"
    with turned_off({"quotes.previous_speaker_goes_on"}):
        assert speaker(find(quotes_of(doc), "We saved the chairs")) is None


def test_a_source_phrase_rules_the_marked_quote_in_its_sentence(nlp):
    doc = parse(nlp, "According to the Red Cross, the camp is \"full beyond any safe limit,\" a volunteer said.")
    assert speaker(find(quotes_of(doc), "full beyond any safe limit")) == "Red Cross"


def test_inverted_name_beside_the_verb_speaks(nlp):
    doc = parse(nlp, "The ferry will run again from Thursday, announced Keller in a short statement.")
    quote = find(quotes_of(doc), "The ferry will run again")
    assert quote.kind == "indirect" and speaker(quote) == "Keller"
