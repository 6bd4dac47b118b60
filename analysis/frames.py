"""Frames: records to pandas DataFrames, for notebooks and plots.

Records stay inside the package; these functions are the edge where they
become tables. One row per quote (:func:`quote_table`), per speaker
(:func:`speaker_table`), and for a corpus the same tables concatenated with
each article's metadata (:func:`corpus_tables`). Missing speakers and sides
are shown as :data:`UNKNOWN` so that groupings and plots keep them.

>>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
>>> text = "“We agree,” Umerov said."
>>> umerov = Speaker("Rustem Umerov", side="Ukraine")
>>> quote = Quote("direct", (Span(0, 11),), Span(19, 23), Span(12, 18), (umerov,))
>>> attributed = AttributedArticle(Article(text, id="a"), Tokens(text, (), ()), (quote,), (umerov,))
>>> quote_table(attributed)[["speaker", "side", "cue", "content"]].to_dict("records")
[{'speaker': 'Rustem Umerov', 'side': 'Ukraine', 'cue': 'said', 'content': '“We agree,”'}]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .records import Article, AttributedArticle, LoadFailure, Quote

UNKNOWN = "(unknown)"  # label for a quote without a resolved speaker, or a speaker without a side
JOINT = " & "  # joins the names (and sides) of a joint statement's speakers

QUOTE_COLUMNS = (
    "article", "kind", "speaker", "side", "role", "cue", "content",
    "paragraph", "sentence", "reason", "problems", "offsets",
)  # fmt: skip
SPEAKER_COLUMNS = ("name", "kind", "role", "side", "side_evidence", "quotes")
ARTICLE_COLUMNS = ("file", "title", "outlet", "date", "quotes", "speakers")
FAILURE_COLUMNS = ("source", "error", "error_type")
METADATA_COLUMNS = ("file", "outlet", "date")

# PolNeAR-style file names: <outlet>_<YYYY-MM-DD>_<slug>.txt
_FILE_NAME = re.compile(r"^(?P<outlet>[A-Za-z][\w.-]*?)_(?P<date>\d{4}-\d{2}-\d{2})_")


def quote_speaker(quote: Quote) -> tuple[str, str]:
    """(speaker, side) labels of a quote; a joint statement joins its speakers' names.

    >>> from analysis.records import Quote, Speaker
    >>> pair = (Speaker("A", side="X"), Speaker("B", side="Y"))
    >>> quote_speaker(Quote("indirect", (), None, None, pair))
    ('A & B', 'X & Y')
    >>> quote_speaker(Quote("direct", (), None, None))
    ('(unknown)', '(unknown)')
    """
    if not quote.speakers:
        return UNKNOWN, UNKNOWN
    names = JOINT.join(speaker.name for speaker in quote.speakers)
    sides = list(dict.fromkeys(speaker.side or UNKNOWN for speaker in quote.speakers))
    return names, JOINT.join(sides)


def quote_table(attributed: AttributedArticle) -> pd.DataFrame:
    """One row per quote, in article order: who, which side, through which cue, what."""
    text = attributed.article.text
    rows = []
    for quote in attributed.quotes:
        speaker, side = quote_speaker(quote)
        roles = [s.role for s in quote.speakers if s.role]
        rows.append(
            {
                "article": attributed.article.name,
                "kind": quote.kind,
                "speaker": speaker,
                "side": side,
                "role": "; ".join(roles) or None,
                "cue": quote.cue.text(text) if quote.cue else None,
                "content": quote.content_text(text),
                "paragraph": quote.paragraph,
                "sentence": quote.sentence,
                "reason": quote.reason,
                "problems": "; ".join(quote.problems),
                "offsets": [span.as_list() for span in quote.content],
            }
        )
    return pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))


def quote_counts(attributed: AttributedArticle) -> dict[str, int]:
    """Number of quotes per speaker name; a joint statement counts for each of its speakers.

    >>> from analysis.records import Article, AttributedArticle, Quote, Speaker, Tokens
    >>> a, b = Speaker("A"), Speaker("B")
    >>> quotes = (Quote("direct", (), None, None, (a,)), Quote("direct", (), None, None, (a, b)))
    >>> quote_counts(AttributedArticle(Article("t"), Tokens("t", (), ()), quotes))
    {'A': 2, 'B': 1}
    """
    counts: dict[str, int] = {}
    for quote in attributed.quotes:
        for speaker in quote.speakers:
            counts[speaker.name] = counts.get(speaker.name, 0) + 1
    return counts


def speaker_table(attributed: AttributedArticle) -> pd.DataFrame:
    """One row per speaker with their role, side, the words the side came from, and number of quotes.

    >>> from analysis.records import Article, AttributedArticle, Quote, Speaker, Tokens
    >>> a, b = Speaker("A", side="X"), Speaker("B")
    >>> quotes = (Quote("direct", (), None, None, (a,)), Quote("direct", (), None, None, (a, b)))
    >>> attributed = AttributedArticle(Article("t"), Tokens("t", (), ()), quotes, (a, b))
    >>> speaker_table(attributed)[["name", "side", "quotes"]].to_dict("records")
    [{'name': 'A', 'side': 'X', 'quotes': 2}, {'name': 'B', 'side': '(unknown)', 'quotes': 1}]
    """
    counts = quote_counts(attributed)
    rows = [
        {
            "name": speaker.name,
            "kind": speaker.kind,
            "role": speaker.role,
            "side": speaker.side or UNKNOWN,
            "side_evidence": speaker.side_evidence,
            "quotes": counts.get(speaker.name, 0),
        }
        for speaker in attributed.speakers
    ]
    return pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))


def article_metadata(article: Article) -> dict[str, str | None]:
    """File, outlet and date of an article; outlet and date fall back to a ``outlet_YYYY-MM-DD_slug`` file name.

    >>> from analysis.records import Article
    >>> article_metadata(Article("t", path="/x/breitbart_2016-09-12_stealth.txt"))
    {'file': 'breitbart_2016-09-12_stealth.txt', 'outlet': 'breitbart', 'date': '2016-09-12'}
    >>> article_metadata(Article("t", path="notes.txt", outlet="The Gaze"))
    {'file': 'notes.txt', 'outlet': 'The Gaze', 'date': None}
    """
    match = _FILE_NAME.match(article.name)
    return {
        "file": article.name,
        "outlet": article.outlet or (match["outlet"] if match else None),
        "date": article.date or (match["date"] if match else None),
    }


@dataclass(frozen=True, slots=True)
class ArticleTables:
    """One attributed article and its tables, as the article notebook shows them."""

    attributed: AttributedArticle
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    tone: pd.DataFrame
    positions: pd.DataFrame


@dataclass(frozen=True, slots=True)
class CorpusTables:
    """Tables over many articles, each row carrying its article's file, outlet and date."""

    articles: pd.DataFrame  # one row per article that was analysed
    quotes: pd.DataFrame
    tone: pd.DataFrame
    positions: pd.DataFrame
    failures: pd.DataFrame  # inputs that could not be read or analysed, and why

    @property
    def has_dates(self) -> bool:
        """Whether any article has a date, so a timeline can be drawn."""
        return bool(self.articles["date"].notna().any()) if len(self.articles) else False


