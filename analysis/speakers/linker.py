"""The sieves that read a quote's source against the article's mentions, surest first (see :mod:`analysis.speakers`).

Each sieve is a method of :class:`_Linker`, the state of one article's
linking; every link it makes is a :class:`_Found` whose ``link`` names the
sieve ("surname of …", "role noun 'the minister' → …", "past office …").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..mentions import ArticleMentions, Candidate, Entity, clean_name, description_head, pronoun_antecedent, salient_antecedent
from ..mentions.lexicon import NameWords, load_facilitators, load_name_words
from ..mentions.link import GROUP_PRONOUNS, PERSON_PRONOUNS, ROLE_SYNONYMS, THING_PRONOUNS
from ..mentions.sides import TARGET_PREPOSITIONS, sides_in
from ..records import Quote, Span, Tokens
from .sides import _entity_side

OUTLET_REASON = "; source is a news outlet"  # appended to a citation's reason when its source is an outlet
SPLIT_WORDS = frozenset({"of", "for", "at", "from", "with", "in", "on", "who", "which", "whose", ","})
_SURROGATE = re.compile("[\ud800-\udfff]")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
FIRST_PERSON = frozenset({"i", "me", "you", "one", "someone", "anyone", "everyone", "nobody", "somebody"})
MEDIA_NOUNS = frozenset({"media", "agency", "agencies", "newspaper", "newspapers", "outlet", "outlets", "channel", "press", "reports", "broadcaster", "tabloid", "daily", "wire"})
PARTY_ITSELF = frozenset({"side", "delegation"})  # "the Russian side said": the party speaks
PARTY_GROUPS = frozenset({"side", "party", "country", "nation", "state", "delegation", "team", "government", "leader"})  # "both sides", "both leaders" → the parties
# What a role noun of a description also matches among a person's role words ("the top diplomat" is a foreign minister).
ROLE_CLASSES = {
    "diplomat": {"diplomat", "foreign", "ambassador", "envoy"},
    "chief": {"chief", "head", "secretary-general", "director-general", "director", "leader"},
    "ombudsman": {"ombudsman", "ombudswoman", "ombudsperson", "commissioner"},
    "negotiator": {"negotiator", "delegation"},
    "envoy": {"envoy", "emissary", "representative"},
    "spokesperson": {"spokesperson", "spokesman", "spokeswoman"},
}
ROLE_CLASSES["ombudswoman"] = ROLE_CLASSES["ombudsperson"] = ROLE_CLASSES["ombudsman"]
ROLE_CLASSES["spokesman"] = ROLE_CLASSES["spokeswoman"] = ROLE_CLASSES["spokesperson"]
# Offices a description names that only their holder fills: "the Russian minister" is no Russian aide named before
# ("the Russian official" may be any of that side's people)
OFFICES = frozenset({"minister", "president", "prime", "premier", "ambassador", "ombudsman", "ombudswoman", "spokesman", "spokeswoman", "spokesperson", "general", "mayor", "governor", "king", "chancellor"})
_CONTRACTION = re.compile(r"'(?:s|re|ve|d|ll)$")
PAST_OFFICE = frozenset({"former", "ex", "retired", "onetime", "one-time", "erstwhile"})  # "the former Nigerian president"
GROUP_NUMBERS = {"three": 3, "four": 4}  # "the three sides", "all four parties": that many of the article's sides
MEDIATOR_ROLES = frozenset({"mediator", "host", "observer", "guarantor", "facilitator", "broker", "envoy"})
MEDIATOR_STEMS = ("mediat", "host", "guarant", "facilitat", "broker")  # "who mediated", "whose country hosted the round"
# what stands before or after a run of names that mediates: "mediated by A and B", "under the auspices of A"
# (not "hosted by": a party may host the next round),
# "A and B, the two facilitators of the talks", "the A-brokered truce"
_MEDIATED_BY = re.compile(r"(?i)\b(?:mediated|brokered|facilitated|sponsored)\s+(?:jointly\s+)?by\s+(?:the\s+)?$|\bauspices\s+of\s+(?:the\s+)?$")
_MEDIATOR_APPOSITION = re.compile(r"(?i)^(?:-(?:brokered|mediated|hosted|sponsored)\b|\s*,\s*(?:the|its|their)\s+(?:two\s+|three\s+|joint\s+|co-)?(?:mediators?|facilitators?|hosts?|guarantors?|brokers?|co-chairs?)\b)")
# "the guarantor countries, A, B and C", "the mediators, A and B": a run of names after a mediators' apposition
_MEDIATORS_BEFORE = re.compile(r"(?i)\b(?:guarantors?|guarantor\s+(?:countries|states|nations|powers)|mediators|mediating\s+(?:countries|states))\s*,\s*$")
# ", speaking on condition of …", ", quoted by Kan": a relative clause or a participle's aside after a description
# A document a quote's frame says its speaker issued ("in a statement", "a joint statement issued by").
_ISSUED = re.compile(r"(?i)\b(?:a|an|its|their|his|her)\s+(?:joint\s+|written\s+|separate\s+|brief\s+)?(statement|communiqu[eé]|declaration)\b")
_RELATIVE_TAIL = re.compile(r"\s*,\s*(?:who|which|whose|whom|\w+ing|on condition|quoted|cited|interviewed|contacted|reached|asked|briefed)\b")
HEADLINE_SENTENCES = 1  # sentences 0 and 1: a headline and the lead, where a description may come before the name
LEAD_NAME_SENTENCES = 2  # sentences after such a description in which the name it stands for comes
# Role nouns of people who are not named on purpose ("a high-level Egyptian source", "the source"): whoever the
# article names is someone else.
ANONYMOUS_HEADS = frozenset({"source", "insider"})
MAX_LOOK = 60  # mentions a role noun looks back (or ahead) over at most
_AGE = re.compile(r"(?i)^(?:the\s+)?\d+-year-old$")
_WORDS = re.compile(r"[\w'’]+(?:[.\-][\w'’]+)*\.?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Found:
    """What one quote's source was read as: entities with the sieve, or a citation, or nothing."""

    entities: tuple[int, ...] = ()
    link: str = ""
    kind: str = "name"  # name, pronoun, role, group, outlet, document, unresolved
    citation: str | None = None  # the outlet or document's name when the source is one



