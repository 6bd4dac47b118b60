"""The word lists the mentions stage reads: name words, given names, side words, role nouns, outlets.

Every list is a documented data file in ``analysis/data/`` (see its
README), read once and shared:

* ``names.tsv`` — honorifics (Mr., Mrs.), titles (President, Sen., aide),
  modifiers of a role (former, Retired, Foreign), organisation head nouns
  (Ministry, Committee), and function words that are never a name;
* ``given_names.tsv`` — given names and their usual gender;
* ``sides.tsv`` — words and names that point to a side, with what they name
  (a country, a capital standing for its state, an institution …);
* ``roles.tsv`` — common nouns that can be a source (officials, the minister);
* ``outlets.tsv`` — news outlets, and head words that make a name an outlet;
* ``role_synonyms.tsv`` — role phrases and the role nouns they also hold ("prime minister" → premier).

>>> words = load_name_words()
>>> words.honorifics["mrs"], "president" in words.titles, "ministry" in words.organisations
('f', True, True)
>>> words.sides["kremlin"], words.given["heorhii"]
(('Russia', 'institution'), 'm')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..data import read_table

NAMES_FILE = "names.tsv"  # shipped in analysis/data/
GIVEN_NAMES_FILE = "given_names.tsv"
SIDES_FILE = "sides.tsv"
ROLES_FILE = "roles.tsv"
OUTLETS_FILE = "outlets.tsv"
ROLE_SYNONYMS_FILE = "role_synonyms.tsv"
FACILITATORS_FILE = "facilitators.tsv"

_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet names (lower-case, no leading "the"), head words that make a name an outlet when it ends in
    them, lead words that do when it starts with them ("Daily Trust", "CNN Türk"), and names that are outlets
    only in capitals ("ANI", "MAP": "Ani" is a given name)."""

    names: frozenset[str]
    heads: frozenset[str]
    leads: frozenset[str] = frozenset()
    cased: frozenset[str] = frozenset()

    def is_outlet(self, name: str) -> bool:
        """Whether a name reads as a news outlet.

        >>> load_outlets().is_outlet("The New York Times"), load_outlets().is_outlet("Ukrainian Pravda")
        (True, True)
        >>> load_outlets().is_outlet("Daily Trust"), load_outlets().is_outlet("ANI"), load_outlets().is_outlet("Ani")
        (True, True, False)
        >>> load_outlets().is_outlet("Rustem Umerov"), load_outlets().is_outlet("MSNBC host Chris Matthews")
        (False, False)
        """
        return _is_outlet(self, name)


@lru_cache(maxsize=1 << 16)
def _is_outlet(outlets: Outlets, name: str) -> bool:
    as_written = " ".join(_NAME_WORD.findall(name.replace("’", "'")))
    if as_written.removeprefix("The ").removeprefix("the ") in outlets.cased:
        return True
    low = as_written.lower().removeprefix("the ")
    if low in outlets.names:
        return True
    words = low.split()
    if len(words) == 2 and (words[0] in outlets.leads or words[0] in outlets.names):
        return True  # "Daily Trust", "CNN Türk", "BBC Persian" (but "MSNBC host Chris Matthews" is a person)
    return bool(words) and (words[-1] in outlets.heads or " ".join(words[-2:]) in outlets.heads)


