"""Tests for the record-to-DataFrame edge: quote, speaker and corpus tables."""

from pathlib import Path

import pytest

from analysis.frames import (
    QUOTE_COLUMNS,
    SPEAKER_COLUMNS,
    UNKNOWN,
    article_metadata,
    quote_speaker,
    quote_table,
    speaker_table,
)
from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens

FIXTURES = Path(__file__).parent / "fixtures"
A = Speaker("Rustem Umerov", role="head of the delegation", side="Ukraine", side_evidence="Ukrainian")
B = Speaker("Vladimir Medinsky", side="Russia")


def make(text: str, quotes: tuple[Quote, ...], speakers=(A, B)) -> AttributedArticle:
    return AttributedArticle(Article(text, path="/x/a.txt"), Tokens(text, (), ()), quotes, speakers)


TEXT = "“We agree,” Umerov said, “and we go on.” Both announced a deal."


def test_quote_table_columns_and_values():
    quotes = (
        Quote("direct", (Span(0, 11), Span(25, 40)), Span(19, 23), Span(12, 18), (A,), 0, 0, "quote-cue-name",
              ("unclosed quotation mark",)),  # fmt: skip
        Quote("indirect", (Span(51, 63),), Span(46, 55), Span(41, 45), (A, B), 0, 1, "indirect"),
    )
    table = quote_table(make(TEXT, quotes))
    assert tuple(table.columns) == QUOTE_COLUMNS
    first, joint = table.to_dict("records")
    assert first["content"] == "“We agree,” … “and we go on.”"
    assert first["offsets"] == [[0, 11], [25, 40]]
    assert (first["cue"], first["role"], first["problems"]) == ("said", "head of the delegation", "unclosed quotation mark")
    assert (joint["speaker"], joint["side"]) == ("Rustem Umerov & Vladimir Medinsky", "Ukraine & Russia")
    assert first["article"] == "a.txt"


def test_quote_table_of_an_article_without_quotes_has_the_columns():
    table = quote_table(make("No quotes here.", ()))
    assert table.empty and tuple(table.columns) == QUOTE_COLUMNS


def test_unresolved_speaker_is_labelled_unknown():
    assert quote_speaker(Quote("direct", (Span(0, 1),), None, None)) == (UNKNOWN, UNKNOWN)


def test_speaker_table_counts_quotes_including_joint_ones():
    quotes = (Quote("direct", (), None, None, (A,)), Quote("indirect", (), None, None, (A, B)))
    table = speaker_table(make(TEXT, quotes))
    assert tuple(table.columns) == SPEAKER_COLUMNS
    assert table.set_index("name")["quotes"].to_dict() == {"Rustem Umerov": 2, "Vladimir Medinsky": 1}
    assert table.set_index("name").loc["Rustem Umerov", "side_evidence"] == "Ukrainian"


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (Article("t", path="/d/cnn_2016-10-01_debate.txt"), ("cnn", "2016-10-01")),
        (Article("t", path="/d/cnn_2016-10-01_debate.txt", outlet="CNN", date="2016-10-02"), ("CNN", "2016-10-02")),
        (Article("t", path="notes.txt"), (None, None)),
        (Article("t", id="rec-1"), (None, None)),
    ],
)
def test_article_metadata_prefers_fields_then_file_name(article, expected):
    meta = article_metadata(article)
    assert (meta["outlet"], meta["date"]) == expected
