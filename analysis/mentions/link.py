"""Linking: which mentions are the same entity — a list of small sieves, surest first.

Names are linked when the article is read (:func:`link_names`):

1. ``exact`` — the same name ("Rustem Umerov" … "Rustem Umerov");
2. ``fuller form`` / ``shorter form`` — a name whose words the other holds in order, surname
   equal ("Loretta Lynch" … "Loretta E. Lynch");
3. ``surname`` — one word that is the last word of a person's full name
   anywhere in the article: the latest one given before it, else the first
   one after it (a headline or lead that uses the surname first); never a
   person of the other gender or with other titles; failing that, a given
   name that begins exactly one full name ("Mr Ann" … "Ann Bell");

and a body's acronym is the body: the initials of its name ("SAF" for the
Sudanese Armed Forces) or the acronym it declares in parentheses, whatever
its letters ("Türkiye's National Intelligence Organisation (MIT)").

Descriptions are linked when a quote's source needs them, in text order,
by the functions the attribution stage calls: :func:`role_antecedent`
("the minister", "Russia's chief negotiator" → the person with that role),
:func:`group_members` ("both sides", "the two delegations" → the parties)
and :func:`pronoun_antecedent` ("he", "they" → the most salient compatible
mention before it). A later, less sure sieve never undoes an earlier link;
every link says which sieve made it.

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> from analysis.mentions.names import find_names
>>> text = "Umerov arrived. Defense Minister Rustem Umerov met Jane Roe. Later Roe and Umerov spoke."
>>> names = find_names(tokenize(Article(text)))
>>> entities, links = link_names(names)
>>> [(names[i].name, entities[e].name, how) for i, (e, how) in enumerate(links)]
[('Umerov', 'Rustem Umerov', 'surname of Rustem Umerov'), ('Rustem Umerov', 'Rustem Umerov', 'full name'), ('Jane Roe', 'Jane Roe', 'full name'), ('Roe', 'Jane Roe', 'surname of Jane Roe'), ('Umerov', 'Rustem Umerov', 'surname of Rustem Umerov')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import NameWords, load_name_words, load_role_synonyms
from .names import NamePhrase

ENTITY_KINDS = ("person", "organisation", "country", "group", "unknown")  # also "outlet" and "adjective", never speakers
# Role nouns that name the same job ("Russia's chief negotiator" is the head of its delegation).
ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "advisor": "adviser", "chairman": "chair",
    "chairwoman": "chair", "chairperson": "chair", "negotiator": "delegation", "head": "head",
    "leader": "leader", "envoy": "envoy", "representative": "representative", "congressman": "representative",
    "congresswoman": "representative", "lawmaker": "lawmaker", "senator": "senator", "sen": "senator",
    "gov": "governor", "gen": "general", "rep": "representative",
}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
GROUP_PRONOUNS = {"they", "them", "their", "themselves", "we", "us", "our"}
THING_PRONOUNS = {"it", "its", "itself"}
# A description's head noun stands before these ("the head of the delegation", "a statement from his ministry").
HEAD_ENDS = frozenset({"of", "from", "for", "at", "with", "by", "to", "in", "on", "who", "which", "that"})


@dataclass
class Entity:
    """An entity while an article is read: its fullest name, kind, roles, gender and mentions."""

    name: str
    kind: str
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)  # indices of its name phrases
    aliases: list[str] = field(default_factory=list)  # other forms of the name in the article
    named: bool = True  # False for an entity known only by a description ("the minister")
    members: tuple[int, ...] = ()  # for a group noun ("both sides"): the entities it stands for

    def add_role(self, role: str | None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)

    def add_name(self, name: str) -> None:
        """Keep the fullest form as the name, the others as aliases."""
        if name == self.name or name in self.aliases:
            return
        if _fuller(name, self.name):
            self.aliases.append(self.name)
            self.name = name
        else:
            self.aliases.append(name)

    def role_nouns(self) -> set[str]:
        """The head nouns of its roles, with synonyms ("spokeswoman" → "spokesperson")."""
        nouns = set()
        for role in self.roles:
            words = [w.removesuffix("'s") for w in role.lower().replace("’", "'").replace(".", " ").split()]
            nouns.update(ROLE_SYNONYMS.get(word, word) for word in words)
            nouns.update(_phrase_synonyms(" ".join(words)))
        return nouns


@lru_cache(maxsize=1 << 12)
def _phrase_synonyms(role: str) -> tuple[str, ...]:
    """The role nouns a role's phrases also hold (``data/role_synonyms.tsv``): "prime minister" → premier."""
    padded = f" {role} "
    return tuple(n for phrase, nouns in load_role_synonyms() if f" {phrase} " in padded for n in nouns)


