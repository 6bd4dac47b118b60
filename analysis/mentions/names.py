"""Names: every capitalised name phrase of an article, its role words kept apart from the name.

A name phrase is a run of capitalised words, with the role words that
stand before a name ("Ukrainian Foreign Ministry spokesperson Heorhii
Tykhyi", "Retired U.S. Air Force Gen. Norman Ham", "Kremlin aide Yuri
Ushakov"), initials and abbreviation periods, name particles (de, van, bin)
and "of" inside a title ("Secretary of State John Kerry"). Each phrase is
split into its *role* (everything before the name) and its *name*: the
name starts after the last title, honorific or role word, and never holds
one. A possessive ends a name that is itself a mention ("Vladimir Putin's
advisor X" mentions Putin, and X with the role "Vladimir Putin's advisor").

Words at the start of a sentence are capitalised anyway: one is taken for a
name only when the words around it say so (another name word follows it, it
is a known given name, side word or outlet, or the article writes it
capitalised elsewhere and never in lower case). Function words ("However",
"His", "Both") never are. Lines written in title case (headlines) only give
names the rest of the article confirms.

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> text = "Retired U.S. Air Force Gen. Norman Ham and Kremlin aide Yuri Ushakov spoke. However, Ham left."
>>> [(p.name, p.role, p.kind) for p in find_names(tokenize(Article(text)))]
[('Norman Ham', 'Retired U.S. Air Force Gen.', 'person'), ('Yuri Ushakov', 'Kremlin aide', 'person'), ('Ham', None, 'unknown')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..records import Span, Tokens
from ..tokenize import INVISIBLE
from .lexicon import NameWords, load_name_words

PARTICLES = frozenset({"de", "da", "di", "del", "della", "dos", "das", "van", "von", "der", "den", "du", "la", "le", "al", "el", "bin", "ibn", "ben", "bint", "abu", "y", "zu"})
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "cmdr", "prof", "rev", "hon", "st", "jr", "sr", "atty", "supt", "insp", "brig", "pres", "sec", "amb", "ft", "mt"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # stay in the name ("Donald Trump Jr.")
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# a name right after one of these is where something happens, not who acts ("in Istanbul", "from Kyiv")
LOCATIVE = frozenset({"in", "at", "from", "into", "near", "across", "throughout", "inside", "outside", "toward", "towards", "via", "around", "within"})
MONTHS_AND_DAYS = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
MEDIA_NOUNS = frozenset({"agency", "newspaper", "daily", "broadcaster", "channel", "tabloid", "weekly", "outlet", "portal", "website", "radio", "television", "tv"})
OPENERS = frozenset({"“", '"', "‘", "'", "«", "„", "(", "[", ":", "—", "–", "-", "―", "…"})  # a capital after these starts a sentence
TITLE_CASE_SHARE = 0.7  # a line with this share of capitalised words (function words aside) is a headline
TITLE_CASE_MIN_WORDS = 4
_ZERO_WIDTH = re.compile(f"[{INVISIBLE}]")  # the tokenizer's invisible characters: inside words, never shown
_SPACES = re.compile(r"\s+")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")  # POWs, IDPs: plural nouns, not names
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")


@dataclass(frozen=True, slots=True)
class NamePhrase:
    """A name found in the text, with the role words before it."""

    span: Span  # the name's own words ("Rustem Umerov"); a possessive 's is left out
    phrase: Span  # the whole phrase, role words included
    name: str  # the name as written, spaces normalised, invisible characters removed
    role: str | None  # the words before the name ("Ukrainian Defense Minister"), honorifics left out
    kind: str  # person, organisation, country, outlet, place or unknown
    sentence: int
    gender: str | None = None  # from an honorific ("Mrs.")
    possessive: bool = False  # "Putin's": the name qualifies what follows
    locative: bool = False  # after "in", "from" …: a place, not an agent
    honorific: str | None = None  # "Mr.", "Dr." when one stands before the name

    @property
    def words(self) -> list[str]:
        return self.name.split()


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """A name as shown to a reader: invisible characters dropped, spaces normalised, possessive cut.

    >>> clean_name("Ume\\u200crov’s"), clean_name("Loretta  E. Lynch")
    ('Umerov', 'Loretta E. Lynch')
    """
    name = _SPACES.sub(" ", _ZERO_WIDTH.sub("", text)).strip(" ,;:")
    return re.sub(r"['’]s$|(?<=s)['’]$", "", name)


def find_names(tokens: Tokens, *, title_end: int = 0, words: NameWords | None = None) -> list[NamePhrase]:
    """Every name phrase of the article, in text order; text before ``title_end`` is its headline."""
    words = words or load_name_words()
    text = tokens.text
    sentences = [(sentence, [text[s:e] for s, e in sentence.words]) for sentence in tokens.sentences]
    headlines = [sentence.span.start < title_end or _title_case(raw, words) for sentence, raw in sentences]
    context = _ArticleContext([raw for (_, raw), headline in zip(sentences, headlines) if not headline], bool(_ZERO_WIDTH.search(text)))
    found: list[NamePhrase] = []
    for (sentence, raw), headline in zip(sentences, headlines):
        for phrase in _sentence_names(text, sentence.words, raw, sentence.index, words, context):
            if not headline:
                found.append(phrase)
            elif (confirmed := context.confirmed(phrase, words)) is not None:
                found.append(confirmed)
    return found


class _ArticleContext:
    """What the article's body says about a word: written in lower case somewhere, or capitalised mid-sentence."""

    def __init__(self, sentences: list[list[str]], invisible: bool = True) -> None:
        self.invisible = invisible  # the text holds zero-width characters to drop from words
        self.lower: set[str] = set()
        self.inner_caps: set[str] = set()
        for raw in sentences:
            previous = None
            for word in raw:
                if word[:1].islower():
                    self.lower.add(word)
                elif word[:1].isupper() and previous is not None and previous not in OPENERS and previous not in ".!?":
                    self.inner_caps.add(clean_name(word))
                previous = word

    def confirms(self, phrase: NamePhrase) -> bool:
        """A headline's name that the body writes too (as a whole or as the last word)."""
        return phrase.name in self.inner_caps or phrase.words[-1] in self.inner_caps

    def confirmed(self, phrase: NamePhrase, words: NameWords) -> NamePhrase | None:
        """A headline's name cut to the words the body confirms ("… Rip Donald Trump" → "Donald Trump"), no role.

        Capitalised headline words are no evidence of a name: the name ends at
        the last word the body also writes capitalised (a title-case "Says"
        after it is no part of it), and goes back over the words before it
        the body writes so too, up to a title ("Defence Minister Tagarev Says"
        → "Tagarev").
        """
        end = len(phrase.words)
        while end > 1 and phrase.words[end - 1] not in self.inner_caps:
            end -= 1
        if end < len(phrase.words) and phrase.words[end - 1].lower() in words.function:
            return None
        if end == len(phrase.words) and not self.confirms(phrase) or phrase.words[end - 1] not in self.inner_caps:
            return None
        kept = [phrase.words[end - 1]]
        for word in reversed(phrase.words[: end - 1]):
            if word not in self.inner_caps or end < len(phrase.words) and words.is_role_word(word.lower()):
                break
            kept.insert(0, word)
        name = " ".join(kept)
        at = phrase.name.rfind(name)
        if at < 0:
            return None
        start = phrase.span.start + at
        return replace(phrase, name=name, span=Span(start, start + len(name)), role=None)