def _optional(value):
    """Papermill parameters are literals, so an empty string stands for 'none'."""
    return value or None


def _read_sides(sides):
    if sides is None or isinstance(sides, dict):
        return sides
    from .speakers import read_sides

    return read_sides(sides)


def article_tables(
    article: Article | str | os.PathLike, *, sides=None, topics=None
) -> ArticleTables:
    """Attribute one article (a record or a file) and build its quote, speaker, tone and position tables.

    ``sides`` is a side mapping or the path of one, ``topics`` the path of a
    topic lexicon; empty strings mean none (papermill parameter defaults).
    """
    from .attribution import attribute
    from .load import load_article

    if not isinstance(article, Article):
        article = load_article(article)
    attributed = attribute(article, sides=_read_sides(_optional(sides)))
    return ArticleTables(
        attributed=attributed,
        quotes=quote_table(attributed),
        speakers=speaker_table(attributed),
        tone=tone_table(attributed, topics=_optional(topics)),
        positions=position_table(attributed, topics=_optional(topics)),
    )


def _tone_frame(attributed: AttributedArticle, *, topics=None) -> pd.DataFrame:
    """Tone rows, with speaker and side labelled as in :func:`quote_table` (joint quotes joined, gaps UNKNOWN)."""
    from .tone import tone_rows

    rows = tone_rows(attributed, topics=topics)
    labels = [quote_speaker(attributed.quotes[row["quote"] - 1]) for row in rows]  # "quote" is 1-based
    frame = pd.DataFrame(rows)
    if rows:
        frame["speaker"], frame["side"] = [speaker for speaker, _ in labels], [side for _, side in labels]
    return frame


