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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from .errors import ParameterError
from .records import Article, AttributedArticle, LoadFailure, Quote

UNKNOWN = "(unknown)"  # label for a quote without a resolved speaker, or a speaker without a side
JOINT = " & "  # joins the names (and sides) of a joint statement's speakers

# ``quote`` is the quote's number as a reader sees it everywhere: its 1-based position in AttributedArticle.quotes.
QUOTE_COLUMNS = (
    "article", "quote", "kind", "speaker", "side", "speaker_id", "role", "cue", "content",
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

    The side label is one side when every speaker has it, else one side per
    speaker in the same order as the names, so :func:`speaker_rows` can pair them.

    >>> from analysis.records import Quote, Speaker
    >>> pair = (Speaker("A", side="X"), Speaker("B", side="Y"))
    >>> quote_speaker(Quote("indirect", (), None, None, pair))
    ('A & B', 'X & Y')
    >>> quote_speaker(Quote("indirect", (), None, None, (Speaker("A", side="X"), Speaker("B", side="X"))))
    ('A & B', 'X')
    >>> quote_speaker(Quote("direct", (), None, None))
    ('(unknown)', '(unknown)')
    """
    if not quote.speakers:
        return UNKNOWN, UNKNOWN
    names = JOINT.join(speaker.name for speaker in quote.speakers)
    sides = [speaker.side or UNKNOWN for speaker in quote.speakers]
    return names, sides[0] if len(set(sides)) == 1 else JOINT.join(sides)


def attributed_article(article, *, sides=None, what: str = "this function") -> AttributedArticle:
    """What a user passes for an article, attributed: an attributed article, an article's tables, an Article, or a path.

    ``sides`` (a mapping or the path of one) is used when the article still
    has to be attributed. Anything else is a :class:`ParameterError` saying
    what to pass.

    >>> attributed_article(42, what="quote_table")
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: quote_table takes an article: the result of analysis.attribute(...), an article's tables (analysis.frames.article_tables(...)), an Article, or the path of an article file; got int
    """
    if isinstance(article, ArticleTables):
        return article.attributed
    if isinstance(article, AttributedArticle):
        return article
    if isinstance(article, Article) or (isinstance(article, (str, os.PathLike)) and str(article)):
        from .attribution import attribute
        from .load import load_article

        mapping = _read_sides(_optional(sides))  # a wrong sides is said before any file is read
        return attribute(article if isinstance(article, Article) else load_article(article), sides=mapping)
    raise ParameterError(
        f"{what} takes an article: the result of analysis.attribute(...), an article's tables "
        "(analysis.frames.article_tables(...)), an Article, or the path of an article file; "
        f"got {type(article).__name__}"
    )


def quote_table(attributed: AttributedArticle) -> pd.DataFrame:
    """One row per quote, in article order: its number, who, which side, through which cue, what.

    Takes an attributed article (or anything :func:`attributed_article` accepts, such as a path).
    """
    attributed = attributed_article(attributed, what="quote_table")
    text = attributed.article.text
    rows = []
    for number, quote in enumerate(attributed.quotes, 1):
        speaker, side = quote_speaker(quote)
        roles = [s.role for s in quote.speakers if s.role]
        rows.append(
            {
                "article": attributed.article.name,
                "quote": number,
                "kind": quote.kind,
                "speaker": speaker,
                "side": side,
                "speaker_id": [s.id for s in quote.speakers],
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
    attributed = attributed_article(attributed, what="quote_counts")
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
    attributed = attributed_article(attributed, what="speaker_table")
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
    """One attributed article and its tables, as the article notebook shows them.

    ``palette`` gives every side and speaker of the article one colour, for
    every figure and the highlighted text alike.
    """

    attributed: AttributedArticle
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    tone: pd.DataFrame
    positions: pd.DataFrame

    @property
    def palette(self):
        """The article's :class:`analysis.display.Palette`: one colour per side and per speaker."""
        from .display import build_palette

        return build_palette(self.attributed)

    def __repr__(self) -> str:
        from .display import describe_tables

        return describe_tables(self)

    def _repr_html_(self) -> str:
        from .display import tables_html

        return tables_html(self)


@dataclass(frozen=True, slots=True)
class CorpusTables:
    """Tables over many articles, each row carrying its article's file, outlet and date."""

    articles: pd.DataFrame  # one row per article that was analysed
    quotes: pd.DataFrame
    tone: pd.DataFrame
    positions: pd.DataFrame
    failures: pd.DataFrame  # inputs that could not be read or analysed, and why
    speakers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(CORPUS_SPEAKER_COLUMNS)))
    merges: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name, other spellings merged into it)

    @property
    def has_dates(self) -> bool:
        """Whether any article has a date, so a timeline can be drawn."""
        return bool(self.articles["date"].notna().any()) if len(self.articles) else False

    @property
    def palette(self):
        """The corpus's :class:`analysis.display.Palette`: one colour per side, speaker and outlet, in every figure."""
        from .display import build_palette

        return build_palette(self.quotes)

    def __repr__(self) -> str:
        from .display import describe_tables

        return describe_tables(self)

    def _repr_html_(self) -> str:
        from .display import tables_html

        return tables_html(self)


