"""Display: what a reader sees — colours, tables, figures and the highlighted article.

* :func:`build_palette` gives each side, speaker and outlet of a report one
  colour, built once from the data; every figure (:mod:`analysis.plots`) and
  the highlighted article use it, so a colour means the same thing everywhere.
* :func:`table` is the one way a notebook shows a table: no index, no
  ``NaN``/``None``/``[]``, lists as text, text left-aligned and wrapped,
  offsets left in the DataFrame.
* :func:`figure` turns a figure's Axes into an image with alt text;
  :func:`show` shows a section's tables and figures, or one note when they
  have nothing to show.
* :func:`highlight_quotes` shows the article with each quote in its speaker's
  colour and its number, in time linear in the article's length.

Everything taken from an article, a parameter or a record is HTML-escaped, so
an article that contains ``<script>`` shows it as text; only inline styles are
used, so the views look the same in JupyterLab and in nbconvert's HTML.

>>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
>>> text = "<b>“We agree,”</b> Umerov said."
>>> umerov = Speaker("Rustem Umerov", side="Ukraine")
>>> quote = Quote("direct", (Span(3, 14),), Span(26, 30), Span(19, 25), (umerov,))
>>> view = highlight_quotes(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,), (umerov,)))
>>> "&lt;b&gt;" in view.html and "<b>" not in view.html
True
"""

from __future__ import annotations

import base64
import colorsys
import html
import io
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .errors import ParameterError
from .frames import UNKNOWN, attributed_article, speaker_rows
from .records import Article, AttributedArticle, Span, ToneScore, Tokens

# --- colours ---------------------------------------------------------------------------------------

# seaborn's "colorblind" palette without its grey (grey means "unknown"), ordered so that the first
# hues are the furthest apart; sides take them in order of how often they are quoted.
SIDE_COLOURS = ("#0173b2", "#de8f05", "#029e73", "#cc78bc", "#d55e00", "#56b4e9", "#ca9161", "#ece133", "#fbafe4")
# Lightness (HLS) of a speaker's colour: a tint of their side's hue, light enough to read text on, with
# up to three steps per hue so that speakers of one side stay apart.
SPEAKER_TINTS = (0.62, 0.76, 0.87)
UNKNOWN_COLOUR = "#bbbbbb"  # a side or outlet that is not known
OTHER = "(other)"  # labels lumped together because there are too many to colour (or to give a row)
OTHER_COLOUR = "#777777"  # sides and outlets lumped together
UNRESOLVED_COLOUR = "#e4e4e4"  # quotes whose speaker could not be resolved
OTHER_SPEAKER_COLOUR = "#cccccc"  # speakers past MAX_SPEAKERS
NEUTRAL_COLOUR = "#8da0b3"  # groups that carry no colour of their own (dates, topics)
MAX_SIDES = 8  # sides given their own colour; the rest are OTHER
MAX_SPEAKERS = 12  # speakers given their own colour; the rest share OTHER_SPEAKER_COLOUR
MAX_OUTLETS = 8
CUE_STYLE = "text-decoration: underline; text-decoration-thickness: 2px"
SOURCE_STYLE = "text-decoration: underline dotted; font-weight: 600"
# MathJax (which nbconvert's page loads) leaves alone what is inside these classes, so "$200" stays text.
NO_MATHS = "tex2jax_ignore mathjax_ignore"


@dataclass(frozen=True)
class Palette:
    """One colour per side, speaker and outlet of a report (see :func:`build_palette`).

    >>> palette = Palette(sides={"Ukraine": "#0173b2"})
    >>> palette.colour("side", "Ukraine"), palette.colour("side", "Mars"), palette.colour("side", UNKNOWN)
    ('#0173b2', '#777777', '#bbbbbb')
    """

    sides: Mapping[str, str] = field(default_factory=dict)
    speakers: Mapping[str, str] = field(default_factory=dict)
    outlets: Mapping[str, str] = field(default_factory=dict)

    def mapping(self, by: str) -> dict[str, str]:
        """Label → colour for a column (``side``, ``speaker``, ``outlet``) with UNKNOWN and OTHER; {} for others."""
        if by == "side":
            return {**self.sides, UNKNOWN: UNKNOWN_COLOUR, OTHER: OTHER_COLOUR}
        if by == "speaker":
            return {**self.speakers, UNKNOWN: UNRESOLVED_COLOUR, OTHER: OTHER_SPEAKER_COLOUR}
        if by == "outlet":
            return {**self.outlets, UNKNOWN: UNKNOWN_COLOUR, OTHER: OTHER_COLOUR}
        return {}

    def colour(self, by: str, label) -> str:
        """The colour of one label: its own, else OTHER's; NEUTRAL_COLOUR for a column without colours."""
        mapping = self.mapping(by)
        return mapping.get(label, mapping.get(OTHER, NEUTRAL_COLOUR))

    def lump(self, labels: Iterable, by: str) -> list[str]:
        """Each label, or OTHER when it has no colour of its own (so a legend lists what the colours mean)."""
        mapping = self.mapping(by)
        return [label if label in mapping else OTHER for label in labels] if mapping else list(labels)

    def _repr_html_(self) -> str:
        rows = []
        for by, labels in (("side", self.sides), ("speaker", self.speakers), ("outlet", self.outlets)):
            if labels:
                swatches = " ".join(_swatch(colour, label) for label, colour in labels.items())
                rows.append(f"<p><strong>{by}s</strong>: {swatches}</p>")
        return f'<div class="{NO_MATHS}">{"".join(rows) or "<p>(no colours)</p>"}</div>'