def corpus_tables(
    paths_or_articles: Iterable[str | os.PathLike | Article] | str | os.PathLike, *, sides=None, topics=None
) -> CorpusTables:
    """Quote, tone and position tables over many articles, with each article's file, outlet and date.

    Accepts files, folders, glob patterns and tables of articles (see
    :func:`analysis.load.iter_corpus`), or Article records. An input that
    cannot be read, or an article whose analysis fails, is listed in
    ``failures`` and the rest go on.

    >>> tables = corpus_tables(["no-such-folder/"])
    >>> len(tables.quotes), tables.failures["error"].tolist()
    (0, ['no such file or folder; check the path'])
    """
    from .load import iter_corpus

    sides = _read_sides(_optional(sides))
    topics = _optional(topics)
    items = [paths_or_articles] if isinstance(paths_or_articles, (str, os.PathLike)) else list(paths_or_articles)
    articles = [item for item in items if isinstance(item, Article)]
    others = [item for item in items if not isinstance(item, Article)]
    stream = [*articles, *(iter_corpus(others) if others else [])]

    meta_rows, quotes, tones, positions, failures = [], [], [], [], []
    for item in stream:
        if isinstance(item, LoadFailure):
            failures.append(item)
            continue
        try:
            tables = article_tables(item, sides=sides, topics=topics)
        except Exception as error:  # one article's failure, whatever it is, is listed, not raised
            failures.append(LoadFailure(item.name, " ".join(str(error).split()), type(error).__name__))
            continue
        meta = article_metadata(item)
        meta_rows.append({**meta, "title": item.title, "quotes": len(tables.attributed.quotes),
                          "speakers": len(tables.attributed.speakers)})  # fmt: skip
        for frame, bucket in zip((tables.quotes, tables.tone, tables.positions), (quotes, tones, positions)):
            bucket.append(frame.assign(**meta))
    return CorpusTables(
        articles=pd.DataFrame(meta_rows, columns=list(ARTICLE_COLUMNS)),
        quotes=_concat(quotes, QUOTE_COLUMNS),
        tone=_concat(tones),
        positions=_concat(positions),
        failures=pd.DataFrame([(f.source, f.error, f.error_type) for f in failures], columns=list(FAILURE_COLUMNS)),
    )


def top_speakers(quotes: pd.DataFrame, *, top: int = 25) -> pd.DataFrame:
    """The most quoted speakers of a corpus: their sides, outlets, articles and quotes, most quoted first.

    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"file": ["a", "a", "b", "b"], "outlet": ["x", "x", "y", "y"],
    ...                        "speaker": ["Ann", "Ann", "Ann", "(unknown)"], "side": ["union"] * 4})
    >>> top_speakers(quotes).to_dict("records")
    [{'speaker': 'Ann', 'side': 'union', 'outlets': 'x, y', 'articles': 2, 'quotes': 3}]
    """
    columns = ["speaker", "side", "outlets", "articles", "quotes"]
    named = quotes[quotes["speaker"] != UNKNOWN] if len(quotes) else quotes
    if not len(named):
        return pd.DataFrame(columns=columns)
    table = named.groupby("speaker").agg(
        side=("side", _join_labels), outlets=("outlet", _join_labels), articles=("file", "nunique"), quotes=("file", "size")
    )
    table = table.reset_index().sort_values(["quotes", "speaker"], ascending=[False, True], ignore_index=True)
    return table[columns].head(top)


def _join_labels(values: Iterable) -> str:
    return ", ".join(sorted({value for value in values if isinstance(value, str)}))


def _concat(frames: list[pd.DataFrame], columns: Iterable[str] = ()) -> pd.DataFrame:
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=[*METADATA_COLUMNS, *columns])
    table = pd.concat(frames, ignore_index=True)
    return table[[*METADATA_COLUMNS, *(c for c in table.columns if c not in METADATA_COLUMNS)]]


# --- tone and positions ---

TONE_SUMMARY_COLUMNS = ("quotes", "words", "mean", "spread")