def _optional(value):
    """Papermill parameters are literals, so an empty string stands for 'none'."""
    return value or None


def _read_sides(sides):
    """A side mapping from what a user passes: None, a mapping, or the path of a JSON or TSV file."""
    if sides is None or isinstance(sides, Mapping):
        return sides
    if isinstance(sides, (str, os.PathLike)):
        from .speakers import read_sides

        return read_sides(sides)
    raise ParameterError(
        "sides takes a mapping of names or words to sides, or the path of a JSON or TSV file holding one; "
        f"got {type(sides).__name__}"
    )


def article_tables(
    article: Article | str | os.PathLike, *, sides=None, topics=None
) -> ArticleTables:
    """Attribute one article (a record or a file) and build its quote, speaker, tone and position tables.

    ``sides`` is a side mapping or the path of one, ``topics`` the path of a
    topic lexicon; empty strings mean none (papermill parameter defaults).
    An article that is already attributed is taken as it is (``sides`` must then be empty).
    """
    if isinstance(article, (AttributedArticle, ArticleTables)) and _optional(sides) is not None:
        raise ParameterError(
            "sides applies while attributing, and this article is attributed already; "
            "pass the Article or its path with sides=..., or attribute it with analysis.attribute(article, sides=...)"
        )
    attributed = attributed_article(article, sides=sides, what="article_tables")
    topics = _optional(topics)
    return ArticleTables(
        attributed=attributed,
        quotes=quote_table(attributed),
        speakers=speaker_table(attributed),
        tone=tone_table(attributed, topics=topics),
        positions=position_table(attributed, topics=topics),
    )


# Columns of a tone table and a position table that has no rows (the rows' own keys otherwise).
TONE_COLUMNS = (
    "quote", "speaker", "side", "speaker_id", "content", "cue", "cue_stance", "compound", "pos", "neu", "neg",
    "markers", "explanation", "words", "set_aside",
)  # fmt: skip
POSITION_COLUMNS = (
    "speaker", "side", "topic", "stance", "quantities", "evidence", "modality", "negated", "quote",
    "evidence_span", "reason",
)  # fmt: skip


def _tone_frame(attributed: AttributedArticle, *, topics=None) -> pd.DataFrame:
    """Tone rows, with speaker and side labelled as in :func:`quote_table`, and the topic phrases set aside."""
    from .tone import score_quotes, tone_row

    rows = []
    for tone in score_quotes(attributed, topics=topics):
        speaker, side = quote_speaker(attributed.quotes[tone.index])  # joint quotes joined, gaps UNKNOWN
        set_aside = list(dict.fromkeys(effect.word for effect in tone.score.set_aside))
        rows.append({**tone_row(tone), "speaker": speaker, "side": side, "set_aside": set_aside})
    return pd.DataFrame(rows, columns=None if rows else list(TONE_COLUMNS))


