"""Run cleanse on Ray when one machine is not enough (``pip install 'cleanse[ray]'``).

Two ways in:

- ``clean_dataset(ds, field="text", **options)`` maps a ``ray.data.Dataset`` through the pipeline
  in batches; each worker builds its stages once (a callable class), and the cleaned field is
  replaced while a ``cleanse`` column carries the sidecar as a JSON string.
- ``cleanse run --engine ray`` streams JSONL chunks to a pool of Ray actors (the same chunk
  function as the local engine, so the output is byte-identical and in input order), or maps
  Parquet files through ``clean_dataset`` into a directory of Parquet files.

``ray.init`` connects to the cluster named by ``RAY_ADDRESS`` when it is set, and otherwise starts a
local instance with ``jobs`` CPUs.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .api import settings_from_options
from .config import Settings
from .document import Document
from .errors import CleanseError, ConfigError
from .jsonl import ChunkResult, JsonlJob, clean_chunk
from .pipeline import Pipeline
from .sidecar import build_sidecar, output_bytes

if TYPE_CHECKING:
    import pandas
    import ray.data


def require_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError("the Ray engine needs Ray: pip install 'cleanse[ray]'") from None
    return ray


def start_ray(jobs: int) -> Any:
    """Connect to RAY_ADDRESS's cluster, or start a local Ray with ``jobs`` CPUs."""
    import os

    ray = require_ray()
    if not ray.is_initialized():
        if os.environ.get("RAY_ADDRESS"):
            ray.init(log_to_driver=False)
        else:
            ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False)
    return ray


def actor_count(cpus: int) -> int:
    return max(cpus - 1, 1)


class BatchCleaner:
    """For ``Dataset.map_batches``: the pipeline is built once per worker, then reused."""

    def __init__(self, settings: Settings, field: str) -> None:
        self.pipeline = Pipeline.build(settings)
        self.field = field

    def __call__(self, batch: pandas.DataFrame) -> pandas.DataFrame:
        texts, metas = [], []
        ids = batch["id"] if "id" in batch else [None] * len(batch)
        for text, record_id in zip(batch[self.field], ids):
            source = str(record_id) if record_id is not None else "<ray>"
            try:
                doc = self.pipeline.run(Document(source=source, text=text))
                assert doc.text is not None
                meta = build_sidecar(doc, self.pipeline, output_bytes(doc))
                texts.append(doc.text)
            except CleanseError as error:
                meta = {"error": str(error)}
                texts.append(text)
            metas.append(json.dumps(meta, ensure_ascii=False, sort_keys=True))
        batch = batch.copy()
        batch[self.field] = texts
        batch["cleanse"] = metas
        return batch


def clean_dataset(ds: ray.data.Dataset, *, field: str = "text", batch_size: int = 256,
                  concurrency: int | None = None, **options: Any) -> ray.data.Dataset:
    """Clean the ``field`` column of every row of ``ds`` with the pipeline ``options`` describe.

    ``options`` are those of ``cleanse.clean`` (``stages=``, ``to=``...). ``concurrency`` is the
    number of workers (default: one less than the cluster's CPUs, so that reading tasks always
    find a CPU: an actor pool that takes every CPU starves the reads and never finishes).
    """
    ray = require_ray()
    settings = settings_from_options(options)
    workers = concurrency or actor_count(int(ray.available_resources().get("CPU", 1)))
    return ds.map_batches(
        BatchCleaner, fn_constructor_kwargs={"settings": settings, "field": field},
        batch_size=batch_size, batch_format="pandas", concurrency=workers,
    )


class ChunkWorker:
    """A Ray actor that cleans JSONL chunks with a pipeline it built once."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline.build(settings)

    def clean(self, job: JsonlJob) -> ChunkResult:
        return clean_chunk(self.pipeline, job)


def ray_ordered_chunks(jobs_iter: Iterable[JsonlJob], settings: Settings, workers: int
                       ) -> Iterator[ChunkResult]:
    """Clean chunks on ``workers`` Ray actors, at most two per actor in flight, in input order."""
    ray = require_ray()
    actor_class = ray.remote(ChunkWorker)
    actors = [actor_class.remote(settings) for _ in range(workers)]
    pending: deque[Any] = deque()
    for index, job in enumerate(jobs_iter):
        pending.append(actors[index % workers].clean.remote(job))
        if len(pending) >= 2 * workers:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())


def clean_parquet(source: str, output: str, *, field: str, settings: Settings, jobs: int) -> int:
    """Parquet file(s) in, a directory of Parquet files out; returns the number of rows."""
    ray = start_ray(jobs)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    ds = ray.data.read_parquet(source)
    rows = int(ds.count())  # from the Parquet metadata, before any cleaning runs
    cleaned = ds.map_batches(
        BatchCleaner, fn_constructor_kwargs={"settings": settings, "field": field},
        batch_size=256, batch_format="pandas", concurrency=actor_count(jobs),
    )
    cleaned.write_parquet(output)
    return rows