def _title_case(raw: Sequence[str], words: NameWords) -> bool:
    """A headline-like line: no final stop, and most of its words, short function words aside, capitalised."""
    if raw[-1] in (".", "?", "!", "”", '"', "…"):
        return False
    content = [w for w in raw if w[:1].isalpha() and not (len(w) <= 4 and w.lower() in words.function)]
    if len(content) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(1 for w in content if w[:1].isupper()) >= TITLE_CASE_SHARE * len(content)


def _is_cap(word: str) -> bool:
    """A capitalised word (or a name particle glued to one: "al-Assad")."""
    if word[:1].isupper():  # an upper-case first character is a letter
        return not (word[-1] == "s" and _PLURAL_ACRONYM.match(word))
    if "-" not in word:
        return False
    head, _, rest = word.partition("-")
    return head in PARTICLES and rest[:1].isupper()


def _low(word: str) -> str:
    return _ZERO_WIDTH.sub("", word).replace("’", "'").lower()


def _sentence_names(text, spans, raw, index, words: NameWords, context: _ArticleContext):
    """The name phrases of one sentence."""
    low = [_low(w) for w in raw] if context.invisible else [w.replace("’", "'").lower() for w in raw]
    n = len(raw)
    i = 0
    role_words = words.role_words
    while i < n:
        first = raw[i][:1]
        if not first.isupper() and (low[i] not in role_words and "-" not in raw[i]):
            i += 1  # most words: lower case and no role word, so no name starts here
            continue
        if not _may_start(raw, low, i, words, context):
            i += 1
            continue
        j = _extend(raw, low, i, words)
        yield from _split_phrase(text, spans, raw, low, i, j, index, words)
        i = max(j, i + 1)


