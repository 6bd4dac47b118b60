"""The topic lexicon: what the talks are about, read from ``topics.tsv`` or a user's file.

A topic's phrases name it (positions are about it); its ``aside`` phrases are
only set aside when scoring tone ("prisoners of war" names what the talks are
about, it is not the speaker's tone). See ``analysis/data/README.md``.

>>> [t.name for t in read_topics()][:2]
['prisoner exchange', 'ceasefire']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from ..data import read_data_file, read_rows, shipped_text
from ..errors import DataFileError
from ..records import Topic

from .phrases import PhraseMatcher

TOPICS_FILE = "topics.tsv"  # shipped in analysis/data/: the default topic lexicon (conflict negotiations)
TOPIC_USES = ("topic", "aside")


def parse_topics(text: str, *, source: str = TOPICS_FILE) -> tuple[Topic, ...]:
    """Topics from the text of a topic file: ``topic<TAB>phrase[<TAB>topic|aside[<TAB>sense]]`` lines.

    The optional ``sense`` (words the phrase needs near it, ``!word`` words it
    must not have) is kept for positions (:mod:`analysis.positions.topics`).

    >>> parse_topics("ceasefire\\tceasefire*\\nceasefire\\twar\\taside")
    (Topic(name='ceasefire', phrases=('ceasefire*',), aside=('war',), senses=()),)
    """
    order: list[str] = []
    phrases: dict[str, list[str]] = {}
    aside: dict[str, list[str]] = {}
    senses: dict[str, list[tuple[str, str]]] = {}
    for number, fields in read_rows(text, source, columns=(2, 4)):
        name, phrase = fields[0], fields[1]
        use = fields[2].lower() if len(fields) > 2 and fields[2] else "topic"
        if not name or not phrase:
            raise DataFileError(f"{source}, line {number}: the topic and the phrase must not be empty")
        if use not in TOPIC_USES:
            raise DataFileError(
                f"{source}, line {number}: the third column is {fields[2]!r}; use 'topic' (the phrase names the "
                f"topic) or 'aside' (only set aside in tone), or leave it empty"
            )
        try:
            PhraseMatcher.parse(phrase)
        except ValueError as error:
            raise DataFileError(f"{source}, line {number}: {error} in {phrase!r}; fix the phrase") from error
        if name not in phrases:
            order.append(name)
            phrases[name], aside[name], senses[name] = [], [], []
        (phrases if use == "topic" else aside)[name].append(phrase)
        if len(fields) > 3 and fields[3]:
            senses[name].append((phrase, fields[3]))
    topics = tuple(Topic(name, tuple(phrases[name]), tuple(aside[name]), tuple(senses[name])) for name in order)
    if not topics:
        raise DataFileError(f"{source}: no topics found; add lines 'topic<TAB>phrase'")
    for topic in topics:
        if not topic.phrases:
            raise DataFileError(f"{source}: topic {topic.name!r} has only 'aside' phrases; give it one naming phrase")
    return topics


@cache
def _default_topics() -> tuple[Topic, ...]:
    return parse_topics(shipped_text(TOPICS_FILE), source=TOPICS_FILE)


@lru_cache(maxsize=16)
def _topics_at(path: str, mtime: int) -> tuple[Topic, ...]:
    return parse_topics(read_data_file(path), source=path)


def read_topics(path: str | Path | None = None) -> tuple[Topic, ...]:
    """The topic lexicon at ``path``, or the shipped default (conflict negotiations) when None.

    Raises :class:`~analysis.errors.DataFileError` saying which line to fix.

    >>> [t.name for t in read_topics()][:3]
    ['prisoner exchange', 'ceasefire', 'return of remains']
    """
    if path is None:
        return _default_topics()
    try:
        mtime = Path(path).stat().st_mtime_ns
    except OSError as error:
        raise DataFileError(f"{path}: no such topic file; give the path of a tab-separated topic file") from error
    return _topics_at(str(path), mtime)


def topic_phrases(topics: Iterable[Topic]) -> tuple[str, ...]:
    """Every phrase of the topics, naming and aside: what the tone scorer sets aside."""
    return tuple(p for topic in topics for p in (*topic.phrases, *topic.aside))


def resolve_topics(topics: str | Path | Iterable[Topic] | None) -> tuple[Topic, ...]:
    """Topics from a topic file's path, topics already read, or None for the shipped lexicon.

    >>> resolve_topics(None) == read_topics()
    True
    """
    if topics is None or isinstance(topics, (str, Path)):
        return read_topics(topics)
    return tuple(topics)
