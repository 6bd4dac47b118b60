"""Direct quotes: a quotation with the cue frame next to it (trailer, lead-in, colon, dash signature) or a continuation."""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..records import Quote, Span
from .cues import CueLexicon, load_speaker_nouns
from .marks import QuotedRegion
from .words import (
    AUXILIARIES, BOUNDARY, CLAUSE_WORDS, DASHES, DETERMINERS, FUNCTION_WORDS, LEAD_IN_FILLER, MAX_COLON_LEAD_IN,
    MAX_COMMA_LEAD_IN, MAX_SOURCE_WORDS, NOT_SPEECH_VERBS, NOT_SUBJECTS, NP_LINKS, PREPOSITIONS, QUOTE_TOKENS,
    SENTENCE_END, SUBJECT_PRONOUNS, TIME_WORDS, TITLE_ABBREVIATIONS, _Words, _is_cap, _is_word, _starts_sentence,
)
from .phrases import _clause_subject, _left_np, _name_np, _right_np
from .frames import WEAK_FORMS, _Frame


KEEP_UNATTRIBUTED = False  # report quotations with no cue and no attributed neighbour (speaker unknown)?


# a dash before a bare name that signs a quotation ("“…” ― Jorge Falcon", "“…” — Jane Doe, a nurse")
SIGNATURE_DASHES = DASHES | {"―", "---"}
MAX_SIGNATURE_WORDS = 6


def _direct_quotes(
    words: _Words, regions, frames_by_sentence, quotes: list[Quote], direct: set[int], cues: CueLexicon, orphans: list[Quote],
    taken: set[int] = frozenset(),
) -> None:
    last_attributed: Quote | None = None
    last_region_end_para = -2
    for r_index, region in enumerate(regions):
        if r_index in taken:
            continue  # inside a headline attribution
        a = words.index_at(region.start)
        if a >= len(words.starts):
            continue
        s_open = words.sent[a]
        close_index = words.index_at(region.end) - 1
        s_close = words.sent[close_index] if close_index >= 0 else s_open
        para_open = words.sent_para[s_open]
        problems = (region.problem,) if region.problem else ()
        # the trailer: "…,” he said." after the closing mark
        starts = _starts_sentence(words, a, s_open)
        frame, rule = None, ""
        if starts:
            frame = _trailer_frame(words, regions, r_index, frames_by_sentence, s_close)
            rule = "direct: cue after the closing mark"
            if frame is None:
                frame = _loose_trailer_frame(words, cues, region, s_close)
                rule = frame.rule if frame is not None else rule
        if frame is None:
            frame = _lead_in_frame(words, region, frames_by_sentence, s_open)
            rule = frame.rule if frame is not None and frame.rule.startswith("direct") else "direct: cue before the opening mark"
        if frame is None and starts:
            frame = _signature_frame(words, region)
            rule = frame.rule if frame is not None else rule
        content = list(region.parts)
        if frame is None and (not starts or _is_fragment(words, region)):
            continue  # a quoted fragment inside a sentence: left to the indirect pass (mixed)
        if frame is not None and not starts and not (a > 0 and words.raw[a - 1] in {":", ","}):
            continue  # "called her “weak”", "said he wants “a total …”": a quote inside a clause (mixed)
        direct.add(r_index)
        if frame is not None:
            frame.used = True
            # "“A,” he said, “B.”" : a second quote right after the cue in the same sentence
            nxt = r_index + 1
            while nxt < len(regions):
                b = words.index_at(regions[nxt].start)
                if b >= len(words.starts) or words.sent[b] != s_close or not _only_frame_between(words, region.end, regions[nxt].start, frame):
                    break
                content.extend(regions[nxt].parts)
                if regions[nxt].problem:
                    problems = (*problems, regions[nxt].problem)
                direct.add(nxt)
                region = regions[nxt]
                nxt += 1
            quote = Quote(
                "direct", tuple(content), _cue_span(words, frame), words.span(*frame.source),
                paragraph=para_open, sentence=s_open, reason=rule, problems=problems,
            )
            quotes.append(quote)
            last_attributed = quote
            last_region_end_para = words.sent_para[words.sent[words.index_at(region.end) - 1]]
            continue
        if last_attributed is not None and para_open - last_region_end_para <= 1 and last_attributed.kind == "direct":
            quotes.append(
                Quote(
                    "direct", tuple(content), None, None, paragraph=para_open, sentence=s_open,
                    reason="continuation: no cue; continues the attributed quote before it", problems=problems,
                )
            )
            last_region_end_para = words.sent_para[words.sent[max(words.index_at(region.end) - 1, 0)]]
            continue
        # a quotation with no cue and no attributed quote next to it: a slogan, a title, or
        # speech whose speaker the text does not give — unless reported speech comes just before
        # it (see _after_reported_speech); kept unattributed only to carry a problem
        orphans.append(
            Quote("direct", tuple(content), None, None, paragraph=para_open, sentence=s_open,
                  reason="unattributed: no cue next to the quote", problems=problems)
        )