def _initial(raw: Sequence[str], i: int) -> bool:
    """Whether word ``i`` starts its sentence (or a quotation or clause opened by a mark)."""
    return i == 0 or raw[i - 1] in OPENERS


def _may_start(raw, low, i, words: NameWords, context: _ArticleContext) -> bool:
    """Whether a name phrase can start at word ``i``: a capitalised word, or a role word before a name."""
    word, lw = raw[i], low[i]
    base = lw.removesuffix("'s")
    if base in MONTHS_AND_DAYS and not _given_not_month(raw, low, i, words) or base in DETERMINERS or "-" in word and _compound_adjective(word, words):
        return False
    if base in words.function and not word.isupper() and (_initial(raw, i) or i + 1 >= len(raw) or not _is_cap(raw[i + 1])):
        return False  # "However", "His"; but "New York", "The Hague" inside a sentence
    if not _is_cap(word):
        return words.is_role_word(lw) and _reaches_name(raw, low, i, words)
    if not _initial(raw, i):
        return True
    if any(k < len(raw) and low[k] == "and" and _portfolio_title_after(raw, low, i, k, words) for k in (i + 1, i + 2)):
        return True  # "Water and Energy Minister Habtamu Itefa" opening a sentence
    return _initial_name(raw, low, i, words, context)


def _given_not_month(raw, low, i: int, words: NameWords) -> bool:
    """ "Jan Berg", "June Smith": a month's name that is a given name, written whole before a capitalised surname."""
    return (
        low[i] in words.given
        and raw[i][-1:] != "."
        and i + 1 < len(raw)
        and _is_cap(raw[i + 1])
        and low[i + 1] not in MONTHS_AND_DAYS
        and low[i + 1] not in words.function
    )


def _reaches_name(raw, low, i, words: NameWords) -> bool:
    """Whether the lower-case role words from ``i`` run into a capitalised word ("aide Yuri Ushakov")."""
    k = i
    while k < len(raw) and not _is_cap(raw[k]) and (words.is_role_word(low[k]) or _bridge(raw, low, k, words)):
        k += 1
    return k < len(raw) and k > i and _is_cap(raw[k]) and low[k] not in words.function


def _bridge(raw, low, k: int, words: NameWords) -> bool:
    """A lower-case noun between a modifier and a title inside a role ("foreign policy chief", "trade union leader")."""
    return (
        0 < k < len(raw) - 1
        and low[k - 1] in words.modifiers
        and (low[k + 1] in words.titles or words.nouns.get(low[k + 1]) == "role")
        and low[k].isalpha()
        and low[k] not in words.function
    )


def _initial_name(raw, low, i, words: NameWords, context: _ArticleContext) -> bool:
    """A capitalised word at the start of a sentence that the words around it show to be a name."""
    lw = low[i].removesuffix("'s")
    nxt = raw[i + 1] if i + 1 < len(raw) else ""
    if lw in words.given or lw in words.sides or lw in words.honorifics:
        return True
    if (lw in words.organisations or lw in words.titles) and nxt.lower() in ("of", "for") and i + 2 < len(raw) and _is_cap(raw[i + 2]):
        return True  # "Ministry of External Affairs", "President of Ukraine Volodymyr Zelensky"
    if (lw in words.titles or lw in words.modifiers or words.nouns.get(lw) == "body") and not _is_cap(nxt):
        # "Local teacher Ivan Petrov" starts a name; "First and foremost" does not
        return i + 1 < len(raw) and words.is_role_word(low[i + 1]) and _reaches_name(raw, low, i + 1, words)
    if words.outlets.is_outlet(raw[i]) or _ACRONYM.match(raw[i]):
        return True
    if _is_cap(nxt) and low[i + 1] not in words.function:
        if lw.endswith(("ing", "ed")) and lw not in words.given and not words.is_role_word(lw):
            return False  # "Injecting Clinton …", "Asked Trump …": a verb opens the sentence
        return lw not in words.nouns and lw not in words.modifiers or words.is_role_word(lw)
    if raw[i] in context.inner_caps:
        return True
    if lw in words.nouns or raw[i].lower() in context.lower or lw.endswith(("ing", "ly")):
        return False  # a common noun, a participle or adverb
    if lw.endswith("s") and (lw[:-1] in words.nouns or lw[:-1] in context.lower or len(lw) > 4 and lw[-2] not in "aeiouys"):
        return False  # a plural ("Civilians and children …", "Talks opened …"); "Vos said" stays a name
    return nxt in ("", ",", ":", "'s") or nxt[:1].islower()


