"""Composite transforms between reading and writing: analyse with spaCy, validate, route errors."""

from __future__ import annotations

import gc

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.utils import shared

from .deadletter import dead_letter
from .io.read import DEAD, DEFAULT_MAX_ARTICLE_CHARS, NAMESPACE
from .progress import Progress
from .schemas import errors_of, validator

EXTRACTED = ("entities", "quotes", "events")


class _Model:
    """Weak-referenceable holder, as `shared.Shared` requires."""

    def __init__(self, nlp):
        self.nlp = nlp


class AnalyzeBatchFn(beam.DoFn):
    """Batches of articles through `nlp.pipe`; emits each valid article row (tagged `articles`,
    already checked against its schema) and (table, row, source_uri) items for the rows extracted
    from it, or an input dead letter.

    The model loads once per worker process (`Shared`), never per bundle or element; a failing
    article becomes a dead letter without costing its batch neighbours. With `progress_seconds`, a
    progress line is logged that often (`total`, a side input, is the number of articles).
    """

    def __init__(self, model_name: str, article_schema: dict, rules_off: frozenset[str] = frozenset(), *,
                 max_chars: int = DEFAULT_MAX_ARTICLE_CHARS, progress_seconds: float = 0, workers: int | None = 1):
        self.model_name = model_name
        self.article_schema = article_schema
        self.rules_off = rules_off
        self.max_chars = max_chars
        self.progress_seconds = progress_seconds
        self.workers = workers
        self._shared = shared.Shared()  # created at construction so all copies share one key
        self.failed = Metrics.counter(NAMESPACE, "extract_failures")
        # Counts real loads (not cache hits): on any runner it should equal the worker processes.
        self.loads = Metrics.counter(NAMESPACE, "model_loads")
        self.analysed = Metrics.counter(NAMESPACE, "articles_analysed")

    def setup(self):
        from . import rules
        from .model import load_model

        rules.set_off(self.rules_off)  # this worker's extractors skip the run's switched-off rules
        self._loaded_here = False

        def load():
            self._loaded_here = True
            return _Model(load_model(self.model_name))

        self._model = self._shared.acquire(load, tag=self.model_name)
        # Articles up to the limit are read (longer ones are dead letters with that reason), so
        # spaCy's own limit must not refuse them with its raw message.
        nlp = self._model.nlp
        nlp.max_length = max(nlp.max_length, self.max_chars + 2)  # + the blank line after the title
        self._check_article = validator(self.article_schema)
        if self._loaded_here:
            # The model and the modules stay for the worker's life: out of the collector's sight,
            # its full collections scan only what articles create (they took ~4% of extraction).
            gc.freeze()
        self._progress = Progress(self.progress_seconds, self.workers) if self.progress_seconds > 0 else None

    def start_bundle(self):
        # Counted here: Beam records no metrics during setup().
        if self._loaded_here:
            self.loads.inc()
            self._loaded_here = False

    def process(self, batch, total=None):
        if self._progress:
            self._progress.begin()
        yield from self._analyse(batch)
        self.analysed.inc(len(batch))
        if self._progress:
            self._progress.add(len(batch), total)

    def _analyse(self, batch):
        from .extract import analyze_doc

        valid = []
        for article in batch:
            # An article that breaks its schema is an input failure, caught before extraction so
            # no entity, quote or event row is written for an article that is not.
            problems = errors_of(self._check_article, article)
            if problems:
                yield DEAD, dead_letter("input", article["source_uri"], "validate",
                                        "articles row invalid: " + "; ".join(problems), article,
                                        table="articles", article_id=article["article_id"])
            else:
                valid.append(article)
        nlp = self._model.nlp
        # memory_zone frees the strings each batch adds to the vocab (long runs stay flat).
        with nlp.memory_zone():
            for article, doc in zip(valid, _parse(nlp, valid)):
                try:
                    if isinstance(doc, Exception):
                        raise doc
                    tables = analyze_doc(doc, article)
                    # What the extractors kept on the Doc (its columns, sentence and entity Spans)
                    # points back at it: dropped, the Doc is freed as soon as its batch is, not at
                    # the collector's next full pass.
                    doc.user_data.clear()
                except Exception as exc:  # noqa: BLE001 - one bad article must not stop the job
                    self.failed.inc()
                    yield DEAD, dead_letter("input", article["source_uri"], "extract",
                                            f"{type(exc).__name__}: {exc}", article,
                                            article_id=article["article_id"])
                    continue
                # Checked above, so it skips ValidateRows: each row is validated once.
                yield beam.pvalue.TaggedOutput("articles", article)
                for table, rows in tables.items():
                    for row in rows:
                        yield table, row, article["source_uri"]  # where a failing row came from


