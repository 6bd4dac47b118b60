"""Streams: the tables of a corpus (quotes, tone, positions, speakers), relabelled with its speakers.

Each table is a :class:`Table`: the JSON rows of one article (made in the
worker that analysed it, with the article's own speaker ids), how a row is
relabelled with the corpus's speakers, and its flat columns (one row per
quote, tone row, position or speaker) for Parquet and DataFrames.

:func:`run_corpus` runs a table over a corpus through
:func:`analysis.batch.map_articles`: the workers return each article's rows
and its speaker summary (:func:`analysis.corpus.article_speakers`); the rows
are spooled in input order to a temporary file while the summaries are kept;
after the last article the summaries are merged once
(:func:`analysis.corpus.merge_speakers`) and the spool is streamed back,
every row relabelled with the corpus's speakers. Memory holds the summaries,
not the rows; with one article the rows are those of its own index.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("“We agree,” Ivan Petrenko said.", encoding="utf-8")
>>> _ = (folder / "b.txt").write_text("“We disagree,” Petrenko said.", encoding="utf-8")
>>> with run_corpus([folder], "tone", jobs=1) as run:
...     [(row["file"], row["speaker"], row["speaker_id"]) for _, row in run.rows()]
[('a.txt', 'Ivan Petrenko', 'ivan-petrenko'), ('b.txt', 'Ivan Petrenko', 'ivan-petrenko')]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .batch import map_articles
from .records import Article, AttributedArticle, LoadFailure, Topic

# --- tables ---


@dataclass(frozen=True, slots=True)
class Column:
    """A flat column: its name, its type and what it holds (the README's Parquet table lists them)."""

    name: str
    type: str  # str, int, float, bool, names (a name or a list of names: always a list here), list[str], list[int], list[list[int]]
    doc: str


def _relabel_row(index, row: dict, key: str) -> dict:
    return index.relabel(row, key)


def _relabel_quotes(index, line: dict, key: str) -> dict:
    return {**line, "quotes": [index.relabel(q, key) for q in line["quotes"]]}


def _one_row(row: dict) -> Iterator[dict]:
    yield row


def _quote_rows(line: dict) -> Iterator[dict]:
    for quote in line["quotes"]:
        yield {"file": line["file"], **quote}


@dataclass(frozen=True, slots=True)
class Table:
    """One of the command line's tables, from an article's rows to the corpus's."""

    name: str
    columns: tuple[Column, ...]
    article_rows: Callable[..., list[dict]] | None  # (attributed, topics) -> JSON rows; None: rows come from the index
    relabel: Callable = _relabel_row  # (index, row, article key) -> the row with corpus speakers
    flat: Callable[[dict], Iterable[dict]] = _one_row  # JSON row -> flat rows (quotes: one per quote)
    index_rows: Callable | None = None  # (index) -> rows, for tables made from the merged speakers


def quote_lines(attributed: AttributedArticle, topics=None) -> list[dict]:
    """The ``analysis quotes`` JSON line of one article (one row: the article, its quotes nested)."""
    from .attribution import quotes_json

    return [quotes_json(attributed)]


def tone_lines(attributed: AttributedArticle, topics=None) -> list[dict]:
    """The ``analysis tone`` rows of one article, each with its ``file``."""
    from .tone import tone_rows

    name = attributed.article.name
    return [{"file": name, **row} for row in tone_rows(attributed, topics=topics)]


def position_lines(attributed: AttributedArticle, topics=None) -> list[dict]:
    """The ``analysis positions`` rows of one article, each with its ``file``."""
    from .positions import position_rows

    name = attributed.article.name
    return [{"file": name, **row} for row in position_rows(attributed, topics=topics)]


def speaker_rows(index) -> list[dict]:
    """One row per speaker of a merged :class:`~analysis.corpus.SpeakerIndex`, most quoted first.

    >>> from analysis.corpus import ArticleSpeakers, merge_speakers
    >>> from analysis.records import Speaker
    >>> index = merge_speakers([ArticleSpeakers("a.txt", (Speaker("Ann Lee", side="X", id="ann-lee"),), (2,)),
    ...                         ArticleSpeakers("b.txt", (Speaker("Lee", id="lee"),), (1,))])
    >>> [(r["name"], r["aliases"], r["side"], r["side_carried"], r["articles"], r["quotes"]) for r in speaker_rows(index)]
    [('Ann Lee', ['Lee'], 'X', True, 2, 3)]
    """
    rows = [
        {
            "id": s.id,
            "name": s.name,
            "aliases": list(s.aliases),
            "kind": s.kind,
            "roles": list(s.roles),
            "side": s.side,
            "side_evidence": s.side_evidence,
            "side_carried": s.side_carried,
            "articles": len(s.articles),
            "files": list(s.articles),
            "quotes": s.quotes,
        }
        for s in index.speakers
        if s.quotes  # an entity the corpus only mentions is no speaker (it can still hold a position)
    ]
    rows.sort(key=lambda r: (-r["quotes"], -r["articles"], r["name"], r["id"] or ""))
    return rows


def merge_rows(index) -> list[dict]:
    """The merges the corpus made: each canonical name with the other spellings merged into it."""
    quoted = {s.name for s in index.speakers if s.quotes}
    return [{"name": name, "merged": list(spellings)} for name, spellings in index.merges if name in quoted]


_SPEAKER = (
    Column("speaker", "names", "who said it: one name, several for a joint statement; null when unresolved"),
    Column("side", "names", "their side(s), in the order of speaker; null where unknown"),
    Column("speaker_id", "names", "their corpus speaker id(s) (see analysis speakers)"),
)
_HOLDER = (
    Column("holder", "names", "who takes the stance (the speaker, or whom the speaker reports)"),
    Column("holder_side", "names", "the holder's side"),
    Column("holder_id", "names", "the holder's corpus speaker id"),
)
QUOTE_COLUMNS = (
    Column("file", "str", "the article's file name (or id)"),
    Column("quote", "int", "the quote's number in its article, from 1"),
    Column("kind", "str", "direct, indirect or mixed"),
    *_SPEAKER,
    Column("text", "str", "the quote's words as written (parts joined with ' … ')"),
    Column("cue", "list[list[int]]", "the reporting cue's [start, end] code-point offsets (empty: no cue)"),
    Column("sources", "list[list[int]]", "the source mention's offsets"),
    Column("contents", "list[list[int]]", "the content's offsets (two parts when split around its cue)"),
    Column("link", "str", "how the source was linked to the speaker"),
    Column("rule", "str", "the rule that found the quote"),
)
TONE_COLUMNS = (
    Column("file", "str", "the article's file name (or id)"),
    Column("quote", "int", "the quote's number in its article"),
    *_SPEAKER,
    Column("content", "str", "the quote's words"),
    Column("cue", "str", "the reporting cue"),
    Column("cue_stance", "str", "neutral, emphatic, distancing, confirming, contesting or unlisted"),
    Column("compound", "float", "VADER-style tone, -1 to +1"),
    Column("pos", "float", "share of positive weight"),
    Column("neu", "float", "share of neutral weight"),
    Column("neg", "float", "share of negative weight"),
    Column("markers", "list[str]", "tone markers found (hedge, booster, negation …)"),
    Column("explanation", "str", "the words that moved the score, and by how much"),
    Column("words", "int", "number of words in the quote"),
)
POSITION_COLUMNS = (
    Column("file", "str", "the article's file name (or id)"),
    *_SPEAKER,
    Column("topic", "str", "the topic: a lexicon topic with the words naming it, or the words the stance governs where the clause names the party and no lexicon topic"),
    Column("stance", "str", "support, oppose, propose, offer, demand, reject or neutral"),
    Column("quantities", "list[str]", "quantities stated, with their qualifiers"),
    Column("evidence", "str", "the words the position was read from"),
    Column("modality", "str", "the strongest modal of the clause (must, will, may …)"),
    Column("negated", "bool", "whether the clause is negated"),
    Column("quote", "int", "the number of the quote it was read from"),
    Column("evidence_span", "list[int]", "the evidence's [start, end] offsets"),
    Column("reason", "str", "which words decided the stance"),
    *_HOLDER,
)
SPEAKER_COLUMNS = (
    Column("id", "str", "the corpus speaker id (a slug of the name)"),
    Column("name", "str", "the fullest form of the name the corpus gives"),
    Column("aliases", "list[str]", "the other forms merged into it"),
    Column("kind", "str", "person, organisation, country, group or unknown"),
    Column("roles", "list[str]", "every role the articles give"),
    Column("side", "str", "the side the articles state (null: none does)"),
    Column("side_evidence", "str", "the words the side was read from"),
    Column("side_carried", "bool", "the side was stated in another article than some of those it holds for"),
    Column("articles", "int", "number of articles that mention the speaker"),
    Column("files", "list[str]", "those articles"),
    Column("quotes", "int", "number of quotes, a joint statement counting for each speaker"),
)

TABLES: dict[str, Table] = {
    "quotes": Table("quotes", QUOTE_COLUMNS, quote_lines, _relabel_quotes, _quote_rows),
    "tone": Table("tone", TONE_COLUMNS, tone_lines),
    "positions": Table("positions", POSITION_COLUMNS, position_lines),
    "speakers": Table("speakers", SPEAKER_COLUMNS, None, index_rows=speaker_rows),
}


def table_spec(table: str | Table) -> Table:
    """The :class:`Table` a name of :data:`TABLES` stands for; a Table (another module's, e.g. the network's) as it is."""
    return table if isinstance(table, Table) else TABLES[table]


def flat_row(table: Table, row: dict) -> dict:
    """A flat row with exactly the table's columns: a name or a list of names is always a list; absent keys are null.

    >>> flat_row(TABLES["tone"], {"speaker": "Ann", "side": None, "quote": 1})["speaker"]
    ['Ann']
    """
    out = {}
    for column in table.columns:
        value = row.get(column.name)
        if column.type == "names" and isinstance(value, str):
            value = [value]
        out[column.name] = value
    return out


# --- one article in a worker ---


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """What a worker returns for one article: its key, its JSON rows (as text) and its speaker summary."""

    key: str
    rows: tuple[str, ...]
    speakers: object  # analysis.corpus.ArticleSpeakers


def analyse_article(
    article: Article, *, table: str | Table, sides: Mapping[str, str] | None = None, topics: Sequence[Topic] | None = None
) -> ArticleRows:
    """Attribute one article and make its rows for ``table`` (a name of TABLES, or a Table) and its speaker summary (runs in a worker)."""
    from .attribution import attribute
    from .corpus import article_key, article_speakers

    attributed = attribute(article, sides=sides)
    make = table_spec(table).article_rows
    rows = make(attributed, topics) if make is not None else ()
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    return ArticleRows(article_key(attributed), tuple(dumps(row) for row in rows), article_speakers(attributed))


# --- the corpus ---


@dataclass
class CorpusRun:
    """A table over a corpus, analysed and merged; :meth:`rows` streams it back relabelled."""

    table: Table
    index: object  # analysis.corpus.SpeakerIndex
    failures: list[LoadFailure]
    total: int  # inputs seen: articles analysed plus failures
    _spool: Path | None = field(default=None, repr=False)

    def rows(self) -> Iterator[tuple[str, dict]]:
        """(JSON text, row) of every row, in input order, with the corpus's speakers."""
        if self.table.index_rows is not None:
            encode = json.JSONEncoder(ensure_ascii=False).encode
            for row in self.table.index_rows(self.index):
                yield encode(row), row
            return
        if self._spool is None:
            return
        encode, decode = json.JSONEncoder(ensure_ascii=False).encode, json.JSONDecoder().decode
        relabel, index = self.table.relabel, self.index
        last, key = None, ""
        with open(self._spool, encoding="utf-8", newline="\n") as spool:
            for line in spool:
                key_text, text = line[:-1].split("\t", 1)
                if key_text != last:
                    last, key = key_text, decode(key_text)
                row = decode(text)
                new = relabel(index, row, key)
                yield (text, row) if new == row else (encode(new), new)

    def flat_rows(self) -> Iterator[dict]:
        """The flat rows (one per quote, tone row, position or speaker) with the table's columns."""
        for _, row in self.rows():
            for flat in self.table.flat(row):
                yield flat_row(self.table, flat)


def corpus_items(paths, *, encoding: str | None = None, load_in_workers: bool = False, max_bytes: int | None = None, on_skip=None) -> Iterator:
    """The inputs of a corpus for :func:`map_articles`: articles read here, or file paths read in the workers.

    ``on_skip(skipped)`` hears of each file a folder or pattern holds that is no article (a note, no failure).
    """
    from .load import MAX_BYTES, Skipped, expand_paths, iter_corpus

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    articles = [p for p in paths if isinstance(p, Article)]
    others = [p for p in paths if not isinstance(p, Article)]
    yield from articles
    if not others:
        return
    found = expand_paths(others, with_skipped=True) if load_in_workers else iter_corpus(
        others, encoding=encoding, max_bytes=max_bytes or MAX_BYTES, with_skipped=True
    )
    for item in found:
        if isinstance(item, Skipped):
            if on_skip is not None:
                on_skip(item)
            continue
        yield item


@contextmanager
def run_corpus(
    paths,
    table: str | Table,
    *,
    jobs: int | None = None,
    client=None,
    sides: Mapping[str, str] | None = None,
    topics: Sequence[Topic] | None = None,
    encoding: str | None = None,
    progress: bool | None = None,
    load_in_workers: bool = False,
    known=(),
    max_bytes: int | None = None,
    on_skip=None,
) -> Iterator[CorpusRun]:
    """Analyse ``paths`` (files, folders, globs, articles) for ``table``; yield a :class:`CorpusRun` to read.

    The rows wait in a temporary file that is removed when the ``with`` block
    ends. ``progress`` shows a bar on standard error (default: when it is a terminal).
    ``known`` are the rows of the user's speakers file (:func:`analysis.corpus.read_speakers`);
    ``max_bytes`` the size limit of one article, ``on_skip`` hears of files a folder holds that are no article.
    """
    spec = table_spec(table)
    work = partial(analyse_article, table=table, sides=sides, topics=tuple(topics) if topics is not None else None)
    items = corpus_items(paths, encoding=encoding, load_in_workers=load_in_workers, max_bytes=max_bytes, on_skip=on_skip)
    results = map_articles(work, items, jobs=jobs, client=client, encoding=encoding, max_bytes=max_bytes)
    parts, failures, total, seen = [], [], 0, {}
    with tempfile.TemporaryDirectory(prefix="analysis-") as folder:
        spool_path = Path(folder) / f"{spec.name}.rows"
        with open(spool_path, "w", encoding="utf-8", newline="\n") as spool:
            for result in _with_progress(results, progress):
                total += 1
                if isinstance(result, LoadFailure):
                    failures.append(result)
                    continue
                parts.append(_shared(result.speakers, seen))
                if result.rows:
                    key = json.dumps(result.key, ensure_ascii=False)
                    spool.write("".join(f"{key}\t{text}\n" for text in result.rows))
        from .corpus import merge_speakers

        index = merge_speakers(parts, known=known)
        del parts
        yield CorpusRun(spec, index, failures, total, spool_path if spec.article_rows else None)


def _shared(part, seen: dict):
    """The summary with each speaker record shared with the equal ones of earlier articles (a corpus repeats
    its people: one record for "Donald Trump, Republican" instead of one per article keeps the summaries small)."""
    from dataclasses import replace

    return replace(part, speakers=tuple(seen.setdefault(s, s) for s in part.speakers))


def _with_progress(results: Iterator, progress: bool | None) -> Iterator:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return results
    from tqdm import tqdm

    return tqdm(results, unit=" articles", file=sys.stderr, leave=False)


def corpus_frame(paths, table: str = "quotes", *, jobs: int | None = 1, client=None, sides=None, topics=None, speakers=None):
    """A pandas DataFrame of a corpus's ``table`` (quotes, tone, positions or speakers), one row per flat row.

    Failures are in ``frame.attrs["failures"]`` (source, error); for the
    speakers table the merges are in ``frame.attrs["merges"]``. ``speakers``
    is your speakers file (a path, or rows read by :func:`analysis.corpus.read_speakers`).

    >>> frame = corpus_frame(["no-such-folder/"], "quotes")
    >>> len(frame), list(frame.columns[:3]), frame.attrs["failures"]
    (0, ['file', 'quote', 'kind'], [('no-such-folder/', 'no such file or folder; check the path')])
    """
    sides, topics = _read_options(sides, topics)
    if isinstance(speakers, (str, os.PathLike)):
        from .corpus import read_speakers

        speakers = read_speakers(speakers)
    with run_corpus(paths, table, jobs=jobs, client=client, sides=sides, topics=topics, progress=False, known=speakers or ()) as run:
        frame = rows_frame(run.flat_rows(), run.table)
        frame.attrs["failures"] = [(f.source, f.error) for f in run.failures]
        if table == "speakers":
            frame.attrs["merges"] = [(m["name"], m["merged"]) for m in merge_rows(run.index)]
    return frame


def corpus_speakers(paths, *, jobs: int | None = 1, client=None, sides=None, speakers=None):
    """The speakers of a corpus as a DataFrame (the table of ``analysis speakers``), most quoted first.

    >>> from analysis import SEED_ARTICLE
    >>> table = corpus_speakers([SEED_ARTICLE])
    >>> table.loc[table["name"] == "Vladimir Medinsky", ["side", "articles"]].values.tolist()
    [['Russia', 1]]
    """
    return corpus_frame(paths, "speakers", jobs=jobs, client=client, sides=sides, speakers=speakers)


def rows_frame(rows: Iterable[dict], table: Table):
    """Flat rows as a DataFrame with the table's columns and dtypes (the same with no rows)."""
    import pandas as pd

    names = [c.name for c in table.columns]
    frame = pd.DataFrame(list(rows), columns=names, dtype=object)  # text and lists stay Python objects, null stays None
    return frame.astype({c.name: _DTYPES[c.type] for c in table.columns if c.type in _DTYPES})


_DTYPES = {"int": "int64", "float": "float64", "bool": "bool"}


def _read_options(sides, topics):
    """Side mappings and topic lexicons given as paths are read here, once, not in every worker."""
    if sides is not None and not isinstance(sides, Mapping):
        from .speakers import read_sides

        sides = read_sides(sides)
    if topics is not None and isinstance(topics, (str, os.PathLike)):
        from .tone import read_topics

        topics = read_topics(topics)
    return sides, topics
