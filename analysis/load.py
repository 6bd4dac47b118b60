"""Load: read articles from files, folders and globs.

Formats: ``.txt`` (a first line followed by a blank line is the title),
``.md`` (a leading ``# heading`` is the title), ``.json`` (one object or a list
of objects) and ``.jsonl`` (one object a line) with the fields ``text``,
``title``, ``date``, ``outlet``, ``url``, ``id``, and ``.csv`` with those
columns. Text is UTF-8 with or without a byte-order mark, or UTF-16 with one;
offsets refer to the text exactly as read (no newline translation).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Talks resume\\n\\n“We agree,” she said.", encoding="utf-8")
>>> article = load_article(folder / "a.txt")
>>> article.title, article.text[article.body_start:]
('Talks resume', '“We agree,” she said.')
"""

from __future__ import annotations

import codecs
import csv
import glob
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .records import Article, LoadFailure

ARTICLE_SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".csv")
RECORD_FIELDS = ("text", "title", "date", "outlet", "url", "id")
MAX_BYTES = 50_000_000  # larger inputs are refused with a message; pass max_bytes to raise it

# control characters that do not occur in text (tab, newlines and form feed do)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles that loaded, and the inputs that did not, with the reason."""

    articles: tuple[Article, ...]
    failures: tuple[LoadFailure, ...]


def decode(data: bytes, source: str, *, encoding: str | None = None) -> str:
    """Decode file bytes: UTF-8 (BOM optional), UTF-16 by its BOM, or the given encoding.

    >>> decode("“Hi”".encode("utf-8-sig"), "x.txt")
    '“Hi”'
    >>> decode(b"caf\\xe9", "x.txt")
    Traceback (most recent call last):
    ...
    analysis.errors.InputError: x.txt: not valid UTF-8 (byte 0xe9 at offset 3); re-save the file as UTF-8, or pass encoding='cp1252' (CLI: --encoding cp1252) if you know it is Windows/Latin-1 text
    """
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(source, f"cannot be decoded as {encoding}: {error}") from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(source, f"has a UTF-16 byte-order mark but is not valid UTF-16: {error.reason}") from error
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like a binary file (it contains NUL bytes), not an article; give a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise InputError(
            source,
            f"not valid UTF-8 (byte 0x{byte:02x} at offset {error.start}); re-save the file as UTF-8, "
            "or pass encoding='cp1252' (CLI: --encoding cp1252) if you know it is Windows/Latin-1 text",
        ) from error
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise InputError(source, "looks like a binary file (many control characters), not an article; give a text file")
    return text


