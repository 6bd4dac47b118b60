"""Indirect and mixed quotes: the content of every cue frame no direct quote took, and quoted phrases of a speaker subject."""

from __future__ import annotations

import bisect
from array import array
from itertools import accumulate

from ..records import Quote, Span
from .marks import QuotedRegion
from .words import (
    DASHES, DETERMINERS, FUNCTION_WORDS, PREPOSITIONS, QUOTE_TOKENS, SENTENCE_END, SUBJECT_PRONOUNS, _Words, _is_cap, _is_word,
)
from .phrases import _after_listener, _clause_subject, _right_np
from .frames import COLON_CUES, DASH_SIGNED, LISTENER_CUES, OBJECT_CUES, _Frame, lead_in_colon
from .direct import _cue_span


MIN_CONTENT_WORDS = 1
NESTED_ONLY_SPEECH = {"thought", "evidence"}  # cue types not reported when inside another quote's content
MAX_TRIM = 20  # punctuation trimmed from the end of a content, at most
MAX_QUESTION_WORDS = 60  # "Asked about …," up to its comma, at most
BOUND_AT_PARTICIPLES = True  # "said A, adding that B": A is the content of "said", B of "adding"
ATTRIBUTE_FRAGMENTS_TO_SUBJECT = True  # a quoted phrase no cue reaches goes to its sentence's speaker subject


def _indirect_quotes(words: _Words, regions, frames_by_sentence, quotes: list[Quote], direct: set[int]) -> None:
    # prefix counts of words inside quoted regions, and inside regions that are not direct quotes
    n = len(words.starts)
    in_region, in_fragment = [0] * n, [0] * n
    for r_index, i, j in words.region_words:
        in_region[i:j] = [1] * (j - i)
        if r_index not in direct:
            in_fragment[i:j] = [1] * (j - i)
    words.in_region = array("l", accumulate(in_region, initial=0))  # machine ints: a list would hold an int object per word
    words.in_fragment = array("l", accumulate(in_fragment, initial=0))
    region_starts = [r.start for r in regions]
    _inside_signed_speech(words, frames_by_sentence)
    for s, frames in enumerate(frames_by_sentence):
        if not frames:
            continue
        first, last = words.sent_range[s]
        _inside_lead_ins(words, frames, last)
        next_bound, previous_right = _frame_bounds(frames) if len(frames) > 1 else ([None], [None])
        contents = [
            None
            if frame.used or (frame.source is None and frame.content_side != "question")
            else _content(words, frames, f_index, first, last, next_bound[f_index], previous_right[f_index])
            for f_index, frame in enumerate(frames)
        ]
        covered = _covered(frames, contents) if len(frames) > 1 else [False]
        signed = any(frame.rule == DASH_SIGNED for frame in frames)  # once a sentence: a run-on of cues stays linear
        for f_index, frame in enumerate(frames):
            content = contents[f_index]
            if frame.content_side == "previous" and not frame.used:
                content = _previous_content(words, frames_by_sentence, s)
            if content is None:
                continue
            if frame.type in NESTED_ONLY_SPEECH and covered[f_index]:
                continue  # "said he thinks …": a thought inside reported speech is part of that speech
            if covered[f_index] and frame.source is not None and frame.source[0] > first and words.low[frame.source[0] - 1] == "what":
                continue  # "condemned what he called a “brazen breach”": a naming inside the outer speech
            if covered[f_index] and signed and frame.rule != DASH_SIGNED:
                continue  # "We are asking them to …, – Yermak said.": a cue inside the speech a dash signs is the speaker's own word
            if frame.rule == DASH_SIGNED and content[0][0] == first:
                start = _speech_before(words, frames_by_sentence, s)
                content = [(start if start is not None else first, content[0][1]), *content[1:]]
            spans = [Span(words.starts[start], words.ends[end]) for start, end in content]
            fragments = sum(words.in_fragment[end + 1] - words.in_fragment[start] for start, end in content)
            kind = "mixed" if fragments else "indirect"
            problems: tuple[str, ...] = ()
            if fragments:
                problems = _region_problems(regions, region_starts, spans)
            frame.used = True
            quotes.append(
                Quote(
                    kind, tuple(spans), _cue_span(words, frame), words.span(*frame.source) if frame.source else None,
                    paragraph=words.sent_para[s], sentence=s, reason=frame.rule, problems=problems,
                )
            )


