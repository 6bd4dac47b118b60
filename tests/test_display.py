"""Tests for the HTML views: highlighting, escaping, legend."""

import pytest

from analysis.display import HTML, UNKNOWN_COLOUR, article_header, heading, highlight_quotes, speaker_colours
from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens

TEXT = "Talks <b>resume</b>\n\n“We agree,” Umerov said. <script>alert(1)</script> “No,” a voice added."
UMEROV = Speaker("Rustem Umerov", role="head of the delegation", side="Ukraine")


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def attributed(text: str = TEXT) -> AttributedArticle:
    quotes = (
        Quote("direct", (span_of(text, "“We agree,”"),), span_of(text, "said"), span_of(text, "Umerov"), (UMEROV,)),
        Quote("direct", (span_of(text, "“No,”"),), span_of(text, "added"), None, ()),
    )
    return AttributedArticle(Article(text, title="Talks", path="a.txt"), Tokens(text, (), ()), quotes, (UMEROV,))


def test_article_markup_is_escaped_never_live():
    html = highlight_quotes(attributed()).html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<b>" not in html


def test_every_character_of_the_article_is_shown_once():
    import re
    from html import unescape

    html = highlight_quotes(attributed()).html
    body = html.split('class="analysis-article"', 1)[1].split(">", 1)[1]
    assert unescape(re.sub(r"<[^>]+>", "", body)).startswith(TEXT)


@pytest.mark.parametrize(
    ("part", "style"),
    [
        ("“We agree,”", "background-color: #a1c9f4"),  # the speaker's colour
        ("said", "text-decoration: underline"),  # cue
        ("Umerov", "underline dotted"),  # source
        ("“No,”", f"background-color: {UNKNOWN_COLOUR}"),  # unresolved speaker
    ],
)
def test_quote_parts_are_marked(part, style):
    html = highlight_quotes(attributed()).html
    marked = [chunk for chunk in html.split("<span ")[1:] if f">{part}</span>" in chunk]
    assert marked and style in marked[0]


def test_legend_names_speaker_role_side_and_count():
    html = highlight_quotes(attributed()).html
    legend = html.split('class="analysis-article"')[0]
    assert "Rustem Umerov" in legend and "Ukraine" in legend and "head of the delegation" in legend
    assert "1 quote(s)" in legend and "unresolved speaker" in legend


def test_overlapping_marks_combine():
    text = "“Yes, we said so,” she said."
    she = Speaker("Ann")
    quote = Quote("direct", (span_of(text, "“Yes, we said so,”"),), span_of(text, "said"), None, (she,))
    html = highlight_quotes(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,), (she,))).html
    assert "background-color" in html and "text-decoration: underline" in html


def test_html_object_displays_in_notebooks():
    view = highlight_quotes(attributed())
    assert isinstance(view, HTML) and view._repr_html_() == view.html == str(view)


def test_colours_are_stable_per_speaker():
    assert speaker_colours(attributed()) == {"Rustem Umerov": "#a1c9f4"}


def test_headers_escape_titles():
    assert "&lt;x&gt;" in article_header(attributed(), title="<x>").html
    assert heading("a & b", level=2).html == "<h2>a &amp; b</h2>"


def test_an_empty_table_becomes_a_note():
    import pandas as pd

    from analysis.display import table_or_note

    assert "No input failed" in table_or_note(pd.DataFrame(columns=["a"]), empty="No input failed.").html
    table = pd.DataFrame({"a": [1]})
    assert table_or_note(table, empty="x") is table
