"""Speaker resolution: which words name each quote's speaker, and who that is.

In document order, so a quote can inherit from the ones before it. A quote's speaker is, by what
it has: its "according to X" source; else the subject of its cue verb (or a name right beside
it: "said Ruiz"); for a block quote, whoever its intro names; for a full quote with no cue, the
previous speaker nearby. Names are resolved to entities by names.py.
"""

from __future__ import annotations

from ..document.doccache import sentence
from ..document.records import Entity
from ..references.resolve import IMPERSONAL
from ..rules import on, rule
from .article import Article, Candidate
from .cues import SUBJECTS, is_reporting, number, pobj, source_of, source_phrase
from .names import Names

HEAD_CLIMB = number("head_climb")  # "..., saying it would ..." / "by announcing": a few verbs up
NAME_AFTER, NAME_BEFORE = number("name_after"), number("name_before")  # "said Ruiz"; "Ruiz, a lawyer, said"

SOURCE_RULES_SENTENCE = rule("quotes.source_rules_sentence", "a marked quote in a sentence that opens 'According to "
                             "X, ...' is X's, whoever else the sentence names")
INHERIT = rule("quotes.previous_speaker_goes_on", "a full quote with no cue of its own is the previous quote's "
               "speaker in its paragraph, else the previous paragraph's")
HOLDER_BESIDE = rule("quotes.title_holder_beside_verb", "a title that speaks is the person named after it beside the "
                     "verb ('..., wrote the ambassador at the time, John Herbst')")
APPOS_HEAD = rule("quotes.beside_apposition_head", "a name beside the verb that is an apposition stands for the name "
                  "it describes ('Ana Ruiz, QC, said')")
HANDLE_SPEAKS = rule("quotes.handle_speaks", "a post '@handle: ...' is its account's: the entity known by the handle, "
                     "the person named with it ('Ana Ruiz (@anar)'), else the handle itself")
INTRO_OWNS_ACCOUNT = rule("quotes.intro_names_account", "posts from one account after an intro whose reporting verb "
                          "names someone are that person's ('Ana Ruiz wrote: | @anar: ...'), before any entity "
                          "matched to the handle by its spelling")
AS_SOURCE = rule("quotes.as_source", "'..., as X pointed out' inside a reported clause names its source "
                 "('they believe the plan will fail, as the economist Ana Ruiz pointed out')")
INTRODUCED = rule("quotes.introduced_person_speaks", "a cue-less quote opening a paragraph, with no quote just "
                  "before it, is the person the previous paragraph's last sentence is about ('Another expert, Ana "
                  "Ruiz, doubts the plan. | \"...\"')")
NAME_BESIDE = rule("quotes.name_beside_verb", "with no parsed subject, a name just after the verb ('said Ruiz') or "
                   "shortly before it ('Ruiz, a lawyer, said') speaks")