def _after_reported_speech(orphans: list[Quote], quotes: list[Quote]) -> None:
    """Quotations with no cue that follow a mixed quote: the mixed quote's speaker goes on.

    "DuVernay said it was “worth examining,” she said. “We have no context
    …”": the quotation takes the source of the mixed quote right before it.
    This holds for a quotation with no attributed quote before it in the same
    paragraph (an orphan) and for a continuation whose direct quote lies
    before the mixed one. Other orphans stay unattributed and are added only
    when ``KEEP_UNATTRIBUTED`` is set or their marks have a problem.
    """
    ordered = sorted((q for q in quotes if q.content and q.source is not None), key=lambda q: q.content[-1].end)
    ends = [q.content[-1].end for q in ordered]

    def mixed_before(quote: Quote) -> Quote | None:
        k = bisect.bisect_right(ends, quote.content[0].start) - 1
        return ordered[k] if k >= 0 and ordered[k].kind == "mixed" else None

    def going_on(quote: Quote, before: Quote) -> Quote:
        return replace(quote, source=before.source, reason="direct: no cue; goes on from the mixed quote before it")

    for n, quote in enumerate(quotes):
        if quote.reason.startswith("continuation") and (before := mixed_before(quote)) is not None:
            quotes[n] = going_on(quote, before)
    for orphan in orphans:
        before = mixed_before(orphan)
        if before is not None and before.paragraph == orphan.paragraph:
            quotes.append(going_on(orphan, before))
        elif KEEP_UNATTRIBUTED or orphan.problems:
            quotes.append(orphan)


def _is_fragment(words: _Words, region: QuotedRegion) -> bool:
    """A short quoted phrase (a title, a scare quote) rather than reported speech."""
    a = words.index_at(region.start)
    b = words.index_at(region.end)
    n = sum(1 for i in range(a, min(b, a + 6)) if _is_word(words.raw[i]))
    inner = words.text[region.start : region.end].rstrip("”\"'» \n")
    return n < 4 and not inner.endswith((".", "!", "?", "…"))


def _cue_span(words: _Words, frame: _Frame) -> Span:
    return words.span(frame.cue[0], frame.cue[1])


def _only_frame_between(words: _Words, start: int, end: int, frame: _Frame) -> bool:
    """Whether the words between two quotes are just the frame (cue, source) and punctuation."""
    i = words.index_at(start)
    j = words.index_at(end)
    lo = min(frame.cue[0], frame.source[0] if frame.source else frame.cue[0])
    hi = max(frame.cue[1], frame.source[1] if frame.source else frame.cue[1])
    for k in range(i, j):
        if lo <= k <= hi or not _is_word(words.raw[k]) or words.low[k] in AUXILIARIES or words.low[k] in TIME_WORDS:
            continue
        return False
    return True


