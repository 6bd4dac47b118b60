"""The corpus stage: one speaker across articles, whatever order the articles come in."""

from __future__ import annotations

import itertools

import pytest

from analysis.corpus import ArticleSpeakers, article_speakers, merge_speakers
from analysis.attribution import attribute
from analysis.records import Article, Speaker


def _part(article: str, *names_and_sides) -> ArticleSpeakers:
    speakers = tuple(Speaker(name, side=side, id=name.lower().replace(" ", "-")) for name, side in names_and_sides)
    return ArticleSpeakers(article, speakers, tuple(1 for _ in speakers))


PARTS = (
    _part("a.txt", ("Rustem Umerov", "Ukraine"), ("Vladimir Medinsky", None)),
    _part("b.txt", ("Umerov", None), ("Medinsky", "Russia")),
    _part("c.txt", ("Barack Obama", None), ("Obama", None)),
)


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(PARTS)))))
def test_merge_does_not_depend_on_order(order):
    assert merge_speakers([PARTS[i] for i in order]) == merge_speakers(PARTS)


@pytest.mark.parametrize(
    "article, local_id, name, side, carried",
    [
        ("a.txt", "rustem-umerov", "Rustem Umerov", "Ukraine", False),
        ("b.txt", "umerov", "Rustem Umerov", "Ukraine", True),  # surname only: the side carries over
        ("a.txt", "vladimir-medinsky", "Vladimir Medinsky", "Russia", True),  # a later article states it
        ("c.txt", "obama", "Barack Obama", None, False),  # nothing states a side: it stays unknown
    ],
)
def test_lookup_gives_the_corpus_speaker_as_the_article_sees_it(article, local_id, name, side, carried):
    view = merge_speakers(PARTS).lookup(article, local_id)
    assert (view.name, view.side, view.side_carried) == (name, side, carried)


def test_one_row_per_person_with_aliases_and_counts():
    index = merge_speakers(PARTS)
    rows = {s.name: (s.aliases, s.articles, s.quotes) for s in index.speakers}
    assert rows == {
        "Barack Obama": (("Obama",), ("c.txt",), 2),
        "Rustem Umerov": (("Umerov",), ("a.txt", "b.txt"), 2),
        "Vladimir Medinsky": (("Medinsky",), ("a.txt", "b.txt"), 2),
    }
    assert ("Rustem Umerov", ("Umerov",)) in index.merges


def test_relabel_rewrites_names_sides_and_ids_of_rows():
    index = merge_speakers(PARTS)
    row = {"speaker": ["Umerov", "Medinsky"], "side": [None, "Russia"], "speaker_id": ["umerov", "medinsky"], "text": "x"}
    assert index.relabel(row, "b.txt") == {
        "speaker": ["Rustem Umerov", "Vladimir Medinsky"],
        "side": ["Ukraine", "Russia"],
        "speaker_id": ["rustem-umerov", "vladimir-medinsky"],
        "text": "x",
    }
    assert index.relabel({"speaker": None, "speaker_id": None}, "b.txt") == {"speaker": None, "speaker_id": None}


def test_article_speakers_counts_quotes_per_entity():
    attributed = attribute(Article("“We agree,” Ivan Petrenko said. “We tried,” he added.", path="x.txt"))
    part = article_speakers(attributed)
    assert part.article == "x.txt" and [s.id for s in part.speakers] == ["ivan-petrenko"] and part.quotes == (2,)