def _swatch(colour: str, label: str) -> str:
    return f'<span style="background-color: {colour}; padding: 0 0.4em; margin-right: 0.3em">{html.escape(label)}</span>'


def _tint(colour: str, step: int) -> str:
    """``colour``'s hue at the lightness of SPEAKER_TINTS[step]."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, _, saturation = colorsys.rgb_to_hls(red, green, blue)
    rgb = colorsys.hls_to_rgb(hue, SPEAKER_TINTS[step], min(max(saturation, 0.45), 0.75))
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def _ranked(labels: Iterable[str]) -> list[str]:
    """Known labels, most frequent first, ties in order of first appearance."""
    counts = Counter(label for label in labels if label not in (UNKNOWN, OTHER) and isinstance(label, str))
    first = {label: i for i, label in reversed(list(enumerate(counts)))}
    return sorted(counts, key=lambda label: (-counts[label], first[label]))


def _quote_frame(data):
    """The quote table behind ``data``: a DataFrame as it is, a table bundle's quotes, an article's quote table."""
    import pandas as pd

    from .frames import ArticleTables, CorpusTables, quote_table

    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, (ArticleTables, CorpusTables)):
        return data.quotes
    return quote_table(attributed_article(data, what="build_palette"))


def build_palette(data) -> Palette:
    """One colour per side, speaker and outlet, from a report's data (quote table, tables, article).

    Sides take the colour-blind palette's hues by how often they are quoted;
    each speaker gets a tint of their side's hue (speakers without a known
    side take the hues no side uses), so a Ukrainian speaker is never in
    Russia's colour; outlets take the hues no side uses. Build it once per
    report: the same data always gives the same palette.

    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"speaker": ["Ann", "Bo", "Ann & Cy"], "side": ["union", "port", "union"]})
    >>> palette = build_palette(quotes)
    >>> palette.sides
    {'union': '#0173b2', 'port': '#de8f05'}
    >>> list(palette.speakers)
    ['Ann', 'Bo', 'Cy']
    """
    frame = _quote_frame(data)
    if "speaker" not in frame or not len(frame):
        return Palette()
    pairs = speaker_rows(frame)
    sides = dict(zip(_ranked(pairs["side"]), SIDE_COLOURS[:MAX_SIDES]))
    free = [colour for colour in SIDE_COLOURS if colour not in sides.values()] or list(SIDE_COLOURS)
    side_of = {}
    for name, side in zip(pairs["speaker"], pairs["side"]):
        if side in sides:
            side_of.setdefault(name, side)  # a speaker's first known side gives their hue
    speakers, used, spare = {}, Counter(), 0
    for name in _ranked(pairs["speaker"])[:MAX_SPEAKERS]:
        side = side_of.get(name)
        if side is not None and used[side] < len(SPEAKER_TINTS):
            speakers[name] = _tint(sides[side], used[side])
            used[side] += 1
        elif spare < len(free) * len(SPEAKER_TINTS):
            speakers[name] = _tint(free[spare % len(free)], spare // len(free))
            spare += 1
    outlets = {}
    if "outlet" in frame:
        for i, outlet in enumerate(_ranked(frame["outlet"])[:MAX_OUTLETS]):
            outlets[outlet] = free[i] if i < len(free) else _tint(free[i % len(free)], min(i // len(free) - 1, 2))
    return Palette(sides=sides, speakers=speakers, outlets=outlets)


# --- HTML pieces ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HTML:
    """A piece of HTML that notebooks display as HTML (``_repr_html_``) and tests read as ``.html``."""

    html: str
    text: str = ""  # what it says in words: a notebook's plain-text view, and a terminal's

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # short, so an executed notebook does not hold every view twice
        return self.text or f"<HTML: {len(self.html):,} characters>"

    def __str__(self) -> str:
        return self.html


def heading(text: str, *, level: int = 1) -> HTML:
    """An escaped heading, for titles that come from parameters.

    >>> heading("<Corpus>").html
    '<h1>&lt;Corpus&gt;</h1>'
    """
    return HTML(f"<h{level}>{html.escape(text)}</h{level}>", text)


def note(text: str) -> HTML:
    """An escaped one-paragraph note, e.g. when a section has nothing to show.

    >>> note("No dates: no timeline.").html
    '<p class="analysis-note tex2jax_ignore mathjax_ignore"><em>No dates: no timeline.</em></p>'
    """
    return HTML(f'<p class="analysis-note {NO_MATHS}"><em>{html.escape(text)}</em></p>', text)


def short_path(path: str | os.PathLike) -> str:
    """A path as a reader should see it: relative to the working folder when inside it, else its last two parts.

    >>> short_path("/srv/data/polnear/dev/text"), short_path("reports/x.txt")
    ('dev/text', 'reports/x.txt')
    """
    text = str(path)
    if not os.path.isabs(text):
        return text
    try:
        relative = Path(text).relative_to(Path.cwd())
        return str(relative) if str(relative) != "." else Path(text).name
    except ValueError:
        return "/".join(Path(text).parts[-2:])


# --- tables -----------------------------------------------------------------------------------------

MAX_TABLE_ROWS = 250  # rows a table shows in a report; the DataFrame keeps them all
HIDDEN_COLUMNS = ("offsets", "evidence_span", "speaker_id")  # for the notebook (DataFrame), not for the reader
LONG_TEXT = 60  # characters: a column holding longer texts is given room to wrap
LONG_WORD = 30  # characters: a column with longer words (file names, links) may break them anywhere
_CELL = "padding: 0.25em 0.6em; vertical-align: top; border-bottom: 1px solid #e6e6e6"


@dataclass(frozen=True, slots=True)
class Table:
    """A DataFrame as a reader sees it (``html``), with the DataFrame itself kept as ``frame``."""

    frame: object
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<table: {_plural(len(self.frame), 'row')} of {', '.join(map(str, self.frame.columns))}>"

    def __str__(self) -> str:
        return self.html


def _cell(value) -> str:
    """One cell as text: blanks for missing values, lists joined with "; ", yes/no, short numbers, dates.

    >>> [_cell(v) for v in (None, float("nan"), [], ["a", None, "b"], True, 0.49391, 3.0, "x")]
    ['', '', '', 'a; b', 'yes', '0.494', '3', 'x']
    """
    import numpy as np
    import pandas as pd

    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        return "; ".join(text for text in (_cell(item) for item in value) if text)
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {_cell(item)}" for key, item in value.items() if _cell(item))
    if pd.isna(value):
        return ""
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d") if not getattr(value, "hour", 0) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (float, np.floating)):
        if float(value).is_integer():
            return str(int(value))
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def _column_style(name: str, column, cells: list[str]) -> str:
    """Numbers right-aligned on one line, dates on one line, text left-aligned and wrapped."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return "text-align: right; white-space: nowrap"
    if name == "date" or pd.api.types.is_datetime64_any_dtype(column):
        return "text-align: left; white-space: nowrap"
    words = [len(word) for cell in cells for word in cell.split()]
    if words and max(words) > LONG_WORD:  # file names, links: break anywhere rather than widen the table
        return "text-align: left; white-space: normal; overflow-wrap: anywhere; min-width: 12em"
    style = "text-align: left; white-space: normal; overflow-wrap: break-word"  # words stay whole
    if cells and max(len(cell) for cell in cells) > LONG_TEXT:
        style += "; min-width: 16em"
    return style


