"""CAMEO events on example articles and short sentences: coding, roles, dates, counts, merging."""

import pytest

from pipeline.entities.extract import extract_entities
from pipeline.events.extract import extract_events, lexicon


def events_of(doc, published_at=None):
    return extract_events(doc, extract_entities(doc), published_at)


@pytest.fixture(scope="module")
def sentence_events(nlp):
    """Events of a one-sentence (or short) article with an empty headline."""

    def run(text, published_at="2022-03-02"):  # a Wednesday
        return events_of(nlp("\n\n" + text), published_at)

    return run


def by_root(events, root):
    return [e for e in events if e.cameo_root == root]


def test_lexicon_covers_every_cameo_root():
    roots = set(lexicon()["verb"].values()) | set(lexicon()["noun"].values())
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_active_voice_roles_and_date(sentence_events):
    (event,) = sentence_events("Russia attacked Ukraine on Monday.")
    assert (event.cameo_root, event.trigger) == ("19", "attacked")
    assert (event.actors, event.targets) == (["Russia"], ["Ukraine"])
    assert (event.date_text, event.date) == ("Monday", "2022-02-28")


def test_trigger_offsets_index_the_doc(nlp):
    doc = nlp("\n\nRussia attacked Ukraine on Monday.")
    (event,) = events_of(doc)
    assert doc.text[event.trigger_start : event.trigger_end] == "attacked"


def test_passive_voice_by_agent(sentence_events):
    (event,) = sentence_events("Ukraine was attacked by Russia on Monday.")
    assert (event.actors, event.targets) == (["Russia"], ["Ukraine"])


def test_passive_without_agent_leaves_actor_out(sentence_events):
    (event,) = sentence_events("John Smith was arrested by police in London.")
    assert event.cameo_root == "17"
    assert event.actors == [] and event.targets == ["John Smith"]


def test_negation_and_modality(sentence_events):
    assert sentence_events("Russia did not attack Ukraine.") == []
    (threat,) = sentence_events("Russia threatened to attack Ukraine.")
    assert (threat.cameo_root, threat.actors, threat.targets) == ("13", ["Russia"], ["Ukraine"])
    (announced,) = sentence_events("Iran said it would attack Israel if the sanctions continued.")
    assert (announced.cameo_root, announced.actors, announced.targets) == ("13", ["Iran"], ["Israel"])
    assert sentence_events("Experts warned that prices could rise.") == []  # a forecast, not a threat


def test_statements_are_not_events_but_coded_speech_acts_are(sentence_events):
    assert sentence_events("Vladimir Putin said the economy was growing.") == []
    (appeal,) = sentence_events("Germany urged Russia to withdraw its troops.")
    assert (appeal.cameo_root, appeal.actors, appeal.targets) == ("02", ["Germany"], ["Russia"])
    (criticism,) = sentence_events("France criticised Iran over its nuclear programme.")
    assert (criticism.cameo_root, criticism.actors, criticism.targets) == ("11", ["France"], ["Iran"])


def test_natural_disasters_are_not_events(sentence_events):
    assert sentence_events("An earthquake struck the Philippines on Tuesday, killing 93 people.") == []


def test_repeated_mentions_merge_with_counts(sentence_events):
    events = sentence_events("Russia attacked Ukraine on Monday. The attacks killed 12 people and left 300 displaced.")
    (event,) = events
    assert event.counts == {"killed": 12, "injured": None, "displaced": 300, "arrested": None}
    assert event.mention_sentences == ["The attacks killed 12 people and left 300 displaced."]


def test_attribution(sentence_events):
    (event,) = sentence_events(
        "The Wall Street Journal has reported that Saudi Arabia is financing the Libyan National Army.")
    assert event.cameo_root == "07"
    assert event.actors == ["Saudi Arabia"]
    assert event.attributed_to and "Wall Street Journal" in event.attributed_to


def test_arrest_count_and_location(sentence_events):
    (event,) = sentence_events("Police arrested 40 protesters in Paris on Friday.")
    assert (event.cameo_root, event.counts["arrested"], event.location) == ("17", 40, "Paris")
    assert event.date == "2022-02-25"


