"""Plots: seaborn figures over the tables of :mod:`analysis.frames`.

Every function takes a DataFrame (and an optional ``ax``), draws one figure
and returns its Axes; none calls ``plt.show()`` or picks a backend, so in a
notebook the inline backend shows the figure and elsewhere (tests, scripts)
matplotlib's headless default (Agg) draws it. An empty table draws a labelled
empty Axes instead of failing, so a report without, say, positions still
renders. End a notebook cell with ``;`` to hide the Axes' text repr.

>>> import matplotlib; matplotlib.use("Agg")
>>> import pandas as pd
>>> tone = pd.DataFrame({"speaker": ["A", "B"], "side": ["X", "Y"], "compound": [0.5, -0.2],
...                      "content": ["good", "bad"], "cue_stance": ["neutral", "neutral"]})
>>> tone_by(tone, by="side").get_xlabel()
'tone (VADER compound, −1 … +1)'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import textwrap
import warnings

import pandas as pd

from .frames import UNKNOWN

TONE_LABEL = "tone (VADER compound, −1 … +1)"
PALETTE = "colorblind"  # seaborn palette for sides, outlets and speakers
STANCE_COLOURS = {
    "no cue": "#eeeeee",  # position stances and the reporter's cue stances (records.Stance, records.CueStance)
    "support": "#009e73",
    "propose": "#56b4e9",
    "offer": "#8de5a1",
    "demand": "#e69f00",
    "oppose": "#d55e00",
    "reject": "#a0361c",
    "mixed": "#f0e442",
    "neutral": "#bbbbbb",
    "emphatic": "#0072b2",
    "confirming": "#009e73",
    "distancing": "#e69f00",
    "contesting": "#d55e00",
    "unlisted": "#dddddd",
}
OTHER_STANCE_COLOURS = ("#cc79a7", "#0072b2", "#999933", "#882255")
UNKNOWN_COLOUR = "#bbbbbb"
OTHER = "(other)"  # the less frequent labels, lumped together so legends and axes stay readable
OTHER_COLOUR = "#777777"
MAX_COLOURS = 8  # sides, outlets or speakers given their own colour; the rest are OTHER
MAX_ROWS = 25  # groups given their own row on an axis; the rest are OTHER
NO_CUE = "no cue"  # cue stance of a quote without a reporting verb
LABEL_WIDTH = 45  # characters of a quote shown as its label in tone_per_quote


def _axes(ax, *, width: float = 8, height: float = 4):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    # No layout engine: constrained layout warns (into the report) when a legend is wide; the inline
    # backend saves with bbox_inches="tight", which keeps labels and outside legends in the image.
    _, ax = plt.subplots(figsize=(width, height))
    return ax


def _empty(ax, message: str, title: str):
    ax = _axes(ax, height=1.5)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_axis_off()
    ax.set_title(title)
    return ax


def _height(n: int, *, per_row: float = 0.35, minimum: float = 2.5) -> float:
    return max(minimum, per_row * n + 1.2)


def _labelled(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy with missing labels in ``columns`` shown as UNKNOWN."""
    return frame.assign(**{c: frame[c].fillna(UNKNOWN).astype(str) for c in columns if c in frame})


def _palette(values) -> dict[str, str]:
    """A colour per label, by sorted label, so a label keeps its colour across figures; UNKNOWN is grey."""
    import seaborn as sns

    labels = sorted({str(v) for v in values} - {UNKNOWN, OTHER})
    colours = sns.color_palette(PALETTE, len(labels)).as_hex()
    return {**dict(zip(labels, colours)), UNKNOWN: UNKNOWN_COLOUR, OTHER: OTHER_COLOUR}


def _legend_outside(ax, title: str) -> None:
    if ax.get_legend() is not None:
        ax.legend(title=title, bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)


