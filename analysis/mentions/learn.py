"""What an article teaches about sides, beyond the shipped side words.

* demonyms: a one-word name whose adjective the article also writes
  ("Kastria" … "the Kastrian delegation");
* possessive parties: a name in a possessive before a state's role
  ("Saravia's chief negotiator");
* non-state parties: an organisation whose head noun makes it a party
  (a front, movement, army, forces, union, alliance …) is its own side,
  under the acronym the article gives it in parentheses ("the Rapid
  Support Forces (RSF)" is the side "RSF"), else its full name; when the
  article names one such party, "rebel", "guerrilla", "insurgent" stand for it;
* "the bloc": the one bloc of states (EU, AU, ECOWAS …) the article names;
* the one government (army, union …) the article names: then "the
  government's negotiator" is on its side;
* political parties named before a lower-case "party" ("the opposition
  Vazrazhdane party"): each is a side, of the party kind;
* "the opposition X": X is a side, and "opposition" in a role stands for it;
* an acronym before a spokesperson's or a leader's title ("PASOK leader
  Nikos Androulakis", "TTP spokesman Mohammad Khurasani"): the body that
  person speaks for is a side of its own.

Each returns entries for the article's side table (lower-case word →
(side, kind)); the shipped side words are never overridden.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .lexicon import NameWords

DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese", "ish", "ic")
# Head nouns of organisations that take part in a conflict or a negotiation as a party of their own.
PARTY_HEADS = frozenset({
    "front", "movement", "army", "forces", "force", "union", "alliance", "coalition", "party", "militia", "militias",
    "brigade", "brigades", "congress", "council", "federation", "confederation", "resistance", "rebels", "group", "groups",
})  # fmt: skip
# Generic nouns that stand for the one such party an article names ("the government" of "the Oskan government").
GENERIC_PARTIES = frozenset({"government", "army", "military", "union", "junta", "authorities", "administration"})
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+")
_GENERIC = "|".join(sorted(GENERIC_PARTIES))
_GENERIC_BEFORE = re.compile(rf"\b([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)\s+({_GENERIC})\b")
_ANY_GENERIC = re.compile(rf"\b(?:{_GENERIC})\b")
_GENERIC_AFTER = re.compile(rf"\b({_GENERIC})\s+of\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&-]{1,9})\s*\)")


# Sides that are blocs of states: "the bloc" stands for the one of them an article names.
BLOCS = frozenset({"European Union", "African Union", "ECOWAS", "ASEAN", "NATO", "IGAD", "OSCE", "Arab League", "Gulf Cooperation Council", "CSTO", "SADC", "EAC", "Mercosur"})


def learn_bloc(entities, table: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """ "the bloc's special envoy": the bloc is the one bloc of states the article names.

    >>> from analysis.mentions.link import Entity
    >>> learn_bloc([Entity("EU", "organisation")], {"eu": ("European Union", "institution")})
    {'bloc': ('European Union', 'adjective')}
    """
    named = {table[e.name.lower()][0] for e in entities if e.name.lower() in table and table[e.name.lower()][0] in BLOCS}
    return {"bloc": (named.pop(), "adjective")} if len(named) == 1 else {}


def learn_sides(text: str, names, links, entities, words: NameWords) -> dict[str, tuple[str, str]]:
    """Every side entry the article teaches (see the module's docstring)."""
    learned = learn_demonyms(text, entities, words.sides)
    learned |= learn_bloc(entities, words.sides)
    learned |= learn_possessors(text, names, links, entities, words)
    learned |= learn_attributive(text, entities, words, {**words.sides, **learned})
    parties = learn_parties(text, names, links, entities, words)
    learned |= parties | learn_rebels(parties, words)
    learned |= learn_generic(text, entities, {**words.sides, **learned})
    learned |= learn_named_parties(text, words)
    learned |= learn_opposition(text, {**words.sides, **learned})
    learned |= learn_spoken_for(text, words, learned)
    return {k: v for k, v in learned.items() if k not in words.sides}


def learn_parties(text: str, names, links, entities, words: NameWords) -> dict[str, tuple[str, str]]:
    """An organisation that is a party of its own (by its head noun) is its own side; its acronym points to it.

    >>> from analysis.mentions.link import Entity
    >>> from analysis.mentions.lexicon import load_name_words
    >>> from analysis.mentions.names import NamePhrase
    >>> from analysis.records import Span
    >>> text = "The Eastern Freedom Front (EFF) signed."
    >>> phrase = NamePhrase(Span(4, 25), Span(4, 25), "Eastern Freedom Front", None, "organisation", 0)
    >>> learn_parties(text, [phrase], [(0, "full name")], [Entity("Eastern Freedom Front", "organisation")], load_name_words())
    {'eastern freedom front': ('EFF', 'institution'), 'eff': ('EFF', 'institution')}
    """
    learned: dict[str, tuple[str, str]] = {}
    for phrase, (e, _) in zip(names, links):
        if e is None or entities[e].kind != "organisation" or phrase.kind == "outlet":
            continue
        name = entities[e].name
        low = name.lower().removeprefix("the ")
        if low in words.sides or low.split()[-1] not in PARTY_HEADS or len(low.split()) < 2:
            continue
        if _state_owned(text, phrase.span.start, low, words):
            continue  # "Iran's Supreme National Security Council (SNSC)": a body of its state, not a party
        acronym = _ACRONYM_AFTER.match(text, phrase.span.end)
        if low in learned and not acronym:
            continue  # a later mention ("the SAF", linked to the full name) keeps what the first one taught
        side = acronym.group(1) if acronym else name  # a party the article abbreviates goes by its acronym ("ELN")
        if acronym and acronym.group(1).lower() in words.sides:
            side = words.sides[acronym.group(1).lower()][0]  # the side lexicon knows it ("TPLF" → Tigray)
        learned[low] = (side, "institution")
        if acronym:
            learned[acronym.group(1).lower()] = (side, "institution")
    return learned


_POSSESSIVE_BEFORE = re.compile(r"([\w.-]+)['’]s\s+$")
_OF_STATE = re.compile(r"\bof (?:the )?((?:[\w.-]+ )?[\w.-]+)$")  # the last one or two words after a final "of"


def _state_owned(text: str, start: int, low: str, words: NameWords) -> bool:
    """Whether the name ``low`` at ``start`` is a state's body by a possessive ("Iran's Supreme National Security
    Council", "Russia's Security Council"); an adjective says nothing ("the Sudanese Armed Forces" is a party)."""
    first = low.split()[0].replace("’", "'")
    m = _POSSESSIVE_BEFORE.search(text, max(0, start - 40), start)
    owners = [first.removesuffix("'s")] if first.endswith("'s") else []
    of_state = _OF_STATE.search(low)  # "the Ministry of Defense of the Russian Federation": a body of that state
    if of_state:
        owners += [of_state.group(1), of_state.group(1).split()[-1]]
    if m:
        owners.append(m.group(1).lower())
    return any(words.sides.get(w, ("", ""))[1] in ("country", "place") for w in owners)


# Words for a non-state armed party that stand for the one such party an article names ("the rebel delegation").
REBEL_WORDS = frozenset({"rebel", "rebels", "guerrilla", "guerrillas", "insurgent", "insurgents", "militant", "militants"})


# Head nouns that, alone, stand for the one armed party of that name ("the alliance"; "the army" may be a state's).
OWN_HEADS = frozenset({"front", "movement", "alliance", "militia", "brigade", "brigades", "resistance"})
# Head nouns of armed parties, the ones a rebel word can stand for (a union or a council is no rebel).
ARMED_HEADS = frozenset({"front", "movement", "army", "forces", "force", "alliance", "militia", "militias", "brigade", "brigades", "resistance", "rebels"})


def learn_rebels(parties: Mapping[str, tuple[str, str]], words: NameWords) -> dict[str, tuple[str, str]]:
    """ "the head of the rebel delegation": a rebel word stands for the one armed non-state party the article names.

    >>> learn_rebels({"eastern front": ("EF", "institution"), "ef": ("EF", "institution")}, None)["rebel"]
    ('EF', 'adjective')
    >>> learn_rebels({"eastern front": ("EF", "institution"), "western front": ("WF", "institution")}, None)
    {}
    >>> learn_rebels({"service employees international union": ("SEIU", "institution")}, None)
    {}
    >>> learn_rebels({"eastern alliance": ("Eastern Alliance", "institution")}, None)["alliance"]
    ('Eastern Alliance', 'adjective')
    """
    armed = {low for low in parties if low.split()[-1] in ARMED_HEADS}
    sides = {parties[low][0] for low in armed}
    if len(sides) != 1:
        return {}
    side = sides.pop()
    heads = {low.split()[-1] for low in armed} & OWN_HEADS  # "the alliance's political council"
    return {word: (side, "adjective") for word in REBEL_WORDS | heads}


def learn_generic(text: str, entities, table: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """ "the government" in a role stands for the one government the article names by its side.

    A government (army, junta, administration …) is named by a side word
    before it ("the Oskan government", "Sudan's army") or after "of" ("the
    government of Oska"); when every such naming in the article points to one
    side, the bare noun does too.

    >>> learn_generic("Talks with the Oskan government resumed.", [], {"oskan": ("Oska", "adjective")})
    {'government': ('Oska', 'adjective')}
    >>> learn_generic("The Oskan government and the Velan government met.", [], {"oskan": ("Oska", "adjective"), "velan": ("Vela", "adjective")})
    {}
    >>> learn_generic("The Oskan Front government met.", [], {"oskan": ("Oska", "adjective"), "front": ("Front", "institution")})
    {}
    """
    if not _ANY_GENERIC.search(text):  # most articles write none: one quick scan instead of two long ones
        return {}
    found: dict[str, set[str]] = {}
    for m in _GENERIC_BEFORE.finditer(text):
        named = m.group(1).lower().removesuffix("'s").removesuffix("’s")
        whole = table.get(named) or table.get(named.removeprefix("the "))
        # each word's side when the words are no one phrase: "the Afghan Taliban government" names two
        # sides, so it says nothing sure of what "the government" alone is
        sides = {whole[0]} if whole is not None else {table[w][0] for w in named.split() if w in table}
        if sides:
            found.setdefault(m.group(2).lower(), set()).update(sides)
    for m in _GENERIC_AFTER.finditer(text):
        side = table.get(m.group(2).lower())
        if side is not None:
            found.setdefault(m.group(1).lower(), set()).add(side[0])
    return {noun: (sides.pop(), "adjective") for noun, sides in found.items() if len(sides) == 1}


# "the opposition Vazrazhdane party", "the ruling Georgian Dream party": a capitalised name before a lower-case
# "party" (one to three words, after a determiner or a party's descriptor).
_NAMED_PARTY = re.compile(r"\b(?:the|a|an|opposition|ruling|nationalist|governing|far-right|far-left|centrist|pro-\w+)\s+((?:[A-Z][\w'’-]+\s+){1,3})party\b")


def learn_named_parties(text: str, words: NameWords) -> dict[str, tuple[str, str]]:
    """A political party named before a lower-case "party" is a side of its own, of the party kind, so that it
    outranks a nationality ("a Bulgarian MP of the opposition Vazrazhdane party" is the party's).

    >>> from analysis.mentions.lexicon import load_name_words
    >>> learn_named_parties("Ivan Kolev, an MP of the opposition Vazrazhdane party, said no.", load_name_words())
    {'vazrazhdane': ('Vazrazhdane', 'party')}
    >>> learn_named_parties("He met the Bulgarian party leaders.", load_name_words())
    {}
    """
    if " party" not in text:
        return {}
    learned = {}
    for m in _NAMED_PARTY.finditer(text):
        name = " ".join(m.group(1).split())
        if name.lower() not in words.sides and name.split()[0].lower() not in words.sides:
            learned[name.lower()] = (name, "party")
    return learned


_THE_OPPOSITION = re.compile(r"\b[Tt]he (?:main |united |[A-Z]\w+ )?opposition ((?:[A-Z][\w'’-]+\s?){1,4})")


def learn_opposition(text: str, known: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """ "the opposition delegation", "opposition negotiator X": "opposition" stands for the one opposition the
    article names ("the government and the opposition Unitary Platform"), which is a side of its own.

    >>> learn_opposition("The government and the opposition Unitary Platform met. The opposition delegation left.", {})
    {'unitary platform': ('Unitary Platform', 'institution'), 'opposition': ('Unitary Platform', 'adjective')}
    >>> learn_opposition("The opposition Red Party and the opposition Blue Bloc met.", {})
    {}
    """
    if "opposition " not in text:
        return {}
    named = {" ".join(m.group(1).split()) for m in _THE_OPPOSITION.finditer(text)}
    named = {name for name in named if name.lower() not in ("party", "leader", "leaders")}
    if len(named) != 1:
        return {}
    name = named.pop()
    side = known.get(name.lower(), (name, ""))[0]
    learned = {} if name.lower() in known else {name.lower(): (name, "institution")}
    learned["opposition"] = (side, "adjective")
    return learned


_AFTER_POSSESSIVE = re.compile(r"['’]s\s+(?:(?:chief|top|lead|senior|deputy|special)\s+)?([\w-]+)")
# what a state has ("Saravia's chief negotiator", "Olsk's foreign minister"), unlike a person ("Obama's adviser")
STATE_ROLES = frozenset({"negotiator", "negotiators", "delegation", "side", "government", "foreign", "defence", "defense", "envoy", "ambassador", "army", "military", "forces", "president", "parliament", "ministry", "prime"})
_BEFORE_STATE_ROLE = re.compile(rf"\b([A-Z][\w'’-]*)\s+(?i:{'|'.join(sorted(STATE_ROLES))})\b")  # "Dalrik delegation"


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


def learn_attributive(text: str, entities, words: NameWords, known: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Parties named as the modifier of what a state has: in "the Dalrik delegation", "Dalrik Foreign Ministry
    spokeswoman" Dalrik is a side, as "Saravia's chief negotiator" makes Saravia one (:func:`learn_possessors`).

    Only one-word names that are no person and that neither the side words nor what the article taught
    before (``known``: "Velmoran" is Velmora's adjective) already know.

    >>> from analysis.mentions.link import Entity
    >>> from analysis.mentions.lexicon import load_name_words
    >>> learn_attributive("Dalrik rejects it, the Dalrik delegation said.", [Entity("Dalrik", "unknown")], load_name_words(), {})
    {'dalrik': ('Dalrik', 'country')}
    """
    candidates = [
        e.name for e in entities
        if " " not in e.name and e.kind in ("unknown", "country") and len(e.name) >= 3 and e.name.lower() not in known and e.name.lower() not in words.given
    ]  # fmt: skip
    if not candidates:
        return {}
    modifiers = {m.group(1) for m in _BEFORE_STATE_ROLE.finditer(text)}  # one scan of the article, not one a name
    return {name.lower(): (name, "country") for name in candidates if name in modifiers}


def learn_demonyms(text: str, entities, sides: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Sides the article itself teaches: a one-word name whose adjective it also writes ("Kastria" … "Kastrian").

    The name is then a country (its own side) and the adjective points to it,
    so "the Kastrian delegation" is on Kastria's side; names the shipped side
    words already know are left to them.

    >>> from analysis.mentions.link import Entity
    >>> learn_demonyms("Kastria and Velmora met. The Kastrian side spoke.", [Entity("Kastria", "unknown"), Entity("Velmora", "unknown")], {})
    {'kastria': ('Kastria', 'country'), 'kastrian': ('Kastria', 'adjective')}
    """
    words: set[str] | None = None  # the article's capitalised words, read once a name asks
    learned: dict[str, tuple[str, str]] = {}
    known = set(sides)
    for entity in entities:
        name = entity.name
        if " " in name or entity.kind not in ("unknown", "country", "person") or name.lower() in sides or len(name) < 4:
            continue
        if words is None:
            words = set(_CAPITALISED.findall(text))
        stems = {name, name[:-1]} if name[-1] in "aeiouy" else {name}
        found = next((stem + end for stem in sorted(stems) for end in DEMONYM_ENDINGS if stem + end in words and stem + end != name), None)
        if found is not None and found.lower() not in known:  # the shipped demonyms stay theirs ("Turk")
            learned[name.lower()] = (name, "country")
            learned[found.lower()] = (name, "adjective")
    return learned


# Titles of someone who speaks for a body: after that body's acronym ("TTP spokesman"), the body is their side.
SPOKEN_FOR = frozenset({
    "leader", "leaders", "spokesman", "spokeswoman", "spokesperson", "chief", "chairman", "chairwoman", "negotiator",
    "negotiators", "delegation", "commander", "commanders",
})  # fmt: skip
_ACRONYM_TITLE = re.compile(rf"(?<![Ff]ormer )\b([A-Z][A-Z0-9]{{1,5}})\s+(?i:{'|'.join(sorted(SPOKEN_FOR))})\s+(?:[A-Z]|the\b)")  # a past office says nothing
# Acronyms of a kind of body, not of one body ("PAC spokeswoman"): no side.
GENERIC_ACRONYMS = frozenset({"pac", "ngo", "ceo", "cfo", "coo"})


def learn_spoken_for(text: str, words: NameWords, known: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """ "TTP spokesman Mohammad Khurasani", "PASOK leader Nikos Androulakis": an acronym the side words do not
    know, before the title of someone who speaks for it and a name, is a side of its own; an outlet ("CNN
    anchor"), a title ("MP"), a kind of body ("PAC") or a past office ("former KKK leader") is none.

    >>> from analysis.mentions.lexicon import load_name_words
    >>> learn_spoken_for("PASOK leader Nikos Androulakis said no; a UN spokesman agreed.", load_name_words(), {})
    {'pasok': ('PASOK', 'institution')}
    >>> learn_spoken_for("PAC spokeswoman Kellyanne Conway and former KKK leader David Duke spoke.", load_name_words(), {})
    {}
    """
    learned: dict[str, tuple[str, str]] = {}
    for m in _ACRONYM_TITLE.finditer(text):
        acronym = m.group(1)
        low = acronym.lower()
        if low in words.sides or low in known or low in words.titles or low in GENERIC_ACRONYMS or low in words.outlet_words or acronym in words.outlets.cased:
            continue
        learned[low] = (acronym, "institution")
    return learned
