"""The score: VADER's compound, pos, neu and neg, sentence by sentence, with every word's effect.

This follows **vaderSentiment's own algorithm** step by step and reads the
lexicon, emoji list and constants shipped inside the ``vaderSentiment``
package (nothing is downloaded), so that each word's effect can be reported
and topic words set aside (see :mod:`analysis.tone` for why this VADER and
the two deliberate differences).

>>> score = score_tone("This is not a good deal, but peace is possible.")
>>> score.compound > 0, [w.word for w in score.words]
(True, ['good', 'peace'])
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from itertools import accumulate, compress
from operator import itemgetter
from typing import NamedTuple

from ..records import Span, ToneScore, WordEffect

from .phrases import _Plans, ignore_matcher

# VADER's normalisation constant (vaderSentiment.normalize's alpha).
ALPHA = 15
# Characters stripped from the ends of words besides ASCII punctuation: news
# text uses typographic quotes and dashes that VADER leaves on the word.
TYPOGRAPHIC_PUNCTUATION = "“”‘’«»„‚‹›—–―…"
# How many words of an explanation to show, strongest first.
EXPLAIN_LIMIT = 6
# Reasons a word can be set aside.
TOPIC_REASON = "topic"


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


class _Words(NamedTuple):
    """One sentence's tokens as VADER reads them, column by column (see :meth:`_Vader._token`)."""

    words: Sequence[str]
    lower: Sequence[str]
    known: Sequence[bool]  # in the lexicon and not set aside
    upper: Sequence[bool]
    negating: Sequence[bool]
    boosting: Sequence[bool]
    cap_diff: bool  # some words in capitals, not all: capitals then add emphasis
    idioms: bool  # two neighbouring words start an idiom or a several-word booster


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
    ends = None  # see _token_ends, found when first needed
    aside_found = []
    if found:
        ends = _token_ends(piece, raw)
        places = [_place(i, raw, words, lead, ends, origin, start) for i in range(n)]
        known, aside_found = _set_aside(text, start, end, found, places, lower, known)
    if not any(known):  # nothing scores: what the steps below come to
        return _Sentence(0.0, 0.0, 0, 0, n, [], aside_found)
    idioms = not res.idiom_starts.isdisjoint(zip(lower, lower[1:]))
    view = _Words(words, lower, known, upper, negating, boosting, 0 < n - sum(upper) < n, idioms)
    sentiments, notes = _valences(view, res)
    if "but" in lower:
        _weigh_by_but(lower, sentiments, notes)
    total, signed, pos_sum, neg_sum = _totals(piece, sentiments)
    effects = []
    for i in compress(range(n), sentiments):
        if ends is None:
            ends = _token_ends(piece, raw)
        effects.append(
            (words[i], *_place(i, raw, words, lead, ends, origin, start), res.lexicon[lower[i]], sentiments[i], tuple(notes.get(i, ())))
        )
    return _Sentence(total, signed, pos_sum, neg_sum, sentiments.count(0.0), effects, aside_found)


def _set_aside(text: str, start: int, end: int, found, places, lower, known) -> tuple[list[bool], list]:
    """Topic phrases set aside: their words count as words outside the lexicon; each phrase with the valence it held.

    Reads the phrases ``found`` overlapping ``text[start:end]`` and where each word is (``places``).
    """
    lexicon = vader().lexicon
    known = list(known)
    covered = bytearray(end - start)
    for s, e in found:
        s, e = max(s, start), min(e, end)
        covered[s - start : e - start] = b"\x01" * (e - s)
    hit = [i for i, (s, e) in enumerate(places) if 1 in covered[s - start : e - start]]
    for i in hit:
        known[i] = False
    aside_found, last_end = [], -1
    for s, e in found:
        if s < last_end:
            continue  # a shorter phrase inside one already reported
        last_end = e
        valence = sum(lexicon.get(lower[i], 0.0) for i in hit if s <= places[i][0] < e)
        aside_found.append((text[s:e], s, e, valence))
    return known, aside_found


