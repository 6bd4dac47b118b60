"""Tests for what a reader sees: the palette, tables, figures, the highlighted article, headers and reprs."""

import re
import sys
from html import unescape
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import analysis  # noqa: E402
from analysis import display, frames, plots  # noqa: E402
from analysis.display import (  # noqa: E402
    HTML,
    OTHER_SPEAKER_COLOUR,
    UNRESOLVED_COLOUR,
    article_header,
    build_palette,
    heading,
    highlight_quotes,
    speaker_colours,
)
from analysis.errors import AnalysisError, ParameterError  # noqa: E402
from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, ToneScore, Tokens  # noqa: E402

TEXT = "Talks <b>resume</b>\n\n“We agree,” Umerov said. <script>alert(1)</script> “No,” a voice added."
UMEROV = Speaker("Rustem Umerov", role="head of the delegation", side="Ukraine")
MEDINSKY = Speaker("Vladimir Medinsky", side="Russia")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def attributed(text: str = TEXT) -> AttributedArticle:
    quotes = (
        Quote("direct", (span_of(text, "“We agree,”"),), span_of(text, "said"), span_of(text, "Umerov"), (UMEROV,)),
        Quote("direct", (span_of(text, "“No,”"),), span_of(text, "added"), None, ()),
    )
    return AttributedArticle(Article(text, title="Talks", path="a.txt"), Tokens(text, (), ()), quotes, (UMEROV,))


def body_text(view: HTML) -> str:
    """The article as a reader reads it: tags and the quote numbers removed."""
    body = view.html.split('class="analysis-article"', 1)[1].split(">", 1)[1]
    return unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup[^>]*>\d+</sup>", "", body)))


# --- the highlighted article ---


def test_article_markup_is_escaped_never_live():
    html = highlight_quotes(attributed()).html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<b>" not in html


def test_every_character_of_the_article_is_shown_once():
    assert body_text(highlight_quotes(attributed())).startswith(TEXT)


@pytest.mark.parametrize(
    ("part", "style"),
    [
        ("“We agree,”", "background-color: " + speaker_colours(attributed())["Rustem Umerov"]),  # the speaker's colour
        ("said", "text-decoration: underline"),  # cue
        ("Umerov", "underline dotted"),  # source
        ("“No,”", f"background-color: {UNRESOLVED_COLOUR}"),  # unresolved speaker
    ],
)
def test_quote_parts_are_marked(part, style):
    html = highlight_quotes(attributed()).html
    marked = [chunk for chunk in html.split("<span ")[1:] if f">{part}</span>" in chunk]
    assert marked and style in marked[0]


def test_each_quote_shows_its_number_where_it_starts():
    html = highlight_quotes(attributed()).html.split('class="analysis-article"', 1)[1]
    numbers = re.findall(r"<sup[^>]*>(\d+)</sup>", html)
    assert numbers == ["1", "2"]
    assert re.search(r"<sup[^>]*>1</sup><span[^>]*>“We agree,”", html)


def test_legend_names_speaker_role_side_and_count():
    html = highlight_quotes(attributed()).html
    legend = html.split('class="analysis-article"')[0]
    assert "Rustem Umerov" in legend and "Ukraine" in legend and "head of the delegation" in legend
    assert "1 quote" in legend and "unresolved speaker" in legend


def test_overlapping_marks_combine():
    text = "“Yes, we said so,” she said."
    she = Speaker("Ann")
    quote = Quote("direct", (span_of(text, "“Yes, we said so,”"),), span_of(text, "said"), None, (she,))
    html = highlight_quotes(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,), (she,))).html
    assert "background-color" in html and "text-decoration: underline" in html


def test_a_joint_statement_is_striped_in_both_speakers_colours():
    text = "Umerov and Medinsky announced a deal."
    quote = Quote("indirect", (span_of(text, "a deal"),), span_of(text, "announced"), None, (UMEROV, MEDINSKY))
    result = AttributedArticle(Article(text), Tokens(text, (), ()), (quote,), (UMEROV, MEDINSKY))
    colours = speaker_colours(result)
    marked = [chunk for chunk in highlight_quotes(result).html.split("<span ")[1:] if ">a deal</span>" in chunk][0]
    assert "repeating-linear-gradient" in marked
    assert colours["Rustem Umerov"] in marked and colours["Vladimir Medinsky"] in marked


def _many_quotes(n: int) -> AttributedArticle:
    sentence = "“We agree on point {i},” Umerov said, and Medinsky nodded. "
    text, quotes = "", []
    for i in range(n):
        start = len(text)
        text += sentence.format(i=i)
        part = text[start:]
        close = part.index("”") + 1
        said = part.index("said")
        quotes.append(Quote("direct", (Span(start, start + close),), Span(start + said, start + said + 4),
                            Span(start + said - 7, start + said - 1), (UMEROV,)))  # fmt: skip
    return AttributedArticle(Article(text), Tokens(text, (), ()), tuple(quotes), (UMEROV,))