def table(frame, *, columns: Iterable[str] | None = None, empty: str | None = None,
          max_rows: int = MAX_TABLE_ROWS) -> Table | HTML:  # fmt: skip
    """A DataFrame as a reader should see it: the one way a report shows a table.

    No index column; missing values, ``None`` and empty lists are blank;
    lists read as text; text is left-aligned and wrapped, never cut; numbers
    right-aligned; dates on one line. ``columns`` picks and orders columns
    (default: all but :data:`HIDDEN_COLUMNS`, such as offsets, which stay in
    the DataFrame). An empty table is the note ``empty``, or nothing when
    ``empty`` is None. At most ``max_rows`` rows are shown, and the rest counted.

    >>> import pandas as pd
    >>> view = table(pd.DataFrame({"speaker": ["Ann"], "quantities": [[]], "offsets": [[[0, 4]]]}))
    >>> "Ann" in view.html, "[]" in view.html, "offsets" in view.html, "<th" in view.html
    (True, False, False, True)
    >>> table(pd.DataFrame(columns=["a"]), empty="No rows.").html
    '<p class="analysis-note tex2jax_ignore mathjax_ignore"><em>No rows.</em></p>'
    """
    import pandas as pd

    if isinstance(frame, Table):
        frame = frame.frame
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"table takes a pandas DataFrame, such as tables.quotes; got {type(frame).__name__}")
    if columns is not None:
        columns = list(columns)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ParameterError(f"table: no column {', '.join(map(repr, missing))}; the table has {', '.join(map(str, frame.columns))}")
    else:
        columns = [c for c in frame.columns if c not in HIDDEN_COLUMNS]
    if not len(frame):
        return note(empty) if empty else HTML("")
    shown = frame.head(max_rows)
    cells = {name: [_cell(value) for value in shown[name]] for name in columns}
    styles = {name: _column_style(str(name), frame[name], cells[name]) for name in columns}
    head = "".join(
        f'<th style="{_CELL}; {styles[name]}; border-bottom: 1px solid #888">{html.escape(str(name).replace("_", " "))}</th>'
        for name in columns
    )
    body = []
    for i in range(len(shown)):
        shade = " background-color: #f6f6f6;" if i % 2 else ""
        row = "".join(f'<td style="{_CELL};{shade} {styles[name]}">{html.escape(cells[name][i])}</td>' for name in columns)
        body.append(f"<tr>{row}</tr>")
    more = ""
    if len(frame) > len(shown):
        more = f"<p><small>The first {len(shown):,} of {len(frame):,} rows; the executed notebook holds them all.</small></p>"
    markup = (
        f'<div class="analysis-table {NO_MATHS}" style="overflow-x: auto"><table style="border-collapse: collapse; '
        f'font-size: 0.85em; margin: 0.5em 0"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>{more}</div>'
    )
    return Table(frame, markup)


