"""Tone: what a quote sounds like, why, and how the reporter framed it.

Three things are measured for every quote, each from a documented data file
in ``analysis/data/`` (see its README):

* a **score** — VADER's compound, pos, neu and neg, computed sentence by
  sentence (VADER's compound saturates on long text) and averaged, with an
  explanation: the words that moved it and by how much, with the negations
  and intensifiers that changed them, and the topic words set aside
  (``topics.tsv``: "prisoners of war" names what the talks are about, it is
  not the speaker's tone);
* **tone markers** beside the score (``tone_markers.tsv``): hedges, boosters,
  negation, first-person plural, contesting the other side's framing,
  questions and exclamations;
* the **cue stance** the reporting verb carries (``cue_stances.tsv``):
  "said" is neutral, "claimed" distancing, "emphasized" emphatic.

Which VADER. Measured on the rated NYT editorial sentences in
``../shared/tone`` (dev half, 2,568 sentences; rating/4, ±0.05 classes):
vaderSentiment 3.3.2 reaches Pearson r 0.496 and macro-F1 0.528, NLTK 3.10's
``SentimentIntensityAnalyzer`` given the same lexicon r 0.483 and macro-F1
0.526. So this module follows **vaderSentiment's own algorithm** and reads the
lexicon, emoji list and constants shipped inside the ``vaderSentiment``
package (nothing is downloaded). It re-implements the scoring step by step so
that each word's effect can be reported and topic words set aside; on a plain
sentence the compound is VADER's (a test checks this), with two deliberate
differences: typographic quotation marks and dashes are stripped from words
like ASCII punctuation (VADER misses “good”), and the contrastive "but"
re-weights every word by its position (VADER finds a word with
``list.index(value)``, so two words of equal valence are weighed as the first).

>>> score = score_tone("We have agreed to exchange prisoners of war.", ignore=["prisoners of war"])
>>> score.compound > 0.05, explain_tone(score)
(True, "agreed +0.27; 'prisoners of war' set aside (topic, -5.2)")
>>> score_tone("We have agreed to exchange prisoners of war.").compound
-0.7269
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
import string
from collections.abc import Collection, Iterable, Sequence
from functools import cache, lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .errors import DataFileError
from .records import (
    AttributedArticle,
    Marker,
    Quote,
    QuoteTone,
    Span,
    Topic,
    ToneAggregate,
    ToneScore,
    WordEffect,
)

TOPICS_FILE = "topics.tsv"  # shipped in analysis/data/: the default topic lexicon (conflict negotiations)
MARKERS_FILE = "tone_markers.tsv"  # shipped in analysis/data/
CUE_STANCES_FILE = "cue_stances.tsv"  # shipped in analysis/data/

# VADER's normalisation constant (vaderSentiment.normalize's alpha).
ALPHA = 15
# Characters stripped from the ends of words besides ASCII punctuation: news
# text uses typographic quotes and dashes that VADER leaves on the word.
TYPOGRAPHIC_PUNCTUATION = "“”‘’«»„‚‹›—–―…"
# How many words of an explanation to show, strongest first.
EXPLAIN_LIMIT = 6
# Reasons a word can be set aside.
TOPIC_REASON = "topic"

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
TOPIC_USES = ("topic", "aside")


# --- the analyser -----------------------------------------------------------


class _Vader:
    """vaderSentiment's lexicon, emoji list and constants, loaded once."""

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vs

        analyser = vs.SentimentIntensityAnalyzer()  # reads the files shipped in the package
        self.lexicon: dict[str, float] = analyser.lexicon
        self.emojis: dict[str, str] = {k: v for k, v in analyser.emojis.items() if len(k) == 1}
        self.emoji_set = frozenset(self.emojis)
        self.boosters: dict[str, float] = vs.BOOSTER_DICT
        self.negations = frozenset(vs.NEGATE)
        self.n_scalar: float = vs.N_SCALAR
        self.c_incr: float = vs.C_INCR
        self.special_cases: dict[str, float] = vs.SPECIAL_CASES
        # The first two words of every idiom and several-word booster: where no two
        # neighbouring words are one of these, _idioms has nothing to do.
        self.idiom_starts = frozenset(
            tuple(phrase.split(" ")[:2]) for phrase in (*self.special_cases, *self.boosters) if " " in phrase
        )
        # token -> what scoring needs of it (see _vader_token), filled as tokens are seen
        self.tokens = _Plans(self._token)

    def _token(self, token: str) -> tuple[str, str, bool, bool, bool, bool, int]:
        word, lead = (token, 0) if token.isalnum() else _vader_word(token)
        low = word.lower()
        negates = low in self.negations or "n't" in low
        return word, low, low in self.lexicon, word.isupper(), negates, low in self.boosters, lead