def test_seed_article(example_doc):
    events = events_of(example_doc("000_f4d52250c8b22130.txt"), "2019-04-21")
    call = next(e for e in events if e.trigger == "phone call")
    assert (call.cameo_root, call.actors, call.targets) == ("04", ["Donald Trump"], ["Khalifa Haftar"])
    # "Trump's call to Haftar" later in the article is the same call, not a second row.
    assert len([e for e in events if e.cameo_root == "04" and "call" in e.trigger.lower()]) == 1
    attacks = next(e for e in events if e.trigger == "attacks")
    assert attacks.cameo_root == "19" and attacks.actors == ["Libyan National Army"]
    assert attacks.counts == {"killed": 227, "injured": 1000, "displaced": 16000, "arrested": None}
    visit = next(e for e in by_root(events, "04") if e.trigger == "visited")
    assert visit.actors == ["Khalifa Haftar"] and visit.date == "2019-03-27"
    appeal = next(e for e in by_root(events, "02") if "calling for" in e.trigger)
    assert appeal.date_text == "last Thursday" and appeal.date == "2019-04-18"
    assert not [e for e in events if "said" in e.trigger or "told" in e.trigger]


def test_seed_article_without_publication_date_has_no_resolved_dates(example_doc):
    events = events_of(example_doc("000_f4d52250c8b22130.txt"), None)
    assert any(e.date_text for e in events) and all(e.date is None for e in events)


def test_exchange_of_fire_article(example_doc):
    events = events_of(example_doc("nk-quasi-state-of-war.txt"), "2015-08-21")
    fired = next(e for e in events if e.trigger.startswith("fired artillery"))
    assert (fired.cameo_root, fired.actors, fired.date) == ("19", ["North Korea"], "2015-08-20")
    assert (fired.counts["killed"], fired.counts["injured"]) == (0, 0)  # "No injuries or deaths"
    threat = next(e for e in by_root(events, "13") if "attack" in e.trigger)
    assert threat.actors == ["North Korea"]
    assert any(e.trigger == "evacuated" and e.cameo_root == "07" for e in events)


def test_arrest_article_passive_roles(example_doc):
    events = events_of(example_doc("scientology-defector-arrested.txt"), "2010-10-09")
    arrest = next(e for e in by_root(events, "17") if e.trigger == "arrested")
    assert arrest.targets == ["Daniel Montalvo"]
    released = next(e for e in by_root(events, "08") if e.trigger == "released")
    assert released.targets == ["Daniel Montalvo"] and released.date == "2010-10-07"


def test_earthquake_article_codes_only_the_rescue(example_doc):
    events = events_of(example_doc("philippines-bohol-earthquake.txt"), "2013-10-15")
    assert {e.cameo_root for e in events} <= {"07"}


def _roles(events, root):
    (event,) = by_root(events, root)
    return event.actors, event.targets


def test_gerund_after_preposition_keeps_its_own_voice(sentence_events):
    events = sentence_events("Mr Ahmed Khan was flown to Cuba after being captured in Pakistan in 2001.")
    assert _roles(events, "17") == ([], ["Ahmed Khan"])
    events = sentence_events("After calling Oxfam by phone, Maria Lopez was put through to a lawyer.")
    assert _roles(events, "04") == (["Maria Lopez"], ["Oxfam"])


def test_dative_to_and_the_leader_refer_back(sentence_events):
    text = ("Omar Farah leads the rebels. A number of sources reported Sunday that Joe Biden appeared to "
            "give approval to the leader, who critics have accused of war crimes.")
    events = sentence_events(text)
    assert _roles(events, "05") == (["Joe Biden"], ["Omar Farah"])
    assert by_root(events, "11")[0].targets == ["Omar Farah"]


def test_support_for_a_possessor_and_nested_targets(sentence_events):
    events = sentence_events("Qatar offered support for Haftar's plans.")
    assert _roles(events, "03") == (["Qatar"], ["Haftar"])
    events = sentence_events("Evo Morales announced the cancellation of the contract for the road with the company OAS.")
    assert by_root(events, "16")[0].targets == ["OAS"]


def test_unowned_government_is_the_article_country_and_the_country_refers_back(sentence_events):
    text = ("India is building a reactor in Kudankulam, India. In March, police arrested approximately 200 "
            "protesters near the site.")
    (event,) = by_root(sentence_events(text), "17")
    assert event.actors == ["India"]
    assert event.counts["arrested"] == 200


def test_force_posture_passive_names_the_owner_as_actor(sentence_events):
    events = sentence_events("In India, thousands of Indian police personnel were deployed near the village.")
    assert _roles(events, "15") == (["India"], [])


