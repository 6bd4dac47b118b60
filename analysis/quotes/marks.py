"""Quotation marks: pairing them in one linear scan, across paragraphs, with problems instead of exceptions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..records import Span


@dataclass(frozen=True, slots=True)
class QuotedRegion:
    """Text between paired double quotation marks, marks included.

    ``parts`` has one span per paragraph for a quote that runs over several
    paragraphs; ``problem`` says what was wrong with the marks, if anything.
    """

    start: int
    end: int
    parts: tuple[Span, ...]
    problem: str | None = None


_MARK = re.compile(r"''|[\"“”„«»]")
_OPENERS = {"“", "„", "«"}
_CLOSERS = {"”", "»"}
_LEFT_CONTEXT = set(" \t\n\r([{—–-/\u00a0") | {""}


def find_quoted_regions(text: str, paragraphs: Iterable[Span]) -> tuple[tuple[QuotedRegion, ...], tuple[str, ...]]:
    """Pair double quotation marks, paragraph by paragraph, in one linear pass.

    Returns the regions and the problems found (unclosed or stray marks).

    >>> text = "“One,” he said, “two.”\\n“Three\\n“Four.”\\nA “stray mark."
    >>> from analysis.tokenize import split_paragraphs
    >>> regions, problems = find_quoted_regions(text, split_paragraphs(text))
    >>> [r.parts for r in regions][2], problems
    ((Span(start=23, end=29), Span(start=30, end=37)), ('unclosed quotation mark at offset 40',))
    """
    regions: list[QuotedRegion] = []
    problems: list[str] = []
    paras = list(paragraphs)
    open_at: int | None = None  # offset of the opening mark of the current region
    parts: list[Span] = []
    for p_index, para in enumerate(paras):
        for m in _MARK.finditer(text, para.start, para.end):
            mark, pos = m.group(), m.start()
            if open_at is not None and parts and pos == para.start:
                # a continuing paragraph re-opens the quote: part of the same region
                if _is_opener(text, mark, pos, m.end(), True):
                    open_at = pos
                    continue
            opener = _is_opener(text, mark, pos, m.end(), open_at is not None)
            if open_at is None:
                if opener:
                    open_at = pos
                else:
                    problems.append(f"closing quotation mark without an opening one at offset {pos}")
            elif opener:
                problem = f"unclosed quotation mark at offset {open_at}"
                problems.append(problem)
                regions.append(_region([*parts, Span(open_at, _trim_end(text, open_at, pos))], problem))
                parts, open_at = [], pos
            else:
                regions.append(_region([*parts, Span(open_at, m.end())], None))
                parts, open_at = [], None
        if open_at is not None:
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            if nxt is not None and _MARK.match(text, nxt.start) and _is_opener(text, _MARK.match(text, nxt.start).group(), nxt.start, nxt.start + 1, True):
                parts.append(Span(open_at, para.end))
                continue
            problem = f"unclosed quotation mark at offset {open_at}"
            problems.append(problem)
            regions.append(_region([*parts, Span(open_at, para.end)], problem))
            parts, open_at = [], None
    return tuple(regions), tuple(problems)


def _region(parts: list[Span], problem: str | None) -> QuotedRegion:
    parts = [p for p in parts if p.end > p.start]
    return QuotedRegion(parts[0].start, parts[-1].end, tuple(parts), problem)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _is_opener(text: str, mark: str, start: int, end: int, is_open: bool) -> bool:
    """Whether a quotation mark opens a quote, from its shape and the characters around it."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    left_open = before in _LEFT_CONTEXT or before in "“‘\"'"
    right_closed = after == "" or after.isspace() or after in ",.;:!?)]}—–-’'\""
    if mark in _OPENERS:
        # a curly opening mark typed where a closing one belongs ("word“ next")
        return not (is_open and not left_open and right_closed)
    if mark in _CLOSERS:
        return bool(not is_open and left_open and not right_closed)
    if left_open and not right_closed:
        return True
    if right_closed and not left_open:
        return False
    return not is_open
