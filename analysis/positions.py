"""Positions: what each speaker stated on each topic — support, oppose, propose, offer, demand, reject.

A quote's content is cut into clauses (at sentence boundaries, dashes,
semicolons and ", but"). A clause that names a topic of the topic lexicon
(``topics.tsv``, or the user's file in the same format) yields a position on
it; a clause that names none adds its stance and quantities to the topic
named nearest in the same quote ("our agreement is more than 1,200 people.
And we will continue our exchanges"). One position per speaker, quote and
topic; the first clause with a stance decides it and is the evidence.

The stance comes from the content first, then from the cue (indirect speech
counts as much as direct quotes):

* "it is not a ceasefire" — denying a topic's framing — is ``oppose``;
* verbs and phrases in :data:`STANCE_PHRASES` (agreed, welcomed → support;
  proposed, suggested → propose; offered → offer; must, called for → demand;
  refused, rejected → reject), a negation just before a support word turning
  it into ``oppose``;
* otherwise ``neutral``: the speaker named the topic without taking a side.

Modality (must, will, may …), negation and quantities with their qualifiers
("at least 1,200", "24 or 48 hours") are recorded beside the stance. Outlets
("The Gaze reports") never hold positions; quotes with no resolved speaker
yield none.

>>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
>>> text = "Moscow proposed short-term ceasefires lasting 24 or 48 hours, he said."
>>> quote = Quote("indirect", (Span(0, 60),), Span(65, 69), Span(62, 64), (Speaker("Medinsky", side="Russia"),))
>>> [(p.speaker, p.topic, p.stance, p.quantities) for p in find_positions(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,)))]
[('Medinsky', 'ceasefire', 'propose', ('24 or 48 hours',))]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .records import AttributedArticle, Position, Quote, Span, Topic
from .tone import PhraseMatcher, _quote_spans, _resolve_topics, sentence_ends

STANCES = ("support", "oppose", "propose", "offer", "demand", "reject", "neutral")

# Words and phrases that state a stance, in the pattern language of topics.tsv;
# earlier stances win when a clause holds several (a refusal outranks an offer).
STANCE_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reject", (
        "refuse*", "reject*", "rule|rules|ruled|ruling out", "turn*|turned down", "dismiss*", "rebuff*",
        "will|would|can|could not accept|agree|allow|support", "won't|wouldn't|can't|cannot accept|agree|allow|support",
        "never accept|agree|allow",
    )),
    ("demand", (
        "must", "have|has|had to be", "need|needs to be", "should be", "call*|called for", "demand*", "insist*",
        "urge*", "require*", "it is|it's necessary|essential|imperative",
    )),
    ("propose", ("propos*", "suggest*", "put|puts forward", "floated", "recommend*", "initiative")),
    ("offer", ("offer*", "ready to", "willing to", "prepared to")),
    ("oppose", ("oppos*", "against", "object*", "condemn*", "criticiz*|criticis*", "block*", "veto*")),
    ("support", (
        "agree|agreed|agrees|agreeing", "our|a|an|new|this agreement", "a|an|our new agreement", "welcom*", "support*", "endors*",
        "back|backs|backed the|a|an|this", "favor|favour|favors|favours|favored|favoured", "in favor|favour of",
        "continu*", "will take place", "approv*", "accept|accepted|accepts", "sign|signed|signs",
    )),
)  # fmt: skip

# Negation just before a support word turns it into opposition ("did not agree").
NEGATION_PHRASES = ("not", "no", "never", "*n't", "cannot", "neither", "nor", "without")
NEGATION_WINDOW = 3  # words between the negation and the stance word

# Modal verbs, strongest first: a position's modality is the strongest in its clause.
MODALS = ("must", "have to", "has to", "need to", "needs to", "should", "will", "shall", "would", "can", "could", "may", "might")

# Qualifiers kept with a number ("at least 1,200") and units kept after it ("48 hours").
QUANTITY_QUALIFIERS = (
    "at least", "at most", "no more than", "no fewer than", "no less than", "more than", "fewer than", "less than",
    "as many as", "up to", "over", "under", "about", "around", "almost", "nearly", "roughly", "approximately",
    "some", "above", "below", "exactly", "only",
)  # fmt: skip
QUANTITY_UNITS = (
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "hour", "day", "week", "month", "year",
    "percent", "per cent", "%", "kilometers", "kilometres", "km", "miles", "meters", "metres",
    "million", "billion", "trillion", "thousand", "dollars", "euros", "rubles", "hryvnias",
)  # fmt: skip

# Where a clause ends inside a sentence.
CLAUSE_BREAK = re.compile(r"\s[—–]\s|\s--\s|;\s|:\s|,\s+but\s")
_TRIM = "“”\"‘’' ,;:—–-"


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_NUMBER = r"\$?\d[\d,]*(?:\.\d+)?%?"
QUANTITY = re.compile(
    rf"(?<![\w$])(?:(?:{_alternation(QUANTITY_QUALIFIERS)})\s+)?{_NUMBER}"
    rf"(?:\s*(?:-|–|to|or|and)\s*{_NUMBER})?"
    rf"(?:\s*(?:{_alternation(QUANTITY_UNITS)})(?!\w))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


COPULAS = frozenset({"is", "was", "are", "were", "be", "it's", "that's"})
DENIED_COPULAS = frozenset({"isn't", "wasn't", "aren't", "weren't"})
ARTICLES = frozenset({"a", "an", "the", "any", "real", "really"})
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8)
def _stance_ranks(phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, int]:
    """Each stance's rank (lower wins)."""
    return {stance: rank for rank, (stance, _) in enumerate(phrases)}