@cache
def vader() -> _Vader:
    """The shared VADER resources, built once on first use."""
    return _Vader()


_WORD = re.compile(r"\S+")
_ASCII_PUNCTUATION = string.punctuation


def _vader_words(text: str) -> list[str]:
    """VADER's words: whitespace split, punctuation stripped unless ≤ 2 letters are left.

    >>> _vader_words("“Good,” he said: a :) deal.")
    ['Good', 'he', 'said', 'a', ':)', 'deal']
    """
    return [token if token.isalnum() else _vader_word(token)[0] for token in text.split()]


def _vader_word(token: str) -> tuple[str, int]:
    """A whitespace-separated token as VADER reads it, and how many characters were stripped before it."""
    lead = 0
    bare = token.strip(TYPOGRAPHIC_PUNCTUATION)
    if bare and bare != token:
        lead = token.index(bare)
        token = bare
    stripped = token.strip(_ASCII_PUNCTUATION)
    if len(stripped) <= 2:
        return token, lead
    return stripped, lead + len(token) - len(token.lstrip(_ASCII_PUNCTUATION))


def _vader_token(token: str) -> tuple[str, str, bool, bool, bool, bool, int]:
    """What scoring needs of a whitespace-separated token, worked out once per distinct token.

    The word as VADER reads it, lower-cased, whether the lexicon holds it,
    whether it is in capitals, whether it negates, whether it is a booster,
    and how many characters were stripped before it.

    >>> _vader_token("“NEVER,"), _vader_token("very")
    (('NEVER', 'never', False, True, True, False, 1), ('very', 'very', False, False, False, True, 0))
    """
    return vader().tokens[token]


def _replace_emojis(text: str, emojis: dict[str, str]) -> tuple[str, list[int]]:
    """VADER's emoji-to-description rewrite, with the original offset of every new character."""
    out, origin, prev_space = [], [], True
    for index, char in enumerate(text):
        description = emojis.get(char)
        if description is None:
            out.append(char)
            origin.append(index)
            prev_space = char == " "
            continue
        if not prev_space:
            out.append(" ")
            origin.append(index)
        out.extend(description)
        origin.extend([index] * len(description))
        prev_space = False
    return "".join(out), origin


class _Sentence(NamedTuple):
    """The raw result of scoring one sentence."""

    total: float  # sum of valences with punctuation emphasis
    punctuation: float  # signed punctuation emphasis
    pos_sum: float
    neg_sum: float
    neutral: int
    effects: list  # [(word, start, end, base valence, final valence, modifiers)]
    aside: list  # [(phrase, start, end, valence)]


_IN_LEXICON = itemgetter(2)  # of what _Vader.tokens holds


def _token_ends(piece: str, raw: Sequence[str]) -> list[int]:
    """Where each whitespace-separated token of ``piece`` ends, less its index: token i ends at ``ends[i] + i``.

    >>> _token_ends("a bc  d", "a bc  d".split())
    [1, 3, 5]
    """
    if " ".join(raw) == piece:  # one space between tokens
        return list(accumulate(map(len, raw)))
    return [match.end() - k for k, match in enumerate(_WORD.finditer(piece))]  # \S+ and str.split find the same tokens


