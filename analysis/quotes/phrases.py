"""Noun phrases around a cue: subjects, inverted sources, appositions and names, scanned on the token view."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import load_speaker_nouns
from .words import (
    AUXILIARIES, BE_FORMS, BOUNDARY, CLAUSE_WORDS, CONTRACTED, DETERMINERS, DOING_VERBS, FUNCTION_WORDS,
    MAX_COMMA_LEAD_IN, MAX_SOURCE_WORDS, NOT_SPEECH_VERBS, NOT_SUBJECTS, NP_LINKS, NUMBER_WORDS, OPENING_WORDS,
    PARTICIPLE_ENDING, PARTICIPLE_SUFFIXES, POSTMODIFIERS, PREPOSITIONS, QUOTE_TOKENS, SUBJECT_PRONOUNS, TIME_WORDS,
    TITLE_ABBREVIATIONS, _Words, _is_cap, _is_word,
)

if TYPE_CHECKING:
    from .frames import _Frame


def _subject_head(words: _Words, j: int, first: int) -> bool:
    """Whether word ``j`` can end the subject of a cue: a pronoun, a name, a number or a speaker noun."""
    low, raw = words.low, words.raw
    w = low[j]
    if w in SUBJECT_PRONOUNS or w in {"both", "others", "many", "some", "most", "all", "few", "several", "everyone", "nobody", "someone", "anyone", "another", "one", "neither", "none"}:
        return True
    if w in FUNCTION_WORDS:
        return False
    if _is_cap(raw[j]) or raw[j][:1].isdigit():
        return True
    nouns = load_speaker_nouns()
    if w in nouns or w.removesuffix("'s") in nouns or w in NUMBER_WORDS:
        return True
    # a common-noun phrase opened by a determiner or a name: "the GOP speechwriter", "Trump's aides"
    k = j - 1
    while k >= first and j - k <= 5:
        lk = low[k]
        if lk in DETERMINERS or _is_cap(raw[k]) or raw[k][:1].isdigit() or lk.endswith("'s"):
            return not w.endswith(("ing", "ed", "ly")) or w in nouns
        if not _is_word(raw[k]) or lk in FUNCTION_WORDS or lk.endswith(("ing", "ed")):
            return False
        k -= 1
    return False


def _region_start(words: _Words, j: int) -> int:
    """Offset where the quoted region holding word ``j`` (or ending just before it) opens."""
    k = j
    while k > 0 and (words.region_of[k] < 0 and words.raw[k] in QUOTE_TOKENS):
        k -= 1
    r = words.region_of[k]
    while k > 0 and words.region_of[k - 1] == r and r >= 0:
        k -= 1
    return words.starts[k]


def _with_before(words: _Words, first: int, j: int) -> bool:
    """Whether the noun phrase ending at ``j`` follows "with" ("…, with Cruz promising to …")."""
    np = _left_np(words, first, j)
    return np is not None and np[0] - 1 >= first and words.low[np[0] - 1] == "with" and (
        words.low[j] in SUBJECT_PRONOUNS or _is_cap(words.raw[j]) or words.low[j] in load_speaker_nouns()
    )


def _after_closing_quote(words: _Words, first: int, j: int) -> bool:
    """Whether the phrase ending at ``j`` follows a closing quotation mark and comma ("…,” a voice-over states")."""
    k = j
    while k >= first and j - k < MAX_SOURCE_WORDS and _is_word(words.raw[k]) and words.region_of[k] < 0:
        k -= 1
    return k >= first and words.region_of[k] >= 0 and words.raw[k] in QUOTE_TOKENS


def _speaker_like(words: _Words, np: tuple[int, int]) -> bool:
    """Whether a noun phrase can be a speaker: a pronoun, a name, or a speaker noun."""
    head = words.low[np[1]]
    nouns = load_speaker_nouns()
    if head in SUBJECT_PRONOUNS or any(words.low[x] in nouns for x in range(np[0], np[1] + 1)):
        return True
    return any(_is_cap(words.raw[x]) for x in range(np[0], np[1] + 1) if x > words.sent_range[words.sent[x]][0] or np[0] == np[1])


def _prev_word(words: _Words, first: int, i: int) -> int | None:
    j = max(words.mark_run[i], first) - 1  # past the quotation marks before word i
    return j if j >= first else None


def _left_np(words: _Words, first: int, j: int) -> tuple[int, int] | None:
    """A noun phrase ending at word ``j``, scanning left: names, titles, roles, determiners."""
    low, raw = words.low, words.raw
    if low[j] == "others" and j - 2 >= first and low[j - 1] == "and" and _is_cap(raw[j - 2]):
        name = _left_np(words, first, j - 2)  # "Doyle and others"
        return (name[0], j) if name else (j, j)
    if low[j] in SUBJECT_PRONOUNS or low[j] in {"both", "others", "many", "some", "several", "another", "one", "neither", "none"}:
        return (j, j)
    if not _is_word(raw[j]) or low[j] in BOUNDARY or low[j] in DETERMINERS - {"both", "some", "many", "most", "all"}:
        return None
    k = j
    limit = max(first, j - MAX_SOURCE_WORDS)
    while k - 1 >= limit:
        p = k - 1
        w, lw = raw[p], low[p]
        if w == "." and p - 1 >= first and (low[p - 1] in TITLE_ABBREVIATIONS or (len(raw[p - 1]) == 1 and raw[p - 1].isupper())):
            k = p - 1
            continue
        if w in {"'", "’"} and p - 1 >= first and low[p - 1].endswith("s"):  # "the Sanders' campaign"
            k = p
            continue
        if not _is_word(w) or words.region_of[p] >= 0:
            break
        if lw == "and":
            # "Rustem Umerov and Vladimir Medinsky": only between capitalised words
            if p - 1 >= first and _is_cap(raw[p - 1]) and _is_cap(raw[k]):
                k = p
                continue
            break
        if lw in DETERMINERS:
            k = p
            # "a voice-over in the ad", "a spokesman for the campaign": the phrase goes on past the preposition
            if p - 2 >= limit and low[p - 1] in {"of", "for", "at", "in", "with", "from", "through", "across", "outside", "inside", "around", "near", "behind", "on"} and _is_word(raw[p - 2]) and low[p - 2] not in BOUNDARY and low[p - 2] not in SUBJECT_PRONOUNS:
                k = p - 1
                continue
            if _postmodifier_before(words, limit, p):  # "sources close to the talks": on to "sources"
                k = p - 2
                continue
            break
        if lw in BOUNDARY or lw in SUBJECT_PRONOUNS:
            break
        if lw in NP_LINKS:
            k = p
            continue
        if _is_cap(w) or w[:1].isdigit() or lw not in AUXILIARIES:
            k = p
            continue
        break
    while k < j and (low[k] in NP_LINKS or low[k] == "and"):
        k += 1
    return (k, j)


def _postmodifier_before(words: _Words, limit: int, p: int) -> bool:
    """Whether an adjective and its preposition stand before the determiner at ``p`` after a noun
    ("sources close to | the talks", "officials familiar with | the matter"): see POSTMODIFIERS."""
    low = words.low
    return p - 3 >= limit and low[p - 1] in POSTMODIFIERS.get(low[p - 2], ()) and _is_word(words.raw[p - 3]) and low[p - 3] not in FUNCTION_WORDS


def listener(words: _Words, i: int, end: int) -> tuple[int, bool] | None:
    """(last word, capitalised?) of the listener of "told" at word ``i`` (``end`` inclusive): a run of capitalised
    words ("the BBC", "Xinhua") or one plural noun ("journalists"); None when none stands there."""
    raw, low = words.raw, words.low
    k = i + 1 if low[i] in {"the", "a", "an"} and i < end else i  # "told the BBC …"
    named = _is_cap(raw[k])
    if named:
        while k + 1 <= end and _is_cap(raw[k + 1]):
            k += 1
    elif not low[k].endswith("s"):
        return None
    return k, named


def _after_listener(words: _Words, i: int, end: int) -> int:
    """Where the clause starts after the listener of "told" when no "that" comes between: "told Reuters | the
    deal was close", "told reporters | Kyiv would respond". The listener is a run of capitalised words or one
    plural noun; the clause opens with a determiner, a pronoun, a name or a number. Else ``i``, unchanged."""
    raw, low = words.raw, words.low
    found = listener(words, i, end)
    if found is None:
        return i
    k, named = found
    nxt = k + 1
    while nxt < end and (low[nxt] in TIME_WORDS or low[nxt] == "on" and low[nxt + 1] in TIME_WORDS):
        nxt += 1  # "told reporters on Tuesday the talks ended"
    if nxt > end:
        return i
    opens = low[nxt] in DETERMINERS or low[nxt] in SUBJECT_PRONOUNS or raw[nxt][:1].isdigit() or _is_cap(raw[nxt]) and not named
    return nxt if opens else i


def _right_np(words: _Words, i: int, last: int) -> tuple[int, int] | None:
    """A noun phrase starting at word ``i``: optional determiner, then words up to a boundary."""
    low, raw = words.low, words.raw
    while i < last and (low[i] in TIME_WORDS or raw[i] in QUOTE_TOKENS):
        i += 1
    if i >= last or not _is_word(raw[i]):
        return None
    if low[i] in SUBJECT_PRONOUNS:
        return (i, i)
    name_start = _is_cap(raw[i]) and i > words.sent_range[words.sent[i]][0] and low[i] != "i"  # "said Will Doyle", "said Le Pen"
    if (low[i] in BOUNDARY or low[i] in FUNCTION_WORDS - DETERMINERS) and low[i] not in {"one"} and not name_start:
        return None
    k = i
    end = min(last, i + MAX_SOURCE_WORDS)
    j = i
    while j < end:
        w, lw = raw[j], low[j]
        if w == "." and j > i and (low[j - 1] in TITLE_ABBREVIATIONS or (len(raw[j - 1]) == 1 and raw[j - 1].isupper())) and j + 1 < last and _is_cap(raw[j + 1]):
            j += 1
            continue
        if not _is_word(w) or words.region_of[j] >= 0:
            break
        if lw == "and" and j + 1 < last and _is_cap(raw[j + 1]) and _is_cap(raw[j - 1]):
            j += 1
            continue
        if (lw in BOUNDARY and not (_is_cap(w) and lw != "i")) or (lw in TIME_WORDS and j > i):
            break
        k = j
        j += 1
    while k > i and (low[k] in NP_LINKS or low[k] in DETERMINERS):
        k -= 1
    return (i, k)


_PARTY_STATE = re.compile(r"[DRI]-[A-Z]")


# Discourse asides set off by commas between a subject and its cue ("Kyiv, in turn, said …").
ASIDES = frozenset({
    "in turn", "for its part", "for his part", "for her part", "for their part", "for our part", "meanwhile", "however",
    "too", "also", "in response", "in return", "in reply", "in a statement", "on its part", "on his part", "on her part",
})  # fmt: skip


def _apposition_np(words: _Words, first: int, comma: int) -> tuple[int, int] | None:
    """The subject of 'X, an appositive, said': from X's start to the word before the comma."""
    low, raw = words.low, words.raw
    seg_end = comma - 1
    k = _comma_before(words, first, seg_end)  # the comma before the appositive segment
    seg_start = k + 1
    if seg_start > seg_end:
        return None
    if k > first and raw[k] == "," and " ".join(low[seg_start : seg_end + 1]) in ASIDES:
        # "The Dalrik side, in turn, said": a discourse aside, not an apposition; the subject is before it
        return _left_np(words, first, k - 1)
    if raw[seg_end] == ")":  # "Gov. John Kasich (R-OH), said"
        q = seg_end - 1
        while q > seg_start and seg_end - q < 8 and raw[q] != "(":
            q -= 1
        if raw[q] == "(" and q - 1 >= seg_start:
            name = _left_np(words, first, q - 1)
            if name is not None and name[0] >= seg_start and _is_cap(raw[name[0]]) and low[name[0]] not in DETERMINERS:
                return (name[0], seg_end)  # not "X, the director general of the agency (IAEA), said": an appositive
    seg = _left_np(words, first, seg_end)
    party_tag = seg_end - seg_start <= 1 and _PARTY_STATE.match(raw[seg_start]) is not None  # "McConnell, R-Ky., said"
    if seg is not None and seg[0] == seg_start and _is_cap(raw[seg_start]) and low[seg_start] not in DETERMINERS and not party_tag:
        named = _name_before_description(words, first, k)
        if named is not None:
            return (named[0], seg_end)  # "Petro Kotin, the head of Ukraine's nuclear operator, Energoatom, told"
        return seg  # "The heads of …, Rustem Umerov and Vladimir Medinsky, announced"
    if k >= first and raw[k] == ",":
        p = k - 1
        if p > first and raw[p] == ")":  # "Rep. Elijah Cummings (D-Md.), chair of …, said"
            q = p - 1
            while q > first and p - q < 8 and raw[q] != "(":
                q -= 1
            p = q - 1 if raw[q] == "(" else p
        name = _left_np(words, first, p) if p >= first else None
        if name is not None and any(_is_cap(raw[x]) for x in range(name[0], name[1] + 1)):
            return (name[0], seg_end)
    if seg is not None and seg[0] == seg_start:
        return seg
    if seg_start == first and not any(low[x] in BOUNDARY for x in range(seg_start, seg_end + 1)):
        return (seg_start, seg_end)
    return None


