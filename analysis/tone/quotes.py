"""The tone of every quote of an article: score, markers and cue stance, as records and rows.

>>> from analysis.records import Article, Quote, Speaker, Tokens
>>> text = "“We will never accept this,” Umerov said."
>>> quote = Quote("direct", (Span(0, 28),), Span(36, 40), Span(29, 35), (Speaker("Umerov"),))
>>> row = tone_rows(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,)))[0]
>>> row["speaker"], row["cue_stance"], row["compound"] < 0
('Umerov', 'neutral', True)
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from ..records import AttributedArticle, Quote, QuoteTone, Span, Topic, ToneAggregate

from .lexicons import resolve_topics, topic_phrases
from .markers import MARKER_NAMES, _markers, cue_stance, default_markers
from .phrases import PhraseMatcher, _norm
from .score import _score_spans, explain_tone


# --- quotes, rows and aggregates -----------------------------------------------------


def sentence_ends(attributed: AttributedArticle) -> list[int]:
    """Where each sentence of the article ends, to find a quote's sentences by bisection."""
    return [s.span.end for s in attributed.tokens.sentences]


def quote_spans(attributed: AttributedArticle, quote: Quote, ends: Sequence[int]) -> list[Span]:
    """The quote's content cut at the article's sentence boundaries (no re-tokenising)."""
    pieces = []
    sentences = attributed.tokens.sentences
    for part in quote.content:
        inside = []
        for k in range(bisect_right(ends, part.start), len(sentences)):
            span = sentences[k].span
            if span.start >= part.end:
                break
            inside.append(Span(max(part.start, span.start), min(part.end, span.end)))
        pieces.extend(inside or [part])
    return pieces


def _speaker_names(quote: Quote) -> tuple[str, ...]:
    if len(quote.speakers) == 1:
        return (quote.speakers[0].name,)
    return tuple(dict.fromkeys(s.name for s in quote.speakers))


def _speaker_ids(quote: Quote) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.id for s in quote.speakers if s.id))


def _sides(quote: Quote) -> tuple[str, ...]:
    if len(quote.speakers) == 1:
        side = quote.speakers[0].side
        return (side,) if side else ()
    return tuple(dict.fromkeys(s.side for s in quote.speakers if s.side))


def score_quotes(attributed: AttributedArticle, *, topics: str | Path | Sequence[Topic] | None = None) -> tuple[QuoteTone, ...]:
    """The tone of every quote of an attributed article, topic words set aside.

    ``topics`` is a topic file, topics already read, or None for the shipped lexicon.

    >>> from analysis.records import Article, Quote, Speaker, Tokens
    >>> text = "“We have agreed on the exchange of prisoners of war,” Umerov said."
    >>> quote = Quote("direct", (Span(0, 53),), Span(61, 65), Span(54, 60), (Speaker("Umerov"),))
    >>> attributed = AttributedArticle(Article(text), Tokens(text, (), ()), (quote,))
    >>> tone = score_quotes(attributed)[0]
    >>> tone.cue_stance, tone.score.compound > 0, [m.name for m in tone.markers]
    ('neutral', True, ['first_person_plural'])
    """
    chosen = resolve_topics(topics)
    caseless, exact, screened = _quote_matchers(topic_phrases(chosen), default_markers())
    text = attributed.article.text
    ends = sentence_ends(attributed)
    results = []
    for index, quote in enumerate(attributed.quotes):
        if not quote.content:
            continue
        aside, found = [], []
        for part in quote.content:
            words, spans = caseless.tokens(text, part.start, part.end)
            maybe_exact = False
            for label, i, j in caseless.find_words(words):
                if label is _ASIDE:
                    aside.append(spans.span(i, j))
                elif label is _MAYBE_EXACT:
                    maybe_exact = True
                else:
                    found.append((label, *spans.span(i, j)))
            if exact is not None and (not screened or maybe_exact):
                normed = _norm(text[part.start : part.end])  # the words as written: ’ → ' keeps every offset
                originals = [normed[s - part.start : e - part.start] for s, e in spans]
                found.extend((label, spans[i][0], spans[j - 1][1]) for label, i, j in exact.find_words(originals))
        score = _score_spans(text, quote_spans(attributed, quote, ends), aside)
        markers = _markers(text, found)
        cue = quote.cue.text(text) if quote.cue is not None else None
        results.append(
            QuoteTone(  # index, speakers, side, content, cue, cue stance, score, markers, words, ids (positional: cheaper)
                index,
                _speaker_names(quote),
                " & ".join(_sides(quote)) or None,
                quote.content_text(text),
                cue,
                cue_stance(cue),
                score,
                markers,
                sum(len(text[part.start : part.end].split()) for part in quote.content),
                _speaker_ids(quote),
            )
        )
    return tuple(results)