MAX_SPEECH_SENTENCES = 4  # sentences of unquoted speech before its dash signature, at most
FIRST_PERSON = frozenset({"i", "we"})


def _speech_before(words: _Words, frames_by_sentence, s: int) -> int | None:
    """Reads the unquoted speech a dash signs: the first word of the sentences before ``s`` in its paragraph.

    "We do not stop for a single day. Every Ukrainian must be at home, –
    Yermak said.": the sentences before the signed one belong to it while
    they hold no quotation and no cue frame of their own, but for one whose
    subject is "I" or "we" ("We are not asking anyone to …"): the reporter
    never writes so, the speaker does.
    """
    para = words.sent_para[s]
    start = None
    for t in range(s - 1, max(-1, s - 1 - MAX_SPEECH_SENTENCES), -1):
        if words.sent_para[t] != para or not all(_first_person(words, f) for f in frames_by_sentence[t]):
            break
        a, b = words.sent_range[t]
        if words.in_region[b] - words.in_region[a]:
            break
        start = a
    return start


def _inside_signed_speech(words: _Words, frames_by_sentence) -> None:
    """Marks used the first-person cues of the sentences a dash signature reads as its speech (see
    :func:`_speech_before`): "We are not asking anyone to …. We are asking …, – Yermak said." is all Yermak's."""
    for s, frames in enumerate(frames_by_sentence):
        if not any(f.rule == DASH_SIGNED and not f.used for f in frames):
            continue
        if any(f.rule != DASH_SIGNED and not _first_person(words, f) for f in frames):
            continue
        start = _speech_before(words, frames_by_sentence, s)
        if start is not None:
            for t in range(words.sent[start], s):
                for frame in frames_by_sentence[t]:
                    frame.used = True


def _first_person(words: _Words, frame: _Frame) -> bool:
    """A frame whose source is "I" or "we": in unquoted text, the speaker's own words."""
    return frame.source is not None and frame.source[0] == frame.source[1] and words.low[frame.source[0]] in FIRST_PERSON


def _previous_content(words: _Words, frames_by_sentence, s: int) -> list[tuple[int, int]] | None:
    """Reads the content of 'This was reported by X' / 'X said this': the sentences before, in its paragraph
    (at least the one just before, else the last sentence of the paragraph before), with no cue of their own."""
    start = _speech_before(words, frames_by_sentence, s)
    end_sentence = s - 1
    if start is None and s > 0 and words.sent_para[s - 1] == words.sent_para[s] - 1:
        if not frames_by_sentence[s - 1]:
            start = words.sent_range[s - 1][0]
    if start is None or end_sentence < 0:
        return None
    end = words.sent_range[end_sentence][1] - 1
    while end > start and (words.raw[end] in SENTENCE_END or words.raw[end] in {",", ";"}):
        end -= 1
    return [(start, end)]