def _trailer_frame(words: _Words, regions, r_index: int, frames_by_sentence, s_close: int) -> _Frame | None:
    """The frame right after a closing mark ("…,” he said" / "…,” said X" / "…” – X said")."""
    region = regions[r_index]
    i = words.index_at(region.end)
    if i >= len(words.starts):
        return None
    s = words.sent[i]
    if s != s_close and words.sent_para[s] != words.sent_para[s_close]:
        return None
    next_start = regions[r_index + 1].start if r_index + 1 < len(regions) else None
    frames = frames_by_sentence[s]
    position = bisect.bisect_left(frames.starts, i)
    for frame in frames[position : position + 4]:
        if frame.used or frame.source is None:
            continue
        lo = min(frame.cue[0], frame.source[0])
        if lo < i:
            continue
        if next_start is not None and words.starts[frame.cue[0]] > next_start:
            break
        if lo - i > 8:
            break
        after = frame.cue[1] + 1
        if s != s_close and next_start is not None and after < len(words.raw) and words.raw[after] == ":":
            break  # '"… ready." He added: "…"': a cue opening the next quotation, not this one's trailer
        gap = [k for k in range(i, lo) if _is_word(words.raw[k])]
        if len(gap) > 2 and not all(words.low[k] in AUXILIARIES or words.low[k] in TIME_WORDS for k in gap) and not _role_before_name(words, i, lo):
            break
        return frame
    return None


# words that open a clause or a new thought: a phrase holding one is not the source of a trailer
TRAILER_BREAKS = {
    "that", "because", "if", "when", "while", "as", "but", "so", "although", "though", "after", "before",
    "since", "until", "unless", "whether", "where", "then", "than", "and", "or", "not", "to", "there",
}
TRAILER_NP_STARTS = DETERMINERS | SUBJECT_PRONOUNS | {"one", "two", "three", "four", "both", "another", "others"}
QUOTE_END_PUNCTUATION = (",", "?", "!", "—", "–", "-", "…", "...")