def test_undergo_verbs_make_their_subject_the_target(sentence_events):
    events = sentence_events("Angela Merkel has drawn criticism from rivals.")
    assert _roles(events, "11") == ([], ["Angela Merkel"])


def test_kin_do_not_stand_for_their_owner(sentence_events):
    events = sentence_events("Tom Smith's sister pleaded with him to see a doctor.")
    assert _roles(events, "02") == ([], ["Tom Smith"])


def test_backing_violence_is_material_aid_and_retaliation_targets_the_attacker(sentence_events):
    events = sentence_events("The offensive has been backed by the United Arab Emirates.")
    assert by_root(events, "07") and not by_root(events, "05")
    text = ("North Korea shelled a border post in South Korea on Thursday. No injuries were reported on either "
            "side. The South retaliated by firing dozens of rounds of artillery.")
    events = by_root(sentence_events(text), "19")
    retaliation = next(e for e in events if e.trigger == "retaliated")
    assert retaliation.targets == ["North Korea"]
    assert retaliation.counts["injured"] == 0


def test_background_and_hypothetical_mentions_are_not_events(sentence_events):
    # a state of affairs with no party, time or place; an act that did not happen ("without")
    assert sentence_events("The road plan has been a source of conflict.") == []
    assert sentence_events("Reporters want to work without being detained.") == []
    # "any trial", an infinitival noun clause, "going to": no particular act
    assert sentence_events("Ministers ruled out secret evidence in any trial.") == []
    assert sentence_events("John Smith has no desire to offer concessions.") == []
    # a heading line names topics
    assert sentence_events("Protest and arrests\n\nThe town was quiet.") == []


def test_the_speakers_own_words_are_a_quote_and_first_person_is_the_speaker(sentence_events):
    assert by_root(sentence_events('Jane Doe said, "We urge the governments to act."'), "02") == []
    events = sentence_events('John Smith said, "The Acme Company sued me last year."')
    assert _roles(events, "11") == (["Acme Company"], ["John Smith"])


def test_protest_without_target_is_against_the_state(sentence_events):
    (event,) = by_root(sentence_events("In Bolivia, thousands of farmers held a protest in La Paz on Monday."), "14")
    assert event.targets == ["Bolivia"]


def test_backing_violence_aids_its_doer_and_text_attacks_are_criticism(sentence_events):
    text = "The Rebel Army attacked Aleppo on Monday. The strikes were backed by Iran."
    events = sentence_events(text)
    assert _roles(events, "07") == (["Iran"], ["Rebel Army"])
    events = sentence_events("He read City Magazine, which attacked John Smith and Jane Doe.")
    assert by_root(events, "18") == [] and by_root(events, "11")[0].targets == ["John Smith", "Jane Doe"]


def test_a_documents_words_are_its_authors_but_other_participles_are_not(sentence_events):
    events = sentence_events("Amnesty International wrote a letter to France condemning the arrests.")
    assert by_root(events, "11")[0].actors == ["Amnesty International"]
    # the arrested protesters object, not the police who arrested them
    events = sentence_events("French police arrested 20 protesters opposing the Acme Company.")
    assert by_root(events, "11")[0].actors == []


def test_put_behind_bars_is_imprisonment(sentence_events):
    assert [e.cameo_root for e in sentence_events("Egypt put John Smith behind bars on Monday.")] == ["17"]


def test_demand_targets_the_subject_of_its_that_clause(sentence_events):
    (event,) = by_root(sentence_events("Canada demanded that Brazil withdraw its ambassador."), "10")
    assert (event.actors, event.targets) == (["Canada"], ["Brazil"])
    (passive,) = by_root(sentence_events("Canada demanded that Brazil be expelled from the talks."), "10")
    assert passive.targets == []  # a passive subject is acted on, not asked


def test_rejection_targets_the_author_of_the_proposal(sentence_events):
    for text in ("Chile rejected an appeal from Peru.", "Chile rejected Peru's offer of talks."):
        (event,) = by_root(sentence_events(text), "12")
        assert (event.actors, event.targets) == (["Chile"], ["Peru"])


