"""Roles: what the sentence around a name says its bearer is.

Besides the role words before a name (found with the name, in
:mod:`.names`), a sentence gives roles in three shapes:

* an apposition after the name: "Rustem Umerov, Ukraine's defence minister, said",
  "Tim Kaine, a Democrat from Virginia," (a relative clause "…, who heads the
  delegation," too);
* an apposition before it: "Ukraine's defence minister, Rustem Umerov, said",
  and the plural form that pairs roles and names in order: "The heads of the
  Ukrainian and Russian delegations, Rustem Umerov and Vladimir Medinsky,";
* a party tag: "Sen. Ted Cruz (R-Texas)";
* the head of a delegation: "The Velmoran delegation was headed by Jana Roe".

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> from analysis.mentions.names import find_names
>>> text = "Rustem Umerov, Ukraine's defence minister, met Sen. Ted Cruz (R-Texas) and Jane Roe, a Democrat."
>>> tokens = tokenize(Article(text))
>>> names = find_names(tokens)
>>> [(p.name, sentence_roles(text, tokens, names, i)) for i, p in enumerate(names)]
[('Rustem Umerov', ("Ukraine's defence minister",)), ('Ukraine', ()), ('Ted Cruz', ('(R-Texas)',)), ('Jane Roe', ('Democrat',))]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Tokens
from .lexicon import NameWords, load_name_words
from .names import NamePhrase

MAX_APPOSITION_WORDS = 12
# words of a role phrase after a name at most: an official's title runs long ("Wang Yi, the director of the Office of
# the Central Foreign Affairs Commission of China's ruling Communist Party")
MAX_TITLE_AFTER_WORDS = 18
ROLE_WINDOW = 300  # characters before a name searched for a role phrase (a sentence may be one huge run-on)
_PARTY_TAG = re.compile(r"\s*\(\s*(?:[DRI]|Dem|Rep|Ind)\s*(?:[-–,]\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*)?\)")
# "…, the director general of the International Atomic Energy Agency (IAEA), …": its acronym stays with the role
_APPOSITION_AFTER = re.compile(r",\s*((?:the |a |an )?[^,;:.“”\"()]{2,120}?(?:\s*\([A-Z][\w.&-]{1,12}\))?)\s*(?=,|;|\.(?:\s|$)|\))")
_WORD = re.compile(r"[\w'’.-]+")
_PLURAL_ROLE = re.compile(
    r"(?i)^(?:the\s+)?(?P<role>[a-z]+?)s\s+of\s+(?:the\s+)?(?P<a>[A-Z][\w-]*)\s+and\s+(?P<b>[A-Z][\w-]*)\s+(?P<noun>[a-z]+?)s\b(?P<rest>.*)$"
)
_RELATIVE = re.compile(r"(?i)^(?:who|whose\s+(?:country|government|state|capital))\s+(?:also\s+)?(heads|headed|leads|led|chairs|chaired|directs|represents|represented|runs|hosts|hosted|mediates|mediated|brokered|is|was|has been|served as|serves as)\s+(.+)$")
_RELATIVE_ROLE = {
    "heads": "head of", "headed": "head of", "leads": "leader of", "led": "leader of", "chairs": "chair of",
    "chaired": "chair of", "directs": "director of", "represents": "representative of", "represented": "representative of",
    "runs": "head of", "hosts": "host of", "hosted": "host of", "mediates": "mediator of", "mediated": "mediator of",
    "brokered": "mediator of",
}  # fmt: skip


def sentence_roles(text: str, tokens: Tokens, names: Sequence[NamePhrase], i: int, *, words: NameWords | None = None) -> tuple[str, ...]:
    """The roles the sentence gives the bearer of ``names[i]`` (appositions and party tags), in text order."""
    words = words or load_name_words()
    phrase = names[i]
    if phrase.possessive or phrase.kind not in ("person", "unknown"):
        return ()
    sentence = tokens.sentences[phrase.sentence].span
    roles = []
    before = (
        _apposition_before(text, sentence.start, phrase, names, i, words)
        or _headed_by(text, sentence.start, phrase)
        or _body_before_title(text, sentence.start, phrase, words)
    )
    if before:
        roles.append(before)
    tag = _PARTY_TAG.match(text, phrase.span.end, sentence.end)
    if tag:
        roles.append(tag.group().strip())
    after = _apposition_after(text, phrase.span.end if not tag else tag.end(), sentence.end, words)
    if after and (_serves(after) or not _names_a_person(names, i, phrase.span.end, phrase.span.end + len(after) + 4)):
        roles.append(after)
    return tuple(roles)


_BODY_BEFORE = re.compile(r"\b([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)\s+((?:[a-z]+\s+){1,2})$")  # "Myanmar junta " before a title


def _body_before_title(text: str, sentence_start: int, phrase: NamePhrase, words: NameWords) -> str | None:
    """ "Myanmar junta spokesman Zaw Min Tun", "Myanmar government spokesman …": a side's name and a body noun before
    the title the name phrase opens with, so the role says whose spokesman ("Myanmar junta spokesman")."""
    if phrase.role is None or phrase.phrase.start == phrase.span.start:
        return None
    m = _BODY_BEFORE.search(text, max(sentence_start, phrase.phrase.start - 40), phrase.phrase.start)
    if m is None or m.group(1).lower() not in words.sides:
        return None
    nouns = m.group(2).split()
    if not all(w in BODY_NOUNS or words.nouns.get(w) == "body" for w in nouns):
        return None
    return f"{m.group(1)} {' '.join(nouns)} {phrase.role}"


# Nouns of a state's bodies that the role lexicon does not list as a body of its own.
BODY_NOUNS = frozenset({"junta", "military", "army", "regime", "authorities", "foreign", "defence", "defense"})


_SERVING = re.compile(r"(?i)\b(?:aide|adviser|advisor|assistant|spokes(?:man|woman|person)|secretary|envoy|counsel)\s+(?:to|for|of)\s")


def _serves(apposition: str) -> bool:
    """ "national security adviser to Ethiopian Prime Minister Abiy Ahmed": a role serving a person named in it,
    whose side it shares (not that person's own name as this one's role)."""
    return bool(_SERVING.search(apposition))


def _names_a_person(names, i: int, start: int, end: int) -> bool:
    """Whether a person's name stands in ``[start, end)`` after phrase ``i``: then it is that person, not a role."""
    for k in range(i + 1, len(names)):
        if names[k].span.start >= end:
            break
        if names[k].span.start >= start and names[k].kind == "person" and not names[k].possessive:
            return True
    return False