def _parse(nlp, articles: list[dict]) -> list:
    """Docs for the articles, batched through `nlp.pipe`; if the batch fails, each article is
    parsed alone so only the one that breaks the model is lost (as its exception)."""
    from .extract import analysed_text

    texts = [analysed_text(a["title"], a["text"]) for a in articles]
    try:
        # The batch was sized in characters upstream: one nlp.pipe batch, not spaCy's own count.
        return list(nlp.pipe(texts, batch_size=max(1, len(texts))))
    except Exception:  # noqa: BLE001 - isolate the culprit below
        docs = []
        for text in texts:
            try:
                docs.append(nlp(text))
            except Exception as exc:  # noqa: BLE001
                docs.append(exc)
        return docs


class AnalyzeArticles(beam.PTransform):
    """Articles to their checked rows (output `articles`) and (table, row, source_uri) items for
    every other table (output `rows`), batched by characters for `nlp.pipe`.

    With `progress_seconds`, the articles are also counted, so progress lines can estimate the
    time left (the count is a side input: it is known once reading is done, before analysis)."""

    def __init__(self, model_name: str, article_schema: dict, batch_chars: int = 100_000,
                 rules_off: frozenset[str] = frozenset(), *, max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
                 progress_seconds: float = 0, workers: int | None = 1):
        super().__init__()
        self.model_name = model_name
        self.article_schema = article_schema
        self.batch_chars = batch_chars
        self.rules_off = rules_off
        self.max_chars = max_chars
        self.progress_seconds = progress_seconds
        self.workers = workers

    def expand(self, articles):
        analyse = AnalyzeBatchFn(self.model_name, self.article_schema, self.rules_off, max_chars=self.max_chars,
                                 progress_seconds=self.progress_seconds, workers=self.workers)
        side = {}
        if self.progress_seconds > 0:
            side["total"] = beam.pvalue.AsSingleton(articles | "CountArticles" >> beam.combiners.Count.Globally())
        return (
            articles
            # A fixed budget: with a range, BatchElements adapts the size to measured timings and,
            # starting from one character, emitted mostly one-article batches.
            | "BatchByLength" >> beam.BatchElements(
                min_batch_size=self.batch_chars, max_batch_size=self.batch_chars,
                element_size_fn=lambda a: max(1, len(a["text"])))
            | "Extract" >> beam.ParDo(analyse, **side).with_outputs("articles", main="rows")
        )


class ValidateRowsFn(beam.DoFn):
    """Checks each (table, row) against its JSON Schema; emits (table, row) when it passes, else
    (dead_letter, row describing the failure)."""

    def __init__(self, schemas: dict[str, dict]):
        self.schemas = schemas
        self.invalid = Metrics.counter(NAMESPACE, "invalid_rows")

    def setup(self):
        self._validators = {name: validator(schema) for name, schema in self.schemas.items()}

    def process(self, item):
        """`item` is (table, row), or (table, row, source_uri) for rows extracted from an article."""
        table, row, *origin = item
        problems = errors_of(self._validators[table], row)
        if not problems:
            yield table, row
            return
        self.invalid.inc()
        if table == DEAD:
            # A dead letter that breaks its own schema is a bug in newsbeam: fail loudly.
            raise ValueError(f"dead_letter row violates its schema: {problems}")
        # An invalid article row means the input produced no article: an input-level failure.
        level = "input" if table == "articles" else "record"
        where = row.get("source_uri") or (origin[0] if origin else f"article:{row.get('article_id')}")
        bad = dead_letter(level, where, "validate", f"{table} row invalid: " + "; ".join(problems), row,
                          table=table, article_id=row.get("article_id"))
        yield DEAD, bad


class ValidateRows(beam.PTransform):
    """(table, row) pairs to (table, row) pairs of valid rows and dead letters: one stream, which
    `WriteTables` writes in the stage that produced it."""

    def __init__(self, schemas: dict[str, dict]):
        super().__init__()
        self.schemas = schemas

    def expand(self, pairs):
        return pairs | "CheckSchema" >> beam.ParDo(ValidateRowsFn(self.schemas))