def _fuller(a: str, b: str) -> bool:
    """Whether name ``a`` is a fuller form than ``b``: more words, then longer — but a name that starts
    with an epithet ("Crooked Hillary Clinton") is never fuller than the one without it."""
    if len(a.split()) > len(b.split()) and a.endswith(" " + b) and _epithet(a.split()[0]):
        return False
    return (len(a.split()), len(a)) > (len(b.split()), len(b))


def _epithet(word: str) -> bool:
    """A capitalised word before a name that is no given name or initial ("Crooked", "Lyin'")."""
    words = load_name_words()
    low = word.lower().rstrip(".")
    return low not in words.given and len(low) > 1 and (low in words.modifiers or low in words.sides or low.endswith(("ed", "in'", "y")))


def _compatible_full(short: list[str], long: list[str]) -> bool:
    """Whether the words of ``short`` appear in ``long`` in order, with the same last word (initials match names)."""
    if not short or not long or short[-1].lower() != long[-1].lower():
        return False
    k = 0
    for word in long:
        if k < len(short) and (word.lower() == short[k].lower() or _initial_of(short[k], word) or _initial_of(word, short[k])):
            k += 1
    return k == len(short)


def _initial_of(initial: str, word: str) -> bool:
    """ "E." is an initial of "Elizabeth"."""
    letter = initial.rstrip(".")
    return len(letter) == 1 and word[:1].upper() == letter.upper() and len(word.rstrip(".")) > 1


