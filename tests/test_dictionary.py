"""The PETRARCH2/Phoenix dictionary layer: the converter's reading of the vendored files and the
matcher's codes on invented sentences (active, passive, particles, objects, prepositions, synsets)."""

import pytest

from pipeline.events.dictionary import agent_code, match_agent, match_verb
from pipeline.resources import convert_petrarch as convert
from pipeline.resources import load


@pytest.fixture(scope="module")
def coded(nlp):
    """The dictionary's match for `word` (its first occurrence) in a one-sentence text."""

    def run(text, word, **options):
        doc = nlp(text)
        token = next(t for t in doc if t.text == word)
        return match_verb(token, **options)

    return run


# ------------------------------------------------------------------ converter


def test_pattern_line_becomes_pre_post_prep_code_and_passive():
    pattern = convert.parse_pattern("- &MILITARY * {ARMS SHIPMENT} (TO +) (ACROSS THE BORDER) [042:043]  # RUSH", 7)
    assert pattern == {"pre": ["&MILITARY"], "post": ["arms shipment"],
                       "preps": [["to", ["+"]], ["across", ["border"]]], "code": "042", "passive": "043", "verb": "rush",
                       "line": 7}
    assert convert.parse_pattern("- * (BEFORE COURT) [:173]", 1)["code"] is None
    assert convert.parse_pattern("- * (BEFORE COURT) [:173]", 1)["passive"] == "173"
    assert convert.parse_pattern("- * {ANOTHER SHOT} [---]", 1)["code"] is None


def test_verb_lines_give_lemma_particles_forms_and_own_code():
    assert convert.parse_verb_entry("+CALL_OFF {+CALLS_OFF +CALLED_OFF} [160]", "HALT") == [
        ("call", {"block": "HALT", "code": "160", "after": ["off"], "forms": ["called", "calls"]})]
    assert convert.parse_verb_entry("RE-ADMIT {RE-ADMITS}", "RE_ADMIT")[0] == (
        "admit", {"block": "RE_ADMIT", "before": ["re"], "forms": ["admits"]})
    lemma, entry = convert.parse_verb_entry("+IS_DETERMINED {+WAS_DETERMINED}", "SELECT")[0]
    assert (lemma, entry["after"]) == ("be", ["determined"])


def test_agents_expand_macros_plurals_and_null_plurals():
    text = "!PERSON! = MAN, MEN\nPOLICE!PERSON! [~COP]\nRIOT_POLICE {} [~COP]\nDEPUTY [~GOV]\nCHIEF_JUSTICE {CHIEFS_JUSTICE} [~JUD]\nNO_CODE\n"
    agents, skipped = convert.parse_agents(text)
    assert agents == {"policeman": "COP", "policemen": "COP", "riot police": "COP", "deputy": "GOV",
                      "deputies": "GOV", "chief justice": "JUD", "chiefs justice": "JUD"}
    assert skipped == 1


def test_actor_records_keep_the_code_current_at_the_list_date():
    text = ("JOHN_DOE_  # CountryInfo.txt\n+MR_DOE\n\t[FRAGOV 980101-021231]\n\t[FRAELI >030101]\n"
            "OLD_MAN_  # CountryInfo.txt\n\t[ITAGOV 700101-791231]\n")
    actors = convert.build_actors(text, "", "")
    assert actors["persons"]["names"] == {"john doe": ["FRA", "ELI", None], "old man": ["ITA", "GOV", 1979]}
    assert actors["persons"]["aliases"] == {"mr doe": "john doe"}


def test_committed_json_is_the_converters_output():
    built = convert.build()
    assert load("cameo_verbs") == built["cameo_verbs.json.gz"]  # read through the .gz loader
    assert load("agents") == built["agents.json.gz"]
    assert load("actors")["persons"] == built["actors.json.gz"]["persons"]
    assert "_source" in load("cameo_verbs") and "_source" in load("actors")


# ------------------------------------------------------------------ verbs


def test_block_default_code_when_no_pattern_matches(coded):
    match = coded("The army shelled a hillside outpost overnight.", "shelled")
    assert (match.code, match.root, match.is_default) == ("190", "19", True)
    assert match.source.text == "army" and match.target.text == "outpost"


def test_verb_own_code_overrides_its_blocks(coded):
    arrested = coded("Officials arrested the mayor.", "arrested")  # ARREST [173] in APPREHEND [171]
    captured = coded("Officials captured the mayor.", "captured")
    assert (arrested.code, captured.code) == ("173", "171")
    assert arrested.block == captured.block == "APPREHEND"
    assert (arrested.source.text, arrested.target.text) == ("Officials", "mayor")


def test_object_pattern_beats_the_default(coded):
    assert coded("The council promised financial aid to the farmers.", "promised").code == "0331"
    assert coded("The council promised its cooperation.", "promised").code == "030"


def test_object_and_preposition_pattern_is_most_specific(coded):
    police = coded("The governor rushed police to the border.", "rushed")
    assert police.code == "153"
    assert [t.text for t in police.tokens] == ["rushed", "police", "to", "border"]
    assert (police.post_noun.text, police.prep.text, police.prep_object.text) == ("police", "to", "border")
    assert coded("The governor rushed reinforcements to the border.", "rushed").code == "154"
    assert not police.borrowed  # written for RUSH itself
    hurried = coded("The governor hurried police to the border.", "hurried")  # a synonym in RUSH's block
    assert (hurried.code, hurried.borrowed) == ("153", True)


