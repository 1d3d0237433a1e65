"""Embarrassingly parallel work on any :class:`concurrent.futures.Executor`, in chunks.

The analyses whose parts are independent — the cells of a 2-D map, the claims
of a check, the files of a batch — take ``executor=``: any
``concurrent.futures.Executor`` (a ``ProcessPoolExecutor``, or a Dask
``distributed.Client(...).get_executor()``).  :func:`map_ordered` sends the
work in chunks, so a scheduler's cost per task (about 4 ms with Dask) is paid
once per chunk, and returns the results **in the order of the inputs**, so the
answer is the serial one, value for value.  Everything sent must pickle (every
public value does: ``tests/test_pickle.py``).

:func:`open_executor` is what the command line uses for ``--workers N`` (local
processes) and ``--scheduler tcp://HOST:PORT`` (an existing Dask cluster;
``pip install 'gametrust[dask]'``).  Ctrl-C at a terminal reaches the local
worker processes too: one running a chunk stops (the command reports the
interruption), an idle one ignores it, where it would print a traceback.

>>> map_ordered(abs, [-3, 1, -2])
[3, 1, 2]
>>> from concurrent.futures import ThreadPoolExecutor
>>> with ThreadPoolExecutor(2) as pool:
...     map_ordered(abs, range(-5, 5), pool, chunk_size=3)
[5, 4, 3, 2, 1, 0, 1, 2, 3, 4]
"""

from __future__ import annotations

import math
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from typing import Any, TypeVar

from ..core.errors import ArgumentError, Location
from ..core.progress import step

__all__ = ["CHUNKS_PER_WORKER", "map_ordered", "open_executor", "run_chunk", "start_worker"]

T = TypeVar("T")
R = TypeVar("R")

#: Chunks sent per worker: a few, so that a slow chunk does not leave the others idle.
CHUNKS_PER_WORKER = 4
#: Workers assumed when an executor does not say how many it has (a Dask client's).
_DEFAULT_WORKERS = 8


_running = False  # in a worker process: a chunk is being run


def run_chunk(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``fn`` on each item of one chunk, in order (what a worker runs)."""
    global _running
    _running = True
    try:
        return [fn(item) for item in items]
    finally:
        _running = False


def _ctrl_c_in_worker(signum: int, frame: Any) -> None:
    if _running:  # stop the chunk; its future carries the KeyboardInterrupt back
        raise KeyboardInterrupt


def start_worker() -> None:
    """A local worker process: Ctrl-C stops a running chunk and is ignored when idle."""
    signal.signal(signal.SIGINT, _ctrl_c_in_worker)


def _workers(executor: Executor) -> int:
    count = getattr(executor, "_max_workers", None)  # Process/ThreadPoolExecutor
    if isinstance(count, int) and count > 0:
        return count
    client = getattr(executor, "_client", None)  # a Dask ClientExecutor
    try:
        return max(1, sum(client.nthreads().values()))  # type: ignore[union-attr]
    except Exception:  # not a Dask client, or it cannot say
        return _DEFAULT_WORKERS


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def map_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    executor: Executor | None = None,
    *,
    chunk_size: int | None = None,
    task: str = "working",
) -> list[R]:
    """``[fn(x) for x in items]``, on ``executor`` when one is given, in the same order.

    The items go out in chunks of ``chunk_size`` (default: about
    :data:`CHUNKS_PER_WORKER` chunks per worker).  An exception raised by
    ``fn`` is raised here, as it would be serially (the first in input order);
    on an interrupt the chunks not yet started are cancelled.
    """
    work = list(items)
    if executor is None or len(work) <= 1:
        done: list[R] = []
        for item in work:
            step(task, len(done), len(work))
            done.append(fn(item))
        return done
    size = chunk_size or max(1, math.ceil(len(work) / (_workers(executor) * CHUNKS_PER_WORKER)))
    futures: list[Future[list[R]]] = [
        executor.submit(run_chunk, fn, chunk) for chunk in _chunks(work, size)
    ]
    out: list[R] = []
    try:
        for future in futures:
            step(task, len(out), len(work))
            out.extend(future.result())
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return out


@contextmanager
def open_executor(workers: int | None = None, scheduler: str | None = None) -> Iterator[
    Executor | None
]:
    """The executor of ``--workers N`` (local processes) or ``--scheduler ADDRESS`` (a Dask
    cluster); ``None`` (serial) when neither is given.  Closed on exit."""
    if workers is not None and scheduler is not None:
        raise ArgumentError("give --workers or --scheduler, not both",
                            Location(path=("--scheduler",)))
    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise ArgumentError(
                "--scheduler needs Dask's distributed package: pip install 'gametrust[dask]'",
                Location(path=("--scheduler",)),
            ) from None
        try:
            client = Client(scheduler, timeout=10)
        except (OSError, TimeoutError) as exc:
            raise ArgumentError(f"cannot reach the Dask scheduler {scheduler}: {exc}",
                                Location(path=("--scheduler",))) from None
        try:
            yield client.get_executor()
        finally:
            client.close()
        return
    if workers is None or workers <= 1:
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=start_worker) as pool:
        yield pool