def table_or_note(frame, *, empty: str):
    """The table (see :func:`table`), or a note saying ``empty`` when it has no rows.

    >>> import pandas as pd
    >>> table_or_note(pd.DataFrame(columns=["source", "error"]), empty="No input failed.").html
    '<p class="analysis-note tex2jax_ignore mathjax_ignore"><em>No input failed.</em></p>'
    """
    return table(frame, empty=empty)


# --- figures ----------------------------------------------------------------------------------------

EMPTY_FIGURE = "analysis-empty"  # the gid of an Axes that says it has nothing to show (see plots)
FIGURE_DPI = 150  # rendered at this resolution, shown at 100 dpi: sharp on high-density screens


def _png_width(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")  # the IHDR chunk's width


def figure(ax, *, alt: str | None = None, empty: str | None = None) -> HTML:
    """A figure's Axes as an image with alt text (what it shows, in words), closed so it is not shown twice.

    ``alt`` defaults to the description the figure functions of
    :mod:`analysis.plots` give their Axes (``ax.get_label()``). An Axes that
    says it has nothing to show becomes its message as a note (or nothing
    when ``empty`` is "").
    """
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise ParameterError(f"figure takes the Axes a function of analysis.plots returns; got {type(ax).__name__}")
    fig = ax.figure
    description = alt or ax.get_label() or ax.get_title() or "figure"
    if ax.get_gid() == EMPTY_FIGURE:
        plt.close(fig)
        return note(description if empty is None else empty) if empty != "" else HTML("")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"text.parse_math": False}):
        fig.savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    png = buffer.getvalue()
    width = round(_png_width(png) * 100 / FIGURE_DPI)
    return HTML(
        f'<figure class="analysis-figure" style="margin: 0.6em 0"><img src="data:image/png;base64,'
        f'{base64.b64encode(png).decode("ascii")}" width="{width}" style="max-width: 100%; height: auto" '
        f'alt="{html.escape(description, quote=True)}"></figure>',
        description,
    )


