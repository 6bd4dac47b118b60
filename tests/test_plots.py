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
     plots.voices, plots.quote_share, plots.tone_distribution, plots.positions_by_topic, plots.timeline],
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
