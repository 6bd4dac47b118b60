"""Lists: a colon lead-in that introduces several statements, one attribution per item.

Agency copy often lists what a speaker said after a colon (issue 8):

* one item a paragraph, each opened by a bullet or a number ("The president made the
  following points:" then "– The corridor will open …", "– The deal shows …"):
  :func:`bullet_list_quotes`, run before the other passes so that an item's
  own words ("The deal shows …") are not read as a new speaker;
* items in the lead-in's sentence, separated by semicolons ("Akar said the
  sides agreed on several issues: a joint centre; joint checks; and …"):
  :func:`split_semicolon_lists`, run on the quotes found.

Every item shares the lead-in's source and cue.

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> from analysis.quotes import find_candidates
>>> text = "At the talks, the minister made two points:\\n– The port opens in May.\\n– Ships will be inspected.\\nThe talks ended."
>>> [(q.content_text(text), q.source.text(text)) for q in find_candidates(tokenize(Article(text)))]
[('The port opens in May', 'the minister'), ('Ships will be inspected', 'the minister')]
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..records import Quote, Span
from .direct import _colon_subject_frame, _cue_span
from .frames import _Frame
from .words import DASHES, SENTENCE_END, _Words, _is_word

BULLETS = DASHES | {"•", "*", "·", "▪", "―", "—"}
MAX_LIST_ITEMS = 20
MAX_LEAD_WORDS = 3  # words between a cue and the colon that say nothing themselves ("the following")
LIST_ITEM = "list: one item of a colon lead-in's list (bulleted paragraphs)"
SEMICOLON_ITEM = "list: one item of a colon lead-in's list (separated by semicolons)"


def bullet_list_quotes(words: _Words, frames_by_sentence: list[list[_Frame]]) -> list[Quote]:
    """Reads a sentence ending with a colon whose next paragraphs open with a bullet: one quote per item."""
    out: list[Quote] = []
    raw = words.raw
    n_sentences = len(words.sent_range)
    for s in range(n_sentences):
        first, last = words.sent_range[s]
        if last - first < 3 or raw[last - 1] != ":" or words.region_of[last - 1] >= 0:
            continue
        if s + 1 < n_sentences and words.sent_para[s + 1] == words.sent_para[s]:
            continue  # the colon does not end its paragraph
        items = _bullet_items(words, s + 1)
        if not items:
            continue
        frame = _lead_frame(words, frames_by_sentence[s], first, last - 1)
        if frame is None:
            continue
        if len(words.words_between(frame.cue[1] + 1, last - 1, MAX_LEAD_WORDS + 1)) <= MAX_LEAD_WORDS:
            frame.used = True  # "said the following:": the items are all it said
        for t_first, t_last, sentences in items:
            for t in sentences:
                for other in frames_by_sentence[t]:
                    other.used = True  # an item's words are the lead-in speaker's, not a new frame
            kind = "mixed" if any(words.region_of[x] >= 0 for x in range(t_first, t_last + 1)) else "indirect"
            out.append(
                Quote(
                    kind, (words.span(t_first, t_last),), _cue_span(words, frame), words.span(*frame.source),
                    paragraph=words.sent_para[sentences[0]], sentence=sentences[0], reason=LIST_ITEM,
                )
            )
    return out


def _lead_frame(words: _Words, frames: list[_Frame], first: int, colon: int) -> _Frame | None:
    """The frame of a list's lead-in: its last cue with a source, else the speaker subject and its verb."""
    for frame in reversed(frames):
        if frame.source is not None and frame.cue[1] < colon:
            return frame
    return _colon_subject_frame(words, first, colon)


def _bullet_items(words: _Words, s: int) -> list[tuple[int, int, list[int]]]:
    """The bulleted paragraphs from sentence ``s`` on: (first word after the bullet, last word, sentences)."""
    raw = words.raw
    items = []
    n_sentences = len(words.sent_range)
    while s < n_sentences and len(items) < MAX_LIST_ITEMS:
        first, _ = words.sent_range[s]
        width = _bullet_width(raw, first, len(raw))
        if not width or words.region_of[first] >= 0:
            break
        para = words.sent_para[s]
        sentences = []
        while s < n_sentences and words.sent_para[s] == para:
            sentences.append(s)
            s += 1
        last = words.sent_range[sentences[-1]][1] - 1
        while last > first and raw[last] in SENTENCE_END:
            last -= 1
        start = first + width
        if start > last or not _is_word(raw[start]) or words.region_of[start] >= 0:
            break  # an empty item, or a quotation the direct pass reads
        items.append((start, last, sentences))
    return items


def _bullet_width(raw: list[str], first: int, n: int) -> int:
    """How many words open a list item at ``first``: a bullet ("–", "•") 1, a number "1." or "2)" 2, "(3)" 3; else 0."""
    if raw[first] in BULLETS:
        return 1
    if raw[first].isdigit() and len(raw[first]) <= 2 and first + 1 < n and raw[first + 1] in {".", ")"}:
        return 2
    if raw[first] == "(" and first + 2 < n and raw[first + 1].isdigit() and len(raw[first + 1]) <= 2 and raw[first + 2] == ")":
        return 3
    return 0


def split_semicolon_lists(words: _Words, quotes: list[Quote]) -> list[Quote]:
    """Quotes whose content goes on after a colon into items separated by semicolons, one quote per item.

    The words before the colon stay the lead-in's own quote. The colons and
    semicolons are found by bisection, so a long content costs no scan.
    """
    raw = words.raw
    colons = [k for k, w in enumerate(raw) if w == ":" and words.region_of[k] < 0]
    if not colons:
        return quotes
    semicolons = [k for k, w in enumerate(raw) if w == ";" and words.region_of[k] < 0]
    out = []
    for quote in quotes:
        parts = None
        if semicolons and quote.kind in ("indirect", "mixed") and len(quote.content) == 1:
            parts = _semicolon_items(words, quote, colons, semicolons)
        if not parts:
            out.append(quote)
            continue
        for k, (a, b) in enumerate(parts):
            kind = "mixed" if any(words.region_of[x] >= 0 for x in range(a, b + 1)) else "indirect"
            out.append(replace(quote, kind=kind, content=(words.span(a, b),), reason=quote.reason if k == 0 else SEMICOLON_ITEM))
    return out


def _semicolon_items(words: _Words, quote: Quote, colons: list[int], semicolons: list[int]) -> list[tuple[int, int]] | None:
    """Word ranges of a content's lead part and of its items, when a colon is followed by two or more items."""
    low = words.low
    span: Span = quote.content[0]
    a, b = words.index_at(span.start), words.index_at(span.end) - 1
    c = bisect.bisect_right(colons, a)
    if c >= len(colons) or colons[c] >= b:
        return None
    colon = colons[c]
    lo, hi = bisect.bisect_right(semicolons, colon), bisect.bisect_left(semicolons, b)
    if lo >= hi or hi - lo >= MAX_LIST_ITEMS or (c + 1 < len(colons) and colons[c + 1] < b):
        return None  # no item, too many, or a second colon: not one list
    parts = [(a, colon - 1)]
    start = colon + 1
    for cut in [*semicolons[lo:hi], b + 1]:
        i, j = start, cut - 1
        while i <= j and low[i] in {"and", "or"}:
            i += 1
        if i > j:
            return None
        parts.append((i, j))
        start = cut + 1
    return parts
