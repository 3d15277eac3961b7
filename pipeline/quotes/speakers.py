"""Speaker resolution: which words name each quote's speaker, and who that is.

In document order, so a quote can inherit from the ones before it. A quote's speaker is, by what
it has: its "according to X" source; else the subject of its cue verb (or a name right beside
it: "said KCNA"); for a block quote, the tweet's handle ("Aguil Lual (@AguilB)") or whoever its
intro names; for a full quote with no cue, the previous speaker nearby. Every paragraph of one
multi-paragraph quote then takes the speaker found for its cued part. Names are resolved to
entities by quote_names.
"""

from __future__ import annotations

import re

from ..document.doccache import sentence
from ..document.records import Entity
from ..references.resolve import IMPERSONAL, PERSONAL
from .article import QUOTE_START, Article, Candidate
from .cues import DASH, SPOKESPEOPLE, SUBJECTS, is_reporting, number, pobj, source_of, source_phrase
from .names import Names

_HANDLE = re.compile(r"\(@(\w+)\)")
HEAD_CLIMB = number("head_climb")  # "..., saying it would ..." / "by announcing": a few verbs up
NAME_AFTER, NAME_BEFORE = number("name_after"), number("name_before")  # "said Ruiz"; "Ruiz, a lawyer, said"


class Speakers:
    def __init__(self, article: Article):
        self.article, self.doc = article, article.doc
        self.names = Names(article)
        self.handles = self._learn_handles()

    def resolve(self, cands: list[Candidate]) -> None:
        """Set every candidate's speaker, in document order."""
        done: list[Candidate] = []
        for cand in cands:
            if cand.cue != DASH:  # a dash line names its speaker outright
                self._resolve(cand, done)
            done.append(cand)
        self._share_chains(cands)

    def _learn_handles(self) -> dict[str, tuple]:
        """'Aguil Lual (@AguilB)' -> the handle's owner, for tweets quoted later as '@AguilB: ...'."""
        handles = {}
        for match in _HANDLE.finditer(self.article.text):
            tok = self.article.token_at(max(0, match.start() - 2))
            if tok is not None:
                entity, text = self.names.name_of(tok, [])
                if entity or text:
                    handles[match.group(1).lower()] = (entity, text)
        return handles

    def _resolve(self, cand: Candidate, done: list[Candidate]) -> None:
        according = self._according_in_sentence(cand)
        if according is not None:
            (cand.cue, cand.source), cand.cue_token = according, None
        if cand.source is not None:
            cand.speaker, cand.speaker_text = self.names.name_of(cand.source, done)
        elif cand.cue_token is not None:
            self._cue_speaker(cand, done)
        elif cand.intro is not None:
            self._block_speaker(cand, done)
        elif cand.kind != "partial":
            self._inherit(cand, done)

    def _cue_speaker(self, cand: Candidate, done: list[Candidate]) -> None:
        """The first subject of the cue verb that names someone; an apposition is their role."""
        verb = self._as_reported(cand) or cand.cue_token
        for subject in self.subjects_of(verb):
            cand.speaker, cand.speaker_text = self.names.name_of(subject, done)
            cand.role = apposition(subject, cand.speaker)
            if cand.speaker is not None:
                person = subject.lemma_.lower() in SPOKESPEOPLE or subject.lower_ in PERSONAL
                cand.spoken_for = person and cand.speaker.type != "PERSON"
                break

    def _as_reported(self, cand: Candidate):
        """"they believe ... fuels it, as blogger Atiaf Alwazir pointed out": the "as" source
        inside the reported words speaks for them."""
        for tok in self.article.tokens(cand.start, cand.end):
            if is_reporting(tok) and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                return tok
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
        """A block quote's speaker: the tweet's known handle, else whoever its intro names (and the
        handle is learnt for the tweets that follow)."""
        if cand.handle in self.handles:
            cand.speaker, cand.speaker_text = self.handles[cand.handle]
            return
        found = self._intro_speaker(cand.intro, done, excerpt=True)
        if found:
            cand.speaker, cand.speaker_text, cand.cue = found
            if cand.handle and (cand.speaker or cand.speaker_text):
                self.handles[cand.handle] = (cand.speaker, cand.speaker_text)

    def _inherit(self, cand: Candidate, done: list[Candidate]) -> None:
        """A full quote with no cue of its own: an introducing paragraph's speaker, else the
        previous quote's in this paragraph, else the previous paragraph's speaker or subject."""
        p = self.article.para_of(cand.start)
        if self.article.is_intro(p - 1) and self.article.para_text(p).lstrip()[:1] in QUOTE_START:
            found = self._intro_speaker(p - 1, done)
            if found:
                cand.speaker, cand.speaker_text, cand.cue = found
            return
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
        elif back >= 0:
            cand.speaker, cand.speaker_text = self._paragraph_subject(back, done)

    def _intro_speaker(self, p: int, done: list[Candidate], excerpt: bool = False) -> tuple | None:
        """(entity, text, cue) of an introducing paragraph: the last reporting verb with a named
        subject ("as blogger Atiaf Alwazir pointed out:"), else its first named subject. A pronoun
        ("He continues:") goes back to the speaker of the quote it continues."""
        tokens = self.article.tokens(*self.article.paras[p])
        first_subject = next((t for t in tokens if t.dep_ in SUBJECTS), None)
        if first_subject is not None and first_subject.lower_ in PERSONAL:
            last = self._running_speaker(p, first_subject, done, excerpt)
            if last is not None:
                return last.speaker, last.speaker_text, first_subject.head.lower_
        found = self._last_cue_speaker(tokens, done)
        if found is not None:
            return found
        entity, text = self._paragraph_subject(p, done)
        return (entity, text, None) if entity or text else None

    def _running_speaker(self, p: int, pronoun, done: list[Candidate], excerpt: bool) -> Candidate | None:
        """The quote "He continues:" (intro paragraph p) goes on with: the latest quote above whose
        speaker fits the pronoun, looking back no further than the previous heading (a new
        section). When p hands over an unmarked block it continues a written excerpt, so only the
        unmarked blocks above count: names and quotes in the paragraphs between may be the
        excerpt's own words, which the block finder does not always take in."""
        para_of = self.article.para_of
        heading = next((b for b in range(p - 1, -1, -1) if self.article.is_heading(b)), -1)
        above = [d for d in done if heading < para_of(d.start) < p and (d.speaker or d.speaker_text)]
        if excerpt:
            above = [d for d in above if d.kind == "block" and not d.marked]
        if not above:
            return None
        last = above[-1]
        return last if last.speaker is None or self.names.fits(pronoun, last.speaker) else None

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

    def _share_chains(self, cands: list[Candidate]) -> None:
        """All paragraphs of one multi-paragraph quote share the first speaker found for it."""
        chains: dict[int, list[Candidate]] = {}
        for cand in cands:
            if cand.chain is not None:
                chains.setdefault(cand.chain, []).append(cand)
        for members in chains.values():
            cued = [m for m in members if m.cue_token is not None or m.source is not None or m.cue == DASH]
            for member in members:
                if cued and member not in cued:
                    member.copy_speaker(cued[0])

    def subjects_of(self, verb) -> list:
        """Who does the reporting: the verb's subjects or a passive's agent, else the subject of
        the verb it hangs from ("..., saying"; "by announcing"), else a name right beside it
        ("..., added KCNA"). Only within the verb's paragraph."""
        same_para = self.article.same_para
        node = verb
        for _ in range(HEAD_CLIMB):
            found = [c for c in node.children if c.dep_ in SUBJECTS and same_para(c, verb)]
            found += [pobj(c) for c in node.children if c.dep_ == "agent" and pobj(c) is not None]
            if found:
                return found
            if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
                return [node.head]  # "a number of sources reported ...": the noun it describes
            if node.dep_ == "ROOT" or node.head == node or not same_para(node.head, verb):
                break
            node = node.head
        beside = self._name_beside(verb)
        return [beside] if beside is not None else []

    def _name_beside(self, verb):
        """An entity, else a proper noun, just after the verb (inverted "said KCNA") or just
        before it ("Tom Molomby, SC, said")."""
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
                return found
        return None


def apposition(tok, speaker: Entity | None) -> str | None:
    """A role stated beside the speaker: "Jeff Rathke, the State Department Spokesperson"."""
    for child in tok.children:
        if child.dep_ == "appos":
            text = " ".join(t.text for t in child.subtree)
            if speaker is None or speaker.name not in text:
                return text
    return None
