"""Holders: who takes the stance a clause states — the party it names as the subject, else the speaker.

"Kyslytsya said Russia rejects a ceasefire" is Russia's rejection, reported by
Kyslytsya; "a source said Moscow demands …" is Moscow's demand; "we agreed"
and a stance with no party before it are the speaker's. Holders are the
entities of the mentions stage (:attr:`AttributedArticle.entities`, with
their ids, names and sides), so positions add up by person and by side.

The rule (:func:`subject_holders`): the mention that ends just before the
stance words, with at most :data:`MAX_FILLERS` auxiliaries or adverbs
between ("Russia had repeatedly proposed", "Kastria was ready to"), is the
subject; mentions joined to it by "and" or a comma share it ("Israel and
Hamas have agreed"); a group mention ("both sides", "the two delegations")
stands for its members. Pronouns ("we" is the speaker; "he", "she", "it"
are linked too loosely inside a quote), outlets and unlinked mentions leave
the stance to the speaker.

>>> from analysis import attribute
>>> from analysis.records import Article
>>> attributed = attribute(Article("Talks ended. Moscow rejects a truce, Anna Roe, a Kyiv official, said."))
>>> index = MentionIndex(attributed)
>>> [h.name for h in index.holders_before(attributed.article.text.index(" rejects"))]
['Moscow']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..mentions.lexicon import load_facilitators
from ..records import AttributedArticle, Mention, Speaker
from ..speakers.linker import PARTY_ITSELF
from ..speakers.sides import infer_side, speaker_slug

MAX_FILLERS = 3  # auxiliaries and adverbs between a subject and its stance words
# Words between a subject and its stance words ("had repeatedly", "was also", "would not").
FILLERS = frozenset(
    "has have had is are was were will would shall should can could may might must do does did been being "
    "also already still again now then repeatedly firmly not never always once just even itself themselves "
    "reportedly allegedly finally formally officially publicly earlier remain remains remained stays stayed keep keeps kept so far yet".split()
)
COORDINATORS = frozenset({"and", ",", "&"})
# A group noun in a quote stands for the article's two main parties ("The parties agreed to continue the talks").
GROUP_NOUNS = re.compile(
    r"\b(?:both|the two)\s+(?:[a-z]+\s+)?(?:sides|parties|delegations|countries|governments|negotiators)\b|\bthe\s+(?:warring\s+)?(?:parties|sides)\b",
    re.IGNORECASE,
)
CLAUSE_OPENERS = frozenset({"that", "and", "but", "so", "then", "now", "meanwhile", "the"})  # words before a clause's subject
THIRD_PERSON = frozenset({"it", "they"})  # a pronoun that stands for the clause's subject
# Head nouns of a description a speaker gives of the body they speak for ("the government would release",
# "the kingdom was ready", "his government", "the paramilitary force"); COUNTRY_NOUNS are states.
BODY_NOUNS = frozenset(
    "government administration group movement militia army force forces alliance front rebels junta "
    "organisation organization party coalition bloc authorities leadership kingdom country state republic nation".split()
) | PARTY_ITSELF  # "the Russian side": the party itself, its state when the article names it
COUNTRY_NOUNS = frozenset({"kingdom", "country", "state", "republic", "nation"})
DESCRIBERS = frozenset({"the", "his", "her", "its", "our", "their"})  # before a body noun, or one modifier before it
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")  # the words of PhraseMatcher.tokens


@dataclass(frozen=True, slots=True)
class Holder:
    """Who takes a stance: a name, a side and an id (the speaker's, or an entity's of the mentions stage)."""

    name: str
    side: str | None
    id: str | None
    reported: bool = False  # True when the speaker reports another's stance


def speaker_holders(speakers, outlets: set[str]) -> list[Holder]:
    """The quote's speakers who can hold a position: people and organisations, never ``outlets`` (lower case)."""
    return [Holder(s.name, s.side, s.id) for s in speakers if s.name.lower() not in outlets]


