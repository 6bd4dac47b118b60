"""Plots: figures over the tables of :mod:`analysis.frames`.

Every function takes a table (a DataFrame, an article's or a corpus's tables,
or an attributed article, an Article or a path), draws one figure and returns
its Axes; none calls ``plt.show()`` or picks a backend, so in a notebook the
inline backend shows the figure and elsewhere (tests, scripts) matplotlib's
headless default (Agg) draws it. Reports pass the Axes to
:func:`analysis.display.figure`, which adds the description each figure
keeps as its label (``ax.get_label()``) as the image's alt text.

Colours come from one :class:`analysis.display.Palette` per report (a table
bundle's ``palette``, or ``palette=``), so a side or a speaker has the same
colour in every figure and in the highlighted article. Per speaker and per
side, a joint statement counts for each of its speakers, as in the tables.
Text from the data is drawn as it is: a ``$`` in a quote or a name is never
read as mathematics. An empty table draws a labelled empty Axes instead of
failing. End a notebook cell with ``;`` to hide the Axes' text repr.

>>> import matplotlib; matplotlib.use("Agg")
>>> import pandas as pd
>>> tone = pd.DataFrame({"speaker": ["A", "B"], "side": ["X", "Y"], "compound": [0.5, -0.2],
...                      "content": ["good", "bad"], "cue_stance": ["neutral", "neutral"]})
>>> tone_by(tone, by="side").get_xlabel()
'tone (VADER compound, −1 … +1)'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import functools
import os
import textwrap
import warnings

import pandas as pd

from .display import EMPTY_FIGURE, NEUTRAL_COLOUR, OTHER, OTHER_COLOUR, UNKNOWN_COLOUR, Palette, build_palette
from .errors import ParameterError
from .frames import (
    JOINT,
    UNKNOWN,
    ArticleTables,
    CorpusTables,
    attributed_article,
    by_group,
    position_table,
    quote_table,
    side_rows,
    speaker_pairs,
    speaker_rows,
    tone_table,
)
from .records import Article, AttributedArticle

TONE_LABEL = "tone (VADER compound, −1 … +1)"
# Stances of positions and of the reporter's cues: purples for agreeing, reds for opposing, greys for neither,
# hues the first sides of a report do not take (blue, orange, green), so a stance never reads as a side.
STANCE_COLOURS = {
    "support": "#542788",
    "propose": "#8073ac",
    "offer": "#b2abd2",
    "demand": "#e7298a",
    "oppose": "#b2182b",
    "reject": "#67001f",
    "mixed": "#f0e442",
    "neutral": "#bbbbbb",
    "no cue": "#eeeeee",
    "emphatic": "#542788",
    "confirming": "#b2abd2",
    "distancing": "#d6604d",
    "contesting": "#67001f",
    "unlisted": "#dddddd",
}
OTHER_STANCE_COLOURS = ("#999933", "#882255", "#44aa99", "#332288")
COUNT_COLOURS = "Greys"  # colour map of the count grids (positions by topic, quotes over time): no side's hue
MAX_COLOURS = 8  # sides or outlets given their own colour (display.MAX_SIDES); the rest are OTHER
MAX_ROWS = 25  # groups given their own row on an axis; the rest are OTHER
MAX_QUOTE_BARS = 60  # quotes given a bar in tone_per_quote; the tone table holds the rest
NO_CUE = "no cue"  # cue stance of a quote without a reporting verb
LABEL_WIDTH = 45  # characters of a quote shown as its label in tone_per_quote
ALT_ITEMS = 12  # groups named in a figure's description
JOINT_NOTE = "a joint statement counts for each of its speakers"
_TABLES = {"quotes": quote_table, "tone": tone_table, "positions": position_table}


# --- what a figure is given, and how it is finished ---------------------------------------------


def _data(data, kind: str, what: str, palette: Palette | None) -> tuple[pd.DataFrame, Palette]:
    """The ``kind`` table (quotes, tone, positions) a figure draws, from what a user passes, and its palette."""
    if isinstance(data, pd.DataFrame):
        return data, palette or build_palette(data)
    if isinstance(data, (ArticleTables, CorpusTables)):
        return getattr(data, kind), palette or data.palette
    if isinstance(data, (AttributedArticle, Article, str, os.PathLike)):
        attributed = attributed_article(data, what=what)
        return _TABLES[kind](attributed), palette or build_palette(attributed)
    raise ParameterError(
        f"{what} takes a {kind} table (a DataFrame such as tables.{kind}), an article's or a corpus's tables "
        f"(analysis.frames.article_tables(...), corpus_tables(...)) or an attributed article; got {type(data).__name__}"
    )


def _require(frame: pd.DataFrame, columns: tuple[str, ...], what: str, kind: str) -> None:
    missing = [c for c in columns if c not in frame]
    if missing:
        raise ParameterError(
            f"{what} needs the column(s) {', '.join(missing)}: pass a {kind} table "
            f"(tables.{kind}, or analysis.frames.{_TABLES[kind].__name__}(result))"
        )


def _finish(ax, description: str):
    """Keep the figure's description (its alt text in a report) as the Axes' label."""
    ax.set_label(description)
    return ax


def _plain_text(draw):
    """Draw with mathtext off, then mark every text of the figure plain: "$\\frac$" in a quote or a name is text.

    Off while drawing (seaborn draws the canvas inside heatmap) and afterwards
    on every text, tick labels included, so a figure drawn later by the
    notebook's inline backend cannot read a ``$`` as mathematics either.
    """

    @functools.wraps(draw)
    def drawn(*args, **kwargs):
        from matplotlib import rc_context
        from matplotlib.text import Text

        with rc_context({"text.parse_math": False}):
            ax = draw(*args, **kwargs)
        for axes in ax.figure.axes:  # tick labels are made when first asked for: make them now, then mark all
            axes.get_xticklabels()
            axes.get_yticklabels()
        for text in ax.figure.findobj(Text):
            text.set_parse_math(False)
        return ax

    return drawn


def _axes(ax, *, width: float = 8, height: float = 4):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    # No layout engine: constrained layout warns (into the report) when a legend is wide; the inline
    # backend and display.figure save with bbox_inches="tight", which keeps outside legends in the image.
    _, ax = plt.subplots(figsize=(width, height))
    return ax


def _empty(ax, message: str, title: str):
    ax = _axes(ax, height=1.5)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_axis_off()
    ax.set_title(title)
    ax.set_gid(EMPTY_FIGURE)
    return _finish(ax, message)


def _height(n: int, *, per_row: float = 0.35, minimum: float = 2.5) -> float:
    return max(minimum, per_row * n + 1.2)


def _label(value) -> str:
    """A cell as a label: a list of names joined as in the tables, a gap as UNKNOWN."""
    if isinstance(value, (list, tuple)):
        return JOINT.join(map(str, value)) or UNKNOWN
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return UNKNOWN
    return str(value)


def _labelled(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy with the labels in ``columns`` as text, missing ones UNKNOWN."""
    return frame.assign(**{c: frame[c].map(_label) for c in columns if c in frame})