def _top(frame: pd.DataFrame, column: str, *, keep: int) -> pd.DataFrame:
    """A copy where all but the ``keep`` most frequent labels of ``column`` become OTHER (UNKNOWN stays)."""
    counts = frame[column].value_counts()
    kept = set(counts.drop(UNKNOWN, errors="ignore").index[:keep]) | {UNKNOWN}
    return frame.assign(**{column: frame[column].where(frame[column].isin(kept), OTHER)})


def _stance_palette(values) -> dict[str, str]:
    others = iter(OTHER_STANCE_COLOURS * 4)
    return {v: STANCE_COLOURS.get(str(v).lower()) or next(others, "#777777") for v in values}


def quotes_per_speaker(quotes: pd.DataFrame, *, ax=None):
    """Number of quotes per speaker, coloured by side (one row per speaker)."""
    import seaborn as sns

    title = "Who speaks, and for which side"
    if quotes.empty:
        return _empty(ax, "No quotes found.", title)
    data = _top(_top(_labelled(quotes, "speaker", "side"), "speaker", keep=MAX_ROWS), "side", keep=MAX_COLOURS)
    order = data["speaker"].value_counts().index.tolist()
    ax = _axes(ax, height=_height(len(order)))
    sns.countplot(data=data, y="speaker", hue="side", order=order, palette=_palette(data["side"]), dodge=False, ax=ax)
    _legend_outside(ax, "side")
    ax.set(title=title, xlabel="quotes", ylabel="")
    return ax


def tone_per_quote(tone: pd.DataFrame, *, ax=None):
    """Tone of every quote in article order, coloured by speaker, labelled with its first words."""
    import seaborn as sns

    title = "Tone of each quote"
    if tone.empty:
        return _empty(ax, "No quotes to score.", title)
    data = _top(_labelled(tone.reset_index(drop=True), "speaker"), "speaker", keep=MAX_COLOURS)
    data["quote"] = [
        f"{i + 1}. {textwrap.shorten(str(text), LABEL_WIDTH, placeholder='…')}" for i, text in enumerate(data["content"])
    ]
    ax = _axes(ax, width=9, height=_height(len(data)))
    sns.barplot(data=data, y="quote", x="compound", hue="speaker", palette=_palette(data["speaker"]), dodge=False,
                ax=ax)  # fmt: skip
    ax.axvline(0, color="#333333", linewidth=0.8)
    _legend_outside(ax, "speaker")
    ax.set(title=title, xlabel=TONE_LABEL, ylabel="", xlim=(-1, 1))
    return ax


def _tone_groups(tone: pd.DataFrame, by: str, ax):
    """The largest groups' rows, their order, and axes sized for one row per group."""
    data = _top(_labelled(tone, by), by, keep=MAX_ROWS)
    order = sorted(data[by].unique())
    return data, order, _axes(ax, height=_height(len(order), per_row=0.5))


def tone_by(tone: pd.DataFrame, *, by: str = "speaker", ax=None):
    """Tone of the quotes of each speaker (or side, outlet…): one dot per quote and the mean."""
    import seaborn as sns

    title = f"Tone by {by}"
    if tone.empty:
        return _empty(ax, "No quotes to score.", title)
    data, order, ax = _tone_groups(tone, by, ax)
    sns.stripplot(data=data, y=by, x="compound", order=order, color="#888888", alpha=0.6, ax=ax)
    sns.pointplot(data=data, y=by, x="compound", order=order, hue=by, palette=_palette(order), linestyle="none",
                  markers="D", errorbar=None, legend=False, ax=ax)  # fmt: skip
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set(title=f"{title} (dots: quotes, diamonds: mean)", xlabel=TONE_LABEL, ylabel="", xlim=(-1.05, 1.05))
    return ax


