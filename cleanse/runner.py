"""Cleaning one file or one stdin stream, as a function that returns what happened.

Workers run these functions in other processes; only the returned Outcome travels back, and the
main process alone talks to the user.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from .document import Document
from .errors import CleanseError, InputError
from .io import Input, atomic_write, compress, compression_of, output_path, read_input
from .pipeline import Pipeline
from .sidecar import build_sidecar, dump_sidecar


@dataclass
class Tally:
    """What the pipeline did to documents, summed for the run summary."""

    documents: int = 0
    changed: int = 0
    bytes_in: int = 0
    removed_lines: int = 0
    warnings: int = 0
    changes: Counter[str] = field(default_factory=Counter)

    def add_document(self, doc: Document, size: int, changed: bool) -> None:
        self.documents += 1
        self.bytes_in += size
        self.changed += changed
        self.warnings += len(doc.warnings)
        if doc.changes:  # counted in C: dirty pages carry hundreds of changes
            self.changes.update(map(attrgetter("stage"), doc.changes))
            self.removed_lines += list(map(attrgetter("kind"), doc.changes)).count("removed-line")

    def merge(self, other: Tally) -> None:
        self.documents += other.documents
        self.changed += other.changed
        self.bytes_in += other.bytes_in
        self.removed_lines += other.removed_lines
        self.warnings += other.warnings
        self.changes.update(other.changes)


@dataclass
class Outcome:
    """The result of cleaning one input: for the report, never raised."""

    name: str
    changed: bool = False
    error: str | None = None
    diff: str = ""
    output: bytes | None = None
    tally: Tally = field(default_factory=Tally)


@dataclass(frozen=True)
class Target:
    """What to do with a cleaned file."""

    mode: str  # "check", "stdout", "in-place" or "output-dir"
    output_dir: Path | None = None
    meta: bool = False
    diff: bool = False


def check_input(data: bytes, max_line_bytes: int, allow_empty: bool = False) -> None:
    """Refuse input that is not a document: empty (unless allowed), or with a line longer than
    the limit."""
    if not data:
        if allow_empty:
            return
        raise InputError("empty file, nothing to clean (--allow-empty passes it through)")
    if len(data) <= max_line_bytes:
        return
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > max_line_bytes:
            raise InputError(
                f"line at byte {start} is {end - start:,} bytes long (limit {max_line_bytes:,}; "
                "raise it with --max-line-bytes)", offset=start)
        start = end + 1


def clean_bytes(pipeline: Pipeline, data: bytes, source: str) -> tuple[Document, bytes]:
    check_input(data, pipeline.settings.max_line_bytes, pipeline.settings.allow_empty)
    doc = pipeline.run(Document(source=source, raw=data))
    assert doc.text is not None
    return doc, doc.text.encode("utf-8")


def unified_diff(name: str, before: bytes, after: bytes) -> str:
    import difflib

    old = before.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, fromfile=name, tofile=f"{name} (cleaned)"))


def write_sidecar(path: Path, doc: Document, pipeline: Pipeline, output: bytes) -> None:
    atomic_write(path, dump_sidecar(build_sidecar(doc, pipeline, output)).encode("utf-8"))


def clean_file(pipeline: Pipeline, job: tuple[Input, Target]) -> Outcome:
    """Read, clean and write one file as ``target`` says; errors go into the Outcome."""
    item, target = job
    outcome = Outcome(str(item.path))
    try:
        data = read_input(item.path)
        doc, output = clean_bytes(pipeline, data, item.name)
    except CleanseError as error:
        outcome.error = str(error)
        return outcome
    outcome.changed = output != data
    outcome.tally.add_document(doc, len(data), outcome.changed)
    try:
        if target.mode == "check":
            if target.diff and outcome.changed:
                outcome.diff = unified_diff(outcome.name, data, output)
        elif target.mode == "stdout":
            outcome.output = output
        elif target.mode == "in-place":
            if outcome.changed:
                atomic_write(item.path, compress(output, compression_of(item.path)))
            if target.meta:
                write_sidecar(Path(f"{item.path}.meta.json"), doc, pipeline, output)
        else:
            assert target.output_dir is not None
            path = output_path(target.output_dir, item.name)
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, compress(output, compression_of(path)))
            if target.meta:
                write_sidecar(Path(f"{path}.meta.json"), doc, pipeline, output)
    except (OSError, InputError) as error:
        outcome.error = f"cannot write output: {getattr(error, 'strerror', None) or error}"
    return outcome
