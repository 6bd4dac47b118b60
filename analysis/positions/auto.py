"""Automatic topics: what several speakers of a corpus talk about, proposed as a topic lexicon.

When a corpus has no topic file (``analysis positions --topics auto``), the
phrases that recur in what several speakers say become its topics: every
one- and two-word phrase of lower-case content words in the quotes is
counted by the speakers who use it, and those used by at least
``min_speakers`` different speakers, most widely used first, are kept (a
word is left out when a kept two-word phrase holding it is used as widely).
:func:`write_topics` writes them as a topic file the user reviews, edits and
passes back with ``--topics FILE``.

>>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
>>> def quoted(text, name):
...     quote = Quote("indirect", (Span(0, len(text)),), None, None, (Speaker(name, id=name),))
...     return AttributedArticle(Article(text), Tokens(text, (), ()), (quote,))
>>> corpus = [quoted("we need a border wall now", "a"), quoted("the border wall is a fantasy", "b"), quoted("no wall", "c")]
>>> [t.name for t in propose_topics(corpus, min_speakers=2)]
['border wall']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError
from ..records import AttributedArticle, Topic
from .topics import FUNCTION_WORDS

MIN_SPEAKERS = 2  # a phrase is a topic when at least this many speakers use it
TOPIC_LIMIT = 40  # at most this many automatic topics
MIN_LETTERS = 5  # a one-word topic has at least this many letters
# Words that recur in any speech without naming what it is about (beside FUNCTION_WORDS).
GENERIC_WORDS = frozenset(
    "said says say saying think going want wants know people thing things time times year years way lot "
    "really very much many more most well good great just like make made get got going gonna come take "
    "told tell see look need needs right today day week going something nothing everything anything "
    "one two three first last new other same own every never always because about whether during through out "
    "back single important show done help real trying answer work change issue issues questions question "
    "percent million billion number part place point case fact kind sure better best worse bad different "
    "help called asked talking talk saying thought believe feel getting doing using going put keep let "
    "long little big high end years state states country world american americans support".split()
)
_WORD = re.compile(r"[A-Za-z][a-z]+(?:[-'][a-z]+)*")


def _phrases(text: str) -> set[str]:
    """The one- and two-word phrases of lower-case content words in ``text``."""
    words = []
    for match in _WORD.finditer(text):
        word = match.group()
        content = word.islower() and word not in FUNCTION_WORDS and word not in GENERIC_WORDS and not word.endswith("ly")
        words.append(word if content else None)
    found = {w for w in words if w and len(w) >= MIN_LETTERS}
    found |= {f"{a} {b}" for a, b in zip(words, words[1:]) if a and b}
    return found


def quote_phrases(attributed: AttributedArticle) -> dict[str, set[str]]:
    """phrase → the keys of the speakers who use it in this article (a part that :func:`merge_phrases` adds up)."""
    text = attributed.article.text
    by_phrase: dict[str, set[str]] = defaultdict(set)
    for quote in attributed.quotes:
        if not quote.speakers:
            continue
        keys = {s.id or s.name for s in quote.speakers}
        for phrase in _phrases(" ".join(span.text(text) for span in quote.content)):
            by_phrase[phrase] |= keys
    return dict(by_phrase)


def merge_phrases(parts: Iterable[dict[str, set[str]]]) -> dict[str, set[str]]:
    """The per-article parts of :func:`quote_phrases` added up over a corpus."""
    merged: dict[str, set[str]] = defaultdict(set)
    for part in parts:
        for phrase, keys in part.items():
            merged[phrase] |= set(keys)
    return dict(merged)


def topics_from_phrases(
    by_phrase: dict[str, set[str]], *, min_speakers: int = MIN_SPEAKERS, limit: int = TOPIC_LIMIT
) -> tuple[Topic, ...]:
    """The topics of a corpus from its phrases and their speakers: the most widely used first."""
    counts = Counter({p: len(keys) for p, keys in by_phrase.items() if len(keys) >= min_speakers})
    pairs = {p: n for p, n in counts.items() if " " in p}
    kept: list[str] = []
    for phrase, n in sorted(counts.items(), key=lambda item: (-item[1], " " not in item[0], item[0])):
        if " " not in phrase and any(phrase in pair.split() and m >= n for pair, m in pairs.items() if pair in kept):
            continue
        kept.append(phrase)
        if len(kept) >= limit:
            break
    return tuple(Topic(phrase, (_pattern(phrase),)) for phrase in kept)


def _pattern(phrase: str) -> str:
    """The phrase as a pattern of topics.tsv, its last word with any ending ("border wall*")."""
    return f"{phrase}*"


def propose_topics(
    articles: Iterable[AttributedArticle], *, min_speakers: int = MIN_SPEAKERS, limit: int = TOPIC_LIMIT
) -> tuple[Topic, ...]:
    """Topics for a corpus from what its speakers say (see the module), to pass as ``topics=``."""
    return topics_from_phrases(merge_phrases(quote_phrases(a) for a in articles), min_speakers=min_speakers, limit=limit)


def write_topics(topics: Iterable[Topic], path: str | Path, *, source: str = "automatic topics") -> Path:
    """Write ``topics`` as a topic file (the format of ``analysis/data/topics.tsv``) to review and pass back."""
    path = Path(path)
    lines = [
        f"# Topic lexicon: {source}. Review it: rename topics, merge phrases under one name, delete what is no topic.",
        "# Columns (tab-separated): topic <TAB> phrase [<TAB> topic|aside [<TAB> sense]]; see analysis/data/README.md",
    ]
    for topic in topics:
        lines += [f"{topic.name}\t{phrase}" for phrase in topic.phrases]
        lines += [f"{topic.name}\t{phrase}\taside" for phrase in topic.aside]
    try:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as error:
        raise OutputError(f"--write-topics {path}: cannot be written ({error}); give a file in a folder you can write") from error
    return path


def _article_phrases(article, *, sides=None) -> dict[str, set[str]]:
    """Attribute one article and count its quote phrases (runs in a worker)."""
    from ..attribution import attribute

    return quote_phrases(attribute(article, sides=sides))


def corpus_topics(paths, *, jobs: int | None = None, client=None, sides=None, encoding: str | None = None,
                  max_bytes: int | None = None, min_speakers: int = MIN_SPEAKERS, limit: int = TOPIC_LIMIT) -> tuple[Topic, ...]:
    """Automatic topics for the corpus under ``paths`` (files, folders, globs), read in ``jobs`` worker processes."""
    from functools import partial

    from ..batch import map_articles
    from ..records import LoadFailure
    from ..streams import corpus_items

    items = corpus_items(paths, encoding=encoding, max_bytes=max_bytes)
    results = map_articles(partial(_article_phrases, sides=sides), items, jobs=jobs, client=client, encoding=encoding, max_bytes=max_bytes)
    parts = (r for r in results if not isinstance(r, LoadFailure))
    return topics_from_phrases(merge_phrases(parts), min_speakers=min_speakers, limit=limit)
