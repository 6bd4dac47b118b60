"""The shipped lexicons and topic lists, and one reader for their two-column tables.

Every ``*.tsv`` table here has two tab-separated columns and a header row;
blank lines and lines starting with ``#`` are skipped. :func:`read_table`
is the one place that reads them, so :mod:`analysis.quotes` and
:mod:`analysis.speakers` report a malformed row the same way.
"""

from __future__ import annotations

from importlib import resources

from ..errors import DataFileError

__all__ = ["read_table"]


def read_table(name: str, columns: tuple[str, str]) -> list[tuple[str, str]]:
    """The rows of the shipped two-column table ``name``, header row left out.

    Raises :class:`~analysis.errors.DataFileError` naming the file and line
    when a row does not have exactly two tab-separated cells.

    >>> read_table("sides.tsv", ("word", "side"))[0]
    ('ukraine', 'Ukraine')
    """
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 2:
            raise DataFileError(f"{name}, line {number}: expected two tab-separated columns {columns}, got {line!r}")
        if tuple(cells) == columns:
            continue
        rows.append((cells[0], cells[1]))
    return rows
