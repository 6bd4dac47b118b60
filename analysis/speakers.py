"""Speakers: names, roles and sides of the sources of quotes, and the outlets an article cites.

No tagger is downloaded: names come from capitalisation, titles and name
particles; roles from the words before a name ("Ukrainian delegate Sergiy
Kyslytsya"), from appositions ("Smith, a spokesman for …,") and from
coordinated pairs ("The heads of the Ukrainian and Russian delegations,
Rustem Umerov and Vladimir Medinsky," pairs roles and names in order).
Within an article a full name is linked to its later surname; pronouns (he,
she, they) and role nouns (the minister) resolve to the most recent
compatible speaker. Sides come from the words of a speaker's role and name
(``data/sides.tsv``), overridden by the user's mapping (:func:`read_sides`);
what cannot be inferred stays ``None``.

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> from analysis.quotes import find_candidates
>>> text = "Ukrainian envoy Ivan Petrenko said talks failed. “We tried,” he added."
>>> tokens = tokenize(Article(text))
>>> result = resolve_speakers(tokens, find_candidates(tokens))
>>> [(q.speaker.name, q.speaker.side) for q in result.quotes]
[('Ivan Petrenko', 'Ukraine'), ('Ivan Petrenko', 'Ukraine')]
>>> result.speakers[0].role, result.speakers[0].side_evidence
('Ukrainian envoy', 'ukrainian')
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from itertools import islice
from functools import cache
from pathlib import Path

from .data import read_table
from .errors import DataFileError
from .records import OutletCitation, Quote, Span, Speaker, Tokens
from .tokenize import drop_invisible

SIDES_FILE = "sides.tsv"  # shipped in analysis/data/
OUTLETS_FILE = "outlets.tsv"  # shipped in analysis/data/
ROLE_WINDOW = 300  # characters around a name searched for an apposition that gives its role
MAX_ANTECEDENT_DISTANCE = 30  # a pronoun or role noun looks back over this many recent speakers at most

# Titles and role nouns that precede or describe a name (lower-case, without a period).
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov", "governor", "president",
    "vice", "prime", "minister", "secretary", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman",
    "spokesperson", "gen", "general", "judge", "justice", "mayor", "ambassador", "king", "queen", "prince",
    "princess", "pope", "sheikh", "speaker", "leader", "chancellor", "commissioner", "director", "former",
    "deputy", "chief", "lt", "col", "colonel", "sgt", "capt", "captain", "adm", "admiral", "maj", "major", "prof",
    "professor", "rev", "reverend", "father", "sister", "brother", "attorney", "candidate", "nominee", "sir",
    "dame", "lord", "lady", "councilman", "councilwoman", "councillor", "delegate", "envoy", "adviser", "advisor",
    "aide", "official", "head", "presidential", "foreign", "defense", "defence", "interior", "finance", "state",
    "ministry", "department", "office", "house", "senate", "congressman", "congresswoman", "lawmaker",
    "commander", "officer", "analyst", "expert", "economist", "pollster", "strategist", "activist", "founder",
    "ceo", "executive", "president-elect", "premier", "emir", "ayatollah", "rabbi", "imam", "bishop",
    "cardinal", "pastor", "host", "anchor", "correspondent", "editor", "columnist", "writer", "author",
    "journalist", "reporter", "professor", "researcher", "scientist", "lawyer", "prosecutor", "sheriff",
    "inspector", "superintendent", "assemblyman", "assemblywoman", "whip", "majority", "minority", "democrat",
    "republican", "gop", "white", "kremlin", "negotiator", "mediator", "representative", "coordinator", "member",
}
# Role nouns that a definite description can refer back with ("the minister", "the spokesperson").
ROLE_NOUNS = {
    "minister", "spokesperson", "spokesman", "spokeswoman", "president", "senator", "governor", "secretary",
    "delegate", "envoy", "ambassador", "chairman", "chairwoman", "leader", "head", "official", "mayor",
    "candidate", "nominee", "adviser", "advisor", "aide", "general", "commander", "lawmaker", "congressman",
    "congresswoman", "representative", "prosecutor", "judge", "director", "negotiator", "chancellor",
    "premier", "analyst", "expert", "economist", "pollster", "strategist", "businessman", "businesswoman",
    "billionaire", "mogul", "diplomat", "officer", "activist", "lawyer", "attorney", "professor", "author",
}
PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "al", "el", "bin", "ibn", "ben", "abu", "y", "st"}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = {"they", "them", "their"}
SELF_PRONOUNS = {
    "i", "we", "you", "me", "us", "it", "who", "which", "that", "one", "both", "others", "many", "some", "several",
    "most", "another", "all", "few", "none", "neither", "everyone", "someone", "anyone", "nobody",
}
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "assemblywoman"}
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "businessman", "councilman", "assemblyman"}
SPLIT_WORDS = {"of", "for", "at", "from", "with", "in", "on", "to", "who", ",", "(", "which", "whose"}
DETERMINER_WORDS = {"the", "a", "an", "this", "that", "these", "those", "another"}
OUTLET_REASON = "; source is a news outlet"  # appended to a quote's reason when its source is an outlet

_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_WORDS = re.compile(r"[\w'’]+(?:[.\-][\w'’]+)*\.?|[^\w\s]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PARTY_TAG = re.compile(r"\(\s*([DRI])\s*[-–,]\s*[A-Z][\w.]*\s*\)")


# ---------------------------------------------------------------------------
# Data files


def read_sides(path: str | Path) -> dict[str, str]:
    """A user's side mapping from JSON (``{"name or word": "side"}``) or TSV (two columns).

    Keys may be speaker names, surnames, or words of a role ("Kyiv"); they
    override the sides the package infers.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "sides.tsv")
    >>> _ = open(path, "w").write("Umerov\\tUkraine\\nKremlin\\tRussia\\n")
    >>> read_sides(path)
    {'Umerov': 'Ukraine', 'Kremlin': 'Russia'}
    >>> _ = open(path, "w").write("Umerov Ukraine\\n")
    >>> read_sides(path)
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: sides.tsv, line 1: expected two tab-separated columns (name or word, side), got 'Umerov Ukraine'
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise DataFileError(f"{path}: no such side mapping file; check the path") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot read the side mapping ({error}); save it as UTF-8 text") from error
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _sides_from_json(text, path.name)
    return _sides_from_tsv(text, path.name)


