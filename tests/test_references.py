"""The reference resolver on invented sentences: pronouns with gender, person-or-body and number
agreement, titles and role nouns, and its use by the event roles."""

from __future__ import annotations

from pipeline.document.records import Entity
from pipeline.entities.extract import extract_entities
from pipeline.references import References
from pipeline.rules import turned_off


def refs_of(nlp, body: str, title: str = "A headline"):
    doc = nlp(f"{title}\n\n{body}")
    return doc, References(doc, extract_entities(doc))


def token(doc, word: str, nth: int = 0):
    """The nth body token spelled `word`."""
    body = doc.text.find("\n\n")
    return [t for t in doc if t.text == word and t.idx > body][nth]


def name(entity) -> str | None:
    return entity.name if entity is not None else None


def test_pronouns_agree_in_gender(nlp):
    doc, refs = refs_of(nlp, "Mrs Lena Park hired Mr Omar Diallo in May. She praised his work, and he thanked her.")
    assert name(refs.entity_of(token(doc, "She"))) == "Lena Park"
    assert name(refs.entity_of(token(doc, "he"))) == "Omar Diallo"
    assert refs.genders == {"Lena Park": "f", "Omar Diallo": "m"}


def test_without_gender_agreement_she_takes_the_man_who_is_the_subject(nlp):
    doc, refs = refs_of(nlp, "Mr Omar Diallo met Mrs Lena Park in May. Later she praised the new team.")
    assert name(refs.entity_of(token(doc, "she"))) == "Lena Park"
    with turned_off({"references.gender"}):
        assert name(refs.entity_of(token(doc, "she"))) == "Omar Diallo"


def test_it_stands_for_a_body_never_for_a_person(nlp):
    doc, refs = refs_of(nlp, "The Coastal Fishers Alliance met Pedro Alvarez on Friday, and it said the quotas were too low.")
    assert name(refs.entity_of(token(doc, "it"))) == "Coastal Fishers Alliance"
    doc, refs = refs_of(nlp, "Pedro Alvarez waited at the station for an hour, and it was cold.")
    assert refs.entity_of(token(doc, "it")) is None


def test_they_as_a_subject_may_be_a_body_but_them_is_no_one(nlp):
    doc, refs = refs_of(nlp, "The Coastal Fishers Alliance wrote to the ministry, where they asked for new quotas.")
    assert name(refs.entity_of(token(doc, "they"))) == "Coastal Fishers Alliance"
    doc, refs = refs_of(nlp, "The Coastal Fishers Alliance thanked the volunteers and gave them a meal.")
    assert refs.entity_of(token(doc, "them")) is None


def test_a_speaker_given_by_the_caller_is_a_candidate_after_the_paragraph(nlp):
    doc, refs = refs_of(nlp, "Mrs Ines Varga spoke first.\n\nThe hall was full. He left early.")
    assert refs.entity_of(token(doc, "He")) is None  # she is a woman
    man = Entity(name="Karl Weber", type="PERSON")
    assert name(refs.entity_of(token(doc, "He"), [man])) == "Karl Weber"


def test_a_pronoun_stands_for_the_nearer_person_described_without_a_name(nlp):
    body = ("Captain Ivo Marin brought the ferry in late on Monday. "
            "A Harbour Board spokesman met the passengers, and he apologised for the delay.")
    doc, refs = refs_of(nlp, body)
    he = token(doc, "he")
    assert refs.referent(he).text == "spokesman"  # the description itself, for the caller to resolve
    assert name(refs.entity_of(he)) == "Ivo Marin"  # a spokesman holds no title the article named
    with turned_off({"references.described_antecedent"}):
        assert name(refs.referent(he)) == "Ivo Marin"


def test_a_described_antecedent_agrees_in_gender_and_number(nlp):
    doc, refs = refs_of(nlp, "Tomas Berg missed the ferry. His sister called a taxi, but he refused to wait.")
    assert name(refs.referent(token(doc, "he"))) == "Tomas Berg"  # a sister is no "he"
    doc, refs = refs_of(nlp, "Tomas Berg missed the ferry. Port officials went to the quay, where they apologised.")
    assert refs.referent(token(doc, "they")).text == "officials"


def test_a_name_the_tagger_missed_is_still_a_mention(nlp):
    from pipeline.document.records import EntityIndex, Mention

    doc = nlp("A headline\n\nMark Ellison runs a blog on fishing. Ellison asked his readers for help.")
    start = doc.text.index("Mark Ellison")
    person = Entity(name="Mark Ellison", type="PERSON", mentions=[Mention(start, start + 12, "Mark Ellison")])
    refs = References(doc, EntityIndex([person]))
    assert [(s, subj) for s, _, subj in refs.mentions] == [(start, True), (doc.text.index("Ellison asked"), True)]
    with turned_off({"references.name_forms"}):
        assert len(References(doc, EntityIndex([person])).mentions) == 1


def test_it_opening_a_paragraph_may_stand_for_the_subject_of_the_one_before(nlp):
    doc, refs = refs_of(nlp, "Northwind Airlines cut its fares in May.\n\nIt also said that passenger numbers rose.")
    assert name(refs.entity_of(token(doc, "It"))) == "Northwind Airlines"
    with turned_off({"references.it_previous_paragraph"}):
        assert refs.entity_of(token(doc, "It")) is None


