"""Corpus tables: the same rows in one process, in many, and however the articles are split."""

from __future__ import annotations

import json
import random
from functools import partial
from pathlib import Path

import pytest

from analysis import SEED_ARTICLE
from analysis.batch import map_articles
from analysis.corpus import merge_speakers
from analysis.records import LoadFailure
from analysis.streams import TABLES, analyse_article, corpus_frame, corpus_items, flat_row, merge_rows, run_corpus

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = [FIXTURES / "corpus", FIXTURES / "batch", SEED_ARTICLE]


def texts(table: str, **options) -> list[str]:
    with run_corpus(CORPUS, table, progress=False, **options) as run:
        return [text for text, _ in run.rows()]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_two_jobs_give_the_rows_of_one(table):
    one = texts(table, jobs=1)
    assert one and texts(table, jobs=2) == one


@pytest.mark.parametrize("table", ["quotes", "tone"])
def test_reading_in_the_workers_gives_the_rows_of_reading_here(table):
    assert texts(table, jobs=2, load_in_workers=True) == texts(table, jobs=1)


def test_a_surname_in_one_article_is_the_full_name_of_another():
    rows = [row for _, row in run_rows("tone")]
    stall = [r for r in rows if r["file"] == "2024-05-03_talks-stall.txt"]
    assert {r["speaker"] for r in stall} >= {"Jana Roe"} and {r["speaker_id"] for r in stall} >= {"jana-roe"}


def run_rows(table):
    with run_corpus(CORPUS, table, jobs=1, progress=False) as run:
        return list(run.rows())


@pytest.mark.parametrize("seed", range(4))
def test_the_merge_does_not_depend_on_how_the_articles_were_split(seed):
    """Summaries gathered with other chunk sizes, jobs and orders merge to the same index and relabel the same rows."""
    work = partial(analyse_article, table="quotes")
    items = list(corpus_items(CORPUS))
    reference = [r for r in map_articles(work, items, jobs=1) if not isinstance(r, LoadFailure)]
    rng = random.Random(seed)
    results = [r for r in map_articles(work, items, jobs=rng.choice([1, 2]), chunk=rng.randint(1, 5)) if not isinstance(r, LoadFailure)]
    parts = [r.speakers for r in results]
    rng.shuffle(parts)
    index, expected = merge_speakers(parts), merge_speakers(r.speakers for r in reference)
    assert index == expected
    relabel = TABLES["quotes"].relabel
    assert [relabel(index, json.loads(t), r.key) for r in results for t in r.rows] == [
        relabel(expected, json.loads(t), r.key) for r in reference for t in r.rows
    ]


def test_one_article_is_relabelled_with_its_own_index():
    with run_corpus([SEED_ARTICLE], "quotes", jobs=1, progress=False) as run:
        [(text, line)] = list(run.rows())
    result = analyse_article(next(iter(corpus_items([SEED_ARTICLE]))), table="quotes")
    own = merge_speakers([result.speakers])
    assert line == TABLES["quotes"].relabel(own, json.loads(result.rows[0]), result.key)
    assert json.loads(text) == line


def test_the_spool_is_removed_when_the_run_ends():
    with run_corpus(CORPUS, "tone", jobs=1, progress=False) as run:
        spool = run._spool
        assert spool.exists()
    assert not spool.exists() and not spool.parent.exists()


def test_failures_are_listed_and_the_rest_go_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with run_corpus([tmp_path / "empty.txt", SEED_ARTICLE, "missing.txt"], "quotes", jobs=2, progress=False) as run:
        lines = [row["file"] for _, row in run.rows()]
        assert lines == ["istanbul-pow-exchange.txt"] and run.total == 3
        assert [f.source for f in run.failures] == [str(tmp_path / "empty.txt"), "missing.txt"]


@pytest.mark.parametrize(
    "table, row, expected",
    [
        ("tone", {"speaker": "A", "side": None, "speaker_id": "a"}, (["A"], None, ["a"])),
        ("tone", {"speaker": ["A", "B"], "side": ["X", None], "speaker_id": ["a", "b"]}, (["A", "B"], ["X", None], ["a", "b"])),
        ("positions", {"speaker": None, "side": None, "speaker_id": None}, (None, None, None)),
    ],
)
def test_flat_rows_hold_names_as_lists(table, row, expected):
    flat = flat_row(TABLES[table], row)
    assert (flat["speaker"], flat["side"], flat["speaker_id"]) == expected
    assert list(flat) == [c.name for c in TABLES[table].columns]


def test_speaker_table_and_merges():
    frame = corpus_frame(CORPUS, "speakers")
    assert frame["quotes"].is_monotonic_decreasing
    roe = frame[frame["name"] == "Jana Roe"].iloc[0]
    assert roe["aliases"] == ["Roe"] and roe["articles"] == len(roe["files"]) >= 3
    assert ("Jana Roe", ["Roe"]) in frame.attrs["merges"]


def test_corpus_frame_has_the_columns_and_rows_of_the_stream():
    frame = corpus_frame(CORPUS, "quotes")
    with run_corpus(CORPUS, "quotes", jobs=1, progress=False) as run:
        flat = list(run.flat_rows())
        merges = merge_rows(run.index)
    assert frame.to_dict("records") == flat and list(frame.columns) == [c.name for c in TABLES["quotes"].columns]
    assert {"name": "Jana Roe", "merged": ["Roe"]} in merges
    quoted = {s.name for s in run.index.speakers if s.quotes}
    assert all(m["name"] in quoted for m in merges)  # only merges of speakers are listed
