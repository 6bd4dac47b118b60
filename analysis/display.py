"""Display: HTML views of an attributed article for notebooks and HTML reports.

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

import html
from dataclasses import dataclass

from .frames import quote_counts
from .records import AttributedArticle, Span

# A light, colour-blind-friendly palette (seaborn "pastel", as hex) for speakers' quotes.
SPEAKER_COLOURS = (
    "#a1c9f4", "#ffb482", "#8de5a1", "#ff9f9b", "#d0bbff",
    "#debb9b", "#fab0e4", "#cfcfcf", "#fffea3", "#b9f2f0",
)  # fmt: skip
UNKNOWN_COLOUR = "#e8e8e8"  # quotes whose speaker could not be resolved
CUE_STYLE = "text-decoration: underline; text-decoration-thickness: 2px"
SOURCE_STYLE = "text-decoration: underline dotted; font-weight: 600"


@dataclass(frozen=True, slots=True)
class HTML:
    """A piece of HTML that notebooks display as HTML (``_repr_html_``) and tests read as ``.html``."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def speaker_colours(attributed: AttributedArticle) -> dict[str, str]:
    """A colour per speaker name, in order of first appearance (speakers, then quotes).

    >>> from analysis.records import Article, AttributedArticle, Speaker, Tokens
    >>> speaker_colours(AttributedArticle(Article("t"), Tokens("t", (), ()), (), (Speaker("A"),)))
    {'A': '#a1c9f4'}
    """
    names = [s.name for s in attributed.speakers]
    names += [s.name for q in attributed.quotes for s in q.speakers]
    unique = list(dict.fromkeys(names))
    return {name: SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)] for i, name in enumerate(unique)}


def _marks(attributed: AttributedArticle, colours: dict[str, str]) -> list[tuple[Span, str, str]]:
    """(span, style, tooltip) for every quote's content, cue and source."""
    marks = []
    for number, quote in enumerate(attributed.quotes, 1):
        names = [s.name for s in quote.speakers]
        who = " & ".join(names) or "unresolved speaker"
        colour = colours.get(names[0], UNKNOWN_COLOUR) if names else UNKNOWN_COLOUR
        tip = f"quote {number} ({quote.kind}): {who}"
        for span in quote.content:
            marks.append((span, f"background-color: {colour}", tip))
        if quote.cue:
            marks.append((quote.cue, CUE_STYLE, f"{tip}; cue"))
        if quote.source:
            marks.append((quote.source, SOURCE_STYLE, f"{tip}; source"))
    return marks


def _highlight(text: str, marks: list[tuple[Span, str, str]]) -> str:
    """Escaped ``text`` with each stretch wrapped in the styles of the marks that cover it (overlaps combine)."""
    bounds = sorted({0, len(text), *(p for span, _, _ in marks for p in (span.start, span.end) if 0 <= p <= len(text))})
    pieces = []
    for start, end in zip(bounds, bounds[1:]):
        chunk = html.escape(text[start:end])
        active = [(style, tip) for span, style, tip in marks if span.start <= start and end <= span.end]
        if active:
            style = "; ".join(dict.fromkeys(style for style, _ in active))
            tip = html.escape(" / ".join(dict.fromkeys(tip for _, tip in active)), quote=True)
            pieces.append(f'<span style="{style}" title="{tip}">{chunk}</span>')
        else:
            pieces.append(chunk)
    return "".join(pieces)