def _top(frame: pd.DataFrame, column: str, *, keep: int) -> pd.DataFrame:
    """A copy where all but the ``keep`` most frequent labels of ``column`` become OTHER (UNKNOWN stays)."""
    counts = frame[column].value_counts()
    kept = set(counts.drop(UNKNOWN, errors="ignore").index[:keep]) | {UNKNOWN}
    return frame.assign(**{column: frame[column].where(frame[column].isin(kept), OTHER)})


def _order(labels: pd.Series) -> list[str]:
    """Labels by how often they occur (ties by name), UNKNOWN and OTHER last: the rows of every figure."""
    counts = labels.value_counts()
    known = sorted((label for label in counts.index if label not in (UNKNOWN, OTHER)), key=lambda l: (-counts[l], l))
    return known + [label for label in (UNKNOWN, OTHER) if label in counts.index]


def _stance_palette(values) -> dict[str, str]:
    others = iter(OTHER_STANCE_COLOURS * 4)
    return {v: STANCE_COLOURS.get(str(v).lower()) or next(others, "#777777") for v in values}


def _legend_outside(ax, title: str, handles=None) -> None:
    if handles is not None or ax.get_legend_handles_labels()[0]:
        ax.legend(handles=handles, title=title, bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)


def _listing(items: list[str]) -> str:
    more = f"; and {len(items) - ALT_ITEMS} more" if len(items) > ALT_ITEMS else ""
    return "; ".join(items[:ALT_ITEMS]) + more


def _signed(value: float) -> str:
    return "0.00" if round(value, 2) == 0 else f"{value:+.2f}".replace("-", "−")