def link_names(
    names: Sequence[NamePhrase],
    *,
    words: NameWords | None = None,
    lower: Container[str] = frozenset(),
    described: Sequence[bool] = (),
    text: str = "",
) -> tuple[list[Entity], list[tuple[int | None, str]]]:
    """Entities of the name phrases and, per phrase, (entity index or None, the sieve that linked it).

    ``lower`` holds the words the article writes in lower case and ``described``
    says, per phrase, whether the article gives it a role ("Redwan Hussien,
    national security adviser"): a first word no given-name list knows stands
    for a full name only when that name is described as a person's and is made
    of no lower-case words ("Trump Train" is not).
    Outlets and places get no entity (None, "outlet" / "place"). Every
    look-up goes through a table keyed by name or last word, so the cost
    follows the number of names, not its square.
    """
    words = words or load_name_words()
    entities: list[Entity] = []
    links: list[tuple[int | None, str]] = [(None, "")] * len(names)
    by_name: dict[str, int] = {}
    by_last: dict[str, list[int]] = {}  # last word of a person's full name (or alias) → entities
    by_first: dict[str, list[int]] = {}  # first word of a person's full name → entities
    by_initials: dict[str, int] = {}  # initials of a body's name → entity ("SAF")
    by_head: dict[str, list[int]] = {}  # head noun of a body's name → entities ("headquarters")
    declared: dict[str, int] = {}  # acronym a body's name declares in parentheses → the body ("(MIT)")
    sided = _sided_bodies(names, words)  # "defense ministry" → "Russian Defense Ministry", when the article has one such
    outlets = {p.name.lower() for p in names if p.kind == "outlet"}  # a name that is an outlet once is one throughout
    # sieves 1 and 2: full names (two words or more), in text order
    for i, phrase in enumerate(names):
        if phrase.name.lower() in outlets:
            links[i] = (None, "outlet")
            continue
        if phrase.kind in ("outlet", "place"):
            links[i] = (None, phrase.kind)
            continue
        if len(phrase.words) < 2 and phrase.kind in ("person", "unknown"):
            continue
        key = phrase.name.lower()
        if key in sided and sided[key].lower() in by_name:  # "Defense Ministry" after "the Russian Defense Ministry"
            by_name[key] = found = by_name[sided[key].lower()]
            links[i] = (found, f"shorter form of {entities[found].name}")
            entities[found].add_name(phrase.name)
        elif key in by_name:
            links[i] = (by_name[key], "full name")
        elif phrase.kind == "person" and (found := _fuller_match(entities, by_last, phrase)) is not None:
            by_name[key] = found
            other = entities[found].name
            links[i] = (found, f"fuller form of {other}" if _fuller(phrase.name, other) else f"shorter form of {other}")
            entities[found].add_name(phrase.name)
        elif (found := _acronym_of(phrase, entities, by_initials)) is not None:
            by_name[key] = found
            links[i] = (found, f"acronym of {entities[found].name}")
            entities[found].add_name(phrase.name)
        elif (found := _head_of(phrase, by_head, words)) is not None:
            links[i] = (found, f"head noun of {entities[found].name}")
        else:
            by_name[key] = len(entities)
            entities.append(Entity(sided.get(key, phrase.name), phrase.kind))  # a headline's "Defense Ministry": its full name
            if key in sided:
                by_name[sided[key].lower()] = len(entities) - 1
                entities[-1].add_name(phrase.name)
            links[i] = (len(entities) - 1, "full name")
            if phrase.kind in ("organisation", "unknown") and len(phrase.words) > 1:
                by_initials.setdefault(initials(phrase.name), len(entities) - 1)
                if (acronym := _declared_acronym(text, phrase)) is not None:
                    by_initials.setdefault(acronym, len(entities) - 1)
                    declared.setdefault(acronym, len(entities) - 1)
                by_head.setdefault(_head_noun(phrase.words), []).append(len(entities) - 1)
            if phrase.kind == "person":
                by_last.setdefault(phrase.words[-1].lower(), []).append(len(entities) - 1)
                by_first.setdefault(phrase.words[0].lower(), []).append(len(entities) - 1)
    # sieve 3: one-word names, in text order, knowing where each person was named in full
    named_at: dict[int, list[int]] = {}
    for i, (e, _) in enumerate(links):
        if e is not None:
            named_at.setdefault(e, []).append(i)
    last_seen: dict[int, int] = {}
    for i, phrase in enumerate(names):
        e = links[i][0]
        if links[i][1]:
            if e is not None:
                last_seen[e] = i
            continue
        key = phrase.name.lower()
        fitting = [e for e in by_last.get(key, ()) if _may_be(phrase, entities[e], [names[k] for k in named_at.get(e, ())], words)]
        found = _surname_match(fitting, named_at, last_seen, i)
        if found is None and not fitting:  # "Mr Ann", "…, says Ann", "Redwan said": a given name alone
            firsts = by_first.get(key, ())
            found = _given_name_match(
                phrase, firsts, entities, {e: [names[k] for k in named_at.get(e, ())] for e in firsts}, words, lower,
                {e for e in firsts if any(names[k].role or k < len(described) and described[k] for k in named_at.get(e, ()))},
            )
        if found is not None:
            how = "surname" if entities[found].name.split()[-1].lower() == key else "given name"
            links[i] = (found, f"{how} of {entities[found].name}")
            entities[found].add_name(phrase.name)
            if how == "given name" and key not in words.given:
                continue  # a short name no list knows ("Freddy") does not make its family's surname its own
        elif key in by_name:
            links[i] = (by_name[key], "full name")
        else:
            by_name[key] = len(entities)
            entities.append(Entity(phrase.name, phrase.kind))
            links[i] = (len(entities) - 1, "full name")
        last_seen[links[i][0]] = i
    roled = {e for i, (e, _) in enumerate(links) if e is not None and (names[i].role or i < len(described) and described[i])}
    merged = _declared_merges(entities, declared, by_name) | _leading_merges(entities, roled, lower)
    if merged:
        entities, links = _merge(entities, links, merged)
    for i, (e, _) in enumerate(links):
        if e is not None:
            _absorb(entities[e], names[i], i, words)
    return entities, links


