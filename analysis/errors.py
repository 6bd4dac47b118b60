"""Exceptions raised by the package.

Every error the package raises on purpose is an :class:`AnalysisError`, with a
message that says what to do next::

    AnalysisError
    ├── InputError        a file or record that cannot be read as an article
    ├── DataFileError     a lexicon, topic list or side mapping that is malformed
    ├── ParameterError    a report parameter that does not exist or has a bad value
    ├── ReportError       a notebook that failed while executing (path and cell)
    ├── EvaluationError   an evaluation folder that is not in the expected format
    └── OutputError       an output file or folder that cannot be written

>>> try:
...     raise InputError("notes.txt", "the file is empty; give it some text")
... except AnalysisError as error:
...     print(error)
notes.txt: the file is empty; give it some text
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(AnalysisError):
    """A file (or one record of it) cannot be read as an article."""

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class DataFileError(AnalysisError):
    """A lexicon, topic list or mapping file is malformed."""


class ParameterError(AnalysisError):
    """A report parameter is unknown or has a value of the wrong kind."""


class ReportError(AnalysisError):
    """A report notebook failed while executing.

    ``notebook`` is the path of the kept failed notebook, ``cell`` the index of
    the cell that failed (when known).
    """

    def __init__(self, message: str, *, notebook: str | None = None, cell: int | None = None) -> None:
        self.notebook = notebook
        self.cell = cell
        super().__init__(message)


class EvaluationError(AnalysisError):
    """An evaluation folder is missing or not in the expected format."""


class OutputError(AnalysisError):
    """An output file or folder cannot be written (a folder, a missing folder, read-only)."""
