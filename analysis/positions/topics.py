"""Topics of positions: the lexicon an article is read with, each phrase in its sense, and the topic's name.

* :func:`choose_topics` — with no topic file, an article is read with the
  shipped lexicon whose naming phrases its text holds most
  (:data:`SHIPPED_LEXICONS`: conflict negotiations, an election campaign), so
  US election news gets taxes and immigration, not "return of remains";
* :func:`sense_fits` — a phrase with a ``sense`` (fourth column of a topic
  file) names its topic only with one of the sense words within
  :data:`SENSE_WINDOW` words and none of its ``!`` words ("remains under
  investigation" is not the return of remains);
* :func:`topic_name` — the lexicon's name, plus the noun phrase the clause
  names it by when that says more ("prisoner exchange: detained sailors");
* :func:`topic_screen` — a quick pattern that rules out quotes naming no topic.

>>> from analysis.tone import read_topics
>>> choose_topics("Trump said the tax plan would cut taxes; Clinton spoke on immigration.")[1]
'topics-election.tsv'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..records import Topic
from ..data import shipped_text
from ..tone import TOPICS_FILE, PhraseMatcher, parse_topics
from .quantities import QUANTITY_QUALIFIERS

ELECTION_FILE = "topics-election.tsv"
SHIPPED_LEXICONS = (TOPICS_FILE, ELECTION_FILE)  # in analysis/data/; the first is the default on a tie
CHOICE_LEAD = 2  # how many more phrases another shipped lexicon must name than the default to be chosen
SENSE_WINDOW = 4  # words either side of a phrase its sense words are looked for in
NUMBER_SENSE = "#"  # a sense word standing for any number
# Words a noun phrase does not reach over: determiners, pronouns, prepositions (but "of"), conjunctions, auxiliaries.
FUNCTION_WORDS = frozenset(
    "a an the this that these those its their his her our your my any every each all some no not "
    "to in on at by with from into onto as than for about against between after before over under "
    "and or but nor so if while whereas which who whom whose what when where why how "
    "is are was were be been being am has have had do does did will would shall should can could may might must "
    "it they them we us he she him i you there here also only just still even again then up down out".split()
)
NP_WORDS = 3  # content words of a noun phrase after "of", and before its head
QUALIFIER_WORDS = frozenset(w for q in QUANTITY_QUALIFIERS for w in q.split())  # "at", "least", "over" …
_ADJECTIVE_ENDINGS = ("al", "ian", "ic", "ary", "ive", "ous", "ed", "ern", "ese", "ful", "less", "ish", "ent", "ant", "term")


@lru_cache(maxsize=4)
def shipped_topics(name: str) -> tuple[Topic, ...]:
    """One of the shipped topic lexicons (:data:`SHIPPED_LEXICONS`), read once."""
    return parse_topics(shipped_text(name), source=name)


_EDGE = r"\b"  # between a word character and another character: where a word of PhraseMatcher.tokens starts or ends


def _is_word_character(char: str) -> bool:
    """Whether ``char`` is one of the regular expression ``\\w``'s characters."""
    return char.isalnum() or char == "_"


@lru_cache(maxsize=16)
def topic_screen(topics: tuple[Topic, ...]) -> re.Pattern:
    """A pattern found in a lower-cased text (’ written ') wherever one of the topics' phrases could start.

    A phrase matches only where its first word does, and a word of the
    phrase matcher starts and ends at a word boundary, so a text in which
    this finds nothing names no topic: :func:`~analysis.positions.find_positions`
    skips such a quote without cutting it into clauses and words. It may find
    more (the rest of the phrase is not looked at), never less.

    >>> from analysis.tone import read_topics
    >>> screen = topic_screen(read_topics())
    >>> [bool(screen.search(text)) for text in ("the prisoners' release", "a peace rally", "a powerful nobody")]
    [True, True, False]
    """
    return phrase_screen(tuple(phrase for topic in topics for phrase in topic.phrases))


@lru_cache(maxsize=16)
def phrase_screen(phrases: tuple[str, ...]) -> re.Pattern:
    """A pattern found in a lower-cased text (’ written ') wherever one of ``phrases`` could start (see
    :func:`topic_screen`).

    >>> bool(phrase_screen(("ready to|for", "refuse*")).search("they refused")), bool(phrase_screen(("refuse*",)).search("a fuse"))
    (True, False)
    """
    groups: dict[tuple[bool, bool], dict[str, None]] = {}
    for phrase in phrases:
        for kind, value in PhraseMatcher.parse(phrase)[0]:
            before = kind in ("=", ">") and _is_word_character(value[0])  # the word, or the start of one
            after = kind in ("=", "<") and _is_word_character(value[-1])  # the word (possessive 's too), or its end
            groups.setdefault((before, after), {})[re.escape(value)] = None
    return re.compile(
        "|".join(
            rf"{_EDGE if before else ''}(?:{'|'.join(sorted(words, key=len, reverse=True))}){_EDGE if after else ''}"
            for (before, after), words in sorted(groups.items(), reverse=True)
        )
    )