def _loose_trailer_frame(words: _Words, cues: CueLexicon, region: QuotedRegion, s_close: int) -> _Frame | None:
    """The speaker after a quotation that ends with a comma, a question or an exclamation mark.

    Such a quotation is almost always followed by who said it, so the phrase
    rules are relaxed: any cue of the lexicon, and a source phrase that may
    hold appositions, "and", numbers and lower-case nouns ("“…,” the two
    write", "“…,” said the 46-year-old", "“…,” Ms. Merkel's spokesman, Steffen
    Seibert, wrote"). The phrase must not hold a clause word ("“…,” and then
    Trump said").
    """
    text, raw, low = words.text, words.raw, words.low
    inner = text[region.start : region.end].rstrip("”\"'»’ \n\u00a0")
    if not inner.endswith(QUOTE_END_PUNCTUATION):
        return None
    i = words.index_at(region.end)
    n = len(raw)
    if i >= n or words.sent[i] not in (s_close, s_close + 1) or words.sent_para[words.sent[i]] != words.sent_para[s_close]:
        return None
    s = words.sent[i]
    last = words.sent_range[s][1]
    if raw[i] == ",":
        i += 1
    if i >= last or words.region_of[i] >= 0:
        return None
    unknown = _unknown_verb_trailer(words, i, last)
    if unknown is not None:
        return unknown
    found = cues.match(low, i)
    if found is not None and not _is_cap(raw[i]):  # "“…,” said the 46-year-old", "“…?” asked the boy"
        c1 = i + found[0] - 1
        right = _right_np(words, c1 + 1, last)
        if right is None:
            return None
        k = right[0]
        if not (_is_cap(raw[k]) or low[k] in TRAILER_NP_STARTS or raw[k][:1].isdigit()):
            return None
        return _Frame((i, c1), found[1].lemma, found[1].type, right, "left", "direct: cue after the closing mark (inverted, loose)")
    if not (_is_cap(raw[i]) or low[i] in TRAILER_NP_STARTS or raw[i][:1].isdigit()):
        return None
    limit = min(last, i + MAX_SOURCE_WORDS + 8)
    k = i + 1
    while k < limit:
        w = low[k]
        if raw[k] == "." and (low[k - 1] in TITLE_ABBREVIATIONS or (len(raw[k - 1]) == 1 and raw[k - 1].isupper())):
            k += 1  # "Ms. Merkel", "Julie A. Diaz"
            continue
        if words.region_of[k] >= 0 or raw[k] in SENTENCE_END or raw[k] in {";", ":"} or raw[k] in QUOTE_TOKENS:
            return None
        found = cues.match(low, k)
        if found is not None and low[k] in WEAK_FORMS and low[k - 1] in DETERMINERS:
            found = None  # "a voice-over says": a noun
        if found is not None and _is_word(raw[k]) and (not _is_cap(raw[k]) or raw[k - 1] == ","):
            end = k - 1
            while end > i and (low[end] in AUXILIARIES or raw[end] == ","):
                end -= 1
            if low[end] in BOUNDARY - {"and"} and low[end] not in SUBJECT_PRONOUNS and not _is_cap(raw[end]):
                return None
            return _Frame((k, k + found[0] - 1), found[1].lemma, found[1].type, (i, end), "left", "direct: cue after the closing mark (loose)")
        inside_name = k + 1 < limit and _is_cap(raw[k - 1]) and _is_cap(raw[k + 1])  # "Right to Rise USA"
        if w in TRAILER_BREAKS and not inside_name and not (w == "and" and k + 1 < limit and (_is_cap(raw[k + 1]) or low[k + 1] in DETERMINERS or _is_word(raw[k - 1]) and not _is_cap(raw[k - 1]))):
            return None
        k += 1
    return None


def _unknown_verb_trailer(words: _Words, i: int, last: int) -> _Frame | None:
    """A name or pronoun and a past-tense verb the lexicon lacks after a quotation ("“…,” Trump barked", "“…!” beamed Hartley")."""
    raw, low = words.raw, words.low

    def verb(k: int) -> bool:
        return k < last and raw[k].isalpha() and raw[k].islower() and low[k].endswith("ed") and low[k] not in FUNCTION_WORDS

    def name(k: int) -> tuple[int, int] | None:
        if k >= last:
            return None
        if low[k] in SUBJECT_PRONOUNS - {"it", "you", "i"}:
            return (k, k)
        if _is_cap(raw[k]) and raw[k].isalpha() and low[k] not in FUNCTION_WORDS and low[k] not in NOT_SUBJECTS:
            return _name_np(words, k, last)
        return None

    def ends(k: int) -> bool:
        return k >= last or raw[k] in {",", ".", "!", "?", ";"} or low[k] in {"and", "as", "before", "after", "while"} or low[k] in PREPOSITIONS

    np = name(i)
    if np is not None and verb(np[1] + 1) and ends(np[1] + 2) and low[np[1] + 1] not in NOT_SPEECH_VERBS:
        v = np[1] + 1
        return _Frame((v, v), low[v], "", np, "left", "direct: a name and a verb after the closing mark")
    if verb(i) and low[i] not in NOT_SPEECH_VERBS:
        np = name(i + 1)
        if np is not None and ends(np[1] + 1):
            return _Frame((i, i), low[i], "", np, "left", "direct: a verb and a name after the closing mark")
    return None