def _declared_merges(entities: list[Entity], declared: Mapping[str, int], by_name: Mapping[str, int]) -> dict[int, tuple[int, str]]:
    """An acronym used before the body that declares it (a headline's "…, MIT says" before "Türkiye's National
    Intelligence Organisation (MIT)") is that body: entity → (the body, how)."""
    merged = {}
    for acronym, body in declared.items():
        other = by_name.get(acronym.lower())
        if other is not None and other != body and entities[other].name == acronym and entities[other].kind in ("organisation", "unknown"):
            merged[other] = (body, f"acronym of {entities[body].name}")
    return merged


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _leading_merges(entities: list[Entity], roled: set[int], lower: Container[str] = frozenset()) -> dict[int, tuple[int, str]]:
    """A person's name of two words or more that begins exactly one person's name of one word more is that person, before or
    after it (Somali, Arabic and Ethiopian usage shortens "Hassan Sheikh Mohamud" to "Hassan Sheikh"): entity →
    (the fuller one, how). The longer name must be given a role somewhere (``roled``), as a person is introduced:
    a title-case headline's "Marco Rubio Responds" is no fuller name of Marco Rubio, nor is a name whose added
    words the article writes in lower case (``lower``: "responds")."""
    people = [(e, entity.name.split()) for e, entity in enumerate(entities) if entity.kind == "person" and entity.named]
    longer = [(e, words) for e, words in people if len(words) >= 3 and e in roled]
    merged: dict[int, tuple[int, str]] = {}
    if not longer:
        return merged
    for e, words in people:
        if len(words) < 2:
            continue
        fuller = [
            f for f, other in longer
            if f != e and len(other) == len(words) + 1 and other[: len(words)] == words and other[-1].lower().rstrip(".") not in NAME_SUFFIXES
            and not any(w.lower() in lower for w in other[len(words):])
        ]  # "Donald Trump" is not "Donald Trump Jr.", nor "Paul Ryan" a headline's "Paul Ryan Joins Growing List"
        if len(fuller) == 1:
            merged[e] = (fuller[0], f"leading words of {entities[fuller[0]].name}")
    return merged


def _merge(entities: list[Entity], links, merged: Mapping[int, tuple[int, str]]):
    """The entities with ``merged`` ones folded into their targets: their mentions relinked (saying how), their names
    kept as aliases, the entity list renumbered."""
    def target(e: int) -> int:  # "Hassan Sheikh" → "Hassan Sheikh Mohamud" → a fuller name still: the last one
        while e in merged:
            e = merged[e][0]
        return e

    for other in merged:
        entities[target(other)].add_name(entities[other].name)
    kept = [k for k in range(len(entities)) if k not in merged]
    new = {old: n for n, old in enumerate(kept)}
    links = [
        (None, how) if e is None else (new[target(e)], merged[e][1]) if e in merged else (new[e], how)
        for e, how in links
    ]
    return [entities[k] for k in kept], links


_INITIAL_SKIP = frozenset({"of", "the", "for", "and", "de", "du", "des", "la", "el", "al", "&"})


def initials(name: str) -> str:
    """The initials of a body's name, small words skipped ("Sudanese Armed Forces" → "SAF").

    >>> initials("Rapid Support Forces"), initials("International Committee of the Red Cross")
    ('RSF', 'ICRC')
    """
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _INITIAL_SKIP and w[:1].isalpha()).upper()


def _head_noun(name_words: Sequence[str]) -> str:
    """The head noun of a body's name: the word before its first "of"/"for", else its last word
    ("Coordination Headquarters for the Treatment of …" → headquarters, "Senate Foreign Relations Committee" →
    committee)."""
    low = [w.lower() for w in name_words]
    cut = next((k for k, w in enumerate(low) if k and w in ("of", "for")), len(low))
    return low[cut - 1]


