"""Load: read articles from files, folders and globs.

Formats: ``.txt`` (a first line followed by a blank line is the title),
``.md`` (a leading ``# heading`` is the title), ``.json`` (one object or a list
of objects) and ``.jsonl`` (one object a line) with the fields ``text``,
``title``, ``date``, ``outlet``, ``url``, ``id``, and ``.csv`` with those
columns. Text is UTF-8 with or without a byte-order mark, or UTF-16 with one;
offsets refer to the text exactly as read (no newline translation: ``\\n``,
``\\r\\n`` and old Mac ``\\r`` line ends are all kept).

Every bad input is an :class:`~analysis.errors.InputError` naming the file
(and the record, ``file.jsonl#12``) and saying what to do: anything that is
not a regular file (a named pipe is never opened), a file over the size limit
(:data:`MAX_BYTES`; ``max_bytes=``, CLI ``--max-size MB``), a binary file (a
NUL byte anywhere), undecodable text, JSON that is invalid, nested too deeply
or holds a number too long to convert, and text holding a lone surrogate (half
of a UTF-16 pair, which no output could encode). ``.jsonl`` and ``.csv`` tables
are read one record at a time, so the limit and the memory follow the largest
article, not the file. In a batch (:func:`iter_corpus`, :func:`load_corpus`)
each failure is a :class:`~analysis.records.LoadFailure` and the rest go on;
the files a folder holds that are not articles are :class:`Skipped` notes.

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
import fnmatch
import glob
import io
import json
import math
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .records import Article, LoadFailure

ARTICLE_SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".csv")
RECORD_FIELDS = ("text", "title", "date", "outlet", "url", "id")
# The largest article read by default, in bytes: 10 MB, some hundred times the longest news
# article. `analysis quotes` peaks near 100 MB plus 50 bytes per byte of text (a 5 MB article:
# ~350 MB), so the default bounds one article's memory near 600 MB. Larger inputs are refused
# with a message; pass max_bytes= (CLI: --max-size MB) to raise it. A .txt/.md/.json file counts
# as one article; .jsonl and .csv tables are read a record at a time, each record within the limit.
MAX_BYTES = 10_000_000
SNIFF_BYTES = 8192  # the start of a table file checked for binary content before records are read

# control characters that do not occur in text (tab, newlines and form feed do)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder inside a folder (or matched by a pattern) that is not read, and why: a note, not a failure."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles that loaded, the inputs that did not (with the reason), and the files that were skipped."""

    articles: tuple[Article, ...]
    failures: tuple[LoadFailure, ...]
    skipped: tuple[Skipped, ...] = ()


# ---------------------------------------------------------------------------
# Names, sizes, kinds of file


def shown(path: str | os.PathLike) -> str:
    """A path as text that can be printed and written anywhere (undecodable bytes of a file name as ``\\xNN``).

    >>> shown("report.txt"), shown(os.fsdecode(b"caf\\xe9.txt"))
    ('report.txt', 'caf\\\\xe9.txt')
    """
    raw = os.fspath(path)
    if not _SURROGATE.search(raw):
        return raw
    return os.fsencode(raw).decode("utf-8", "backslashreplace")


def size_message(size: int, max_bytes: int) -> str:
    """The size-limit message: the size, the limit, and the option that raises it.

    >>> size_message(12_345_678, 10_000_000)
    'is 12.3 MB, over the 10 MB limit for one article; split it, or raise the limit with --max-size 13 (Python: max_bytes=13_000_000)'
    """
    needed = max(1, math.ceil(size / 1e6))
    return (
        f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit for one article; split it, "
        f"or raise the limit with --max-size {needed} (Python: max_bytes={needed:_}_000_000)"
    )


def _not_regular(mode: int) -> str | None:
    """What a file is when it is not a regular file or a folder ("a named pipe (FIFO)"), else None."""
    for test, kind in _NOT_REGULAR:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def _stat(path: str | os.PathLike, source: str) -> os.stat_result:
    """``os.stat`` of an input with the failures as InputErrors; refuses folders and anything not a regular file."""
    try:
        info = os.stat(path)
    except FileNotFoundError as error:
        raise InputError(source, "no such file; check the path") from error
    except OSError as error:
        raise InputError(source, f"cannot be read: {error.strerror}") from error
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a folder; use load_corpus for folders")
    kind = _not_regular(info.st_mode)
    if kind:
        raise InputError(source, f"is {kind}, not a regular file; give a text file (it was not opened: reading it could wait for ever)")
    if _SURROGATE.search(os.fspath(path)):
        raise InputError(source, "its file name is not valid UTF-8, so no report or JSON line could name it; rename the file")
    return info