def _score_sentence(text: str, start: int, end: int, aside: Sequence[tuple[int, int]] = ()) -> _Sentence:
    """Score ``text[start:end]`` the way vaderSentiment scores a sentence, recording every step.

    ``aside`` holds the ``(start, end)`` offsets of topic phrases found in the text (any may fall outside).
    """
    res = vader()
    piece = text[start:end]
    origin = None
    if not piece.isascii() and not res.emoji_set.isdisjoint(piece):
        piece, origin = _replace_emojis(piece, res.emojis)
    raw = piece.split()
    n = len(raw)
    if not n:
        return _Sentence(0.0, 0.0, 0, 0, 0, [], [])
    tokens = list(map(res.tokens.__getitem__, raw))
    found = [(s, e) for s, e in aside if s < end and start < e] if aside else ()
    if not found and not any(map(_IN_LEXICON, tokens)):  # nothing scores: what the steps below come to
        return _Sentence(0.0, 0.0, 0, 0, n, [], [])
    words, lower, known, upper, negating, boosting, lead = zip(*tokens)
    lexicon = res.lexicon
    ends = None  # see _token_ends, found when first needed

    # Topic phrases set aside: their words count as words outside the lexicon.
    aside_found = []
    if found:
        known = list(known)
        covered = bytearray(end - start)
        for s, e in found:
            s, e = max(s, start), min(e, end)
            covered[s - start : e - start] = b"\x01" * (e - s)
        ends = _token_ends(piece, raw)
        places = [_place(i, raw, words, lead, ends, origin, start) for i in range(n)]
        hit = [i for i, (s, e) in enumerate(places) if 1 in covered[s - start : e - start]]
        for i in hit:
            known[i] = False
        last_end = -1
        for s, e in found:
            if s < last_end:
                continue  # a shorter phrase inside one already reported
            last_end = e
            valence = sum(lexicon.get(lower[i], 0.0) for i in hit if s <= places[i][0] < e)
            aside_found.append((text[s:e], s, e, valence))
    if not any(known):  # nothing scores: what the steps below come to
        return _Sentence(0.0, 0.0, 0, 0, n, [], aside_found)
    boosters, n_scalar = res.boosters, res.n_scalar
    cap_diff = 0 < n - sum(upper) < n
    has_no, has_least = "no" in lower, "least" in lower
    idioms = not res.idiom_starts.isdisjoint(zip(lower, lower[1:]))  # two neighbouring words start an idiom
    # Whether a word before a scored one can change it: else the three words before each are not looked at.
    modified = idioms or any(boosting) or any(negating) or "so" in lower or "this" in lower

    # Words outside the lexicon, boosters and the "kind" of "kind of" score 0.
    sentiments = [0.0] * n
    notes: dict[int, list[str]] = {}
    for i in compress(range(n), known):
        low = lower[i]
        if boosting[i] or (low == "kind" and i < n - 1 and lower[i + 1] == "of"):
            continue
        mods: list[str] = []
        base = lexicon[low]
        valence = base
        if has_no:
            if low == "no" and i != n - 1 and lower[i + 1] in lexicon:
                valence = 0.0  # "no" negates the next word (even one set aside) rather than scoring itself
            if (
                (i > 0 and lower[i - 1] == "no")
                or (i > 1 and lower[i - 2] == "no")
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
            ):
                valence = base * n_scalar
                mods.append("negated by 'no'")
        if upper[i] and cap_diff:
            valence += res.c_incr if valence > 0 else -res.c_incr
            mods.append("in capitals")
        if modified:
            for back in (0, 1, 2):
                j = i - (back + 1)
                if j < 0 or known[j]:
                    continue
                scalar = boosters[lower[j]] if boosting[j] else 0.0
                if scalar:
                    if valence < 0:
                        scalar = -scalar
                    if upper[j] and cap_diff:
                        scalar += res.c_incr if valence > 0 else -res.c_incr
                    scalar *= (1.0, 0.95, 0.9)[back]
                    grows = (scalar > 0) == (valence >= 0)
                    valence += scalar
                    mods.append(f"{'intensified' if grows else 'dampened'} by '{words[j]}'")
                if negating[j] or (back == 2 and lower[i - 1] in ("so", "this")):  # else _negation_check changes nothing
                    valence = _negation_check(valence, lower, back, i, res.negations, n_scalar, mods)
                if back == 2 and idioms:
                    near = lower[i - 3 : i + 3]
                    if not res.idiom_starts.isdisjoint(zip(near, near[1:])):
                        before = valence
                        valence = _idioms(valence, lower, i, res.special_cases, boosters)
                        if valence != before:
                            mods.append("idiom")
        if has_least:
            if i > 1 and not known[i - 1] and lower[i - 1] == "least":
                if lower[i - 2] not in ("at", "very"):
                    valence *= n_scalar
                    mods.append("negated by 'least'")
            elif i > 0 and not known[i - 1] and lower[i - 1] == "least":
                valence *= n_scalar
                mods.append("negated by 'least'")
        sentiments[i] = valence
        notes[i] = mods

    if "but" in lower:
        pivot = lower.index("but")
        for i in compress(range(n), sentiments):  # the words that scored
            if i != pivot:
                factor = 0.5 if i < pivot else 1.5
                sentiments[i] *= factor
                notes.setdefault(i, []).append(f"{'before' if i < pivot else 'after'} 'but' ×{factor:g}")

    total = sum(sentiments)
    emphasis = min(piece.count("!"), 4) * 0.292
    questions = piece.count("?")
    if questions > 1:
        emphasis += questions * 0.18 if questions <= 3 else 0.96
    signed = 0.0
    if total > 0:
        signed = emphasis
    elif total < 0:
        signed = -emphasis
    total += signed
    pos_sum = neg_sum = 0
    for s in compress(sentiments, sentiments):
        if s > 0:
            pos_sum += s + 1
        elif s < 0:
            neg_sum += s - 1
    neutral = sentiments.count(0.0)
    if pos_sum > -neg_sum:
        pos_sum += emphasis
    elif pos_sum < -neg_sum:
        neg_sum -= emphasis
    effects = []
    for i in compress(range(n), sentiments):
        if ends is None:
            ends = _token_ends(piece, raw)
        effects.append(
            (words[i], *_place(i, raw, words, lead, ends, origin, start), lexicon[lower[i]], sentiments[i], tuple(notes.get(i, ())))
        )
    return _Sentence(total, signed, pos_sum, neg_sum, neutral, effects, aside_found)


