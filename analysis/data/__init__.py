"""The shipped lexicons and topic lists, and one reader for their tables.

Every ``*.tsv`` table here has tab-separated columns and a header row;
blank lines and lines starting with ``#`` are skipped. :func:`read_table`
is the one place that reads them, so :mod:`analysis.quotes` and
:mod:`analysis.speakers` report a malformed row the same way.
"""

from __future__ import annotations

from importlib import resources

from ..errors import DataFileError

__all__ = ["read_table"]


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
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
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
