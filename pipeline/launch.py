"""`newsbeam run` as a function: make room for the output, run the job, write the manifest.

Shared by the `newsbeam` command and `python -m pipeline.run` (through `cli`), so the Beam job
module (`job.py`) imports neither.
"""

from __future__ import annotations

import uuid

from .errors import UsageError


def _existing(pattern: str) -> list[str]:
    from apache_beam.io.filesystems import FileSystems

    return [m.path for m in FileSystems.match([pattern])[0].metadata_list]


def prepare_output(layout, overwrite: bool) -> None:
    """Make room for this run's files and check they can be written.

    A plain folder must be empty (stale shards of an earlier run would mix in) unless --overwrite.
    A dataset partition is always replaced: its manifest goes first, so a run that stops halfway
    leaves the date incomplete (invisible to load) rather than stale.
    """
    from apache_beam.io.filesystems import FileSystems

    from .schemas import TABLES

    if layout.run_date:
        if FileSystems.exists(layout.manifest_path):
            FileSystems.delete([layout.manifest_path])
        stale = [layout.table_dir(t) for t in TABLES if _existing(FileSystems.join(layout.table_dir(t), "**"))]
        if stale:
            FileSystems.delete(stale)
    else:
        if _existing(FileSystems.join(layout.root, "**")):
            if not overwrite:
                raise UsageError(f"output {layout.root} is not empty; pass --overwrite to replace it")
            FileSystems.delete([layout.root])
    probe = FileSystems.join(layout.root, f".newsbeam-write-check-{uuid.uuid4().hex}")
    try:
        FileSystems.create(probe).close()
        FileSystems.delete([probe])
    except Exception as exc:  # noqa: BLE001 - any failure here means we cannot write results
        raise UsageError(f"cannot write to {layout.root}: {exc}") from None


def command_run(args, beam_args) -> int:
    from . import rules
    from .io.read import expand_inputs
    from .job import RunConfig, pipeline_options, run
    from .layout import Layout, existing_article_ids
    from .manifest import build_manifest, utc_now, write_manifest
    from .model import DEFAULT_MODEL, ModelNotInstalled, model_info, resolve_model
    from .schemas import load_schemas

    model_name = args.model or DEFAULT_MODEL
    if bad := rules.unknown(args.rules_off):
        raise UsageError(f"no such rule: {', '.join(bad)} (`newsbeam eval --list-rules` lists them)")
    try:
        resolve_model(model_name)
        paths = expand_inputs(args.input)
    except (ModelNotInstalled, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    layout = Layout(args.dataset, args.run_date) if args.dataset else Layout(args.output)
    prepare_output(layout, args.overwrite)
    skip_ids = existing_article_ids(layout) if args.skip_existing else frozenset()
    schemas = load_schemas()
    options = pipeline_options(beam_args)
    runner = options.get_all_options()["runner"]
    started = utc_now()
    config = RunConfig(paths, layout, schemas, model_name, args.num_shards, args.batch_chars, skip_ids,
                       rules.expand(args.rules_off))
    result = run(config, options)
    manifest = build_manifest(run_id=f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}", started=started,
                              finished=utc_now(), layout=layout, inputs=args.input, schemas=schemas,
                              model=model_info(model_name), runner=str(runner), result=result)
    write_manifest(layout, manifest, schemas["manifest"])
    if not args.quiet:
        print(summary(manifest))
    if not args.no_report:  # derived from the files just written: a failure only warns
        from .report import write_run_report

        where = write_run_report(layout.root)
        if where and not args.quiet:
            print(f"  report: {where}")
    return 0 if manifest["reconciliation"]["balanced"] else 1


def summary(manifest: dict) -> str:
    recon, tables = manifest["reconciliation"], manifest["tables"]
    lines = [
        (f"newsbeam run {manifest['run_id']} finished in {manifest['duration_seconds']:.1f} s "
         f"on {manifest['runner']}"),
        f"  inputs read: {recon['inputs_read']}  ->  articles {recon['articles_written']}, "
        f"dead-lettered {recon['inputs_dead_lettered']}, duplicates {recon['duplicates']}"
        + (f", already in the dataset {recon['skipped_existing']}" if recon["skipped_existing"] else "")
        + ("" if recon["balanced"] else "  (DOES NOT BALANCE)"),
        "  rows: " + ", ".join(f"{name} {count}" for name, count in tables.items()),
        (f"  dead letters: {manifest['dead_letters']['input']} inputs, "
         f"{manifest['dead_letters']['record']} records"),
        f"  output: {manifest['output']}" + (f" (run_date={manifest['run_date']})" if manifest["run_date"] else ""),
    ]
    return "\n".join(lines)