def _comma_before(words: _Words, first: int, k: int) -> int:
    """Where the comma-separated segment ending at word ``k`` starts, less one: the comma before it, or the
    first word outside the sentence's plain text (``first - 1`` when none)."""
    raw = words.raw
    while k >= first and raw[k] != "," and words.region_of[k] < 0:
        k -= 1
    return k


def _name_before_description(words: _Words, first: int, comma: int) -> tuple[int, int] | None:
    """The name opening "X, the head of …'s operator, Energoatom, said": when the segment before ``comma`` is a
    description (it opens with a determiner) and a capitalised name before it opens the sentence, the name after
    the description completes it and X is the subject; None otherwise."""
    low, raw = words.low, words.raw
    if comma <= first or raw[comma] != ",":
        return None
    k = _comma_before(words, first, comma - 1)
    if k <= first or raw[k] != "," or low[k + 1] not in DETERMINERS:
        return None
    name = _left_np(words, first, k - 1)
    if name is None or name[0] != first or not all(_is_cap(raw[x]) for x in range(name[0], name[1] + 1)):
        return None
    return name


def _sentence_subject(words: _Words, first: int, c0: int, previous: list[_Frame]) -> tuple[int, int] | None:
    """The subject of the sentence a participle or coordinated cue belongs to.

    The source of the sentence's last frame if there is one, else the
    sentence's first phrase when it is a pronoun, a name ("Sen. Ted Cruz")
    or a speaker noun phrase ("The minister", "Campaign officials").
    """
    for frame in previous[-1 : -6 : -1]:
        if frame.source is not None:
            return frame.source
    low, raw = words.low, words.raw
    i = _subject_start(words, first, c0)
    if i is None:
        return None
    if low[i].split("'")[0] in SUBJECT_PRONOUNS:
        return (i, i)
    if _is_cap(raw[i]) and low[i] not in FUNCTION_WORDS:
        j = i
        while j + 1 < c0 and (
            _is_cap(raw[j + 1])
            or (raw[j + 1] == "." and low[j] in TITLE_ABBREVIATIONS)
            or (low[j + 1] in NP_LINKS and j + 2 < c0 and _is_cap(raw[j + 2]) and low[j + 1] not in {"in", "at", "from", "with", "for", "of"})
        ):
            j += 1
        if low[j] not in load_speaker_nouns() or j > i or low[j] in load_speaker_nouns():
            return (i, j)
    nouns = load_speaker_nouns()
    if low[i] in DETERMINERS or _is_cap(raw[i]):
        for j in range(i, min(c0, i + 5)):
            if low[j] in nouns:
                return (i, j)
            if not _is_word(raw[j]) or (j > i and low[j] in FUNCTION_WORDS):
                break
    return None