def _part(item) -> HTML | Table:
    """One item of a section as HTML (empty when it has nothing to show)."""
    import pandas as pd
    from matplotlib.axes import Axes

    if item is None:
        return HTML("")
    if isinstance(item, Axes):
        return figure(item, empty="")
    if isinstance(item, pd.DataFrame):
        return table(item)
    if isinstance(item, (HTML, Table)):
        return item
    raise ParameterError(
        f"show takes tables (DataFrames, display.table(...)), figures (the Axes of analysis.plots) and "
        f"display's HTML; got {type(item).__name__}"
    )


def show(*items, empty: str) -> HTML:
    """A section's tables and figures, in order; when none has anything to show, the note ``empty``, once.

    ``empty=""`` shows nothing, for a part whose emptiness a cell above has already told.

    >>> import pandas as pd
    >>> show(pd.DataFrame(columns=["a"]), None, empty="Nothing here.").html
    '<p class="analysis-note tex2jax_ignore mathjax_ignore"><em>Nothing here.</em></p>'
    """
    parts = [part for part in map(_part, items) if part.html]  # every item, so each figure is closed
    if not parts:
        return note(empty) if empty else HTML("")
    return HTML("".join(part.html for part in parts), "\n".join(repr(part) for part in parts))


def first(items, *, empty: str):
    """The first of ``items`` (a quote, a position …), or the note ``empty`` when there is none.

    >>> first((), empty="No quotes.").html
    '<p class="analysis-note tex2jax_ignore mathjax_ignore"><em>No quotes.</em></p>'
    >>> first(["a", "b"], empty="")
    'a'
    """
    for item in items:
        return item
    return note(empty)


# --- the highlighted article ------------------------------------------------------------------------

_NUMBER_STYLE = (
    "font-family: sans-serif; font-size: 0.7em; color: #555; font-weight: 600; padding: 0 0.15em; "
    "user-select: none"
)


def speaker_colours(attributed: AttributedArticle, *, palette: Palette | None = None) -> dict[str, str]:
    """A colour per speaker name, as in the figures (see :func:`build_palette`).

    >>> from analysis.records import Article, AttributedArticle, Quote, Speaker, Tokens
    >>> a = Speaker("A", side="X")
    >>> quotes = (Quote("direct", (), None, None, (a,)),)
    >>> speaker_colours(AttributedArticle(Article("t"), Tokens("t", (), ()), quotes, (a,)))
    {'A': '#55b3e7'}
    """
    attributed = attributed_article(attributed, what="speaker_colours")
    palette = palette or build_palette(attributed)
    names = [s.name for q in attributed.quotes for s in q.speakers] + [s.name for s in attributed.speakers]
    return {name: palette.colour("speaker", name) for name in dict.fromkeys(names)}


def _background(colours: list[str]) -> str:
    """One colour, or stripes of each speaker's colour for a joint statement."""
    colours = list(dict.fromkeys(colours)) or [UNRESOLVED_COLOUR]
    if len(colours) == 1:
        return f"background-color: {colours[0]}"
    stops = ", ".join(f"{c} {i * 0.5}em {(i + 1) * 0.5}em" for i, c in enumerate(colours))
    return f"background-color: {colours[0]}; background-image: repeating-linear-gradient(135deg, {stops})"


def _marks(attributed: AttributedArticle, colours: Mapping[str, str]) -> tuple[list[tuple[Span, str, str]], dict[int, str]]:
    """(span, style, tooltip) for every quote's content, cue and source, and each quote's number where it starts."""
    marks, numbers = [], {}
    for number, quote in enumerate(attributed.quotes, 1):
        names = [s.name for s in quote.speakers]
        who = " & ".join(names) or "unresolved speaker"
        tip = f"quote {number} ({quote.kind}): {who}"
        background = _background([colours.get(name, OTHER_SPEAKER_COLOUR) for name in names])
        for span in quote.content:
            marks.append((span, background, tip))
        if quote.cue:
            marks.append((quote.cue, CUE_STYLE, f"{tip}; cue"))
        if quote.source:
            marks.append((quote.source, SOURCE_STYLE, f"{tip}; source"))
        if quote.content:
            start = min(span.start for span in quote.content)
            numbers[start] = numbers.get(start, "") + f'<sup style="{_NUMBER_STYLE}">{number}</sup>'
    return marks, numbers


