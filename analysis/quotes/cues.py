"""The cue lexicon: reporting cues by inflected form (``data/cues.tsv``) and the speaker nouns (``data/roles.tsv``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import DataFileError
from ..mentions.lexicon import load_speaker_nouns  # noqa: F401  (speaker nouns are the mentions stage's: one reading of roles.tsv)


CUES_FILE = "cues.tsv"  # shipped in analysis/data/
CUE_TYPES = ("speech", "thought", "evidence")


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: a lemma or phrase and its type."""

    lemma: str
    type: str


@dataclass(frozen=True)
class CueLexicon:
    """Reporting cues by inflected form.

    ``words`` maps a one-word form ("said") to its :class:`Cue`; ``phrases``
    maps the first word of a multi-word form to ``(words, Cue)`` pairs,
    longest first ("according to", "pointed out").

    >>> lexicon = CueLexicon.from_rows([("say", "speech", "said"), ("according to", "speech", "")])
    >>> lexicon.type_of("has said"), lexicon.type_of("According to"), lexicon.type_of("tomato")
    ('speech', 'speech', None)
    """

    words: Mapping[str, Cue]
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], Cue], ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]], *, source: str = "cues") -> CueLexicon:
        """Build a lexicon from ``(cue, type, forms)`` rows."""
        words: dict[str, Cue] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
        for cue_text, cue_type, forms in rows:
            cue = Cue(" ".join(cue_text.lower().split()), cue_type)
            for form in _inflections(cue.lemma, forms):
                parts = tuple(form.split())
                if len(parts) == 1:
                    words.setdefault(parts[0], cue)
                elif parts:
                    phrases.setdefault(parts[0], []).append((parts, cue))
        ordered = {k: tuple(sorted(set(v), key=lambda p: -len(p[0]))) for k, v in phrases.items()}
        return cls(words, ordered)

    def match(self, lowers: list[str], i: int) -> tuple[int, Cue] | None:
        """The cue starting at word ``i`` of ``lowers``: (number of words, cue), longest first."""
        word = lowers[i]
        for parts, cue in self.phrases.get(word, ()):
            n = len(parts)
            if tuple(lowers[i : i + n]) == parts:
                return n, cue
        cue = self.words.get(word)
        return (1, cue) if cue else None

    def first_words(self) -> frozenset[str]:
        """Every word a cue can start with."""
        found = self.__dict__.get("_firsts")
        if found is None:
            found = frozenset(self.words) | frozenset(self.phrases)
            object.__setattr__(self, "_firsts", found)
        return found

    def type_of(self, text: str) -> str | None:
        """The type of a cue string: the whole phrase if known, else its first known word.

        >>> load_cues().type_of("told reporters"), load_cues().type_of("thinks")
        ('speech', 'thought')
        """
        words = _CUE_WORD.findall(text.lower().replace("’", "'"))
        for i in range(len(words)):
            found = self.match(words, i)
            if found:
                return found[1].type
        return None


_CUE_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_VOWELS = set("aeiou")
_FIXED_PHRASE_START = {"according", "as", "in", "be"}


def _inflections(lemma: str, forms: str) -> set[str]:
    """The lemma, its regular inflections (first word only) and the given irregular forms."""
    irregular = {" ".join(f.lower().split()) for f in forms.split(",") if f.strip()}
    first, _, rest = lemma.partition(" ")
    out = {lemma} | irregular
    if first in _FIXED_PHRASE_START or (rest and irregular):
        return out
    stems = {first + "s", first + "ing"}
    if first.endswith(("s", "sh", "ch", "x", "z")):
        stems.add(first + "es")
    if first.endswith("e"):
        stems |= {first[:-1] + "ing"}
    if first.endswith("y") and first[-2:-1] not in _VOWELS:
        stems |= {first[:-1] + "ies"}
    past = set()
    if first.endswith("e"):
        past.add(first + "d")
    elif first.endswith("y") and first[-2:-1] not in _VOWELS:
        past.add(first[:-1] + "ied")
    else:
        past.add(first + "ed")
    if len(first) >= 3 and first[-1] not in _VOWELS | {"w", "x", "y"} and first[-2] in _VOWELS:
        stems.add(first + first[-1] + "ing")
        past.add(first + first[-1] + "ed")
    if not irregular:
        stems |= past
    return out | {f"{s} {rest}".strip() for s in stems}


def read_cues(path: str | Path) -> CueLexicon:
    """Read a cue lexicon from a TSV file with the columns ``cue``, ``type`` and optional ``forms``.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "c.tsv"), "w") as f:
    ...     _ = f.write("cue\\ttype\\nsay\\tspeech\\nmuse\\tsong\\n")
    >>> read_cues(os.path.join(folder, "c.tsv"))
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: c.tsv, line 3: the type must be one of speech, thought, evidence, got 'song'
    """
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise DataFileError(f"{path}: cannot read the cue lexicon ({error.strerror}); check the path") from error
    return CueLexicon.from_rows(_cue_rows(text.splitlines(), name), source=name)


def _cue_rows(lines: list[str], name: str) -> Iterator[tuple[str, str, str]]:
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[:2] == ["cue", "type"]:
            continue
        if len(cells) < 2 or len(cells) > 3 or not cells[0]:
            raise DataFileError(
                f"{name}, line {number}: expected 2 or 3 tab-separated columns (cue, type, forms), got {line!r}"
            )
        if cells[1] not in CUE_TYPES:
            raise DataFileError(f"{name}, line {number}: the type must be one of {', '.join(CUE_TYPES)}, got {cells[1]!r}")
        yield cells[0], cells[1], cells[2] if len(cells) == 3 else ""


@cache
def _default_cues() -> CueLexicon:
    text = resources.files("analysis.data").joinpath(CUES_FILE).read_text(encoding="utf-8")
    return CueLexicon.from_rows(_cue_rows(text.splitlines(), CUES_FILE), source=CUES_FILE)


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """The cue lexicon: the shipped ``data/cues.tsv`` (read once) or the file at ``path``.

    >>> load_cues().type_of("According to"), load_cues().type_of("said:")
    ('speech', 'speech')
    """
    return _default_cues() if path is None else read_cues(path)