def test_unpunctuated_headline_does_not_swallow_the_first_sentence(nlp):
    # Without a boundary at the blank line the parser reads headline and lede as one sentence,
    # and the lede's subject hangs off the headline's verb.
    doc = nlp("Couple prosecuted after treatment leads to daughter's death\n\n"
              "John Okafor, 42, and his wife Mary Okafor, 36, from Leeds, are undergoing trial for manslaughter.")
    assert any(s.text.startswith("John Okafor") for s in doc.sents)
    (trial,) = events_of(doc)
    assert (trial.cameo_root, trial.targets) == ("11", ["John Okafor", "Mary Okafor"])


def test_quoted_commentary_naming_no_party_is_no_event(sentence_events):
    # The speaker's own words with no party, time or place are opinion, not a reported act;
    # the same words in narration, or a quoted act with its parties, are still coded.
    assert sentence_events('Amira Saleh, a lawyer in Sanaa, wrote: "Air strikes create more extremism than they prevent."') == []
    assert [e.trigger for e in sentence_events("Air strikes create more extremism than they prevent, a report found.")] == ["Air strikes"]
    (strike,) = sentence_events('Amira Saleh, a lawyer in Sanaa, wrote: "The United States launched air strikes on Yemen in March."')
    assert (strike.cameo_root, strike.actors, strike.targets) == ("19", ["United States"], ["Yemen"])


def test_coordinated_names_parsed_as_modifiers_are_all_parties(sentence_events):
    # spaCy reads the first of two coordinated names as a modifier of the second
    (appeal,) = sentence_events("Bishop John Okoro called on Sudanese and South Sudanese to end the fighting.")
    assert sorted(appeal.targets) == ["South Sudanese", "Sudanese"]
    (attack,) = sentence_events("Kenyan and Ugandan troops attacked al-Shabaab positions.")
    assert attack.actors == ["Kenyan", "Ugandan"]


def test_one_act_named_twice_with_the_same_parties_is_one_event(sentence_events):
    text = ("A phone call from President Maria Lopez to General Omar Diallo eased tensions on the border. "
            "Trade resumed at two crossings. Markets in the capital reopened. Fuel prices fell. "
            "Schools stayed closed in the north. The conversation Lopez had with Diallo was praised by diplomats.")
    consults = by_root(sentence_events(text), "04")
    assert [(e.trigger, e.actors, e.targets) for e in consults] == [("phone call", ["Maria Lopez"], ["Omar Diallo"])]
    assert consults[0].mention_sentences == ["The conversation Lopez had with Diallo was praised by diplomats."]


def test_disapproving_an_idea_with_no_party_is_no_event(sentence_events):
    assert by_root(sentence_events("Pastor Ruth Adeyemi condemned corruption at a rally in Lagos."), "11") == []
    (criticism,) = by_root(sentence_events("Pastor Ruth Adeyemi condemned Governor Tunde Bakare at a rally in Lagos."), "11")
    assert (criticism.actors, criticism.targets) == (["Ruth Adeyemi"], ["Tunde Bakare"])


def test_clashes_between_two_states_are_fought_by_both(sentence_events):
    (clash,) = sentence_events("Clashes between Sudan and South Sudan killed 40 soldiers in April.")
    assert (clash.cameo_root, clash.actors, clash.counts["killed"]) == ("19", ["Sudan", "South Sudan"], 40)
    events = sentence_events("South Sudan seceded from Sudan in 2011. The recent clashes between the two countries killed dozens.")
    (clash,) = by_root(events, "19")
    assert sorted(clash.actors) == ["South Sudan", "Sudan"]


def test_a_length_of_time_is_no_event_date(sentence_events):
    (consult,) = sentence_events("Ghana and Togo held talks for eight hours.")
    assert (consult.cameo_root, consult.date_text, consult.date) == ("04", None, None)
    (consult,) = sentence_events("Ghana and Togo held talks two days ago.")
    assert (consult.date_text, consult.date) == ("two days ago", "2022-02-28")


def test_rescuing_a_thing_is_no_aid(sentence_events):
    assert sentence_events("Ghana's attempt in the 54th minute was saved by Kofi Mensah.") == []
    assert sentence_events("Kofi Mensah saved a penalty in the final minute.") == []
    (rescue,) = sentence_events("The navy rescued a group of 40 migrants off Lampedusa.")
    assert rescue.cameo_root == "07"
    (rescue,) = sentence_events("Fishermen rescued a boy from the sea.")
    assert rescue.cameo_root == "07"