def _subject_start(words: _Words, first: int, end: int) -> int | None:
    """Where a sentence's subject can start, before word ``end``: past quotation marks, a leading
    conjunction and an opening phrase up to its comma ("In an interview with the Journal, …",
    "Speaking in his own voice, …", "Since then, …", "On July 6, 2015, …"); None when an opening
    phrase holds a clause or nothing is left."""
    raw, low = words.raw, words.low
    i = first
    while i < end and (raw[i] in QUOTE_TOKENS or low[i] in {"but", "and", "so", "yet", "then", "still"}):
        i += 1
    if i >= end:
        return None
    opening = (
        low[i] in PREPOSITIONS
        or low[i] in OPENING_WORDS
        or (low[i].endswith("ly") and len(low[i]) > 4)
        or (low[i].endswith(PARTICIPLE_ENDING) and _is_cap(raw[i]) and low[i] not in load_speaker_nouns())
    )
    if opening:
        comma = next((k for k in range(i + 1, min(end, i + MAX_COMMA_LEAD_IN + 3)) if raw[k] == ","), None)
        if comma is None or any(low[k] in CLAUSE_WORDS or words.region_of[k] >= 0 for k in range(i + 1, comma)):
            return None
        i = comma + 1
        if i + 1 < end and raw[i].isdigit() and len(raw[i]) == 4 and raw[i + 1] == ",":
            i += 2  # "On July 6, 2015, Sanders …"
    return i if i < end else None