@cache
def load_role_synonyms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(role phrase, the role nouns it also holds) from ``data/role_synonyms.tsv``.

    >>> dict(load_role_synonyms())["prime minister"]
    ('premier',)
    """
    return tuple((" ".join(phrase.lower().split()), tuple(nouns.lower().split())) for phrase, nouns in read_table(ROLE_SYNONYMS_FILE, ("phrase", "nouns")))


@cache
def load_facilitators() -> frozenset[str]:
    """The sides that facilitate talks rather than take part (``data/facilitators.tsv``).

    >>> "United Nations" in load_facilitators(), "Russia" in load_facilitators()
    (True, False)
    """
    return frozenset(side for (side,) in read_table(FACILITATORS_FILE, ("side",)))


@cache
def load_outlets() -> Outlets:
    """The shipped outlet list (``data/outlets.tsv``)."""
    names, heads, leads, cased = set(), set(), set(), set()
    for name, kind in read_table(OUTLETS_FILE, ("name", "kind")):
        if kind == "head":
            heads.add(name.lstrip("*").lower())
        elif kind == "lead":
            leads.add(name.rstrip("*").lower())
        elif name != name.lower():
            cased.add(name)
        else:
            names.add(name)
    return Outlets(frozenset(names), frozenset(heads), frozenset(leads), frozenset(cased))


@dataclass(frozen=True)
class NameWords:
    """Everything the mentions stage knows about words around names (all keys lower case)."""

    honorifics: Mapping[str, str]  # Mr., Mrs. … → gender ("" when it says none)
    titles: frozenset[str]  # President, Sen., spokesperson, aide …
    modifiers: frozenset[str]  # former, retired, rival, foreign …
    organisations: frozenset[str]  # Ministry, Committee … (head nouns of organisation names)
    function: frozenset[str]  # never a name (However, His, Both …)
    things: frozenset[str]  # Convention, Formula, Sea … (head nouns of names that are no person's)
    given: Mapping[str, str | None]  # given name → gender (None: either)
    sides: Mapping[str, tuple[str, str]]  # word or phrase → (side, kind)
    nouns: Mapping[str, str]  # common source nouns, singular and plural → role, group, body or document
    outlets: Outlets

    role_words: frozenset[str] = field(init=False)  # titles, modifiers and role nouns together
    outlet_words: frozenset[str] = field(init=False)  # every word an outlet's name can end in

    def __post_init__(self) -> None:
        roles = self.titles | self.modifiers | {w for w, kind in self.nouns.items() if kind == "role"}
        object.__setattr__(self, "role_words", frozenset(roles))
        outlet = {w for name in self.outlets.names | self.outlets.heads | {c.lower() for c in self.outlets.cased} for w in name.split()}
        object.__setattr__(self, "outlet_words", frozenset(outlet))

    def is_role_word(self, low: str) -> bool:
        """A title, a modifier of one, or a role noun: a word that belongs to a role before a name."""
        return low in self.role_words


@cache
def load_name_words() -> NameWords:
    """The shipped name words, read once."""
    kinds: dict[str, set[str]] = {}
    honorifics: dict[str, str] = {}
    for word, kind, gender in read_table(NAMES_FILE, ("word", "kind", "gender"), optional=1):
        kinds.setdefault(kind, set()).add(word.lower())
        if kind == "honorific":
            honorifics[word.lower()] = gender
    return NameWords(
        honorifics=honorifics,
        titles=frozenset(kinds.get("title", ())),
        modifiers=frozenset(kinds.get("modifier", ())),
        organisations=frozenset(kinds.get("organisation", ())),
        function=frozenset(kinds.get("function", ())),
        things=frozenset(kinds.get("thing", ())),
        given={name.lower(): (gender if gender in ("m", "f") else None) for name, gender in read_table(GIVEN_NAMES_FILE, ("name", "gender"))},
        sides=load_sides(),
        nouns=load_speaker_nouns(),
        outlets=load_outlets(),
    )


@cache
def load_sides() -> dict[str, tuple[str, str]]:
    """The shipped side words (``data/sides.tsv``): lower-case word or phrase → (side, what it names).

    >>> load_sides()["kyiv"], load_sides()["ukrainian"]
    (('Ukraine', 'place'), ('Ukraine', 'adjective'))
    """
    return {
        word.lower(): (side, kind or "adjective")
        for word, side, kind in read_table(SIDES_FILE, ("word", "side", "kind"), optional=1)
    }


@cache
def load_speaker_nouns() -> dict[str, str]:
    """Common nouns that can be a source ("officials", "the poll"), singular and plural, → kind.

    >>> nouns = load_speaker_nouns()
    >>> nouns["spokesperson"], nouns["officials"], nouns["polls"]
    ('role', 'role', 'document')
    """
    out: dict[str, str] = {}
    for word, kind in read_table(ROLES_FILE, ("word", "kind")):
        word = word.lower()
        out.setdefault(word, kind)
        out.setdefault(plural(word), kind)
        if word.endswith("man"):
            out.setdefault(word[:-3] + "men", kind)
    return out


def plural(word: str) -> str:
    """The regular English plural of a noun.

    >>> plural("party"), plural("delegation"), plural("boss")
    ('parties', 'delegations', 'bosses')
    """
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")