class Speakers:
    def __init__(self, article: Article):
        self.article, self.doc = article, article.doc
        self.names = Names(article)

    def resolve(self, cands: list[Candidate]) -> None:
        """Set every candidate's speaker, in document order."""
        self._handles: dict[int, set[str]] = {}  # intro paragraph -> the accounts of the posts it introduces
        for cand in cands:
            if cand.handle is not None and cand.intro is not None:
                self._handles.setdefault(cand.intro, set()).add(cand.handle.casefold())
        done: list[Candidate] = []
        for cand in cands:
            self._resolve(cand, done)
            done.append(cand)

    def _resolve(self, cand: Candidate, done: list[Candidate]) -> None:
        if cand.handle is not None and on(HANDLE_SPEAKS):
            return self._handle_speaker(cand, done)
        according = self._according_in_sentence(cand) if on(SOURCE_RULES_SENTENCE) else None
        if according is not None:
            (cand.cue, cand.source), cand.cue_token = according, None
        if cand.kind == "indirect" and cand.source is None and on(AS_SOURCE):
            cand.source = self._as_source(cand, done)
        if cand.source is not None:
            cand.speaker, cand.speaker_text = self.names.name_of(cand.source, done)
        elif cand.cue_token is not None:
            self._cue_speaker(cand, done)
        elif cand.intro is not None:
            self._block_speaker(cand, done)
        elif cand.kind != "partial" and on(INHERIT):
            self._inherit(cand, done)

    def _as_source(self, cand: Candidate, done: list[Candidate]):
        """The subject of "as X pointed out" inside a reported clause, who is its source ("they believe
        the plan will fail, as the economist Ana Ruiz pointed out")."""
        for tok in self.article.tokens(cand.start, cand.end):
            if any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and is_reporting(tok):
                subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
                if subject is not None and any(self.names.name_of(subject, done)):
                    cand.cue, cand.cue_token = tok.lower_, None
                    return subject
        return None

    def _handle_speaker(self, cand: Candidate, done: list[Candidate]) -> None:
        """A post's account: if all the posts an intro introduces are from one account, the person
        its reporting verb names ("Ana Ruiz tweeted:"); else the entity known by the handle or named
        with it; else whoever the intro names; else the handle itself."""
        one_account = cand.intro is not None and len(self._handles.get(cand.intro, ())) == 1
        if one_account and on(INTRO_OWNS_ACCOUNT):
            # the narration's attribution is explicit; a handle's entity may only be a spelling match
            found = self._last_cue_speaker(self.article.tokens(*self.article.paras[cand.intro]), done)
            if found is not None and (found[0] is None or found[0].type == "PERSON"):
                cand.speaker, cand.speaker_text, cand.cue = found
                return
        entity, text = self.names.of_handle(cand.handle)
        if entity is None and one_account:
            found = self._intro_speaker(cand.intro, done)
            if found:
                cand.speaker, cand.speaker_text, cand.cue = found
                return
        cand.speaker, cand.speaker_text = entity, text

    def _cue_speaker(self, cand: Candidate, done: list[Candidate]) -> None:
        """The first subject of the cue verb that names someone; an apposition is their role."""
        subjects = self.subjects_of(cand.cue_token)
        for subject in subjects:
            cand.speaker, cand.speaker_text = self.names.name_of(subject, done)
            cand.role = apposition(subject, cand.speaker)
            if cand.speaker is not None:
                return
        if subjects and self.names.refs.is_role(subjects[0]) and not cand.speaker_text and on(HOLDER_BESIDE):
            cand.speaker = self._holder_beside(cand.cue_token)

    def _holder_beside(self, verb) -> Entity | None:
        """The person named after a comma beside a verb whose subject is a title ("..., wrote the
        ambassador at the time, John Herbst"): the parser hangs the name from the verb."""
        for child in verb.children:
            if child.dep_ in ("npadvmod", "appos", "dep", "attr") and child.i > verb.i:
                entity = self.names.entity_at(child)
                if entity is not None and entity.type == "PERSON" and not self.article.inside_quote(child.idx):
                    return entity
        return None

    def _according_in_sentence(self, cand: Candidate) -> tuple | None:
        """(phrase, source) of "According to X, ..." around a marked quote: the quote is X's,
        whoever the sentence quotes."""
        tok = self.article.token_at(cand.start) if cand.marked else None
        if tok is None:
            return None
        for t in sentence(tok):
            phrase = source_phrase(t)
            if phrase and not cand.start <= t.idx < cand.end and self.article.same_para(t, tok):
                return phrase, source_of(t, phrase)
        return None

    def _block_speaker(self, cand: Candidate, done: list[Candidate]) -> None:
        """A block quote's speaker: whoever its intro names."""
        found = self._intro_speaker(cand.intro, done)
        if found:
            cand.speaker, cand.speaker_text, cand.cue = found

    def _inherit(self, cand: Candidate, done: list[Candidate]) -> None:
        """A full quote with no cue of its own: the previous quote's speaker in this paragraph, else
        the previous paragraph's."""
        p = self.article.para_of(cand.start)
        para_of = self.article.para_of
        same = [d for d in done if para_of(d.start) == p and d.end <= cand.start and d.kind != "indirect"]
        if same:
            return cand.copy_speaker(same[-1])
        back = p - 1
        while back > 0 and any(d.kind == "block" and para_of(d.start) == back for d in done):
            back -= 1  # a run of block paragraphs: all by the speaker before them
        previous = [d for d in done if back <= para_of(d.start) < p and (d.speaker or d.speaker_text)]
        if previous:
            cand.speaker, cand.speaker_text = previous[-1].speaker, previous[-1].speaker_text
        elif on(INTRODUCED) and p > 0 and not self.article.text[self.article.paras[p][0] : cand.start].strip(" \"\u201c"):
            cand.speaker = self._introduced_person(p - 1, done)

    def _introduced_person(self, p: int, done: list[Candidate]) -> Entity | None:
        """The person the last sentence of paragraph p is about (its last person subject), who speaks
        in the quote that opens the next paragraph ("Another expert, Ana Ruiz, doubts the plan.")."""
        tokens = self.article.tokens(*self.article.paras[p])
        if not tokens:
            return None
        found = None
        for tok in sentence(tokens[-1]):
            if tok.dep_ in SUBJECTS and not self.article.inside_quote(tok.idx):
                entity, _ = self.names.name_of(tok, done)
                if entity is not None and entity.type == "PERSON":
                    found = entity
        return found

    def _intro_speaker(self, p: int, done: list[Candidate]) -> tuple | None:
        """(entity, text, cue) of an introducing paragraph: the last reporting verb with a named
        subject ("as economist Lena Park pointed out:"), else its first named subject."""
        tokens = self.article.tokens(*self.article.paras[p])
        found = self._last_cue_speaker(tokens, done)
        if found is not None:
            return found
        entity, text = self._paragraph_subject(p, done)
        return (entity, text, None) if entity or text else None

    def _last_cue_speaker(self, tokens: list, done: list[Candidate]) -> tuple | None:
        """(entity, text, cue) of the last "according to X" or reporting verb that names someone."""
        for tok in reversed(tokens):
            phrase = source_phrase(tok)
            if phrase:
                entity, text = self.names.name_of(source_of(tok, phrase), done)
                if entity or text:
                    return entity, text, phrase
            if is_reporting(tok):
                subject = next(iter(self.subjects_of(tok)), None)
                if subject is not None:
                    entity, text = self.names.name_of(subject, done)
                    if entity or text:
                        return entity, text, tok.lower_
        return None

    def _paragraph_subject(self, p: int, done: list[Candidate]) -> tuple[Entity | None, str | None]:
        """The first named subject of a paragraph (outside quotes)."""
        for tok in self.article.tokens(*self.article.paras[p]):
            if tok.dep_ in SUBJECTS and not self.article.inside_quote(tok.idx) and tok.lower_ not in IMPERSONAL:
                entity, text = self.names.name_of(tok, done)
                if entity or text:
                    return entity, text
        return None, None

    def subjects_of(self, verb) -> list:
        """Who does the reporting: the verb's subjects or a passive's agent, else the subject of
        the verb it hangs from ("..., saying"; "by announcing"), else a name right beside it
        ("..., added the agency"). Only within the verb's paragraph."""
        same_para = self.article.same_para
        node = verb
        for _ in range(HEAD_CLIMB):
            found = [c for c in node.children if c.dep_ in SUBJECTS and same_para(c, verb)]
            found += [pobj(c) for c in node.children if c.dep_ == "agent" and pobj(c) is not None]
            if found:
                return found
            if node.dep_ == "ROOT" or node.head == node or not same_para(node.head, verb):
                break
            node = node.head
        beside = self._name_beside(verb) if on(NAME_BESIDE) else None
        return [beside] if beside is not None else []

    def _name_beside(self, verb):
        """An entity, else a proper noun, just after the verb (inverted "said Ruiz") or just
        before it ("Ana Ruiz, QC, said")."""
        doc, article = self.doc, self.article
        near = [doc[i] for i in range(verb.i + 1, min(len(doc), verb.i + 1 + NAME_AFTER))]
        near += [doc[i] for i in range(verb.i - 1, max(-1, verb.i - 1 - NAME_BEFORE), -1)]
        near = [
            t for t in near
            if article.same_para(t, verb) and not article.inside_quote(t.idx) and t.ent_type_ not in ("DATE", "TIME")
        ]
        for test in (
            lambda t: article.index.at(t.idx, t.idx + len(t.text)),
            lambda t: t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "GPE"),
            lambda t: t.pos_ == "PROPN",
        ):
            found = next((t for t in near if test(t)), None)
            if found is not None:
                # "Ana Ruiz, QC, said": the name the apposition describes
                return found.head if found.dep_ == "appos" and found.head.pos_ == "PROPN" and on(APPOS_HEAD) else found
        return None


def apposition(tok, speaker: Entity | None) -> str | None:
    """A role stated beside the speaker: "Ana Ruiz, the port authority's spokeswoman"."""
    for child in tok.children:
        if child.dep_ == "appos":
            text = " ".join(t.text for t in child.subtree)
            if speaker is None or speaker.name not in text:
                return text
    return None
