"""`newsbeam run` as a function: check the output is safe to write, run the job into a staging
folder, move its files into place, write the manifest last, report, and choose the exit status.

Shared by the `newsbeam` command and `python -m pipeline.run` (through `cli`), so the Beam job
module (`job.py`) imports neither.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import sys
import uuid

from .errors import CheckFailed, UsageError
from .layout import MANIFEST, STAGING, Layout

# What a newsbeam output folder may hold; --overwrite refuses a folder holding anything else.
_PART = re.compile(r"part-\d{5}-of-\d{5}\.(?:parquet|jsonl)")
_BEAM_TEMP = re.compile(r"beam-temp-")  # a Beam sink's temporary folder, left by a killed run
# Files derived from a run, kept beside it: replaced (or dropped, being stale) with it.
DERIVED = ("report.html", "eval.json")


def _existing(pattern: str) -> list[str]:
    from apache_beam.io.filesystems import FileSystems

    return [m.path for m in FileSystems.match([pattern])[0].metadata_list]


def _is_local(path: str) -> bool:
    return "://" not in path


def _inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies under it (symbolic links resolved for local paths)."""
    if _is_local(path) and _is_local(folder):
        path, folder = os.path.realpath(path), os.path.realpath(folder)
        return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _special_folder(root: str) -> str | None:
    """Why a local folder must never be cleared (the file system root, a home folder, the working
    folder or one above them), else None."""
    if not _is_local(root):
        return None
    path = os.path.realpath(root)
    home = os.path.realpath(os.path.expanduser("~"))
    if path == os.path.realpath(os.sep):
        return "the file system root"
    if path == os.path.realpath(os.getcwd()):
        return "the working folder"
    if _inside(os.getcwd(), path):
        return "a folder above the working folder"
    if path == home or os.path.dirname(path) in ("/home", "/Users"):
        return "a home folder"
    if _inside(home, path):
        return "a folder above your home folder"
    return None


def _remove_tree(folder: str) -> None:
    """Delete a folder and everything under it, if it exists (on object stores: every object
    under the prefix)."""
    from apache_beam.io.filesystems import FileSystems

    if _is_local(folder):
        if os.path.isdir(folder):
            shutil.rmtree(folder)
        elif os.path.lexists(folder):
            os.remove(folder)
        return
    files = _existing(folder.rstrip("/") + "/**")
    if files:
        FileSystems.delete(files)


def _holds_anything(folder: str) -> bool:
    from apache_beam.io.filesystems import FileSystems

    if _is_local(folder):
        return os.path.isdir(folder) and any(os.scandir(folder))
    return bool(FileSystems.match([folder.rstrip("/") + "/**"], limits=[1])[0].metadata_list)


def _children(folder: str) -> list[str]:
    """Names of the folders directly under `folder`."""
    if _is_local(folder):
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    prefix = folder.rstrip("/") + "/"
    below = [path[len(prefix):] for path in _existing(prefix + "**")]
    return sorted({rel.split("/", 1)[0] for rel in below if "/" in rel})


def _foreign_files(root: str, files: list[str], tables) -> list[str]:
    """Files under a plain output folder that newsbeam did not write."""
    foreign = []
    for path in files:
        rel = path[len(root.rstrip("/")) + 1:] if path.startswith(root.rstrip("/") + "/") else path
        parts = rel.replace(os.sep, "/").split("/")
        if parts[0] == STAGING or rel == MANIFEST and _is_newsbeam_manifest(path) or rel in DERIVED:
            continue
        if parts[0] in tables and (len(parts) == 2 and _PART.fullmatch(parts[1])
                                   or len(parts) > 2 and _BEAM_TEMP.match(parts[1])):
            continue
        foreign.append(rel)
    return foreign


def _is_newsbeam_manifest(path: str) -> bool:
    from apache_beam.io.filesystems import FileSystems

    try:
        with FileSystems.open(path) as handle:
            manifest = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and {"run_id", "pipeline_version", "reconciliation"} <= manifest.keys()


