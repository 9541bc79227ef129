"""Feeding inputs to the pipeline and results to the user: stdin, file trees, JSONL, Parquet.

Every function here reports through the Report and never raises for one bad input, so that one
bad file never stops the others.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from .errors import CleanseError
from .io import Input, Skipped, find_inputs
from .parallel import ordered_map
from .pipeline import Pipeline
from .report import Report
from .runner import Outcome, Target, clean_bytes, clean_file, unified_diff, write_sidecar


def run_stdin(pipeline: Pipeline, report: Report, meta_file: Path | None, check: bool,
              diff: bool) -> None:
    data = sys.stdin.buffer.read()
    try:
        doc, output = clean_bytes(pipeline, data, "<stdin>")
    except CleanseError as error:
        report.failed("<stdin>", str(error))
        return
    outcome = Outcome("<stdin>", changed=output != data)
    outcome.tally.add_document(doc, len(data), outcome.changed)
    report.add(outcome)
    if check:
        if diff and outcome.changed:
            sys.stdout.write(unified_diff("<stdin>", data, output))
        return
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()
    if meta_file is not None:
        write_sidecar(meta_file, doc, pipeline, output)


def progress(report: Report, length: int, label: str) -> Any:
    """A progress bar on stderr when stderr is a terminal and the user did not ask for quiet."""
    show = not report.quiet and sys.stderr.isatty() and length > 1
    return click.progressbar(length=length, label=label, file=sys.stderr, hidden=not show)


def run_paths(pipeline: Pipeline, report: Report, paths: tuple[str, ...],
              globs: tuple[str, ...], target: Target, jobs: int) -> None:
    inputs: list[Input] = []
    for item in find_inputs([Path(p) for p in paths], globs):
        if isinstance(item, Skipped):
            if item.error:
                report.failed(str(item.path), item.reason)
            else:
                report.skip(str(item.path), item.reason)
        else:
            inputs.append(item)
    jobs = min(jobs, len(inputs)) if len(inputs) > 1 else 1
    outcomes = ordered_map(clean_file, [(item, target) for item in inputs], jobs=jobs,
                           settings=pipeline.settings, pipeline=pipeline)
    with progress(report, len(inputs), "cleaning") as bar:
        for outcome in outcomes:
            report.add(outcome)
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            if outcome.output is not None:
                sys.stdout.buffer.write(outcome.output)
            bar.update(1)


def run_jsonl(pipeline: Pipeline, report: Report, paths: tuple[str, ...], output: Path | None,
              field: str, meta_file: Path | None, jobs: int, engine: str = "local") -> None:
    """Stream JSONL records from PATHs (or stdin) to ``output`` (or stdout), in input order."""
    from .jsonl import JsonlJob, clean_chunk, open_binary, read_chunks

    sources = [Path(p) for p in paths if p != "-"] or [None]
    with ExitStack() as stack:
        out = stack.enter_context(open_binary(output, "wb"))
        meta = stack.enter_context(open_binary(meta_file, "wb")) if meta_file else None
        for source in sources:
            name = source.name if source else "<stdin>"
            try:
                stream = stack.enter_context(open_binary(source, "rb"))
            except OSError as error:
                report.failed(str(source), error.strerror or str(error))
                continue
            size = source.stat().st_size if source else 0
            jobs_list = (JsonlJob(chunk, field, name, meta is not None)
                         for chunk in read_chunks(stream))
            if engine == "ray":
                from .ray_engine import ray_ordered_chunks, start_ray

                start_ray(jobs)
                results = ray_ordered_chunks(jobs_list, pipeline.settings, jobs)
            else:
                results = ordered_map(clean_chunk, jobs_list, jobs=jobs,
                                      settings=pipeline.settings, pipeline=pipeline)
            with progress(report, size, f"cleaning {name}") as bar:
                for result in results:
                    out.write(b"".join(result.lines))
                    if meta is not None:
                        meta.write(b"".join(result.meta))
                    for error in result.errors:
                        report.failed(name, error)
                    report.tally.merge(result.tally)
                    bar.update(sum(len(line) for line in result.lines))
            report.files += 1


def run_parquet(pipeline: Pipeline, report: Report, paths: tuple[str, ...], output: Path | None,
                field: str, jobs: int) -> None:
    """Parquet in, a directory of Parquet files out, on Ray."""
    from .ray_engine import clean_parquet

    assert output is not None

    rows = clean_parquet(paths[0], str(output), field=field, settings=pipeline.settings,
                         jobs=jobs)
    report.files += 1
    report.tally.documents += rows
