"""Clauses: a quote's content cut where a new statement starts, and what each clause names and states.

A quote's sentence pieces are cut at dashes, semicolons, colons, ", but" and
", while" (:data:`CLAUSE_BREAK`). A :class:`Clause` holds its words and, from
one pass of one phrase matcher (:func:`clause_matcher`) over them, the topics
it names (each phrase in its sense, a phrase inside a longer one of another
topic left out), its stance events (:mod:`.stance`), negations and modality,
and where a topic's framing is denied ("it is not a ceasefire").

>>> from analysis.tone import read_topics
>>> from analysis.positions.stance import read_stances
>>> text = "it is not a ceasefire; we agreed to exchange 1,000 for 1,000"
>>> matcher = clause_matcher(read_topics(), read_stances())
>>> [(c.text, list(c.topics)) for c in (Clause(text, span, matcher, read_topics()) for span in cut_clauses(text, [Span(0, len(text))]))]
[('it is not a ceasefire', ['ceasefire']), ('we agreed to exchange 1,000 for 1,000', ['prisoner exchange'])]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..records import Span, Topic
from ..tone import PhraseMatcher
from .stance import MODAL, NEGATION, STANCE, StanceEvent, StanceLexicon, stance_events
from .topics import FUNCTION_WORDS, QUALIFIER_WORDS, noun_phrase, sense_fits, sense_table, topic_name

# Where a clause ends inside a sentence.
CLAUSE_BREAK = re.compile(r"\s[—–]\s|\s--\s|;\s|:\s|,?\s+but\s|,\s+(?:while|whereas)\s")
_TRIM = "“”\"‘’' ,;:—–-"
TOPIC = "topic"  # the label kind of a topic phrase in the clause matcher
COPULAS = frozenset({"is", "was", "are", "were", "be", "it's", "that's"})
DENIED_COPULAS = frozenset({"isn't", "wasn't", "aren't", "weren't"})
ARTICLES = frozenset({"a", "an", "the", "any", "real", "really"})
# Words that end the reach of stance words over the topics after them ("would not withdraw … before a ceasefire").
SUBORDINATORS = frozenset("before after until unless if when because since while whereas although though where which who whom whose".split())
SCOPE_ENDS = SUBORDINATORS | frozenset("in on at with from by during against without".split())
OBJECT_WORDS = 8  # words of a stance's object phrase at most (see Clause.object_span)
# Words an object phrase does not open with: the complementiser, infinitive "to", determiners, time adverbials.
OBJECT_LEADS = frozenset(
    "to that on for the a an any all its their his her our this these those "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight "
    "again now soon also then still first yet already immediately later".split()
)
# Where an object phrase ends: punctuation that closes a phrase, relative pronouns, a speech verb after it.
OBJECT_ENDS = SUBORDINATORS | frozenset({",", ".", ";", ":", "(", ")", "as", "saying", "adding"})
QUOTE_MARKS = frozenset("“”\"‘’'«»")
RELATIVES = frozenset({"which", "whom"})  # pronouns that open a relative clause about the noun before them
RELATIVE_REACH = 9  # words between such a pronoun and the stance words at most ("which the Russian side has so far refused")
GAP_WORDS = 2  # words after a relative's stance words that leave its object the pronoun ("to discuss", "repatriated first")


@lru_cache(maxsize=16)
def clause_matcher(topics: tuple[Topic, ...], stances: StanceLexicon) -> PhraseMatcher:
    """One matcher for a clause's topics, stance words, negations and modal verbs, built once per lexicon.

    Labels are ``(kind, name, phrase)``: ``(TOPIC, topic name, phrase)``,
    ``(STANCE, stance, "")``, ``(NEGATION, "not", "")`` or ``(MODAL, modal, "")``.
    """
    return PhraseMatcher(
        [((TOPIC, topic.name, phrase), phrase) for topic in topics for phrase in topic.phrases]
        + [((STANCE, stance, ""), phrase) for stance, words in stances.phrases for phrase in words]
        + [((NEGATION, "not", ""), phrase) for phrase in stances.negations]
        + [((MODAL, modal, ""), modal) for modal in stances.modals]
    )


def cut_clauses(text: str, pieces: Sequence[Span]) -> list[Span]:
    """The quote's sentence pieces cut at dashes, semicolons, colons, ', but' and ', while', trimmed of quote marks."""
    clauses = []
    for piece in pieces:
        start = piece.start
        for match in CLAUSE_BREAK.finditer(text, piece.start, piece.end):
            clauses.append(Span(start, match.start()))
            joined = match.group().lstrip(",").strip()
            start = match.start() + 1 if joined[:1].isalpha() else match.end()
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




