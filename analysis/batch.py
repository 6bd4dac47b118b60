"""Batch: one per-article function run over a corpus, on one core, every core, or a Dask cluster.

:func:`map_articles` takes inputs (articles, load failures, or file paths
loaded where the work runs), a pure function of one article that returns a
plain picklable result, and ``jobs`` or a Dask ``client``; it yields the
results in input order as they come, with memory bounded by a window of
chunks in flight. A failure travels as a :class:`~analysis.records.LoadFailure`
in the place of its result: an input that cannot be read, or an article whose
analysis raised. One code path serves one process (``jobs=1``, no pool), a
pool of worker processes, and a ``dask.distributed`` client: each submits
chunks and reads their results back in order.

>>> from analysis.records import Article
>>> list(map_articles(article_length, [Article("abc"), Article("de")], jobs=1))
[3, 2]
>>> list(map_articles(article_length, ["no-such-file.txt"], jobs=1))
[LoadFailure(source='no-such-file.txt', error='no such file or folder; check the path', error_type='InputError')]
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

from .errors import AnalysisError, InputError
from .records import Article, LoadFailure

CHUNK = 8  # articles (or files) per task: amortises the per-task cost, keeps the order cheap to restore
WINDOW_PER_WORKER = 4  # chunks in flight per worker: enough to keep every worker busy, bounded memory
DASK_CHUNK = 16  # a Dask task costs more to schedule than a pool task

# A short article that goes through every stage (a cue, a speaker, a side, a topic word, tone words),
# analysed once when a worker starts so that its lexicons, Punkt parameters and topics are loaded.
WARM_UP_TEXT = (
    "Talks resume\n\n“We welcome the ceasefire and demand the return of all prisoners,” "
    "Ukrainian Defence Minister Ivan Petrenko said on Monday."
)

Item = Article | LoadFailure | str | os.PathLike


def default_jobs() -> int:
    """The number of cores this process may run on (``--jobs`` default)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def article_length(article: Article) -> int:
    """The length of an article's text: a trivial per-article function, for examples and tests."""
    return len(article.text)


def map_articles(
    work: Callable[[Article], Any],
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    client=None,
    chunk: int | None = None,
    window: int | None = None,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Any]:
    """``work(article)`` for every article of ``items``, in input order; a LoadFailure where one failed.

    ``items`` holds articles, load failures (passed through) and paths of
    article files (read where the work runs; a ``.jsonl`` file yields one
    result per record). ``work`` must be picklable (a module-level function or
    a ``functools.partial`` of one) and return a picklable result.
    ``jobs=1`` runs in this process; ``jobs=N`` in N worker processes, which
    analyse a short article once when they start so that their resources are
    loaded once; ``client`` (a ``dask.distributed.Client``) runs the chunks on
    its cluster instead. Memory stays bounded: at most ``window`` chunks of
    ``chunk`` inputs are in flight, and results are yielded as soon as those
    before them are done.
    """
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    items = iter(items)
    first = list(islice(items, 2))
    items = chain(first, items)
    if client is not None:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        executor, size = _DaskExecutor(client), chunk or DASK_CHUNK
    elif jobs == 1 or len(first) < 2:  # one article is not worth starting a pool for
        workers, executor, size = 1, _InProcess(), chunk or CHUNK
    else:
        workers, executor, size = jobs, _pool(jobs, work), chunk or CHUNK
    in_flight = window or WINDOW_PER_WORKER * workers
    with executor:
        pending: deque = deque()
        for part in _chunks(items, size):
            pending.append(executor.submit(run_chunk, work, part, encoding, max_bytes))
            if len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def run_chunk(work: Callable[[Article], Any], items: list[Item], encoding: str | None = None, max_bytes: int | None = None) -> list[Any]:
    """The results of ``work`` over one chunk, in order, failures as LoadFailure records (runs in a worker)."""
    out: list[Any] = []
    for item in items:
        for article in _articles(item, encoding, max_bytes):
            out.append(article if isinstance(article, LoadFailure) else _run_one(work, article))
    return out


def _articles(item: Item, encoding: str | None, max_bytes: int | None = None) -> Iterator[Article | LoadFailure]:
    if isinstance(item, (Article, LoadFailure)):
        yield item
        return
    from .load import MAX_BYTES, iter_corpus

    yield from iter_corpus([Path(item)], encoding=encoding, max_bytes=max_bytes or MAX_BYTES)


def _run_one(work: Callable[[Article], Any], article: Article) -> Any:
    try:
        return work(article)
    except AnalysisError as error:
        source = error.source if isinstance(error, InputError) else article.name
        message = error.message if isinstance(error, InputError) else str(error)
        return LoadFailure(source, message, type(error).__name__)
    except Exception as error:  # a defect on one article must not lose the batch: listed, with its type
        message = " ".join(str(error).split()) or "no message"
        return LoadFailure(article.name, f"internal error ({type(error).__name__}: {message}); please report it", type(error).__name__)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while part := list(islice(iterator, size)):
        yield part


def warm_up(work: Callable[[Article], Any]) -> None:
    """Analyse :data:`WARM_UP_TEXT` once with ``work``, so the caches it reads are filled (a pool initializer)."""
    from .load import article_from_text

    _run_one(work, article_from_text(WARM_UP_TEXT, path="warm-up.txt"))


class _Done:
    """A result computed when asked for (the in-process executor's future)."""

    __slots__ = ("_call",)

    def __init__(self, call):
        self._call = call

    def result(self):
        return self._call()


class _InProcess:
    """Runs each chunk in this process when its result is read: no pool, no pickling."""

    def submit(self, fn, *args):
        return _Done(lambda: fn(*args))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _pool(jobs: int, work: Callable[[Article], Any]):
    """A process pool whose workers warm up on ``work`` when they start.

    Workers are forked (they start at once, sharing this process's imports)
    where the system can and this process runs no other thread (forking a
    threaded process can leave a lock held in the child); else they start
    from a fork server, or are spawned.
    """
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    return _Pool(ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=warm_up, initargs=(work,)))


class _Pool:
    """A ProcessPoolExecutor that cancels what is still queued when the reader stops early."""

    def __init__(self, executor):
        self._executor = executor

    def submit(self, fn, *args):
        return self._executor.submit(fn, *args)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        self._executor.shutdown(wait=exc_type is None, cancel_futures=True)
        return False


class _DaskExecutor:
    """Chunks submitted to a ``dask.distributed`` client; results read back in submission order."""

    def __init__(self, client):
        self._client = client

    def submit(self, fn, *args):
        return self._client.submit(fn, *args, pure=False)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
