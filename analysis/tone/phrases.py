"""Phrase patterns shared by the data files: one matcher for many phrases, word by word.

Topic phrases, tone markers and stance words are written as patterns
(``ceasefire*``, ``may|might``, ``prisoners of war``); :class:`PhraseMatcher`
finds all of them in one pass over a text's words.

>>> matcher = PhraseMatcher([("hedge", "may|might"), ("topic", "prisoner* of war")])
>>> [(label, i, j) for label, i, j in matcher.find_words(["they", "might", "free", "prisoners", "of", "war"])]
[('hedge', 1, 2), ('topic', 3, 6)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import compress

from ..errors import DataFileError


# --- phrase patterns shared by the data files ---------------------------------

# Words for phrase matching: letters/digits with inner hyphens and apostrophes
# (so-called, isn't, Kyiv's), or one punctuation character.
_MATCH_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
# How many distinct words a matcher remembers the candidate phrases of before starting afresh.
_PLAN_LIMIT = 200_000
_PATTERN_WORD = re.compile(r"^[\w'’\-.,&/%$*|]+$|^[^\w\s]+$")


def _norm(token: str) -> str:
    return token.replace("’", "'")


class PhraseMatcher:
    """Phrases in the data files' pattern language, matched word by word.

    Words are separated by spaces; ``a|an`` gives alternatives for one word,
    ``*`` at the end (or start) of a word matches any ending (or beginning),
    an apostrophe matches ’ too, a possessive 's is ignored (Kyiv's matches
    Kyiv), and a phrase of punctuation only (``?``) matches itself. Matching
    ignores case unless ``exact``. A text is cut into words once and each word
    costs one dictionary look-up, which keeps scoring a corpus cheap: the
    phrases that can start at a word are worked out the first time the word
    is seen and remembered (:attr:`starting`).

    >>> matcher = PhraseMatcher([("pow", "prisoner* of war"), ("q", "?")])
    >>> [(label, text[s:e]) for text in ["Prisoners of war? No."] for label, s, e in matcher.find(text)]
    [('pow', 'Prisoners of war'), ('q', '?')]
    """

    __slots__ = ("exact", "entries", "by_word", "by_prefix", "others", "starting")

    def __init__(self, entries: Iterable[tuple[str, str]], *, exact: bool = False) -> None:
        self.exact = exact
        self.entries = tuple(entries)  # (label, phrase), to combine matchers
        self.by_word: dict[str, list] = {}
        self.by_prefix: dict[str, list] = {}
        self.others: list = []
        self.starting = _Plans(self._starting)  # word -> the phrases that may start at it, filled as words are seen
        for label, phrase in self.entries:
            words = self.parse(phrase, exact=exact)
            entry = (label, words)
            first = words[0]
            if all(kind == "=" for kind, _ in first):
                for _, value in first:
                    self.by_word.setdefault(value, []).append(entry)
            elif all(kind in ("=", ">") and len(value) >= 3 for kind, value in first):
                for value in {v[:3] for _, v in first}:
                    self.by_prefix.setdefault(value, []).append(entry)
            else:
                self.others.append(entry)

    @staticmethod
    def parse(phrase: str, *, exact: bool = False) -> tuple[tuple[tuple[str, str], ...], ...]:
        """The words of a phrase, each a tuple of alternatives ``(kind, text)``; raises ValueError when malformed.

        ``kind`` is ``=`` (the word), ``>`` (starts with), ``<`` (ends with) or ``~`` (contains).
        """
        words = []
        if not phrase.strip():
            raise ValueError("the phrase is empty")
        for word in phrase.split():
            if not _PATTERN_WORD.match(word):
                raise ValueError(f"the word {word!r} has characters patterns do not allow")
            options = word.split("|")
            parsed = []
            for option in options:
                core = option.strip("*")
                if not core:
                    raise ValueError(f"the word {word!r} has an empty alternative")
                head, tail = option.startswith("*"), option.endswith("*")
                pieces = [_norm(m.group()) for m in _MATCH_TOKEN.finditer(core)]
                if not exact:
                    pieces = [p.lower() for p in pieces]
                if len(pieces) > 1:
                    if len(options) > 1 or head or tail:
                        raise ValueError(f"the alternative {option!r} is several words; give it a line of its own")
                    words.extend(((("=", p),) for p in pieces))
                    parsed = None
                    break
                kind = "~" if head and tail else "<" if head else ">" if tail else "="
                parsed.append((kind, pieces[0]))
            if parsed is not None:
                words.append(tuple(parsed))
        return tuple(words)

    def tokens(self, text: str, start: int = 0, end: int | None = None) -> tuple[list[str], Sequence[tuple[int, int]]]:
        """The words of ``text[start:end]`` as this matcher compares them, and their offsets (made when read)."""
        end = len(text) if end is None else end
        chunk = text[start:end].replace("’", "'")
        if not self.exact:
            lowered = chunk.lower()
            if len(lowered) == len(chunk):  # a few characters (İ) grow when lower-cased
                chunk = lowered
        found = _MATCH_TOKEN.findall(chunk)
        words = [w.lower() for w in found] if not self.exact and chunk is not lowered else found
        return words, _Offsets(chunk, start, found)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """``(label, start, end)`` of every phrase found, in text order (longest first at one place)."""
        words, spans = self.tokens(text, start, end)
        return [(label, spans[i][0], spans[j - 1][1]) for label, i, j in self.find_words(words)]

    def find_words(self, words: Sequence[str]) -> list[tuple[str, int, int]]:
        """``(label, first word, end word)`` of every phrase found in a list of words from :meth:`tokens`."""
        found = []
        count = len(words)
        starts = list(map(self.starting.__getitem__, words))
        for i in compress(range(count), starts):
            for label, rest, size, second in starts[i]:  # longest first: found stays in text order
                if size == 1:
                    found.append((label, i, i + 1))
                elif (
                    i + size <= count
                    and (second is None or words[i + 1] in second)
                    and all(map(_word_fits, rest, words[i + 1 : i + size]))
                ):
                    found.append((label, i, i + size))
        return found

    def _starting(self, word: str) -> tuple[tuple[str, tuple, int, frozenset[str] | None], ...]:
        """``(label, the pattern's other words, size, second words)`` of the phrases whose first word ``word`` fits.

        In the order matches are reported at one place: longest first, then
        exact first words, then prefixes (``prisoner*``), then the other
        patterns (``*n't``). ``second words`` are all the words the pattern's
        second word fits when it is exact (see :func:`_exact_words`), else None.
        """
        by_word = self.by_word
        candidates = list(by_word.get(word, ()))
        if word.endswith("'s") and len(word) > 3:
            candidates += by_word.get(word[:-2], [])
        plan = [(label, pattern) for label, pattern in candidates
                if len(pattern) == 1 or _word_fits(pattern[0], word)]  # fmt: skip
        for label, pattern in (*self.by_prefix.get(word[:3], ()), *self.others):
            if _word_fits(pattern[0], word):
                plan.append((label, pattern))
        if not plan:
            return ()
        plan.sort(key=lambda entry: -len(entry[1]))  # stable: ties keep their order
        return tuple(
            (label, pattern[1:], len(pattern), _exact_words(pattern[1]) if len(pattern) > 1 else None)
            for label, pattern in plan
        )


class _Plans(dict):
    """word → what :meth:`PhraseMatcher._starting` says of it, worked out on the first look-up of the word."""

    __slots__ = ("plan",)

    def __init__(self, plan) -> None:
        super().__init__()
        self.plan = plan

    def __missing__(self, word: str) -> tuple:
        if len(self) >= _PLAN_LIMIT:
            self.clear()
        self[word] = plan = self.plan(word)
        return plan


class _Offsets(Sequence):
    """``(start, end)`` of each of ``words`` in ``chunk``, offset by ``start``, found only up to the word asked for.

    Only white space separates one word from the next, so each is the first
    occurrence of its text after the word before.
    """

    __slots__ = ("chunk", "start", "words", "starts")

    def __init__(self, chunk: str, start: int, words: Sequence[str]) -> None:
        self.chunk, self.start, self.words = chunk, start, words
        self.starts: list[int] = []

    def __len__(self) -> int:
        return len(self.words)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """``(start, end)`` of words ``i`` to ``j - 1`` (``0 <= i < j``)."""
        return self[i][0], self[j - 1][1]

    def __getitem__(self, i: int) -> tuple[int, int]:
        words, starts = self.words, self.starts
        if i < 0:
            i += len(words)
        if not 0 <= i < len(words):
            raise IndexError("word index out of range")
        if i >= len(starts):
            find = self.chunk.find
            k = len(starts)
            at = starts[-1] + len(words[k - 1]) if starts else 0
            for k in range(k, i + 1):
                at = find(words[k], at)
                starts.append(at)
                at += len(words[k])
        at = self.start + starts[i]
        return at, at + len(words[i])


def _exact_words(options: tuple[tuple[str, str], ...]) -> frozenset[str] | None:
    """Every word a pattern word fits when all its alternatives are exact (possessives too), else None.

    >>> sorted(_exact_words((("=", "war"), ("=", "a"))))
    ['a', 'war', "war's"]
    """
    if any(kind != "=" for kind, _ in options):
        return None
    values = {value for _, value in options}
    return frozenset(values | {f"{value}'s" for value in values if len(value) > 1})


def _word_fits(options: tuple[tuple[str, str], ...], word: str) -> bool:
    bare = word[:-2] if word.endswith("'s") and len(word) > 3 else word
    for kind, value in options:
        if kind == "=":
            if word == value or bare == value:
                return True
        elif kind == ">":
            if word.startswith(value):
                return True
        elif kind == "<":
            if word.endswith(value):
                return True
        elif value in word:
            return True
    return False


@lru_cache(maxsize=64)
def ignore_matcher(phrases: tuple[str, ...]) -> PhraseMatcher | None:
    """A matcher for a set of phrases to set aside in tone (None when there are none)."""
    if not phrases:
        return None
    try:
        return PhraseMatcher([(phrase, phrase) for phrase in dict.fromkeys(phrases)])
    except ValueError as error:
        raise DataFileError(f"cannot set aside one of the phrases: {error}; fix the phrase") from error