def _sides_from_json(text: str, name: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(
            f"{name}: not valid JSON ({error.msg} at line {error.lineno}); write an object like "
            '{"Umerov": "Ukraine", "Kremlin": "Russia"}'
        ) from error
    if not isinstance(data, dict):
        raise DataFileError(f'{name}: expected a JSON object mapping names or words to sides, like {{"Umerov": "Ukraine"}}')
    out = {}
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip() or not str(key).strip():
            raise DataFileError(f"{name}: the side of {key!r} must be a non-empty string, got {value!r}")
        if _SURROGATE.search(key + value):  # half of a UTF-16 pair: no output could write it
            raise DataFileError(f"{name}: {key!r}: {value!r} holds a lone surrogate (a broken \\u escape); fix or remove it")
        out[str(key).strip()] = value.strip()
    return out


def _sides_from_tsv(text: str, name: str) -> dict[str, str]:
    out = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t"), 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in row]
        if len(cells) != 2 or not cells[0] or not cells[1]:
            raise DataFileError(
                f"{name}, line {number}: expected two tab-separated columns (name or word, side), got {chr(9).join(row)!r}"
            )
        if number == 1 and [c.lower() for c in cells] in (["name", "side"], ["word", "side"], ["key", "side"]):
            continue
        out[cells[0]] = cells[1]
    return out


@cache
def load_side_words() -> dict[str, str]:
    """The shipped side words (``data/sides.tsv``): lower-case word or phrase → side.

    >>> load_side_words()["kyiv"], load_side_words()["kremlin"]
    ('Ukraine', 'Russia')
    """
    return {word.lower(): side for word, side in read_table(SIDES_FILE, ("word", "side"))}


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet names (lower-case, no leading "the") and head words that make a name an outlet."""

    names: frozenset[str]
    heads: frozenset[str]

    def is_outlet(self, name: str) -> bool:
        """Whether a name reads as a news outlet.

        >>> load_outlets().is_outlet("The New York Times"), load_outlets().is_outlet("Ukrainian Pravda")
        (True, True)
        >>> load_outlets().is_outlet("Rustem Umerov")
        False
        """
        low = " ".join(_NAME_WORD.findall(name.lower().replace("’", "'")))
        low = low.removeprefix("the ")
        if low in self.names:
            return True
        words = low.split()
        return bool(words) and (words[-1] in self.heads or " ".join(words[-2:]) in self.heads)


@cache
def load_outlets() -> Outlets:
    """The shipped outlet list (``data/outlets.tsv``)."""
    names, heads = set(), set()
    for name, kind in read_table(OUTLETS_FILE, ("name", "kind")):
        (heads if kind == "head" else names).add(name.lstrip("*").lower())
    return Outlets(frozenset(names), frozenset(heads))


# ---------------------------------------------------------------------------
# Mentions


@dataclass(frozen=True, slots=True)
class Mention:
    """What a source span says about its speaker(s)."""

    span: Span
    kind: str  # "name", "pronoun", "role", "outlet", "other"
    names: tuple[str, ...] = ()  # one name, or several for a joint statement
    roles: tuple[str | None, ...] = ()  # the role of each name, if given
    pronoun: str | None = None
    phrase: str = ""  # the source words without a leading determiner


def read_mention(text: str, span: Span, *, outlets: Outlets | None = None) -> Mention:
    """Analyse a source span: a pronoun, one or more names with their roles, a role, or an outlet.

    >>> text = "Ukrainian Foreign Ministry spokesperson Heorhii Tykhyi"
    >>> m = read_mention(text, Span(0, len(text)))
    >>> m.kind, m.names, m.roles
    ('name', ('Heorhii Tykhyi',), ('Ukrainian Foreign Ministry spokesperson',))
    >>> read_mention("the minister", Span(0, 12)).kind
    'role'
    """
    outlets = outlets or load_outlets()
    source = drop_invisible(text[span.start : span.end])  # "Ume\u200crov" is read and shown as "Umerov"
    words = [w.replace("’", "'") for w in _WORDS.findall(source)]
    low = [w.lower().rstrip(".") for w in words]
    if len(words) == 1 and (low[0] in PERSON_PRONOUNS or low[0] in GROUP_PRONOUNS):
        return Mention(span, "pronoun", pronoun=low[0], phrase=source)
    if not words or (len(words) == 1 and low[0] in SELF_PRONOUNS):
        return Mention(span, "other", phrase=source)
    # the head part: before "of", "for", a comma ... ("Joel Pollak of Breitbart", "a spokesman for X")
    head_end = len(words)
    for i, w in enumerate(low):
        if i > 0 and (w in SPLIT_WORDS or words[i] in {",", "("}):
            head_end = i
            break
    head = words[:head_end]
    phrase = " ".join(words[1:] if low[0] in DETERMINER_WORDS else words).replace(" ,", ",").replace(" 's", "'s")
    if outlets.is_outlet(" ".join(head)) and not _has_title(low[:head_end]):
        return Mention(span, "outlet", names=(_clean(" ".join(head)),), phrase=phrase)
    runs = _name_runs(head, low[:head_end])
    if not runs and head_end < len(words) and all(w in TITLES or w in DETERMINER_WORDS for w in low[:head_end]):
        # "Secretary of State John Kerry": the title runs on past "of"
        runs = [r for r in _name_runs(words, low) if r[0] > head_end]
    if not runs:
        return Mention(span, "role", phrase=phrase)
    # the name next to the cue, and the names coordinated with it ("A and B", "A, B and C")
    group = [runs[-1]]
    for run in reversed(runs[:-1]):
        between = [w for w in low[run[2] : group[0][0]]]
        if between in (["and"], ["&"], [","], [",", "and"]):
            group.insert(0, run)
        else:
            break
    prefix = [w for w, lw in zip(words[: group[0][0]], low[: group[0][0]]) if lw not in DETERMINER_WORDS]
    shared = " ".join(prefix).replace(" .", ".").strip() or None
    names = tuple(_clean(" ".join(words[k:j])) for _, k, j, _ in group)
    roles = tuple(" ".join(x for x in (shared, title) if x) or None for *_, title in group)
    return Mention(span, "name", names=names, roles=roles, phrase=phrase)


def _has_title(low: list[str]) -> bool:
    return any(w in {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "minister", "spokesman", "spokesperson"} for w in low)


def _clean(name: str) -> str:
    name = drop_invisible(name).replace(" .", ".").replace(" - ", "-").replace(" ' s", "'s").strip(" ,")
    return re.sub(r"['’]s$", "", name)


def _name_runs(words: list[str], low: list[str]) -> list[tuple[int, int, int, str | None]]:
    """Runs of capitalised words that read as names: (run start, name start, end, title words).

    Within a run, leading title and side words ("Sen.", "Foreign Minister",
    "Ukrainian") are the title, not the name; name particles (de, van der,
    al-) stay in the name.
    """
    side_words = load_side_words()
    runs = []
    i, n = 0, len(words)
    while i < n:
        if not _capital(words[i]) or low[i] in DETERMINER_WORDS:
            i += 1
            continue
        j = i
        while j < n:
            if _capital(words[j]) and (j == i or low[j] not in DETERMINER_WORDS):
                j += 1
            elif (words[j] == "." or words[j] == "-") and j > i:
                j += 1
            elif low[j] in PARTICLES:
                m = j
                while m < n and low[m] in PARTICLES:
                    m += 1
                if m < n and _capital(words[m]) and m > i:
                    j = m
                else:
                    break
            else:
                break
        k = i
        while k < j - 1 and (low[k] in TITLES or low[k] in side_words or words[k] == "." or low[k].endswith("-based")):
            k += 1
        title = " ".join(words[i:k]).replace(" .", ".") or None
        name_words = [w for w in words[k:j] if w not in {".", "-"}]
        if name_words and not (len(name_words) == 1 and (low[k] in TITLES or low[k] in side_words)):
            runs.append((i, k, j, title))
        i = max(j, i + 1)
    return runs


def _capital(word: str) -> bool:
    return word[:1].isupper() and (len(word) > 1 or word.isalpha())


# ---------------------------------------------------------------------------
# Resolution


@dataclass
class _Entity:
    name: str
    kind: str
    role: str | None = None
    gender: str | None = None
    mentions: list[Span] = field(default_factory=list)
    last: int = -1  # offset of the latest mention

    def keys(self) -> set[str]:
        parts = self.name.lower().split()
        return {self.name.lower(), parts[-1]} if parts else {self.name.lower()}


@dataclass(frozen=True, slots=True)
class Resolution:
    """Quotes with their speakers, the speakers of the article, and the outlets it cites."""

    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    outlets: tuple[OutletCitation, ...]


def resolve_speakers(
    tokens: Tokens,
    quotes: tuple[Quote, ...],
    *,
    sides: Mapping[str, str] | None = None,
    outlets: Outlets | None = None,
) -> Resolution:
    """Resolve every quote's source to speakers; link names, pronouns and role nouns within the article."""
    text = tokens.text
    outlets = outlets or load_outlets()
    entities: list[_Entity] = []
    recent: OrderedDict[int, _Entity] = OrderedDict()  # entities by latest mention, most recent last
    by_key: dict[str, _Entity] = {}
    citations: list[OutletCitation] = []
    resolved: dict[int, tuple[_Entity, ...]] = {}
    outlet_quotes: set[int] = set()
    order = sorted(range(len(quotes)), key=lambda q: quotes[q].source.start if quotes[q].source else quotes[q].content[0].start)
    full_names = _FullNames(text)
    starts = [sentence.span.start for sentence in tokens.sentences]
    for q_index in order:
        quote = quotes[q_index]
        if quote.source is None:
            continue
        mention = read_mention(text, quote.source, outlets=outlets)
        if mention.kind == "outlet" or (mention.kind in ("name", "role") and _acts_as_outlet(text, quote, mention)):
            name = mention.names[0] if mention.kind == "outlet" else _clean(quote.source.text(text))
            citations.append(OutletCitation(name, quote.source, quote.cue))
            outlet_quotes.add(q_index)
            continue
        if mention.kind == "name":
            roles = _distribute_roles(text, quote.source, mention, tokens, starts)
            found = []
            for name, role in zip(mention.names, roles):
                known = name.lower() in by_key or name.lower().split()[-1:] and name.lower().split()[-1] in by_key
                found.append(_link(entities, by_key, name if known else _fullest(name, full_names), role, quote.source, recent))
            resolved[q_index] = tuple(found)
        elif mention.kind == "pronoun":
            entity = _antecedent(recent, mention.pronoun, quote.source.start)
            if entity is not None:
                for e in entity:
                    _touch(recent, e, quote.source)
                    if mention.pronoun in PERSON_PRONOUNS and e.kind == "person" and e.gender is None and len(entity) == 1:
                        e.gender = PERSON_PRONOUNS[mention.pronoun]
                resolved[q_index] = entity
        elif mention.kind == "role":
            entity = _role_antecedent(recent, mention.phrase, quote.source.start)
            if entity is None:
                entity = _link(entities, by_key, mention.phrase, None, quote.source, recent, kind=_group_kind(mention.phrase))
            else:
                _touch(recent, entity, quote.source)
            resolved[q_index] = (entity,)
    # continuation quotes inherit the speaker of the attributed quote before them
    last_speakers: tuple[_Entity, ...] = ()
    for q_index in sorted(range(len(quotes)), key=lambda q: quotes[q].content[0].start if quotes[q].content else 0):
        quote = quotes[q_index]
        if quote.reason.startswith("continuation") and last_speakers:
            resolved[q_index] = last_speakers
        elif quote.kind == "direct" and q_index in resolved:
            last_speakers = resolved[q_index]
        elif quote.kind == "direct" and quote.source is not None:
            last_speakers = ()
    ids = unique_ids([e.name for e in entities])
    speakers = {id(e): _speaker(e, text, sides, ident) for e, ident in zip(entities, ids)}
    out_quotes = []
    for q_index, quote in enumerate(quotes):
        found = tuple(speakers[id(e)] for e in resolved.get(q_index, ()))
        out_quotes.append(replace(quote, speakers=found) if found else quote)
    cited = _cited_outlets(text, tokens, out_quotes, outlet_quotes, outlets)
    return Resolution(
        tuple(out_quotes if not outlet_quotes else _mark_outlets(out_quotes, outlet_quotes)),
        tuple(speakers[id(e)] for e in entities if e.kind != "outlet"),
        _unique_citations(citations + cited),
    )


def _unique_citations(citations: list[OutletCitation]) -> tuple[OutletCitation, ...]:
    """One citation per outlet mention, with its earliest cue ("reports" before "citing")."""
    best: dict[tuple[int, str], OutletCitation] = {}
    for c in sorted(citations, key=lambda c: (c.span.start, c.cue.start if c.cue else -1)):
        best.setdefault((c.span.start, c.name), c)
    return tuple(sorted(best.values(), key=lambda c: c.span.start))


def _mark_outlets(quotes: list[Quote], outlet_quotes: set[int]) -> list[Quote]:
    return [replace(q, reason=q.reason + OUTLET_REASON) if i in outlet_quotes else q for i, q in enumerate(quotes)]


def _cited_outlets(text: str, tokens: Tokens, quotes: list[Quote], outlet_quotes: set[int], outlets: Outlets) -> list[OutletCitation]:
    """Outlets named as the content of a 'citing' cue of an outlet ("…, citing Ukrainian Pravda")."""
    out = []
    for i in outlet_quotes:
        quote = quotes[i]
        if quote.cue is not None and text[quote.cue.start : quote.cue.end].lower().startswith("cit") and quote.content:
            span = quote.content[0]
            out.append(OutletCitation(_clean(span.text(text).strip(" .,")), span, quote.cue))
    return out


def _acts_as_outlet(text: str, quote: Quote, mention: Mention) -> bool:
    """A capitalised 'The X' that reports or is cited like a publication, with no person title or role."""
    if quote.cue is None:
        return False
    cue = text[quote.cue.start : quote.cue.end].lower()
    source = text[quote.source.start : quote.source.end]
    if not cue.startswith(("report", "cit", "publish")):
        return False
    if mention.kind == "name" and any(r for r in mention.roles):
        return False
    return source.startswith("The ") and len(source.split()) <= 4 and all(w[:1].isupper() for w in source.split())


def _group_kind(phrase: str) -> str:
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return "group" if last.endswith("s") and not last.endswith("ss") else "unknown"


_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\s+(?:[A-Z]\.\s+)?(?:(?:de|van|von|der|al|bin|ibn|la|le|du|da|di)[\s-])?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)+")