def _role_like(phrase: str, words: NameWords, limit: int = MAX_APPOSITION_WORDS) -> bool:
    """Whether a phrase reads as a role: it holds a title or role noun, or a party word ("a Democrat")."""
    found = [w.lower().rstrip(".").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(phrase)]
    if not found or len(found) > limit:
        return False
    return any(w in words.titles or words.nouns.get(w) == "role" or (words.sides.get(w, ("", ""))[1] == "party") for w in found)


def _apposition_after(text: str, start: int, end: int, words: NameWords) -> str | None:
    """ "…, Ukraine's defence minister," / "…, a Democrat." / "…, who heads the delegation," right after a name."""
    m = _APPOSITION_AFTER.match(text, start, end)
    if not m:
        return None
    phrase = " ".join(m.group(1).split())
    relative = _RELATIVE.match(phrase)
    if relative:
        verb, rest = relative.groups()
        phrase = f"{_RELATIVE_ROLE[verb]} {rest}" if verb in _RELATIVE_ROLE else rest
    if relative is not None and relative.group(1).lower() in _RELATIVE_ROLE:
        return phrase  # "who hosted the talks" → "host of the talks"
    first = phrase.split()[0].lower()
    opens = first in ("the", "a", "an", "one", "among") or first.endswith(("'s", "’s")) or first in words.sides or words.is_role_word(first) or first in ("head", "leader", "chair")
    if not opens or not _role_like(phrase, words, MAX_TITLE_AFTER_WORDS if first in ("the", "a", "an") else MAX_APPOSITION_WORDS):
        return None
    return _strip_article(phrase)


# A verb before a role phrase ends what is not part of it (a clause of saying, or a passive "were chaired by").
_VERB = re.compile(r"\b(?:said|says|told|added|stated|noted|announced|declared|wrote|insisted|was|were|is|are|has|have|had|been)\b")
_LINKS = frozenset({"by", "with", "to", "from", "for", "chaired", "led", "headed", "hosted", "mediated", "met", "joined"})
# a party's generic word may stand lower-case before the group ("the government delegation", "the rebel side")
_HEADED_BY = re.compile(r"\b(?:[Tt]he\s+|[Aa]\s+)?((?:(?:[A-Z][\w'’-]*|government|rebel|opposition|military|army|guerrilla)\s+){0,3}(?:delegation|side|team|mission))(?:\s+(?:in|at|to)\s+the\s+(?:talks|negotiations|meeting|round|dialogue))?\s+(?:(?:was|were|is|will be)\s+)?(?:(?:headed|led)\s+)?by\s*$")

_HEADED_OR_LED = re.compile(r"(?i)\b(?:headed|led)\b")