def corpus_tables(
    paths_or_articles: Iterable[str | os.PathLike | Article] | str | os.PathLike,
    *,
    sides=None,
    topics=None,
    speakers=None,
    jobs: int | None = None,
) -> CorpusTables:
    """Quote, tone, position and speaker tables over many articles, with each article's file, outlet and date.

    Accepts files, folders, glob patterns and tables of articles (see
    :func:`analysis.load.iter_corpus`), or Article records. The articles are
    analysed on ``jobs`` worker processes (default: all cores; the same path
    as ``analysis quotes --jobs``), and their speakers are merged into the
    corpus's (:mod:`analysis.corpus`): one name, side and id per person in
    every table; ``speakers`` is your speakers file. An input that cannot be
    read, or an article whose analysis fails, is listed in ``failures`` and
    the rest go on.

    >>> tables = corpus_tables(["no-such-folder/"], jobs=1)
    >>> len(tables.quotes), tables.failures["error"].tolist()
    (0, ['no such file or folder; check the path'])
    """
    from functools import partial

    from .batch import map_articles
    from .corpus import merge_speakers, read_speakers
    from .streams import corpus_items, speaker_rows

    sides = _read_sides(_optional(sides))
    topics = _optional(topics)
    known = read_speakers(speakers) if isinstance(speakers, (str, os.PathLike)) and speakers else (speakers or ())
    items = [paths_or_articles] if isinstance(paths_or_articles, (str, os.PathLike)) else list(paths_or_articles)
    parts, failures = [], []
    for result in map_articles(partial(article_part, sides=sides, topics=topics), corpus_items(items), jobs=jobs):
        (failures if isinstance(result, LoadFailure) else parts).append(result)
    index = merge_speakers([p.speakers for p in parts], known=known)
    tables = {"quotes": [], "tone": [], "positions": []}
    for part in parts:
        for name, frame in (("quotes", part.quotes), ("tone", part.tone), ("positions", part.positions)):
            tables[name].append(relabel_frame(frame, part.speakers.article, index).assign(**part.meta))
    return CorpusTables(
        articles=pd.DataFrame([p.row for p in parts], columns=list(ARTICLE_COLUMNS)),
        quotes=_concat(tables["quotes"], QUOTE_COLUMNS),
        tone=_concat(tables["tone"]),
        positions=_concat(tables["positions"]),
        failures=pd.DataFrame([(f.source, f.error, f.error_type) for f in failures], columns=list(FAILURE_COLUMNS)),
        speakers=pd.DataFrame(speaker_rows(index), columns=list(CORPUS_SPEAKER_COLUMNS)),
        merges=index.merges,
    )


CORPUS_SPEAKER_COLUMNS = ("id", "name", "aliases", "kind", "roles", "side", "side_evidence", "side_carried", "articles", "files", "quotes")


@dataclass(frozen=True, slots=True)
class ArticlePart:
    """One article's tables and speakers, as a worker returns them for :func:`corpus_tables` (picklable)."""

    meta: dict  # file, outlet, date
    row: dict  # its row of the articles table
    quotes: pd.DataFrame
    tone: pd.DataFrame
    positions: pd.DataFrame
    speakers: object  # analysis.corpus.ArticleSpeakers


def article_part(article: Article, *, sides=None, topics=None) -> ArticlePart:
    """The tables of one article for a corpus, with the summary of its speakers the corpus merge needs."""
    from .corpus import article_speakers

    tables = article_tables(article, sides=sides, topics=topics)
    meta = article_metadata(article)
    row = {**meta, "title": article.title, "quotes": len(tables.attributed.quotes), "speakers": len(tables.attributed.speakers)}
    return ArticlePart(meta, row, tables.quotes, tables.tone, tables.positions, article_speakers(tables.attributed))