def _extend(raw, low, i, words: NameWords) -> int:
    """The end (exclusive) of the name phrase starting at ``i``."""
    n = len(raw)
    j = i
    while j < n:
        word, lw = raw[j], low[j]
        if _is_cap(word) and (lw not in words.function or j == i) and (lw not in MONTHS_AND_DAYS or _given_not_month(raw, low, j, words)):
            j += 1
            if word.endswith(("'s", "’s")) and not (j < n and (words.is_role_word(low[j]) or _is_cap(raw[j]))):
                break  # "Russia's proposal": the possessive ends the phrase
        elif word == "." and j > i and _abbreviation(raw[j - 1], low[j - 1]):
            j += 1
        elif not _is_cap(word) and (words.is_role_word(lw) or _bridge(raw, low, j, words)) and (
            _reaches_name(raw, low, j, words) or j > i and lw in words.titles and _title_of_name(raw, low, j + 1)
        ):
            j += 1  # "aide Yuri Ushakov"; "former Indian ambassador | to China Ashok Kantha" (the "to" below)
        elif lw == "and" and j > i and j + 1 < n and (low[j + 1] in words.titles or low[j + 1] in words.modifiers) and _all_role(low, i, j, words):
            j += 1  # "Assistant to the President of Azerbaijan and Head of …": one role of two titles
        elif lw == "and" and j > i and j + 1 < n and _is_cap(raw[j + 1]) and _portfolio_title_after(raw, low, i, j, words):
            j += 1  # "Water and Energy Minister Habtamu Itefa": two portfolios before one title
        elif lw == "and" and j > i and j + 1 < n and _is_cap(raw[j + 1]) and _portfolio_before(raw, low, i, j, words):
            j += 1  # "Minister of Water Resources and Irrigation Hani Sewilam": one portfolio of two parts
        elif lw in PARTICLES and j > i and _particles_then_name(raw, low, j):
            j += 1
        elif (
            lw in ("of", "for") and _title_before(low, i, j, words)
            or lw == "on" and low[j - 1] in words.organisations  # "State Duma Committee on International Affairs"
            or lw == "to" and _to_role(low, j, words)
        ) and j > i and j + 1 < n:
            k = j + 2 if low[j + 1] == "the" and j + 2 < n else j + 1
            if not _is_cap(raw[k]):
                break
            j = k
        else:
            break
    return j


PORTFOLIO_WORDS = 2  # capitalised words of a portfolio before its "and" at most ("Foreign Affairs and …")


def _portfolio_before(raw, low, i: int, j: int, words: NameWords) -> bool:
    """Whether the "and" at ``j`` joins two parts of a title's portfolio: a title, "of"/"for", then one or two
    capitalised words that are no given name or side ("Minister of Foreign Affairs and International Cooperation"),
    and no title after it ("Secretary of State John Kerry and Foreign Minister …" are two people); in a body's
    name, one capitalised word after it that no name follows ("the Ministry of Water Resources and Irrigation")."""
    of = next((k for k in range(j - 1, i, -1) if low[k] in ("of", "for")), None)
    if of is None or low[j + 1] in words.titles or low[j + 1] in words.given or low[j + 1] in words.sides:
        return False
    if low[of - 1] in words.organisations:  # "the Ministry of Water Resources and Irrigation said": one word, then no name
        if j + 2 < len(raw) and _is_cap(raw[j + 2]):
            return False
    elif low[of - 1] not in words.titles:
        return False
    part = [k for k in range(of + 1, j) if low[k] != "the"]
    return 0 < len(part) <= PORTFOLIO_WORDS and all(_portfolio_word(raw, low, k, words) for k in part)