def test_synset_member_matches_a_named_set(coded):
    match = coded("Soldiers rushed into the burning village.", "rushed")  # - &MILITARY * [154]
    assert match.code == "154" and match.pre_noun.text == "Soldiers"
    assert "&MILITARY" in match.pattern
    assert coded("Rebels fired rockets at the capital.", "fired").code == "194"


def test_particle_verbs_need_their_particle(coded):
    off = coded("The unions called off the strike on Monday.", "called")
    assert off.root == "08" and [t.text for t in off.particles] == ["off"]
    assert coded("The unions called the minister on Monday.", "called").root != "08"


def test_multiword_verb_takes_its_prepositional_object_as_target(coded):
    match = coded("The envoy met with the king in the palace.", "met")
    assert (match.code, match.target.text) == ("040", "king")
    assert [t.text for t in match.particles] == ["with"]


def test_passive_voice_swaps_subject_and_agent(coded):
    match = coded("The journalist was detained by security forces.", "detained")
    assert match.code == "173" and match.passive
    assert (match.source.text, match.target.text) == ("forces", "journalist")


def test_passive_subject_fills_the_object_side_of_a_pattern(coded):
    active = coded("The ministers imposed sanctions on the regime.", "imposed")
    passive = coded("Sanctions were imposed on the regime by the ministers.", "imposed")
    assert active.code == passive.code == "163"
    assert passive.passive and passive.post_noun.text == "Sanctions"


def test_participle_on_a_noun_is_read_as_passive(coded):
    match = coded("Villages captured by the militia were looted.", "captured")
    assert match.code == "192" and match.passive
    assert (match.source.text, match.target.text) == ("militia", "Villages")


def test_passive_only_code_reverses_the_roles(coded):
    match = coded("The defendant appeared before the court.", "appeared")  # [:173]
    assert (match.code, match.reverse) == ("173", True)
    assert (match.source.text, match.target.text) == ("court", "defendant")


def test_two_sided_code_reports_the_reciprocal_event(coded):
    visit = coded("The foreign minister visited the capital.", "visited")
    assert (visit.code, visit.reciprocal) == ("042", "043")
    host = coded("The foreign minister hosted the delegation.", "hosted")
    assert (host.code, host.reciprocal) == ("043", "042")


def test_irregular_form_is_found_when_the_lemma_is_wrong(coded):
    match = coded("Dock workers staged a strike at the port.", "staged")  # lemma "stag"
    assert match.code == "140" and match.post_noun.text == "strike"


def test_null_pattern_codes_no_event_unless_asked(coded):
    assert coded("The committee took another shot at the proposal.", "took") is None
    vetoed = coded("The committee took another shot at the proposal.", "took", include_null=True)
    assert vetoed.code is None and "{another shot}" in vetoed.pattern
    taken = coded("Militants took hostages at the hotel.", "took")
    assert taken.root == "18"


def test_patterns_written_for_another_verb_of_the_block_can_be_left_out(coded):
    # "- * SUPPORT [022] # URGE" sits under DEMAND; read for "demand" it makes a demand an appeal
    shared = coded("The unions demanded support from parliament.", "demanded")
    own = coded("The unions demanded support from parliament.", "demanded", borrowed=False)
    assert (shared.code, shared.borrowed) == ("022", True) and own.root == "10" and own.default == "100"


def test_a_comment_verb_the_file_lists_nowhere_is_kept():
    verbs = {"demand": [{"block": "DEMAND"}], "rule": [{"block": "DECIDE"}]}
    blocks = {"DEMAND": {"code": "100", "patterns": [{"post": ["support"], "code": "022", "verb": "urge", "line": 1},
                                                      {"post": ["veto"], "code": "100", "verb": "ruled", "line": 2}]}}
    convert._resolve_pattern_verbs(blocks, verbs)
    assert [p["verb"] for p in blocks["DEMAND"]["patterns"]] == ["urge", "rule"]  # kept; a regular form's lemma


def test_unknown_verb_gives_no_match_and_known_verb_does(coded):
    assert coded("The river meandered through the valley.", "meandered") is None
    assert coded("The police arrested the mayor.", "arrested").code == "173"


# ------------------------------------------------------------------ agents


def test_agent_codes_for_role_nouns(nlp):
    doc = nlp("Riot police and two policewomen met the head of national police and several judges.")
    by_word = {t.text: match_agent(t) for t in doc if t.pos_ == "NOUN"}  # the last "police" is kept
    assert (match_agent(doc[1]).code, match_agent(doc[1]).text) == ("COP", "riot police")
    assert by_word["police"].text == "national police"
    assert by_word["policewomen"].code == "COP"
    assert by_word["head"].text == "head of national police" and by_word["head"].roles == ("COP",)
    assert by_word["judges"].code == "JUD"


def test_agent_of_a_span_uses_its_root(nlp):
    doc = nlp("The country's foreign ministry protested.")
    assert match_agent(doc[3:5]).text == "foreign ministry"
    assert match_agent(doc[3:5]).code == "GOV"


def test_agent_code_from_text():
    assert agent_code("The Foreign Minister") == "GOV"
    assert agent_code("rebels") == "REB"
    assert agent_code("weather") is None