def relabel_frame(frame: pd.DataFrame, article: str, index) -> pd.DataFrame:
    """A table with the corpus's names, sides and ids in place of one article's (by its ``speaker_id`` column).

    Labels are built as :func:`quote_speaker` builds them: names joined by
    " & ", one side when every speaker has it; a row whose ids the index does
    not know keeps its labels.
    """
    if not len(frame) or "speaker_id" not in frame.columns:
        return frame
    frame = frame.copy()
    speakers, sides, ids = [], [], []
    for old_speaker, old_side, value in zip(frame["speaker"], frame["side"], frame["speaker_id"]):
        local = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
        views = [index.lookup(article, i) for i in local]
        if not views or any(v is None for v in views):
            speakers.append(old_speaker), sides.append(old_side), ids.append(value)
            continue
        labels = [v.side or UNKNOWN for v in views]
        speakers.append(JOINT.join(v.name for v in views))
        sides.append(labels[0] if len(set(labels)) == 1 else JOINT.join(labels))
        ids.append([v.id for v in views] if not isinstance(value, str) else views[0].id)
    frame["speaker"], frame["side"], frame["speaker_id"] = speakers, sides, ids
    return frame


def quoted_most(tables: CorpusTables, *, top: int = 25) -> pd.DataFrame:
    """The corpus's most quoted speakers, one row per person however the articles spell them.

    From the merged speakers table (:attr:`CorpusTables.speakers`): name,
    side, the other names merged into it, roles (the first three), articles
    and quotes; speakers known only by a description ("officials") are left out.

    >>> import pandas as pd
    >>> speakers = pd.DataFrame([{"id": "a", "name": "Ann Lee", "aliases": ["Lee"], "kind": "person", "roles": ["mayor"],
    ...     "side": "X", "side_evidence": "x", "side_carried": True, "articles": 2, "files": ["a", "b"], "quotes": 3}])
    >>> tables = CorpusTables(*(pd.DataFrame() for _ in range(5)), speakers=speakers)
    >>> quoted_most(tables).to_dict("records")
    [{'speaker': 'Ann Lee', 'side': 'X', 'also written': 'Lee', 'roles': 'mayor', 'articles': 2, 'quotes': 3}]
    """
    columns = ["speaker", "side", "also written", "roles", "articles", "quotes"]
    table = tables.speakers
    if not len(table):
        return pd.DataFrame(columns=columns)
    named = table[table["kind"].isin(["person", "organisation", "country", "group"])] if "kind" in table else table
    rows = [
        {
            "speaker": row["name"],
            "side": row["side"] or UNKNOWN,
            "also written": ", ".join(row["aliases"]),
            "roles": "; ".join(list(row["roles"])[:3]),
            "articles": row["articles"],
            "quotes": row["quotes"],
        }
        for row in named.head(top).to_dict("records")
    ]
    return pd.DataFrame(rows, columns=columns)


def top_speakers(quotes: pd.DataFrame, *, top: int = 25) -> pd.DataFrame:
    """The most quoted speakers of a corpus: their sides, outlets, articles and quotes, most quoted first.

    A joint statement counts for each of its speakers, as in :func:`speaker_table` and the figures.

    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"file": ["a", "a", "b", "b"], "outlet": ["x", "x", "y", "y"],
    ...                        "speaker": ["Ann", "Ann & Bo", "Ann", "(unknown)"], "side": ["union"] * 4})
    >>> top_speakers(quotes).to_dict("records")
    [{'speaker': 'Ann', 'side': 'union', 'outlets': 'x, y', 'articles': 2, 'quotes': 3}, {'speaker': 'Bo', 'side': 'union', 'outlets': 'x', 'articles': 1, 'quotes': 1}]
    """
    columns = ["speaker", "side", "outlets", "articles", "quotes"]
    pairs = speaker_rows(quotes) if len(quotes) else quotes
    named = pairs[pairs["speaker"] != UNKNOWN] if len(pairs) else pairs
    if not len(named):
        return pd.DataFrame(columns=columns)
    table = named.groupby("speaker").agg(
        side=("side", _join_labels), outlets=("outlet", _join_labels), articles=("file", "nunique"), quotes=("file", "size")
    )
    table = table.reset_index().sort_values(["quotes", "speaker"], ascending=[False, True], ignore_index=True)
    return table[columns].head(top)


def _labels(value) -> list[str]:
    """The labels joined in one cell, in order and with repeats: "A & B" or ["A", "B"] → ["A", "B"]; a gap → [UNKNOWN]."""
    if isinstance(value, (list, tuple)):
        return [str(v) if isinstance(v, str) and v else UNKNOWN for v in value] or [UNKNOWN]
    if not isinstance(value, str) or not value:
        return [UNKNOWN]
    return value.split(JOINT)