def _bars(ax, table: pd.DataFrame, colours: dict[str, str], *, legend: str):
    """Horizontal stacked bars, one row per index label (top to bottom), one colour per column label."""
    left = pd.Series(0.0, index=table.index)
    rows = range(len(table))
    for column in table.columns:
        ax.barh(rows, table[column], left=left, color=colours.get(column, OTHER_COLOUR), label=str(column), height=0.8)
        left += table[column]
    ax.set_yticks(list(rows), [str(label) for label in table.index])
    ax.set_ylim(len(table) - 0.5, -0.5)
    if len(table.columns) > 1 or legend:
        _legend_outside(ax, legend)
    return left


def _colour_order(columns, palette: Palette, by: str) -> list:
    """Column labels in the palette's order (most quoted first), then UNKNOWN and OTHER."""
    mapping = palette.mapping(by)
    rank = {label: i for i, label in enumerate(mapping)}
    return sorted(columns, key=lambda label: (rank.get(label, len(rank)), str(label)))


# --- the article report's figures -------------------------------------------------------------------


@_plain_text
def quotes_per_speaker(quotes, *, ax=None, palette: Palette | None = None):
    """Number of quotes per speaker, coloured by side; a joint statement counts for each of its speakers."""
    title = "Who speaks, and for which side"
    frame, palette = _data(quotes, "quotes", "quotes_per_speaker", palette)
    if frame.empty:
        return _empty(ax, "No quotes found.", title)
    _require(frame, ("speaker",), "quotes_per_speaker", "quotes")
    pairs = _top(speaker_rows(_labelled(frame, "speaker", "side")), "speaker", keep=MAX_ROWS)
    pairs["side"] = palette.lump(pairs["side"], "side")
    counts = pd.crosstab(pairs["speaker"], pairs["side"])
    counts = counts.loc[_order(pairs["speaker"]), _colour_order(counts.columns, palette, "side")]
    ax = _axes(ax, height=_height(len(counts)))
    totals = _bars(ax, counts, palette.mapping("side"), legend="side")
    for row, total in enumerate(totals):
        ax.text(total, row, f" {int(total)}", va="center", fontsize=9)
    ax.set(title=f"{title}\n({JOINT_NOTE})", xlabel="quotes", ylabel="")
    ax.set_xlim(0, max(totals) * 1.12 + 0.5)
    items = [
        f"{speaker} {int(counts.loc[speaker].sum())} ({', '.join(str(s) for s in counts.columns if counts.loc[speaker, s])})"
        for speaker in counts.index
    ]
    return _finish(ax, f"Bar chart of the number of quotes per speaker, coloured by side ({JOINT_NOTE}): {_listing(items)}.")


@_plain_text
def tone_per_quote(tone, *, ax=None, palette: Palette | None = None, limit: int = MAX_QUOTE_BARS):
    """Tone of every quote in article order, coloured by speaker (a joint statement striped), labelled with its number."""
    from matplotlib import rc_context
    from matplotlib.patches import Patch

    title = "Tone of each quote"
    frame, palette = _data(tone, "tone", "tone_per_quote", palette)
    if frame.empty:
        return _empty(ax, "No quotes to score.", title)
    _require(frame, ("compound", "content"), "tone_per_quote", "tone")
    data = _labelled(frame.reset_index(drop=True), "speaker", "side")
    numbers = data["quote"].tolist() if "quote" in data else list(range(1, len(data) + 1))
    shown = data.head(limit)
    ax = _axes(ax, width=9, height=_height(len(shown)))
    legend, items, joint = {}, [], False
    for row, (number, record) in enumerate(zip(numbers, shown.itertuples(index=False))):
        names = [name for name, _ in speaker_pairs(getattr(record, "speaker", UNKNOWN), getattr(record, "side", UNKNOWN))]
        labels = palette.lump(names, "speaker")
        colours = [palette.colour("speaker", label) for label in labels]
        value = float(record.compound)
        striped = len(set(colours)) > 1
        joint |= striped
        with rc_context({"hatch.linewidth": 3.0}):  # stripes as wide as the text's
            ax.barh(row, value, height=0.75, color=colours[0], edgecolor=colours[1] if striped else colours[0],
                    hatch="//" if striped else None, linewidth=0)  # fmt: skip
        if round(value, 2) == 0:  # a zero tone is a mark at zero, not a missing bar
            ax.plot([0], [row], marker="D", markersize=6, color=colours[0], markeredgecolor="#333333", zorder=3)
        ax.text(value + (0.03 if value >= 0 else -0.03), row, _signed(value), va="center", fontsize=8,
                ha="left" if value >= 0 else "right")  # fmt: skip
        for label, colour in zip(labels, colours):
            legend.setdefault(label, colour)
        items.append(f"quote {number} {_signed(value)} ({JOINT.join(names)})")
    ax.set_yticks(list(range(len(shown))), [
        f"{number}. {textwrap.shorten(str(text), LABEL_WIDTH, placeholder='…')}" for number, text in zip(numbers, shown["content"])
    ])  # fmt: skip
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.axvline(0, color="#333333", linewidth=0.8)
    handles = [Patch(color=colour, label=label) for label, colour in legend.items()]
    if joint:
        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="////", label="joint statement (stripes)"))
    _legend_outside(ax, "speaker", handles)
    if len(data) > len(shown):
        title += f" (quotes {numbers[0]}–{numbers[len(shown) - 1]} of {len(data):,}; the tone table holds the rest)"
    ax.set(title=title, xlabel=TONE_LABEL, ylabel="", xlim=(-1.15, 1.15))
    return _finish(ax, "Bar chart of the tone of each quote, from −1 (negative) to +1 (positive), "
                       f"coloured by speaker: {_listing(items)}.")  # fmt: skip