def _headed_by(text: str, sentence_start: int, phrase: NamePhrase) -> str | None:
    """ "The Velmoran delegation was headed by X" (and "… and the Kastrian side by Y"): X heads it."""
    before = text[max(sentence_start, phrase.phrase.start - ROLE_WINDOW) : phrase.phrase.start]
    if not _HEADED_OR_LED.search(before):  # cheap, and most windows fail it: read the long pattern only then
        return None
    m = _HEADED_BY.search(before)
    if not m:
        return None
    group = re.sub(r"(?i)^(?:and\s+|the\s+)+", "", " ".join(m.group(1).split()))
    return f"head of the {group}"


def _apposition_before(text: str, sentence_start: int, phrase: NamePhrase, names, i: int, words: NameWords) -> str | None:
    """ "Ukraine's defence minister, Rustem Umerov," — a role phrase, a comma, the name (and a comma after it)."""
    start = phrase.phrase.start
    previous = names[i - 1] if i > 0 else None
    if previous is not None and previous.sentence == phrase.sentence and text[previous.span.end : start].strip() == "and" and previous.role is None:
        start = previous.phrase.start  # the second of "A and B": the role phrase stands before A (unless A has its own)
    before = text[max(sentence_start, start - ROLE_WINDOW) : start].rstrip()
    if not before.endswith(","):
        return None
    segment = before[:-1]
    cut = max(segment.rfind(","), segment.rfind(";"), segment.rfind(":"), segment.rfind("—"), segment.rfind("–"))  # a dateline's dash too
    segment = re.sub(r"^(?i:and|but|yet|while|as well as)\s+", "", " ".join(segment[cut + 1 :].split()))  # "…, and the ICRC's director, X,"; "But the President of the NLC, X,"
    said = list(_VERB.finditer(segment))
    if said:  # "Gen. Abubakar said Niger's junta leader, General Tchiani,", "Talks were chaired by the head of …,"
        rest = segment[said[-1].end() :].strip()
        det = re.search(r"(?i)(?:^|\s)(the|a|an)\s", rest)
        segment = rest[det.start(1) :] if det and rest.split()[:1] and rest.split()[0].lower() in _LINKS else rest
    pair = _PLURAL_ROLE.match(segment)
    if pair:
        return _paired_role(pair, names, i)
    if segment and not _role_like(segment, words) and cut >= 0:
        # "ECOWAS Commissioner for Political Affairs, Peace and Security, Abdel-Fatau Musa": a role holding commas
        whole = " ".join(before[:-1].split())
        if not _VERB.search(whole) and ";" not in whole and ":" not in whole and _role_like(whole.split(",")[0], words):
            segment = whole
    segment = _after_possessive_pronoun(segment, words)
    if not segment or not _role_like(segment, words):
        return None
    first = segment.split()[0]
    if first.lower() in POSSESSIVE_PRONOUNS:
        return segment.split(None, 1)[1]  # "its special envoy for …": the role, without whose
    if first.lower() not in ("the", "a", "an") and not first.endswith(("'s", "’s")) and not first[:1].isupper():
        return None
    return _strip_article(segment)


POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their", "our"})


def _after_possessive_pronoun(segment: str, words: NameWords) -> str:
    """The role from the last possessive pronoun of a clause before a name ("… China sent its special envoy for
    Eurasian affairs, Li Hui," → "its special envoy for Eurasian affairs"), when what follows it reads as a role."""
    parts = segment.split()
    cut = max((k for k, w in enumerate(parts) if k > 0 and w.lower() in POSSESSIVE_PRONOUNS), default=None)
    if cut is None or cut + 1 >= len(parts) or not _role_like(" ".join(parts[cut + 1 :]), words):
        return segment
    return " ".join(parts[cut:])


def _paired_role(pair: re.Match, names, i: int) -> str | None:
    """The role of the first or second of two coordinated names after a plural role ("The heads of the A and B Xs")."""
    phrase = names[i]
    nxt = names[i + 1] if i + 1 < len(names) else None
    prv = names[i - 1] if i > 0 else None
    if nxt is not None and nxt.sentence == phrase.sentence and nxt.phrase.start - phrase.phrase.end <= 6:
        side = pair["a"]
    elif prv is not None and prv.sentence == phrase.sentence and phrase.phrase.start - prv.phrase.end <= 6:
        side = pair["b"]
    else:
        return None
    return f"{pair['role']} of the {side} {pair['noun']}"


def _strip_article(phrase: str) -> str:
    words = phrase.split()
    if words and words[0].lower() in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    return " ".join(words)