def _place(i: int, raw, words, lead, ends: list[int], origin: list[int] | None, start: int) -> tuple[int, int]:
    """``(start, end)`` in the text of VADER's word ``i`` of a sentence starting at ``start``."""
    s = ends[i] + i - len(raw[i]) + lead[i]  # past the punctuation stripped before the word
    e = s + len(words[i])
    if origin is not None:
        s, e = origin[s], origin[e - 1] + 1
    return start + s, start + e


def _idioms(valence: float, lower: Sequence[str], i: int, cases: dict[str, float], boosters: dict[str, float]) -> float:
    """vaderSentiment's special-case idioms ("kiss of death") and two-word boosters ("sort of") around word ``i`` (i ≥ 3)."""
    one_zero = f"{lower[i - 1]} {lower[i]}"
    two_one_zero = f"{lower[i - 2]} {one_zero}"
    two_one = f"{lower[i - 2]} {lower[i - 1]}"
    three_two_one = f"{lower[i - 3]} {two_one}"
    three_two = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in cases:
            valence = cases[sequence]
            break
    n = len(lower)
    if n - 1 > i:
        zero_one = f"{lower[i]} {lower[i + 1]}"
        if zero_one in cases:
            valence = cases[zero_one]
    if n - 1 > i + 1:
        zero_one_two = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zero_one_two in cases:
            valence = cases[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in boosters:
            valence = valence + boosters[n_gram]
    return valence


def _negation_check(valence, lower, back, i, negations, n_scalar, mods) -> float:
    """vaderSentiment's negation rules for the word ``back + 1`` places before word ``i``."""
    j = i - (back + 1)
    word = lower[j]
    negated = word in negations or "n't" in word
    if back == 0:
        if negated:
            mods.append(f"negated by '{word}'")
            return valence * n_scalar
    elif back == 1:
        if word == "never" and lower[i - 1] in ("so", "this"):
            mods.append("intensified by 'never so'")
            return valence * 1.25
        if word == "without" and lower[i - 1] == "doubt":
            return valence
        if negated:
            mods.append(f"negated by '{word}'")
            return valence * n_scalar
    else:
        if (word == "never" and lower[i - 2] in ("so", "this")) or lower[i - 1] in ("so", "this"):
            return valence * 1.25
        if word == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            return valence
        if negated:
            mods.append(f"negated by '{word}'")
            return valence * n_scalar
    return valence


def _combine(text: str, sentences: Sequence[_Sentence]) -> ToneScore:
    """Average the sentences' compounds; pool their positive, negative and neutral weights."""
    if not sentences:
        return ToneScore(0.0, 0.0, 0.0, 0.0, sentences=0)
    toned = [s for s in sentences if s.total] or sentences
    share = len(toned)
    compound = 0
    for s in toned:
        compound += s.total / math.sqrt(s.total * s.total + ALPHA) if s.total else 0.0
    compound /= share
    pos_sum = neg_sum = neutral = 0
    words, aside, punctuation = [], [], 0.0
    for total, signed, pos, neg, neu, effects, aside_found in sentences:
        pos_sum += pos
        neg_sum += neg
        neutral += neu
        scale = 1.0 / (math.sqrt(total * total + ALPHA) * share)
        for word, start, end, base, final, mods in effects:
            words.append(WordEffect(word, Span(start, end), base, round(final * scale, 4), mods))
        punctuation += signed * scale
        for phrase, start, end, valence in aside_found:
            if valence:
                aside.append(WordEffect(phrase, Span(start, end), round(valence, 3), 0.0, (), TOPIC_REASON))
    weight = pos_sum + abs(neg_sum) + neutral
    if not weight:
        return ToneScore(0.0, 0.0, 0.0, 0.0, (), tuple(aside), len(sentences))
    return ToneScore(  # compound, pos, neu, neg, words, set aside, sentences, punctuation (positional: cheaper)
        round(compound, 4),
        round(abs(pos_sum / weight), 3),
        round(abs(neutral / weight), 3),
        round(abs(neg_sum / weight), 3),
        tuple(words),
        tuple(aside),
        len(sentences),
        round(punctuation, 4),
    )


def score_tone(text: str, *, ignore: Collection[str] = ()) -> ToneScore:
    """VADER tone of ``text``, sentence by sentence, with the words that moved it.

    ``ignore`` holds topic phrases (the pattern language of ``topics.tsv``:
    ``prisoner*``, ``ceasefire|truce``) whose words are not counted as tone;
    the score's ``set_aside`` shows those that would have counted.

    >>> score = score_tone("The talks were not good. We are very happy!")
    >>> score.compound, score.sentences
    (0.1528, 2)
    >>> [(w.word, w.modifiers) for w in score.words]
    [('good', ("negated by 'not'",)), ('happy', ("intensified by 'very'",))]
    """
    spans = _sentence_spans(text)
    matcher = ignore_matcher(tuple(ignore)) if ignore else None
    aside = [(s, e) for _, s, e in matcher.find(text)] if matcher is not None else []
    return _score_spans(text, spans, aside)


def _sentence_spans(text: str) -> list[Span]:
    from .tokenize import split_sentences

    return split_sentences(text) if text.strip() else []


_HAS_WORD = re.compile(r"\w")


def _score_spans(text: str, spans: Iterable[Span], aside: Sequence[tuple[int, int]] = ()) -> ToneScore:
    pieces: list[list[int]] = []
    for span in spans:
        if span.end <= span.start:
            continue
        if pieces and not _HAS_WORD.search(text, span.start, span.end):
            pieces[-1][1] = max(pieces[-1][1], span.end)  # "???" split off by Punkt belongs to its sentence
        else:
            pieces.append([span.start, span.end])
    return _combine(text, [_score_sentence(text, start, end, aside) for start, end in pieces])


def explain_tone(score: ToneScore, *, limit: int = EXPLAIN_LIMIT) -> str:
    """A short, human-readable account of a score: the strongest words first, then what was set aside.

    >>> explain_tone(score_tone("This is not a good deal, but peace is possible."))
    "peace +0.76 (after 'but' ×1.5); good -0.14 (negated by 'not', before 'but' ×0.5)"
    """
    parts = []
    for effect in sorted(score.words, key=lambda w: -abs(w.effect))[:limit]:
        detail = f" ({', '.join(effect.modifiers)})" if effect.modifiers else ""
        parts.append(f"{effect.word} {effect.effect:+.2f}{detail}")
    if len(score.words) > limit:
        parts.append(f"{len(score.words) - limit} more")
    if score.punctuation:
        parts.append(f"punctuation {score.punctuation:+.2f}")
    seen = set()
    for phrase in score.set_aside:
        key = phrase.word.lower()
        if key not in seen:
            seen.add(key)
            parts.append(f"'{phrase.word}' set aside ({phrase.set_aside}, {phrase.valence:+.1f})")
    return "; ".join(parts) if parts else "no tone words"


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


# --- data files -----------------------------------------------------------------


def _read_rows(text: str, source: str, *, columns: tuple[int, int]) -> Iterable[tuple[int, list[str]]]:
    """(line number, fields) for the non-comment lines of a tab-separated data file."""
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


def _shipped(name: str) -> str:
    return resources.files("analysis.data").joinpath(name).read_text(encoding="utf-8")


def _read_file(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataFileError(f"{path}: no such file; give the path of a tab-separated data file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot be read as UTF-8 text ({error}); save it as UTF-8") from error


def parse_topics(text: str, *, source: str = TOPICS_FILE) -> tuple[Topic, ...]:
    """Topics from the text of a topic file: ``topic<TAB>phrase[<TAB>topic|aside[<TAB>sense]]`` lines.

    The optional ``sense`` (words the phrase needs near it, ``!word`` words it
    must not have) is kept for positions (:mod:`analysis.positions.topics`).

    >>> parse_topics("ceasefire\\tceasefire*\\nceasefire\\twar\\taside")
    (Topic(name='ceasefire', phrases=('ceasefire*',), aside=('war',), senses=()),)
    """
    order: list[str] = []
    phrases: dict[str, list[str]] = {}
    aside: dict[str, list[str]] = {}
    senses: dict[str, list[tuple[str, str]]] = {}
    for number, fields in _read_rows(text, source, columns=(2, 4)):
        name, phrase = fields[0], fields[1]
        use = fields[2].lower() if len(fields) > 2 and fields[2] else "topic"
        if not name or not phrase:
            raise DataFileError(f"{source}, line {number}: the topic and the phrase must not be empty")
        if use not in TOPIC_USES:
            raise DataFileError(
                f"{source}, line {number}: the third column is {fields[2]!r}; use 'topic' (the phrase names the "
                f"topic) or 'aside' (only set aside in tone), or leave it empty"
            )
        try:
            PhraseMatcher.parse(phrase)
        except ValueError as error:
            raise DataFileError(f"{source}, line {number}: {error} in {phrase!r}; fix the phrase") from error
        if name not in phrases:
            order.append(name)
            phrases[name], aside[name], senses[name] = [], [], []
        (phrases if use == "topic" else aside)[name].append(phrase)
        if len(fields) > 3 and fields[3]:
            senses[name].append((phrase, fields[3]))
    topics = tuple(Topic(name, tuple(phrases[name]), tuple(aside[name]), tuple(senses[name])) for name in order)
    if not topics:
        raise DataFileError(f"{source}: no topics found; add lines 'topic<TAB>phrase'")
    for topic in topics:
        if not topic.phrases:
            raise DataFileError(f"{source}: topic {topic.name!r} has only 'aside' phrases; give it one naming phrase")
    return topics


@cache
def _default_topics() -> tuple[Topic, ...]:
    return parse_topics(_shipped(TOPICS_FILE), source=TOPICS_FILE)


@lru_cache(maxsize=16)
def _topics_at(path: str, mtime: int) -> tuple[Topic, ...]:
    return parse_topics(_read_file(path), source=path)


def read_topics(path: str | Path | None = None) -> tuple[Topic, ...]:
    """The topic lexicon at ``path``, or the shipped default (conflict negotiations) when None.

    Raises :class:`~analysis.errors.DataFileError` saying which line to fix.

    >>> [t.name for t in read_topics()][:3]
    ['prisoner exchange', 'ceasefire', 'return of remains']
    """
    if path is None:
        return _default_topics()
    try:
        mtime = Path(path).stat().st_mtime_ns
    except OSError as error:
        raise DataFileError(f"{path}: no such topic file; give the path of a tab-separated topic file") from error
    return _topics_at(str(path), mtime)


def topic_phrases(topics: Iterable[Topic]) -> tuple[str, ...]:
    """Every phrase of the topics, naming and aside: what the tone scorer sets aside."""
    return tuple(p for topic in topics for p in (*topic.phrases, *topic.aside))


def parse_markers(text: str, *, source: str = MARKERS_FILE) -> tuple[PhraseMatcher, ...]:
    """Marker matchers from ``marker<TAB>phrase[<TAB>exact]`` lines (``exact``: match case as written).

    >>> matchers = parse_markers("hedge\\tmay|might\\nfirst_person_plural\\tus\\texact")
    >>> [(m.name, m.text) for m in find_markers("We may call us from the US.", markers=matchers)]
    [('hedge', 'may'), ('first_person_plural', 'us')]
    """
    entries: dict[bool, list[tuple[str, str]]] = {False: [], True: []}
    for number, fields in _read_rows(text, source, columns=(2, 3)):
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
    return parse_markers(_shipped(MARKERS_FILE), source=MARKERS_FILE)


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
    for number, fields in _read_rows(text, source, columns=(2, 3)):
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
    return parse_cue_stances(_shipped(CUE_STANCES_FILE), source=CUE_STANCES_FILE)


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


# --- quotes, rows and aggregates -----------------------------------------------------


def sentence_ends(attributed: AttributedArticle) -> list[int]:
    """Where each sentence of the article ends, to find a quote's sentences by bisection."""
    return [s.span.end for s in attributed.tokens.sentences]


def _quote_spans(attributed: AttributedArticle, quote: Quote, ends: Sequence[int]) -> list[Span]:
    """The quote's content cut at the article's sentence boundaries (no re-tokenising)."""
    pieces = []
    sentences = attributed.tokens.sentences
    for part in quote.content:
        inside = []
        for k in range(bisect_right(ends, part.start), len(sentences)):
            span = sentences[k].span
            if span.start >= part.end:
                break
            inside.append(Span(max(part.start, span.start), min(part.end, span.end)))
        pieces.extend(inside or [part])
    return pieces


def _speaker_names(quote: Quote) -> tuple[str, ...]:
    if len(quote.speakers) == 1:
        return (quote.speakers[0].name,)
    return tuple(dict.fromkeys(s.name for s in quote.speakers))


def _speaker_ids(quote: Quote) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.id for s in quote.speakers if s.id))