def choose_topics(text: str) -> tuple[tuple[Topic, ...], str]:
    """(topics, file name) of the shipped lexicon ``text`` names most: another than the default (the first
    of :data:`SHIPPED_LEXICONS`) only when it names at least :data:`CHOICE_LEAD` more of its phrases."""
    counts = lexicon_counts(text)
    best = SHIPPED_LEXICONS[0]
    for name in SHIPPED_LEXICONS[1:]:
        if counts[name] >= counts[best] + CHOICE_LEAD:
            best = name
    return shipped_topics(best), best


def lexicon_counts(text: str) -> dict[str, int]:
    """How many naming phrases (without a sense check) of each shipped lexicon ``text`` holds."""
    counts = {}
    words = None
    for name in SHIPPED_LEXICONS:
        matcher = _naming_matcher(name)
        if words is None:
            words, _ = matcher.tokens(text)
        counts[name] = len(matcher.find_words(words))
    return counts


def corpus_lexicon(paths, *, encoding: str | None = None, max_bytes: int | None = None) -> tuple[tuple[Topic, ...], str]:
    """(topics, file name) of the shipped lexicon a whole corpus names most (as :func:`choose_topics` for one text)."""
    from ..records import Article
    from ..streams import corpus_items

    totals = dict.fromkeys(SHIPPED_LEXICONS, 0)
    for item in corpus_items(paths, encoding=encoding, max_bytes=max_bytes):
        if isinstance(item, Article):
            for name, count in lexicon_counts(item.text).items():
                totals[name] += count
    best = SHIPPED_LEXICONS[0]
    for name in SHIPPED_LEXICONS[1:]:
        if totals[name] >= totals[best] + CHOICE_LEAD:
            best = name
    return shipped_topics(best), best


@lru_cache(maxsize=4)
def _naming_matcher(name: str) -> PhraseMatcher:
    """A matcher of a shipped lexicon's naming phrases that carry no sense check."""
    topics = shipped_topics(name)
    checked = {phrase for topic in topics for phrase, _ in topic.senses}
    return PhraseMatcher([(topic.name, p) for topic in topics for p in topic.phrases if p not in checked])


# --- senses ---


@lru_cache(maxsize=256)
def parse_sense(sense: str) -> tuple[tuple, tuple]:
    """(needed, excluded) word patterns of a sense: space-separated words, ``!`` before an excluded one.

    >>> needed, excluded = parse_sense("of bodies !under")
    >>> len(needed), len(excluded)
    (2, 1)
    """
    needed, excluded = [], []
    for word in sense.split():
        target = excluded if word.startswith("!") else needed
        word = word.lstrip("!")
        if word == NUMBER_SENSE:
            target.append(NUMBER_SENSE)
            continue
        target.append(PhraseMatcher.parse(word)[0])
    return tuple(needed), tuple(excluded)


def _fits(pattern, word: str) -> bool:
    if pattern == NUMBER_SENSE:
        return word[:1].isdigit()
    for kind, value in pattern:
        if (
            (kind == "=" and word == value)
            or (kind == ">" and word.startswith(value))
            or (kind == "<" and word.endswith(value))
            or (kind == "~" and value in word)
        ):
            return True
    return False


def sense_fits(words: Sequence[str], i: int, j: int, sense: str) -> bool:
    """Whether the phrase at ``words[i:j]`` is used in the sense ``sense`` asks for (see :func:`parse_sense`).

    >>> sense_fits("the case remains under investigation".split(), 2, 3, "of bodies return*")
    False
    >>> sense_fits("the remains of 3,000 soldiers".split(), 1, 2, "of bodies return*")
    True
    """
    needed, excluded = parse_sense(sense)
    near = [*words[max(0, i - SENSE_WINDOW) : i], *words[j : j + SENSE_WINDOW]]
    if any(_fits(p, w) for p in excluded for w in near):
        return False
    return not needed or any(_fits(p, w) for p in needed for w in near)


@lru_cache(maxsize=16)
def sense_table(topics: tuple[Topic, ...]) -> dict[tuple[str, str], str]:
    """(topic name, phrase) → sense, for the phrases of ``topics`` that have one."""
    return {(topic.name, phrase): sense for topic in topics for phrase, sense in topic.senses}


# --- names ---