def test_a_signed_agreement_is_one_act_of_all_its_signatories(sentence_events):
    (deal,) = sentence_events("An agreement was signed by the presidents of Bolivia and Brazil in August 2009.")
    assert (deal.cameo_root, deal.actors, deal.date_text) == ("05", ["Bolivia", "Brazil"], "August 2009")
    # conjoined verbs stay two acts
    rescues = sentence_events("Fishermen rescued 700 migrants, and the Italian navy saved 200 more.")
    assert [e.trigger for e in rescues] == ["rescued", "saved"]


def test_the_president_is_the_person_titled_so(sentence_events):
    events = sentence_events("President Ama Owusu met Prime Minister Kofi Boateng in Accra. "
                             "Boateng later spoke to reporters. The President accused Togo of smuggling.")
    (accusation,) = by_root(events, "11")
    assert (accusation.actors, accusation.targets) == (["Ama Owusu"], ["Togo"])


def test_targets_of_offers_rejections_and_complaints(sentence_events):
    # the doer's own object ("its troops") leaves the recipient to the "to" phrase
    (offer,) = by_root(sentence_events("Kenya offered its troops to Somalia's new president, Hassan Mohamud."), "03")
    assert (offer.actors, offer.targets) == (["Kenya"], ["Hassan Mohamud"])
    # a rejection rebuffs the author of what is rejected
    (rejection,) = by_root(sentence_events("Bangladesh rejected a Nepalese proposal on river sharing."), "12")
    assert (rejection.actors, rejection.targets) == (["Bangladesh"], ["Nepalese"])
    # a complaint is against what it is about, not the body it is made to
    (complaint,) = by_root(sentence_events("Lebanon complained to the United Nations over Syrian air raids."), "11")
    assert (complaint.actors, complaint.targets) == (["Lebanon"], ["Syrian"])


def test_a_nationality_names_a_people_or_its_state_by_the_noun_it_qualifies(sentence_events):
    (kidnap,) = sentence_events("Kurdish rebels kidnapped three engineers near Van.")
    assert (kidnap.cameo_root, kidnap.actors) == ("18", ["Kurdish"])  # rebels are a people, not a state's force
    (raid,) = sentence_events("A refugee camp was attacked by Burundian militiamen on Monday.")
    assert (raid.cameo_root, raid.actors) == ("18", ["Burundian"])
    (bombing,) = sentence_events("Russian aircraft bombed a village near Aleppo.")
    assert (bombing.cameo_root, bombing.actors) == ("19", ["Russian"])  # a state's aircraft are its military


def test_a_conditional_threat_targets_who_must_act_to_avert_it(sentence_events):
    (threat,) = sentence_events("Ghana threatened to close its border unless Togo released the fishermen.")
    assert (threat.cameo_root, threat.actors, threat.targets) == ("13", ["Ghana"], ["Togo"])
    (threat,) = sentence_events("Russia threatened to stop the talks if the United States deployed new missiles.")
    assert threat.targets == ["United States"]


def test_protest_staged_against_a_party(sentence_events):
    # "staged" is lemmatised "stag" by the model; the lexicon's verb wins
    (strike,) = sentence_events("Amina Diallo, a rights activist, staged a hunger strike in prison on Sunday "
                                "in protest against abuses by Guinean security forces.")
    assert (strike.cameo_root, strike.trigger, strike.actors) == ("14", "hunger strike", ["Amina Diallo"])
    assert strike.targets == ["Guinean"]
    (rally,) = sentence_events("Angry activists from the Kenya African National Union staged rallies in Nairobi "
                               "against the party's leader Daniel Moi.")
    assert (rally.actors, rally.targets) == (["Kenya African National Union"], ["Daniel Moi"])


def test_a_curfew_is_imposed_on_a_place_and_lifting_it_is_one_act(sentence_events):
    (curfew,) = sentence_events("The army declared martial law in Bangkok on Tuesday.")
    assert (curfew.cameo_root, curfew.targets) == ("17", ["Bangkok"])
    (lifted,) = sentence_events("Ghana lifted a night curfew in Bawku on Sunday.")
    assert (lifted.cameo_root, lifted.actors, lifted.targets) == ("08", ["Ghana"], ["Bawku"])