def _head_of(phrase: NamePhrase, by_head: dict[str, list[int]], words: NameWords) -> int | None:
    """Sieve 2c: a body named by its head noun alone ("The Headquarters added", "the Authority approved") is the
    one body named before with that head ("the Coordination Headquarters for the Treatment of Prisoners of
    War"); two such leave it apart."""
    if len(phrase.words) != 1 or phrase.kind != "organisation":
        return None
    word = phrase.words[0].lower()
    found = by_head.get(word, ())
    return found[0] if word in words.organisations and len(found) == 1 else None


def _sided_bodies(names: Sequence[NamePhrase], words: NameWords) -> dict[str, str]:
    """A body's name without its side word → the one full name the article gives it ("Defense Ministry" →
    "Russian Defense Ministry"); none when two sides have one ("Russian" and "Ukrainian Foreign Ministry")."""
    found: dict[str, set[str]] = {}
    for phrase in names:
        if phrase.kind == "organisation" and len(phrase.words) > 2 and phrase.words[0].lower() in words.sides:
            found.setdefault(" ".join(phrase.words[1:]).lower(), set()).add(phrase.name)
    return {core: next(iter(full)) for core, full in found.items() if len(full) == 1}


_DECLARED = re.compile(r"\s*\(\s*([A-Z][A-Z0-9&-]{1,7})\s*\)")


def _declared_acronym(text: str, phrase: NamePhrase) -> str | None:
    """The acronym a body's name declares in parentheses right after it, whatever its initials: "Türkiye's
    National Intelligence Organisation (MIT)", "the Security Service of Ukraine (SBU)" (an acronym of the
    name in its own language)."""
    if not text:
        return None
    m = _DECLARED.match(text, phrase.span.end)
    return m.group(1) if m else None


def _acronym_of(phrase: NamePhrase, entities: list[Entity], by_initials: dict[str, int]) -> int | None:
    """Sieve 2b: an acronym ("SAF", "ICRC") is the body named before whose initials it spells
    ("the Sudanese Armed Forces (SAF)", "the International Committee of the Red Cross"), not a new speaker."""
    if len(phrase.words) != 1 or not phrase.name.isupper() or len(phrase.name) < 2:
        return None
    return by_initials.get(phrase.name.replace(".", ""))


def _given_name_match(
    phrase: NamePhrase, candidates: Sequence[int], entities: list[Entity], phrases: Mapping[int, list[NamePhrase]], words: NameWords, lower, people
) -> int | None:
    """The one person whose full name begins with this one-word name, whether or not the given-name list knows it
    (Ethiopian, Chinese, Korean and many Arabic usages shorten a name to its first word: "Redwan Hussien" → "Redwan",
    "Xi Jinping" → "Xi"). Two people it could begin leave it unlinked; a word the lists do not know as a given name
    must look like one: its full name given a role in the article, not after "in"/"on" or possessive, not a side
    word, not written in lower case, and the rest of the full name neither ("Trump Train", "Judicial Watch", a
    dateline in capitals are no person's names)."""
    firsts = [e for e in candidates if _may_be(phrase, entities[e], phrases[e], words)]
    if len(firsts) != 1:
        return None
    key = phrase.name.lower()
    if key in words.given:
        return firsts[0]
    full = entities[firsts[0]].name
    if firsts[0] not in people or phrase.locative or phrase.possessive or key in words.sides or key in lower or full.isupper():
        return None
    if any(w.lower() in lower or w.lower() in words.nouns for w in full.split()[1:]):
        return None
    return firsts[0]


def _fuller_match(entities: list[Entity], by_last: dict[str, list[int]], phrase: NamePhrase) -> int | None:
    """A person already seen whose name is a fuller or shorter form of this one ("Loretta Lynch" / "Loretta E. Lynch")."""
    mine = phrase.words
    for e in by_last.get(mine[-1].lower(), ()):
        theirs = entities[e].name.split()
        if _compatible_full(mine, theirs) or _compatible_full(theirs, mine):
            return e
    return None