def _open(path: str | os.PathLike, source: str, max_bytes: int):
    """A binary handle on a regular file within the size limit (checked by ``stat`` before opening, and again after)."""
    info = _stat(path, source)
    if info.st_size > max_bytes:
        raise InputError(source, size_message(info.st_size, max_bytes))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: should a pipe replace the file after the check, opening it cannot hang
    except OSError as error:
        raise InputError(source, f"cannot be read: {error.strerror}") from error
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(source, "is not a regular file; give a text file")
    return os.fdopen(fd, "rb")


# ---------------------------------------------------------------------------
# Bytes to text


def decode(data: bytes, source: str, *, encoding: str | None = None, what: str = "an article") -> str:
    """Decode file bytes: UTF-8 (BOM optional), UTF-16 by its BOM, or the given encoding (``what``: the kind of file, for messages).

    >>> decode("“Hi”".encode("utf-8-sig"), "x.txt")
    '“Hi”'
    >>> decode(b"caf\\xe9", "x.txt")
    Traceback (most recent call last):
    ...
    analysis.errors.InputError: x.txt: not valid UTF-8 (byte 0xe9 at offset 3); re-save the file as UTF-8, or pass encoding='cp1252' (CLI: --encoding cp1252) if you know it is Windows/Latin-1 text
    >>> decode(b"Text" * 5000 + b"\\x00", "x.txt")
    Traceback (most recent call last):
    ...
    analysis.errors.InputError: x.txt: looks like a binary file (a NUL byte at offset 20000), not an article; give a text file
    """
    if encoding:
        try:
            text = data.decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(source, f"cannot be decoded as {encoding}: {error}") from error
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(source, f"has a UTF-16 byte-order mark but is not valid UTF-16: {error.reason}") from error
    else:
        nul = data.find(b"\x00")  # anywhere, not only near the start: a text file holds none
        if nul >= 0:
            raise InputError(source, f"looks like a binary file (a NUL byte at offset {nul}), not {what}; give a text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(source, _utf8_message(data[error.start], error.start)) from error
    _check_text(text, source, what)
    return text


def _utf8_message(byte: int, offset: int) -> str:
    return (
        f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); re-save the file as UTF-8, "
        "or pass encoding='cp1252' (CLI: --encoding cp1252) if you know it is Windows/Latin-1 text"
    )


def _check_text(text: str, source: str, what: str = "an article") -> None:
    """Refuse decoded text holding NUL characters or mostly control characters (a binary file)."""
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(source, f"looks like a binary file (a NUL character at offset {nul}), not {what}; give a text file")
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise InputError(source, f"looks like a binary file (many control characters), not {what}; give a text file")


def read_text(path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES, what: str = "an article") -> str:
    """The decoded text of a file, with clear errors for missing, non-regular, huge, binary or undecodable files.

    ``what`` names the kind of file expected in the messages ("a rated-sentence TSV").
    """
    source = shown(path)
    with _open(path, source, max_bytes) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew after the check
        raise InputError(source, size_message(len(data), max_bytes))
    return decode(data, source, encoding=encoding, what=what)


# ---------------------------------------------------------------------------
# Text to articles