def test_killing_is_an_act_only_when_a_party_does_it(sentence_events):
    (killing,) = sentence_events("Serb forces killed three ethnic Albanians in a gunbattle on Friday.")
    assert (killing.cameo_root, killing.trigger, killing.counts["killed"]) == ("19", "killed", 3)
    # a toll of another act, a weapon or a disaster is no killing of its own
    (attack,) = sentence_events("The attacks on Tripoli have killed an estimated 227 people.")
    assert (attack.trigger, attack.counts["killed"]) == ("attacks", 227)
    assert sentence_events("Three soldiers were killed by a roadside bomb outside Basra.") == []
    assert sentence_events("A powerful earthquake struck the Philippines, killing at least 93 people.") == []


def test_forecasts_requirements_and_references_are_no_acts(sentence_events):
    assert sentence_events("The Christian Medical Fellowship said the Mental Capacity Bill would allow euthanasia.") == []
    assert sentence_events("The Sea Org requires members to sign a contract, agreeing to work for the organization.") == []
    assert sentence_events("Instead of being taken to a hotel, as promised, he was taken to an office.") == []
    (threat,) = sentence_events("Iran said it would attack Israel.")
    assert threat.cameo_root == "13"


def test_attribution_is_the_source_of_the_mention_that_tells_the_event(sentence_events):
    events = sentence_events("Ghana's army attacked Togo on Monday. Later, Reuters reported that the attack "
                             "had been planned for weeks.")
    (attack,) = by_root(events, "19")
    assert (attack.actors, attack.targets, attack.attributed_to) == (["Ghana"], ["Togo"], None)
    (reported,) = sentence_events("Reuters reported that Ghana's army attacked Togo on Monday.")
    assert reported.attributed_to == "Reuters"


def test_a_strike_over_pay_is_a_protest_not_military_force(sentence_events):
    (strike,) = sentence_events("Some 500,000 workers stopped work on Monday, the first day of an open-ended strike over wages.")
    assert strike.cameo_root == "14"
    (strike,) = sentence_events("A strike on Tripoli damaged a school.")
    assert strike.cameo_root == "19"


def test_an_offer_to_act_is_an_intent_to_cooperate(sentence_events):
    (offer,) = sentence_events("Libya has offered to hand over two suspects to Britain.")
    assert (offer.cameo_root, offer.actors) == ("03", ["Libya"])


def test_a_capitalised_first_word_the_tagger_misreads_is_still_a_trigger(sentence_events):
    (strikes,) = sentence_events("Airstrikes hit Tripoli on Sunday.")
    assert (strikes.cameo_root, strikes.trigger, strikes.targets) == ("19", "Airstrikes", ["Tripoli"])
    (talks,) = sentence_events("Talks were held between Ghana and Togo on Monday.")
    assert (talks.cameo_root, talks.actors) == ("04", ["Ghana", "Togo"])


def test_the_doers_not_those_struck_decide_assault_or_military_force(sentence_events):
    (wounding,) = sentence_events("Basque separatist guerrillas wounded two Spanish soldiers in a bomb attack on Thursday.")
    assert (wounding.cameo_root, wounding.counts["injured"]) == ("18", 2)


def test_an_announced_protest_or_cut_is_a_threat(sentence_events):
    (threat,) = sentence_events("Palestinian leaders said they would boycott all official contact with Israel.")
    assert (threat.cameo_root, threat.trigger) == ("13", "would boycott")
    (threat,) = sentence_events("Russia said it would suspend talks with Japan.")
    assert (threat.cameo_root, threat.actors, threat.targets) == ("13", ["Russia"], ["Japan"])


def test_expelling_envoys_cuts_relations_and_it_in_a_report_is_the_reporter(sentence_events):
    (expulsion,) = sentence_events("Switzerland said it had expelled two Russian diplomats for spying.")
    assert (expulsion.cameo_root, expulsion.actors, expulsion.targets) == ("16", ["Switzerland"], ["Russian"])
    (expulsion,) = sentence_events("North Korea has expelled a group of BBC reporters.")
    assert expulsion.cameo_root == "17"


def test_claims_breaches_and_demanded_acts_are_not_new_acts(sentence_events):
    assert sentence_events("Ministers insist the new bill would not change the law on assisted dying.") == []
    (demand,) = sentence_events("Ghana insisted that Togo withdraw its troops.")
    assert (demand.cameo_root, demand.actors, demand.targets) == ("10", ["Ghana"], ["Togo"])  # no withdrawal happened
    assert sentence_events("North Korea has broken agreements with Japan.") == []