def _number_part(words: Sequence[str], k: int) -> bool:
    """Whether word ``k`` is a number or the separator inside one ("5", ",", "000" of "5,000")."""
    if words[k][:1].isdigit():
        return True
    return words[k] in (",", ".") and 0 < k < len(words) - 1 and words[k - 1][:1].isdigit() and words[k + 1][:1].isdigit()


# Words that open a quantity and go with it ("an additional 3,000 soldiers", "another 200 prisoners").
NUMBER_LEADS = frozenset("a an the additional further another extra more".split())


def _without_quantities(written: list[str]) -> list[str]:
    """The words without their numbers and the qualifier words right before each ("at least", "over", "an
    additional")."""
    out: list[str] = []
    for k, word in enumerate(written):
        if _number_part(written, k):
            while out and (out[-1].lower() in QUALIFIER_WORDS or out[-1].lower() in NUMBER_LEADS):
                out.pop()
            continue
        out.append(word)
    return out


def _content_word(word: str) -> bool:
    """A word an object phrase can be about: no function word, lead, adverb ("yet", "fully") or stray letter."""
    return len(word) > 1 and word[:2].isalpha() and word not in FUNCTION_WORDS and word not in OBJECT_LEADS and not word.endswith("ly")


class Clause:
    """One clause's words, the topics it names, and the words that decide its stance."""

    __slots__ = ("span", "text", "words", "spans", "topics", "phrases", "denied", "negations", "events", "modality", "spans_of", "occurrences")

    def __init__(self, text: str, span: Span, matcher: PhraseMatcher, topics: tuple[Topic, ...], modals: Sequence[str] = ()) -> None:
        self.span = span
        self.text = span.text(text)
        self.words, self.spans = matcher.tokens(text, span.start, span.end)
        self.negations: list[int] = []
        self.topics: dict[str, int] = {}  # topic name -> first word naming it
        self.phrases: dict[str, tuple[int, int]] = {}  # topic name -> the words of its noun phrase
        self.denied: dict[str, tuple[int, int]] = {}
        senses = sense_table(topics)
        found_stances, modal_words, named = [], set(), []
        for (kind, name, phrase), i, j in matcher.find_words(self.words):
            if kind == TOPIC:
                sense = senses.get((name, phrase))
                if sense is None or sense_fits(self.words, i, j, sense):
                    named.append((name, i, j))
            elif kind == STANCE:
                found_stances.append(((STANCE, name), i, j))
            elif kind == NEGATION:
                self.negations.append(i)
            else:
                modal_words.add(name)
        self.events: list[StanceEvent] = stance_events(self.words, found_stances, self.negations)
        stops = {k for e in self.events for k in range(e.i, e.j)}
        # Words of a stance that name no topic ("not up for negotiation"); a refusal's or a commitment's verb
        # does ("will not withdraw", "will free").
        stated = {k for e in self.events if e.reason != "negated action" and e.stance != "offer" for k in range(e.i, e.j)}
        self.spans_of: dict[str, tuple[int, int]] = {}
        self.occurrences: list[tuple[str, int, int]] = []  # every (topic, i, j) the clause names, in order
        for name, i, j in named:
            if i in stated and j - 1 in stated:
                continue  # "not up for negotiation" states a stance; it names no talks
            if any(other != name and a <= i and j <= b and b - a > j - i for other, a, b in named):
                continue  # "grain deal" names grain exports, not also the deal of peace terms
            self.occurrences.append((name, i, j))
            if name in self.topics:
                continue
            self.topics[name] = i
            self.spans_of[name] = (i, j)
            self.phrases[name] = noun_phrase(self.written(text), i, j, stops)
            denial = self._denial(i)
            if denial is not None:
                self.denied[name] = (denial, j)
        self.modality = next((m for m in modals if m in modal_words), None)

    def written(self, source: str) -> list[str]:
        """The clause's words as written."""
        return [source[s:e] for s, e in self.spans]

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

    def governed(self, i: int, j: int) -> list[str]:
        """The topics stance words at ``i``..``j`` bear on: those of :meth:`governed_after`, else the nearest
        topic before them (or every topic of the clause)."""
        found = self.governed_after(i, j)
        if found:
            return found
        before = [(b, name) for name, (a, b) in self.spans_of.items() if b <= i]
        return [max(before)[1]] if before else list(self.topics)

    def governed_after(self, i: int, j: int) -> list[str]:
        """The topics stance words at ``i``..``j`` hold, else the first topic after them (no subordinator and
        no other stance between) and those joined to it (no word of SCOPE_ENDS between); [] when none."""
        starts = sorted(self.spans_of.items(), key=lambda item: item[1])
        inside = [name for name, (a, b) in starts if i <= a and b <= j]
        if inside:
            return inside  # "will not withdraw": the verb refused is the topic
        after = [(name, a, b) for name, (a, b) in starts if a >= j]
        limit = self._scope_end(j)
        found, last = [], j
        for name, a, b in after:
            if a >= limit or any(w in SCOPE_ENDS for w in self.words[last:a]) and found:
                break
            if not found and any(w in SUBORDINATORS for w in self.words[last:a]):
                break
            found.append(name)
            last = b
        return found

    def _scope_end(self, j: int) -> int:
        """Where the scope of stance words ending at ``j`` ends: at the next stance words, unless those
        stand right after them (past a "to"), as the verb they govern ("ready to sign a peace treaty",
        "agreed to exchange prisoners"): the chain governs what follows its last verb."""
        end = j
        for event in sorted(self.events, key=lambda e: e.i):
            if event.i < j:
                continue
            if all(w in OBJECT_LEADS for w in self.words[end : event.i]):
                end = max(end, event.j)
                continue
            return event.i
        return len(self.words)

    def object_span(self, i: int, j: int) -> tuple[int, int] | None:
        """The words of the object phrase stance words at ``i``..``j`` govern, when it names no lexicon topic
        to stand for it: after them, up to the next stance, a comma, a subordinator or a relative pronoun, at
        most :data:`OBJECT_WORDS` words, without its opening "to"/"that", determiners or time words ("ready
        to share hydrological data", "backs Azerbaijan's candidacy"); None when no content word is left."""
        if j > 0 and self.words[j - 1] in FUNCTION_WORDS and self.words[j - 1] not in OBJECT_LEADS:
            return None  # "have to be brought home": a passive's topic is its subject, before the stance words
        limit = self._scope_end(j)
        start = j
        while start < limit and (self.words[start] in OBJECT_LEADS or self.words[start] in QUOTE_MARKS):
            start += 1
        if start < limit and self.words[start] in FUNCTION_WORDS:
            return None  # "must be returned", "agreed with them": the topic is not after the stance words
        end, taken = start, 0
        while end < limit and taken < OBJECT_WORDS and not self._ends_object(end):
            taken += self.words[end] not in QUOTE_MARKS and not _number_part(self.words, end)  # "5,000" is no word of the object
            end += 1
        while end > start and (self.words[end - 1] in FUNCTION_WORDS or self.words[end - 1] in QUOTE_MARKS or self.words[end - 1] == "of"):
            end -= 1
        if not any(_content_word(w) for w in self.words[start:end]):
            return None
        return start, end

    def relative_antecedent(self, i: int, j: int) -> list[str]:
        """The topic a relative clause's stance words bear on when their object is the relative pronoun ("an
        exchange on the all-for-all principle, which the Russian side has refused to discuss"; "prisoners, whom
        Kyiv wants repatriated first"): the topic named just before "which"/"whom", when nothing but a verb
        or two follows the stance words; [] otherwise."""
        r = next((k for k in range(i - 1, max(-1, i - RELATIVE_REACH), -1) if self.words[k] in RELATIVES), None)
        if r is None or any(r < e.i < i for e in self.events):
            return []
        span = self.object_span(i, j)
        if span is not None and (span[1] - span[0] > GAP_WORDS or self.topics_in(span)):
            return []  # "which Moscow rejected as a trap": the stance has an object of its own
        before = [(b, name) for name, a, b in self.occurrences if b <= r and r - b <= OBJECT_WORDS]
        return [max(before)[1]] if before else []

    def topics_in(self, span: tuple[int, int]) -> list[str]:
        """The topics named inside the words ``span`` (any of their mentions, not only the first)."""
        return list(dict.fromkeys(name for name, a, b in self.occurrences if span[0] <= a and b <= span[1]))

    def _ends_object(self, k: int) -> bool:
        """Whether word ``k`` ends an object phrase: a word of OBJECT_ENDS, but not the stop of an
        abbreviation ("the U.S. border")."""
        word = self.words[k]
        if word == "," and _number_part(self.words, k):
            return False  # "1,200 prisoners"
        if word != ".":
            return word in OBJECT_ENDS
        return not (k > 0 and len(self.words[k - 1]) == 1 and self.words[k - 1].isalpha())

    def object_name(self, source: str, i: int, j: int) -> str | None:
        """The object phrase of the stance words at ``i``..``j`` as written (see :meth:`object_span`), or None."""
        span = self.object_span(i, j)
        if span is None:
            return None
        return self.label_words(source, *span, numbers="drop")

    def label_words(self, source: str, start: int, end: int, upto: int | None = None, numbers: str = "cut") -> str | None:
        """Words ``start``..``end`` (or up to word ``upto``) as a topic's name: without quote marks, numbers at the
        start (a quantity, kept with the position), and from a later number on ("the remains of 3,000 soldiers");
        with ``numbers="drop"`` a later number and its qualifier are left out and the words after it kept
        ("deploy at least 5,000 troops south of the Litani" → "deploy troops south of the Litani")."""
        written = self.written(source)[start : end if upto is None else min(end, max(start, upto))]
        while written and (written[0][:1].isdigit() or written[0] in QUOTE_MARKS or written[0] == ","):
            written.pop(0)
        if numbers == "drop":
            written = _without_quantities(written)
        cut = next((k for k, w in enumerate(written) if w[:1].isdigit()), len(written))
        words = [w for w in written[:cut] if w not in QUOTE_MARKS]
        if cut < len(written):  # "the remains of an additional [3,000 soldiers]": the "of" the number completed goes too
            tail = [k for k, w in enumerate(words) if w.lower() in ("of", "for")]
            if tail and len(words) - tail[-1] <= 3:
                words = words[: tail[-1]]
        while words and (words[-1].lower() in FUNCTION_WORDS or words[-1].lower() == "of" or not words[-1][:1].isalnum()):
            words.pop()
        return " ".join(words) or None

    def words_text(self, source: str, i: int, j: int) -> str:
        return source[self.spans[i][0] : self.spans[j - 1][1]]

    def topic_name(self, source: str, name: str) -> str:
        """The topic's name with the noun phrase this clause names it by (see :func:`.topics.topic_name`)."""
        i, j = self.phrases[name]
        return topic_name(name, " ".join(_without_quantities(self.written(source)[i:j])))