def _signature_frame(words: _Words, region: QuotedRegion) -> _Frame | None:
    """A dash and a bare name that end the quote's paragraph ("“…” ― Jorge Falcon", "“…” — Jane Doe, 34, of Ohio"),
    or that make up the next paragraph ("“…”\\n\\n- Sanders").

    The dash is the cue and the name the source. The name is up to
    ``MAX_SIGNATURE_WORDS`` capitalised words (initials and name particles
    allowed); after it comes the end of the paragraph, a full stop, or a comma
    and a description that runs to the end of the paragraph.
    """
    raw, low = words.raw, words.low
    n = len(raw)
    i = words.past_mark[min(words.index_at(region.end), n)]  # past the quotation marks after the quote
    if i + 1 >= n or raw[i] not in SIGNATURE_DASHES or words.region_of[i] >= 0:
        return None
    para = words.sent_para[words.sent[i]]
    close_para = words.sent_para[words.sent[words.index_at(region.end) - 1]]
    own_line = para != close_para
    if own_line and (para != close_para + 1 or words.sent_range[words.sent[i]][0] != i):
        return None  # a dash opening a later paragraph, or inside one
    j = i + 1
    capitals = 0
    while j < n and words.sent_para[words.sent[j]] == para and j - i <= MAX_SIGNATURE_WORDS + 2:
        w = raw[j]
        if _is_cap(w) and _is_word(w) and words.region_of[j] < 0:
            capitals += 1
        elif w == "." and len(raw[j - 1]) <= 2 and _is_cap(raw[j - 1]) and j + 1 < n and _is_cap(raw[j + 1]):
            pass  # an initial ("Julie A. Diaz")
        elif low[j] in NP_LINKS and capitals:
            pass
        else:
            break
        j += 1
    if not capitals or j - i - 1 > MAX_SIGNATURE_WORDS:
        return None
    k = j - 1
    while low[k] in NP_LINKS:
        k -= 1
    at_end = j >= n or words.sent_para[words.sent[j]] != para
    if not at_end and raw[j] in ({"."} if own_line else {".", ",", "("}):
        end = j + 1
        while end < n and words.sent_para[words.sent[end]] == para and words.region_of[end] < 0:
            end += 1
        at_end = end >= n or words.sent_para[words.sent[end]] != para
        at_end = at_end and (raw[j] != "." or end == j + 1)
    if not at_end:
        return None
    return _Frame((i, i), "dash", "speech", (i + 1, k), "left", "direct: signed by a name after a dash")


def _role_before_name(words: _Words, i: int, lo: int) -> bool:
    """Whether words ``i`` to ``lo`` are a role and a comma before a name ("…,” his campaign manager, Jeff Weaver, said")."""
    raw, low = words.raw, words.low
    if lo - 1 <= i or raw[lo - 1] != "," or lo - i > MAX_COMMA_LEAD_IN:
        return False
    inner = range(i + (raw[i] == ","), lo - 1)
    return all(_is_word(raw[k]) and low[k] not in CLAUSE_WORDS for k in inner)


def _lead_in_frame(words: _Words, region: QuotedRegion, frames_by_sentence, s_open: int) -> _Frame | None:
    """The frame just before an opening mark ("X said: “…”", "X said, “…”", "According to X, “…”").

    A lead-in that ends with a colon introduces the quote even without a
    known cue ("Trump boomed: “…”", "Republican pollster Daron Shaw: “…”").
    """
    raw = words.raw
    a = words.index_at(region.start)
    s = s_open
    first = words.sent_range[s][0]
    if words.mark_run[a] <= first:  # nothing but quotation marks before it
        # the quote opens its sentence: look at the end of the previous sentence ("X said:")
        s = s_open - 1
        if s < 0 or words.sent_para[s] not in (words.sent_para[s_open], words.sent_para[s_open] - 1):
            return None
        first, last = words.sent_range[s]
        if last <= first or raw[last - 1] != ":":
            return None
        a = last
    colon = a - 1 >= first and raw[a - 1] == ":"
    frames = frames_by_sentence[s]
    position = bisect.bisect_left(frames.starts, a)
    candidates = [f for f in frames[max(0, position - 4) : position] if f.cue[1] < a and not f.used and f.source is not None]
    if candidates:
        frame = candidates[-1]
        end = max(frame.cue[1], frame.source[1] if frame.source else frame.cue[1])
        # the words between the frame and the mark; the tests below need no more than this many
        between = words.words_between(end + 1, a, MAX_COLON_LEAD_IN + 1)
        if colon and len(between) <= MAX_COLON_LEAD_IN:
            return frame
        if raw[a - 1] == "," and len(between) <= MAX_COMMA_LEAD_IN and not any(words.low[k] in CLAUSE_WORDS for k in between):
            return frame  # "told the news agency simply, “…”", "asked the buzzing crowd, “…”": a phrase, then the quote
        if len(between) > 6 or any(not _is_cap(raw[k]) and words.low[k] not in LEAD_IN_FILLER for k in between):
            return None  # "Cross said he “may yet …”": a clause with a quoted part, left to the indirect pass (mixed)
        return frame
    if colon:
        return _colon_subject_frame(words, first, a - 1) or _colon_frame(words, first, a - 1)
    return None