def _highlight(text: str, marks: list[tuple[Span, str, str]], inserts: Mapping[int, str] = {}) -> str:
    """Escaped ``text``, each stretch wrapped in the styles of the marks that cover it (overlaps combine).

    One sweep over the marks' ends, so the work grows with the text and the
    marks, not with their product; ``inserts`` (offset → HTML) go in before
    the character at that offset.
    """
    size = len(text)
    bounds = sorted({0, size, *(p for span, _, _ in marks for p in span if 0 <= p <= size), *inserts})
    by_start = sorted(range(len(marks)), key=lambda i: marks[i][0].start)
    by_end = sorted(range(len(marks)), key=lambda i: marks[i][0].end)
    active: set[int] = set()
    opened = closed = 0
    opening = ""
    pieces = []
    for start, end in zip(bounds, bounds[1:]):
        changed = False
        while closed < len(by_end) and marks[by_end[closed]][0].end <= start:
            changed |= by_end[closed] in active
            active.discard(by_end[closed])
            closed += 1
        while opened < len(by_start) and marks[by_start[opened]][0].start <= start:
            if marks[by_start[opened]][0].end > start:
                active.add(by_start[opened])
                changed = True
            opened += 1
        if changed:
            ordered = [marks[i] for i in sorted(active)]
            style = "; ".join(dict.fromkeys(style for _, style, _ in ordered))
            tip = html.escape(" / ".join(dict.fromkeys(tip for _, _, tip in ordered)), quote=True)
            opening = f'<span style="{style}" title="{tip}">' if active else ""
        if start in inserts:
            pieces.append(inserts[start])
        chunk = html.escape(text[start:end])
        pieces.append(f"{opening}{chunk}</span>" if opening else chunk)
    return "".join(pieces)


def _legend(attributed: AttributedArticle, colours: Mapping[str, str], palette: Palette) -> str:
    from .frames import quote_counts

    counts = quote_counts(attributed)
    speakers = {s.name: s for q in attributed.quotes for s in q.speakers} | {s.name: s for s in attributed.speakers}
    order = sorted(colours, key=lambda name: (-counts.get(name, 0), list(colours).index(name)))
    items = []
    for name in order:
        speaker = speakers[name]
        details = ", ".join(html.escape(part) for part in (speaker.role, speaker.side or "side unknown") if part)
        number = counts.get(name, 0)
        items.append(
            f'<li style="margin: 2px 0">{_swatch(colours[name], name)} — {details}; '
            f"{number} quote{'' if number == 1 else 's'}</li>"
        )
    if any(not q.speakers for q in attributed.quotes):
        items.append(f'<li>{_swatch(UNRESOLVED_COLOUR, "unresolved speaker")}</li>')
    notes = []
    if any(len({colours.get(s.name) for s in q.speakers}) > 1 for q in attributed.quotes):
        notes.append("stripes: a joint statement, in each speaker's colour")
    if any(name not in palette.speakers for name in colours):
        notes.append(f"{_swatch(OTHER_SPEAKER_COLOUR, 'grey')} speakers past the {MAX_SPEAKERS} most quoted")
    notes.append(f'<span style="{CUE_STYLE}">cue</span> (the reporting verb)')
    notes.append(f'<span style="{SOURCE_STYLE}">source</span> (the mention of the speaker next to it)')
    notes.append(f'<sup style="{_NUMBER_STYLE}">1</sup> the quote\'s number, as in the tables and figures')
    listing = "".join(items) or "<li>No quotes were found in this article.</li>"
    return (
        '<div style="font-size: 0.9em; margin-bottom: 0.8em"><strong>Speakers</strong>'
        f'<ul style="list-style: none; padding-left: 0; margin: 0.3em 0">{listing}</ul>{" · ".join(notes)}</div>'
    )


def highlight_quotes(attributed, *, palette: Palette | None = None) -> HTML:
    """The article text with each quote in its speaker's colour and its number, cue and source underlined, and a legend.

    Takes an attributed article (or its tables, an Article, a path);
    ``palette`` defaults to the article's own (:func:`build_palette`), the one
    its figures use.
    """
    attributed = attributed_article(attributed, what="highlight_quotes")
    palette = palette or build_palette(attributed)
    colours = speaker_colours(attributed, palette=palette)
    marks, numbers = _marks(attributed, colours)
    body = _highlight(attributed.article.text, marks, numbers)
    article = (
        '<div class="analysis-article" style="white-space: pre-wrap; line-height: 1.6; max-width: 60em; '
        f'font-family: Georgia, serif; border-left: 3px solid #ccc; padding-left: 1em">{body}</div>'
    )
    return HTML(f'<div class="analysis-highlight {NO_MATHS}">{_legend(attributed, colours, palette)}{article}</div>',
                f"<highlighted article {attributed.article.name!r}: {_plural(len(attributed.quotes), 'quote')}>")