def _sides(quote: Quote) -> tuple[str, ...]:
    if len(quote.speakers) == 1:
        side = quote.speakers[0].side
        return (side,) if side else ()
    return tuple(dict.fromkeys(s.side for s in quote.speakers if s.side))


def score_quotes(attributed: AttributedArticle, *, topics: str | Path | Sequence[Topic] | None = None) -> tuple[QuoteTone, ...]:
    """The tone of every quote of an attributed article, topic words set aside.

    ``topics`` is a topic file, topics already read, or None for the shipped lexicon.

    >>> from analysis.records import Article, Quote, Speaker, Tokens
    >>> text = "“We have agreed on the exchange of prisoners of war,” Umerov said."
    >>> quote = Quote("direct", (Span(0, 53),), Span(61, 65), Span(54, 60), (Speaker("Umerov"),))
    >>> attributed = AttributedArticle(Article(text), Tokens(text, (), ()), (quote,))
    >>> tone = score_quotes(attributed)[0]
    >>> tone.cue_stance, tone.score.compound > 0, [m.name for m in tone.markers]
    ('neutral', True, ['first_person_plural'])
    """
    chosen = _resolve_topics(topics)
    caseless, exact, screened = _quote_matchers(topic_phrases(chosen), default_markers())
    text = attributed.article.text
    ends = sentence_ends(attributed)
    results = []
    for index, quote in enumerate(attributed.quotes):
        if not quote.content:
            continue
        aside, found = [], []
        for part in quote.content:
            words, spans = caseless.tokens(text, part.start, part.end)
            maybe_exact = False
            for label, i, j in caseless.find_words(words):
                if label is _ASIDE:
                    aside.append(spans.span(i, j))
                elif label is _MAYBE_EXACT:
                    maybe_exact = True
                else:
                    found.append((label, *spans.span(i, j)))
            if exact is not None and (not screened or maybe_exact):
                normed = _norm(text[part.start : part.end])  # the words as written: ’ → ' keeps every offset
                originals = [normed[s - part.start : e - part.start] for s, e in spans]
                found.extend((label, spans[i][0], spans[j - 1][1]) for label, i, j in exact.find_words(originals))
        score = _score_spans(text, _quote_spans(attributed, quote, ends), aside)
        markers = _markers(text, found)
        cue = quote.cue.text(text) if quote.cue is not None else None
        results.append(
            QuoteTone(  # index, speakers, side, content, cue, cue stance, score, markers, words, ids (positional: cheaper)
                index,
                _speaker_names(quote),
                " & ".join(_sides(quote)) or None,
                quote.content_text(text),
                cue,
                cue_stance(cue),
                score,
                markers,
                sum(len(text[part.start : part.end].split()) for part in quote.content),
                _speaker_ids(quote),
            )
        )
    return tuple(results)