# What each phrase of the clause matcher finds, the first item of its label.
TOPIC, STANCE, NEGATION, MODAL = "topic", "stance", "negation", "modal"


@lru_cache(maxsize=16)
def _clause_matcher(topics: tuple[Topic, ...], phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> PhraseMatcher:
    """One matcher for a clause's topics, stance words, negations and modal verbs, built once per lexicon.

    Labels are ``(kind, name)``: ``(TOPIC, topic name)``, ``(STANCE, stance)``,
    ``(NEGATION, "not")`` or ``(MODAL, modal verb)``; one pass over a clause's
    words finds them all, each kind in the order its own matcher would report.
    """
    return PhraseMatcher(
        [((TOPIC, topic.name), phrase) for topic in topics for phrase in topic.phrases]
        + [((STANCE, stance), phrase) for stance, words in phrases for phrase in words]
        + [((NEGATION, "not"), phrase) for phrase in NEGATION_PHRASES]
        + [((MODAL, modal), modal) for modal in MODALS]
    )


# The one letter str.lower maps by its context (Σ becomes σ or final ς): a text with one is not screened.
_CONTEXT_LOWERED = "\u03a3"


_EDGE = r"\b"  # between a word character and another character: where a word of PhraseMatcher.tokens starts or ends


@lru_cache(maxsize=16)
def _topic_screen(topics: tuple[Topic, ...]) -> re.Pattern:
    """A pattern found in a lower-cased text (’ written ') wherever one of the topics' phrases could start.

    A phrase matches only where its first word does, and a word of the
    phrase matcher starts and ends at a word boundary, so a text in which
    this finds nothing names no topic: :func:`find_positions` skips such a
    quote without cutting it into clauses and words. It may find more (the
    rest of the phrase is not looked at), never less.

    >>> from analysis.tone import read_topics
    >>> screen = _topic_screen(read_topics())
    >>> [bool(screen.search(text)) for text in ("the prisoners' release", "a peace rally", "a powerful nobody")]
    [True, True, False]
    """
    groups: dict[tuple[bool, bool], dict[str, None]] = {}
    for topic in topics:
        for phrase in topic.phrases:
            for kind, value in PhraseMatcher.parse(phrase)[0]:
                before = kind in ("=", ">") and _is_word_character(value[0])  # the word, or the start of one
                after = kind in ("=", "<") and _is_word_character(value[-1])  # the word (possessive 's too), or its end
                groups.setdefault((before, after), {})[re.escape(value)] = None
    return re.compile(
        "|".join(
            rf"{_EDGE if before else ''}(?:{'|'.join(sorted(words, key=len, reverse=True))}){_EDGE if after else ''}"
            for (before, after), words in sorted(groups.items(), reverse=True)
        )
    )


def _is_word_character(char: str) -> bool:
    """Whether ``char`` is one of the regular expression ``\\w``'s characters."""
    return char.isalnum() or char == "_"


def _may_name_topic(text: str, pieces: Sequence[Span], screen: re.Pattern) -> bool:
    """False when no clause of these pieces of ``text`` can name a topic (see :func:`_topic_screen`)."""
    for piece in pieces:
        chunk = text[piece.start : piece.end]
        lowered = chunk.replace("’", "'").lower()
        if len(lowered) != len(chunk) or _CONTEXT_LOWERED in chunk or screen.search(lowered):
            return True
    return False


def find_quantities(text: str) -> tuple[str, ...]:
    """Numbers with their qualifiers and units, in text order (bare years left out).

    >>> find_quantities("at least 1,200 POWs, over 1,200 people, ceasefires of 24 or 48 hours, 3,000 bodies in 2025")
    ('at least 1,200', 'over 1,200', '24 or 48 hours', '3,000')
    """
    found = []
    for match in QUANTITY.finditer(text):
        value = " ".join(match.group().split())
        if _YEAR.match(value):
            continue
        found.append(value)
    return tuple(found)


def _clauses(text: str, pieces: Sequence[Span]) -> list[Span]:
    """The quote's sentence pieces cut at dashes, semicolons, colons and ', but', trimmed of quote marks."""
    clauses = []
    for piece in pieces:
        start = piece.start
        for match in CLAUSE_BREAK.finditer(text, piece.start, piece.end):
            clauses.append(Span(start, match.start()))
            start = match.end() if not match.group().lstrip(",").strip().startswith("but") else match.start() + 1
        clauses.append(Span(start, piece.end))
    trimmed = []
    for clause in clauses:
        s, e = clause.start, clause.end
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        if e - s > 1:
            trimmed.append(Span(s, e))
    return trimmed


class _Clause:
    """One clause's words, the topics it names, and the words that decide its stance."""

    __slots__ = ("span", "text", "words", "spans", "topics", "denied", "negations", "stances", "modality")

    def __init__(self, text: str, span: Span, matcher: PhraseMatcher) -> None:
        self.span = span
        self.text = span.text(text)
        self.words, self.spans = matcher.tokens(text, span.start, span.end)
        self.negations: list[int] = []
        self.topics: dict[str, int] = {}
        self.denied: dict[str, tuple[int, int]] = {}
        self.stances: list[tuple[str, int, int]] = []
        modals = set()
        for (kind, name), i, j in matcher.find_words(self.words):
            if kind == TOPIC:
                self.topics.setdefault(name, i)
                if name not in self.denied:
                    denial = self._denial(i)
                    if denial is not None:
                        self.denied[name] = (denial, j)
            elif kind == STANCE:
                self.stances.append((name, i, j))
            elif kind == NEGATION:
                self.negations.append(i)
            else:
                modals.add(name)
        self.modality = next((m for m in MODALS if m in modals), None)

    def _denial(self, i: int) -> int | None:
        """Where "is not a <topic>" starts when the topic at word ``i`` is denied, else None."""
        k = i - 1
        while k >= 0 and self.words[k] in ARTICLES:
            k -= 1
        if k >= 0 and self.words[k] in DENIED_COPULAS:
            return k
        if k >= 1 and self.words[k] in ("not", "no") and (self.words[k - 1] in COPULAS or self.words[k - 1].endswith("'s")):
            return k - 1
        return None

    def words_text(self, source: str, i: int, j: int) -> str:
        return source[self.spans[i][0] : self.spans[j - 1][1]]

    def stance(self, source: str, name: str, ranks: dict[str, int]) -> tuple[str, str]:
        """(stance, the words that decided it) for the topic ``name`` (or for the clause when it names none)."""
        if name in self.denied:
            return "oppose", self.words_text(source, *self.denied[name])
        best = None
        for stance, i, j in self.stances:
            if best is None or ranks[stance] < ranks[best[0]]:
                best = (stance, i, j)
        if best is None:
            return "neutral", ""
        stance, i, j = best
        if stance == "support" and any(i - NEGATION_WINDOW <= k < i for k in self.negations):
            return "oppose", self.words_text(source, max(0, i - NEGATION_WINDOW), j)
        return stance, self.words_text(source, i, j)


def _holders(quote: Quote, outlets: set[str]) -> list[tuple[str, str | None]]:
    """(name, side) of the quote's speakers who can hold a position: people and organisations, never ``outlets`` (lower case)."""
    return [(s.name, s.side) for s in quote.speakers if s.name.lower() not in outlets]


def find_positions(
    attributed: AttributedArticle,
    *,
    topics: str | Path | Sequence[Topic] | None = None,
    stance_phrases: tuple[tuple[str, tuple[str, ...]], ...] = STANCE_PHRASES,
) -> tuple[Position, ...]:
    """The positions every speaker stated, one per speaker, quote and topic, in article order.

    ``topics`` is a topic file (same format as ``analysis/data/topics.tsv``),
    topics already read, or None for the shipped lexicon.
    """
    chosen = _resolve_topics(topics)
    screen = _topic_screen(chosen)
    matcher = _clause_matcher(chosen, stance_phrases)
    ranks = _stance_ranks(stance_phrases)
    text = attributed.article.text
    ends = sentence_ends(attributed)
    outlets = {o.name.lower() for o in attributed.outlets}
    positions: list[Position] = []
    for index, quote in enumerate(attributed.quotes):
        holders = _holders(quote, outlets)
        if not holders or not quote.content:
            continue
        pieces = _quote_spans(attributed, quote, ends)
        if not _may_name_topic(text, pieces, screen):
            continue
        clauses = [_Clause(text, c, matcher) for c in _clauses(text, pieces)]
        named = [list(c.topics) for c in clauses]
        if not any(named):
            continue
        cue_stance, cue_words = "neutral", ""
        if quote.cue is not None:
            cue_stance, cue_words = _Clause(text, quote.cue, matcher).stance(text, "", ranks)
        by_topic: dict[str, dict] = {}
        for i, clause in enumerate(clauses):
            for name in named[i] or _nearest(named, i):
                stance, decided_by = clause.stance(text, name, ranks)
                entry = by_topic.setdefault(name, {"stance": "neutral", "clause": None, "quantities": [], "own": None})
                if entry["own"] is None and name in clause.topics:
                    entry["own"] = clause
                if _DIGIT.search(clause.text):
                    for quantity in find_quantities(clause.text):
                        if quantity not in entry["quantities"]:
                            entry["quantities"].append(quantity)
                if entry["clause"] is None and stance != "neutral":
                    entry.update(stance=stance, clause=clause, reason=f"'{decided_by}' in the content")
        for name, entry in by_topic.items():
            if entry["own"] is None:
                continue
            stance, reason = entry["stance"], entry.get("reason", "names the topic without a stance word")
            if stance == "neutral" and cue_stance != "neutral":
                stance, reason = cue_stance, f"cue '{cue_words}'"
            clause = entry["clause"] or entry["own"]
            for speaker, side in holders:
                positions.append(
                    Position(
                        speaker=speaker,
                        side=side,
                        topic=name,
                        stance=stance,
                        evidence=clause.span,
                        quote=index,
                        modality=clause.modality,
                        negated=bool(clause.negations),
                        quantities=tuple(entry["quantities"]),
                        reason=reason,
                    )
                )
    return tuple(positions)


def _nearest(named: list[list[str]], i: int) -> list[str]:
    """The topics of the nearest clause that names one (earlier clauses first at equal distance)."""
    for distance in range(1, len(named)):
        for j in (i - distance, i + distance):
            if 0 <= j < len(named) and named[j]:
                return named[j]
    return []


def position_row(position: Position, text: str) -> dict:
    """One JSON-ready row for a position; ``text`` is the article text the evidence span points into."""
    return {
        "speaker": position.speaker,
        "side": position.side,
        "topic": position.topic,
        "stance": position.stance,
        "quantities": list(position.quantities),
        "evidence": position.evidence.text(text),
        "modality": position.modality,
        "negated": position.negated,
        "quote": position.quote + 1,
        "evidence_span": [position.evidence.start, position.evidence.end],
        "reason": position.reason,
    }


def position_rows(attributed: AttributedArticle, *, topics: str | Path | Sequence[Topic] | None = None) -> list[dict]:
    """One row per position: speaker, side, topic, stance, quantities, evidence, modality, negation, quote.

    >>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
    >>> text = "“Civilians and children must be returned,” he emphasized."
    >>> quote = Quote("direct", (Span(0, 42),), Span(46, 56), Span(43, 45), (Speaker("Kyslytsya", side="Ukraine"),))
    >>> row = position_rows(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,)))[0]
    >>> row["topic"], row["stance"], row["modality"], row["evidence"]
    ('civilians and children', 'demand', 'must', 'Civilians and children must be returned')
    """
    text = attributed.article.text
    return [position_row(p, text) for p in find_positions(attributed, topics=topics)]