def _stem(word: str) -> str:
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    for ending in ("ing", "ies", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            return word[: -len(ending)]
    return word


def _modifier(word: str) -> bool:
    """A word that may stand before a noun phrase's head: hyphenated, or shaped like an adjective."""
    lowered = word.lower()
    return (
        word.isalpha() is False and "-" in word and word.replace("-", "").isalpha()
    ) or (word.isalpha() and lowered not in FUNCTION_WORDS and lowered.endswith(_ADJECTIVE_ENDINGS))


def noun_phrase(written: Sequence[str], i: int, j: int, stops: set[int]) -> tuple[int, int]:
    """The words (``i``, ``j``) of the noun phrase around the phrase ``written[i:j]``: adjective-shaped words
    before it, and "of" with what it governs after it, past a quantity ("the return of 1,200 civilians");
    a phrase used as a verb takes its object ("to free the rebel detainees", "hand back over 2,000 bodies");
    ``stops`` are words it does not take (stance words)."""
    start = i
    while start > 0 and i - start < NP_WORDS - 1 and start - 1 not in stops and _modifier(written[start - 1]):
        start -= 1
    end = j
    if end + 1 < len(written) and written[end].lower() in ("of", "for") and end + 1 not in stops:
        end = _complement(written, end + 1, stops, end)
    elif _verb_use(written, i, j):
        end = _complement(written, j, stops, end)
    if end > j and end + 1 < len(written) and written[end].lower() == "of" and end + 1 not in stops:
        end = _complement(written, end + 1, stops, end)  # "the bodies of fallen soldiers"
    return start, end


# Words that open the object of a topic phrase used as a verb ("free the detainees", "return all civilians").
OBJECT_DETERMINERS = frozenset("the a an all its their our his her those these every any".split())
# Words between a determiner and a quantity that go with the quantity ("another 200 prisoners").
QUANTITY_ADJECTIVES = frozenset("additional further another extra".split())
# Words before a phrase that make it a verb: the infinitive "to", auxiliaries, modals, negation, a first step.
VERB_LEADS = frozenset("to will would can could must should shall may might not never first and or".split())


def _verb_use(written: Sequence[str], i: int, j: int) -> bool:
    """Whether the phrase ``written[i:j]`` is a verb with an object: after "to", a modal or a negation, and
    followed by a determiner or a quantity ("would hand back over 2,000 bodies"), not a noun ("the exchange")."""
    if i == 0 or j >= len(written) or written[i - 1].lower() not in VERB_LEADS:
        return False
    return written[j].lower() in OBJECT_DETERMINERS or _quantity_end(written, j) > j


def _quantity_end(written: Sequence[str], k: int) -> int:
    """Past a quantity at word ``k`` ("1,200", "at least 500", "over 2,000"); ``k`` when none starts there."""
    start = k
    while k < len(written) and written[k].lower() in QUALIFIER_WORDS:
        k += 1
    if k >= len(written) or not written[k][:1].isdigit():
        return start
    while k < len(written) and (written[k][:1].isdigit() or (written[k] == "," and k + 1 < len(written) and written[k + 1][:1].isdigit())):
        k += 1
    return k


def _complement(written: Sequence[str], k: int, stops: set[int], end: int) -> int:
    """The end of the words a phrase ending at ``end`` takes from word ``k`` on: determiners and a quantity
    skipped, then up to :data:`NP_WORDS` content words; ``end`` when it takes none."""
    while k < len(written) and written[k].lower() in OBJECT_DETERMINERS:
        k += 1
    if k + 1 < len(written) and written[k].lower() in QUANTITY_ADJECTIVES and _quantity_end(written, k + 1) > k + 1:
        k += 1  # "an additional 3,000 soldiers"
    k = _quantity_end(written, k)
    taken = 0
    while k < len(written) and taken < NP_WORDS and k not in stops:
        word = written[k]
        if not word[:1].isalpha() or word.lower() in FUNCTION_WORDS or word.lower() == "of":
            break
        k, taken = k + 1, taken + 1
    return k if taken else end


def topic_name(name: str, phrase: str) -> str:
    """The topic's name, with the words the clause named it by when they say more (at most a few words).

    >>> topic_name("prisoner exchange", "exchange of prisoners"), topic_name("prisoner exchange", "detained sailors")
    ('prisoner exchange', 'prisoner exchange: detained sailors')
    """
    known = {_stem(w) for w in re.findall(r"[\w'-]+", name)}
    words = re.findall(r"[\w'-]+", phrase)
    if not words or all(_stem(w) in known or w.lower() in FUNCTION_WORDS or w.lower() == "of" for w in words):
        return name
    return f"{name}: {' '.join(words)}"
