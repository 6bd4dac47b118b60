"""Side words in a phrase: which side a role, a name or a description points to, and the words that say so.

A side word counts where it qualifies the phrase's head ("Ukrainian
delegate", "Russia's chief negotiator", "head of the Russian delegation",
"Democratic nominee", "(R-Texas)"), not where it names a target after a
preposition: the "U.S. special envoy for Ukraine" is American, the
"ambassador to Russia" is not Russian — but a "spokesman for Kyiv" or an
"aide to Putin" serves the side the complement names.

>>> side_in("head of the Russian delegation")
('Russia', 'russian')
>>> side_in("U.S. special envoy for Ukraine"), side_in("envoy to Russia")
(('United States', 'u.s.'), None)
>>> side_in("(R-Texas)"), side_in("Democrat from Virginia")
(('Republican Party', '(R-…)'), ('Democratic Party', 'democrat'))
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .lexicon import load_sides

# After these, a side word names a target or a place, not the phrase's own side.
TARGET_PREPOSITIONS = frozenset({"to", "for", "with", "on", "against", "about", "toward", "towards", "in", "at", "from", "over", "into", "versus", "vs", "than", "between", "by"})
_TOKENS = re.compile(r"\(\s*[DRI]\s*[-–,)]|[\w.]+(?:[-'’][\w]+)*-?")
_PARTY_TAG = re.compile(r"\(\s*([DRI])\s*[-–,)]")
PARTY_KINDS = ("party",)
CASED = frozenset({"us", "uk", "au"})  # side words only in capitals ("US envoy", "AU envoy"; "us" is a pronoun)
# Roles whose "to"/"for" complement is whom they serve ("spokesman for Kyiv", "aide to Putin"), not a target.
SERVING_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser", "advisor", "assistant", "press", "lawyer", "attorney", "counsel"})

# Nouns whose "in"/"within" complement is the body they belong to ("a source in the government delegation").
MEMBER_NOUNS = frozenset({"source", "sources", "official", "officials", "member", "members", "someone", "insider", "insiders"})
MEMBERSHIP_PREPOSITIONS = frozenset({"in", "within", "inside"})


def side_in(phrase: str | None, *, sides: Mapping[str, tuple[str, str]] | None = None) -> tuple[str, str] | None:
    """The first side a phrase's own words point to, with the evidence, or None."""
    found = sides_in(phrase, sides=sides)
    return found[0][:2] if found else None


def sides_in(phrase: str | None, *, sides: Mapping[str, tuple[str, str]] | None = None) -> list[tuple[str, str, str]]:
    """Every (side, evidence, kind) a phrase's own words point to, in order (targets after prepositions left out)."""
    if not phrase:
        return []
    table = load_sides() if sides is None else sides
    tag = _PARTY_TAG.search(phrase)
    out = []
    if tag and tag.group(1) in "DR":
        key = "d-" if tag.group(1) == "D" else "r-"
        if key in table:
            out.append((table[key][0], f"({tag.group(1)}-…)", "party"))
    raw = [t for t in _TOKENS.findall(phrase) if not t.startswith("(")]
    tokens = [t.lower().replace("’", "'") if t.lower() not in CASED or t.isupper() else "" for t in raw]
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i] in TARGET_PREPOSITIONS and not (tokens[i] in ("to", "for") and i and tokens[i - 1] in SERVING_ROLES) and not (
            tokens[i] in MEMBERSHIP_PREPOSITIONS and i and tokens[i - 1] in MEMBER_NOUNS
        ):
            i = _skip_target(tokens, i + 1)
            continue
        hit = _match_at(tokens, i, table)
        if hit is not None:
            key, length = hit
            if table[key][1] == "party" or not _opposes(tokens, i + length):  # "Kremlin critic": the side opposed
                out.append((table[key][0], key, table[key][1]))
            i += length
        else:
            i += 1
    return out


# Nouns whose side words name whom the person opposes ("Kremlin critic", "Putin's rival"), not their side.
OPPOSING_NOUNS = frozenset({"critic", "critics", "opponent", "opponents", "foe", "foes", "rival", "rivals", "enemy", "enemies", "adversary", "adversaries", "detractor", "detractors", "opposition"})


def _opposes(tokens: list[str], i: int) -> bool:
    """Whether the word right after a side word, or the one after a modifier, is an opposing noun ("Kremlin's
    fiercest critic"); a party's rival stays of the party ("his Democratic rival")."""
    return any(t in OPPOSING_NOUNS for t in tokens[i : i + 2])


def _skip_target(tokens: list[str], i: int) -> int:
    """Past the noun phrase after a preposition: up to the next comma-free function break ("of", "and")."""
    while i < len(tokens) and tokens[i] not in ("of", "and", "who", "which", "that"):
        i += 1
    return i


def _match_at(tokens: list[str], i: int, table: Mapping[str, tuple[str, str]]) -> tuple[str, int] | None:
    """The longest side phrase (up to five words) at token ``i``, possessive 's ignored; or a party prefix ("r-texas")."""
    for length in (5, 4, 3, 2, 1):
        if i + length > len(tokens):
            continue
        key = " ".join(tokens[i : i + length]).removesuffix("'s").rstrip(".") if length > 1 else tokens[i].removesuffix("'s")
        for candidate in (key, key.rstrip(".")):
            if candidate in table:
                return candidate, length
    word = tokens[i]
    if "-" in word:
        prefix = word.split("-", 1)[0] + "-"
        if prefix in table and len(prefix) == 2:
            return prefix, 1
    return None