def _may_be(phrase: NamePhrase, entity: Entity, phrases: list[NamePhrase], words: NameWords) -> bool:
    """Whether a surname mention can be this person: no gender against it ("Mr. Obama" is not Michelle Obama),
    and no title the person's full-name mentions contradict ("President Obama" is not "first lady Michelle Obama")."""
    given = words.given.get(entity.name.split()[0].lower())
    gender = phrase.gender or None
    if gender and given and gender != given:
        return False
    titles = _titles(phrase.role, words)
    if titles and given and not (titles & {t for p in phrases for t in _titles(p.role, words)}):
        known = [p for p in phrases if p.role]
        return not known  # the full name came with other titles: another person
    return True


def _titles(role: str | None, words: NameWords) -> set[str]:
    return {w.lower().rstrip(".") for w in (role or "").split() if w.lower().rstrip(".") in words.titles}


def _surname_match(candidates: Sequence[int], named_at: dict[int, list[int]], last_seen: dict[int, int], i: int) -> int | None:
    """The person whose full name ends in this one-word name: the latest mentioned before it, else the first named after."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    before = [(last_seen[e], e) for e in candidates if e in last_seen]
    if before:
        return max(before)[1]
    after = [(named_at[e][0], e) for e in candidates if e in named_at]
    return min(after)[1] if after else candidates[0]


def _absorb(entity: Entity, phrase: NamePhrase, index: int, words: NameWords) -> None:
    """Add a phrase's facts to its entity: the mention, its role, a gender its honorific gives, a surer kind."""
    entity.mentions.append(index)
    entity.add_role(phrase.role)
    if phrase.gender and entity.gender is None:
        entity.gender = phrase.gender
    if entity.kind == "unknown" and phrase.kind in ENTITY_KINDS and phrase.kind != "unknown":
        entity.kind = phrase.kind
    if entity.kind in ("person", "unknown") and entity.gender is None:
        first = entity.name.split()[0].lower() if len(entity.name.split()) > 1 else None
        if first in words.given:
            entity.gender = words.given[first]


# ---------------------------------------------------------------------------
# Descriptions: role nouns, group nouns and pronouns, linked when a quote's source needs them


@dataclass(frozen=True, slots=True)
class Candidate:
    """A mention a description or pronoun may refer back to."""

    entities: tuple[int, ...]  # one entity, or several for a joint mention ("Umerov and Medinsky")
    start: int  # offset of the mention
    sentence: int
    speaker: bool = False  # the source of a quote
    subject: bool = False  # the first mention of its sentence outside quotation marks


PRONOUN_WINDOW = 3  # sentences with a mention that a pronoun looks back over (its own included)


def pronoun_antecedent(
    pronoun: str, offset: int, sentence: int, candidates: Sequence[Candidate], entities: Sequence[Entity]
) -> tuple[int, ...] | None:
    """The most salient compatible mention before a pronoun, in its sentence or the ones before it.

    The sentences that hold a mention are searched from the pronoun's own
    backwards, three at most (a quotation's own sentences hold none); within one, the
    source of a quote comes first, then the sentence's subject, then the
    other mentions, latest first. "he"/"she" need a person of that gender (or
    of no known gender), "they" a group, an organisation, a country or a
    joint mention, "it" an organisation or country.

    >>> people = [Entity("Rustem Umerov", "person"), Entity("Russia", "country"), Entity("Jane Roe", "person", gender="f")]
    >>> seen = [Candidate((0,), 0, 0, speaker=True), Candidate((1,), 30, 1, subject=True), Candidate((2,), 40, 1)]
    >>> pronoun_antecedent("he", 60, 1, seen, people), pronoun_antecedent("she", 60, 1, seen, people)
    ((0,), (2,))
    >>> pronoun_antecedent("it", 60, 1, seen, people), pronoun_antecedent("they", 10, 0, seen, people)
    ((1,), None)
    """
    return salient_antecedent(offset, sentence, candidates, lambda c: _fits(pronoun, c, entities))