def _full_names(text: str) -> dict[str, str]:
    """Surname → the first two-to-four word capitalised name ending in it (a linking hint)."""
    out: dict[str, str] = {}
    for m in _FULL_NAME.finditer(drop_invisible(text)):  # names only, no offsets: invisible characters can go
        words = m.group().split()
        if len(words) > 4 or words[0].lower() in TITLES or words[0].lower() in DETERMINER_WORDS:
            continue
        out.setdefault(words[-1].lower(), m.group())
    return out


class _FullNames:
    """Surname → fullest name in the text, found on first use (most articles never need it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.table: dict[str, str] | None = None

    def get(self, surname: str) -> str | None:
        if self.table is None:
            self.table = _full_names(self.text)
        return self.table.get(surname)


def _fullest(name: str, full_names: _FullNames) -> str:
    parts = name.split()
    if len(parts) == 1:
        full = full_names.get(parts[0].lower())
        if full and full.split()[0].lower() not in load_side_words():
            return full
    return name


def _link(entities, by_key, name: str, role: str | None, span: Span, recent, *, kind: str = "person") -> _Entity:
    """The entity a name refers to: an earlier one with the same name or surname, else a new one."""
    low = name.lower()
    parts = low.split()
    entity = by_key.get(low) or (by_key.get(parts[-1]) if parts else None)
    if entity is None:
        entity = _Entity(name, kind)
        entities.append(entity)
        title = (role or "").lower().split()
        if any(t.rstrip(".") in FEMALE_TITLES for t in title):
            entity.gender = "f"
        elif any(t.rstrip(".") in MALE_TITLES for t in title):
            entity.gender = "m"
    elif len(name) > len(entity.name) and kind == "person":
        entity.name = name
    if role and (entity.role is None or len(role) > len(entity.role)):
        entity.role = role
    _touch(recent, entity, span)
    for key in entity.keys():
        by_key.setdefault(key, entity)
    return entity


def _touch(recent: OrderedDict[int, _Entity], entity: _Entity, span: Span) -> None:
    """Record a mention of ``entity`` and make it the most recent one."""
    entity.mentions.append(span)
    entity.last = span.start
    recent[id(entity)] = entity
    recent.move_to_end(id(entity))


def _recent(recent: OrderedDict[int, _Entity], offset: int):
    """Entities mentioned before ``offset``, most recent first, at most MAX_ANTECEDENT_DISTANCE of them."""
    found = (e for e in reversed(recent.values()) if e.last < offset)
    return islice(found, MAX_ANTECEDENT_DISTANCE)


def _antecedent(recent: OrderedDict[int, _Entity], pronoun: str, offset: int) -> tuple[_Entity, ...] | None:
    """The most recent compatible speaker before ``offset``."""
    if pronoun in GROUP_PRONOUNS:
        for e in _recent(recent, offset):
            if e.kind in ("group", "organisation"):
                return (e,)
        return None
    gender = PERSON_PRONOUNS.get(pronoun)
    for e in _recent(recent, offset):
        if e.kind == "person" and (e.gender is None or e.gender == gender):
            return (e,)
    return None


def _role_antecedent(recent: OrderedDict[int, _Entity], phrase: str, offset: int) -> _Entity | None:
    """A definite role description ("the minister") → the latest speaker with that role noun."""
    words = phrase.lower().split()
    if not words or words[-1] not in ROLE_NOUNS or len(words) > 3:
        return None
    noun = words[-1]
    for e in _recent(recent, offset):
        if e.role and noun in e.role.lower().split():
            return e
    return None


# --- roles from the sentence: appositions and coordinated pairs

_APPOSITION_AFTER = re.compile(r"\s*,\s*((?:the |a |an )?[^,;.“”\"]{3,80}?)(?=,|\.|;| said| told| announced| added| says)")
_PLURAL_ROLE = re.compile(
    r"(?i)^(?:the\s+)?(?P<role>[a-z]+?)s\s+of\s+(?:the\s+)?(?P<a>[A-Z][\w-]*)\s+and\s+(?P<b>[A-Z][\w-]*)\s+(?P<noun>[a-z]+?)s\b(?P<rest>.*)$"
)


def _distribute_roles(text: str, span: Span, mention: Mention, tokens: Tokens, starts: list[int]) -> tuple[str | None, ...]:
    """Roles for the names of a mention, from its own words or from an apposition in the sentence."""
    roles = list(mention.roles) + [None] * (len(mention.names) - len(mention.roles))
    sentence = _sentence_of(tokens, starts, span.start)
    if sentence is None:
        return tuple(roles)
    before = text[max(sentence.start, span.start - ROLE_WINDOW) : span.start].rstrip()
    if before.endswith(","):
        # "The heads of the Ukrainian and Russian delegations in Istanbul, Rustem Umerov and Vladimir Medinsky,"
        segment = before[:-1]
        cut = max(segment.rfind(","), segment.rfind(";"), segment.rfind(":"))
        segment = segment[cut + 1 :].strip()
        m = _PLURAL_ROLE.match(segment)
        if m and len(mention.names) == 2:
            return (
                f"{m['role']} of the {m['a']} {m['noun']}",
                f"{m['role']} of the {m['b']} {m['noun']}",
            )
        if segment and len(mention.names) == 1 and segment.split()[0].lower() in {"the", "a", "an"} and not roles[0]:
            roles[0] = _strip_det(segment)
    after = text[span.end : min(sentence.end, span.end + ROLE_WINDOW)]
    m = _APPOSITION_AFTER.match(after)
    if len(mention.names) == 1 and "," in text[span.start : span.end]:
        # the source span holds its own apposition: "Craig Dunn, a local GOP leader"
        inner = text[span.start : span.end].split(",", 1)[1].strip(" ,")
        if inner and not roles[0]:
            roles[0] = _strip_det(inner)
    elif m and len(mention.names) == 1 and not text[span.start : span.end].rstrip().endswith(","):
        role = m.group(1).strip()
        if role.split()[0].lower() in {"the", "a", "an", "who"} or role.split()[0].lower() in ROLE_NOUNS or role.split()[0].lower() in TITLES:
            if not role.lower().startswith("who"):
                roles[0] = _strip_det(role) if not roles[0] else f"{roles[0]}, {_strip_det(role)}"
    return tuple(roles)


def _strip_det(phrase: str) -> str:
    words = phrase.split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def _sentence_of(tokens: Tokens, starts: list[int], offset: int) -> Span | None:
    i = bisect.bisect_right(starts, offset) - 1
    return tokens.sentences[i].span if i >= 0 else None


# --- sides


def _speaker(entity: _Entity, text: str, sides: Mapping[str, str] | None, ident: str) -> Speaker:
    side, evidence = infer_side(entity.name, entity.role, sides=sides, party=_party_tag(text, entity))
    role = drop_invisible(entity.role) if entity.role else entity.role  # shown to the user: no invisible characters
    return Speaker(
        name=drop_invisible(entity.name),
        kind=entity.kind if entity.kind in ("person", "organisation", "country", "group", "unknown") else "unknown",
        role=role,
        side=side,
        side_evidence=evidence,
        mentions=tuple(sorted(set(entity.mentions))),
        id=ident,
        roles=(role,) if role else (),
    )


def speaker_slug(name: str) -> str:
    """The id form of a name: lower case ASCII letters and digits joined by hyphens.

    >>> speaker_slug("Heorhii Tykhyi"), speaker_slug("Recep Tayyip Erdoğan"), speaker_slug("the two delegations")
    ('heorhii-tykhyi', 'recep-tayyip-erdogan', 'the-two-delegations')
    """
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    ascii_name = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[^\W_]+", ascii_name)) or "speaker"


def unique_ids(names: list[str]) -> list[str]:
    """A slug per name, made unique by a number where two names share one.

    >>> unique_ids(["Ann Lee", "Ann  Lee", "Bo"])
    ['ann-lee', 'ann-lee-2', 'bo']
    """
    seen: dict[str, int] = {}
    out = []
    for name in names:
        slug = speaker_slug(name)
        seen[slug] = seen.get(slug, 0) + 1
        out.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return out


def _party_tag(text: str, entity: _Entity) -> str | None:
    """A "(R-Texas)" style tag right after one of the entity's mentions."""
    for span in entity.mentions:
        m = _PARTY_TAG.match(text, span.end, min(len(text), span.end + 24)) or _PARTY_TAG.match(text, span.end + 1, min(len(text), span.end + 25))
        if m:
            return m.group(1)
    return None