def tone_table(attributed: AttributedArticle, *, topics=None) -> pd.DataFrame:
    """One row per quote with its tone: speaker, side, cue stance, compound, markers and explanation.

    ``topics`` is a topic file (or None for the shipped lexicon) whose words are not counted as tone.

    >>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
    >>> text = "“We have agreed,” Medinsky claimed."
    >>> quote = Quote("direct", (Span(0, 17),), Span(27, 34), Span(18, 26), (Speaker("Medinsky", side="Russia"),))
    >>> table = tone_table(AttributedArticle(Article(text, id="a"), Tokens(text, (), ()), (quote,)))
    >>> table[["article", "speaker", "cue_stance", "compound"]].to_dict("records")
    [{'article': 'a', 'speaker': 'Medinsky', 'cue_stance': 'distancing', 'compound': 0.2732}]
    """
    frame = _tone_frame(attributed, topics=topics)
    frame.insert(0, "article", attributed.article.name)
    return frame


def tone_summary(attributed_or_table, *, by: str = "speaker", topics=None) -> pd.DataFrame:
    """Tone per speaker or per side: quotes, words, mean and spread of compound, marker rates, cue stances.

    Takes an attributed article or a tone table (:func:`tone_table`, or a
    corpus's ``tone`` table). A joint statement ("A & B", or a list of names)
    counts for each of its speakers; marker columns give the share of quotes
    carrying the marker, ``cue_<stance>`` columns the number of quotes per cue
    stance.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"speaker": ["A", "A & B"], "side": ["X", "X"], "compound": [0.5, -0.1],
    ...                       "words": [4, 6], "markers": [["hedge"], []], "cue_stance": ["neutral", "claimed"]})
    >>> tone_summary(table)[["speaker", "quotes", "words", "mean", "spread", "hedge"]].to_dict("records")
    [{'speaker': 'A', 'quotes': 2, 'words': 10, 'mean': 0.2, 'spread': 0.3, 'hedge': 0.5}, {'speaker': 'B', 'quotes': 1, 'words': 6, 'mean': -0.1, 'spread': 0.0, 'hedge': 0.0}]
    """
    from .tone import MARKER_NAMES

    if by not in ("speaker", "side"):
        raise ValueError(f"by must be 'speaker' or 'side', not {by!r}")
    table = attributed_or_table
    if isinstance(table, AttributedArticle):
        table = tone_table(table, topics=topics)
    if not len(table):
        return pd.DataFrame(columns=[by, *TONE_SUMMARY_COLUMNS, *MARKER_NAMES])
    table = table.copy()
    table[by] = table[by].map(_split_joint)
    table = table.explode(by)
    markers = table["markers"].map(lambda names: names if isinstance(names, list) else [])
    for name in MARKER_NAMES:
        table[name] = markers.map(lambda names, name=name: float(name in names))
    table["cue_stance"] = table["cue_stance"].fillna("no cue")
    grouped = table.groupby(by, sort=False)
    summary = grouped.agg(
        quotes=("compound", "size"),
        words=("words", "sum"),
        mean=("compound", "mean"),
        spread=("compound", lambda v: float(v.std(ddof=0))),
        **{name: (name, "mean") for name in MARKER_NAMES},
    )
    stances = pd.crosstab(table[by], table["cue_stance"]).add_prefix("cue_")
    summary = summary.join(stances).reset_index()
    summary[["mean", "spread"]] = summary[["mean", "spread"]].round(4)
    return summary.sort_values(["quotes", by], ascending=[False, True], ignore_index=True)


def _split_joint(label) -> list[str]:
    """The names (or sides) in a speaker or side label: "A & B" or ["A", "B"] → ["A", "B"]."""
    if isinstance(label, (list, tuple)):
        return list(label) or [UNKNOWN]
    if not isinstance(label, str) or not label:
        return [UNKNOWN]
    return list(dict.fromkeys(label.split(JOINT)))


def position_table(attributed: AttributedArticle, *, topics=None) -> pd.DataFrame:
    """One row per stated position: speaker, side, topic, stance, quantities, evidence, modality, negation.

    >>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
    >>> text = "Russia had offered to return the remains of 3,000 servicemen, Medinsky claimed."
    >>> quote = Quote("indirect", (Span(0, 60),), Span(71, 78), Span(62, 70), (Speaker("Medinsky"),))
    >>> table = position_table(AttributedArticle(Article(text, id="a"), Tokens(text, (), ()), (quote,)))
    >>> table[["speaker", "topic", "stance", "quantities"]].to_dict("records")
    [{'speaker': 'Medinsky', 'topic': 'return of remains', 'stance': 'offer', 'quantities': ['3,000']}]
    """
    from .positions import position_rows

    frame = pd.DataFrame(position_rows(attributed, topics=topics))
    frame.insert(0, "article", attributed.article.name)
    return frame
