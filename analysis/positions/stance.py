"""Stance: which words of a clause state a stance, read with their negation and modality.

The words come from ``analysis/data/stances.tsv`` (or the user's file in the
same format): each phrase states one of :data:`STANCES` (besides neutral),
negates what follows (``negation``) or is a modal verb (``modal``, strongest
first). :func:`read_stances` parses such a file into a :class:`StanceLexicon`.

The rules, each a small function over a clause's words (``words`` lower case,
``i``/``j`` a word range), run in :func:`stance_events`, and each names the
``reason`` a position shows:

* :func:`negated_support` — a negation just before a support word: oppose
  ("did not agree to the exchange"), a refusal after a modal ("would not sign");
* :func:`negated_action` — a negated modal before a verb: reject ("will not
  withdraw", "would not discuss"), not before "be" ("could not be normal");
* :func:`negated_until` — "until" just after a negation: a condition, demand
  ("not one more until every civilian is out");
* :func:`nominal_use` — a support, oppose or demand word just after an
  article is a noun or an adjective naming no one's stance ("as a sign of
  good faith", "the opposition Unitary Platform", "rejected the demand");
* :func:`refused_object` — an acceptance of "no …" or "nothing" is a
  refusal ("would accept no outside interference");
* :func:`timed` — "as soon as" before a time word ("as soon as possible")
  names when, no condition;
* :func:`obliged` — a support, offer or propose word right after "must",
  "should" or "have / has / had / need(s) to" is the speaker's demand ("Serbia
  had to accept the proposal");
* otherwise the stance the phrase states (``lexicon``).

>>> [(e.stance, e.reason) for e in stance_events("they did not agree".split(), [((STANCE, "support"), 3, 4)], [2])]
[('oppose', 'negated support')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..errors import DataFileError
from ..data import read_data_file, read_rows, shipped_text
from ..tone import PhraseMatcher

STANCES = ("support", "oppose", "propose", "offer", "demand", "reject", "neutral")
# A clause's stronger stance wins, in this order (a refusal outranks an offer, a condition an acceptance).
STANCE_ORDER = ("reject", "demand", "propose", "offer", "oppose", "support")
STANCES_FILE = "stances.tsv"  # shipped in analysis/data/
NEGATION, MODAL, STANCE = "negation", "modal", "stance"  # the kinds of a stances.tsv row besides a stance
NEGATION_WINDOW = 3  # words between a negation and the support word it turns into opposition
# A negated modal before these is a description ("could not be normal"), not a refusal.
NOT_ACTIONS = frozenset({"be", "been", "have", "only", "just", "yet", "so", "necessarily", "always", "even", "a", "the"})
UNTIL_WINDOW = 5  # words between a negation and the "until" that makes it a condition
NEGATED_MODALS = frozenset({"won't", "wouldn't", "can't", "cannot", "couldn't", "shan't", "mustn't"})
MODALS_NEGATED = frozenset({"will", "would", "can", "could", "shall", "must"})


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    """A stance file read: (stance, phrases) in :data:`STANCE_ORDER`, the negations and the modal verbs."""

    phrases: tuple[tuple[str, tuple[str, ...]], ...]
    negations: tuple[str, ...]
    modals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StanceEvent:
    """A stance stated in a clause: its words (``i`` to ``j``) and the rule that read it."""

    stance: str
    i: int
    j: int
    reason: str

    @property
    def rank(self) -> int:
        return STANCE_ORDER.index(self.stance)


def parse_stances(text: str, *, source: str = STANCES_FILE) -> StanceLexicon:
    """A stance lexicon from the text of a stance file: ``stance<TAB>phrase`` lines.

    >>> parse_stances("reject\\trefuse*\\nnegation\\tnot\\nmodal\\tmust").phrases
    (('reject', ('refuse*',)),)
    """
    phrases: dict[str, list[str]] = {s: [] for s in STANCE_ORDER}
    negations, modals = [], []
    for number, (kind, phrase) in read_rows(text, source, columns=(2, 2)):
        kind = kind.lower()
        try:
            PhraseMatcher.parse(phrase)
        except ValueError as error:
            raise DataFileError(f"{source}, line {number}: {error} in {phrase!r}; fix the phrase") from error
        if kind in phrases:
            phrases[kind].append(phrase)
        elif kind == NEGATION:
            negations.append(phrase)
        elif kind == MODAL:
            modals.append(phrase.lower())
        else:
            raise DataFileError(
                f"{source}, line {number}: the first column is {kind!r}; use one of {', '.join(STANCE_ORDER)}, "
                f"'negation' or 'modal'"
            )
    if not any(phrases.values()):
        raise DataFileError(f"{source}: no stance words found; add lines 'stance<TAB>phrase'")
    return StanceLexicon(tuple((s, tuple(p)) for s, p in phrases.items() if p), tuple(negations), tuple(modals))


@cache
def _default_stances() -> StanceLexicon:
    return parse_stances(shipped_text(STANCES_FILE), source=STANCES_FILE)


@lru_cache(maxsize=8)
def _stances_at(path: str, mtime: int) -> StanceLexicon:
    return parse_stances(read_data_file(path), source=path)


def read_stances(path: str | Path | None = None) -> StanceLexicon:
    """The stance lexicon at ``path``, or the shipped one when None (read once, again when the file changes)."""
    if path is None:
        return _default_stances()
    try:
        mtime = Path(path).stat().st_mtime_ns
    except OSError as error:
        raise DataFileError(f"{path}: no such stance file; give the path of a tab-separated stance file") from error
    return _stances_at(str(path), mtime)


def resolve_stances(stances) -> StanceLexicon:
    """A :class:`StanceLexicon` from a lexicon, a path, the old ``((stance, phrases), ...)`` tuples or None."""
    if isinstance(stances, StanceLexicon):
        return stances
    if stances is None or isinstance(stances, (str, Path)):
        return read_stances(stances)
    shipped = _default_stances()
    return StanceLexicon(tuple((s, tuple(p)) for s, p in stances), shipped.negations, shipped.modals)


# --- rules: each reads a clause's words (lower case) around one match ---


def negated_support(words: list[str], event: StanceEvent, negations: list[int]) -> StanceEvent | None:
    """A negation within NEGATION_WINDOW words before a support word: opposition ("did not agree", "never backed")."""
    if event.stance != "support":
        return None
    before = [k for k in negations if event.i - NEGATION_WINDOW <= k < event.i]
    if not before:
        return None
    k = before[0]
    if words[k] in NEGATED_MODALS or (words[k] in ("not", "never") and k > 0 and words[k - 1] in MODALS_NEGATED):
        return StanceEvent("reject", k - (words[k] not in NEGATED_MODALS), event.j, "negated action")  # "would not sign"
    return StanceEvent("oppose", k, event.j, "negated support")


ARTICLES = frozenset({"a", "an", "the"})
NOMINAL_STANCES = frozenset({"support", "oppose", "demand"})  # whose words after an article name a thing, not a stance


def nominal_use(words: list[str], stance: str, i: int) -> bool:
    """Whether the stance word at ``i`` follows an article ("a sign of", "the signed text", "the demand to"):
    a noun or adjective, no one's support, opposition or demand; a proposal or an offer keeps its stance."""
    return stance in NOMINAL_STANCES and i > 0 and words[i - 1] in ARTICLES


