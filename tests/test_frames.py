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


def test_quotes_are_numbered_as_everywhere_else():
    quotes = (Quote("direct", (Span(0, 11),), None, None, (A,)), Quote("indirect", (Span(51, 63),), None, None, (B,)))
    assert quote_table(make(TEXT, quotes))["quote"].tolist() == [1, 2]


def test_quote_numbers_agree_between_the_quote_tone_and_position_tables_and_the_json():
    import analysis
    from analysis.attribution import quotes_json
    from analysis.frames import article_tables

    tables = article_tables(analysis.SEED_ARTICLE)
    json_rows = quotes_json(tables.attributed)["quotes"]
    assert tables.quotes["quote"].tolist() == [row["quote"] for row in json_rows] == tables.tone["quote"].tolist()
    by_number = dict(zip(tables.quotes["quote"], tables.quotes["speaker"]))
    for number, speaker in zip(tables.positions["quote"], tables.positions["speaker"]):
        assert speaker in by_number[number].split(" & ")


@pytest.mark.parametrize(
    ("speaker", "side", "pairs"),
    [
        ("A", "X", [("A", "X")]),
        ("A & B", "X & Y", [("A", "X"), ("B", "Y")]),
        ("A & B", "X", [("A", "X"), ("B", "X")]),
        ("A & B & C", "X & X & Y", [("A", "X"), ("B", "X"), ("C", "Y")]),
        (["A", "B"], ["X", None], [("A", "X"), ("B", UNKNOWN)]),
        (None, None, [(UNKNOWN, UNKNOWN)]),
    ],
)
def test_joint_labels_pair_each_speaker_with_their_side(speaker, side, pairs):
    from analysis.frames import speaker_pairs

    assert speaker_pairs(speaker, side) == pairs


def test_a_joint_statement_of_speakers_of_one_side_is_labelled_with_that_side_once():
    C = Speaker("Sergiy Kyslytsya", side="Ukraine")
    assert quote_speaker(Quote("indirect", (), None, None, (A, C)))[1] == "Ukraine"
    three = quote_speaker(Quote("indirect", (), None, None, (A, B, C)))
    assert three[1] == "Ukraine & Russia & Ukraine"  # one per speaker, so each pairs with their own


def test_per_speaker_counts_agree_between_the_tables_and_the_rows_figures_count():
    from analysis.frames import speaker_rows, top_speakers

    quotes = (Quote("direct", (), None, None, (A,)), Quote("indirect", (), None, None, (A, B)))
    attributed = make(TEXT, quotes)
    table = quote_table(attributed)
    counted = speaker_rows(table)["speaker"].value_counts().to_dict()
    assert counted == speaker_table(attributed).set_index("name")["quotes"].to_dict()
    corpus = table.assign(file="a.txt", outlet="post")
    assert top_speakers(corpus).set_index("speaker")["quotes"].to_dict() == counted


@pytest.mark.parametrize("given", ["path", "str", "article", "attributed", "tables"])
def test_table_functions_take_what_a_user_passes(given):
    import analysis
    from analysis.frames import article_tables, position_table, tone_table

    tables = article_tables(analysis.SEED_ARTICLE)
    value = {"path": analysis.SEED_ARTICLE, "str": str(analysis.SEED_ARTICLE),
             "article": analysis.load_article(analysis.SEED_ARTICLE), "attributed": tables.attributed,
             "tables": tables}[given]  # fmt: skip
    assert len(quote_table(value)) == len(tone_table(value)) == 11  # the seed reference's 11 quotes
    assert len(position_table(value)) == len(tables.positions)
    assert speaker_table(value)["name"].tolist() == tables.speakers["name"].tolist()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: quote_table(42), "quote_table takes an article"),
        (lambda: speaker_table({"text": "x"}), "speaker_table takes an article"),
        (lambda: __import__("analysis.frames").frames.article_tables("x.txt", sides=3), "sides takes a mapping"),
        (lambda: __import__("analysis.frames").frames.tone_summary(quote_table(make(TEXT, ())), by="outlet"), "by must be"),
    ],
)
def test_misuse_is_an_analysis_error_saying_what_to_pass(call, message):
    from analysis.errors import ParameterError

    with pytest.raises(ParameterError, match=message):
        call()


def test_sides_for_an_already_attributed_article_is_refused_with_what_to_do(tmp_path):
    import analysis
    from analysis.errors import ParameterError
    from analysis.frames import article_tables

    attributed = analysis.attribute(analysis.load_article(analysis.SEED_ARTICLE))
    with pytest.raises(ParameterError, match="attributed already"):
        article_tables(attributed, sides={"Umerov": "Ukraine"})


def test_a_sides_path_is_read(tmp_path):
    import analysis
    from analysis.frames import article_tables

    sides = tmp_path / "sides.json"
    sides.write_text('{"Medinsky": "Kremlin"}', encoding="utf-8")
    tables = article_tables(analysis.SEED_ARTICLE, sides=str(sides))
    assert "Kremlin" in tables.speakers["side"].tolist()


def test_empty_tone_and_position_tables_have_their_columns():
    from analysis.frames import POSITION_COLUMNS, TONE_COLUMNS, position_table, tone_table

    empty = make("No quotes here.", ())
    assert set(TONE_COLUMNS) <= set(tone_table(empty).columns)
    assert set(POSITION_COLUMNS) <= set(position_table(empty).columns)