def infer_side(
    name: str, role: str | None, *, sides: Mapping[str, str] | None = None, party: str | None = None
) -> tuple[str | None, str | None]:
    """A speaker's side and the words it was inferred from; the user's mapping wins, None when unknown.

    >>> infer_side("Rustem Umerov", "head of the Ukrainian delegation")
    ('Ukraine', 'ukrainian')
    >>> infer_side("Rustem Umerov", None, sides={"Umerov": "Kyiv team"})
    ('Kyiv team', 'user mapping: Umerov')
    >>> infer_side("Jane Doe", "teacher")
    (None, None)
    """
    words = " ".join(x for x in (name, role) if x).lower().replace("’", "'")
    if sides:
        low_name = name.lower()
        surname = low_name.split()[-1] if low_name.split() else low_name
        for key, value in sides.items():
            k = key.lower().strip()
            if k in (low_name, surname):
                return value, f"user mapping: {key}"
        for key, value in sides.items():
            k = key.lower().strip()
            if k and re.search(rf"(?<![\w-]){re.escape(k)}(?![\w])", words):
                return value, f"user mapping: {key}"
    table = load_side_words()
    if role:
        found = _side_words_in(role.lower().replace("’", "'"), table)
        if found:
            return table[found], found
    found = _side_words_in(name.lower(), table)
    if found and found not in ("democrat", "republican"):
        return table[found], found
    if party in ("D", "R"):
        key = {"D": "d-", "R": "r-"}[party]
        if key in table:
            return table[key], f"({party}-…)"
    return None, None


def _side_words_in(phrase: str, table: Mapping[str, str]) -> str | None:
    tokens = re.findall(r"[\w.]+(?:[-'][\w]+)*-?", phrase)
    best = None
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            key = " ".join(tokens[i : i + n]).rstrip(".")
            if key in table:
                return key
            if n == 1 and "-" in tokens[i]:
                prefix = tokens[i].split("-", 1)[0] + "-"
                if prefix in table and best is None:
                    best = prefix
    return best
