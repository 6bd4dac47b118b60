"""Output: where the command line's rows go, written as they come.

Writers take each row as its JSON text and its dict (see
:meth:`analysis.streams.CorpusRun.rows`) and hold no more than a row group:
:class:`JsonLines` (one JSON value a line), :class:`JsonList` (a valid JSON
list, brackets and commas written by hand), :class:`ParquetFile` (pyarrow,
one row group per :data:`ROW_GROUP` rows) and :class:`TextTable` (a table a
person reads, fitted to the terminal and wrapped at word boundaries).
:func:`check_output_file` and :func:`check_output_folder` refuse an output
path that cannot be written, before any work starts.

>>> import io
>>> out = io.StringIO()
>>> writer = JsonList(out)
>>> for text in ('{"a": 1}', '{"a": 2}'):
...     writer.write(text, None)
>>> writer.close()
>>> out.getvalue()
'[\\n{"a": 1},\\n{"a": 2}\\n]\\n'
"""

from __future__ import annotations

import os
import shutil
import stat
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .errors import OutputError

ROW_GROUP = 10_000  # flat rows per Parquet row group: the most a ParquetFile holds at once


# --- checks before any work starts ---


def check_output_file(path: str | os.PathLike, option: str) -> None:
    """Raise :class:`OutputError` if ``path`` cannot be written as a file ("-" is standard output).

    >>> check_output_file("no-such-folder/out.jsonl", "--jsonl")
    Traceback (most recent call last):
    ...
    analysis.errors.OutputError: --jsonl no-such-folder/out.jsonl: the folder no-such-folder does not exist; create it first
    """
    if str(path) == "-":
        return
    target = Path(path)
    where = f"{option} {path}"
    if target.is_dir():
        raise OutputError(f"{where}: is a folder; give a file name inside it, e.g. {target / ('out' + target.suffix)}")
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"{where}: the folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise OutputError(f"{where}: {folder} is not a folder; give a path inside a folder")
    if target.exists():
        if not stat.S_ISREG(target.stat().st_mode):  # a FIFO, /dev/null, a terminal: written as a stream
            return
        try:
            with open(target, "ab"):
                pass
        except OSError as error:
            raise OutputError(f"{where}: cannot be written ({_reason(error)}); choose another file") from error
        return
    _try_create(folder, where)


def check_output_folder(path: str | os.PathLike, option: str) -> None:
    """Raise :class:`OutputError` if ``path`` cannot be used as an output folder (a missing one is created later).

    >>> check_output_folder(__file__, "--out")
    Traceback (most recent call last):
    ...
    analysis.errors.OutputError: --out ...output.py: is a file, not a folder; give a folder for the reports
    """
    target = Path(path)
    where = f"{option} {path}"
    if target.exists() and not target.is_dir():
        raise OutputError(f"{where}: is a file, not a folder; give a folder for the reports")
    existing = target
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{where}: {existing} is a file, not a folder; give a folder for the reports")
    _try_create(existing, where)


def _try_create(folder: Path, where: str) -> None:
    """Create and remove a file in ``folder``: the only check that answers for read-only mounts and ACLs."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise OutputError(f"{where}: cannot write in {folder} ({_reason(error)}); choose another place") from error


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


# --- writers ---


class JsonLines:
    """One JSON value a line."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str, row) -> None:
        self._stream.write(text + "\n")

    def close(self) -> None:
        self._stream.flush()


class JsonList:
    """A JSON list written one row at a time: one row a line, between ``opening`` and ``closing``."""

    def __init__(self, stream: TextIO, *, opening: str = "[", closing: str = "]\n"):
        self._stream, self._opening, self._closing = stream, opening, closing
        self._rows = 0

    def write(self, text: str, row) -> None:
        self._stream.write((",\n" if self._rows else self._opening + "\n") + text)
        self._rows += 1

    def close(self) -> None:
        self._stream.write(("\n" + self._closing) if self._rows else self._opening + self._closing)
        self._stream.flush()


_ARROW_TYPES = {
    "str": lambda pa: pa.string(),
    "int": lambda pa: pa.int64(),
    "float": lambda pa: pa.float64(),
    "bool": lambda pa: pa.bool_(),
    "names": lambda pa: pa.list_(pa.string()),
    "list[str]": lambda pa: pa.list_(pa.string()),
    "list[int]": lambda pa: pa.list_(pa.int64()),
    "list[list[int]]": lambda pa: pa.list_(pa.list_(pa.int64())),
}


def arrow_schema(table):
    """The pyarrow schema of a :class:`~analysis.streams.Table`'s flat columns.

    >>> str(arrow_schema(__import__("analysis.streams").streams.TABLES["tone"]).field("speaker").type)
    'list<item: string>'
    """
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.type](pa)) for c in table.columns])


class ParquetFile:
    """The table's flat rows in a Parquet file, written one row group at a time."""

    def __init__(self, path: str | os.PathLike, table, *, row_group: int = ROW_GROUP):
        import pyarrow.parquet as pq

        from .streams import flat_row

        self._table, self._flat_row, self._row_group = table, flat_row, row_group
        self._schema = arrow_schema(table)
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._buffer: list[dict] = []

    def write(self, text: str, row: dict) -> None:
        for flat in self._table.flat(row):
            self._buffer.append(self._flat_row(self._table, flat))
        if len(self._buffer) >= self._row_group:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self._schema))
            self._buffer = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


