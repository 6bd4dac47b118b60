"""Cluster: a corpus's tables as Dask DataFrames on a ``dask.distributed`` cluster (``pip install analysis[dask]``).

:func:`dask_corpus` splits the files into partitions; each partition is
analysed in a task (files are read there, so the workers must see them, e.g.
a shared file system), its speaker summaries merged once in another task,
and every partition's rows relabelled with that merged index: the same rows,
in the same order, as ``analysis quotes|tone|positions|speakers`` in one
process. The frame is lazy: ``.compute()`` it, or ``.persist()`` it to keep
it in the cluster's memory while you work with it.

    from distributed import Client
    client = Client("tcp://127.0.0.1:8786")        # or none: a local cluster is started
    quotes = analysis.dask_frame(["corpus/"], "quotes", client=client)
    quotes.groupby("kind").size().compute()
"""

from __future__ import annotations

import os
from dataclasses import dataclass

PARTITION = 64  # files per partition


@dataclass(frozen=True)
class DaskCorpus:
    """A corpus on a cluster: the table as a Dask DataFrame, and the inputs that failed (a Dask delayed list)."""

    frame: object  # dask.dataframe.DataFrame
    failures: object  # dask.delayed: [(source, error), ...]
    client: object


def local_client(workers: int = 2):
    """A client of a new local cluster: ``workers`` single-threaded worker processes on loopback."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    return Client(cluster)


def dask_corpus(paths, table: str = "quotes", *, client=None, sides=None, topics=None, partition: int = PARTITION) -> DaskCorpus:
    """The ``table`` (quotes, tone, positions or speakers) of the files under ``paths`` as a Dask DataFrame.

    ``client`` is a ``dask.distributed.Client``; without one a local cluster
    is started (two single-threaded worker processes) and kept as the default
    client. Columns and types are those of the Parquet output (see the README).
    """
    import dask
    import dask.dataframe as dd
    from dask import delayed

    from .load import expand_paths
    from .records import LoadFailure
    from .streams import TABLES, _read_options, rows_frame

    client = client or local_client()
    sides, topics = _read_options(sides, topics)
    spec = TABLES[table]
    items = list(expand_paths([paths] if isinstance(paths, (str, os.PathLike)) else paths))
    early = [(f.source, f.error) for f in items if isinstance(f, LoadFailure)]
    files = [str(p) for p in items if not isinstance(p, LoadFailure)]
    chunks = [files[i : i + partition] for i in range(0, len(files), partition)] or [[]]
    parts = [delayed(_analyse_partition, pure=True)(chunk, table, sides, topics) for chunk in chunks]
    index = delayed(_merge, pure=True)([part[1] for part in parts])
    failures = delayed(_failures, pure=True)(early, [part[2] for part in parts])
    if spec.index_rows is not None:
        frames = [delayed(_index_frame, pure=True)(index, table)]
    else:
        frames = [delayed(_relabel_frame, pure=True)(part[0], index, table) for part in parts]
    meta = rows_frame([], spec)
    with dask.config.set({"dataframe.convert-string": False}):  # lists and None stay Python objects
        frame = dd.from_delayed(frames, meta=meta, verify_meta=False)
    return DaskCorpus(frame, failures, client)


def dask_frame(paths, table: str = "quotes", *, client=None, sides=None, topics=None):
    """The ``table`` of a corpus as a Dask DataFrame (:func:`dask_corpus`'s frame; its failures are not kept)."""
    return dask_corpus(paths, table, client=client, sides=sides, topics=topics).frame


def _analyse_partition(files: list[str], table: str, sides, topics):
    """(rows as (key, JSON text), speaker summaries, failures) of one partition, analysed in this task."""
    from functools import partial

    from .batch import map_articles
    from .records import LoadFailure
    from .streams import analyse_article

    work = partial(analyse_article, table=table, sides=sides, topics=topics)
    rows, summaries, failures = [], [], []
    for result in map_articles(work, files, jobs=1):
        if isinstance(result, LoadFailure):
            failures.append((result.source, result.error))
            continue
        summaries.append(result.speakers)
        rows.extend((result.key, text) for text in result.rows)
    return rows, summaries, failures


def _merge(summaries):
    from .corpus import merge_speakers

    return merge_speakers(s for part in summaries for s in part)


def _failures(early, later):
    return [*early, *(f for part in later for f in part)]


def _relabel_frame(rows, index, table: str):
    import json

    from .streams import TABLES, flat_row, rows_frame

    spec = TABLES[table]
    flat = (flat_row(spec, f) for key, text in rows for f in spec.flat(spec.relabel(index, json.loads(text), key)))
    return rows_frame(flat, spec)


def _index_frame(index, table: str):
    from .streams import TABLES, flat_row, rows_frame

    spec = TABLES[table]
    return rows_frame((flat_row(spec, r) for r in spec.index_rows(index)), spec)