def cue_stance_counts(tone: pd.DataFrame, *, by: str = "speaker", ax=None):
    """How the reporter introduced each speaker's quotes: counts of the cue's stance (neutral, doubting…)."""
    import seaborn as sns

    title = "The reporter's cue stance"
    if tone.empty or "cue_stance" not in tone:
        return _empty(ax, "No cues to classify.", title)
    data = _top(_labelled(tone.assign(cue_stance=tone["cue_stance"].fillna(NO_CUE)), by), by, keep=MAX_ROWS)
    order = sorted(data[by].unique())
    ax = _axes(ax, height=_height(len(order), per_row=0.5))
    sns.countplot(data=data, y=by, hue="cue_stance", order=order,
                  palette=_stance_palette(data["cue_stance"].unique()), ax=ax)  # fmt: skip
    _legend_outside(ax, "cue stance")
    ax.set(title=title, xlabel="quotes", ylabel="")
    return ax


def positions_matrix(positions: pd.DataFrame, *, ax=None):
    """Speaker × topic, each cell coloured by the stance stated (several different stances: mixed)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    title = "Positions: speaker × topic"
    if positions.empty:
        return _empty(ax, "No positions found.", title)
    data = _top(_labelled(positions, "speaker", "topic", "stance"), "speaker", keep=MAX_ROWS)
    cells = data.groupby(["speaker", "topic"])["stance"].agg(lambda s: s.iloc[0] if s.nunique() == 1 else "mixed")
    matrix = cells.unstack("topic")
    stances = sorted(cells.unique())
    palette = _stance_palette(stances)
    codes = matrix.apply(lambda column: column.map({s: i for i, s in enumerate(stances)}))
    ax = _axes(ax, width=max(6, 1.2 * matrix.shape[1] + 3), height=_height(len(matrix), per_row=0.6))
    ax.pcolormesh(codes.to_numpy(dtype=float), cmap=ListedColormap([palette[s] for s in stances]),
                  vmin=-0.5, vmax=len(stances) - 0.5, edgecolors="white", linewidth=2)  # fmt: skip
    for (row, column), stance in cells.items():
        ax.text(matrix.columns.get_loc(column) + 0.5, matrix.index.get_loc(row) + 0.5, stance, ha="center", va="center",
                fontsize=8)  # fmt: skip
    ax.set_xticks([i + 0.5 for i in range(matrix.shape[1])], matrix.columns, rotation=30, ha="right")
    ax.set_yticks([i + 0.5 for i in range(matrix.shape[0])], matrix.index)
    ax.invert_yaxis()
    ax.legend(handles=[Patch(color=palette[s], label=s) for s in stances], title="stance",
              bbox_to_anchor=(1.01, 1), loc="upper left")  # fmt: skip
    ax.set(title=title, xlabel="", ylabel="")
    return ax


def _hue_for(by: str) -> str:
    return "outlet" if by == "side" else "side"


def voices(quotes: pd.DataFrame, *, by: str = "outlet", ax=None):
    """Number of different speakers heard per group (outlet, date or side), stacked by side (or outlet)."""
    hue = _hue_for(by)
    title = f"Voices per {by}"
    data = _labelled(quotes, by, hue, "speaker")
    data = data[data["speaker"] != UNKNOWN] if not data.empty else data
    if data.empty:
        return _empty(ax, "No resolved speakers.", title)
    data = _top(_top(data, hue, keep=MAX_COLOURS), by, keep=MAX_ROWS)
    heard = data.drop_duplicates(["file", "speaker"])
    return _stacked(pd.crosstab(heard[by], heard[hue]), hue=hue, ax=ax,
                    title=f"{title} (distinct speakers per article, summed)", xlabel="speakers")  # fmt: skip


def _stacked(table: pd.DataFrame, *, hue: str, ax, title: str, xlabel: str):
    """Horizontal stacked bars, one row per index label, one colour per column label."""
    table = table.sort_index()
    ax = _axes(ax, height=_height(len(table)))
    palette = _palette(table.columns)
    table.plot.barh(stacked=True, ax=ax, color=[palette[c] for c in table.columns], width=0.8)
    ax.invert_yaxis()
    _legend_outside(ax, hue)
    ax.set(title=title, xlabel=xlabel, ylabel="")
    return ax


def quote_share(quotes: pd.DataFrame, *, by: str = "outlet", ax=None):
    """Share of each group's quotes by side (or, grouped by side, by outlet), as stacked bars."""
    hue = _hue_for(by)
    title = f"Share of quotes per {by}, by {hue}"
    if quotes.empty:
        return _empty(ax, "No quotes found.", title)
    data = _top(_top(_labelled(quotes, by, hue), hue, keep=MAX_COLOURS), by, keep=MAX_ROWS)
    share = pd.crosstab(data[by], data[hue], normalize="index")
    ax = _stacked(share, hue=hue, ax=ax, title=title, xlabel="share of quotes")
    ax.set_xlim(0, 1)
    return ax


