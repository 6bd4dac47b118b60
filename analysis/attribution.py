"""Attribution: who said what in one article — the quotes stage and the speakers stage glued together.

:func:`attribute` tokenises an article, finds quote candidates
(:mod:`analysis.quotes`), resolves their sources to speakers
(:mod:`analysis.speakers`) and keeps the outlets an article cites apart from
its speakers. :func:`quotes_json` turns the result into the plain JSON the
``analysis quotes`` command prints.

>>> from analysis.records import Article
>>> article = Article("Ukrainian envoy Ivan Petrenko said the talks failed. “We tried,” he added.")
>>> result = attribute(article)
>>> [(q.kind, q.speaker.name, q.speaker.side) for q in result.quotes]
[('indirect', 'Ivan Petrenko', 'Ukraine'), ('direct', 'Ivan Petrenko', 'Ukraine')]
>>> row = quotes_json(result)["quotes"][1]
>>> {key: row[key] for key in ("quote", "kind", "speaker", "side", "speaker_id", "text", "cue", "sources", "contents")}
{'quote': 2, 'kind': 'direct', 'speaker': 'Ivan Petrenko', 'side': 'Ukraine', 'speaker_id': 'ivan-petrenko', 'text': '“We tried,”', 'cue': [[68, 73]], 'sources': [[65, 67]], 'contents': [[53, 64]]}
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from .errors import AnalysisError
from .mentions import find_mentions
from .quotes import CueLexicon, find_candidates_and_problems, load_cues
from .records import Article, AttributedArticle, Quote
from .speakers import read_sides, resolve_speakers
from .tokenize import tokenize


class ArgumentError(AnalysisError, TypeError):
    """A function was given something it cannot use; the message says what to pass instead."""


def attribute(
    article: Article | str | os.PathLike,
    *,
    sides: Mapping[str, str] | str | os.PathLike | None = None,
    cues: CueLexicon | None = None,
) -> AttributedArticle:
    """Quotes, speakers, every entity the article mentions, and the outlets it cites.

    ``article`` is an :class:`~analysis.records.Article` or the path of an
    article file; ``sides`` maps speaker names, surnames or role words to
    sides (a dict, or the path of a JSON/TSV mapping) and overrides what is
    inferred; ``cues`` replaces the shipped cue lexicon. Problems with
    quotation marks are recorded, never raised.

    >>> attribute(Article("")).quotes
    ()
    >>> attribute(42)
    Traceback (most recent call last):
    ...
    analysis.attribution.ArgumentError: attribute() takes an Article or the path of an article file, not int; try analysis.attribute("article.txt")
    """
    article = _as_article(article)
    if isinstance(sides, (str, os.PathLike)):
        sides = read_sides(sides)
    elif sides is not None and not isinstance(sides, Mapping):
        raise ArgumentError(f"sides must be a mapping of names or words to sides, or the path of one, not {type(sides).__name__}")
    tokens = tokenize(article)
    mentions = find_mentions(tokens, title_end=article.body_start)
    candidates, mark_problems = find_candidates_and_problems(
        tokens, cues=cues or load_cues(), title_end=article.body_start, mentions=mentions
    )
    resolution = resolve_speakers(tokens, candidates, mentions=mentions, sides=sides)
    return AttributedArticle(
        article,
        tokens,
        resolution.quotes,
        resolution.speakers,
        resolution.outlets,
        mark_problems,
        mentions=resolution.mentions,
        entities=resolution.entities,
    )


def _as_article(article) -> Article:
    """An Article from an Article or a file path."""
    if isinstance(article, Article):
        return article
    if isinstance(article, (str, os.PathLike)):
        from .load import load_article

        return load_article(Path(article))
    raise ArgumentError(
        f"attribute() takes an Article or the path of an article file, not {type(article).__name__}; "
        'try analysis.attribute("article.txt")'
    )


def scored_attributions(attributed: AttributedArticle) -> tuple[Quote, ...]:
    """Every attribution in PolNeAR's sense: the quotes, and what outlets are cited as saying.

    A citation that repeats a person's quote of the same sentence ("X
    announced Y, The Gaze reports, citing Ukrainian Pravda") is that quote,
    not a second attribution.
    """
    people_by_sentence: dict[int, list[Quote]] = {}
    for q in attributed.quotes:
        people_by_sentence.setdefault(q.sentence, []).append(q)
    extra = []
    for citation in attributed.outlets:
        q = citation.attribution
        if q is None:
            continue
        if citation.kind == "document":  # "the report says": an attribution of its own, never an echo
            extra.append(q)
            continue
        people = people_by_sentence.get(q.sentence, ())
        echoes = any(a.overlaps(b) for p in people for a in p.content for b in q.content)
        if echoes or (people and q.reason.startswith("participle")):
            continue
        extra.append(q)
    if not extra:
        return attributed.quotes
    return tuple(sorted([*attributed.quotes, *extra], key=lambda q: (q.content[0].start if q.content else 0, q.cue.start if q.cue else 0)))


def find_quotes(
    article: Article, *, sides: Mapping[str, str] | None = None, cues: CueLexicon | None = None
) -> tuple[Quote, ...]:
    """The quotes of an article (``attribute(article, ...).quotes``).

    >>> [q.kind for q in find_quotes(Article("“Yes,” she said."))]
    ['direct']
    """
    return attribute(article, sides=sides, cues=cues).quotes


def _continues(quote: Quote, last: Quote | None) -> bool:
    """Whether ``quote`` continues ``last``, the most recent attributed direct quote before it."""
    return quote.reason.startswith("continuation") and last is not None and last.speakers == quote.speakers


def _attributed_direct(quote: Quote) -> bool:
    return quote.kind == "direct" and quote.source is not None


def merge_continuations(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Fold each continuation quote into the attributed quote it continues, as one discontinuous quote.

    This package reports a continuation (“A,” he said. “B.”) as its own quote
    whose speaker carries over; corpora such as PolNeAR annotate it as one
    attribution with a discontinuous content. Use this to compare with them.

    >>> from analysis.records import Article
    >>> quotes = find_quotes(Article("“We tried,” Kovac said. “We failed.”"))
    >>> len(quotes), len(merge_continuations(quotes)), len(merge_continuations(quotes)[0].content)
    (2, 1, 2)
    """
    out: list[Quote] = []
    continued: dict[int, list[Quote]] = {}  # index in out → the continuations folded into it
    last: int | None = None  # index in out of the most recent attributed direct quote
    for quote in quotes:
        if _continues(quote, out[last] if last is not None else None):
            continued.setdefault(last, []).append(quote)
            continue
        if _attributed_direct(quote):
            last = len(out)
        out.append(quote)
    for k, parts in continued.items():
        whole = [out[k], *parts]
        out[k] = replace(out[k], content=tuple(s for q in whole for s in q.content), problems=tuple(p for q in whole for p in q.problems))
    return tuple(out)