def highlight_quotes(attributed: AttributedArticle) -> HTML:
    """The article text with each quote highlighted in its speaker's colour, cue and source underlined, and a legend."""
    colours = speaker_colours(attributed)
    text = attributed.article.text
    body = _highlight(text, _marks(attributed, colours))
    counts = quote_counts(attributed)
    speakers = {s.name: s for q in attributed.quotes for s in q.speakers} | {s.name: s for s in attributed.speakers}
    items = []
    for name, colour in colours.items():
        speaker = speakers[name]
        details = ", ".join(html.escape(part) for part in (speaker.role, speaker.side or "side unknown") if part)
        items.append(
            f'<li style="margin: 2px 0"><span style="background-color: {colour}; padding: 0 0.5em">'
            f"{html.escape(name)}</span> — {details}; {counts.get(name, 0)} quote(s)</li>"
        )
    if any(not q.speakers for q in attributed.quotes):
        items.append(f'<li><span style="background-color: {UNKNOWN_COLOUR}; padding: 0 0.5em">unresolved speaker</span></li>')
    legend = (
        '<div style="font-size: 0.9em; margin-bottom: 0.8em"><strong>Speakers</strong>'
        f'<ul style="list-style: none; padding-left: 0; margin: 0.3em 0">{"".join(items) or "<li>no quotes found</li>"}</ul>'
        f'<span style="{CUE_STYLE}">cue</span> (the reporting verb) · '
        f'<span style="{SOURCE_STYLE}">source</span> (the mention of the speaker next to it)</div>'
    )
    article = (
        '<div class="analysis-article" style="white-space: pre-wrap; line-height: 1.6; max-width: 60em; '
        f'font-family: Georgia, serif; border-left: 3px solid #ccc; padding-left: 1em">{body}</div>'
    )
    return HTML(f'<div class="analysis-highlight">{legend}{article}</div>')


def article_header(attributed: AttributedArticle, *, title: str = "") -> HTML:
    """A heading with the report title (default: the article's), and the article's file, outlet and date.

    >>> from analysis.records import Article, AttributedArticle, Tokens
    >>> article_header(AttributedArticle(Article("t", path="a.txt"), Tokens("t", (), ())), title="<i>x</i>").html
    '<h1>&lt;i&gt;x&lt;/i&gt;</h1><p><small>a.txt · 0 quotes, 0 speakers</small></p>'
    """
    article = attributed.article
    heading = title or article.title or article.name
    facts = [article.name, article.outlet, article.date, f"{len(attributed.quotes)} quotes, {len(attributed.speakers)} speakers"]
    line = " · ".join(html.escape(fact) for fact in facts if fact)
    return HTML(f"<h1>{html.escape(heading)}</h1><p><small>{line}</small></p>")


def heading(text: str, *, level: int = 1) -> HTML:
    """An escaped heading, for titles that come from parameters.

    >>> heading("<Corpus>").html
    '<h1>&lt;Corpus&gt;</h1>'
    """
    return HTML(f"<h{level}>{html.escape(text)}</h{level}>")


def note(text: str) -> HTML:
    """An escaped one-paragraph note, e.g. when a section has nothing to show.

    >>> note("No dates: no timeline.").html
    '<p><em>No dates: no timeline.</em></p>'
    """
    return HTML(f"<p><em>{html.escape(text)}</em></p>")


def corpus_header(tables, *, title: str = "", source: str = "") -> HTML:
    """A heading for a corpus report: the title (default: names the source) and what was read.

    ``tables`` is a :class:`analysis.frames.CorpusTables`.
    """
    heading = title or f"Corpus: {source}" if (title or source) else "Corpus"
    facts = (
        f"{len(tables.articles)} articles analysed, {len(tables.quotes)} quotes, "
        f"{tables.quotes['speaker'].nunique() if len(tables.quotes) else 0} speaker names, "
        f"{len(tables.failures)} inputs failed"
    )
    return HTML(f"<h1>{html.escape(heading)}</h1><p><small>{html.escape(facts)}</small></p>")


def table_or_note(table, *, empty: str):
    """The table itself, or a note saying ``empty`` when it has no rows (so a report never shows a bare header).

    >>> import pandas as pd
    >>> table_or_note(pd.DataFrame(columns=["source", "error"]), empty="No input failed.").html
    '<p><em>No input failed.</em></p>'
    """
    return table if len(table) else note(empty)