def _lines_run(function, *args) -> int:
    """Python lines executed in analysis/display.py while calling ``function``: a count of work, not of time."""
    source = str(Path(display.__file__).resolve())
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != source:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def test_highlighting_takes_work_linear_in_the_number_of_quotes():
    small, large = _many_quotes(150), _many_quotes(600)
    ratio = _lines_run(highlight_quotes, large) / _lines_run(highlight_quotes, small)
    assert ratio < 5.5, f"4× the quotes took {ratio:.1f}× the work (quadratic would be ~16×)"


def test_html_object_displays_in_notebooks():
    view = highlight_quotes(attributed())
    assert isinstance(view, HTML) and view._repr_html_() == view.html == str(view)


# --- one palette per report ---


def test_a_speakers_colour_is_a_tint_of_their_sides_and_differs_from_other_speakers():
    quotes = pd.DataFrame({"speaker": ["A", "B", "C", "D"], "side": ["X", "X", "Y", frames.UNKNOWN]})
    palette = build_palette(quotes)
    assert len(set(palette.speakers.values())) == 4
    assert set(palette.speakers.values()).isdisjoint(palette.sides.values())  # a speaker never wears a side's colour
    hue = lambda colour: round(__import__("colorsys").rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0], 2)  # noqa: E731
    assert hue(palette.speakers["A"]) == hue(palette.speakers["B"]) == hue(palette.sides["X"])
    assert hue(palette.speakers["D"]) not in {hue(c) for c in palette.sides.values()}  # no side's hue for an unknown side


def test_the_palette_ranks_sides_by_quotes_so_it_does_not_depend_on_which_rows_a_figure_sees():
    quotes = pd.DataFrame({"speaker": ["A", "B", "B", "C"], "side": ["Russia", "Ukraine", "Ukraine", "Russia & Ukraine"]})
    palette = build_palette(quotes)
    assert list(palette.sides) == ["Ukraine", "Russia"]
    assert build_palette(quotes.iloc[::-1]).sides == palette.sides


def test_speakers_past_the_most_quoted_share_one_colour_in_text_and_figures():
    names = [f"S{i:02d}" for i in range(display.MAX_SPEAKERS + 3)]
    palette = build_palette(pd.DataFrame({"speaker": names, "side": [frames.UNKNOWN] * len(names)}))
    assert len(palette.speakers) <= display.MAX_SPEAKERS
    assert palette.colour("speaker", names[-1]) == OTHER_SPEAKER_COLOUR


def test_the_seed_reads_in_one_colour_per_speaker_in_the_figures_and_the_text():
    tables = frames.article_tables(analysis.SEED_ARTICLE)
    colours = speaker_colours(tables.attributed)
    ax = plots.tone_per_quote(tables)
    legend = {text.get_text(): patch.get_facecolor() for text, patch in zip(ax.get_legend().get_texts(), ax.get_legend().get_patches())}
    for name, colour in colours.items():
        if name in legend:
            assert matplotlib.colors.to_hex(legend[name]) == colour
    html = highlight_quotes(tables).html
    assert all(colour in html for colour in colours.values())


# --- tables ---


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, ""), (float("nan"), ""), (pd.NaT, ""), (pd.NA, ""), ([], ""), (["at least 1,200", "24 hours"], "at least 1,200; 24 hours"),
     (True, "yes"), (False, "no"), (0.27321, "0.273"), (2.0, "2"), (7, "7"), (pd.Timestamp("2016-09-12"), "2016-09-12"),
     ("(unknown)", "(unknown)")],
)  # fmt: skip
def test_cells_read_as_text(value, shown):
    frame = pd.DataFrame({"x": [value]}, dtype=object)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", display.table(frame).html)
    assert cells == [shown]


def test_a_table_has_no_index_hides_offsets_and_keeps_the_frame():
    frame = pd.DataFrame({"quote": [1], "content": ["x" * 80], "offsets": [[[0, 4]]], "date": ["2016-09-12"]})
    view = display.table(frame)
    assert view.frame is frame
    headers = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", view.html)
    assert headers == ["quote", "content", "date"]
    content = re.search(r'<td style="([^"]*)">x{80}</td>', view.html)[1]
    assert "text-align: left" in content and "white-space: normal" in content
    assert "white-space: nowrap" in re.search(r'<td style="([^"]*)">2016-09-12</td>', view.html)[1]


def test_a_long_table_shows_its_first_rows_and_says_so():
    view = display.table(pd.DataFrame({"n": range(30)}), max_rows=10)
    assert view.html.count("<tr>") == 11 and "first 10 of 30 rows" in view.html


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: display.table([1, 2]), "takes a pandas DataFrame"),
        (lambda: display.table(pd.DataFrame({"a": [1]}), columns=["b"]), "no column 'b'"),
        (lambda: display.figure("not an axes"), "takes the Axes"),
        (lambda: display.show(42, empty="x"), "show takes tables"),
        (lambda: highlight_quotes(42), "highlight_quotes takes an article"),
        (lambda: article_header(None), "article_header takes an article"),
    ],
)
def test_misuse_says_what_to_pass(call, message):
    with pytest.raises(ParameterError, match=message) as caught:
        call()
    assert isinstance(caught.value, AnalysisError)