def read_text(path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """The decoded text of a file, with clear errors for missing, huge, binary or undecodable files."""
    source = str(path)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(
                source, f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; split it or pass a larger max_bytes"
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as error:
        raise InputError(source, "no such file; check the path") from error
    except IsADirectoryError as error:
        raise InputError(source, "is a folder; use load_corpus for folders") from error
    except OSError as error:
        raise InputError(source, f"cannot be read: {error.strerror}") from error
    return decode(data, source, encoding=encoding)


def article_from_text(text: str, **fields) -> Article:
    """An article from plain text; a first line followed by a blank line is its title.

    >>> article_from_text("Title\\n\\nBody.").title
    'Title'
    >>> article_from_text("Just one paragraph.").title is None
    True
    """
    if not text.strip():
        raise InputError(fields.get("path") or fields.get("id") or "text", "the article is empty; give it some text")
    title, body_start = _title(text)
    if fields.get("title"):
        title = fields.pop("title")
    else:
        fields.pop("title", None)
    return Article(text=text, title=title, body_start=body_start, **fields)


def _title(text: str) -> tuple[str | None, int]:
    first_end = text.find("\n")
    if first_end < 0:
        return None, 0
    first = text[:first_end].strip()
    rest = text[first_end + 1 :]
    gap = len(rest) - len(rest.lstrip("\r\n \t"))
    if first and rest[: max(gap, 0)].count("\n") >= 1 and len(first) <= 300:
        return first.lstrip("#").strip() or None, first_end + 1 + gap
    return None, 0


def load_article(path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article from a ``.txt``/``.md`` file (or a single-record ``.json``/``.jsonl``/``.csv``)."""
    articles = list(_read_file(Path(path), encoding=encoding, max_bytes=max_bytes))
    if len(articles) != 1:
        raise InputError(str(path), f"holds {len(articles)} articles; use load_corpus to read them all")
    article = articles[0]
    if isinstance(article, LoadFailure):
        raise InputError(article.source, article.error)
    return article


def _read_file(path: Path, *, encoding: str | None, max_bytes: int) -> Iterator[Article | LoadFailure]:
    source = str(path)
    text = read_text(path, encoding=encoding, max_bytes=max_bytes)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        yield from _records(source, _json_records(text, source, lines=suffix == ".jsonl"))
    elif suffix == ".csv":
        yield from _records(source, _csv_records(text, source))
    else:
        yield article_from_text(text, path=source)


def _records(source: str, records: Iterable[tuple[int, object]]) -> Iterator[Article | LoadFailure]:
    for number, record in records:
        where = f"{source}#{number}"
        try:
            if isinstance(record, str):  # a line that did not parse, with the reason
                raise InputError(where, record)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(where, "has no 'text' field with the article's text")
            fields = {k: (str(record[k]) if record.get(k) not in (None, "") else None) for k in RECORD_FIELDS[1:]}
            yield article_from_text(record["text"], path=source, **{k: v for k, v in fields.items()})
        except InputError as error:
            yield LoadFailure(where, error.message)


def _json_records(text: str, source: str, *, lines: bool) -> Iterator[tuple[int, object]]:
    if lines:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as error:
                    yield number, f"invalid JSON ({error.msg})"
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"is not valid JSON ({error.msg} at line {error.lineno}); fix the file") from error
    records = data if isinstance(data, list) else [data]
    yield from enumerate(records, 1)


def _csv_records(text: str, source: str) -> Iterator[tuple[int, object]]:
    csv.field_size_limit(MAX_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise InputError(source, f"a CSV of articles needs a 'text' column; it has {reader.fieldnames}")
    yield from enumerate(reader, 1)


def expand_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path | LoadFailure]:
    """Files named by paths, folders (their article files, sorted) and glob patterns."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                yield LoadFailure(str(path), f"the folder holds no article files ({', '.join(ARTICLE_SUFFIXES)})")
            yield from files
        elif path.exists():
            yield path
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True) if Path(p).is_file())
            if not matches:
                yield LoadFailure(str(raw), "the pattern matches no files")
            yield from matches
        else:
            yield LoadFailure(str(raw), "no such file or folder; check the path")


def iter_corpus(
    paths: Iterable[str | os.PathLike], *, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Article | LoadFailure]:
    """Articles from files, folders and globs, one at a time; a bad input yields a LoadFailure and the rest go on."""
    for path in expand_paths([paths] if isinstance(paths, (str, os.PathLike)) else paths):
        if isinstance(path, LoadFailure):
            yield path
            continue
        try:
            yield from _read_file(path, encoding=encoding, max_bytes=max_bytes)
        except InputError as error:
            yield LoadFailure(error.source, error.message)


def load_corpus(
    paths: Iterable[str | os.PathLike] | str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> Corpus:
    """All articles under ``paths`` and the failures, listed rather than raised.

    >>> corpus = load_corpus(["no-such-file.txt"])
    >>> len(corpus.articles), corpus.failures[0].error
    (0, 'no such file or folder; check the path')
    """
    articles, failures = [], []
    for item in iter_corpus(paths, encoding=encoding, max_bytes=max_bytes):
        (failures if isinstance(item, LoadFailure) else articles).append(item)
    return Corpus(tuple(articles), tuple(failures))