OBLIGING = frozenset({"must", "should"})  # a modal that makes what follows a demand
OBLIGING_BEFORE_TO = frozenset({"have", "has", "had", "need", "needs"})  # "… to" that does


def obliged(words: list[str], event: "StanceEvent") -> "StanceEvent | None":
    """A support, offer or propose word right after an obligation ("must accept", "had to accept"): a demand."""
    if event.stance not in ("support", "offer", "propose"):
        return None
    i = event.i
    if i >= 1 and words[i - 1] in OBLIGING:
        return StanceEvent("demand", i - 1, event.j, "obliged")
    if i >= 2 and words[i - 1] == "to" and words[i - 2] in OBLIGING_BEFORE_TO:
        return StanceEvent("demand", i - 2, event.j, "obliged")
    return None


NO_OBJECTS = frozenset({"no", "nothing", "none"})  # an object that negates what is accepted


def refused_object(words: list[str], event: StanceEvent) -> StanceEvent | None:
    """An acceptance whose object is "no …" or "nothing": a refusal ("would accept no outside interference",
    "Kyiv would accept nothing of the kind")."""
    if event.stance != "support" or event.j >= len(words) or words[event.j] not in NO_OBJECTS:
        return None
    if not words[event.j - 1].startswith("accept"):
        return None
    return StanceEvent("reject", event.i, event.j + 1, "refused object")


# Words after "as soon as" that make it a time ("as soon as possible", "as soon as tomorrow"), no condition.
TIME_WORDS = frozenset(
    "possible practicable feasible today tomorrow tonight now next this monday tuesday wednesday thursday friday saturday sunday".split()
)


def timed(words: list[str], stance: str, j: int) -> bool:
    """Whether a condition word ends in "as soon as" before a time word: "ready to sign as soon as tomorrow" names
    when, not on what condition."""
    return stance == "demand" and j >= 3 and words[j - 3 : j] == ["as", "soon", "as"] and j < len(words) and words[j] in TIME_WORDS


def negated_action(words: list[str], k: int) -> StanceEvent | None:
    """A negated modal before a verb: a refusal ("will not withdraw", "won't discuss"); not before "be"."""
    if words[k] in NEGATED_MODALS:
        start, verb = k, k + 1
    elif words[k] in ("not", "never") and k > 0 and words[k - 1] in MODALS_NEGATED:
        start, verb = k - 1, k + 1
    else:
        return None
    if verb >= len(words) or words[verb] in NOT_ACTIONS or not words[verb].isalpha():
        return None
    return StanceEvent("reject", start, verb + 1, "negated action")


def negated_until(words: list[str], k: int) -> StanceEvent | None:
    """"until" after a negation: a condition ("not one more until every civilian is out" demands the civilians)."""
    if words[k] != "until":
        return None
    return StanceEvent("demand", k, k + 1, "condition")


def stance_events(words: list[str], found: list[tuple[tuple[str, str], int, int]], negations: list[int]) -> list[StanceEvent]:
    """Every stance a clause states, in word order: its stance phrases (``found``: ((STANCE, stance), i, j))
    read with the negations before them, and its negated actions."""
    events = []
    for (kind, stance), i, j in found:
        if kind != STANCE or nominal_use(words, stance, i):
            continue
        if timed(words, stance, j):
            continue
        event = StanceEvent(stance, i, j, "lexicon")
        events.append(negated_support(words, event, negations) or obliged(words, event) or refused_object(words, event) or event)
    covered = {k for e in events for k in range(e.i, e.j)}
    for k in negations:
        event = negated_action(words, k)
        if event is not None and not covered.intersection(range(event.i, event.j)):
            events.append(event)
        for u in range(k + 1, min(len(words), k + 1 + UNTIL_WINDOW)):
            event = negated_until(words, u)
            if event is not None and u not in covered:
                events.append(event)
                covered.add(u)
    events.sort(key=lambda e: (e.i, e.j))
    return events