def test_an_empty_table_becomes_a_note_or_nothing():
    assert "No input failed" in display.table(pd.DataFrame(columns=["a"]), empty="No input failed.").html
    assert display.table(pd.DataFrame(columns=["a"])).html == ""
    assert "No input failed" in display.table_or_note(pd.DataFrame(columns=["a"]), empty="No input failed.").html


# --- figures and sections ---


def test_a_figure_is_an_image_with_its_description_as_alt_text():
    tone = pd.DataFrame({"quote": [1, 2], "speaker": ["Ann", "Bob"], "side": ["X", "Y"], "compound": [0.5, 0.0],
                         "content": ["good", "so-so"]})  # fmt: skip
    html = display.figure(plots.tone_per_quote(tone)).html
    alt = unescape(re.search(r'alt="([^"]*)"', html)[1])
    assert "quote 1 +0.50 (Ann)" in alt and "quote 2 0.00 (Bob)" in alt
    assert 'src="data:image/png;base64,' in html and not plt.get_fignums()  # closed, so not shown twice


def test_a_section_with_nothing_to_show_says_so_once():
    empty = pd.DataFrame()
    html = display.show(plots.positions_matrix(empty), display.table(pd.DataFrame(columns=["a"])), empty="No positions.").html
    assert html.count("No positions.") == 1 and "<img" not in html and not plt.get_fignums()


def test_a_section_shows_what_it_has_and_skips_empty_parts():
    quotes = pd.DataFrame({"speaker": ["Ann"], "side": ["X"]})
    html = display.show(display.table(quotes), plots.quotes_per_speaker(quotes), plots.positions_matrix(pd.DataFrame()),
                        empty="Nothing.").html  # fmt: skip
    assert html.count("<img") == 1 and "Ann" in html and "No positions" not in html and "Nothing." not in html


def test_first_gives_the_first_item_or_a_note():
    assert display.first([3, 4], empty="none") == 3
    assert "none" in display.first(iter(()), empty="none").html


# --- headers, notes, paths ---


def test_headers_escape_titles():
    assert "&lt;x&gt;" in article_header(attributed(), title="<x>").html
    assert heading("a & b", level=2).html == "<h2>a &amp; b</h2>"


def test_a_corpus_title_names_its_folder_not_the_machine_path():
    tables = frames.corpus_tables([])
    html = display.corpus_header(tables, source="/home/someone/data/polnear/dev/text").html
    assert "Corpus: dev/text" in html and "/home/someone" not in html


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["ceasefire"], ["Ceasefire", "talks"]], "“ceasefire” (2 quotes), “talks” (1 quote)"),
        ([[], []], "No topic words were set aside"),
    ],
)
def test_the_tone_note_says_which_topic_words_were_set_aside(rows, expected):
    assert expected in display.tone_note(pd.DataFrame({"set_aside": rows})).html


def test_reader_facing_html_is_left_alone_by_mathjax():
    for view in (highlight_quotes(attributed()), display.table(pd.DataFrame({"a": ["$200"]})), display.note("$5"),
                 article_header(attributed())):  # fmt: skip
        assert "tex2jax_ignore" in view.html and "mathjax_ignore" in view.html


# --- records and bundles show themselves briefly ---


def test_records_and_bundles_have_short_reprs():
    tables = frames.article_tables(analysis.SEED_ARTICLE)
    result = tables.attributed
    for shown in (repr(result.article), repr(result), repr(result.tokens), repr(tables), repr(analysis.score_tone("We agree."))):
        assert len(shown) < 300 and "\n" not in shown
    assert f"{len(result.quotes)} quotes" in repr(result) and "Vladimir Medinsky" in repr(result)
    assert "compound=" in repr(analysis.score_tone("We agree."))
    assert isinstance(ToneScore(0.1, 0.1, 0.9, 0.0).__repr__(), str)


def test_an_attributed_article_shows_a_summary_and_the_highlighted_text_in_a_notebook():
    result = frames.article_tables(analysis.SEED_ARTICLE).attributed
    html = result._repr_html_()
    assert "11 quotes" in html and 'class="analysis-article"' in html and "First and foremost" in html


def test_table_bundles_show_their_tables_in_a_notebook():
    tables = frames.article_tables(analysis.SEED_ARTICLE)
    assert all(f".{name}" in tables._repr_html_() for name in ("quotes", "speakers", "tone", "positions"))
    corpus = frames.corpus_tables([analysis.SEED_ARTICLE])
    assert "articles 1" in repr(corpus) and ".failures" in corpus._repr_html_()


def test_views_say_briefly_what_they_are_in_plain_text_so_a_notebook_holds_each_once():
    view = highlight_quotes(_many_quotes(200))
    assert len(repr(view)) < 100 and len(view.html) > 10_000
    assert repr(display.note("Nothing.")) == "Nothing."
    quotes = pd.DataFrame({"speaker": ["Ann"], "side": ["X"]})
    assert repr(display.figure(plots.quotes_per_speaker(quotes))).startswith("Bar chart of the number of quotes")
    assert repr(display.table(quotes)) == "<table: 1 row of speaker, side>"