# --- headers and notes ------------------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def article_header(attributed, *, title: str = "") -> HTML:
    """A heading with the report title (default: the article's), and the article's file, outlet and date.

    >>> from analysis.records import Article, AttributedArticle, Tokens
    >>> article_header(AttributedArticle(Article("t", path="a.txt"), Tokens("t", (), ())), title="<i>x</i>").html
    '<div class="tex2jax_ignore mathjax_ignore"><h1>&lt;i&gt;x&lt;/i&gt;</h1><p><small>a.txt · 0 quotes, 0 speakers</small></p></div>'
    """
    attributed = attributed_article(attributed, what="article_header")
    article = attributed.article
    heading_text = title or article.title or article.name
    counts = f"{_plural(len(attributed.quotes), 'quote')}, {_plural(len(attributed.speakers), 'speaker')}"
    facts = [article.name, article.outlet, article.date, counts]
    line = " · ".join(html.escape(fact) for fact in facts if fact)
    return HTML(f'<div class="{NO_MATHS}"><h1>{html.escape(heading_text)}</h1><p><small>{line}</small></p></div>',
                heading_text)


def corpus_header(tables, *, title: str = "", source: str | os.PathLike = "") -> HTML:
    """A heading for a corpus report: the title (default: names the source, as a short path) and what was read.

    ``tables`` is a :class:`analysis.frames.CorpusTables`.
    """
    heading_text = title or (f"Corpus: {short_path(source)}" if str(source) else "Corpus")
    quotes = tables.quotes
    names = speaker_rows(quotes)["speaker"] if len(quotes) else []
    speakers = len({name for name in names if name != UNKNOWN})
    facts = (
        f"{_plural(len(tables.articles), 'article')} analysed, {_plural(len(quotes), 'quote')}, "
        f"{_plural(speakers, 'speaker name')}, {_plural(len(tables.failures), 'input')} failed"
    )
    return HTML(f'<div class="{NO_MATHS}"><h1>{html.escape(heading_text)}</h1><p><small>{html.escape(facts)}</small></p></div>',
                f"{heading_text}: {facts}")


def tone_note(tables, *, top: int = 8) -> HTML:
    """Which topic words were set aside (not counted as tone) in these quotes, as a note; nothing when there are no quotes.

    >>> import pandas as pd
    >>> tone_note(pd.DataFrame({"set_aside": [["ceasefire"], ["Ceasefire", "talks"]]})).html
    '<p class="analysis-note tex2jax_ignore mathjax_ignore"><em>Set aside as topic words in these quotes: “ceasefire” (2 quotes), “talks” (1 quote).</em></p>'
    """
    tone = getattr(tables, "tone", tables)
    if not len(tone) or "set_aside" not in tone:
        return HTML("")
    counts = Counter()
    for phrases in tone["set_aside"]:
        counts.update({phrase.lower() for phrase in (phrases if isinstance(phrases, (list, tuple)) else [])})
    if not counts:
        return note("No topic words were set aside in these quotes: every word counted towards tone.")
    listed = ", ".join(f"“{phrase}” ({_plural(n, 'quote')})" for phrase, n in counts.most_common(top))
    more = f", and {_plural(len(counts) - top, 'other')}" if len(counts) > top else ""
    return note(f"Set aside as topic words in these quotes: {listed}{more}.")


# --- short reprs for records and table bundles (records.py and frames.py delegate here) -------------


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def describe_article(article: Article) -> str:
    """A one-line repr of an article: its name, title, outlet, date and length.

    >>> describe_article(Article("Some text.", title="Talks", path="/x/a.txt", date="2024-03-02"))
    "<Article 'a.txt': “Talks” · 2024-03-02 · 10 characters>"
    """
    facts = [f"“{_shorten(article.title)}”" if article.title else None, article.outlet, article.date,
             _plural(len(article.text), "character")]  # fmt: skip
    return f"<Article {article.name!r}: {' · '.join(fact for fact in facts if fact)}>"


def describe_tokens(tokens: Tokens) -> str:
    """A one-line repr of a tokenised article.

    >>> describe_tokens(Tokens("ab", (Span(0, 2),), ()))
    '<Tokens: 1 paragraph, 0 sentences, 0 words>'
    """
    words = sum(len(sentence.words) for sentence in tokens.sentences)
    return (f"<Tokens: {_plural(len(tokens.paragraphs), 'paragraph')}, {_plural(len(tokens.sentences), 'sentence')}, "
            f"{_plural(words, 'word')}>")  # fmt: skip


