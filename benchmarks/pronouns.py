"""Who "he", "she", "it" and "they" are when they speak: the rules against coreferee, on invented texts.

Each case is a short invented article whose quote has a pronoun for its speaker, with the speaker a
careful reader gives it (None: someone the article does not name). Three ways are compared:
- rules: the quote extractor as it ships (pipeline.references: sentence, paragraph subjects, recent
  speakers, gender from honorifics, pronouns, gendered nouns and first names);
- coreferee: the pronoun's antecedent by coreferee with newsbeam's LitBank model
  (pipeline.references.coref.Window, over the pronoun's sentence and the 3 before it), mapped to
  the entity there; nothing when it links the pronoun to nothing or to no entity that agrees;
- coreferee, else rules: coreferee's answer where it gives one, else the rules'.
Docs come straight from the parser (coreferee needs the tagger's context vectors, which a DocBin
does not keep). CPU is per case, on top of the parse.

Usage: python benchmarks/pronouns.py [--show]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (text, words of the quote whose speaker is asked, expected speaker)
CASES = [
    ("Carmen Ortega met Tomas Berg at the port on Monday. She said the fishing quotas would be cut again.",
     "quotas would be cut", "Carmen Ortega"),
    (("Tomas Berg thanked Lena Park for her help with the harbour plan. He said the new ferry would arrive "
      "in May."),
     "new ferry would arrive", "Tomas Berg"),
    (("Omar Diallo has run the clinic in the old town for ten years.\n\nHe said the new wing would open in "
      "June."),
     "new wing would open", "Omar Diallo"),
    (("Carmen Ortega spoke after a long meeting with Pedro Alvarez. She said the plan for the bridge was "
      "dead."),
     "plan for the bridge was dead", "Carmen Ortega"),
    (("\"We will not move,\" said Lena Park, a farmer near the river. She added that her family had farmed "
      "the land for a century."),
     "her family had farmed", "Lena Park"),
    ("Tomas Berg criticised Pedro Alvarez on Monday. He said the budget was a disgrace.",
     "budget was a disgrace", "Tomas Berg"),
    ("Pedro Alvarez lost the vote. His rival, Tomas Berg, won by ten seats. He said the result was fair.",
     "result was fair", "Tomas Berg"),
    (("Carmen Ortega arrived late from the airport. The meeting lasted two hours. She said afterwards that "
      "nothing had been agreed."),
     "nothing had been agreed", "Carmen Ortega"),
    ("Nordvik Bank cut its interest rates on Monday. It said that inflation had slowed in every region.",
     "inflation had slowed", "Nordvik Bank"),
    ("The Harbour Board dismissed Tomas Berg in May. It said that the captain had broken the safety rules.",
     "broken the safety rules", "Harbour Board"),
    ("Mr Omar Diallo and Mrs Lena Park met the mayor on Friday. She said the talks had gone well.",
     "talks had gone well", "Lena Park"),
    ("Tomas Becker met Maria Lopez at the market in Riverton. She said the prices were far too high.",
     "prices were far too high", "Maria Lopez"),
    (("Anna Schmidt interviewed John Miller on Tuesday morning. He said the factory would close in the "
      "autumn."),
     "factory would close", "John Miller"),
    (("Elena Petrova founded the group in 2001. The group now has five hundred members and an office in the"
      " capital. Last year it opened a second office. She said the group would keep growing."),
     "group would keep growing", "Elena Petrova"),
    (("The minister, Karl Weber, met the protesters outside the ministry. They asked him to resign. He said"
      " that he would stay in office."),
     "he would stay in office", "Karl Weber"),
    (("Lena Park sued the city council over the new road. The court ruled against her last week. She said "
      "that she would appeal."),
     "she would appeal", "Lena Park"),
    ("A passenger waited at the quay for six hours. She said that nobody had told her anything.",
     "nobody had told her", None),
    ("Maria Lopez hired David Cohen as her lawyer in March.\n\nHe said the case would take a year.",
     "case would take a year", "David Cohen"),
    (("David Cohen represents Maria Lopez in the case against the port.\n\nShe said she had lost her "
      "savings."),
     "lost her savings", "Maria Lopez"),
    (("Priya Natarajan, the head of the clinic, wrote to Omar Diallo in May. He replied that there was no "
      "money left for the new wing."),
     "no money left", "Omar Diallo"),
    (("Sofia Marchetti and her brother Luca run a bakery on the square. Luca said the rent had doubled. She"
      " said that they might have to close."),
     "might have to close", "Sofia Marchetti"),
    (("Karl Weber, the mayor of Riverton, visited the flooded streets with Carmen Ortega, who leads the "
      "rescue team. She said the water was still rising."),
     "water was still rising", "Carmen Ortega"),
    ("The Coastal Fishers Alliance met the minister, Lena Park, on Friday. It said the quotas were unfair.",
     "quotas were unfair", "Coastal Fishers Alliance"),
    (("John Miller called the police after the fire. Officers arrived an hour later. He said they had been "
      "too slow."),
     "had been too slow", "John Miller"),
    (("Elena Petrova has written three books about the river. Her latest was published in May.\n\nShe said "
      "the river had changed more in ten years than in a century."),
     "river had changed", "Elena Petrova"),
    ("Tomas Berg and Pedro Alvarez met in Oslo. Berg later told reporters that he was hopeful.",
     "he was hopeful", "Tomas Berg"),
]

# Written after the rules above were settled, to measure both ways on cases neither was tuned on.
HELD_OUT = [
    (("Police in Riverton arrested two men after the fire at the old mill. Inspector Hanna Lund led the "
      "search.\n\nShe said the men had been seen near the mill on Sunday night."),
     "had been seen near the mill", "Hanna Lund"),
    (("The Northern Rail Company raised its fares by a tenth in January. Passengers complained, and the "
      "mayor, Jonas Eklund, wrote to the company.\n\nIt replied that the rise paid for new trains."),
     "paid for new trains", "Northern Rail Company"),
    (("\"We have no water,\" said Amina Yusuf, who lives near the camp. Her husband, Ibrahim, walks four "
      "hours a day to fetch it. He said the wells had dried up in March."),
     "wells had dried up", "Ibrahim"),
    (("Viktor Hansen, the coach, picked Erik Lind for the final. He said the young striker had earned his "
      "place."),
     "had earned his place", "Viktor Hansen"),
    (("Rachel Green, a nurse at the hospital, treated dozens of people on Friday night. She told reporters "
      "that the wards were full."),
     "the wards were full", "Rachel Green"),
    (("The union and the owners met for six hours. Union leader Paul Becker left first.\n\nHe said the "
      "owners had offered nothing new."),
     "offered nothing new", "Paul Becker"),
    (("Kofi Mensah runs a shop on the main road. Since the floods, his customers have gone.\n\n\"Nobody comes"
      " any more,\" he said."),
     "Nobody comes", "Kofi Mensah"),
    (("The ministry sent inspectors to the farm after the outbreak. They found that the animals had not "
      "been vaccinated, it said."),
     "animals had not been vaccinated", None),
    (("Greta Olsen, who chairs the committee, met the director, Markus Vogel, on Thursday. He said "
      "afterwards that the budget would be cut."),
     "budget would be cut", "Markus Vogel"),
    (("Fatima Haddad won the election by 300 votes. Her opponent, Samir Aziz, asked for a recount. He said "
      "that some ballots had been lost."),
     "ballots had been lost", "Samir Aziz"),
    (("Ingrid Berg has taught at the school for thirty years. Last week the school told her it would close."
      "\n\nShe said she had not been warned."),
     "had not been warned", "Ingrid Berg"),
    (("Lars Nilsson and Ola Dahl founded the company in 1998. Nilsson left in 2010. Dahl still runs it. He "
      "said that the company would hire fifty people."),
     "hire fifty people", "Ola Dahl"),
    ("The Green Valley Trust bought the forest in May. It said the trees would be protected for ever.",
     "trees would be protected", "Green Valley Trust"),
    (("Julia Weiss, the head teacher, called the parents to a meeting. A father asked about the fees. She "
      "said that the fees would not rise."),
     "fees would not rise", "Julia Weiss"),
    (("Daniel Okafor sold his boat to a buyer from the south. The buyer paid in cash.\n\nHe said he was glad"
      " to be rid of it."),
     "glad to be rid of it", "Daniel Okafor"),
    (("The two sisters, Mira and Nora Haas, opened a cafe on the square. Nora said that business was slow "
      "at first. She said it had picked up since the summer."),
     "picked up since the summer", "Nora Haas"),
    (("Pablo Romero, a fisherman, lost his nets in the storm. His neighbour, Lucia Diaz, lent him hers. She"
      " said that everyone in the village helps."),
     "everyone in the village helps", "Lucia Diaz"),
]

WINDOW_SENTENCES = 4  # the pronoun's sentence and the three before it


def pronoun_of(doc, words: str):
    """The pronoun subject of the sentence that holds the quote's words."""
    at = doc.text.index(words)
    sent = next(s for s in doc.sents if s.start_char <= at < s.end_char)
    from pipeline.references.resolve import PRONOUNS

    return next((t for t in sent if t.lower_ in PRONOUNS and t.dep_ in ("nsubj", "nsubjpass")), None)


