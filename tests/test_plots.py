"""Tests for the figures: each returns an Axes, draws something, and copes with empty tables."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import plots  # noqa: E402

QUOTES = pd.DataFrame(
    {
        "file": ["a.txt", "a.txt", "b.txt", "b.txt"],
        "outlet": ["post", "post", "times", "times"],
        "date": ["2024-03-02", "2024-03-02", "2024-03-05", None],
        "speaker": ["Ann", "Bob", "Ann", None],
        "side": ["union", "port", "union", None],
        "content": ["We want more.", "We offer less.", "A victory for workers.", "No comment."],
        "compound": [0.1, -0.3, 0.6, 0.0],
        "cue_stance": ["neutral", "emphatic", "neutral", None],
    }
)
POSITIONS = pd.DataFrame(
    {
        "speaker": ["Ann", "Ann", "Bob", "Bob"],
        "side": ["union", "union", "port", "port"],
        "topic": ["pay", "pay", "pay", "reopening"],
        "stance": ["demand", "reject", "offer", "support"],
        "outlet": ["post", "post", "post", "times"],
    }
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(
    ("draw", "table"),
    [
        (plots.quotes_per_speaker, QUOTES),
        (plots.tone_per_quote, QUOTES),
        (lambda t: plots.tone_by(t, by="speaker"), QUOTES),
        (lambda t: plots.tone_by(t, by="side"), QUOTES),
        (plots.cue_stance_counts, QUOTES),
        (plots.positions_matrix, POSITIONS),
        (lambda t: plots.voices(t, by="outlet"), QUOTES),
        (lambda t: plots.voices(t, by="side"), QUOTES),
        (lambda t: plots.quote_share(t, by="date"), QUOTES),
        (lambda t: plots.tone_distribution(t, by="outlet"), QUOTES),
        (lambda t: plots.positions_by_topic(t, by="side"), POSITIONS),
        (lambda t: plots.timeline(t, by="side"), QUOTES),
        (plots.discourse_network, POSITIONS),
    ],
)
def test_each_figure_draws_on_an_axes(draw, table):
    ax = draw(table)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_title()
    assert ax.patches or ax.collections or ax.lines or ax.images


@pytest.mark.parametrize(
    "draw",
    [plots.quotes_per_speaker, plots.tone_per_quote, plots.tone_by, plots.cue_stance_counts, plots.positions_matrix,
     plots.voices, plots.quote_share, plots.tone_distribution, plots.positions_by_topic, plots.timeline,
     plots.discourse_network],
)  # fmt: skip
def test_an_empty_table_draws_a_labelled_empty_axes(draw):
    ax = draw(pd.DataFrame())
    assert not ax.axison and ax.texts and ax.get_title()


def test_positions_matrix_marks_several_stances_as_mixed():
    ax = plots.positions_matrix(POSITIONS)
    assert "mixed" in [text.get_text() for text in ax.texts]


def test_timeline_without_dates_says_so():
    ax = plots.timeline(QUOTES.assign(date=None))
    assert "No article dates" in ax.texts[0].get_text()


def test_drawing_onto_a_given_axes():
    _, ax = plt.subplots()
    assert plots.tone_by(QUOTES, ax=ax) is ax


def test_many_sides_are_lumped_so_the_legend_stays_readable():
    many = pd.DataFrame(
        {
            "file": [f"f{i}" for i in range(30)],
            "outlet": ["post"] * 30,
            "speaker": [f"S{i}" for i in range(30)],
            "side": [f"side {i}" for i in range(30)],
        }
    )
    ax = plots.quote_share(many, by="outlet")
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert len(labels) == plots.MAX_COLOURS + 1 and plots.OTHER in labels


# --- text from the data is text, never mathematics ---

DOLLARS = r"$\frac$ costs $200"
MATHS_QUOTES = QUOTES.assign(speaker=[DOLLARS, "Bob", DOLLARS, None], side=["$x$ party", "port", "$x$ party", None],
                             outlet=["$post$", "$post$", "times", "times"], content=[DOLLARS] * 4)  # fmt: skip
MATHS_POSITIONS = POSITIONS.assign(speaker=[DOLLARS] * 4, topic=["$\\frac$ pay"] * 4, side=["$x$"] * 4)
ALL_FIGURES = [
    (plots.quotes_per_speaker, MATHS_QUOTES),
    (plots.tone_per_quote, MATHS_QUOTES),
    (lambda t: plots.tone_by(t, by="speaker"), MATHS_QUOTES),
    (lambda t: plots.tone_by(t, by="outlet"), MATHS_QUOTES),
    (plots.cue_stance_counts, MATHS_QUOTES),
    (plots.positions_matrix, MATHS_POSITIONS),
    (lambda t: plots.voices(t, by="side"), MATHS_QUOTES),
    (lambda t: plots.quote_share(t, by="outlet"), MATHS_QUOTES),
    (lambda t: plots.tone_distribution(t, by="side"), MATHS_QUOTES),
    (lambda t: plots.positions_by_topic(t, by="side"), MATHS_POSITIONS),
    (lambda t: plots.timeline(t, by="outlet"), MATHS_QUOTES),
    (plots.discourse_network, MATHS_POSITIONS),
]


@pytest.mark.parametrize(("draw", "table"), ALL_FIGURES)
def test_dollar_signs_in_the_data_never_break_a_figure(draw, table):
    ax = draw(table)
    ax.figure.canvas.draw()  # drawn outside any settings of the package: mathtext would raise on "$\frac$"
    shown = [t.get_text() for t in ax.figure.findobj(matplotlib.text.Text)]
    assert any("$" in text for text in shown)
    from analysis.display import figure

    assert "<img" in figure(ax).html


# --- one colour per side and speaker, counts that agree ---

ARTICLE = pd.DataFrame(
    {
        "quote": [1, 2, 3, 4],
        "speaker": ["Ann & Bob", "Ann", "Bob", "Cy"],
        "side": ["union & port", "union", "port", "union"],
        "content": ["We agree.", "We want more.", "No.", "Yes."],
        "compound": [0.4, 0.1, -0.3, 0.0],
        "cue_stance": ["neutral"] * 4,
    }
)


def _bar_colours(ax) -> dict[str, str]:
    legend = ax.get_legend()
    handles, labels = legend.get_patches(), [t.get_text() for t in legend.get_texts()]
    return {label: matplotlib.colors.to_hex(handle.get_facecolor()) for handle, label in zip(handles, labels)}


def test_a_side_has_one_colour_in_every_figure():
    from analysis.display import build_palette

    palette = build_palette(ARTICLE)
    speakers = _bar_colours(plots.quotes_per_speaker(ARTICLE))
    assert speakers == {side: palette.sides[side] for side in speakers}
    corpus = ARTICLE.assign(file=["a", "a", "b", "b"], outlet=["x", "x", "y", "y"])
    assert _bar_colours(plots.quote_share(corpus.iloc[2:], by="outlet", palette=palette))["port"] == palette.sides["port"]
    assert _bar_colours(plots.voices(corpus, by="outlet", palette=palette))["union"] == palette.sides["union"]


def test_speakers_have_their_palette_colours_and_a_joint_statement_is_striped():
    from analysis.display import build_palette

    palette = build_palette(ARTICLE)
    ax = plots.tone_per_quote(ARTICLE)
    legend = _bar_colours(ax)
    assert {name: legend[name] for name in ("Ann", "Bob", "Cy")} == {n: palette.speakers[n] for n in ("Ann", "Bob", "Cy")}
    assert ax.patches[0].get_hatch() and not ax.patches[1].get_hatch()


def test_the_speaker_figure_counts_joint_statements_as_the_speaker_table_does():
    ax = plots.quotes_per_speaker(ARTICLE)
    totals = {}
    labels = [t.get_text() for t in ax.get_yticklabels()]
    for patch in ax.patches:
        row = labels[round(patch.get_y() + patch.get_height() / 2)]
        totals[row] = totals.get(row, 0) + patch.get_width()
    assert totals == {"Ann": 2, "Bob": 2, "Cy": 1}  # the joint quote counts for Ann and for Bob


def test_a_zero_tone_is_drawn_as_zero():
    ax = plots.tone_per_quote(ARTICLE)
    assert "0.00" in [t.get_text() for t in ax.texts]
    assert any(list(line.get_xdata()) == [0] and list(line.get_ydata()) == [3] for line in ax.lines)


def test_quote_labels_use_the_quote_numbers_of_the_table():
    ax = plots.tone_per_quote(ARTICLE.iloc[2:])
    assert [t.get_text().split(".")[0] for t in ax.get_yticklabels()] == ["3", "4"]


def test_every_figure_describes_itself_for_alt_text():
    for draw, table in ALL_FIGURES:
        ax = draw(table.assign(speaker=table["speaker"].replace(DOLLARS, "Ann")))
        assert len(ax.get_label()) > 30, ax.get_title()


def test_an_empty_figure_is_marked_so_a_report_can_say_so_in_words():
    from analysis.display import EMPTY_FIGURE

    ax = plots.timeline(pd.DataFrame())
    assert ax.get_gid() == EMPTY_FIGURE and "No article dates" in ax.get_label()


@pytest.mark.parametrize(
    ("dates", "columns"),
    [
        (pd.date_range("2016-09-05", periods=10, freq="D"), 10),  # ten days: one column a day
        (pd.date_range("2016-09-05", periods=30, freq="D"), 5),  # a month: weeks from Monday
        (pd.date_range("2015-01-01", periods=24, freq="MS"), 24),  # two years: months
    ],
)
def test_the_timeline_counts_by_a_readable_period(dates, columns):
    quotes = pd.DataFrame({"date": dates, "side": "union", "file": "a"})
    ax = plots.timeline(quotes)
    assert len(ax.get_xticklabels()) == columns


def test_a_timeline_week_starts_on_monday():
    quotes = pd.DataFrame({"date": pd.to_datetime(["2016-09-07", "2016-09-28"]), "side": "union", "file": "a"})
    assert plots.timeline(quotes).get_xticklabels()[0].get_text() == "05 Sep"


def test_a_long_article_shows_its_first_quotes_and_says_how_many_there_are():
    many = pd.DataFrame({"quote": range(1, 201), "speaker": "Ann", "side": "X", "content": "x", "compound": 0.1})
    ax = plots.tone_per_quote(many)
    assert len(ax.patches) == plots.MAX_QUOTE_BARS and "of 200" in ax.get_title()


# --- what a user passes ---


def test_figures_take_table_bundles_and_articles_as_well_as_frames():
    import analysis
    from analysis import frames

    tables = frames.article_tables(analysis.SEED_ARTICLE)
    for data in (tables, tables.attributed, analysis.SEED_ARTICLE, str(analysis.SEED_ARTICLE)):
        assert plots.tone_per_quote(data).patches


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plots.tone_by([1, 2]), "tone_by takes a tone table"),
        (lambda: plots.tone_by(POSITIONS), "tone_by needs the column"),
        (lambda: plots.positions_matrix(QUOTES), "pass a positions table"),
        (lambda: plots.quotes_per_speaker(42), "quotes_per_speaker takes a quotes table"),
    ],
)
def test_misuse_is_an_analysis_error_saying_what_to_pass(call, message):
    from analysis.errors import ParameterError

    with pytest.raises(ParameterError, match=message):
        call()
