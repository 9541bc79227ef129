"""JSONL corpora: stream records in chunks, clean one field, keep every other field.

Memory stays bounded: records are read in chunks of about a megabyte and only a few chunks are in
flight at once. A record that is not valid JSON (or lacks the text field) is passed through
unchanged and reported with its line number.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .document import Document
from .errors import CleanseError
from .io import compression_of
from .pipeline import Pipeline
from .runner import Tally
from .sidecar import build_sidecar, output_bytes

CHUNK_BYTES = 1 << 20
CHUNK_RECORDS = 2000


@contextmanager
def open_binary(path: Path | None, mode: str) -> Iterator[IO[bytes]]:
    """A binary stream on ``path`` (stdin/stdout for None), (de)compressed by its name."""
    if path is None:
        yield sys.stdin.buffer if mode == "rb" else sys.stdout.buffer
        return
    suffix = compression_of(path)
    if suffix == ".gz":
        import gzip

        with gzip.open(path, mode) as handle:
            yield handle  # type: ignore[misc]
    elif suffix == ".bz2":
        import bz2

        with bz2.open(path, mode) as handle:
            yield handle  # type: ignore[misc]
    elif suffix == ".xz":
        import lzma

        with lzma.open(path, mode) as handle:
            yield handle  # type: ignore[misc]
    elif suffix == ".zst":
        import zstandard

        with open(path, mode) as raw:
            if mode == "rb":
                with zstandard.ZstdDecompressor().stream_reader(raw) as reader:
                    yield io.BufferedReader(reader)  # type: ignore[arg-type]
            else:
                with zstandard.ZstdCompressor().stream_writer(raw) as writer:
                    yield writer  # type: ignore[misc]
    else:
        with open(path, mode) as handle:
            yield handle


Chunk = list[tuple[int, bytes]]


def read_chunks(stream: IO[bytes]) -> Iterator[Chunk]:
    """(line number, line) pairs, grouped into chunks of about CHUNK_BYTES."""
    chunk: Chunk = []
    size = 0
    for number, line in enumerate(stream, start=1):
        chunk.append((number, line))
        size += len(line)
        if size >= CHUNK_BYTES or len(chunk) >= CHUNK_RECORDS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@dataclass
class ChunkResult:
    """Cleaned lines of one chunk, the separate metadata lines, and what happened."""

    lines: list[bytes] = field(default_factory=list)
    meta: list[bytes] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changed: int = 0
    tally: Tally = field(default_factory=Tally)


@dataclass(frozen=True)
class JsonlJob:
    chunk: Chunk
    field: str
    source: str
    separate_meta: bool


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode()


def clean_chunk(pipeline: Pipeline, job: JsonlJob) -> ChunkResult:
    """Clean the text field of every record of a chunk (runs in a worker)."""
    result = ChunkResult()
    for number, line in job.chunk:
        newline = b"\n" if line.endswith(b"\n") else b""
        if not line or line.isspace():  # not line.strip(): that would copy every record
            result.lines.append(line)
            continue
        meta: dict[str, Any]
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a record must be a JSON object")
            text = record.get(job.field)
            if not isinstance(text, str):
                raise ValueError(f"no string field {job.field!r}")
        except ValueError as error:
            message = f"line {number}: malformed record: {error}"
            result.errors.append(message)
            result.lines.append(line)
            if job.separate_meta:
                result.meta.append(dumps({"line": number, "error": message}) + b"\n")
            continue
        name = f"{job.source}:{number}"
        try:
            doc = pipeline.run(Document(source=name, text=text))
            assert doc.text is not None
            meta = build_sidecar(doc, pipeline, output_bytes(doc))
            changed = doc.text != text
            record[job.field] = doc.text
            result.tally.add_document(doc, len(line), changed)
        except CleanseError as error:
            message = f"line {number}: {error}"
            result.errors.append(message)
            meta = {"error": message}
        if job.separate_meta:
            result.meta.append(dumps({"line": number, **meta}) + b"\n")
        else:
            record["cleanse"] = meta
        result.lines.append(dumps(record) + newline)
    return result