def _group_colour(palette: Palette, by: str, group) -> str:
    """A group's colour where colour means something (a side, a speaker); elsewhere one neutral colour, as the row names it."""
    return palette.colour(by, group) if by in ("side", "speaker") else NEUTRAL_COLOUR


def _grouped(frame: pd.DataFrame, by: str) -> tuple[pd.DataFrame, list[str]]:
    """Rows to draw per ``by`` (a joint statement counts for each speaker or side) and the groups, in order."""
    data = _top(by_group(_labelled(frame, by, "speaker", "side"), by), by, keep=MAX_ROWS)
    return data, _order(data[by])


@_plain_text
def tone_by(tone, *, by: str = "speaker", ax=None, palette: Palette | None = None):
    """Tone of the quotes of each speaker (or side, outlet…): one dot per quote and a diamond at the mean."""
    import numpy as np

    title = f"Tone by {by}"
    frame, palette = _data(tone, "tone", "tone_by", palette)
    if frame.empty:
        return _empty(ax, "No quotes to score.", title)
    _require(frame, ("compound", by), "tone_by", "tone")
    data, order = _grouped(frame, by)
    ax = _axes(ax, height=_height(len(order), per_row=0.5))
    rng = np.random.default_rng(0)  # the same jitter every time: reports do not change between runs
    items = []
    for row, group in enumerate(order):
        values = data.loc[data[by] == group, "compound"].astype(float)
        ax.scatter(values, row + rng.uniform(-0.15, 0.15, len(values)), color="#888888", alpha=0.6, s=14, zorder=2)
        ax.scatter([values.mean()], [row], marker="D", s=60, color=_group_colour(palette, by, group), edgecolor="#333333",
                   zorder=3)  # fmt: skip
        items.append(f"{group} mean {_signed(values.mean())} over {len(values)} quote{'s' if len(values) != 1 else ''}")
    counts = data[by].value_counts()
    ax.set_yticks(list(range(len(order))), [f"{group} ({counts[group]})" for group in order])
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.axvline(0, color="#333333", linewidth=0.8)
    joint = f"; {JOINT_NOTE}" if by in ("speaker", "side") else ""
    ax.set(title=f"{title}\n(dots: quotes, diamonds: mean; in brackets: quotes{joint})", xlabel=TONE_LABEL, ylabel="",
           xlim=(-1.05, 1.05))  # fmt: skip
    return _finish(ax, f"Dot plot of quote tone by {by}, one dot per quote and a diamond at the mean: {_listing(items)}.")


@_plain_text
def cue_stance_counts(tone, *, by: str = "speaker", ax=None, palette: Palette | None = None):
    """How the reporter introduced each speaker's quotes: stacked counts of the cue's stance (neutral, distancing…)."""
    title = "The reporter's cue stance"
    frame, palette = _data(tone, "tone", "cue_stance_counts", palette)
    if frame.empty or "cue_stance" not in frame:
        return _empty(ax, "No cues to classify.", title)
    data, order = _grouped(frame.assign(cue_stance=frame["cue_stance"].fillna(NO_CUE)), by)
    counts = pd.crosstab(data[by], data["cue_stance"]).loc[order]
    counts = counts[sorted(counts.columns, key=lambda s: (-counts[s].sum(), s))]
    ax = _axes(ax, height=_height(len(order), per_row=0.45))
    _bars(ax, counts, _stance_palette(counts.columns), legend="cue stance")
    ax.set(title=f"{title} per {by}", xlabel="quotes", ylabel="")
    items = [f"{group}: " + ", ".join(f"{counts.loc[group, s]} {s}" for s in counts.columns if counts.loc[group, s])
             for group in order]  # fmt: skip
    return _finish(ax, f"Stacked bars of the reporter's cue stance for each {by}'s quotes: {_listing(items)}.")