def check_output(layout: Layout, paths: list[str], overwrite: bool) -> None:
    """Refuse, with one line, an output that would destroy or mix with what is not newsbeam's.

    A plain folder must be empty, or with --overwrite hold nothing but a newsbeam output (its
    manifest, its tables, an interrupted run's staging folder), and be no special folder. In a
    dataset, the partition a run replaces must hold only newsbeam's files. No input may lie where
    the run writes or replaces files.
    """
    from .schemas import TABLES

    if layout.run_date:
        replaced = [layout.table_dir(t) for t in TABLES] + [layout.staging_root]
        _refuse_inputs_inside(layout, paths, replaced)
        for table in TABLES:
            folder = layout.table_dir(table)
            odd = [path for path in _existing(folder.rstrip("/") + "/**")
                   if not _PART.fullmatch(path.rsplit("/", 1)[-1]) and "/beam-temp-" not in path]
            if odd:
                raise UsageError(f"{folder} holds files newsbeam did not write ({odd[0]}); refusing to "
                                 "replace that partition")
        return
    if not _holds_anything(layout.root):
        return
    if not overwrite:
        raise UsageError(f"output {layout.root} is not empty; pass --overwrite to replace the newsbeam "
                         "output in it")
    special = _special_folder(layout.root)  # before listing: "/" or a home folder can be huge
    if special:
        raise UsageError(f"refusing to --overwrite {layout.root}: it is {special}; give newsbeam a folder "
                         "of its own")
    _refuse_inputs_inside(layout, paths, [layout.root])
    foreign = _foreign_files(layout.root, _existing(layout.root.rstrip("/") + "/**"), TABLES)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise UsageError(f"refusing to --overwrite {layout.root}: it holds files that are not a newsbeam "
                         f"output ({shown}); remove them yourself or choose another folder")


def _refuse_inputs_inside(layout: Layout, paths: list[str], folders: list[str]) -> None:
    inside = [path for path in paths for folder in folders if _inside(path, folder)]
    if inside:
        raise UsageError(f"input {inside[0]} is inside {layout.root}, where this run writes its output; "
                         "keep inputs and output apart")


def prepare_staging(layout: Layout, staged: Layout) -> None:
    """Remove what interrupted runs of this output left in the staging area (for a dataset, runs
    of the same date only: other dates may be running), and check the staging folder is writable."""
    from apache_beam.io.filesystems import FileSystems

    mine = layout.staging_name("*")
    for name in _children(layout.staging_root):
        if not layout.run_date or fnmatch.fnmatchcase(name, mine):
            _remove_tree(FileSystems.join(layout.staging_root, name))
    probe = FileSystems.join(staged.root, ".write-check")
    try:
        FileSystems.create(probe).close()
        FileSystems.delete([probe])
    except Exception as exc:  # noqa: BLE001 - any failure here means we cannot write results
        raise UsageError(f"cannot write to {layout.root}: {exc}") from None


def discard(staged: Layout) -> None:
    """Best effort: remove a staging folder (a failed or interrupted run)."""
    try:
        _remove_tree(staged.root)
    except Exception:  # noqa: BLE001, S110 - cleaning up must not hide the original error
        pass


def _remove_if_empty(folder: str) -> None:
    """Best effort, local folders only: a folder this run created and left empty goes."""
    try:
        if _is_local(folder) and os.path.isdir(folder) and not any(os.scandir(folder)):
            os.rmdir(folder)
    except OSError:
        pass


def publish(staged: Layout, layout: Layout) -> None:
    """Move the staged tables into place. The old manifest goes first, so until the new one is
    written (by the caller, last) the destination is visibly incomplete. Empty shards are left
    behind (one is kept for an empty table) and the rest renumbered part-00000-of-0000N."""
    from apache_beam.io.filesystems import FileSystems

    from .schemas import TABLES

    if FileSystems.exists(layout.manifest_path):
        FileSystems.delete([layout.manifest_path])
    if not layout.run_date:  # a dataset root's report covers every date: it is rewritten, not dropped
        stale = [path for path in (FileSystems.join(layout.root, name) for name in DERIVED)
                 if FileSystems.exists(path)]
        if stale:
            FileSystems.delete(stale)
    for table in TABLES:
        _remove_tree(layout.table_dir(table))
    for table in TABLES:
        for suffix in (".parquet", ".jsonl"):
            matched = FileSystems.match([staged.table_prefix(table) + f"-*{suffix}"])[0].metadata_list
            files = sorted((m.path, m.size_in_bytes) for m in matched)
            keep = [path for path, size in files if _has_rows(path, size)] or [path for path, _ in files[:1]]
            count = len(keep)
            targets = [f"{layout.table_prefix(table)}-{i:05d}-of-{count:05d}{suffix}" for i in range(count)]
            try:
                FileSystems.mkdirs(layout.table_dir(table))
            except OSError:
                pass  # it exists
            FileSystems.rename(keep, targets)
    discard(staged)
    _remove_if_empty(layout.staging_root)