def _speaker_summary(attributed: AttributedArticle, limit: int = 4) -> str:
    from .frames import quote_counts

    counts = quote_counts(attributed)
    names = sorted(counts, key=lambda name: -counts[name])
    listed = ", ".join(f"{name} ({counts[name]})" for name in names[:limit])
    return listed + (f", and {_plural(len(names) - limit, 'other')}" if len(names) > limit else "")


def describe_attributed(attributed: AttributedArticle) -> str:
    """A one-line repr of an attributed article: name, quotes, speakers (the most quoted first).

    >>> from analysis.records import Quote, Speaker
    >>> a = Speaker("Ann")
    >>> describe_attributed(AttributedArticle(Article("t", id="x"), Tokens("t", (), ()), (Quote("direct", (), None, None, (a,)),), (a,)))
    "<AttributedArticle 'x': 1 quote, 1 speaker: Ann (1)>"
    """
    counts = f"{_plural(len(attributed.quotes), 'quote')}, {_plural(len(attributed.speakers), 'speaker')}"
    speakers = _speaker_summary(attributed)
    return f"<AttributedArticle {attributed.article.name!r}: {counts}{': ' + speakers if speakers else ''}>"


def attributed_html(attributed: AttributedArticle) -> str:
    """How an attributed article shows itself in a notebook: a summary line and the highlighted text."""
    article = attributed.article
    facts = [article.name, article.title and f"“{article.title}”",
             f"{_plural(len(attributed.quotes), 'quote')}, {_plural(len(attributed.speakers), 'speaker')}"]  # fmt: skip
    line = " · ".join(html.escape(fact) for fact in facts if fact)
    return f'<div class="{NO_MATHS}"><p><strong>{line}</strong></p></div>' + highlight_quotes(attributed).html


def describe_tone(score: ToneScore) -> str:
    """A one-line repr of a tone score: the four numbers and how many words moved it.

    >>> describe_tone(ToneScore(0.4939, 0.3, 0.7, 0.0))
    '<ToneScore compound=+0.494 (pos 0.3, neu 0.7, neg 0): 0 tone words, 0 set aside>'
    """
    return (f"<ToneScore compound={score.compound:+.3f} (pos {_cell(score.pos)}, neu {_cell(score.neu)}, "
            f"neg {_cell(score.neg)}): {_plural(len(score.words), 'tone word')}, {len(score.set_aside)} set aside>")  # fmt: skip


def _bundle_parts(tables) -> list[tuple[str, object]]:
    from .frames import ArticleTables

    names = ("quotes", "speakers", "tone", "positions") if isinstance(tables, ArticleTables) else (
        "articles", "quotes", "tone", "positions", "failures")  # fmt: skip
    return [(name, getattr(tables, name)) for name in names]


def describe_tables(tables) -> str:
    """A one-line repr of an :class:`~analysis.frames.ArticleTables` or :class:`~analysis.frames.CorpusTables`."""
    from .frames import ArticleTables

    parts = ", ".join(f"{name} {len(frame):,}" for name, frame in _bundle_parts(tables))
    if isinstance(tables, ArticleTables):
        return f"<ArticleTables {tables.attributed.article.name!r}: rows of {parts}>"
    return f"<CorpusTables: rows of {parts}>"


def tables_html(tables) -> str:
    """How a table bundle shows itself in a notebook: each table, its rows and columns."""
    rows = "".join(
        f"<tr><td style='{_CELL}; text-align: left'><code>.{name}</code></td><td style='{_CELL}; text-align: right'>"
        f"{len(frame):,} rows</td><td style='{_CELL}; text-align: left'>{html.escape(', '.join(map(str, frame.columns)))}</td></tr>"
        for name, frame in _bundle_parts(tables)
    )
    title = html.escape(describe_tables(tables).split(":")[0].lstrip("<"))
    return f'<div class="{NO_MATHS}"><p><strong>{title}</strong></p><table style="border-collapse: collapse">{rows}</table></div>'


__all__ = [
    "HTML", "Palette", "Table", "article_header", "build_palette", "corpus_header", "figure", "first", "heading",
    "highlight_quotes", "note", "short_path", "show", "speaker_colours", "table", "table_or_note", "tone_note",
]  # fmt: skip