def tone_distribution(tone: pd.DataFrame, *, by: str = "side", ax=None):
    """Distribution of quote tone per group (box: quartiles; dots: quotes)."""
    import seaborn as sns

    title = f"Tone of quotes by {by}"
    if tone.empty:
        return _empty(ax, "No quotes to score.", title)
    data, order, ax = _tone_groups(tone, by, ax)
    with warnings.catch_warnings():  # seaborn 0.13 passes boxplot's `vert`, deprecated in matplotlib 3.11
        warnings.filterwarnings("ignore", message=".*vert: bool", category=DeprecationWarning)
        sns.boxplot(data=data, y=by, x="compound", order=order, hue=by, palette=_palette(order), fliersize=0, legend=False,
                    ax=ax)  # fmt: skip
    sns.stripplot(data=data, y=by, x="compound", order=order, color="#333333", size=2, alpha=0.4, ax=ax)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set(title=title, xlabel=TONE_LABEL, ylabel="", xlim=(-1.05, 1.05))
    return ax


def positions_by_topic(positions: pd.DataFrame, *, by: str = "side", ax=None):
    """Positions stated per topic, one column per side (or outlet…), split by stance."""
    import seaborn as sns

    title = f"Positions by topic and {by}"
    if positions.empty:
        return _empty(ax, "No positions found.", title)
    data = _top(_top(_labelled(positions, "topic", by, "stance"), by, keep=MAX_COLOURS), "topic", keep=MAX_ROWS)
    data["group"] = data[by] + " · " + data["stance"]
    counts = pd.crosstab(data["topic"], data["group"])
    ax = _axes(ax, width=max(6, 0.9 * counts.shape[1] + 4), height=_height(len(counts), per_row=0.5))
    sns.heatmap(counts, annot=True, fmt="d", cmap="Blues", cbar=False, linewidths=1, ax=ax)
    ax.set(title=f"{title} (cells: number of positions)", xlabel=f"{by} · stance", ylabel="")
    ax.tick_params(axis="x", rotation=30)
    return ax


def timeline(quotes: pd.DataFrame, *, by: str = "side", ax=None):
    """Quotes per article date, one line per side (or outlet; grouping by date draws sides); needs a ``date`` column."""
    import seaborn as sns

    by = "side" if by == "date" else by
    title = f"Quotes over time by {by}"
    dated = quotes.assign(date=pd.to_datetime(quotes.get("date"), errors="coerce")) if not quotes.empty else quotes
    if dated.empty or dated["date"].isna().all():
        return _empty(ax, "No article dates, so no timeline.", title)
    data = _top(_labelled(dated.dropna(subset=["date"]), by), by, keep=MAX_COLOURS)
    counts = data.groupby(["date", by]).size().rename("quotes").reset_index()
    ax = _axes(ax, width=9)
    sns.lineplot(data=counts, x="date", y="quotes", hue=by, marker="o", palette=_palette(counts[by]), ax=ax)
    _legend_outside(ax, by)
    ax.set(title=title, xlabel="", ylabel="quotes")
    ax.tick_params(axis="x", rotation=30)
    return ax