def _has_rows(path: str, size: int) -> bool:
    if not path.endswith(".parquet"):
        return size > 0
    import pyarrow.parquet as pq
    from apache_beam.io.filesystems import FileSystems

    with FileSystems.open(path) as handle:
        return pq.ParquetFile(handle).metadata.num_rows > 0


def has_complete_output(layout: Layout) -> bool:
    from apache_beam.io.filesystems import FileSystems

    return FileSystems.exists(layout.manifest_path)


def interrupted(exc: BaseException) -> bool:
    """Ctrl-C, also when Beam's in-process runner re-raised it from a stage as a RuntimeError
    ("KeyboardInterrupt [while running 'AnalyzeArticles/...']")."""
    while exc is not None:
        if isinstance(exc, KeyboardInterrupt) or (
                isinstance(exc, RuntimeError) and str(exc).startswith("KeyboardInterrupt")):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def run_problems(manifest: dict, max_dead_letter_ratio: float | None) -> list[str]:
    """Why a finished run must not be trusted (exit status 1); empty when it can."""
    recon = manifest["reconciliation"]
    problems = []
    if recon["articles_written"] == 0 and recon["skipped_existing"] == 0:
        problems.append(f"no article was written ({recon['inputs_read']} inputs read, "
                        f"{recon['inputs_dead_lettered']} dead-lettered)")
    dead, read = recon["inputs_dead_lettered"], recon["inputs_read"]
    if max_dead_letter_ratio is not None and read and dead / read > max_dead_letter_ratio:
        problems.append(f"{dead} of {read} inputs dead-lettered ({dead / read:.1%}), over "
                        f"--max-dead-letter-ratio {max_dead_letter_ratio:g}")
    if not recon["balanced"]:
        problems.append("input counts do not reconcile: inputs_read != articles_written + "
                        "inputs_dead_lettered + duplicates + skipped_existing")
    return problems