@_plain_text
def positions_matrix(positions, *, ax=None, palette: Palette | None = None):
    """Speaker × topic, each cell coloured by the stance stated (several different stances: mixed)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    title = "Positions: speaker × topic"
    frame, palette = _data(positions, "positions", "positions_matrix", palette)
    if frame.empty:
        return _empty(ax, "No positions found.", title)
    _require(frame, ("speaker", "topic", "stance"), "positions_matrix", "positions")
    data = _top(_labelled(frame, "speaker", "topic", "stance"), "speaker", keep=MAX_ROWS)
    cells = data.groupby(["speaker", "topic"])["stance"].agg(lambda s: s.iloc[0] if s.nunique() == 1 else "mixed")
    matrix = cells.unstack("topic").reindex(_order(data["speaker"]))
    stances = sorted(cells.unique())
    colours = _stance_palette(stances)
    codes = matrix.apply(lambda column: column.map({s: i for i, s in enumerate(stances)}))
    ax = _axes(ax, width=max(6, 1.2 * matrix.shape[1] + 3), height=_height(len(matrix), per_row=0.6))
    ax.pcolormesh(codes.to_numpy(dtype=float), cmap=ListedColormap([colours[s] for s in stances]),
                  vmin=-0.5, vmax=len(stances) - 0.5, edgecolors="white", linewidth=2)  # fmt: skip
    for (row, column), stance in cells.items():
        ax.text(matrix.columns.get_loc(column) + 0.5, matrix.index.get_loc(row) + 0.5, stance, ha="center", va="center",
                fontsize=8)  # fmt: skip
    ax.set_xticks([i + 0.5 for i in range(matrix.shape[1])], matrix.columns, rotation=30, ha="right")
    ax.set_yticks([i + 0.5 for i in range(matrix.shape[0])], matrix.index)
    ax.invert_yaxis()
    _legend_outside(ax, "stance", [Patch(color=colours[s], label=s) for s in stances])
    ax.set(title=title, xlabel="", ylabel="")
    items = [f"{speaker} on {topic}: {stance}" for (speaker, topic), stance in cells.items()]
    return _finish(ax, f"Grid of speakers (rows) by topics (columns), each cell naming the stance stated: {_listing(items)}.")


# --- the corpus report's figures --------------------------------------------------------------------


def _hue_for(by: str) -> str:
    return "outlet" if by == "side" else "side"


def _shares(table: pd.DataFrame, *, percent: bool) -> list[str]:
    items = []
    for group in table.index:
        row = table.loc[group].sort_values(ascending=False)
        parts = [f"{label} {value:.0%}" if percent else f"{label} {int(value)}" for label, value in row.items() if value][:4]
        items.append(f"{group}: {', '.join(parts)}")
    return items


@_plain_text
def voices(quotes, *, by: str = "outlet", ax=None, palette: Palette | None = None):
    """Number of different speakers heard per group (outlet, date or side), stacked by side (or outlet)."""
    hue = _hue_for(by)
    title = f"Voices per {by}"
    frame, palette = _data(quotes, "quotes", "voices", palette)
    data = speaker_rows(_labelled(frame, by, hue, "speaker", "side")) if not frame.empty else frame
    data = data[data["speaker"] != UNKNOWN] if not data.empty else data
    if data.empty:
        return _empty(ax, "No resolved speakers.", title)
    _require(data, ("file", by), "voices", "quotes")
    data = _top(data.assign(**{hue: palette.lump(data[hue], hue)}), by, keep=MAX_ROWS)
    heard = data.drop_duplicates(["file", "speaker", hue])
    table = pd.crosstab(heard[by], heard[hue])
    table = table.loc[sorted(table.index, key=str), _colour_order(table.columns, palette, hue)]
    ax = _axes(ax, height=_height(len(table)))
    _bars(ax, table, palette.mapping(hue), legend=hue)
    ax.set(title=f"{title} (distinct speakers per article, summed)", xlabel="speakers", ylabel="")
    return _finish(ax, f"Stacked bars of the distinct speakers heard per {by}, summed over articles, by {hue}: "
                       f"{_listing(_shares(table, percent=False))}.")  # fmt: skip


@_plain_text
def quote_share(quotes, *, by: str = "outlet", ax=None, palette: Palette | None = None):
    """Share of each group's quotes by side (or, grouped by side, by outlet), as stacked bars."""
    hue = _hue_for(by)
    title = f"Share of quotes per {by}, by {hue}"
    frame, palette = _data(quotes, "quotes", "quote_share", palette)
    if frame.empty:
        return _empty(ax, "No quotes found.", title)
    _require(frame, (by, hue), "quote_share", "quotes")
    data = side_rows(_labelled(frame, by, hue))  # a joint statement of two sides counts for each
    data = _top(data.assign(**{hue: palette.lump(data[hue], hue)}), by, keep=MAX_ROWS)
    share = pd.crosstab(data[by], data[hue], normalize="index")
    share = share.loc[sorted(share.index, key=str), _colour_order(share.columns, palette, hue)]
    ax = _axes(ax, height=_height(len(share)))
    _bars(ax, share, palette.mapping(hue), legend=hue)
    ax.set(title=f"{title} (a joint statement counts for each side)", xlabel="share of quotes", ylabel="", xlim=(0, 1))
    return _finish(ax, f"Stacked bars of the share of each {by}'s quotes by {hue}: {_listing(_shares(share, percent=True))}.")