_ASIDE = "\0aside"  # the label of topic phrases in a combined matcher
_MAYBE_EXACT = "\0exact"  # the label of case-exact markers matched regardless of case in a combined matcher
# The one letter str.lower maps by its context (Σ becomes σ or final ς).
_CONTEXT_LOWERED = "\u03a3"


@lru_cache(maxsize=16)
def _quote_matchers(
    phrases: tuple[str, ...], markers: tuple[PhraseMatcher, ...]
) -> tuple[PhraseMatcher, PhraseMatcher | None, bool]:
    """One case-blind matcher for topic phrases and markers together, the case-exact markers, and whether screened.

    One pass per quote: a case-exact marker can only match where the case-blind
    matcher finds it too (as ``_MAYBE_EXACT``), so when ``screened`` a quote's
    words are compared as written only when it does. Phrases with a Σ are not
    screened: lower-casing a Σ depends on the letters around it.
    """
    caseless = [(_ASIDE, p) for p in dict.fromkeys(phrases)]
    exact = None
    for matcher in markers:
        if matcher.exact:
            exact = matcher
        else:
            caseless.extend(matcher.entries)
    screened = exact is not None and not any(_CONTEXT_LOWERED in phrase for _, phrase in exact.entries)
    if screened:
        caseless.extend((_MAYBE_EXACT, phrase) for _, phrase in exact.entries)
    try:
        return PhraseMatcher(caseless), exact, screened
    except ValueError as error:
        raise DataFileError(f"cannot set aside one of the topic phrases: {error}; fix the phrase") from error