def _colon_subject_frame(words: _Words, first: int, colon: int) -> _Frame | None:
    """A colon lead-in whose subject is a speaker, past an opening phrase or an aside.

    "In city after city, Perez lobbies for a higher wage: “…”", "Clinton,
    exasperated, famously responded: “…”": the verb after the subject is the
    cue. With no such subject, a name right before the colon speaks ("… –
    Donald Trump: “…”"), and so does the owner of a document ("From Bush's
    Facebook post: “…”").
    """
    raw, low = words.raw, words.low
    found = _clause_subject(words, first, colon)
    if found is not None:
        np, verb = found
        return _Frame((verb, verb), low[verb], "", np, "none", "direct: introduced by a colon after a speaker subject")
    k = colon - 1
    if k >= first and _is_cap(raw[k]) and low[k] not in FUNCTION_WORDS and low[k] not in load_speaker_nouns():
        np = _left_np(words, first, k)
        if np is not None and all(_is_cap(raw[x]) or low[x] in {"and", "."} for x in range(np[0], np[1] + 1)) and (np[0] == first or not _is_word(raw[np[0] - 1])):
            return _Frame((colon, colon), ":", "", np, "none", "direct: introduced by a colon after a name")
    owner = next((x for x in range(max(first, colon - 5), colon) if low[x].endswith("'s") and _is_cap(raw[x])), None)
    if owner is not None and low[colon - 1] in DOCUMENT_NOUNS:
        np = _left_np(words, first, owner)
        if np is not None:
            return _Frame((colon, colon), ":", "", np, "none", "direct: introduced by a colon after a document of the speaker")
    return None


DOCUMENT_NOUNS = {"post", "statement", "tweet", "letter", "email", "e-mail", "memo", "release", "website", "page", "book", "op-ed", "column", "message", "speech", "remarks", "account", "feed"}


def _colon_frame(words: _Words, first: int, colon: int) -> _Frame | None:
    """A frame for a lead-in with no known cue: the word before the colon (or the colon) and the subject."""
    low, raw = words.low, words.raw
    i = first
    while i < colon and (raw[i] in QUOTE_TOKENS or low[i] in {"and", "but", "so", "then", "also"}):
        i += 1
    if i >= colon or colon - i > MAX_COLON_LEAD_IN:
        return None
    cue = colon - 1 if colon - 1 > i and _is_word(raw[colon - 1]) and not _is_cap(raw[colon - 1]) and low[colon - 1] not in FUNCTION_WORDS else colon
    if low[i] in SUBJECT_PRONOUNS:
        source = (i, i)
    elif _is_cap(raw[i]) and low[i] not in FUNCTION_WORDS:
        source = _right_np(words, i, cue if cue != colon else colon)
        if source is None:
            return None
    else:
        return None
    return _Frame((cue, cue), raw[cue].lower(), "", source, "none", "direct: introduced by a colon")