def _portfolio_word(raw, low, k: int, words: NameWords) -> bool:
    """A word that may be part of a portfolio: capitalised, and no given name or side ("Water", "Foreign")."""
    return _is_cap(raw[k]) and low[k] not in words.given and low[k] not in words.sides


def _portfolio_title_after(raw, low, i: int, j: int, words: NameWords) -> bool:
    """Whether the "and" at ``j`` joins two portfolios before one title: one or two capitalised words before it and
    after it that are no given name or side, then a title ("Water and Energy Minister", "Trade and Industry
    Secretary"), not two names ("Ukraine and Russia", "Anna Roe and Minister …")."""
    def portfolio(ks) -> bool:
        return all(_portfolio_word(raw, low, k, words) and low[k] not in words.titles for k in ks)

    if not 0 < j - i <= PORTFOLIO_WORDS or not portfolio(range(i, j)):
        return False
    title = next((k for k in range(j + 2, min(len(raw), j + 2 + PORTFOLIO_WORDS)) if low[k] in words.titles), None)
    return title is not None and portfolio(range(j + 1, title))


def _all_role(low, i: int, j: int, words: NameWords) -> bool:
    """Whether words ``i``..``j`` are all role, organisation, side or linking words: no name yet."""
    return all(
        low[k] in words.role_words or low[k] in words.organisations or low[k] in words.sides or low[k] in ("of", "for", "to", "the")
        for k in range(i, j)
    )


def _title_of_name(raw, low, k: int) -> bool:
    """Whether "to", "of" or "for" (and "the") at ``k`` lead into capitalised words: a title's complement ("ambassador
    to China …")."""
    if k >= len(raw) or low[k] not in ("to", "of", "for"):
        return False
    k += 2 if k + 1 < len(raw) and low[k + 1] == "the" else 1
    return k < len(raw) and _is_cap(raw[k])


def _to_role(low, j: int, words: NameWords) -> bool:
    """A role that goes on with "to" ("Assistant to the President", "Adviser to the Prime Minister", "Envoy to")."""
    return j > 0 and (low[j - 1] in words.titles or low[j - 1] in words.modifiers) and low[j - 1] not in DETERMINERS


def _particles_then_name(raw, low, j: int) -> bool:
    """Whether the name particles from ``j`` ("von der") run into a capitalised word ("Leyen")."""
    while j < len(raw) and low[j] in PARTICLES:
        j += 1
    return j < len(raw) and _is_cap(raw[j])


def _compound_adjective(word: str, words: NameWords) -> bool:
    """A hyphenated word of side names ("Ukraine-Russia talks", "U.S.-Russian"): an adjective, not a name."""
    parts = word.lower().split("-")
    return len(parts) > 1 and all(part in words.sides for part in parts)


def _abbreviation(word: str, lw: str) -> bool:
    """A word an abbreviation period belongs to: a title ("Gen"), an initial ("E"), "Jr"."""
    return lw in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _title_before(low, i, j, words: NameWords) -> bool:
    """Whether the word before "of" is a title or organisation word ("Secretary of State", "Ministry of Defence")."""
    lw = low[j - 1]
    if lw in words.titles or lw in words.organisations or words.nouns.get(lw) == "role":
        return True
    # "Secretary of State for African Affairs": a portfolio word after a title's "of" goes on too; inside a
    # body's name any capitalised word does ("Ministry of Defence of Ukraine", "Coordination Headquarters for
    # the Treatment of Prisoners of War")
    if any(low[k] in words.organisations for k in range(i, j - 1)):
        return True
    return lw in words.modifiers and any(low[k] in words.titles for k in range(i, j - 1))


def _role_token(word: str, lw: str, words: NameWords) -> bool:
    """A word that belongs to a role before a name: a title, honorific, modifier, role noun or possessive."""
    return (
        lw in words.titles
        or lw in words.honorifics
        or lw in words.modifiers
        or words.nouns.get(lw) == "role"
        or word.endswith(("'s", "’s"))
        or word == "."
        or lw in ("of", "for", "to", "the")
    )