@_plain_text
def tone_distribution(tone, *, by: str = "side", ax=None, palette: Palette | None = None):
    """Distribution of quote tone per group (box: quartiles; dots: quotes)."""
    import seaborn as sns

    title = f"Tone of quotes by {by}"
    frame, palette = _data(tone, "tone", "tone_distribution", palette)
    if frame.empty:
        return _empty(ax, "No quotes to score.", title)
    _require(frame, ("compound", by), "tone_distribution", "tone")
    data, order = _grouped(frame, by)
    ax = _axes(ax, height=_height(len(order), per_row=0.5))
    colours = {group: _group_colour(palette, by, group) for group in order}
    with warnings.catch_warnings():  # seaborn 0.13 passes boxplot's `vert`, deprecated in matplotlib 3.11
        warnings.filterwarnings("ignore", message=".*vert: bool", category=DeprecationWarning)
        sns.boxplot(data=data, y=by, x="compound", order=order, hue=by, hue_order=order, palette=colours, fliersize=0,
                    legend=False, ax=ax)  # fmt: skip
    sns.stripplot(data=data, y=by, x="compound", order=order, color="#333333", size=2, alpha=0.4, ax=ax)
    counts = data[by].value_counts()
    ax.set_yticks(list(range(len(order))), [f"{group} ({counts[group]})" for group in order])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set(title=f"{title} (in brackets: quotes)", xlabel=TONE_LABEL, ylabel="", xlim=(-1.05, 1.05))
    items = [f"{group} median {_signed(data.loc[data[by] == group, 'compound'].median())} over {counts[group]} quotes"
             for group in order]  # fmt: skip
    return _finish(ax, f"Box plots of quote tone by {by}: {_listing(items)}.")


def _count_grid(ax, counts: pd.DataFrame):
    import seaborn as sns

    sns.heatmap(counts, annot=counts.shape[1] <= 40, fmt="d", cmap=COUNT_COLOURS, cbar=False, linewidths=1,
                linecolor="white", ax=ax)  # fmt: skip