def _subject_fragments(words: _Words, regions, quotes: list[Quote], direct: set[int]) -> None:
    """Quoted phrases that no cue reaches, given to the speaker who is their sentence's subject.

    "The two lawmakers, however, argue “there is precedent”", "He anticipated
    the challenge would be “dealing with …”": the cue is a verb the lexicon
    lacks or a phrase the rules refuse, but a sentence whose subject is a
    person, a pronoun or a speaker noun and which quotes a phrase is, in news,
    that subject speaking. The verb after the subject is the cue; the content
    runs from after it to the end of the quoted phrase. Title-case phrases
    (names of shows, books) and phrases inside markup are left alone.
    """
    text, raw = words.text, words.raw
    spans = sorted(span for quote in quotes for span in quote.content)
    starts = [span.start for span in spans]
    reach = list(accumulate((span.end for span in spans), max))  # furthest end among spans starting so far

    def covered(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and reach[k] > offset

    for r_index, region in enumerate(regions):
        if r_index in direct or any(covered(part.start) or covered(max(part.end - 2, part.start)) for part in region.parts):
            continue
        a = words.index_at(region.start)
        if a >= len(raw):
            continue
        b = bisect.bisect_left(words.starts, region.parts[0].end) - 1
        inner = [k for k in range(a, b + 1) if _is_word(raw[k])]
        if not inner or _looks_like_title(words, inner, region) or "<" in text[max(0, region.start - 40) : region.start]:
            continue
        s = words.sent[a]
        first = words.sent_range[s][0]
        found = _clause_subject(words, first, a)
        if found is None:
            continue
        np, verb = found
        quotes.append(
            Quote(
                "mixed", (Span(words.starts[verb + 1], words.ends[b]),), words.span(verb, verb), words.span(*np),
                paragraph=words.sent_para[s], sentence=s,
                reason="subject: a quoted phrase in a sentence whose subject is a speaker (no cue)",
                problems=(region.problem,) if region.problem else (),
            )
        )


def _looks_like_title(words: _Words, inner: list[int], region: QuotedRegion) -> bool:
    """Whether a quoted phrase is a title ("Meet the Press", "Citizen Carly"): short, every content word capitalised."""
    raw = words.raw
    body = words.text[region.start : region.end]
    if "!" in body or "?" in body or len(inner) > 8:
        return False
    content = [k for k in inner if words.low[k] not in FUNCTION_WORDS]
    return bool(content) and all(_is_cap(raw[k]) for k in content)


def _frame_bounds(frames: list[_Frame]) -> tuple[list[int | None], list[int | None]]:
    """For each frame, in one pass each way: the later frame that ends its right-hand content
    ("…, X said", "… and said", "…, adding"), and the earlier frame whose content is on the right."""
    n = len(frames)
    next_bound: list[int | None] = [None] * n
    next_left: int | None = None
    next_same_subject: dict[tuple[int, int] | None, int] = {}
    for f in range(n - 1, -1, -1):
        frame = frames[f]
        options = [g for g in (next_left, next_same_subject.get(frame.source)) if g is not None]
        next_bound[f] = min(options) if options else None
        if frame.content_side == "left" and frame.source is not None:
            next_left = f
        if frame.rule.startswith(("coordinated", "participle")):
            next_same_subject[frame.source] = f
    previous_right: list[int | None] = [None] * n
    last_right: int | None = None
    for f in range(n):
        previous_right[f] = last_right
        if frames[f].content_side == "right" and frames[f].source is not None:
            last_right = f
    return next_bound, previous_right


def _covered(frames: list[_Frame], contents: list[list[tuple[int, int]] | None]) -> list[bool]:
    """Whether each frame's cue lies inside another frame's content (a sweep over sorted ranges)."""
    ranges = sorted((a, b) for content in contents if content for a, b in content)
    starts = [a for a, _ in ranges]
    reach, best = [], -1
    for _, b in ranges:
        best = max(best, b)
        reach.append(best)
    out = []
    for frame in frames:
        k = bisect.bisect_right(starts, frame.cue[0]) - 1
        out.append(k >= 0 and reach[k] >= frame.cue[0])
    return out


def _in_sorted(values: list[int], value: int) -> bool:
    """Whether ``value`` is in the sorted list ``values`` (a set built per call would cost the list's length)."""
    k = bisect.bisect_left(values, value)
    return k < len(values) and values[k] == value


def _region_problems(regions, region_starts: list[int], spans: list[Span], limit: int = 5) -> tuple[str, ...]:
    """Problems of the (first few) quoted regions inside ``spans``."""
    found = []
    for span in spans:
        k = bisect.bisect_left(region_starts, span.start)
        while k < len(regions) and regions[k].start < span.end and len(found) < limit:
            if regions[k].problem:
                found.append(regions[k].problem)
            k += 1
    return tuple(found)


def _inside_lead_ins(words: _Words, frames: list[_Frame], last: int) -> None:
    """Cues inside a listing verb's lead-in belong to its noun phrase, not to a speaker: "Carboni set out the
    conditions under which the ICRC agreed to run the operation: …" is Carboni's list, not the ICRC's."""
    for frame in frames:
        if frame.lemma not in COLON_CUES or frame.used or frame.content_side != "right":
            continue
        colon = lead_in_colon(words, frame.cue[1] + 1, last)
        for other in frames:
            if other is not frame and colon is not None and frame.cue[1] < other.cue[0] < colon:
                other.used = True


def _content(
    words: _Words, frames: list[_Frame], f_index: int, first: int, last: int, bound: int | None, previous: int | None
) -> list[tuple[int, int]] | None:
    """Word ranges of a frame's content, bounded by the neighbouring frames and direct quotes.

    ``bound`` is the later frame that ends a right-hand content, ``previous``
    the earlier frame with right-hand content (see :func:`_frame_bounds`).
    """
    frame = frames[f_index]
    raw, low = words.raw, words.low
    if frame.content_side == "right":
        i = frame.cue[1] + 1
        if frame.lemma == "according to":
            i = frame.source[1] + 1
        if frame.lemma in COLON_CUES and (colon := lead_in_colon(words, i, last)) is not None:
            i = colon + 1  # "listed the conditions …: A, B and C": the items
        # skip the object of "told reporters", time words and "in a statement" up to "that"
        k, n = i, 0
        cue_starts = frames.starts  # sorted: frames are in text order
        while k < last and n < 12 and raw[k] not in SENTENCE_END and words.region_of[k] < 0:
            if low[k] == "that":
                i = k + 1
                break
            if low[k] in SUBJECT_PRONOUNS or _in_sorted(cue_starts, k):
                break  # "said he hopes … that": the 'that' belongs to a clause inside the content
            k += 1
            n += 1
        if frame.lemma in OBJECT_CUES and i == frame.cue[1] + 1:
            obj = _right_np(words, i, last)
            if obj is not None:
                nxt = obj[1] + 1
                if nxt < last and low[nxt] in {"that", "to", "whether", "if", "about", "why", "how", "what"}:
                    i = nxt + (1 if low[nxt] == "that" else 0)
                elif frame.lemma in {"tell", "ask", "inform"} and (nxt >= last or not _is_word(raw[nxt]) and words.region_of[nxt] < 0):
                    return None  # "he told reporters.": only the listener, nothing said
                elif frame.lemma in LISTENER_CUES:
                    i = _after_listener(words, i, last - 1)
        while i < last and raw[i] in {",", ":"}:
            i += 1
        end = last - 1
        if bound is not None:
            other = frames[bound]
            if other.content_side == "left":
                end = min(other.source[0], other.cue[0]) - 1
            elif other.rule.startswith("coordinated"):
                end = other.cue[0] - 2  # "called her “weak” and said …": up to "and"
            elif BOUND_AT_PARTICIPLES:
                end = other.cue[0] - 1  # "said A, adding that B": up to the comma
        stop = max(i - 1, end - MAX_TRIM)
        while end > stop and (not _is_word(raw[end]) and raw[end] not in QUOTE_TOKENS or raw[end] in {",", "-", "–", "—"}):
            end -= 1
        if i <= end and low[i] in PREPOSITIONS and (end - i < 6 or frame.rule.startswith("participle")) and words.in_region[end + 1] == words.in_region[i]:
            return None  # "said in an interview.", "spoke to Fox News", ", speaking in Ohio,": a phrase, not what was said
    elif frame.content_side == "left":
        end = min(frame.cue[0], frame.source[0]) - 1
        if end >= first and low[end] == "as":
            end -= 1
        i = first
        if previous is not None and frames[previous].cue[1] < end:
            other = frames[previous]
            lo = max(other.cue[1], other.source[1])
            # "As X reported, …, according to Y": content between them
            if lo + 1 < end and raw[lo + 1] == ",":
                i = lo + 2
        while end >= i and (raw[end] in {",", ":", ";"} or raw[end] in DASHES):
            end -= 1
        while i <= end and (raw[i] in {",", ":"} or raw[i] in DASHES):
            i += 1
        tail = max(frame.cue[1], frame.source[1]) + 1
        if tail + 1 < last and raw[tail] == "," and (end - i < 2 or words.region_of[tail + 1] < 0):
            # "That, he said, is wrong.": the content is on both sides of the frame
            j = tail + 1
            stop = last - 1
            while stop >= j and stop > last - MAX_TRIM and not _is_word(raw[stop]) and raw[stop] not in QUOTE_TOKENS:
                stop -= 1
            if end >= i and stop >= j:
                return [(i, end), (j, stop)]
    elif frame.content_side == "question":
        i = frame.cue[1] + 1
        end = i
        while end < last and end - i < MAX_QUESTION_WORDS and raw[end] != "," and raw[end] not in SENTENCE_END:
            end += 1
        end -= 1
    else:
        return None
    if end < i:
        return None
    # the content must not be just a direct quote already attributed
    quoted = words.in_region[end + 1] - words.in_region[i]
    outside = (end - i + 1) - quoted
    if outside < 2 and quoted and words.in_fragment[end + 1] == words.in_fragment[i]:
        return None
    if MIN_CONTENT_WORDS > 1 and sum(1 for w in raw[i : end + 1] if _is_word(w)) < MIN_CONTENT_WORDS:
        return None
    return [(i, end)]