def lend_continuation_sources(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Each continuation quote with the source mention of the quote it continues (its cue stays None).

    A continuation has no speaker mention of its own; the mention that names
    its speaker is the one on the quote it continues. The JSON output and the
    PolNeAR evaluation use this, so a continuation is scored by who said it.

    >>> from analysis.records import Article
    >>> article = Article("“We tried,” Kovac said. “We failed.”")
    >>> [q.source.text(article.text) for q in lend_continuation_sources(find_quotes(article))]
    ['Kovac', 'Kovac']
    """
    out = []
    last: Quote | None = None  # the most recent attributed direct quote
    for quote in quotes:
        if _continues(quote, last):
            quote = replace(quote, source=last.source)
        elif _attributed_direct(quote):
            last = quote
        out.append(quote)
    return tuple(out)


def quotes_json(attributed: AttributedArticle) -> dict:
    """The quotes as plain JSON: number, kind, speaker(s), side(s), ids, text and code-point spans.

    ``quote`` is the quote's 1-based number (the same in every table and
    figure); ``speaker``, ``side`` and ``speaker_id`` are a string (or null)
    for one speaker and lists for a joint statement; ``text`` is the content
    as written (parts joined with " … "), ``contents`` its spans; ``link``
    says how the source mention was linked to the speaker. A continuation
    quote lists the source mention of the quote it continues (see
    :func:`lend_continuation_sources`).
    """
    text = attributed.article.text
    out = []
    for number, q in enumerate(lend_continuation_sources(attributed.quotes), 1):
        out.append(
            {
                "quote": number,
                "kind": q.kind,
                "speaker": _one_or_list([s.name for s in q.speakers]),
                "side": _one_or_list([s.side for s in q.speakers]),
                "speaker_id": _one_or_list([s.id for s in q.speakers]),
                "text": q.content_text(text),
                "cue": [q.cue.as_list()] if q.cue else [],
                "sources": [q.source.as_list()] if q.source else [],
                "contents": [span.as_list() for span in q.content],
                "link": q.link or None,
                "rule": q.reason,
            }
        )
    return {"file": attributed.article.name, "quotes": out}


def _one_or_list(values: list):
    """One value as itself, several as a list, none as None (the JSON shape of speaker, side and id)."""
    return values[0] if len(values) == 1 else (values or None)