@_plain_text
def positions_by_topic(positions, *, by: str = "side", ax=None, palette: Palette | None = None):
    """Positions stated per topic, one column per side (or outlet…) and stance; cells count positions."""
    title = f"Positions by topic and {by}"
    frame, palette = _data(positions, "positions", "positions_by_topic", palette)
    if frame.empty:
        return _empty(ax, "No positions found.", title)
    _require(frame, ("topic", "stance", by), "positions_by_topic", "positions")
    data = _labelled(frame, "topic", by, "stance")
    data = _top(data.assign(**{by: palette.lump(data[by], by)}), "topic", keep=MAX_ROWS)
    data["group"] = data[by] + " · " + data["stance"]
    counts = pd.crosstab(data["topic"], data["group"])
    ax = _axes(ax, width=max(6, 0.9 * counts.shape[1] + 4), height=_height(len(counts), per_row=0.5))
    _count_grid(ax, counts)
    ax.set(title=f"{title} (cells: number of positions)", xlabel=f"{by} · stance", ylabel="")
    ax.tick_params(axis="x", rotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    return _finish(ax, f"Grid counting positions per topic (rows) and {by} and stance (columns): "
                       f"{_listing(_shares(counts, percent=False))}.")  # fmt: skip


def _period(dates: pd.Series) -> tuple[str, str, str]:
    """A period to count by, so a timeline has a readable number of columns: (pandas freq, label format, name)."""
    days = (dates.max() - dates.min()).days
    several_years = dates.dt.year.nunique() > 1
    if days <= 14:
        return "D", "%d %b %Y" if several_years else "%d %b", "day"
    if days <= 26 * 7:
        return "W-SUN", "%d %b %Y" if several_years else "%d %b", "week"  # weeks from Monday to Sunday
    if days <= 8 * 365:
        return "M", "%b %Y", "month"
    return "Y", "%Y", "year"


@_plain_text
def timeline(quotes, *, by: str = "side", ax=None, palette: Palette | None = None):
    """Quotes per day, week or month (whichever keeps the grid readable) and side (or outlet); needs a ``date`` column."""
    by = "side" if by == "date" else by
    title = f"Quotes over time by {by}"
    frame, palette = _data(quotes, "quotes", "timeline", palette)
    dated = frame.assign(date=pd.to_datetime(frame.get("date"), errors="coerce")) if not frame.empty else frame
    if dated.empty or dated["date"].isna().all():
        return _empty(ax, "No article dates, so no timeline.", title)
    _require(dated, (by,), "timeline", "quotes")
    data = by_group(_labelled(dated.dropna(subset=["date"]), by), by)
    data = data.assign(**{by: palette.lump(data[by], by)}) if palette.mapping(by) else _top(data, by, keep=MAX_ROWS)
    freq, form, name = _period(data["date"])
    starts = data["date"].dt.to_period(freq).dt.start_time
    counts = pd.crosstab(data[by], starts).reindex(_order(data[by]))
    counts.columns = [column.strftime(form) for column in counts.columns]
    ax = _axes(ax, width=max(6, 0.8 * counts.shape[1] + 3), height=_height(len(counts), per_row=0.45))
    _count_grid(ax, counts)
    ax.set(title=f"Quotes per {name} by {by} (cells: number of quotes)", xlabel=f"{name} starting", ylabel="")
    ax.tick_params(axis="x", rotation=0 if counts.shape[1] <= 8 else 45)
    totals = counts.sum()
    items = [f"{period}: {int(total)} quotes" for period, total in totals.items()]
    return _finish(ax, f"Grid counting quotes per {name} (columns) and {by} (rows); in all, {_listing(items)}.")


__all__ = [
    "cue_stance_counts", "positions_by_topic", "positions_matrix", "quote_share", "quotes_per_speaker", "timeline",
    "tone_by", "tone_distribution", "tone_per_quote", "voices", "OTHER", "UNKNOWN_COLOUR",
]  # fmt: skip


# --- the discourse network ----------------------------------------------------------------------------

MAX_ACTORS = 25  # actors drawn in the network figure, those with the most positions; the title counts the rest


def _network_of(data, palette: Palette | None):
    """The actor × concept graph a network figure draws (a graph as it is, else built from the positions), and its palette."""
    import networkx as nx

    from . import network

    if isinstance(data, nx.Graph):
        return data, palette or _network_palette(data)
    if isinstance(data, (ArticleTables, CorpusTables)):
        return network.graph(data), palette or data.palette
    frame, _ = _data(data, "positions", "discourse_network", Palette())
    if not frame.empty:
        _require(frame, ("speaker", "topic", "stance"), "discourse_network", "positions")
    graph = network.graph(frame)
    return graph, palette or _network_palette(graph)


def _network_palette(graph) -> Palette:
    """Side colours for a graph alone: the sides with the most positions take the palette's first hues."""
    from .display import SIDE_COLOURS

    weights: dict[str, int] = {}
    for actor, _, weight in graph.edges(data="weight"):
        side = graph.nodes[actor].get("side") or ""
        if side:
            weights[side] = weights.get(side, 0) + weight
    ranked = sorted(weights, key=lambda side: (-weights[side], side))
    return Palette(sides=dict(zip(ranked, SIDE_COLOURS[:MAX_COLOURS])))


def _network_rows(graph, top: int) -> tuple[list[str], list[str], dict[str, int], int]:
    """The actors drawn (by side, then most positions first), their concepts, each node's positions, the actors left out."""
    positions: dict[str, int] = {}
    for actor, concept, weight in graph.edges(data="weight"):
        positions[actor] = positions.get(actor, 0) + weight
        positions[concept] = positions.get(concept, 0) + weight
    actors = [n for n, kind in graph.nodes(data="type") if kind == "actor" and n in positions]
    kept = sorted(actors, key=lambda a: (-positions[a], graph.nodes[a].get("name", a)))[:top]
    kept.sort(key=lambda a: (graph.nodes[a].get("side") or "\uffff", -positions[a], graph.nodes[a].get("name", a)))
    concepts = list(dict.fromkeys(c for a in kept for c in graph.successors(a)))
    concepts.sort(key=lambda c: (-positions[c], graph.nodes[c].get("name", c)))
    return kept, concepts, positions, len(actors) - len(kept)


@_plain_text
def discourse_network(data, *, ax=None, palette: Palette | None = None, top: int = MAX_ACTORS):
    """The discourse network: actors (left, coloured by side) linked to the concepts (right) they take stances on.

    ``data`` is a network of :func:`analysis.network.graph`, or what it is
    built from (a positions table, an article's or a corpus's tables). The
    actors are the positions' holders, not the reporters; one line per
    actor, concept and stance, coloured by the stance and as thick as its
    number of positions. The ``top`` actors with the most positions are drawn.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    title = "Who takes which stance on what"
    graph, palette = _network_of(data, palette)
    actors, concepts, positions, left_out = _network_rows(graph, top)
    if not actors:
        return _empty(ax, "No positions found.", title)
    ax = _axes(ax, width=9, height=_height(max(len(actors), len(concepts)), per_row=0.32))
    row = lambda i, n: 1 - (i + 0.5) / n  # noqa: E731 (rows top to bottom, centred)
    y = {a: row(i, len(actors)) for i, a in enumerate(actors)} | {c: row(i, len(concepts)) for i, c in enumerate(concepts)}
    stances, items = [], []
    for actor in actors:
        for concept in graph.successors(actor):
            parallel = list(graph[actor][concept].items())
            for k, (stance, edge) in enumerate(parallel):
                shift = (k - (len(parallel) - 1) / 2) * 0.012
                colour = STANCE_COLOURS.get(stance) or _stance_palette([stance])[stance]
                ax.plot([0, 1], [y[actor] + shift, y[concept] + shift], color=colour, alpha=0.75, solid_capstyle="round",
                        linewidth=0.8 + 1.2 * edge.get("weight", 1) ** 0.5)  # fmt: skip
                stances.append(stance)
                items.append((edge.get("weight", 1), f"{graph.nodes[actor]['name']} {stance} {graph.nodes[concept]['name']}"))
    sides = [graph.nodes[a].get("side") or UNKNOWN for a in actors]
    size = lambda n: 30 + 25 * positions[n] ** 0.5  # noqa: E731
    ax.scatter([0] * len(actors), [y[a] for a in actors], s=[size(a) for a in actors], zorder=3,
               c=[palette.colour("side", s) for s in sides], edgecolors="white")  # fmt: skip
    ax.scatter([1] * len(concepts), [y[c] for c in concepts], s=[size(c) for c in concepts], marker="s", zorder=3,
               c=NEUTRAL_COLOUR, edgecolors="white")  # fmt: skip
    for actor in actors:
        ax.text(-0.03, y[actor], graph.nodes[actor]["name"], ha="right", va="center", fontsize=9)
    for concept in concepts:
        ax.text(1.03, y[concept], graph.nodes[concept]["name"], ha="left", va="center", fontsize=9)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    more = f"; {left_out} more actors not drawn" if left_out else ""
    ax.set_title(f"{title}\n(actors by side, left; concepts, right; lines: stances, thicker for more positions{more})")
    side_handles = [Patch(color=palette.colour("side", s), label=s) for s in dict.fromkeys(palette.lump(sides, "side"))]
    known = {s: i for i, s in enumerate(STANCE_COLOURS)}
    drawn = sorted(dict.fromkeys(stances), key=lambda s: (known.get(s, len(known)), s))
    stance_colours = {s: STANCE_COLOURS.get(s) or _stance_palette([s])[s] for s in drawn}
    stance_handles = [Line2D([], [], color=c, linewidth=2.5, label=s) for s, c in stance_colours.items()]
    first = ax.legend(handles=side_handles, title="side", bbox_to_anchor=(1.4, 1), loc="upper left", frameon=False)
    ax.add_artist(first)
    ax.legend(handles=stance_handles, title="stance", bbox_to_anchor=(1.4, 0.45), loc="upper left", frameon=False)
    items.sort(key=lambda item: -item[0])
    listed = [f"{text}{f' ×{weight}' if weight > 1 else ''}" for weight, text in items]
    return _finish(ax, f"Network of {len(actors)} actors and {len(concepts)} concepts, lines coloured by stance{more}: "
                       f"{_listing(listed)}.")  # fmt: skip