def answers(nlp, cases) -> dict[str, tuple[list, float]]:
    """Way -> (speaker found per case, CPU ms per case)."""
    from pipeline.entities.extract import extract_entities
    from pipeline.quotes.extract import extract_quotes
    from pipeline.references import References
    from pipeline.references.coref import Window

    found: dict[str, list] = {"rules": [], "coreferee": [], "coreferee, else rules": []}
    cpu = {"rules": 0.0, "coreferee": 0.0}
    for text, words, _ in cases:
        doc = nlp(f"A headline\n\n{text}")
        started = time.process_time()
        index = extract_entities(doc)
        quotes = [q for q in extract_quotes(doc, index) if words in q.text]
        rules = (quotes[0].speaker.name if quotes[0].speaker else quotes[0].speaker_text) if quotes else "(no quote)"
        cpu["rules"] += time.process_time() - started
        started = time.process_time()
        pronoun, refs, entity = pronoun_of(doc, words), References(doc, index), None
        at = Window(doc, WINDOW_SENTENCES).antecedent(pronoun) if pronoun is not None else None
        if at is not None:
            head = doc[at]
            entity = index.at(head.idx, head.idx + len(head.text))
            entity = entity if entity is not None and refs.agrees(pronoun.lower_, entity) else None
        cpu["coreferee"] += time.process_time() - started
        found["rules"].append(rules)
        found["coreferee"].append(entity.name if entity else None)
        found["coreferee, else rules"].append(entity.name if entity else rules)
    ms = {way: 1000 * cpu["coreferee" if "coreferee" in way else "rules"] / len(cases) for way in found}
    return {way: (speakers, ms[way]) for way, speakers in found.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the cases each way gets wrong")
    args = parser.parse_args()
    from pipeline.model import load_model
    from pipeline.references.coref import Window

    if not Window.available():
        print("coreferee or its model is missing", file=sys.stderr)
        return 1
    nlp = load_model()
    for name, cases in (("tuning cases", CASES), ("held-out cases", HELD_OUT)):
        print(f"{name}: {len(cases)} invented texts; accuracy of the pronoun speaker, CPU ms per case")
        for way, (speakers, ms) in answers(nlp, cases).items():
            right = sum(got == expected for got, (_, _, expected) in zip(speakers, cases))
            print(f"  {way:22} {right / len(cases):.3f} ({right}/{len(cases)})  {ms:6.1f} ms")
            if args.show:
                for got, (_, words, expected) in zip(speakers, cases):
                    if got != expected:
                        print(f"    {words!r}: {got!r}, expected {expected!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