def _markers(text: str, found: Iterable[tuple[str, int, int]]) -> tuple[Marker, ...]:
    """Markers from ``(name, start, end)`` matches: the longest of a marker at one place, in text order."""
    markers, seen = [], set()
    for name, s, e in sorted(found, key=lambda f: (f[1], -f[2], f[0])):
        if (name, s) not in seen:
            seen.add((name, s))
            markers.append(Marker(name, text[s:e], Span(s, e)))
    return tuple(markers)


def _resolve_topics(topics) -> tuple[Topic, ...]:
    if topics is None or isinstance(topics, (str, Path)):
        return read_topics(topics)
    return tuple(topics)


def tone_row(tone: QuoteTone) -> dict:
    """One JSON-ready row for a scored quote; ``quote`` is its 1-based number."""
    speakers, ids = list(tone.speakers), list(tone.speaker_ids)
    return {
        "quote": tone.index + 1,
        "speaker": speakers[0] if len(speakers) == 1 else (speakers or None),
        "side": (tone.side.split(" & ") if tone.side and " & " in tone.side else tone.side),
        "speaker_id": ids[0] if len(ids) == 1 else (ids or None),
        "content": tone.content,
        "cue": tone.cue,
        "cue_stance": tone.cue_stance,
        "compound": tone.score.compound,
        "pos": tone.score.pos,
        "neu": tone.score.neu,
        "neg": tone.score.neg,
        "markers": list(dict.fromkeys(m.name for m in tone.markers)),
        "explanation": explain_tone(tone.score),
        "words": tone.words,
    }


