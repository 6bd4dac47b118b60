"""Quotes: find direct, indirect and mixed quote candidates with their cue, source and content spans.

This stage knows nothing about who the speakers are; it finds the *frames*
of reported speech in one tokenised article:

* quotation marks are paired in one linear scan (curly, straight and the
  ``''`` pairs of some wire styles), across paragraphs when every paragraph
  of a long quote re-opens the mark; an unbalanced mark becomes a problem
  on the affected quote, never an exception;
* reporting cues come from a lexicon (:func:`load_cues`, ``data/cues.tsv``);
* a direct quote takes the cue and source next to it (``“…,” he said``,
  ``said X``, ``X replied: “…”``, ``… – X said``); a quote with no cue next
  to an attributed quote of the same paragraph is a continuation;
* every other cue with a source (``X said (that) …``, ``…, X said``,
  ``according to X, …``) gives an indirect quote, or a mixed one when its
  content holds a quoted fragment.

Speakers are resolved later, in :mod:`analysis.speakers`. The parts, one file each:

    cues.py      the cue lexicon (data/cues.tsv) and the speaker nouns (data/roles.tsv)
    marks.py     quotation marks paired, with their problems
    words.py     the token view (_Words) and the word classes the rules read
    phrases.py   noun phrases around a cue: subjects, inverted sources, appositions, names
    frames.py    cue frames: a cue, its source and the side of its content
    direct.py    direct quotes: trailers, lead-ins, colons, dash signatures, continuations
    lists.py     a colon lead-in's list: one attribution per item
    headlines.py headline attributions by punctuation ("Umerov: …", "… – Defense Ministry")
    reported.py  indirect and mixed quotes, and quoted phrases of a speaker subject

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> text = "“We agree,” she said. Officials said the talks would resume."
>>> [(q.kind, q.content_text(text), q.source.text(text)) for q in find_candidates(tokenize(Article(text)))]
[('direct', '“We agree,”', 'she'), ('indirect', 'the talks would resume', 'Officials')]
"""

from __future__ import annotations

import bisect

from ..mentions import ArticleMentions, find_mentions
from ..records import Quote, Tokens
from .cues import CUE_TYPES, CUES_FILE, Cue, CueLexicon, load_cues, load_speaker_nouns, read_cues
from .marks import QuotedRegion, find_quoted_regions
from .words import _Words
from .frames import _frames
from .direct import _after_reported_speech, _direct_quotes
from .headlines import headline_quotes
from .lists import bullet_list_quotes, split_semicolon_lists
from .reported import ATTRIBUTE_FRAGMENTS_TO_SUBJECT, _indirect_quotes, _subject_fragments

__all__ = [
    "CUES_FILE", "CUE_TYPES", "Cue", "CueLexicon", "QuotedRegion", "find_candidates", "find_candidates_and_problems",
    "find_quoted_regions", "load_cues", "load_speaker_nouns", "read_cues",
]


def find_candidates(
    tokens: Tokens, *, cues: CueLexicon | None = None, title_end: int = 0, mentions: ArticleMentions | None = None
) -> tuple[Quote, ...]:
    """Quote candidates of a tokenised article, in text order, speakers not yet resolved.

    >>> from analysis.records import Article
    >>> from analysis.tokenize import tokenize
    >>> text = "According to the mayor, the bridge is safe. “Come,” he said, “and see.”"
    >>> for q in find_candidates(tokenize(Article(text))):
    ...     print(q.kind, q.reason, "|", q.content_text(text), "|", q.source.text(text))
    indirect according-to: source after 'according to', content before or after | the bridge is safe | the mayor
    direct direct: cue after the closing mark | “Come,” … “and see.” | he
    """
    return find_candidates_and_problems(tokens, cues=cues, title_end=title_end, mentions=mentions)[0]


# labels that open a line of page furniture, not of the article: a link to another story, a caption, a credit
LINK_LABELS = frozenset({"read also", "see also", "also read", "read more", "related", "more", "photo", "video", "source", "watch"})
MAX_LABEL_WORDS = 2


def _link_sentences(words: _Words) -> set[int]:
    """The sentences of paragraphs that open with a link label and a colon ("Read also: Lubinets says …",
    "Photo: …"): another story's headline or a credit, whose cues attribute nothing in this article."""
    found, label_paragraph = set(), None
    for s, (first, end) in enumerate(words.sent_range):
        para = words.sent_para[s]
        if s == 0 or words.sent_para[s - 1] != para:
            colon = next((k for k in range(first, min(end, first + MAX_LABEL_WORDS + 1)) if words.raw[k] == ":"), None)
            label_paragraph = para if colon is not None and " ".join(words.low[first:colon]) in LINK_LABELS else None
        if label_paragraph == para:
            found.add(s)
    return found


def find_candidates_and_problems(
    tokens: Tokens, *, cues: CueLexicon | None = None, title_end: int = 0, mentions: ArticleMentions | None = None
) -> tuple[tuple[Quote, ...], tuple[str, ...]]:
    """:func:`find_candidates` and the problems with the article's quotation marks, in one pass.

    ``title_end`` is where the article's headline ends (``Article.body_start``;
    0: no headline); ``mentions`` the article's names (:func:`analysis.mentions.find_mentions`,
    found here when a headline needs them and none are given).
    """
    cues = cues or load_cues()
    words = _Words(tokens)
    words.titles = bisect.bisect_left([s.span.start for s in tokens.sentences], title_end) if title_end > 0 else 0
    regions, problems = find_quoted_regions(tokens.text, tokens.paragraphs)
    region_words: list[tuple[int, int, int]] = []  # (region, first word, end word) of every part
    for r_index, region in enumerate(regions):
        for part in region.parts:
            i, j = words.index_at(part.start), bisect.bisect_left(words.starts, part.end)
            words.region_of[i:j] = [r_index] * (j - i)
            region_words.append((r_index, i, j))
    words.region_words = region_words
    firsts = cues.first_words()
    links = _link_sentences(words)
    hits = [i for i, w in enumerate(words.low) if w in firsts and words.sent[i] not in links]
    by_sentence: dict[int, list[int]] = {}
    for i in hits:
        by_sentence.setdefault(words.sent[i], []).append(i)
    frames_by_sentence = [_frames(words, cues, s, by_sentence.get(s, ())) for s in range(len(words.sent_range))]
    quotes: list[Quote] = []
    taken: set[int] = set()  # quoted regions inside a headline attribution
    if words.titles:
        quotes = headline_quotes(words, mentions or find_mentions(tokens, title_end=title_end))
        for quote in quotes:
            for frame in frames_by_sentence[quote.sentence]:
                frame.used = True
            a, b = words.index_at(quote.content[0].start), words.index_at(quote.content[-1].end)
            taken.update(r for r in words.region_of[a:b] if r >= 0)
    quotes += bullet_list_quotes(words, frames_by_sentence)
    direct_regions: set[int] = set()
    orphans: list[Quote] = []
    _direct_quotes(words, regions, frames_by_sentence, quotes, direct_regions, cues, orphans, taken)
    _indirect_quotes(words, regions, frames_by_sentence, quotes, direct_regions)
    if ATTRIBUTE_FRAGMENTS_TO_SUBJECT:
        _subject_fragments(words, regions, quotes, direct_regions)
    _after_reported_speech(orphans, quotes)
    quotes = split_semicolon_lists(words, quotes)
    quotes.sort(key=lambda q: (q.content[0].start if q.content else 0, q.cue.start if q.cue else 0))
    return tuple(quotes), problems
