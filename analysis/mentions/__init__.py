"""Mentions: every person, organisation, country or group an article mentions, and how they link.

This stage reads the tokenised article before any quote is looked for:

* :mod:`.names` finds every capitalised name phrase and keeps its role words
  ("Ukrainian Defense Minister", "Kremlin aide", "Retired … Gen.") apart from
  the name; :mod:`.roles` adds the roles appositions and party tags give;
* :mod:`.link` links the names of one entity (full name, fuller form,
  surname), and holds the sieves the attribution stage calls for
  descriptions (role nouns, group nouns, pronouns);
* :mod:`.sides` reads the side words of a phrase, :mod:`.lexicon` the word
  lists (all documented data files in ``analysis/data``).

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> text = "Talks opened with a delegation headed by Foreign Minister Jana Roe. Later, Roe said they would go on."
>>> found = find_mentions(tokenize(Article(text)))
>>> [(found.names[i].name, found.entities[e].name, how) for i, (e, how) in enumerate(found.links)]
[('Jana Roe', 'Jana Roe', 'full name'), ('Roe', 'Jana Roe', 'surname of Jana Roe')]
>>> found.entities[0].roles, found.entity_in(found.names[1].span)
(['Foreign Minister', 'head of the delegation'], 0)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..records import Span, Tokens
from .lexicon import NameWords, load_name_words, load_outlets, load_sides, load_speaker_nouns
from .link import Candidate, Entity, description_head, group_pronoun, link_names, pronoun_antecedent
from .names import NamePhrase, clean_name, find_names
from .roles import sentence_roles
from .sides import side_in, sides_in

__all__ = [
    "ArticleMentions", "Candidate", "Entity", "NamePhrase", "NameWords", "clean_name", "description_head",
    "find_mentions", "find_names", "group_pronoun", "learn_demonyms", "link_names", "load_name_words", "load_outlets", "load_sides",
    "load_speaker_nouns", "pronoun_antecedent", "side_in", "sides_in",
]  # fmt: skip


@dataclass
class ArticleMentions:
    """An article's name phrases, its entities, and which entity each phrase is (with the sieve that said so).

    The attribution stage goes on linking descriptions and pronouns into
    ``entities`` (adding entities known only by a description); nothing else
    holds on to it.
    """

    names: list[NamePhrase]
    entities: list[Entity]
    links: list[tuple[int | None, str]]  # per name phrase: (entity index or None, sieve)
    sides: Mapping[str, tuple[str, str]] = field(default_factory=load_sides)  # side words, with the article's own demonyms

    def __post_init__(self) -> None:
        self._starts = [p.span.start for p in self.names]

    def phrases_in(self, span: Span) -> list[int]:
        """Indices of the name phrases that lie inside ``span``."""
        i = bisect.bisect_left(self._starts, span.start)
        out = []
        while i < len(self.names) and self.names[i].span.start < span.end:
            if self.names[i].span.end <= span.end:
                out.append(i)
            i += 1
        return out

    def entity_in(self, span: Span) -> int | None:
        """The entity of the last non-possessive name inside ``span`` (the head of "X's adviser Y"), or None."""
        for i in reversed(self.phrases_in(span)):
            if not self.names[i].possessive and self.links[i][0] is not None:
                return self.links[i][0]
        return None


def find_mentions(tokens: Tokens, *, title_end: int = 0, words: NameWords | None = None) -> ArticleMentions:
    """The names of an article, linked into entities, with the roles the article gives them."""
    words = words or load_name_words()
    names = find_names(tokens, title_end=title_end, words=words)
    entities, links = link_names(names, words=words)
    text = tokens.text
    for i, (e, _) in enumerate(links):
        if e is not None:
            for role in sentence_roles(text, tokens, names, i, words=words):
                entities[e].add_role(role)
    _counterparts(names, links, entities)
    learned = learn_demonyms(text, entities, words.sides) | learn_possessors(text, names, links, entities, words)
    if learned:
        for e, entity in enumerate(entities):
            side = learned.get(entity.name.lower())
            if side is not None and side[1] == "country" and entity.kind == "unknown":
                entity.kind = "country"
            elif side is not None and side[1] == "adjective":
                entity.kind = "adjective"  # "the Kastrian delegation": a side word, not an entity
        links = [(None, "adjective") if e is not None and entities[e].kind == "adjective" else (e, how) for e, how in links]
    return ArticleMentions(names, entities, links, {**words.sides, **learned} if learned else words.sides)


def _counterparts(names, links, entities) -> None:
    """ "Lubinets met his Russian counterpart Moskalkova": a counterpart holds the role of the person before it."""
    for i, phrase in enumerate(names):
        e = links[i][0]
        if e is None or not phrase.role or "counterpart" not in phrase.role.lower():
            continue
        for k in range(i - 1, -1, -1):
            if names[k].sentence != phrase.sentence:
                break
            other = links[k][0]
            if other is not None and other != e and entities[other].kind == "person" and not names[k].possessive:
                for role in entities[other].roles:
                    entities[e].add_role(f"counterpart: {role}")
                break


_AFTER_POSSESSIVE = re.compile(r"['’]s\s+(?:(?:chief|top|lead|senior|deputy|special)\s+)?([\w-]+)")
# what a state has ("Saravia's chief negotiator", "Olsk's foreign minister"), unlike a person ("Obama's adviser")
STATE_ROLES = frozenset({"negotiator", "negotiators", "delegation", "side", "government", "foreign", "defence", "defense", "envoy", "ambassador", "army", "military", "forces", "president", "parliament", "ministry", "prime"})


def learn_possessors(text: str, names, links, entities, words: NameWords) -> dict[str, tuple[str, str]]:
    """Parties named by a possessive before a role: in "Saravia's chief negotiator" Saravia is a side.

    Only names that are no person and that the side words do not know yet.
    """
    learned: dict[str, tuple[str, str]] = {}
    for phrase, (e, _) in zip(names, links):
        if not phrase.possessive or e is None or " " in phrase.name or phrase.name.lower() in words.sides:
            continue
        if entities[e].kind not in ("unknown", "country", "organisation") or phrase.name.lower() in words.given:
            continue
        m = _AFTER_POSSESSIVE.match(text, phrase.span.end)
        if m and m.group(1).lower() in STATE_ROLES:
            learned[phrase.name.lower()] = (phrase.name, "country")
    return learned


DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese", "ish", "ic")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+")


def learn_demonyms(text: str, entities, sides: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Sides the article itself teaches: a one-word name whose adjective it also writes ("Kastria" … "Kastrian").

    The name is then a country (its own side) and the adjective points to it,
    so "the Kastrian delegation" is on Kastria's side; names the shipped side
    words already know are left to them.

    >>> from analysis.mentions.link import Entity
    >>> learn_demonyms("Kastria and Velmora met. The Kastrian side spoke.", [Entity("Kastria", "unknown"), Entity("Velmora", "unknown")], {})
    {'kastria': ('Kastria', 'country'), 'kastrian': ('Kastria', 'adjective')}
    """
    words = {w for w in _CAPITALISED.findall(text)}
    learned: dict[str, tuple[str, str]] = {}
    for entity in entities:
        name = entity.name
        if " " in name or entity.kind not in ("unknown", "country", "person") or name.lower() in sides or len(name) < 4:
            continue
        stems = {name, name[:-1]} if name[-1] in "aeiouy" else {name}
        found = next((stem + end for stem in sorted(stems) for end in DEMONYM_ENDINGS if stem + end in words and stem + end != name), None)
        if found is not None:
            learned[name.lower()] = (name, "country")
            learned[found.lower()] = (name, "adjective")
    return learned