# --- tables for a person ---


@dataclass(frozen=True, slots=True)
class Cell:
    """A column of a text table: the row key, its header, and its width (fixed, or a share of what is left)."""

    key: str
    header: str
    width: int = 0  # fixed width; 0: flexible
    weight: int = 1  # share of the remaining width, for a flexible column
    minimum: int = 6
    right: bool = False  # numbers are right-aligned
    show: Callable[[object], str] | None = None  # how a value reads; default: names, lists and numbers as text


UNKNOWN = "(unknown)"


def show(value) -> str:
    """A value as a table shows it: lists joined, null as '-', floats signed to two places.

    >>> show(["Ann", "Bo"]), show(None), show(0.25), show([])
    ('Ann & Bo', '-', '+0.25', '-')
    """
    if value is None or value == []:
        return "-"
    if isinstance(value, list):
        return " & ".join(show(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:+.2f}"
    return str(value)


def show_speaker(value) -> str:
    return UNKNOWN if value is None else show(value)


def show_list(value) -> str:
    return ", ".join(map(str, value)) if value else "-"


def show_markers(value) -> str:
    """Marker names as words, so that a narrow column wraps between them ('first person plural')."""
    return ", ".join(str(v).replace("_", " ") for v in value) if value else "-"


def terminal_width(default: int = 100) -> int:
    """The width of the terminal (COLUMNS, else the terminal's size, else ``default``), at least 40."""
    return max(40, shutil.get_terminal_size((default, 24)).columns)


class TextTable:
    """A table for a person: fixed and flexible columns fitted to ``width``, cells wrapped between words.

    Rows are written as they come (the widths depend on the terminal, not on
    the data). A change of ``group`` (the file) starts a new block headed by it.

    >>> import io
    >>> out = io.StringIO()
    >>> table = TextTable(out, (Cell("quote", "#", 3, right=True), Cell("text", "quote")), width=24, group="file")
    >>> table.write("", {"file": "a.txt", "quote": 1, "text": "We will not give up our land"})
    >>> table.close()
    >>> print(out.getvalue(), end="")
    a.txt
      #    quote
        1  We will not give
           up our land
    """

    def __init__(
        self,
        stream: TextIO,
        cells: Sequence[Cell],
        *,
        width: int | None = None,
        group: str | None = None,
        note: Callable[[dict], str | None] | None = None,
        flatten: Callable[[dict], object] | None = None,
        empty: str = "(no rows)",
    ):
        self._stream, self._cells, self._group, self._note = stream, tuple(cells), group, note
        self._flatten = flatten or (lambda row: (row,))
        self._widths = _fit(self._cells, width or terminal_width())
        self._width = sum(self._widths) + 2 * len(self._widths)
        self._last_group: object = object()
        self._rows, self._empty = 0, empty

    def write(self, text: str, row: dict) -> None:
        if self._group is not None and row.get(self._group) != self._last_group:
            self._last_group = row.get(self._group)
            self._stream.write(("\n" if self._rows else "") + f"{show(self._last_group)}\n" + self._line(
                [c.header for c in self._cells]))
        elif self._rows == 0:
            self._stream.write(self._line([c.header for c in self._cells]))
        wrote = False
        for flat in self._flatten(row):
            wrote = True
            values = [(c.show or show)(flat.get(c.key)) for c in self._cells]
            self._stream.write(self._line(values, header=False))
            extra = self._note(flat) if self._note else None
            if extra:
                for part in textwrap.wrap(extra, max(20, self._width - 6)):
                    self._stream.write(f"      {part}\n")
        if not wrote:
            self._stream.write(f"  {self._empty}\n")
        self._rows += 1

    def _line(self, values: list[str], *, header: bool = True) -> str:
        columns = [textwrap.wrap(v, w) or [""] for v, w in zip(values, self._widths)]
        height = max(len(c) for c in columns)
        lines = []
        for i in range(height):
            parts = [
                (col[i] if i < len(col) else "").rjust(w) if cell.right and not header else (col[i] if i < len(col) else "").ljust(w)
                for col, w, cell in zip(columns, self._widths, self._cells)
            ]
            lines.append(("  " + "  ".join(parts)).rstrip() + "\n")
        return "".join(lines)

    def close(self) -> None:
        if self._rows == 0:
            self._stream.write(f"{self._empty}\n")
        self._stream.flush()


def _fit(cells: Sequence[Cell], width: int) -> list[int]:
    """Column widths: fixed ones as given; flexible ones their minimum, plus the rest shared by weight.

    >>> _fit((Cell("a", "a", 4), Cell("b", "b", minimum=6), Cell("c", "c", weight=3, minimum=10)), 40)
    [4, 9, 21]
    """
    flexible = [c for c in cells if not c.width]
    room = width - 2 * len(cells) - sum(c.width for c in cells) - sum(c.minimum for c in flexible)
    weights = sum(c.weight for c in flexible) or 1
    shares = {id(c): max(0, room) * c.weight // weights for c in flexible}
    left = max(0, room) - sum(shares.values())
    if flexible:  # what rounding left goes to the widest share
        shares[id(max(flexible, key=lambda c: c.weight))] += left
    return [c.width or c.minimum + shares[id(c)] for c in cells]