def _clause_subject(words: _Words, first: int, a: int) -> tuple[tuple[int, int], int] | None:
    """(subject phrase, verb) of the sentence a quoted phrase at word ``a`` sits in, when the subject is a speaker."""
    raw, low = words.raw, words.low
    i = _subject_start(words, first, a)
    if i is None or words.region_of[i] >= 0:
        return None
    nouns = load_speaker_nouns()
    contraction = low[i].rsplit("'", 1)
    if low[i] in SUBJECT_PRONOUNS - {"it", "you", "i"} or (len(contraction) == 2 and contraction[0] in SUBJECT_PRONOUNS - {"it", "you", "i"} and contraction[1] in CONTRACTED):
        np = (i, i)
    elif _is_cap(raw[i]) and low[i] not in FUNCTION_WORDS and low[i].split("'")[0] not in NOT_SUBJECTS and not low[i].endswith("ing"):
        np = _name_np(words, i, a)
        if not _speaker_like(words, np):
            return None
        if np[0] == np[1] and low[i] not in nouns and not raw[i].isupper() and not _known_name(words, i):
            return None  # one capitalised word that is not a name the article uses ("Optimism is …")
    elif low[i] in DETERMINERS:
        j = next((j for j in range(i + 1, min(a, i + 6)) if low[j] in nouns or (low[j].endswith("s") and low[j][:-1] in nouns)), None)
        if j is None or any(not _is_word(raw[k]) or low[k] in FUNCTION_WORDS for k in range(i + 1, j)):
            return None
        np = (i, j)
    else:
        return None
    v = np[1] + 1
    if v < a and raw[v] == "(":  # "Harry Reid (D-Nev.)"
        close = next((k for k in range(v + 1, min(a, v + 8)) if raw[k] == ")"), None)
        if close is None:
            return None
        v = close + 1
    for _ in range(2):
        if v < a and raw[v] == ",":  # an apposition or an aside: "Purple PAC, steered by …, began", "Reid, in particular, has"
            close = next((k for k in range(v + 1, min(a, v + MAX_SOURCE_WORDS + 2)) if raw[k] == ","), None)
            if close is None:
                return None
            v = close + 1
    copula = "'" in low[np[1]] and low[np[1]].rsplit("'", 1)[1] == "s"
    having = False
    while v < a and (low[v] in AUXILIARIES or (low[v].endswith("ly") and len(low[v]) > 4)):
        copula = copula or low[v] in BE_FORMS
        having = low[v] in {"has", "have", "had"}
        v += 1
    if having and v < a and not low[v].endswith(PARTICIPLE_SUFFIXES):
        return None  # "They had guns …": 'had' is the verb
    if v >= a or not raw[v].isalpha() or _is_cap(raw[v]) or low[v] in FUNCTION_WORDS or low[v] in TIME_WORDS or words.region_of[v] >= 0:
        return None
    if copula and not low[v].endswith("ing"):
        return None  # "Orlando was not far from …", "The plan would be funded by …"
    if low[v] in NOT_SPEECH_VERBS or low[v] in DOING_VERBS:
        return None  # "They had guns …", "He has bought …": doing, not saying
    return np, v