def article_from_text(text: str, **fields) -> Article:
    """An article from plain text; a first line followed by a blank line is its title.

    Text or fields holding a lone surrogate are refused: no file, terminal or
    report could write them later.

    >>> article_from_text("Title\\n\\nBody.").title
    'Title'
    >>> article_from_text("Old Mac\\r\\rBody.").body_start
    9
    >>> article_from_text("Just one paragraph.").title is None
    True
    >>> article_from_text("Bad \\x00 byte", id="r7")
    Traceback (most recent call last):
    ...
    analysis.errors.InputError: r7: its text holds a NUL character (at offset 4): binary or damaged data; remove it
    >>> article_from_text("Bad \\ud83d half")
    Traceback (most recent call last):
    ...
    analysis.errors.InputError: text: its text holds a lone surrogate (U+D83D at offset 4), half of a UTF-16 pair that no output can write; fix the escape (e.g. \\ud83d\\ude00 for 😀) or remove it
    """
    where = fields.get("path") or fields.get("id") or "text"
    if not text.strip():
        raise InputError(where, "the article is empty; give it some text")
    for name, value in (("text", text), *fields.items()):
        if not isinstance(value, str):
            continue
        if (bad := _SURROGATE.search(value)) is not None:
            raise InputError(
                where,
                f"its {name} holds a lone surrogate (U+{ord(bad.group()):04X} at offset {bad.start()}), half of a UTF-16 pair "
                "that no output can write; fix the escape (e.g. \\ud83d\\ude00 for 😀) or remove it",
            )
        if (nul := value.find("\x00")) >= 0:  # a CSV cell or a JSON "\u0000": no article holds one
            raise InputError(where, f"its {name} holds a NUL character (at offset {nul}): binary or damaged data; remove it")
    title, body_start = _title(text)
    if fields.get("title"):
        title = fields.pop("title")
    else:
        fields.pop("title", None)
    return Article(text=text, title=title, body_start=body_start, **fields)


def _title(text: str) -> tuple[str | None, int]:
    """A first line (≤ 300 characters) followed by a blank line: the title, and where the body starts.

    Line ends are ``\\n``, ``\\r\\n`` or a lone ``\\r`` (old Mac files).
    """
    first_break = _LINE_BREAK.search(text)
    if first_break is None:
        return None, 0
    first = text[: first_break.start()].strip()
    rest_start = first_break.end()
    gap_end = rest_start
    while gap_end < len(text) and text[gap_end] in "\r\n \t":
        gap_end += 1
    blank_line = _LINE_BREAK.search(text, rest_start, gap_end) is not None
    if first and blank_line and len(first) <= 300:
        return first.lstrip("#").strip() or None, gap_end
    return None, 0