def _valences(w: _Words, res: _Vader) -> tuple[list[float], dict[int, list[str]]]:
    """Every word's valence after VADER's modifiers, and the modifiers that changed it.

    Words outside the lexicon, boosters and the "kind" of "kind of" score 0.
    """
    lower, n = w.lower, len(w.lower)
    has_no, has_least = "no" in lower, "least" in lower
    # Whether a word before a scored one can change it: else the three words before each are not looked at.
    modified = w.idioms or any(w.boosting) or any(w.negating) or "so" in lower or "this" in lower
    sentiments = [0.0] * n
    notes: dict[int, list[str]] = {}
    for i in compress(range(n), w.known):
        low = lower[i]
        if w.boosting[i] or (low == "kind" and i < n - 1 and lower[i + 1] == "of"):
            continue
        mods: list[str] = []
        valence = _after_no(w, i, res, mods) if has_no else res.lexicon[low]
        if w.upper[i] and w.cap_diff:
            valence += res.c_incr if valence > 0 else -res.c_incr
            mods.append("in capitals")
        if modified:
            valence = _words_before(w, i, valence, res, mods)
        if has_least:
            valence = _after_least(w, i, valence, res.n_scalar, mods)
        sentiments[i] = valence
        notes[i] = mods
    return sentiments, notes


def _after_no(w: _Words, i: int, res: _Vader, mods: list[str]) -> float:
    """Word ``i``'s valence when the sentence has a "no": "no" negates the next words rather than scoring itself."""
    lower = w.lower
    base = res.lexicon[lower[i]]
    valence = base
    if lower[i] == "no" and i != len(lower) - 1 and lower[i + 1] in res.lexicon:
        valence = 0.0  # "no" negates the next word (even one set aside) rather than scoring itself
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
    ):
        valence = base * res.n_scalar
        mods.append("negated by 'no'")
    return valence


def _words_before(w: _Words, i: int, valence: float, res: _Vader, mods: list[str]) -> float:
    """The three words before word ``i`` that are not scored themselves: boosters, negations, idioms."""
    lower = w.lower
    for back in (0, 1, 2):
        j = i - (back + 1)
        if j < 0 or w.known[j]:
            continue
        scalar = res.boosters[lower[j]] if w.boosting[j] else 0.0
        if scalar:
            if valence < 0:
                scalar = -scalar
            if w.upper[j] and w.cap_diff:
                scalar += res.c_incr if valence > 0 else -res.c_incr
            scalar *= (1.0, 0.95, 0.9)[back]
            grows = (scalar > 0) == (valence >= 0)
            valence += scalar
            mods.append(f"{'intensified' if grows else 'dampened'} by '{w.words[j]}'")
        if w.negating[j] or (back == 2 and lower[i - 1] in ("so", "this")):  # else _negation_check changes nothing
            valence = _negation_check(valence, lower, back, i, res.negations, res.n_scalar, mods)
        if back == 2 and w.idioms:
            near = lower[i - 3 : i + 3]
            if not res.idiom_starts.isdisjoint(zip(near, near[1:])):
                before = valence
                valence = _idioms(valence, lower, i, res.special_cases, res.boosters)
                if valence != before:
                    mods.append("idiom")
    return valence


def _after_least(w: _Words, i: int, valence: float, n_scalar: float, mods: list[str]) -> float:
    """A "least" before word ``i`` negates it, except in "at least" and "very least"."""
    lower, known = w.lower, w.known
    if i > 1 and not known[i - 1] and lower[i - 1] == "least":
        if lower[i - 2] not in ("at", "very"):
            valence *= n_scalar
            mods.append("negated by 'least'")
    elif i > 0 and not known[i - 1] and lower[i - 1] == "least":
        valence *= n_scalar
        mods.append("negated by 'least'")
    return valence


def _weigh_by_but(lower: Sequence[str], sentiments: list[float], notes: dict[int, list[str]]) -> None:
    """The contrastive "but": words before it weigh half, words after it one and a half (in place)."""
    pivot = lower.index("but")
    for i in compress(range(len(sentiments)), sentiments):  # the words that scored
        if i != pivot:
            factor = 0.5 if i < pivot else 1.5
            sentiments[i] *= factor
            notes.setdefault(i, []).append(f"{'before' if i < pivot else 'after'} 'but' ×{factor:g}")


def _totals(piece: str, sentiments: Sequence[float]) -> tuple[float, float, float, float]:
    """The sentence's total with punctuation emphasis, the signed emphasis, and the positive and negative sums."""
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
    if pos_sum > -neg_sum:
        pos_sum += emphasis
    elif pos_sum < -neg_sum:
        neg_sum -= emphasis
    return total, signed, pos_sum, neg_sum


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
    from ..tokenize import split_sentences

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
