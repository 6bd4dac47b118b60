"""The shipped lexicons and topic lists, and the readers of their tables.

Every ``*.tsv`` table here has tab-separated columns; blank lines and lines
starting with ``#`` are skipped. :func:`read_table` reads a shipped table
of fixed columns (:mod:`analysis.quotes`, :mod:`analysis.speakers`);
:func:`read_rows` reads the tables a user may override with a file of their
own (:mod:`analysis.tone`, :mod:`analysis.positions`), given as text from
:func:`shipped_text` or :func:`read_data_file`, so a malformed row is
reported the same way wherever it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..errors import DataFileError

__all__ = ["read_data_file", "read_rows", "read_table", "shipped_text"]


def read_table(name: str, columns: tuple[str, ...], *, optional: int = 0) -> list[tuple[str, ...]]:
    """The rows of the shipped table ``name``, header row left out.

    Each row has ``len(columns)`` tab-separated cells; the last ``optional``
    of them may be left out (they read as ""). Raises
    :class:`~analysis.errors.DataFileError` naming the file and line when a
    row has too few or too many cells.

    >>> read_table("sides.tsv", ("word", "side", "kind"), optional=1)[0][:2]
    ('ukraine', 'Ukraine')
    >>> read_table("names.tsv", ("word", "kind", "gender"), optional=1)[0]
    ('mr', 'honorific', 'm')
    """
    text = shipped_text(name)
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not len(columns) - optional <= len(cells) <= len(columns):
            raise DataFileError(f"{name}, line {number}: expected {len(columns)} tab-separated columns {columns}, got {line!r}")
        cells += [""] * (len(columns) - len(cells))
        if tuple(cells) == columns:
            continue
        rows.append(tuple(cells))
    return rows


def shipped_text(name: str) -> str:
    """The text of the shipped data file ``name``.

    >>> shipped_text("cue_stances.tsv").startswith("#")
    True
    """
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def read_data_file(path: str | Path) -> str:
    """The text of a user's data file, or a :class:`~analysis.errors.DataFileError` saying what to do."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataFileError(f"{path}: no such file; give the path of a tab-separated data file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot be read as UTF-8 text ({error}); save it as UTF-8") from error


def read_rows(text: str, source: str, *, columns: tuple[int, int]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for the non-comment lines of a tab-separated table of ``low`` to ``high`` columns.

    Empty trailing cells are dropped; ``source`` names the file in errors.

    >>> list(read_rows("# a comment\\nceasefire\\tceasefire*\\n", "topics.tsv", columns=(2, 4)))
    [(2, ['ceasefire', 'ceasefire*'])]
    """
    low, high = columns
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        while len(fields) > low and not fields[-1]:
            fields.pop()
        if not low <= len(fields) <= high:
            hint = "separate the columns with one tab each (not spaces)" if len(fields) < low else "remove the extra tab"
            raise DataFileError(
                f"{source}, line {number}: expected {low} to {high} tab-separated columns, got {len(fields)} "
                f"in {raw.strip()!r}; {hint}"
            )
        yield number, fields