def _name_np(words: _Words, i: int, end: int) -> tuple[int, int]:
    """A name starting at word ``i``: capitalised words, abbreviations ("Sen."), links between
    capitalised words ("Bank of America"), and a possessive's speaker noun ("Trump's spokesman")."""
    raw, low = words.raw, words.low
    nouns = load_speaker_nouns()
    j = i
    while j + 1 < end:
        nxt = j + 1
        if _is_cap(raw[nxt]) and _is_word(raw[nxt]) and words.region_of[nxt] < 0:
            j = nxt
        elif raw[nxt] == "." and (low[j] in TITLE_ABBREVIATIONS or len(raw[j]) == 1) and nxt + 1 < end and _is_cap(raw[nxt + 1]):
            j = nxt
        elif (low[nxt] in NP_LINKS or low[nxt] == "and") and nxt + 1 < end and _is_cap(raw[nxt + 1]) and low[nxt] not in {"in", "at", "from", "with", "for"}:
            j = nxt
        elif low[j].endswith("'s") and (low[nxt] in nouns or low[nxt].rstrip("s") in nouns):
            j = nxt
        else:
            break
    return (i, j)


def _known_name(words: _Words, i: int) -> bool:
    """Whether the capitalised word ``i`` also occurs capitalised inside a sentence (a name, not a sentence-initial word)."""
    target = words.raw[i]
    return any(
        words.raw[k] == target and k != words.sent_range[words.sent[k]][0] for k in range(max(0, i - 400), min(len(words.raw), i + 400))
    )