def _split_phrase(text, spans, raw, low, i, j, index, words: NameWords):
    """Name phrases from words ``i``..``j``: possessors first, then the head name with its role."""
    start = i
    for k in range(i, j):
        if raw[k].endswith(("'s", "’s")) and k + 1 < j:
            possessor = _name_part(raw, low, start, k + 1, words)
            if possessor is not None:
                yield _phrase(text, spans, raw, low, start, possessor, k + 1, index, words, possessive=True)
    outlet = _outlet(text, spans, raw, i, j, words)
    if outlet is not None:
        yield _phrase(text, spans, raw, low, i, outlet, j, index, words)
        return
    for cut in range(j - 1, i + 1, -1):  # "the Washington Post Trump interview": an outlet, then a name
        if low[cut - 1] in words.outlet_words and _is_cap(raw[cut]) and _outlet(text, spans, raw, i, cut, words) is not None:
            yield from _split_phrase(text, spans, raw, low, i, cut, index, words)
            yield from _split_phrase(text, spans, raw, low, cut, j, index, words)
            return
    if j - i == 1 and _adjective_only(low[i], words):
        return  # "Ukrainian" alone is a side word, not a name
    whole = _listed_whole(raw, low, i, j, words)
    if whole is None:
        whole = _body_of_state(raw, low, i, j, words)
    if whole is not None:
        yield _phrase(text, spans, raw, low, i, whole, j, index, words)
        return
    head_start = _name_part(raw, low, i, j, words, initial=_initial(raw, i))
    if head_start is None:
        organisation = _organisation(raw, low, i, j, words)
        if organisation is not None:
            yield _phrase(text, spans, raw, low, i, organisation, j, index, words)
        return
    yield _phrase(text, spans, raw, low, i, head_start, j, index, words, possessive=raw[j - 1].endswith(("'s", "’s")))


# What an agency does when it is no news agency: "the UN refugee agency UNHCR", "the nuclear agency", "the spy agency".
PUBLIC_AGENCY_WORDS = frozenset({
    "refugee", "refugees", "nuclear", "atomic", "intelligence", "spy", "security", "space", "humanitarian", "health",
    "aid", "relief", "food", "migration", "energy", "environment", "environmental", "border", "un", "u.n.", "children's",
    "development", "protection", "monitoring", "anti-corruption", "regulatory",
})  # fmt: skip


def _public_agency(low, k: int) -> bool:
    """Whether the "agency" at ``k`` is a public body, not a news agency: a word of what it does before it."""
    return low[k] == "agency" and k > 0 and low[k - 1] in PUBLIC_AGENCY_WORDS


def _outlet(text, spans, raw, i, j, words: NameWords) -> int | None:
    """Where an outlet's name starts when the capitalised words of the phrase name one ("Ukrainian Pravda")."""
    k = i
    while k < j and not _is_cap(raw[k]):
        k += 1
    if k < j and words.outlets.is_outlet(text[spans[k][0] : spans[j - 1][1]]):
        return k
    return None


def _listed_whole(raw, low, i, j, words: NameWords) -> int | None:
    """Where a listed multi-word institution or country starts when the phrase is one ("White House", "State Department")."""
    k = i
    while k < j and not _is_cap(raw[k]):
        k += 1
    if j - k > 1:
        side = words.sides.get(" ".join(low[k:j]).removesuffix("'s"))
        if side is not None and side[1] in ("institution", "country", "place"):
            return k
    return None


def _body_of_state(raw, low, i, j, words: NameWords) -> int | None:
    """Where a state body's name starts when the phrase ends "… of [the] <state>" after an organisation noun
    ("General Staff of the Armed Forces of Ukraine", "Office of the President of Ukraine"): one organisation,
    not a country with the rest as its role. A role word before the body ("Head of the Office of …") leaves
    the phrase to the person rules."""
    if j - i < 3 or low[j - 2] != "of" and not (low[j - 2] == "the" and j - i >= 4 and low[j - 3] == "of"):
        return None
    side = words.sides.get(low[j - 1])
    if side is None or side[1] not in ("country", "place"):
        return None
    body = next((k for k in range(i, j - 2) if low[k] in words.organisations and _is_cap(raw[k])), None)
    if body is None:
        return None
    start = body
    while start > i and _is_cap(raw[start - 1]):  # "Main Intelligence Directorate", "General Staff"
        start -= 1
    if any(low[k] in words.titles or words.nouns.get(low[k]) == "role" for k in range(i, start)):
        return None
    return start


