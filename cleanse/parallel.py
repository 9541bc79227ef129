"""Ordered parallel map over processes, with a bounded number of tasks in flight.

Each worker builds its pipeline once (in the pool initializer), so stages with heavy tables pay
for them once per process, not once per document. Results come back in input order, and at most
``2 * jobs`` tasks are queued, so memory stays bounded however long the input is.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from .config import Settings
from .pipeline import Pipeline

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

_worker_pipeline: Pipeline | None = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline.build(settings)


def worker_pipeline() -> Pipeline:
    """The pipeline of the current worker process."""
    assert _worker_pipeline is not None, "called outside a worker"
    return _worker_pipeline


def _call(func: Callable[[Pipeline, Any], R], item: Any) -> R:
    return func(worker_pipeline(), item)


def ordered_map(func: Callable[[Pipeline, T], R], items: Iterable[T], *, jobs: int,
                settings: Settings, pipeline: Pipeline) -> Iterator[R]:
    """``func(pipeline, item)`` for each item, in order; in ``jobs`` processes when ``jobs > 1``.

    ``func`` must be a module-level function (it is pickled to the workers).
    """
    if jobs <= 1:
        for item in items:
            yield func(pipeline, item)
        return
    from concurrent.futures import ProcessPoolExecutor  # only here: a costly import

    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(_call, func, item))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
