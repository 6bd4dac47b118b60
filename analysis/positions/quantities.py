"""Quantities: numbers with their qualifiers, units and exchange formats, never dates.

A quantity is what a position counts: "at least 1,200", "over 1,200", "24 or
48 hours", "6,000", "about 3,000", "30-day", "no more than three years", and
the formats of an exchange, "1,000 for 1,000", "thousand-for-thousand", "all
for all". A number spelled out counts only with a unit ("three years") or in
an exchange format, so "one of the delegates" holds none; a date ("July 23,
2025", "23 July") and a bare year are no quantities.

>>> find_quantities("at least 1,200 POWs, 1,000 for 1,000, a thousand-for-thousand swap, on July 23, 2025")
('at least 1,200', '1,000 for 1,000', 'thousand-for-thousand')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Qualifiers kept with a number ("at least 1,200") and units kept after it ("48 hours").
QUANTITY_QUALIFIERS = (
    "at least", "at most", "no more than", "no fewer than", "no less than", "more than", "fewer than", "less than",
    "as many as", "up to", "over", "under", "about", "around", "almost", "nearly", "roughly", "approximately",
    "some", "above", "below", "exactly", "only", "within",
)  # fmt: skip
QUANTITY_UNITS = (
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "second", "minute", "hour", "day", "week",
    "month", "year", "percent", "per cent", "%", "kilometers", "kilometres", "km", "miles", "meters", "metres",
    "million", "billion", "trillion", "thousand", "dollars", "euros", "rubles", "hryvnias",
)  # fmt: skip
# Numbers spelled out (English): a quantity only with a unit or in an exchange format.
NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "thousand", "dozen",
)  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_DIGITS = r"\$?\d(?:[\d,]*\d)?(?:\.\d+)?%?"
_SPELLED = rf"(?:{_alternation(NUMBER_WORDS)})"
_ANY = rf"(?:{_DIGITS}|{_SPELLED}(?![\w-]))"
_UNIT = rf"(?:{_alternation(QUANTITY_UNITS)})(?!\w)"
QUANTITY = re.compile(
    rf"(?<![\w$])(?:"
    rf"(?P<swap>(?:{_DIGITS}|{_SPELLED}|all)[\s-]+for[\s-]+(?:{_DIGITS}|{_SPELLED}|all))(?![\w-])"  # 1,000 for 1,000
    rf"|(?P<amount>(?:(?:{_alternation(QUANTITY_QUALIFIERS)})\s+)?(?P<number>{_ANY})"
    rf"(?:\s*(?:-|–|to|or|and)\s*{_ANY})?"
    rf"(?P<unit>(?:\s*|-|\s+more\s+){_UNIT})?)"
    rf")",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MONTH_BEFORE = re.compile(rf"(?:{'|'.join(MONTHS)})\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{'|'.join(MONTHS)})\b", re.IGNORECASE)
_SPELLED_ONLY = re.compile(rf"^{_SPELLED}$", re.IGNORECASE)


def _is_date(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is a day of a date ("July 23", "23 July") or a year."""
    return bool(_MONTH_BEFORE.search(text[max(0, start - 12) : start]) or _MONTH_AFTER.match(text[end : end + 16]))


def find_quantities(text: str) -> tuple[str, ...]:
    """Numbers with their qualifiers, units and exchange formats, in text order (dates and bare years left out).

    >>> find_quantities("over 1,200 people, ceasefires of 24 or 48 hours, 3,000 bodies in 2025, a 30-day truce")
    ('over 1,200', '24 or 48 hours', '3,000', '30-day')
    >>> find_quantities("no more than three years, two more days, one of them, about 3,000")
    ('no more than three years', 'two more days', 'about 3,000')
    """
    found = []
    for match in QUANTITY.finditer(text):
        value = " ".join(match.group().split())
        if match.group("swap") is None:
            number = match.group("number")
            if _SPELLED_ONLY.match(number) and match.group("unit") is None:
                continue  # "one of them": a spelled number counts only with its unit
            if _YEAR.match(value) or (match.group("unit") is None and _is_date(text, match.start("number"), match.end("number"))):
                continue
        found.append(value)
    return tuple(found)