def tone_rows(attributed: AttributedArticle, *, topics: str | Path | Sequence[Topic] | None = None) -> list[dict]:
    """One row per quote: speaker, side, content, cue, cue stance, scores, markers and explanation.

    >>> from analysis.records import Article, Tokens
    >>> tone_rows(AttributedArticle(Article("No quotes here."), Tokens("No quotes here.", (), ())))
    []
    """
    return [tone_row(tone) for tone in score_quotes(attributed, topics=topics)]


def summarise_tone(tones: Iterable[QuoteTone], *, by: str = "speaker") -> tuple[ToneAggregate, ...]:
    """Tone per speaker (a joint quote counts for each) or per side, most quotes first.

    >>> from analysis.records import Quote
    >>> tones = [QuoteTone(0, ("A",), "X", "", "said", "neutral", ToneScore(0.5, 0, 1, 0), (), 4),
    ...          QuoteTone(1, ("A",), "X", "", "claimed", "distancing", ToneScore(-0.1, 0, 1, 0), (), 6)]
    >>> aggregate = summarise_tone(tones)[0]
    >>> aggregate.key, aggregate.quotes, aggregate.words, aggregate.mean, aggregate.spread
    ('A', 2, 10, 0.2, 0.3)
    """
    if by not in ("speaker", "side"):
        raise ValueError(f"by must be 'speaker' or 'side', not {by!r}")
    groups: dict[str, list[QuoteTone]] = {}
    for tone in tones:
        keys = (tone.speakers or ("unknown",)) if by == "speaker" else (tone.side or "unknown",)
        for key in keys:
            groups.setdefault(key, []).append(tone)
    results = []
    for key, members in groups.items():
        values = [t.score.compound for t in members]
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        rates = tuple(
            (name, round(sum(1 for t in members if any(m.name == name for m in t.markers)) / len(members), 3))
            for name in MARKER_NAMES
        )
        stances: dict[str, int] = {}
        for t in members:
            stances[t.cue_stance or "no cue"] = stances.get(t.cue_stance or "no cue", 0) + 1
        results.append(
            ToneAggregate(by, key, len(members), sum(t.words for t in members), round(mean, 4), round(spread, 4),
                          rates, tuple(sorted(stances.items())))
        )
    results.sort(key=lambda a: (-a.quotes, a.key))
    return tuple(results)