class _Linker:
    """The state of one article's linking: its entities and the mentions pronouns can refer back to."""

    def __init__(self, tokens: Tokens, mentions: ArticleMentions, quotes: Sequence[Quote]) -> None:
        self.text = tokens.text
        self.words = load_name_words()
        self.mentions = mentions
        self.entities = mentions.entities
        self.quotes = quotes
        self.sentence_starts = [s.span.start for s in tokens.sentences]
        self.candidates = _name_candidates(tokens, mentions, quotes)
        self.described: dict[str, int] = {}  # description → its entity
        self.name_starts = [p.span.start for p in mentions.names]
        self._runs: list[list[int]] | None = None  # the coordinated name runs, built on first use (see _name_runs)
        self.table = mentions.sides
        self.sides: dict[tuple[int, int], str | None] = {}  # (entity, number of roles) → side
        self.groups: dict[tuple[str, int], list[int]] = {}  # (group head, number of entities) → members
        self.issued: dict[str, tuple[int, ...]] = {}  # document noun → who issued the latest one ("in a statement, X said")

    def side_of(self, e: int) -> str | None:
        """An entity's side from its own words, computed once for each state of its roles."""
        key = (e, len(self.entities[e].roles))
        if key not in self.sides:
            self.sides[key] = _entity_side(self.entities[e], self.table)
        return self.sides[key]

    def sentence_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def resolve(self, q_index: int) -> _Found:
        quote = self.quotes[q_index]
        found = self._read(quote)
        if found.entities and found.kind != "document":
            self._note_issued(quote, found.entities)
        if found.entities:
            bisect.insort(self.candidates, Candidate(found.entities, quote.source.start, self.sentence_of(quote.source.start), speaker=True), key=lambda c: c.start)
        return found

    def describe(self, subject: Span) -> None:
        """A sentence opened by a description that is no quote's source ("The former military head of state spoke
        to …"): when the role sieves link it, it is that sentence's subject for the pronouns after it."""
        found = self._role(" ".join(_WORDS.findall(self.text[subject.start : subject.end])), subject)
        if found is not None and len(found.entities) == 1:
            bisect.insort(self.candidates, Candidate(found.entities, subject.start, self.sentence_of(subject.start), subject=True), key=lambda c: c.start)

    def _cue_spans(self) -> list[tuple[int, int]]:
        """Every quote's cue as (start, end), sorted, built once."""
        cues = self.__dict__.get("_cues")
        if cues is None:
            cues = self.__dict__["_cues"] = sorted((q.cue.start, q.cue.end) for q in self.quotes if q.cue is not None)
        return cues

    def _read(self, quote: Quote) -> _Found:
        """The sieves, surest first, on one quote's source."""
        source = _past_other_cues(quote, self._cue_spans())
        phrase = self.text[source.start : source.end].strip()
        words = [w.replace("’", "'") for w in _WORDS.findall(phrase)]
        low = [w.lower().rstrip(".") for w in words]
        if len(low) == 1:
            low = [_CONTRACTION.sub("", low[0])]  # "He’s claiming", "They’re saying": the pronoun
        if len(low) == 1 and (low[0] in PERSON_PRONOUNS or low[0] in GROUP_PRONOUNS or low[0] in THING_PRONOUNS):
            return self._pronoun(low[0], source)
        if len(low) == 1 and low[0] in RELATIVE_PRONOUNS:
            return self._relative(low[0], source)
        if not any(w[:1].isalpha() for w in words) or len(low) == 1 and low[0] in FIRST_PERSON:
            return _Found(kind="unresolved", link=f"'{phrase}' names no one")
        named = self._names(source, quote)
        if named is not None:
            return named
        description = " ".join(words)
        if _is_media(low):
            return _Found(kind="outlet", citation=clean_name(description.removeprefix("the ").removeprefix("The ")), link="outlet")
        return (
            self._sides_together(description)
            or self._party_itself(description)
            or self._group(description, source)
            or self._role(description, source)
            or self._document(description, low, source)
            or self._named_as(description)
            or self._described(description)
        )

    def _named_as(self, description: str) -> _Found | None:
        """A source that is, word for word, a name the article gives someone ("Hillary Clinton Speaks …" in a
        headline the mentions stage leaves unlinked): that person, never a new entity of the same name."""
        key = clean_name(description).lower()
        for e, entity in enumerate(self.entities):
            if entity.named and entity.kind != "outlet" and (entity.name.lower() == key or key in (a.lower() for a in entity.aliases)):
                return _Found((e,), f"named as {entity.name}", "name")
        return None

    def _sides_together(self, description: str) -> _Found | None:
        """ "the Austrian and Swiss mediators": a plural description of two or more sides speaks for their states."""
        head, others, plural = description_head(description, self.words)
        if head is None or not plural or "and" not in others:
            return None
        sides = list(dict.fromkeys(hit[0] for hit in sides_in(" ".join(others), sides=self.table)))
        if len(sides) < 2:
            return None
        members = tuple(self._country(side) for side in sides)
        return _Found(members, f"sides '{description}' → {' and '.join(sides)}", "group")

    def _party_itself(self, description: str) -> _Found | None:
        """ "The Russian side", "the Dalrik delegation", "Hamas delegation" speaking as one: that party (its words
        only a side word and the noun, so "the head of the Russian delegation" is a person, found by :meth:`_role`)."""
        head, others, plural = description_head(description, self.words)
        if head not in PARTY_ITSELF or plural or not others:
            return None
        hits = sides_in(" ".join(others), sides=self.table)
        if len(hits) != 1 or len(hits[0][1].split()) != len(others):
            return None
        return _Found((self._country(hits[0][0]),), f"party noun '{description}' → {hits[0][0]}", "group")

    def _relative(self, pronoun: str, source: Span) -> _Found:
        """ "Trump, who said …": a relative pronoun is the mention right before it in its sentence."""
        sentence = self.sentence_of(source.start)
        k = bisect.bisect_left(self.candidates, source.start, key=lambda c: c.start)
        for c in reversed(self.candidates[max(0, k - 3) : k]):
            if c.sentence == sentence and self.text[c.start : source.start].count(",") <= 1:
                names = " and ".join(self.entities[e].name for e in c.entities)
                return _Found(c.entities, f"relative '{pronoun}' → {names}", "pronoun")
        return _Found(kind="unresolved", link=f"relative '{pronoun}' unresolved")

    def _names(self, source: Span, quote: Quote) -> _Found | None:
        """Sieve 1–2: the names inside the source (the head ones, coordinated), or an outlet among them."""
        inside = self.mentions.phrases_in(source)
        if not inside:
            around = self.mentions.phrase_around(source)
            if around is not None and self.mentions.names[around].kind == "organisation":
                inside, source = [around], Span(self.mentions.names[around].phrase.start, source.end)
            elif (held := self.mentions.role_around(source)) is not None:
                inside, source = [held], Span(source.start, self.mentions.names[held].span.end)  # "Water | and Energy Minister X"
            else:
                return None
        names = self.mentions.names
        head = _head_phrases(self.text, source, inside, names, self.words)
        if not head:
            return None
        outlets = [i for i in head if names[i].kind == "outlet" or self.mentions.links[i][1] == "outlet"]
        if outlets or _acts_as_outlet(self.text, quote, names[head[-1]], self.words):
            outlet = names[outlets[0]] if outlets else names[head[-1]]
            e = self.mentions.links[head[-1]][0]
            if e is not None and self.entities[e].kind in ("unknown", "organisation"):
                self.entities[e].kind = "outlet"  # it reports like a publication: never a speaker
            return _Found(kind="outlet", citation=_outlet_name(self.text, source, outlet), link="outlet")
        linked = [(self.mentions.links[i][0], self.mentions.links[i][1]) for i in head if self.mentions.links[i][0] is not None]
        if not linked:
            return None
        entities = tuple(dict.fromkeys(e for e, _ in linked))
        link = linked[-1][1] if len(entities) == 1 else "joint: " + ", ".join(how for _, how in linked)
        return _Found(entities, link, "name")

    def _pronoun(self, pronoun: str, source: Span) -> _Found:
        """Sieve 5: the most salient compatible mention before the pronoun, or an unresolved pronoun."""
        found = pronoun_antecedent(pronoun, source.start, self.sentence_of(source.start), self.candidates, self.entities)
        if found is None:
            return _Found(kind="unresolved", link=f"pronoun '{pronoun}' unresolved")
        if pronoun in PERSON_PRONOUNS and len(found) == 1 and self.entities[found[0]].gender is None:
            self.entities[found[0]].gender = PERSON_PRONOUNS[pronoun]
        names = " and ".join(self.entities[e].name for e in found)
        return _Found(found, f"pronoun '{pronoun}' → {names}", "pronoun")

    def _group(self, description: str, source: Span) -> _Found | None:
        """Sieve 3: "both sides", "the two delegations", "the two ombudspersons" → the parties, or the people with that role."""
        head, others, plural = description_head(description, self.words)
        if head in MEDIATOR_ROLES and plural and set(others) <= {"two", "three", "both", "the", "all"}:
            mediators = self._mediators()  # "…, mediators say", "The two mediators said": the sides named as mediating
            if len(mediators) >= 2:
                return _Found(tuple(mediators), f"group noun '{description}' → {' and '.join(self.entities[e].name for e in mediators)}", "group")
        if head is None or not plural or not ({"both", "two", "the", "all"} & set(others) or description.lower().startswith("the ")):
            return None
        counted = [GROUP_NUMBERS[w] for w in others if w in GROUP_NUMBERS]
        if head in PARTY_GROUPS and counted and set(others) <= {"the", "all"} | set(GROUP_NUMBERS):
            members = self._top_sides(counted[0])  # "the three sides": the three sides the article names most
            if members:
                return _Found(tuple(members), f"group noun '{description}' → {' and '.join(self.entities[e].name for e in members)}", "group")
            return None
        if others and not set(others) <= {"both", "two", "the", "all", "warring", "opposing", "negotiating"}:
            return None
        local = self._sentence_pair(source) if head in PARTY_GROUPS else None
        if local is not None:
            names = " and ".join(self.entities[e].name for e in local)
            return _Found(local, f"group noun '{description}' → {names}, the pair its sentence names", "group")
        key = (head, len(self.entities))
        if key not in self.groups:
            self.groups[key] = self._parties() if head in PARTY_GROUPS else self._holders_of(_role_class(head))
        members = self.groups[key]
        if len(members) < 2:
            return None
        names = " and ".join(self.entities[e].name for e in members)
        return _Found(tuple(members), f"group noun '{description}' → {names}", "group")

    def _sentence_pair(self, source: Span) -> tuple[int, int] | None:
        """The two sides a group noun's own sentence names as a pair ("At the meeting with the Chinese delegation,
        both sides said they wanted contacts between Kyiv and Beijing"): they, not the article's two parties."""
        names, links, sentence = self.mentions.names, self.mentions.links, self.sentence_of(source.start)
        for run in self._name_runs():
            if len(run) == 2 and names[run[0]].sentence == sentence:
                sa, sb = self.side_of(links[run[0]][0]), self.side_of(links[run[1]][0])
                if sa and sb and sa != sb and not {sa, sb} & (self._mediating_sides() | load_facilitators()):
                    return self._country(sa), self._country(sb)
        return None

    def _parties(self) -> list[int]:
        """The two parties of the article: the pair named together most ("A and B", "between A and B"), else
        the two sides mentioned most; sides that only mediate, host or observe are not parties."""
        counts, first = self._side_counts()
        mediating = set()
        for e, entity in enumerate(self.entities):
            side = self.side_of(e)
            if side and entity.kind in ("person", "unknown") and _mediates(entity):
                mediating.add(side)  # "whose country mediates alongside Egypt and the United States": all three
                mediating.update(hit[0] for role in entity.roles for hit in sides_in(role, sides=self.table))
        mediating |= self._mediating_sides()
        facilitators = load_facilitators()  # the UN, the EU, the ICRC …: parties only when no two others are named
        pairs = Counter({pair: n for pair, n in self._named_pairs().items() if not mediating & set(pair) and not facilitators & set(pair)})
        if pairs:
            a, b = max(pairs, key=lambda p: (pairs[p], -min(first.get(s, 10**9) for s in p)))
            top = [a, b]
        else:
            ranked = sorted(counts, key=lambda side: (side in mediating, side in facilitators, -counts[side], first[side]))
            top = ranked[:2]
        return [self._country(side) for side in sorted(top, key=lambda side: first.get(side, 10**9))]

    def _side_counts(self) -> tuple[Counter[str], dict[str, int]]:
        """How often each side is mentioned (by its entities' mentions, groups left out), and its first entity."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for e, entity in enumerate(self.entities):
            side = self.side_of(e)
            if side and entity.kind != "group":
                counts[side] += len(entity.mentions) or 1
                first.setdefault(side, e)
        return counts, first

    def _top_sides(self, n: int) -> list[int]:
        """The ``n`` sides the article mentions most, mediators and hosts among them, in order of first mention;
        [] when there are fewer, or a tie for the last place leaves no sure ``n``."""
        counts, first = self._side_counts()
        ranked = sorted(counts, key=lambda side: (-counts[side], first[side]))
        if len(ranked) < n or len(ranked) > n and counts[ranked[n - 1]] == counts[ranked[n]]:
            return []
        return [self._country(side) for side in sorted(ranked[:n], key=lambda side: first[side])]

    def _mediators(self) -> list[int]:
        """The entities of the sides the text names as mediating, in the order the article first names them."""
        sides = self._mediating_sides()
        first = {}
        for i, (e, _) in enumerate(self.mentions.links):
            side = self.side_of(e) if e is not None else None
            if side in sides:
                first.setdefault(side, i)
        return [self._country(side) for side in sorted(sides, key=lambda side: first.get(side, 10**9))]

    def _name_runs(self) -> list[list[int]]:
        """The article's name mentions in runs of names coordinated in one sentence ("A and B", "A, B and the C");
        read once per article (the pairs, the mediators and the parties all ask)."""
        if self._runs is not None:
            return self._runs
        names, links = self.mentions.names, self.mentions.links
        runs: list[list[int]] = []
        for i in range(len(names)):
            joined = (
                i > 0
                and runs
                and runs[-1][-1] == i - 1
                and links[i - 1][0] is not None
                and links[i][0] is not None
                and names[i].sentence == names[i - 1].sentence
                and self.text[names[i - 1].span.end : names[i].phrase.start].strip().lower() in ("and", "&", ",", "and the", ", and", ", and the", ", the")
            )
            if joined:
                runs[-1].append(i)
            else:
                runs.append([i])
        self._runs = runs
        return runs

    def _named_pairs(self) -> Counter:
        """How often two sides are named together as a pair: "A and B", "between A and B" (a list of three or more,
        "Mexico, Cuba, Venezuela and Norway", names guarantors or members, not the two parties)."""
        links = self.mentions.links
        pairs: Counter = Counter()
        for run in self._name_runs():
            if len(run) != 2:
                continue
            sa, sb = self.side_of(links[run[0]][0]), self.side_of(links[run[1]][0])
            if sa and sb and sa != sb:
                pairs[tuple(sorted((sa, sb)))] += 1
        return pairs

    def _mediating_sides(self) -> set[str]:
        """Sides the text names as mediating, hosting or brokering ("mediated by A and B", "A and B, the two
        facilitators of the talks", "the A-brokered deal"), whoever speaks for them: never the two parties."""
        names, links = self.mentions.names, self.mentions.links
        out: set[str] = set()
        for run in self._name_runs():
            before = self.text[max(0, names[run[0]].phrase.start - 40) : names[run[0]].phrase.start]
            after = self.text[names[run[-1]].span.end : names[run[-1]].span.end + 60]
            if _MEDIATED_BY.search(before) or _MEDIATORS_BEFORE.search(before) or _MEDIATOR_APPOSITION.match(after):
                out.update(side for i in run if (side := self.side_of(links[i][0])))
        return out

    def _country(self, side: str) -> int:
        """The entity that stands for a side: its country entity, else one made for it."""
        for e, entity in enumerate(self.entities):
            if entity.kind in ("country", "organisation") and entity.name.lower() == side.lower():
                return e
        self.entities.append(Entity(side, "country"))  # "Kyiv" and "Moscow" stand for them, but the parties are the states
        return len(self.entities) - 1

    def _holders_of(self, nouns: set[str]) -> list[int]:
        """People with one of these role nouns, one per side, in order of first mention."""
        out, seen_sides = [], set()
        for e, entity in enumerate(self.entities):
            if entity.kind in ("person", "unknown") and entity.named and nouns & entity.role_nouns():
                side = self.side_of(e)
                if side not in seen_sides:
                    seen_sides.add(side)
                    out.append(e)
        return out

    def _role(self, description: str, source: Span) -> _Found | None:
        """Sieve 4: a singular description → whoever holds that role in the article, latest before it, else first after.

        A person's role ("the minister", "Russia's chief negotiator", "the
        Kremlin aide") is matched on its role words, side words agreeing; an
        organisation's ("the ministry") on its name; when no role matches, a
        description with a side ("the top Iranian diplomat") is the latest
        person of that side.
        """
        if _AGE.match(description):
            latest = self._latest(source.start, lambda e: self.entities[e].kind == "person")
            return _Found((latest,), f"description '{description}' → {self.entities[latest].name}", "role") if latest is not None else None
        if description.lower().startswith(("a ", "an ")):
            return self._same_role(description, source)  # "An Israeli official": someone new, unless a role says so
        head, others, plural = description_head(description, self.words)
        if head is None and not plural:
            return self._epithet(description, source)
        if head is None or plural:
            return None
        side = next((hit[0] for hit in sides_in(description, sides=self.table)), None)
        if head in ANONYMOUS_HEADS:  # "the source": the unnamed source described before, never a named person
            found = self._latest(source.start, lambda e: not self.entities[e].named and head in self.entities[e].role_nouns())
            return _Found((found,), f"role noun '{description}' → {self.entities[found].name}", "role") if found is not None else None
        if self.words.nouns.get(head) == "body" and head not in self.words.titles:
            return self._body(description, head, side, source)
        if self.words.nouns.get(head) not in ("role", None) and head not in self.words.titles:
            return None
        wanted = _role_class(head)

        def person(e: int) -> bool:
            entity = self.entities[e]
            return (
                entity.kind in ("person", "unknown")
                and entity.named
                and (side is None or self.side_of(e) == side or self.side_of(e) is None and not _affiliated(entity, self.words))
                and all(_modifier_fits(w, self.side_of(e), self.table) for w in others)
            )

        def fits(e: int) -> bool:
            return person(e) and bool(wanted & self.entities[e].role_nouns())

        found = self._latest(source.start, fits)
        if found is None:
            found = self._first_after(source.start, fits)
        if found is None:  # "The official" after "a senior U.S. official": the description said before
            found = self._latest(source.start, lambda e: not self.entities[e].named and head in self.entities[e].role_nouns())
        if found is None and side is not None and head not in OFFICES:
            found = self._latest(source.start, lambda e: person(e) and self.side_of(e) == side and bool(self.entities[e].roles))
        if found is None and description.lower().startswith("the ") and _past_office_before(description, head):
            return self._past_office(description, source)
        if found is None and side is not None and self.sentence_of(source.start) <= HEADLINE_SENTENCES:
            # "…, says Qatari mediator": whom the lead names, who then holds that role ("the mediator" later);
            # "Iran's Foreign Ministry spokesman said …" then "Nasser Kanaani told reporters": the name the lead
            # gives next with no role and no side of its own is the one described
            lead = LEAD_NAME_SENTENCES + self.sentence_of(source.start)
            found = self._first_after(source.start, lambda e: self.entities[e].kind == "person" and self.entities[e].named, within=lead)
            if found is None or not person(found) or self.entities[found].roles:
                found = self._first_after(source.start, lambda e: person(e) and self.side_of(e) == side and bool(self.entities[e].roles))
            if found is not None:
                self.entities[found].add_role(_strip_determiner(clean_name(description)))
        if found is None:
            return None
        if side is not None and self.side_of(found) is None:
            self._lend_side(found, description)
        return _Found((found,), f"role noun '{description}' → {self.entities[found].name}", "role")

    def _lend_side(self, e: int, description: str) -> None:
        """A description with a side word that links to a person the article gives no side ("President Recep
        Tayyip Erdoğan …; the Turkish president said"): its words become one of the person's roles, so the side
        they state is the person's, with the description as evidence."""
        self.entities[e].add_role(_strip_determiner(clean_name(description)))

    def _same_role(self, description: str, source: Span) -> _Found | None:
        """An indefinite description brings in someone new ("An Israeli official", not the Mossad chief named before),
        unless it is word for word a role the article gave a person ("Jo Bell, a school spokesman, …; a school
        spokesman said")."""
        wanted = " ".join(description.lower().split()[1:])

        def fits(e: int) -> bool:
            entity = self.entities[e]
            return entity.kind in ("person", "unknown") and entity.named and any(_strip_determiner(r).lower() == wanted for r in entity.roles)

        found = self._latest(source.start, fits)
        if found is None:
            found = self._first_after(source.start, fits)
        if found is None:
            return None
        return _Found((found,), f"role noun '{description}' → {self.entities[found].name}", "role")

    def _epithet(self, description: str, source: Span) -> _Found | None:
        """ "the American spymaster", "the Iranian veteran": a definite description with a side word and a head noun
        the lists do not know is the most salient person just before who is of that side."""
        words = description.lower().split()
        if len(words) < 3 or words[0] != "the" or words[-1].endswith("s") or not words[-1].isalpha():
            return None
        side = next((hit[0] for hit in sides_in(" ".join(words[1:-1]), sides=self.table)), None)
        if side is None:
            return None

        def fits(c: Candidate) -> bool:
            return len(c.entities) == 1 and self.entities[c.entities[0]].kind == "person" and self.side_of(c.entities[0]) == side

        found = salient_antecedent(source.start, self.sentence_of(source.start), self.candidates, fits)
        if found is None:
            return None
        return _Found(found, f"epithet '{description}' → {self.entities[found[0]].name}", "role")

    def _past_office(self, description: str, source: Span) -> _Found | None:
        """ "the former Nigerian president", "the former M-19 guerrilla": a past office no one holds in the article is
        an epithet of the most salient person just before (a pronoun's antecedent); its side words say nothing
        about the side the person speaks for now."""

        def fits(c: Candidate) -> bool:
            return len(c.entities) == 1 and self.entities[c.entities[0]].kind == "person" and self.entities[c.entities[0]].named

        found = salient_antecedent(source.start, self.sentence_of(source.start), self.candidates, fits)
        if found is None:
            return None
        return _Found(found, f"past office '{description}' → {self.entities[found[0]].name}", "role")

    def _body(self, description: str, head: str, side: str | None, source: Span) -> _Found | None:
        """ "the ministry", "the committee": the latest organisation whose name holds that noun (and agrees on side)."""

        def fits(e: int) -> bool:
            entity = self.entities[e]
            return (
                entity.kind == "organisation"
                and head in entity.name.lower().split()
                and (side is None or self.side_of(e) in (None, side))
            )

        found = self._latest(source.start, fits)
        if found is None:
            return None
        return _Found((found,), f"role noun '{description}' → {self.entities[found].name}", "role")

    def _latest(self, offset: int, fits) -> int | None:
        """The entity of the latest mention before ``offset`` that fits, looking back MAX_LOOK mentions at most."""
        k = bisect.bisect_left(self.candidates, offset, key=lambda c: c.start)
        for c in reversed(self.candidates[max(0, k - MAX_LOOK) : k]):
            if len(c.entities) == 1 and fits(c.entities[0]):
                return c.entities[0]
        return None

    def _first_after(self, offset: int, fits, within: int | None = None) -> int | None:
        """The entity of the first name after ``offset`` that fits, looking ahead MAX_LOOK names at most (and
        no further than sentence ``within`` when given)."""
        names, links = self.mentions.names, self.mentions.links
        k = bisect.bisect_right(self.name_starts, offset)
        for i in range(k, min(len(names), k + MAX_LOOK)):
            if within is not None and names[i].sentence > within:
                return None
            e = links[i][0]
            if e is not None and fits(e):
                return e
        return None

    def _note_issued(self, quote: Quote, entities: tuple[int, ...]) -> None:
        """Who a quote's words say issued a document ("X said in a statement", "according to a joint statement
        issued by X and Y"): "the statement said" later in the article is theirs."""
        spans = [s for s in (quote.source, quote.cue) if s is not None]
        if not spans:
            return
        start = self.sentence_starts[self.sentence_of(min(s.start for s in spans))]  # "In a statement, X said"
        end = max(s.end for s in spans)
        if quote.content and quote.content[0].start >= end:
            end = quote.content[0].start  # "X said in a statement that …"
        else:
            start = max(start, min(s.start for s in spans))  # "…, according to a statement issued by X"
        for m in _ISSUED.finditer(self.text, start, end):
            self.issued[m.group(1).lower()] = entities

    def _document(self, description: str, low: list[str], source: Span) -> _Found | None:
        """A report, statement or poll: its owner when the source names one ("the Kremlin's statement"), else a document."""
        head, _, _ = description_head(description, self.words)
        if head is None or self.words.nouns.get(head) != "document":
            return None
        owner = next((self.mentions.links[i][0] for i in self.mentions.phrases_in(source) if self.mentions.links[i][0] is not None), None)
        if owner is not None:
            return _Found((owner,), f"document of {self.entities[owner].name}", "name")
        if low[:1] == ["the"] and head in self.issued and len(low) <= 3:  # "The statement said" after "X said in a statement"
            issuers = self.issued[head]
            return _Found(issuers, f"document '{description}' → issued by {' and '.join(self.entities[e].name for e in issuers)}", "name")
        pronoun = next((w for w in low if w in ("his", "her", "their", "its")), None)
        if pronoun is not None:  # "a statement from his ministry": whose the pronoun says
            found = pronoun_antecedent({"his": "he", "her": "she", "their": "they", "its": "it"}[pronoun], source.start, self.sentence_of(source.start), self.candidates, self.entities)
            if found is not None:
                return _Found(found, f"document of '{pronoun}' → {' and '.join(self.entities[e].name for e in found)}", "pronoun")
        return _Found(kind="document", citation=clean_name(description), link="document")

    def _described(self, description: str) -> _Found:
        """Sieve 6: an entity known only by its description ("officials", "a source in diplomatic circles")."""
        description = _RELATIVE_TAIL.split(description, 1)[0]  # "a source close to the talks, who declined to be named"
        name = _strip_determiner(clean_name(description))
        key = name.lower()
        if key not in self.described:
            head, _, plural = description_head(description, self.words)
            noun = self.words.nouns.get(head or "")
            kind = "group" if plural or noun == "group" else "organisation" if noun == "body" else "unknown"
            self.entities.append(Entity(name, kind, named=False))
            self.entities[-1].add_role(name)
            self.described[key] = len(self.entities) - 1
        e = self.described[key]
        return _Found((e,), "description", "role")


def _affiliated(entity: Entity, words: NameWords) -> bool:
    """Whether a person of no known side has a role qualified by a body the side words do not know ("PASOK
    leader", "TTP spokesman"): such a person is that body's, so a description with a side ("the Turkish leader") is
    someone else."""
    for role in entity.roles:
        if role.lower().startswith("counterpart:"):
            continue
        for w in role.split():
            low = w.lower().strip(",.()").replace("’", "'").removesuffix("'s")
            if low in TARGET_PREPOSITIONS or low == "of":
                break  # "special envoy for Eurasian affairs": a portfolio after the role, no body before it
            if w[:1].isupper() and low not in words.role_words and low not in words.organisations and low not in words.function and low not in words.sides:
                return True
    return False


def _mediates(entity: Entity) -> bool:
    """A role that mediates, hosts or guarantees talks ("the mediator", "who hosted the talks", "guarantor")."""
    nouns = entity.role_nouns()
    return bool(MEDIATOR_ROLES & nouns) or any(noun.startswith(MEDIATOR_STEMS) for noun in nouns)


def _past_office_before(description: str, head: str) -> bool:
    """ "the former Nigerian president": a past-office word before the head noun (not in an of-phrase after it)."""
    for word in description.lower().replace("’", "'").split()[1:]:
        word = word.strip(",.;:")
        if word.startswith(head[:4]) or word in SPLIT_WORDS:
            return False
        if word in PAST_OFFICE or word.startswith("ex-"):
            return True
    return False


def _role_class(head: str) -> set[str]:
    """The role words a description's head noun matches ("negotiator" also matches a delegation's head)."""
    return {head, ROLE_SYNONYMS.get(head, head)} | ROLE_CLASSES.get(head, set())


def _modifier_fits(word: str, entity_side: str | None, table: Mapping[str, tuple[str, str]]) -> bool:
    """A word of a description ("Russian", "chief") agrees with the entity's side, or says nothing against it."""
    hit = table.get(word) or table.get(word.removesuffix("'s"))
    return hit is None or entity_side in (None, hit[0])


def _name_candidates(tokens: Tokens, mentions: ArticleMentions, quotes: Sequence[Quote]) -> list[Candidate]:
    """The name mentions a pronoun may refer to: outside direct quotations, not places, with joint ones for "A and B"."""
    quoted = sorted((span.start, span.end) for q in quotes if q.kind == "direct" for span in q.content)
    starts = [s for s, _ in quoted]
    text = tokens.text
    out: list[Candidate] = []
    seen_sentences: set[int] = set()
    names, links = mentions.names, mentions.links
    for i, phrase in enumerate(names):
        e = links[i][0]
        if e is None or phrase.locative or phrase.kind in ("outlet", "place"):
            continue
        k = bisect.bisect_right(starts, phrase.span.start) - 1
        if k >= 0 and quoted[k][1] >= phrase.span.end:
            continue
        subject = phrase.sentence not in seen_sentences and not phrase.possessive
        seen_sentences.add(phrase.sentence)
        out.append(Candidate((e,), phrase.span.start, phrase.sentence, subject=subject))
        previous = names[i - 1] if i else None
        if previous is not None and previous.sentence == phrase.sentence and links[i - 1][0] not in (None, e):
            between = text[previous.span.end : phrase.phrase.start].strip().lower()
            if between in ("and", "&", ", and"):
                out.append(Candidate((links[i - 1][0], e), previous.span.start, phrase.sentence, subject=False))
    out.sort(key=lambda c: c.start)
    return out


SUBJECT_WORDS = 6  # words a sentence-opening description may run to its role noun ("The former military head")


def _subject_descriptions(tokens: Tokens, quotes: Sequence[Quote]) -> list[Span]:
    """Sentences that open with a definite description ending in a role noun, not a quote's source ("The former
    military head of state spoke …", "The minister left …"): their spans, in text order."""
    words = load_name_words()
    sources = {q.source.start for q in quotes if q.source is not None}
    text, out = tokens.text, []
    for sentence in tokens.sentences:
        start = sentence.span.start
        if text[start : start + 4] != "The " or start in sources:
            continue
        phrase = text[start : min(sentence.span.end, start + 100)].split()[: SUBJECT_WORDS + 1]
        for k in range(1, len(phrase)):
            word = phrase[k].lower().rstrip(".,;:")
            if word.endswith(("'s", "’s")) or word in words.function or not word.replace("-", "").isalpha():
                break
            if words.nouns.get(word) == "role" or word in words.titles:
                if k + 1 < len(phrase) and phrase[k].isalpha() and phrase[k + 1][:1].islower():
                    out.append(Span(start, start + len(" ".join(phrase[: k + 1]))))
                break
    return out


def _head_phrases(text: str, source: Span, inside: list[int], names, words: NameWords) -> list[int]:
    """The name phrases that head a source: the last one before "of"/"for"/a comma and those coordinated with it.

    A source whose head is a role noun after its names ("The Kremlin aide",
    "the U.N. chief", "The head of the Kastrian delegation") has none: it is a
    description. After a place or group, an apposition's person heads it
    ("a delegation to Niger Republic, retired General Abdulsalami Abubakar").
    """
    usable = [i for i in inside if not names[i].possessive]
    if not usable:
        return []
    phrase = text[source.start : source.end]
    cut = source.end
    for m in re.finditer(r"\s(of|for|at|from|with|in|on|to|who|which|whose)\s|,|\(", phrase):
        at = source.start + m.start()
        if m.group() != "," and any(names[i].kind == "person" and names[i].phrase.start <= at < names[i].span.start for i in usable):
            continue  # the "of" of a person's own role ("Assistant Secretary of State for African Affairs Molly Phee")
        if m.group() != "," and names[usable[-1]].kind == "organisation" and names[usable[-1]].span.start <= at < names[usable[-1]].span.end:
            continue  # the "for" of the last body's own name ("the Coordination Headquarters for the Treatment of Prisoners of War")
        cut = at
        break
    head = [i for i in usable if names[i].span.end <= cut]
    tail_words = [w.lower() for w in _WORDS.findall(text[names[head[-1]].span.end if head else source.start : cut])]
    if not head or any(words.is_role_word(w) or words.nouns.get(w) in ("role", "body", "document") for w in tail_words if w.isalpha()):
        after = [i for i in usable if names[i].span.start >= cut and names[i].kind == "person"]
        # "The head of …, Anna Roe," (a comma) or "Spokesman for the Morvanian delegation Jan Tesar" (the name ends it)
        ends = bool(after) and not text[names[after[-1]].span.end : source.end].strip(" ,") and _after_noun(text, names[after[-1]].phrase.start)
        return after[-1:] if after and (text[cut : cut + 1] == "," or ends) else []
    if all(names[i].kind in ("place", "country", "organisation", "unknown") for i in head) and text[cut : cut + 1] == ",":
        after = [i for i in usable if names[i].span.start >= cut and names[i].kind == "person"]
        if after:
            return after[-1:]
    last = names[head[-1]]
    if len(head) > 1 and last.kind in ("place", "country") and names[head[0]].kind not in ("place", "country"):
        between = [w for w in _WORDS.findall(text[names[head[-2]].span.end : last.phrase.start]) if w.isalpha()]
        if any(w.islower() and not words.is_role_word(w) and w not in words.nouns and w not in words.function for w in between):
            return [head[-2]]  # "Hamas delegation leaves Cairo, says …": the place is the object of a verb
    group = [head[-1]]
    for i in reversed(head[:-1]):
        between = text[names[i].span.end : names[group[0]].phrase.start].strip().lower()
        if between in ("and", "&", ",", ", and", "and the", ", and the"):  # "the UAE and the Kingdom of Saudi Arabia"
            group.insert(0, i)
        else:
            break
    return group


def _is_media(low: list[str]) -> bool:
    """ "Russian media", "local media", "the agency", "state newspapers": a media noun as the head of the source."""
    content = [w for w in low if w not in ("the", "a", "an")]
    return bool(content) and content[-1] in MEDIA_NOUNS and len(content) <= 4


def _after_noun(text: str, start: int) -> bool:
    """Whether a name at ``start`` follows a lower-case noun ("… delegation Jan Tesar"), not a determiner or a
    preposition ("a spokesman for the Unitary Platform": the name is the object)."""
    before = _WORDS.findall(text[max(0, start - 30) : start])
    return bool(before) and before[-1].islower() and before[-1] not in ("the", "a", "an", "of", "for", "to", "at", "with", "from", "by", "on", "in")


def _acts_as_outlet(text: str, quote: Quote, phrase, words: NameWords) -> bool:
    """A capitalised 'The X' with no person title that reports or is cited like a publication ("The Gaze reports");
    not a body named by its head noun ("This was reported by the Coordination Headquarters for …")."""
    if quote.cue is None or phrase.kind not in ("unknown", "organisation"):
        return False
    if any(w.lower() in words.organisations for w in phrase.words):
        return False
    cue = text[quote.cue.start : quote.cue.end].lower()
    if not cue.startswith(("report", "cit", "publish", "wrote", "writes")):
        return False
    before = text[max(0, phrase.phrase.start - 4) : phrase.phrase.start]
    return before.endswith(("The ", "the ")) and phrase.role is None


def _outlet_name(text: str, source: Span, phrase) -> str:
    """An outlet's name as the text gives it, with its leading "The" ("The Gaze")."""
    before = text[max(source.start, phrase.span.start - 4) : phrase.span.start]
    name = phrase.name
    return f"The {name}" if before in ("The ", "the ") and not name.startswith("The ") else name


def _strip_determiner(name: str) -> str:
    words = name.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in ("the", "a", "an") else name




def _past_other_cues(quote: Quote, cues: list[tuple[int, int]]) -> Span:
    """A quote's source read from after any other quote's cue inside it: in "Kyslytsya said Russia rejects …",
    the source of "rejects" is "Russia", not the reporter before "said" (a source never holds another cue)."""
    source = quote.source
    own = (quote.cue.start, quote.cue.end) if quote.cue is not None else None
    start = source.start
    k = bisect.bisect_left(cues, (source.start, source.start))
    while k < len(cues) and cues[k][0] < source.end:  # a source is a few words: few cues to look at
        if cues[k] != own and cues[k][1] <= source.end:
            start = max(start, cues[k][1])
        k += 1
    return source if start == source.start or start >= source.end else Span(start, source.end)