def load_article(path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article from a ``.txt``/``.md`` file (or a single-record ``.json``/``.jsonl``/``.csv``)."""
    articles = list(_read_file(Path(path), encoding=encoding, max_bytes=max_bytes))
    if len(articles) != 1:
        raise InputError(shown(path), f"holds {len(articles)} articles; use load_corpus to read them all")
    article = articles[0]
    if isinstance(article, LoadFailure):
        raise InputError(article.source, article.error)
    return article


def _read_file(path: Path, *, encoding: str | None, max_bytes: int) -> Iterator[Article | LoadFailure]:
    source = shown(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _records(source, _jsonl_records(path, source, encoding=encoding, max_bytes=max_bytes), max_bytes)
    elif suffix == ".csv":
        yield from _records(source, _csv_records(path, source, encoding=encoding, max_bytes=max_bytes), max_bytes)
    elif suffix == ".json":
        text = read_text(path, encoding=encoding, max_bytes=max_bytes)
        yield from _records(source, _json_records(text, source), max_bytes)
    else:
        yield article_from_text(read_text(path, encoding=encoding, max_bytes=max_bytes), path=source)


def _records(source: str, records: Iterable[tuple[int, object]], max_bytes: int) -> Iterator[Article | LoadFailure]:
    """Articles from (number, record) pairs; a record that is an InputError, or is not an article, is a LoadFailure."""
    for number, record in records:
        where = f"{source}#{number}"
        try:
            if isinstance(record, InputError):  # a line that did not read or parse, with the reason
                raise InputError(where, record.message)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(where, "has no 'text' field with the article's text")
            if len(record["text"]) > max_bytes:
                raise InputError(where, size_message(len(record["text"].encode("utf-8", "surrogatepass")), max_bytes))
            yield article_from_text(record["text"], path=source, **_fields(record, where))
        except InputError as error:
            yield LoadFailure(where, error.message)


def _fields(record: dict, where: str) -> dict[str, str | None]:
    """The record's metadata fields as text (numbers and booleans as written); lists and objects are refused."""
    fields = {}
    for key in RECORD_FIELDS[1:]:
        value = record.get(key)
        if value is None or value == "":
            fields[key] = None
        elif isinstance(value, (list, dict)):
            raise InputError(where, f"its '{key}' field holds a JSON {'list' if isinstance(value, list) else 'object'}; give it as text")
        else:
            fields[key] = str(value)
    return fields


def _parse_json(text: str, where: str, *, whole_file: bool) -> object:
    """``json.loads`` with every way it can fail on bad input as an InputError (never a traceback)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        what = error.msg.removesuffix(" at")  # "Invalid control character at"
        if "\x00" in text[max(0, error.pos - 1) : error.pos + 1]:  # a JSON line with a raw NUL byte
            raise InputError(where, f"holds a NUL byte (column {error.colno}): binary or damaged data; fix or remove the line") from error
        if whole_file:
            raise InputError(where, f"is not valid JSON ({what} at line {error.lineno}, column {error.colno}); fix the file") from error
        raise InputError(where, f"invalid JSON ({what} at column {error.colno}); fix the line") from error
    except RecursionError as error:
        raise InputError(where, "nests JSON lists or objects too deeply to read (thousands of levels); an article is one flat object") from error
    except ValueError as error:  # a number over Python's digit limit for int conversion
        limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
        raise InputError(where, f"holds a number with more than {limit} digits, too long to read; write it as a string or remove it") from error


def _json_records(text: str, source: str) -> Iterator[tuple[int, object]]:
    data = _parse_json(text, source, whole_file=True)
    records = data if isinstance(data, list) else [data]
    yield from enumerate(records, 1)


def _jsonl_records(path: Path, source: str, *, encoding: str | None, max_bytes: int) -> Iterator[tuple[int, object]]:
    """(line number, record or InputError) for every non-blank line, read one line at a time."""
    with _open(path, source, max_bytes=sys.maxsize) as handle:
        head = handle.read(SNIFF_BYTES)
        handle.seek(0)
        if encoding or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # not an ASCII-compatible stream of lines: read whole, within the limit
            text = read_text(path, encoding=encoding, max_bytes=max_bytes)
            lines: Iterable[str | bytes | None] = text.split("\n")
        else:
            if b"\x00" in head:
                raise InputError(source, "looks like a binary file (a NUL byte near the start), not a JSON-lines table; give a text file")
            lines = _byte_lines(handle, max_bytes)
        for number, line in enumerate(lines, 1):
            if line is None:
                yield number, InputError(source, f"the line is over the {max_bytes / 1e6:g} MB limit for one article; split it, or raise the limit with --max-size (Python: max_bytes=)")
                continue
            if isinstance(line, bytes):
                try:
                    line = line.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as error:
                    yield number, InputError(source, _utf8_message(line[error.start], error.start).replace("offset", "column", 1))
                    continue
            if line.strip():
                try:
                    yield number, _parse_json(line, source, whole_file=False)
                except InputError as error:
                    yield number, error


def _byte_lines(handle, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a binary file split at ``\\n`` only (a JSON string may hold U+2028); None for a line over the limit."""
    while True:
        line = handle.readline(max_bytes + 2)
        if not line:
            return
        if len(line) > max_bytes + 1 or (len(line) == max_bytes + 1 and not line.endswith(b"\n")):
            while line and not line.endswith(b"\n"):  # skip the rest of it without holding it
                line = handle.readline(1 << 20)
            yield None
            continue
        yield line


def _csv_records(path: Path, source: str, *, encoding: str | None, max_bytes: int) -> Iterator[tuple[int, object]]:
    """(record number, row dict) for every row of a CSV table, read one record at a time."""
    with _open(path, source, max_bytes=sys.maxsize) as handle:
        head = handle.read(SNIFF_BYTES)
        handle.seek(0)
        if not encoding:
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                encoding = "utf-16"
            elif b"\x00" in head:
                raise InputError(source, "looks like a binary file (a NUL byte near the start), not a CSV table; give a text file")
        stream = io.TextIOWrapper(handle, encoding=encoding or "utf-8-sig", newline="")
        rows = _csv_rows(stream, max_bytes)
        number = 0
        try:
            header = next(rows, None)
            if not header or "text" not in header:
                raise InputError(source, f"a CSV of articles needs a 'text' column; it has {header}")
            for number, row in enumerate(rows, 1):
                yield number, dict(zip(header, row))
        except csv.Error as error:
            message = str(error)
            if "field larger" in message:
                message = f"a field is over the {max_bytes / 1e6:g} MB limit for one article; raise it with --max-size (Python: max_bytes=)"
            elif "NUL" in message:
                message = "holds a NUL byte: the file is binary or damaged; give a text file"
            yield number + 1, InputError(source, f"{message} (the rest of the file is not read)")
        except UnicodeDecodeError as error:
            hint = "re-save the file as UTF-8 or pass --encoding" if not encoding else f"it is not {encoding}"
            yield number + 1, InputError(source, f"cannot be decoded ({error.reason}); {hint} (the rest of the file is not read)")


def _csv_rows(stream, max_bytes: int) -> Iterator[list[str]]:
    """Rows of a CSV stream with the field limit at ``max_bytes`` while each row is read (the csv module's limit is process-wide)."""
    reader = csv.reader(stream)
    while True:
        previous = csv.field_size_limit(max(max_bytes, 1))
        try:
            row = next(reader)
        except StopIteration:
            return
        finally:
            csv.field_size_limit(previous)
        yield row


# ---------------------------------------------------------------------------
# Paths, folders and patterns


def expand_paths(paths: Iterable[str | os.PathLike], *, with_skipped: bool = False) -> Iterator[Path | LoadFailure | Skipped]:
    """Files named by paths, folders (their article files, sorted) and glob patterns.

    A folder is read one level deep; what it holds that is not an article file
    (another suffix, a subfolder, a pipe) is yielded as a :class:`Skipped`
    note when ``with_skipped`` is true, else left out. Hidden entries (a name
    starting with a dot) that are not article files are left out silently. A
    ``**`` pattern follows links to folders but reads each folder and each file
    once, so a link loop cannot make it run for ever.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "notes.docx"):
    ...     _ = (folder / name).write_text("Text.")
    >>> [getattr(item, "name", None) or item.reason for item in expand_paths([folder], with_skipped=True)]
    ['a.txt', 'not an article file (.txt, .md, .json, .jsonl, .csv); skipped']
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files, skipped = _folder_files(path)
            if not files:
                yield LoadFailure(shown(path), f"the folder holds no article files ({', '.join(ARTICLE_SUFFIXES)})")
            yield from files
            if with_skipped:
                yield from skipped
        elif path.exists() or path.is_symlink():
            yield path  # a named file is read whatever its suffix; read_text refuses what is not a regular file
        elif glob.has_magic(str(raw)):
            files, skipped = _glob_files(os.fspath(raw))
            if not files:
                yield LoadFailure(shown(raw), "the pattern matches no files")
            yield from files
            if with_skipped:
                yield from skipped
        else:
            yield LoadFailure(shown(raw), "no such file or folder; check the path")


def _folder_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The article files of a folder, sorted, and the entries skipped with the reason."""
    files, skipped = [], []
    for entry in sorted(folder.iterdir()):
        article_suffix = entry.suffix.lower() in ARTICLE_SUFFIXES
        try:
            mode = entry.stat().st_mode
        except OSError as error:
            skipped.append(Skipped(shown(entry), f"cannot be read ({error.strerror}; a broken or looping link?)"))
            continue
        if stat.S_ISREG(mode) and article_suffix:
            files.append(entry)
        elif entry.name.startswith("."):
            continue
        elif stat.S_ISDIR(mode):
            skipped.append(Skipped(shown(entry), f"is a folder inside it, not read; give '{shown(folder)}/**/*.txt' to read subfolders"))
        elif stat.S_ISREG(mode):
            skipped.append(Skipped(shown(entry), f"not an article file ({', '.join(ARTICLE_SUFFIXES)}); skipped"))
        else:
            skipped.append(Skipped(shown(entry), f"is {_not_regular(mode)}, not a regular file; skipped"))
    return files, skipped


def _glob_files(pattern: str) -> tuple[list[Path], list[Skipped]]:
    """The regular files a glob pattern matches, sorted, each file once; matches that are not regular files are skipped."""
    names = glob.glob(pattern) if "**" not in pattern else _recursive_glob(pattern)
    files, skipped, seen = [], [], set()
    for name in sorted(set(names)):
        path = Path(name)
        try:
            info = path.stat()
        except OSError as error:
            skipped.append(Skipped(shown(path), f"cannot be read ({error.strerror}; a broken or looping link?)"))
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        if not stat.S_ISREG(info.st_mode):
            skipped.append(Skipped(shown(path), f"is {_not_regular(info.st_mode)}, not a regular file; skipped"))
        elif (info.st_dev, info.st_ino) not in seen:  # the same file reached through a link is read once
            seen.add((info.st_dev, info.st_ino))
            files.append(path)
    return files, skipped


def _recursive_glob(pattern: str) -> list[str]:
    """What a pattern with ``**`` matches, as :func:`glob.glob` with ``recursive=True`` would, but visiting
    each folder once (by device and inode), so a link that points back up the tree is not followed round."""
    parts = Path(pattern).parts
    fixed = 0
    while fixed < len(parts) and not glob.has_magic(parts[fixed]):
        fixed += 1
    prefix, rules = parts[:fixed], parts[fixed:]
    root = os.path.join(*prefix) if prefix else os.curdir
    show_hidden = any(rule.startswith(".") for rule in rules)
    found, visited = [], set()
    for folder, subfolders, names in os.walk(root, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            subfolders[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:
            subfolders[:] = []  # a folder seen before, through a link: neither its files nor below again
            continue
        visited.add((info.st_dev, info.st_ino))
        subfolders[:] = sorted(d for d in subfolders if show_hidden or not d.startswith("."))
        relative = os.path.relpath(folder, root)
        head = () if relative == os.curdir else Path(relative).parts
        for name in names:
            if _glob_match((*head, name), rules):
                found.append(os.path.join(*prefix, *head, name) if prefix else os.path.join(*head, name))
    return found


def _glob_match(parts: tuple[str, ...], rules: tuple[str, ...]) -> bool:
    """Whether path components match pattern components; ``**`` matches any number of folders (not hidden ones).

    >>> _glob_match(("a", "b", "x.txt"), ("**", "*.txt")), _glob_match(("x.txt",), ("**", "*.txt"))
    (True, True)
    >>> _glob_match((".git", "x.txt"), ("**", "*.txt")), _glob_match(("a", "x.md"), ("*", "*.txt"))
    (False, False)
    """
    reachable = {0}  # rule indices the components so far can have matched up to
    for part in parts:
        hidden = part.startswith(".")
        nxt = set()
        for r in _closure(reachable, rules):
            if r < len(rules):
                rule = rules[r]
                if rule == "**":
                    if not hidden:
                        nxt.add(r)
                elif fnmatch.fnmatch(part, rule) and (not hidden or rule.startswith(".")):
                    nxt.add(r + 1)
        reachable = nxt
        if not reachable:
            return False
    return len(rules) in _closure(reachable, rules)


def _closure(reachable: set[int], rules: tuple[str, ...]) -> set[int]:
    """Rule indices reachable by letting each ``**`` match no folder."""
    out, stack = set(reachable), list(reachable)
    while stack:
        r = stack.pop()
        if r < len(rules) and rules[r] == "**" and r + 1 not in out:
            out.add(r + 1)
            stack.append(r + 1)
    return out


# ---------------------------------------------------------------------------
# Batches


def iter_corpus(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    with_skipped: bool = False,
) -> Iterator[Article | LoadFailure | Skipped]:
    """Articles from files, folders and globs, one at a time; a bad input yields a LoadFailure and the rest go on.

    With ``with_skipped``, the files a folder or pattern holds that are not
    read also come through, as :class:`Skipped` notes (not failures).
    """
    for path in expand_paths([paths] if isinstance(paths, (str, os.PathLike)) else paths, with_skipped=with_skipped):
        if isinstance(path, (LoadFailure, Skipped)):
            yield path
            continue
        try:
            yield from _read_file(path, encoding=encoding, max_bytes=max_bytes)
        except InputError as error:
            yield LoadFailure(error.source, error.message)


def load_corpus(
    paths: Iterable[str | os.PathLike] | str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> Corpus:
    """All articles under ``paths``, the failures, listed rather than raised, and the files skipped.

    >>> corpus = load_corpus(["no-such-file.txt"])
    >>> len(corpus.articles), corpus.failures[0].error
    (0, 'no such file or folder; check the path')
    """
    articles, failures, skipped = [], [], []
    for item in iter_corpus(paths, encoding=encoding, max_bytes=max_bytes, with_skipped=True):
        (failures if isinstance(item, LoadFailure) else skipped if isinstance(item, Skipped) else articles).append(item)
    return Corpus(tuple(articles), tuple(failures), tuple(skipped))
