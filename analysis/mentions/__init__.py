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
from .link import Candidate, Entity, description_head, group_pronoun, link_names, pronoun_antecedent, salient_antecedent
from .names import NamePhrase, clean_name, find_names
from .learn import learn_demonyms, learn_sides
from .roles import sentence_roles
from .sides import side_in, sides_in

__all__ = [
    "ArticleMentions", "Candidate", "Entity", "NamePhrase", "NameWords", "clean_name", "description_head",
    "find_mentions", "find_names", "group_pronoun", "learn_demonyms", "link_names", "load_name_words", "load_outlets", "load_sides",
    "load_speaker_nouns", "pronoun_antecedent", "salient_antecedent", "side_in", "sides_in",
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

    def phrase_around(self, span: Span) -> int | None:
        """The name phrase that ``span`` ends with but starts inside of ("International Affairs" of "the State Duma
        Committee on International Affairs", where the quote's source stopped at "on"), or None."""
        i = bisect.bisect_left(self._starts, span.start) - 1
        if i >= 0 and self.names[i].span.start < span.start < self.names[i].span.end == span.end:
            return i
        return None

    def role_around(self, span: Span) -> int | None:
        """The name phrase whose role before the name holds ``span`` ("Water" of "Water and Energy Minister Habtamu
        Itefa", where a quote's source stopped at "and"), or None."""
        i = bisect.bisect_right(self._starts, span.end)
        if i < len(self.names):
            phrase = self.names[i]
            if phrase.role is not None and phrase.phrase.start <= span.start and span.end <= phrase.span.start:
                return i
        return None

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
    text = tokens.text
    roles_of = {i: sentence_roles(text, tokens, names, i, words=words) for i, p in enumerate(names) if p.kind not in ("outlet", "place")}
    described = [bool(roles_of.get(i)) for i in range(len(names))]
    entities, links = link_names(names, words=words, lower=_LowerWords(text), described=described, text=text)
    for i, (e, _) in enumerate(links):
        if e is not None:
            for role in roles_of[i] if i in roles_of else sentence_roles(text, tokens, names, i, words=words):
                entities[e].add_role(role)
    _counterparts(names, links, entities, roles_of, words)
    learned = learn_sides(text, names, links, entities, words)
    if learned:
        for e, entity in enumerate(entities):
            side = learned.get(entity.name.lower())
            if side is not None and side[1] == "country" and entity.kind == "unknown":
                entity.kind = "country"
            elif side is not None and side[1] == "adjective":
                entity.kind = "adjective"  # "the Kastrian delegation": a side word, not an entity
        links = [(None, "adjective") if e is not None and entities[e].kind == "adjective" else (e, how) for e, how in links]
    return ArticleMentions(names, entities, links, {**words.sides, **learned} if learned else words.sides)


COUNTERPART_SENTENCES = 2  # sentences before its own a counterpart looks back over for the person it answers


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")


class _LowerWords:
    """The words an article writes in lower case somewhere (with its headline's), read only when first asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.words is None:
            self.words = frozenset(_LOWER_WORD.findall(self.text))
        return word in self.words


def _counterparts(names, links, entities, roles_of, words: NameWords) -> None:
    """ "Lubinets met his Russian counterpart Moskalkova", "… Mirzoyan … . His Azerbaijani counterpart, Jeyhun
    Bayramov, …": a counterpart holds the role of the person before it (in its sentence, else the latest person of
    the sentences just before), without that person's side words or the names of what they head ("President of
    the NLC" is a president's role, not the NLC's): a counterpart is of the other side."""
    for i, phrase in enumerate(names):
        e = links[i][0]
        if e is None or not any("counterpart" in role.lower() for role in (phrase.role or "", *roles_of.get(i, ()))):
            continue
        for k in range(i - 1, -1, -1):
            if names[k].sentence < phrase.sentence - COUNTERPART_SENTENCES:
                break
            other = links[k][0]
            if other is not None and other != e and entities[other].kind == "person" and not names[k].possessive:
                for role in entities[other].roles:
                    if "counterpart" not in role.lower():
                        entities[e].add_role(f"counterpart: {_without_sides(role, words)}")
                break


def _without_sides(role: str, words: NameWords) -> str:
    """A role's own words, without side words or names ("Armenian Foreign Minister" → "Foreign Minister",
    "President of the NLC" → "President")."""
    kept = []
    for w in role.split():
        low = w.lower().strip(",.").replace("’", "'").removesuffix("'s")
        if low not in words.sides and (w[:1].islower() or low in words.role_words):
            kept.append(w)
    while kept and kept[-1].lower() in ("of", "the", "for", "to", "and"):
        kept.pop()
    return " ".join(kept)
