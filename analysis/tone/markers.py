"""Tone markers and cue stances: what the words do beside the score, and what the reporting verb carries.

Markers (``tone_markers.tsv``): hedges, boosters, negation, first-person
plural, contesting the other side's framing, questions and exclamations. The
cue stance (``cue_stances.tsv``): "said" is neutral, "claimed" distancing,
"emphasized" emphatic.

>>> [m.name for m in find_markers("We may not agree.")], cue_stance("claimed")
(['first_person_plural', 'hedge', 'negation'], 'distancing')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from ..data import read_rows, shipped_text
from ..errors import DataFileError
from ..records import Marker, Span

from .phrases import PhraseMatcher

MARKERS_FILE = "tone_markers.tsv"  # shipped in analysis/data/
CUE_STANCES_FILE = "cue_stances.tsv"  # shipped in analysis/data/
MARKER_NAMES = (
    "hedge",
    "booster",
    "negation",
    "first_person_plural",
    "contesting",
    "question",
    "exclamation",
)
CUE_STANCES = ("neutral", "emphatic", "distancing", "confirming", "contesting")
UNLISTED = "unlisted"  # cue stance of a reporting verb that cue_stances.tsv does not list



def parse_markers(text: str, *, source: str = MARKERS_FILE) -> tuple[PhraseMatcher, ...]:
    """Marker matchers from ``marker<TAB>phrase[<TAB>exact]`` lines (``exact``: match case as written).

    >>> matchers = parse_markers("hedge\\tmay|might\\nfirst_person_plural\\tus\\texact")
    >>> [(m.name, m.text) for m in find_markers("We may call us from the US.", markers=matchers)]
    [('hedge', 'may'), ('first_person_plural', 'us')]
    """
    entries: dict[bool, list[tuple[str, str]]] = {False: [], True: []}
    for number, fields in read_rows(text, source, columns=(2, 3)):
        name, phrase = fields[0], fields[1]
        exact = len(fields) > 2 and fields[2].lower() == "exact"
        if len(fields) > 2 and not exact:
            raise DataFileError(f"{source}, line {number}: third column must be 'exact' or empty, got {fields[2]!r}")
        if not re.fullmatch(r"[a-z_]+", name):
            raise DataFileError(f"{source}, line {number}: marker name {name!r} must be lower-case letters and '_'")
        try:
            PhraseMatcher.parse(phrase, exact=exact)
        except ValueError as error:
            raise DataFileError(f"{source}, line {number}: {error} in {phrase!r}; fix the phrase") from error
        entries[exact].append((name, phrase))
    return tuple(PhraseMatcher(found, exact=exact) for exact, found in entries.items() if found)


@cache
def default_markers() -> tuple[PhraseMatcher, ...]:
    """The shipped tone markers, compiled once."""
    return parse_markers(shipped_text(MARKERS_FILE), source=MARKERS_FILE)


def _inflections(lemma: str) -> set[str]:
    """Regular verb forms of ``lemma`` (the first word of a phrasal verb is inflected)."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        forms = (head + "s", head + "d", head[:-1] + "ing")
    elif head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        forms = (head[:-1] + "ies", head[:-1] + "ied", head + "ing")
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = (head + "es", head + "ed", head + "ing")
    else:
        forms = (head + "s", head + "ed", head + "ing")
    return {lemma, *(f + tail for f in forms)}


def parse_cue_stances(text: str, *, source: str = CUE_STANCES_FILE) -> dict[str, str]:
    """Reporting-verb forms → stance from ``verb<TAB>stance[<TAB>form,form…]`` lines.

    Regular inflections are added (claim → claims, claimed, claiming); list
    irregular ones in the third column.

    >>> table = parse_cue_stances("claim\\tdistancing\\nsay\\tneutral\\tsaid,says")
    >>> table["claimed"], table["said"]
    ('distancing', 'neutral')
    """
    table: dict[str, str] = {}
    for number, fields in read_rows(text, source, columns=(2, 3)):
        verb, stance = fields[0].lower(), fields[1].lower()
        if stance not in CUE_STANCES:
            raise DataFileError(
                f"{source}, line {number}: stance {fields[1]!r} is not one of {', '.join(CUE_STANCES)}; use one of them"
            )
        forms = _inflections(verb)
        if len(fields) > 2:
            forms |= {f.strip().lower() for f in fields[2].split(",") if f.strip()}
        for form in forms:
            table[form] = stance
    return table


@cache
def default_cue_stances() -> dict[str, str]:
    """The shipped reporting-verb stances, read once."""
    return parse_cue_stances(shipped_text(CUE_STANCES_FILE), source=CUE_STANCES_FILE)


# --- markers and cue stance -------------------------------------------------------


def find_markers(text: str, *, span: Span | None = None, markers: Sequence[PhraseMatcher] | None = None) -> tuple[Marker, ...]:
    """Tone markers in ``text`` (or in ``span`` of it), in text order; spans are into ``text``.

    ``markers`` is what :func:`parse_markers` returns (default: the shipped ``tone_markers.tsv``).

    >>> [(m.name, m.text) for m in find_markers("But it is not a ceasefire, we may say.")]
    [('contesting', 'it is not a'), ('negation', 'not'), ('first_person_plural', 'we'), ('hedge', 'may')]
    """
    matchers = default_markers() if markers is None else markers
    start, end = (span.start, span.end) if span is not None else (0, len(text))
    return _markers(text, [found for matcher in matchers for found in matcher.find(text, start, end)])


def cue_stance(cue: str | None, *, stances: dict[str, str] | None = None) -> str | None:
    """The reporter's stance a cue carries: neutral, emphatic, distancing, confirming, contesting.

    None for no cue, ``"unlisted"`` for a verb ``cue_stances.tsv`` does not list.

    >>> cue_stance("claimed"), cue_stance("has repeatedly denied"), cue_stance("according to")
    ('distancing', 'contesting', 'neutral')
    """
    if cue is None:
        return None
    if stances is None:
        return _shipped_cue_stance(cue)
    return _cue_stance(cue, stances)


@lru_cache(maxsize=4096)
def _shipped_cue_stance(cue: str) -> str:
    """The stance ``cue_stances.tsv`` gives a cue, worked out once per cue."""
    return _cue_stance(cue, default_cue_stances())


def _cue_stance(cue: str, table: dict[str, str]) -> str:
    """The stance ``table`` gives the whole cue, else its first listed two-word or one-word part."""
    words = cue.lower().replace("’", "'").split()
    whole = " ".join(words)
    if whole in table:
        return table[whole]
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            stance = table.get(" ".join(words[i : i + size]))
            if stance is not None:
                return stance
    return UNLISTED


def _markers(text: str, found: Iterable[tuple[str, int, int]]) -> tuple[Marker, ...]:
    """Markers from ``(name, start, end)`` matches: the longest of a marker at one place, in text order."""
    markers, seen = [], set()
    for name, s, e in sorted(found, key=lambda f: (f[1], -f[2], f[0])):
        if (name, s) not in seen:
            seen.add((name, s))
            markers.append(Marker(name, text[s:e], Span(s, e)))
    return tuple(markers)