def _adjective_only(lw: str, words: NameWords) -> bool:
    """A nationality or party adjective ("Ukrainian", "Democratic"), not a name by itself."""
    side = words.sides.get(lw)
    return side is not None and (side[1] == "adjective" or side[1] == "party" and not lw.endswith("s"))


def _name_part(raw, low, i, j, words: NameWords, *, initial: bool = False) -> int | None:
    """Where the name starts among words ``i``..``j`` (after the last role word that leaves a name), or None."""
    last_role = None
    for k in range(i, j - 1):
        if raw[k] == "." and not (k > i and (low[k - 1] in words.titles or low[k - 1] in words.honorifics or low[k - 1] in ABBREVIATIONS and low[k - 1] not in SUFFIXES)):
            continue  # the period of an initial ("Loretta E. Lynch") belongs to the name
        if k > i and low[k - 1] in words.given and _is_cap(raw[k - 1]) and low[k] in words.honorifics and low[k] not in words.titles and last_role != k - 1:
            continue  # "Hassan Sheikh Mohamud": an honorific right after a given name is a word of the name
        if _role_token(raw[k], low[k], words) and _is_cap(raw[j - 1]) or _side_modifier(low[k], words, k, j):
            last_role = k
    first = next((k for k in range(i, j) if _is_cap(raw[k])), j)
    if first + 1 < j and low[first] in words.organisations and low[first + 1] in ("of", "for") and not any(
        low[k] in words.titles or words.nouns.get(low[k]) == "role" for k in range(first + 2, j)
    ):
        return None  # "Ministry of External Affairs": an organisation named by its head noun
    body = next((k for k in range(first + 1, j - 1) if low[k] in words.organisations and low[k + 1] in ("of", "for")), None)
    if body is not None and not any(_role_word(raw, low, k, words) or k >= body and low[k] in words.given for k in range(i, j)):
        # "Roper Center for Public Opinion Research", "Coordination Headquarters for the Treatment of Prisoners of
        # War": no title (a capitalised role noun after the body's "of" is a word of its name), so no person
        return None
    start = i if last_role is None else last_role + 1
    while start < j and not _is_cap(raw[start]):
        start += 1
    if last_role is None and initial and low[start] not in words.given:
        # "Engineer Sam Ortiz" opening a sentence: the capital says nothing, the given name does
        start = next((k for k in range(start + 1, j - 1) if low[k] in words.given), start)
    elif j - start >= 3 and low[start] not in words.given and low[start] not in PARTICLES and low[start + 1] in words.given:
        start += 1  # "Comrade Joe Ajaero", "Alhaji Musa Bello": a word before a given name is a title
    if start >= j:
        return None
    if last_role is not None and ("of" in low[i:start] or "for" in low[i:start] or "to" in low[i:start]):
        start = _given_name_after(low, start, j, words)
    if words.sides.get(low[j - 1], ("", ""))[1] == "party":
        return None  # "the New York Democrat": a description, not a name
    if all((low[k] in words.role_words or low[k] in words.organisations or low[k] in words.function) and low[k] not in words.sides for k in range(start, j)):
        return None  # "Heads of State": lexicon words only, no name
    if any(low[k] in words.organisations for k in range(start, j)) and last_role is not None and low[j - 1] in words.organisations:
        return None  # "Ukrainian Foreign Ministry": an organisation, not a person with a role
    return start


def _role_word(raw, low, k: int, words: NameWords) -> bool:
    """A title or role noun at ``k`` that makes a phrase a person's role: any title, and a role noun unless it is
    capitalised after "of"/"for" ("… of Prisoners of War" names a body)."""
    if low[k] in words.titles:
        return True
    if words.nouns.get(low[k]) != "role":
        return False
    return not (_is_cap(raw[k]) and k > 0 and low[k - 1] in ("of", "for", "the"))


def _side_modifier(lw: str, words: NameWords, k: int, j: int) -> bool:
    """A nationality, country or party word before the name ("Ukrainian", "U.S.", "Republican"): part of the role."""
    side = words.sides.get(lw)
    return side is not None and side[1] in ("adjective", "country", "party") and k < j - 1


