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
STANCE_COLOURS = {  # position stances and the reporter's cue stances (records.Stance, records.CueStance)
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
LABEL_WIDTH = 45  # characters of a quote shown as its label in tone_per_quote


def _axes(ax, *, width: float = 8, height: float = 4):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
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


def _stance_palette(values) -> dict[str, str]:
    others = iter(OTHER_STANCE_COLOURS * 4)
    return {v: STANCE_COLOURS.get(str(v).lower()) or next(others, "#777777") for v in values}


def quotes_per_speaker(quotes: pd.DataFrame, *, ax=None):
    """Number of quotes per speaker, coloured by side (one row per speaker)."""
    import seaborn as sns

    title = "Who speaks, and for which side"
    if quotes.empty:
        return _empty(ax, "No quotes found.", title)
    data = _labelled(quotes, "speaker", "side")
    order = data["speaker"].value_counts().index.tolist()
    ax = _axes(ax, height=_height(len(order)))
    sns.countplot(data=data, y="speaker", hue="side", order=order, palette=PALETTE, dodge=False, ax=ax)
    ax.set(title=title, xlabel="quotes", ylabel="")
    return ax


def tone_per_quote(tone: pd.DataFrame, *, ax=None):
    """Tone of every quote in article order, coloured by speaker, labelled with its first words."""
    import seaborn as sns

    title = "Tone of each quote"
    if tone.empty:
        return _empty(ax, "No quotes to score.", title)
    data = _labelled(tone.reset_index(drop=True), "speaker")
    data["quote"] = [
        f"{i + 1}. {textwrap.shorten(str(text), LABEL_WIDTH, placeholder='…')}" for i, text in enumerate(data["content"])
    ]
    ax = _axes(ax, width=9, height=_height(len(data)))
    sns.barplot(data=data, y="quote", x="compound", hue="speaker", palette=PALETTE, dodge=False, ax=ax)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set(title=title, xlabel=TONE_LABEL, ylabel="", xlim=(-1, 1))
    return ax


def tone_by(tone: pd.DataFrame, *, by: str = "speaker", ax=None):
    """Tone of the quotes of each speaker (or side, outlet…): one dot per quote and the mean."""
    import seaborn as sns

    title = f"Tone by {by}"
    if tone.empty:
        return _empty(ax, "No quotes to score.", title)
    data = _labelled(tone, by)
    order = sorted(data[by].unique())
    ax = _axes(ax, height=_height(len(order), per_row=0.5))
    sns.stripplot(data=data, y=by, x="compound", order=order, color="#888888", alpha=0.6, ax=ax)
    sns.pointplot(data=data, y=by, x="compound", order=order, hue=by, palette=PALETTE, linestyle="none",
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
    data = _labelled(tone, by, "cue_stance")
    order = sorted(data[by].unique())
    ax = _axes(ax, height=_height(len(order), per_row=0.5))
    sns.countplot(data=data, y=by, hue="cue_stance", order=order,
                  palette=_stance_palette(data["cue_stance"].unique()), ax=ax)  # fmt: skip
    ax.set(title=title, xlabel="quotes", ylabel="")
    return ax


def positions_matrix(positions: pd.DataFrame, *, ax=None):
    """Speaker × topic, each cell coloured by the stance stated (several different stances: mixed)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    title = "Positions: speaker × topic"
    if positions.empty:
        return _empty(ax, "No positions found.", title)
    data = _labelled(positions, "speaker", "topic", "stance")
    cells = data.groupby(["speaker", "topic"])["stance"].agg(lambda s: s.iloc[0] if s.nunique() == 1 else "mixed")
    matrix = cells.unstack("topic")
    stances = sorted(cells.unique())
    palette = _stance_palette(stances)
    codes = matrix.apply(lambda column: column.map({s: i for i, s in enumerate(stances)}))
    ax = _axes(ax, width=max(6, 1.2 * matrix.shape[1] + 3), height=_height(len(matrix), per_row=0.6))
    ax.pcolormesh(codes.to_numpy(dtype=float), cmap=ListedColormap([palette[s] for s in stances]),
                  vmin=-0.5, vmax=len(stances) - 0.5, edgecolors="white", linewidth=2)  # fmt: skip
    for (row, column), stance in pd.DataFrame(matrix).stack().items():
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
    """Number of different speakers heard per group (outlet, date or side), split by side (or outlet)."""
    import seaborn as sns

    hue = _hue_for(by)
    title = f"Voices per {by}"
    data = _labelled(quotes, by, hue, "speaker")
    data = data[data["speaker"] != UNKNOWN] if not data.empty else data
    if data.empty:
        return _empty(ax, "No resolved speakers.", title)
    counts = data.drop_duplicates(["file", "speaker"]).groupby([by, hue]).size().rename("voices").reset_index()
    order = sorted(counts[by].unique())
    ax = _axes(ax, height=_height(len(order)))
    sns.barplot(data=counts, y=by, x="voices", hue=hue, order=order, palette=PALETTE, ax=ax)
    ax.set(title=f"{title} (distinct speakers per article, summed)", xlabel="speakers", ylabel="")
    return ax


def quote_share(quotes: pd.DataFrame, *, by: str = "outlet", ax=None):
    """Share of each group's quotes by side (or, grouped by side, by outlet), as stacked bars."""
    hue = _hue_for(by)
    title = f"Share of quotes per {by}, by {hue}"
    if quotes.empty:
        return _empty(ax, "No quotes found.", title)
    data = _labelled(quotes, by, hue)
    share = pd.crosstab(data[by], data[hue], normalize="index").sort_index()
    ax = _axes(ax, height=_height(len(share)))
    import seaborn as sns

    share.plot.barh(stacked=True, ax=ax, color=sns.color_palette(PALETTE, share.shape[1]), width=0.8)
    ax.invert_yaxis()
    ax.legend(title=hue, bbox_to_anchor=(1.01, 1), loc="upper left")
    ax.set(title=title, xlabel="share of quotes", ylabel="", xlim=(0, 1))
    return ax


def tone_distribution(tone: pd.DataFrame, *, by: str = "side", ax=None):
    """Distribution of quote tone per group (box: quartiles; dots: quotes)."""
    import seaborn as sns

    title = f"Tone of quotes by {by}"
    if tone.empty:
        return _empty(ax, "No quotes to score.", title)
    data = _labelled(tone, by)
    order = sorted(data[by].unique())
    ax = _axes(ax, height=_height(len(order), per_row=0.5))
    with warnings.catch_warnings():  # seaborn 0.13 passes boxplot's `vert`, deprecated in matplotlib 3.11
        warnings.filterwarnings("ignore", message=".*vert: bool", category=DeprecationWarning)
        sns.boxplot(data=data, y=by, x="compound", order=order, hue=by, palette=PALETTE, fliersize=0, legend=False,
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
    data = _labelled(positions, "topic", by, "stance")
    data["group"] = data[by] + " · " + data["stance"]
    counts = pd.crosstab(data["topic"], data["group"])
    ax = _axes(ax, width=max(6, 0.9 * counts.shape[1] + 4), height=_height(len(counts), per_row=0.5))
    sns.heatmap(counts, annot=True, fmt="d", cmap="Blues", cbar=False, linewidths=1, ax=ax)
    ax.set(title=f"{title} (cells: number of positions)", xlabel=f"{by} · stance", ylabel="")
    ax.tick_params(axis="x", rotation=30)
    return ax


def timeline(quotes: pd.DataFrame, *, by: str = "side", ax=None):
    """Quotes per article date, one line per side (or outlet…); needs a ``date`` column."""
    import seaborn as sns

    title = f"Quotes over time by {by}"
    dated = quotes.assign(date=pd.to_datetime(quotes.get("date"), errors="coerce")) if not quotes.empty else quotes
    if dated.empty or dated["date"].isna().all():
        return _empty(ax, "No article dates, so no timeline.", title)
    data = _labelled(dated.dropna(subset=["date"]), by)
    counts = data.groupby(["date", by]).size().rename("quotes").reset_index()
    ax = _axes(ax, width=9)
    sns.lineplot(data=counts, x="date", y="quotes", hue=by, marker="o", palette=PALETTE, ax=ax)
    ax.set(title=title, xlabel="", ylabel="quotes")
    ax.tick_params(axis="x", rotation=30)
    return ax
