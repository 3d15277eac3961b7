"""Runner portability that can be checked here: multi-process workers, and what travels to workers
(pickled DoFns with their schemas, pipeline options) survives the trip."""

import json

from apache_beam.internal import pickler
from apache_beam.options.pipeline_options import (
    GoogleCloudOptions,
    PipelineOptions,
    SetupOptions,
    StandardOptions,
)

from pipeline.cli import main
from pipeline.job import make_runner, pipeline_options
from pipeline.schemas import TABLES, load_schemas
from pipeline.transforms import AnalyzeBatchFn, ValidateRowsFn
from pipeline.validate import iter_jsonl
from tests.conftest import EXAMPLES, read_example

FILES = [str(EXAMPLES / "articles" / n) for n in ("000_f4d52250c8b22130.txt", "nk-quasi-state-of-war.txt")]


def table_rows(out):
    return {t: sorted(json.dumps(r, sort_keys=True) for _, _, r in iter_jsonl(str(out), t)) for t in TABLES}


def test_multi_processing_workers_give_the_same_rows_as_in_process(tmp_path):
    assert main(["run", "--input", *FILES, "--output", str(tmp_path / "one"), "--quiet"]) == 0
    assert main(["run", "--input", *FILES, "--output", str(tmp_path / "two"), "--quiet",
                 "--direct_running_mode", "multi_processing", "--direct_num_workers", "2"]) == 0
    assert table_rows(tmp_path / "one") == table_rows(tmp_path / "two")
    assert sum(map(len, table_rows(tmp_path / "one").values())) > 20


def test_dofns_work_after_the_pickling_a_remote_worker_receives():
    from pipeline.ids import article_id

    schemas = load_schemas()
    validate = pickler.loads(pickler.dumps(ValidateRowsFn(schemas)))
    validate.setup()
    analyze = pickler.loads(pickler.dumps(AnalyzeBatchFn("en_core_web_sm", schemas["articles"])))
    analyze.setup()
    title, text = read_example("000_f4d52250c8b22130.txt")
    article = {"article_id": article_id(title, text), "source_id": "seed", "source_uri": "seed.txt",
               "title": title, "text": text, "published_at": None, "language": "en", "word_count": 480,
               "source": None, "url": None, "extra": None}
    checked, pairs = _split(analyze.process([article]))
    assert checked == [article]  # the article row, checked once here, goes straight to its table
    tables = {table for table, *_ in pairs}
    assert {"entities", "quotes"} <= tables
    outputs = [out for pair in pairs for out in validate.process(pair)]
    assert all(table != "dead_letter" for table, _ in outputs)


def _split(outputs) -> tuple[list[dict], list[tuple]]:
    """AnalyzeBatchFn's outputs: (checked article rows, the other (table, row, ...) items)."""
    from apache_beam.pvalue import TaggedOutput

    outputs = list(outputs)
    articles = [o.value for o in outputs if isinstance(o, TaggedOutput) and o.tag == "articles"]
    return articles, [o for o in outputs if not isinstance(o, TaggedOutput)]


def test_beam_options_pass_through_untouched_and_survive_pickling():
    args = ["--runner", "DataflowRunner", "--project", "news-project", "--region", "europe-west1",
            "--temp_location", "gs://bucket/tmp", "--setup_file", "./pyproject.toml",
            "--experiments", "use_runner_v2"]
    options = pickler.loads(pickler.dumps(pipeline_options(args)))
    assert options.view_as(StandardOptions).runner == "DataflowRunner"
    cloud = options.view_as(GoogleCloudOptions)
    assert (cloud.project, cloud.region, cloud.temp_location) == ("news-project", "europe-west1", "gs://bucket/tmp")
    assert options.view_as(SetupOptions).setup_file == "./pyproject.toml"
    assert make_runner(options) is None  # Beam resolves a named runner itself
    # Workers rebuild options from the dictionary the runner sends them.
    rebuilt = PipelineOptions.from_dictionary(options.get_all_options())
    assert rebuilt.view_as(GoogleCloudOptions).project == "news-project"


def test_default_runner_is_local_and_offline():
    options = pipeline_options([])
    assert options.view_as(StandardOptions).runner == "FnApiRunner"
    assert make_runner(options) is not None


def test_an_article_that_breaks_the_model_costs_only_itself(monkeypatch):
    schemas = load_schemas()
    fn = AnalyzeBatchFn("en_core_web_sm", schemas["articles"])
    fn.setup()
    nlp = fn._model.nlp

    class Fragile:  # the real model, except that it fails on one text
        def __getattr__(self, name):
            return getattr(nlp, name)

        def pipe(self, texts):
            for text in texts:
                yield self(text)

        def __call__(self, text):
            if "poison" in text:
                raise RuntimeError("model failed")
            return nlp(text)

    monkeypatch.setattr(fn._model, "nlp", Fragile())
    from pipeline.ids import article_id

    def article(title, text):
        return {"article_id": article_id(title, text), "source_id": title, "source_uri": f"{title}.txt",
                "title": title, "text": text, "published_at": None, "language": "en", "word_count": 9,
                "source": None, "url": None, "extra": None}

    good, bad = article("Good", "Police arrested a man in Paris."), article("Bad", "A poison text.")
    checked, out = _split(fn.process([good, bad]))
    assert [a["source_id"] for a in checked] == ["Good"]
    [dead] = [row for t, row, *_ in out if t == "dead_letter"]
    assert dead["source_uri"] == "Bad.txt" and "model failed" in dead["error"] and dead["stage"] == "extract"