def _given_name_after(low, start: int, j: int, words: NameWords) -> int:
    """After "Minister of Foreign Affairs", the name starts at its given name when one is known, else after
    the last role or organisation word ("Secretary of State for African Affairs | Molly Phee"), else it is the
    last two words: a portfolio the lexicon does not know goes with the title ("Federal Minister for
    Information | Marriyum Aurangzeb")."""
    for k in range(start, j):
        if low[k] in words.given:
            return k
    for k in range(j - 2, start - 1, -1):
        if low[k] in words.role_words or low[k] in words.organisations:
            return k + 1
    return j - 2 if j - start >= 3 else start


def _organisation(raw, low, i, j, words: NameWords) -> int | None:
    """Where an organisation's name starts when the phrase names one ("the Russian Defence Ministry")."""
    k = i
    while k < j and not _is_cap(raw[k]):
        k += 1
    acronym = _ACRONYM.match(raw[j - 1]) and low[j - 1] not in words.titles  # "the MP" is a role, not a body
    if k < j and (low[j - 1] in words.organisations or acronym or low[k] in words.organisations):
        return k
    if k < j and any(low[m] in words.organisations and low[m + 1] in ("of", "for") for m in range(k, j - 1)):
        return k  # "the Roper Center for Public Opinion Research"
    return None


def _phrase(text, spans, raw, low, i, k, j, index, words: NameWords, *, possessive: bool = False) -> NamePhrase:
    """The record for words ``i``..``j`` with the name starting at ``k``."""
    end = j
    while end > k and raw[end - 1] in (".", ",") and not _abbreviation(raw[end - 2], low[end - 2]):
        end -= 1
    name = clean_name(text[spans[k][0] : spans[end - 1][1]])
    honorific = next((raw[m] for m in range(i, k) if low[m] in words.honorifics), None)
    role_words = [raw[m] for m in range(i, k) if low[m] not in words.honorifics and not (raw[m] == "." and m > i and low[m - 1] in words.honorifics)]
    role = clean_name(" ".join(role_words).replace(" .", ".").replace(" 's", "'s")) if role_words else None
    gender = words.honorifics.get(low[m]) if (m := next((m for m in range(i, k) if low[m] in words.honorifics), None)) is not None else None
    locative = i > 0 and low[i - 1] in LOCATIVE
    kind = _kind(name, raw[k:end], low[k:end], role, honorific, words)
    if i > 0 and low[i - 1] in MEDIA_NOUNS and kind in ("unknown", "organisation", "person") and not honorific and not _public_agency(low, i - 1):
        kind = "outlet"  # "the state news agency OSA", "the broadcaster Kanal 5"
    listed = words.sides.get(" ".join(low[k:end]).removesuffix("'s"))
    if locative and (kind == "unknown" or kind == "person" and not (role or honorific or low[k] in words.given) or listed and listed[1] == "place"):
        kind = "place"  # "in Istanbul", "at Ground Zero"
    name_span = Span(spans[k][0], spans[end - 1][1] - (2 if possessive and raw[end - 1].endswith(("'s", "’s")) else 0))
    return NamePhrase(
        span=name_span,
        phrase=Span(spans[i][0], spans[j - 1][1]),
        name=name,
        role=role or None,
        kind=kind,
        sentence=index,
        gender=gender or None,
        possessive=possessive,
        locative=locative,
        honorific=honorific,
    )


def _kind(name: str, raw, low, role: str | None, honorific: str | None, words: NameWords) -> str:
    """person, organisation, country, outlet or unknown, from the name's own words and what stands before it."""
    full = " ".join(low).replace(" .", ".").removesuffix("'s")
    if words.outlets.is_outlet(name) and not (role or honorific):
        return "outlet"
    side = words.sides.get(full)
    if side is not None and side[1] in ("country", "place"):
        return "country"
    if side is not None and side[1] == "institution" or any(w in words.organisations for w in low):
        return "organisation"
    if len(raw) == 1 and _ACRONYM.match(raw[0]):
        return "organisation"
    if side is not None and side[1] == "group" or (len(raw) == 1 and raw[0].endswith("s") and (low[0][:-1] in words.sides)):
        return "group"  # "Ukrainians", "Republicans"
    if low[-1] in words.things and not honorific:
        return "unknown"  # "Montreux Convention", "Peace Formula", "Snake Island": no person
    if honorific or len(raw) > 1 or low[0] in words.given:
        return "person"
    if role and any(w.lower().rstrip(".") in words.titles or words.nouns.get(w.lower()) == "role" for w in role.split()):
        return "person"  # "President Obama"; but "Defence Intelligence" is no person
    return "unknown"