def command_run(args, beam_args) -> int:
    from . import rules
    from .io.read import expand_inputs
    from .job import RunConfig, pipeline_options, run
    from .layout import existing_article_ids
    from .manifest import build_manifest, utc_now, write_manifest
    from .model import DEFAULT_MODEL, ModelNotInstalled, model_info, resolve_model
    from .schemas import load_schemas

    model_name = args.model or DEFAULT_MODEL
    rules_off = frozenset()
    # Naming the rules imports every extractor (and spaCy): only when some are switched off, so a
    # launcher whose workers are other processes does not load them for nothing.
    requested = [*args.rules_off, *rules.from_environment()]  # the flag and NEWSBEAM_RULES_OFF
    if requested:
        if bad := rules.unknown(requested):
            raise UsageError(f"no such rule: {', '.join(bad)} (`newsbeam eval --list-rules` lists them)")
        rules_off = rules.expand(requested)
    try:
        resolve_model(model_name)
        paths = expand_inputs(args.input)
    except (ModelNotInstalled, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    layout = Layout(args.dataset, args.run_date) if args.dataset else Layout(args.output)
    started = utc_now()
    run_id = f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    staged = layout.staging(run_id)
    check_output(layout, paths, args.overwrite)
    created = _is_local(layout.root) and not os.path.exists(layout.root)
    prepare_staging(layout, staged)
    publishing = False
    try:
        skip_ids = existing_article_ids(layout) if args.skip_existing else frozenset()
        schemas = load_schemas()
        options = pipeline_options(beam_args)
        runner = options.get_all_options()["runner"]
        config = RunConfig(paths, staged, schemas, model_name, args.num_shards, args.batch_chars, skip_ids,
                           rules_off, max_article_chars=args.max_article_chars,
                           progress_seconds=0 if args.quiet else args.progress_every)
        result = run(config, options)
        manifest = build_manifest(run_id=run_id, started=started, finished=utc_now(), layout=layout,
                                  inputs=args.input, schemas=schemas, model=model_info(model_name),
                                  runner=str(runner), result=result, written=staged, rules_off=rules_off)
        manifest["problems"] = run_problems(manifest, args.max_dead_letter_ratio)
        kept = bool(manifest["problems"]) and has_complete_output(layout)
        if kept:  # a failed run never replaces a complete output: it stays in staging, for a look
            write_manifest(staged, {**manifest, "output": staged.root, "run_date": None}, schemas["manifest"])
        else:
            publishing = True
            publish(staged, layout)
            write_manifest(layout, manifest, schemas["manifest"])
    except BaseException as exc:
        discard(staged)
        _remove_if_empty(layout.staging_root)
        if created:
            _remove_if_empty(layout.root)
        if interrupted(exc):
            raise KeyboardInterrupt(
                f"while moving tables into {layout.root}: it holds no complete run until a run finishes"
                if publishing else "before this run published anything") from None
        raise
    if not args.quiet:
        print(summary(manifest))
    if not args.no_report and not kept:  # derived from the files just written: a failure only warns
        from .report import write_run_report

        where = write_run_report(layout.root)
        if where and not args.quiet:
            print(f"  report: {where}")
    report(manifest)
    if manifest["problems"]:
        raise CheckFailed("; ".join(manifest["problems"])
                          + (f"; the previous output in {layout.root} is kept and this run's tables are in "
                             f"{staged.root}" if kept else f" (see {manifest['output']})"))
    return 0


def report(manifest: dict) -> None:
    """Warnings a scheduler's log should keep even with --quiet: damaged inputs, nothing new."""
    damaged = manifest["damaged_inputs"]
    for item in damaged[:5]:
        print(f"newsbeam run: warning: {item['source_uri']}: {item['error']}", file=sys.stderr)
    if len(damaged) > 5:
        print(f"newsbeam run: warning: {len(damaged) - 5} more damaged inputs (see the manifest's "
              "damaged_inputs)", file=sys.stderr)
    recon = manifest["reconciliation"]
    if recon["articles_written"] == 0 and recon["skipped_existing"]:
        print(f"newsbeam run: nothing new: all {recon['skipped_existing']} articles read are already in the "
              "dataset (--skip-existing)", file=sys.stderr)


def summary(manifest: dict) -> str:
    recon, tables = manifest["reconciliation"], manifest["tables"]
    encodings = {k: v for k, v in manifest["input_encodings"].items() if k != "utf-8"}
    lines = [
        (f"newsbeam run {manifest['run_id']} finished in {manifest['duration_seconds']:.1f} s "
         f"on {manifest['runner']}"),
        f"  inputs read: {recon['inputs_read']}  ->  articles {recon['articles_written']}, "
        f"dead-lettered {recon['inputs_dead_lettered']}, duplicates {recon['duplicates']}"
        + (f", already in the dataset {recon['skipped_existing']}" if recon["skipped_existing"] else "")
        + ("" if recon["balanced"] else "  (DOES NOT BALANCE)"),
        "  rows: " + ", ".join(f"{name} {count}" for name, count in tables.items()),
        (f"  dead letters: {manifest['dead_letters']['input']} inputs, "
         f"{manifest['dead_letters']['record']} records"
         + (f"; damaged inputs: {len(manifest['damaged_inputs'])}" if manifest["damaged_inputs"] else "")),
        *([("  decoded from: " + ", ".join(f"{name} {count}" for name, count in encodings.items()))]
          if encodings else []),
        f"  output: {manifest['output']}"
        + (f" (run_date={manifest['run_date']})" if manifest["run_date"] else ""),
    ]
    return "\n".join(lines)