_ASIDE = "\0aside"  # the label of topic phrases in a combined matcher
_MAYBE_EXACT = "\0exact"  # the label of case-exact markers matched regardless of case in a combined matcher
# The one letter str.lower maps by its context (Σ becomes σ or final ς).
_CONTEXT_LOWERED = "\u03a3"


@lru_cache(maxsize=16)
def _quote_matchers(
    phrases: tuple[str, ...], markers: tuple[PhraseMatcher, ...]
) -> tuple[PhraseMatcher, PhraseMatcher | None, bool]:
    """One case-blind matcher for topic phrases and markers together, the case-exact markers, and whether screened.

    One pass per quote: a case-exact marker can only match where the case-blind
    matcher finds it too (as ``_MAYBE_EXACT``), so when ``screened`` a quote's
    words are compared as written only when it does. Phrases with a Σ are not
    screened: lower-casing a Σ depends on the letters around it.
    """
    caseless = [(_ASIDE, p) for p in dict.fromkeys(phrases)]
    exact = None
    for matcher in markers:
        if matcher.exact:
            exact = matcher
        else:
            caseless.extend(matcher.entries)
    screened = exact is not None and not any(_CONTEXT_LOWERED in phrase for _, phrase in exact.entries)
    if screened:
        caseless.extend((_MAYBE_EXACT, phrase) for _, phrase in exact.entries)
    try:
        return PhraseMatcher(caseless), exact, screened
    except ValueError as error:
        raise DataFileError(f"cannot set aside one of the topic phrases: {error}; fix the phrase") from error


def tone_row(tone: QuoteTone) -> dict:
    """One JSON-ready row for a scored quote; ``quote`` is its 1-based number."""
    speakers, ids = list(tone.speakers), list(tone.speaker_ids)
    return {
        "quote": tone.index + 1,
        "speaker": speakers[0] if len(speakers) == 1 else (speakers or None),
        "side": (tone.side.split(" & ") if tone.side and " & " in tone.side else tone.side),
        "speaker_id": ids[0] if len(ids) == 1 else (ids or None),
        "content": tone.content,
        "cue": tone.cue,
        "cue_stance": tone.cue_stance,
        "compound": tone.score.compound,
        "pos": tone.score.pos,
        "neu": tone.score.neu,
        "neg": tone.score.neg,
        "markers": list(dict.fromkeys(m.name for m in tone.markers)),
        "explanation": explain_tone(tone.score),
        "words": tone.words,
    }


def tone_rows(attributed: AttributedArticle, *, topics: str | Path | Sequence[Topic] | None = None) -> list[dict]:
    """One row per quote: speaker, side, content, cue, cue stance, scores, markers and explanation.

    >>> from analysis.records import Article, Tokens
    >>> tone_rows(AttributedArticle(Article("No quotes here."), Tokens("No quotes here.", (), ())))
    []
    """
    return [tone_row(tone) for tone in score_quotes(attributed, topics=topics)]


def summarise_tone(tones: Iterable[QuoteTone], *, by: str = "speaker") -> tuple[ToneAggregate, ...]:
    """Tone per speaker (a joint quote counts for each) or per side, most quotes first.

    >>> from analysis.records import QuoteTone, ToneScore
    >>> tones = [QuoteTone(0, ("A",), "X", "", "said", "neutral", ToneScore(0.5, 0, 1, 0), (), 4),
    ...          QuoteTone(1, ("A",), "X", "", "claimed", "distancing", ToneScore(-0.1, 0, 1, 0), (), 6)]
    >>> aggregate = summarise_tone(tones)[0]
    >>> aggregate.key, aggregate.quotes, aggregate.words, aggregate.mean, aggregate.spread
    ('A', 2, 10, 0.2, 0.3)
    """
    if by not in ("speaker", "side"):
        raise ValueError(f"by must be 'speaker' or 'side', not {by!r}")
    groups: dict[str, list[QuoteTone]] = {}
    for tone in tones:
        keys = (tone.speakers or ("unknown",)) if by == "speaker" else (tone.side or "unknown",)
        for key in keys:
            groups.setdefault(key, []).append(tone)
    results = []
    for key, members in groups.items():
        values = [t.score.compound for t in members]
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        rates = tuple(
            (name, round(sum(1 for t in members if any(m.name == name for m in t.markers)) / len(members), 3))
            for name in MARKER_NAMES
        )
        stances: dict[str, int] = {}
        for t in members:
            stances[t.cue_stance or "no cue"] = stances.get(t.cue_stance or "no cue", 0) + 1
        results.append(
            ToneAggregate(by, key, len(members), sum(t.words for t in members), round(mean, 4), round(spread, 4),
                          rates, tuple(sorted(stances.items())))
        )
    results.sort(key=lambda a: (-a.quotes, a.key))
    return tuple(results)