def speaker_pairs(speaker, side) -> list[tuple[str, str]]:
    """(speaker, side) of each speaker of a quote from its speaker and side labels (see :func:`quote_speaker`).

    >>> speaker_pairs("A & B", "X & Y"), speaker_pairs("A & B", "X"), speaker_pairs(None, None)
    ([('A', 'X'), ('B', 'Y')], [('A', 'X'), ('B', 'X')], [('(unknown)', '(unknown)')])
    """
    names, sides = list(dict.fromkeys(_labels(speaker))), _labels(side)
    if len(sides) == len(names):
        return list(zip(names, sides))
    if len(set(sides)) == 1:
        return [(name, sides[0]) for name in names]
    return [(name, UNKNOWN) for name in names]  # labels that cannot be paired (not made by quote_speaker)


def speaker_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per quote and speaker: a joint statement's row repeated for each speaker, each with their own side.

    Every count per speaker (tables and figures) is made on these rows, so a
    joint statement counts once for each of its speakers everywhere.

    >>> import pandas as pd
    >>> rows = speaker_rows(pd.DataFrame({"quote": [1, 2], "speaker": ["A", "A & B"], "side": ["X", "X & Y"]}))
    >>> rows.to_dict("records")
    [{'quote': 1, 'speaker': 'A', 'side': 'X'}, {'quote': 2, 'speaker': 'A', 'side': 'X'}, {'quote': 2, 'speaker': 'B', 'side': 'Y'}]
    """
    if "speaker" not in frame or not len(frame):
        return frame.reset_index(drop=True)
    sides = frame["side"] if "side" in frame else [UNKNOWN] * len(frame)
    pairs = [speaker_pairs(speaker, side) for speaker, side in zip(frame["speaker"], sides)]
    rows = frame.iloc[[i for i, found in enumerate(pairs) for _ in found]].reset_index(drop=True)
    rows["speaker"] = [name for found in pairs for name, _ in found]
    rows["side"] = [side for found in pairs for _, side in found]
    return rows


def side_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per quote and side: a joint statement of speakers on two sides counts once for each side.

    >>> import pandas as pd
    >>> side_rows(pd.DataFrame({"quote": [1, 2], "side": ["X & X", "X & Y"]})).to_dict("records")
    [{'quote': 1, 'side': 'X'}, {'quote': 2, 'side': 'X'}, {'quote': 2, 'side': 'Y'}]
    """
    if "side" not in frame or not len(frame):
        return frame.reset_index(drop=True)
    sides = [list(dict.fromkeys(_labels(side))) for side in frame["side"]]
    rows = frame.iloc[[i for i, found in enumerate(sides) for _ in found]].reset_index(drop=True)
    rows["side"] = [side for found in sides for side in found]
    return rows


def by_group(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """The rows to count or average per ``by``: per speaker or per side a joint statement counts for each; else as is."""
    if by == "speaker":
        return speaker_rows(frame)
    if by == "side":
        return side_rows(frame)
    return frame.reset_index(drop=True)


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
    attributed = attributed_article(attributed, what="tone_table")
    frame = _tone_frame(attributed, topics=_optional(topics))
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
        raise ParameterError(f"tone_summary: by must be 'speaker' or 'side', not {by!r}")
    table = attributed_or_table
    if isinstance(table, (ArticleTables, CorpusTables)):
        table = table.tone
    elif not isinstance(table, pd.DataFrame):
        table = tone_table(attributed_article(table, what="tone_summary"), topics=topics)
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
    [{'speaker': 'Medinsky', 'topic': 'return of remains: return the remains of servicemen', 'stance': 'offer', 'quantities': ['3,000']}]
    """
    from .positions import position_rows

    attributed = attributed_article(attributed, what="position_table")
    rows = position_rows(attributed, topics=_optional(topics))
    frame = pd.DataFrame(rows, columns=None if rows else list(POSITION_COLUMNS))
    frame.insert(0, "article", attributed.article.name)
    return frame