def test_a_pronoun_in_narration_stands_for_no_one_named_only_in_a_quote(nlp):
    body = "Mr Omar Diallo spoke to the crews on Monday: \"Tomas Berg will count the votes tonight.\" Later he left the hall."
    doc, refs = refs_of(nlp, body)
    opened, closed = doc.text.index("\"Tomas"), doc.text.index("tonight.\"") + 8

    def quoted(offset: int) -> bool:
        return opened < offset < closed

    assert name(refs.entity_of(token(doc, "he"), quoted=quoted)) == "Omar Diallo"
    assert name(refs.entity_of(token(doc, "he"))) == "Tomas Berg"  # no quotes known: the latest man
    with turned_off({"references.narration_antecedent"}):
        assert name(refs.entity_of(token(doc, "he"), quoted=quoted)) == "Tomas Berg"


def test_a_pronoun_after_the_object_of_a_sentence_shows_nothing_of_its_gender(nlp):
    doc, refs = refs_of(nlp, "Carmen Ortega met Tomas Berg at the port on Monday. She said the quotas would be cut.")
    assert refs.genders.get("Tomas Berg") != "f"
    assert name(refs.entity_of(token(doc, "She"))) == "Carmen Ortega"
    with turned_off({"references.gender_from_subjects", "references.first_name_gender"}):
        assert References(doc, refs.index).genders.get("Tomas Berg") == "f"  # "She" was taken for his


def test_a_first_name_of_one_sex_shows_the_gender(nlp):
    doc, refs = refs_of(nlp, "Anna Schmidt interviewed John Miller on Tuesday morning. He said the factory would close.")
    assert refs.genders == {"Anna Schmidt": "f", "John Miller": "m"}
    assert name(refs.entity_of(token(doc, "He"))) == "John Miller"
    with turned_off({"references.first_name_gender"}):
        assert References(doc, refs.index).genders.get("Anna Schmidt") != "f"


def test_a_gendered_noun_beside_a_name_shows_the_gender(nlp):
    doc, refs = refs_of(nlp, "Sofia Marchetti and her brother Luca run a bakery. Luca said the rent had doubled.")
    assert refs.genders.get("Luca") == "m"
    with turned_off({"references.gendered_noun"}):
        assert References(doc, refs.index).genders.get("Luca") is None


def test_a_name_in_apposition_to_the_subject_is_a_subject(nlp):
    doc, refs = refs_of(nlp, "Pedro Alvarez lost the vote. His rival, Tomas Berg, won by ten seats. He said it was fair.")
    assert [(e.name, subject) for _, e, subject in refs.mentions] == [("Pedro Alvarez", True), ("Tomas Berg", True)]
    assert name(refs.entity_of(token(doc, "He"))) == "Tomas Berg"


def test_a_nationality_names_its_state(nlp):
    _, refs = refs_of(nlp, "Traders crossed into Kenya at dawn, and Chilean ships waited at sea.")
    kenya = refs.state_of("Kenyan")
    assert name(kenya[0]) == "Kenya" and kenya[1] is None  # the article's own entity
    assert refs.state_of("Chilean") == (None, "Chile")  # not named: the country's name
    assert refs.state_of("Afghan") == (None, "Afghanistan")  # an irregular one, from the table
    assert refs.state_of("Arab") == (None, None)  # no one country


def test_words_that_are_no_pronouns_resolve_to_nothing(nlp):
    doc, refs = refs_of(nlp, "Lena Park said the harbour would reopen.")
    assert refs.entity_of(token(doc, "harbour")) is None
    assert refs.entity_of(token(doc, "Park")) is None


def test_a_title_names_the_holder_introduced_with_it(nlp):
    doc, refs = refs_of(nlp, "Defence Minister Karl Weber visited the base. Later the minister met the troops.")
    assert refs.is_role(token(doc, "minister"))
    assert name(refs.introduced_as(token(doc, "minister"))) == "Karl Weber"


def test_a_common_noun_names_the_body_named_with_it(nlp):
    doc, refs = refs_of(nlp, "The Coastal Fishers Alliance held a vote. The alliance then wrote to the mayor.")
    assert not refs.is_role(token(doc, "alliance"))
    assert name(refs.introduced_as(token(doc, "alliance"))) == "Coastal Fishers Alliance"


def test_a_title_before_its_holder_is_named_takes_the_next_one(nlp):
    doc, refs = refs_of(nlp, "The spokesman spoke briefly. Union spokesman Ian Lowe later gave the figures.")
    assert name(refs.introduced_as(token(doc, "spokesman"))) == "Ian Lowe"
    with turned_off({"references.title_before_name"}):
        assert refs.introduced_as(token(doc, "spokesman")) is None


def test_paragraphs_and_the_headline(nlp):
    doc, refs = refs_of(nlp, "First paragraph.\n\nSecond paragraph.")
    assert refs.para_of(0) == -1
    assert refs.para_of(doc.text.index("First")) == 0
    assert refs.para_of(doc.text.index("Second")) == 1


def test_event_roles_resolve_pronouns_through_the_references(nlp):
    from pipeline.events.resolver import Resolver

    doc = nlp("A headline\n\nPresident Ana Ruiz visited the port. She criticised the Coastal Fishers Alliance for its strike.")
    resolver = Resolver(doc, extract_entities(doc), quotes=[])
    assert resolver.names(token(doc, "She")) == ["Ana Ruiz"]
    assert resolver.names(token(doc, "its")) == ["Coastal Fishers Alliance"]


def test_every_list_and_number_of_the_resources_names_its_source():
    from pipeline.resources import load

    for name in ("references", "quotes"):
        entries = {k: v for k, v in load(name).items() if not k.startswith("_")}
        assert entries
        for key, entry in entries.items():
            assert entry.get("source", "").strip(), (name, key)
            assert {"words", "value", "table"} & set(entry), (name, key)