def salient_antecedent(offset: int, sentence: int, candidates: Sequence[Candidate], fits) -> tuple[int, ...] | None:
    """The most salient mention before ``offset`` that ``fits``: by sentence, latest first (PRONOUN_WINDOW of them),
    and within one the source of a quote, then the subject, then the other mentions, latest first."""
    for here in _recent_sentences(candidates, offset, sentence):
        ordered = [c for c in reversed(here) if c.speaker] + [c for c in here if c.subject and not c.speaker]
        ordered += [c for c in reversed(here) if not c.speaker and not c.subject]
        for c in ordered:
            if fits(c):
                return c.entities
    return None


def _recent_sentences(candidates: Sequence[Candidate], offset: int, sentence: int) -> list[list[Candidate]]:
    """The candidates before ``offset`` grouped by sentence, latest first, at most PRONOUN_WINDOW sentences.

    ``candidates`` are sorted by offset; only the ones just before ``offset`` are read.
    """
    k = bisect.bisect_left(candidates, offset, key=lambda c: c.start)
    groups: list[list[Candidate]] = []
    while k > 0:
        k -= 1
        c = candidates[k]
        if c.sentence > sentence:
            continue
        if not groups or groups[-1][0].sentence != c.sentence:
            if len(groups) == PRONOUN_WINDOW:
                break
            groups.append([])
        groups[-1].append(c)
    return [group[::-1] for group in groups]


def _fits(pronoun: str, candidate: Candidate, entities: Sequence[Entity]) -> bool:
    """Whether a pronoun can refer to a candidate mention (number, gender, person or not)."""
    members = [entities[e] for e in candidate.entities]
    if pronoun in PERSON_PRONOUNS:
        gender = PERSON_PRONOUNS[pronoun]
        if len(members) != 1 or members[0].gender not in (None, gender) or members[0].members:
            return False
        # a bare capitalised word ("on Midway") is a person only once it speaks or has a gender
        return members[0].kind == "person" or members[0].kind == "unknown" and (candidate.speaker or members[0].gender is not None)
    if pronoun in GROUP_PRONOUNS:
        return len(members) > 1 or members[0].kind in ("group", "organisation", "country") or bool(members[0].members)
    if pronoun in THING_PRONOUNS:
        return len(members) == 1 and members[0].kind in ("organisation", "country")
    return False


def description_head(description: str, words: NameWords | None = None) -> tuple[str | None, list[str], bool]:
    """(head role noun, the description's other words, plural?) of "the head of the Russian delegation", "Russia's chief negotiator".

    >>> description_head("the head of the Russian delegation")
    ('head', ['russian', 'delegation'], False)
    >>> description_head("both delegations")
    ('delegation', ['both'], True)
    """
    words = words or load_name_words()
    tokens = [w.strip(",.;:").lower().replace("’", "'") for w in description.split()]
    tokens = [w for w in tokens if w and w not in ("the", "a", "an", "this", "that")]
    for k in range(len(tokens) - 2):
        if tokens[k : k + 3] == ["head", "of", "state"]:  # one role noun: a president's or a monarch's (role_synonyms.tsv)
            return "head-of-state", tokens[:k] + tokens[k + 3 :], False
    cut = next((k for k, w in enumerate(tokens) if k and w in HEAD_ENDS), len(tokens))
    head_part, rest = tokens[:cut], tokens[cut + 1 :]
    for k in range(len(head_part) - 1, -1, -1):
        word = head_part[k].removesuffix("'s")
        singular = _singular(word)
        if words.nouns.get(word) in ("role", "group", "body", "document") or word in words.titles or singular in words.titles:
            others = head_part[:k] + head_part[k + 1 :] + rest
            return singular if singular in words.nouns or singular in words.titles else word, [w for w in others if w != "of" and w != "the"], singular != word
    return None, tokens, False


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def group_pronoun(word: str) -> bool:
    """Whether a word is a plural pronoun ("they", "we")."""
    return word.lower() in GROUP_PRONOUNS
