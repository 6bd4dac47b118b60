"""The batch runner: input order, failures as records, bounded windows, one code path for 1 and N processes."""

from __future__ import annotations

from functools import partial

import pytest

from analysis.batch import article_length, default_jobs, map_articles, run_chunk
from analysis.errors import InputError
from analysis.records import Article, LoadFailure

ARTICLES = [Article("x" * n, id=f"a{n}") for n in range(1, 24)]


def fails_on_seven(article: Article) -> int:
    """A per-article function that raises an AnalysisError on one article and a defect on another."""
    if len(article.text) == 7:
        raise InputError(article.name, "seven is refused")
    if len(article.text) == 11:
        raise ZeroDivisionError("eleven")
    return len(article.text)


@pytest.mark.parametrize("jobs, chunk, window", [(1, None, None), (1, 1, 1), (2, None, None), (2, 1, 1), (2, 5, 2), (2, 3, 7)])
def test_results_come_in_input_order_whatever_the_split(jobs, chunk, window):
    assert list(map_articles(article_length, ARTICLES, jobs=jobs, chunk=chunk, window=window)) == list(range(1, 24))


@pytest.mark.parametrize("jobs", [1, 2])
def test_failures_travel_as_records_in_their_place(jobs):
    results = list(map_articles(fails_on_seven, ARTICLES[:12], jobs=jobs, chunk=2))
    assert results[:6] == [1, 2, 3, 4, 5, 6] and results[7:10] == [8, 9, 10] and results[11] == 12
    assert results[6] == LoadFailure("a7", "seven is refused", "InputError")
    assert isinstance(results[10], LoadFailure) and "internal error (ZeroDivisionError: eleven)" in results[10].error


def test_paths_are_read_where_the_work_runs(tmp_path):
    (tmp_path / "a.txt").write_text("abc", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "de"}\n{"text": "fghi"}\n', encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    results = run_chunk(article_length, [tmp_path / "a.txt", tmp_path / "b.jsonl", tmp_path / "c.txt"])
    assert results[:3] == [3, 2, 4]
    assert isinstance(results[3], LoadFailure) and "empty" in results[3].error


def test_the_window_bounds_what_is_read_ahead():
    pulled = []

    def items():
        for article in ARTICLES:
            pulled.append(article)
            yield article

    results = map_articles(article_length, items(), jobs=1, chunk=2, window=3)
    assert next(results) == 1
    assert len(pulled) <= 2 * 3 + 2  # the window of chunks, plus the two looked at first
    assert list(results) == list(range(2, 24)) and len(pulled) == len(ARTICLES)


def test_a_partial_of_a_module_function_is_work():
    double = partial(scaled_length, factor=2)
    assert list(map_articles(double, ARTICLES[:4], jobs=2, chunk=1)) == [2, 4, 6, 8]


def scaled_length(article: Article, *, factor: int) -> int:
    return factor * len(article.text)


def test_default_jobs_is_the_cores_this_process_may_use():
    assert 1 <= default_jobs()