class MentionIndex:
    """An article's mentions by where they end, to find the party before a stance word."""

    __slots__ = ("text", "entities", "mentions", "ends", "outlets", "_parties", "_named_cache")

    def __init__(self, attributed: AttributedArticle) -> None:
        self.text = attributed.article.text
        self.entities = attributed.entities
        self.mentions = sorted((m for m in attributed.mentions if m.kind != "outlet"), key=lambda m: m.span.end)
        self.ends = [m.span.end for m in self.mentions]
        self.outlets = {o.name.lower() for o in attributed.outlets}
        self._parties: list[Speaker] | None = None
        self._named_cache: dict[str, Holder | None] = {}  # noun -> the one body the article names with it

    def parties(self) -> list[Speaker]:
        """The article's two main parties: the most mentioned countries and groups of two different sides."""
        if self._parties is None:
            counts: dict[int, int] = {}
            for m in self.mentions:
                if m.entity is not None and m.entity < len(self.entities):
                    counts[m.entity] = counts.get(m.entity, 0) + 1
            by_side: dict[str, tuple[tuple[bool, int], int]] = {}  # side -> ((named as the side, mentions), entity)
            for index, count in counts.items():
                entity = self.entities[index]
                if entity.side is None or entity.kind not in ("country", "organisation", "group"):
                    continue
                score = (entity.name == entity.side, count)  # "Russia" stands for its side better than its ministry
                if entity.side not in by_side or score > by_side[entity.side][0]:
                    by_side[entity.side] = (score, index)
            totals: dict[str, int] = {}
            for index, count in counts.items():
                side = self.entities[index].side
                if side is not None:
                    totals[side] = totals.get(side, 0) + count
            facilitators = load_facilitators()  # the UN, the EU …: parties only when no two others are named
            sides = sorted(by_side, key=lambda side: (side in facilitators, -totals.get(side, 0)))[:2]
            self._parties = [self.entities[by_side[side][1]] for side in sides] if len(sides) == 2 else []
        return self._parties

    def _ending_at(self, lo: int, hi: int) -> Mention | None:
        """The longest mention ending in ``(lo, hi]`` (the last word before a stance word, or its possessive)."""
        k = bisect.bisect_right(self.ends, hi)
        best = None
        while k > 0 and self.ends[k - 1] > lo:
            m = self.mentions[k - 1]
            if best is None or m.span.start < best.span.start:
                best = m
            k -= 1
        return best

    def _stands_for(self, mention: Mention) -> list[Speaker] | None:
        """The entities a mention stands for; None when it leaves the stance to the speaker."""
        if mention.members:
            return [self.entities[i] for i in mention.members if i < len(self.entities)] or None
        if mention.kind == "pronoun":
            return None
        if mention.entity is None or mention.entity >= len(self.entities):
            return None
        entity = self.entities[mention.entity]
        if entity.name.lower() in self.outlets or entity.kind == "unknown" and not entity.named:
            return None
        return [self._state_of(entity)]

    def _state_of(self, entity: Speaker) -> Speaker:
        """A capital standing for its state ("Moscow insists", "Yerevan was ready") holds the stance as the state
        the article names ("Russia", "Armenia"), so positions add up by party; any other entity is itself."""
        if entity.kind != "country" or entity.side is None or entity.name == entity.side:
            return entity
        return next((e for e in self.entities if e.kind == "country" and e.name == entity.side), entity)

    def holders_before(self, start: int, *, floor: int = 0, words=None, speakers=()) -> list[Holder]:
        """The subject(s) of stance words starting at offset ``start``: see the module's rule; [] for the speaker.

        ``words`` are the (start, end) offsets of the clause's words, ``floor`` where the clause starts and
        ``speakers`` the quote's (for a description of the body they speak for, :meth:`_described_body`).
        """
        if words is None:
            words = [(m.start(), m.end()) for m in _WORD.finditer(self.text, floor, start)]
        k = bisect.bisect_left([s for s, _ in words], start) - 1
        fillers = 0
        while k >= 0 and fillers < MAX_FILLERS:
            word = self._word(words, k)
            if word in FILLERS or (word.endswith("ly") and len(word) > 4):
                k, fillers = k - 1, fillers + 1
                continue
            break
        if k < 0:
            return self._clause_subject(floor, start, words, speakers)
        group = GROUP_NOUNS.search(self.text, max(floor, words[max(0, k - 3)][0]), words[k][1])  # "the two warring parties"
        if group is not None and group.end() == words[k][1]:
            return [Holder(e.name, e.side, e.id, reported=True) for e in self.parties()]
        found = self._ending_at(words[k][0], words[k][1])
        if found is None or found.span.start < floor or self._stands_for(found) is None:
            body = self._described_body(words, k, floor, speakers)
            if body:
                return body
        if found is None or found.span.start < floor:
            return self._clause_subject(floor, start, words, speakers)
        if found.kind == "pronoun" and found.span.text(self.text).lower() in THIRD_PERSON:
            return self._clause_subject(floor, start, words, speakers)  # "the alliance … a list of prisoners it wants freed"
        entities = self._stands_for(found)
        if entities is None:
            return []
        subjects = list(entities)
        first = found.span.start
        while True:  # "Israel and Hamas", "Russia, Ukraine and Turkey"
            k = bisect.bisect_left([s for s, _ in words], first) - 1
            if k < 1 or self._word(words, k) not in COORDINATORS:
                break
            other = self._ending_at(words[k - 1][0], words[k - 1][1])
            if other is None or other.span.start < floor:
                break
            more = self._stands_for(other)
            if more is None:
                break
            subjects = more + subjects
            first = other.span.start
        return _holders(subjects)

    def _clause_subject(self, floor: int, start: int, words, speakers=()) -> list[Holder]:
        """The mention the clause opens with, as the subject of a later verb phrase ("the UAE had taken part
        … and was ready to mediate"), or the speaker's body it describes ("the paramilitary force would
        respect the truce and was ready to"); [] when the clause opens with anything else."""
        k = 0
        while k < len(words) and words[k][0] < start and self._word(words, k) in CLAUSE_OPENERS:
            k += 1
        if k >= len(words) or words[k][0] >= start:
            return []
        for head in (k, k + 1):
            if head < len(words) and words[head][0] < start and self._word(words, head) in BODY_NOUNS:
                return self._described_body(words, head, floor, speakers)
        first = words[k][0]
        for m in self.mentions[bisect.bisect_right(self.ends, first) : bisect.bisect_right(self.ends, start)]:
            if m.span.start == first or (m.span.start < first < m.span.end):
                entities = self._stands_for(m)
                return _holders(entities) if entities else []
        return []


    def _word(self, words, k: int) -> str:
        return self.text[words[k][0] : words[k][1]].lower()

    def _described_body(self, words, k: int, floor: int, speakers) -> list[Holder]:
        """The bodies the speakers speak for when word ``k`` ends a description of one ("the government",
        "his government", "the guerrilla group", "the kingdom"): per speaker, the article's country or
        organisation of the speaker's side, the one named with the noun first, a state for "kingdom"; []
        when the words are no such description or a speaker's side is unknown."""
        noun = self._word(words, k)
        if noun not in BODY_NOUNS or not speakers:
            return []
        if not (k >= 1 and words[k - 1][0] >= floor and self._word(words, k - 1) in DESCRIBERS) and not (
            k >= 2 and words[k - 2][0] >= floor and self._word(words, k - 2) in DESCRIBERS and self._word(words, k - 1).isalpha()
        ):
            return []
        named = self._named_body(words, k, noun)
        if named is not None:
            return [named]
        bodies = []
        for speaker in speakers:
            body = self._body_of(noun, speaker.side)
            if body is None:
                only = self._only_named(noun)  # "the government": the one government the article names
                return [only] if only is not None else []
            bodies.append(body)
        return _holders(bodies)

    def _only_named(self, noun: str) -> Holder | None:
        """The body the article names with ``noun`` after a side word ("the Yemeni government"), when it names
        exactly one such; None otherwise."""
        if noun not in self._named_cache:
            found = {m.group(): None for m in re.finditer(rf"\b[A-Z][\w'’-]+ {re.escape(noun)}\b", self.text)}
            holders = {}
            for written in found:
                body = _side_body(written)
                if body is not None:
                    holders[written.lower()] = body
            self._named_cache[noun] = next(iter(holders.values())) if len(holders) == 1 else None
        return self._named_cache[noun]

    def _named_body(self, words, k: int, noun: str) -> Holder | None:
        """The body a side word before the noun names ("the Yemeni government", "the Israeli army"): the
        article's entity of that name, else that body with the side the word gives; None without one."""
        if k < 1:
            return None
        written = self.text[words[k - 1][0] : words[k][1]]
        if not written[:1].isupper():
            return None
        lowered = written.lower()
        for entity in self.entities:
            if entity.name.lower() == lowered or entity.name.lower() == f"the {lowered}":
                return Holder(entity.name, entity.side, entity.id, reported=True)
        body = _side_body(written)
        if noun in PARTY_ITSELF and body is not None:
            state = next((e for e in self.entities if e.kind == "country" and e.named and e.side == body.side), None)
            if state is not None:
                return Holder(state.name, state.side, state.id, reported=True)
        return body

    def _body_of(self, noun: str, side: str | None) -> Speaker | None:
        """The article's entity that a side's ``noun`` ("government", "kingdom", "group") names, or None."""
        if side is None:
            return None
        candidates = [e for e in self.entities if e.side == side and e.named and e.kind in ("country", "organisation", "group")]
        if not candidates:
            return None
        state = noun in COUNTRY_NOUNS or noun in ("government", "administration", "authorities")

        def fit(entity: Speaker) -> tuple:
            return (noun in entity.name.lower(), (entity.kind == "country") == state, entity.name == side)

        return max(candidates, key=fit)


def _side_body(written: str) -> Holder | None:
    """A body named by a side word and a noun ("Yemeni government") as a holder with that side, or None."""
    side, _ = infer_side(written, kind="organisation")
    return Holder(written, side, speaker_slug(written), reported=True) if side is not None else None


def _holders(subjects) -> list[Holder]:
    """Reported holders of these entities, each once."""
    seen, holders = set(), []
    for entity in subjects:
        key = entity.id or entity.name
        if key not in seen:
            seen.add(key)
            holders.append(Holder(entity.name, entity.side, entity.id, reported=True))
    return holders

