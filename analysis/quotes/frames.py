"""Cue frames: one reporting cue in a sentence with its source and the side its content lies on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .cues import Cue, CueLexicon, load_speaker_nouns
from .words import (
    AUXILIARIES, BE_FORMS, BOUNDARY, CONTRACTED, DASHES, DETERMINERS, FUNCTION_WORDS, MODALS, NP_LINKS,
    PARTICIPLE_ENDING, PLURAL_PRONOUNS, POSSESSIVES, PREPOSITIONS, QUANTIFIERS, QUOTE_TOKENS, SENTENCE_END, SUBJECT_PRONOUNS,
    SAYING, TIME_WORDS, MAX_SOURCE_WORDS, _Words, _is_cap, _is_word, _starts_sentence,
)
from .phrases import (
    _after_closing_quote, _after_listener, _apposition_np, _left_np, _prev_word, _region_start, _right_np, _sentence_subject,
    _speaker_like, _subject_head, _with_before, listener,
)


MAX_OBJECT_WORDS = 5  # words after an object cue that are its object, not a clause ("told Fox News")


# cues whose following noun phrase is a listener or target, never an inverted subject ("…, told Fox News")
NO_INVERSION = {"tell", "inform", "assure", "reassure", "remind", "thank", "accuse", "blame", "praise", "criticize", "criticise", "blast", "slam", "attack", "mock", "call", "describe", "endorse", "defend", "call on"}
OBJECT_CUES = {"tell", "ask", "inform", "assure", "reassure", "warn", "urge", "remind", "accuse", "advise", "caution", "beg", "call on", "thank", "blame", "criticize", "criticise", "praise", "blast", "slam", "attack", "mock", "question", "challenge", "defend", "endorse", "call", "describe", "promise"}


@dataclass(slots=True)
class _Frame:
    """A cue found in a sentence, with its source and where its content lies (mutable: ``used``)."""

    cue: tuple[int, int]  # word indices, inclusive
    lemma: str
    type: str
    source: tuple[int, int] | None  # word indices, inclusive; None for "Asked about …," (asker unknown)
    content_side: str  # "right" (X said …), "left" (…, X said), "question", or "none" (a colon lead-in)
    rule: str  # becomes Quote.reason
    used: bool = False  # taken by a direct quote or already reported


class _FrameList(list):
    """A sentence's frames in text order, with the word index of each cue (``starts``) for bisection."""

    __slots__ = ("starts",)


def _frames(words: _Words, cues: CueLexicon, s: int, hits: Iterable[int]) -> _FrameList:
    """Cue frames of sentence ``s``: each cue outside quotation marks with its source.

    ``hits`` are the word indices of the sentence that may start a cue.
    """
    first, last = words.sent_range[s]
    low, raw, region_of = words.low, words.raw, words.region_of
    frames: list[_Frame] = []
    done = first
    for i in hits:
        if i < done or region_of[i] >= 0:
            continue
        found = cues.match(low, i)
        if not found or i + found[0] > last or (i > first and _is_cap(raw[i]) and low[i] != "according" and s >= words.titles):
            # a capitalised cue word inside a sentence is a name ("Talks", "Hope"), except in the
            # headline, where title case capitalises every verb ("Obama Says …", "…, Doctor Says")
            continue
        n, cue = found
        frame = _frame(words, first, last, i, i + n - 1, cue, frames)
        if frame is not None:
            frames.append(frame)
        done = i + n
    out = _FrameList(frames)
    out.starts = [f.cue[0] for f in frames]
    return out


def _frame(words: _Words, first: int, last: int, c0: int, c1: int, cue: Cue, previous: list[_Frame]) -> _Frame | None:
    """The frame of a cue: where its source is and on which side its content lies."""
    low, raw = words.low, words.raw
    lemma = cue.lemma
    if lemma == "according to" or lemma == "as reported by":
        src = _right_np(words, c1 + 1, last)
        if src is None:
            return None
        src = _issued_by(words, src, last)
        side = "left" if _prev_word(words, first, c0) is not None else "right"
        return _Frame((c0, c1), lemma, cue.type, src, side, "according-to: source after 'according to', content before or after")
    agency = _agency_frame(words, first, last, c0, c1, cue, previous)
    if agency is not None:
        return agency
    if _anonymity(low, c1, last):
        return None  # "who asked not to be named", "speaking on condition of anonymity": no content
    before = c0 - 1
    # noun use: "the claims", "his report", "a call", "Trump's comments", "her call for"
    quantifier_subject = (
        before >= first
        and low[before] in QUANTIFIERS
        and (before == first or not _is_word(raw[before - 1]))
        and low[c0] != lemma.split()[0]
        and not low[c0].endswith(("s", "ing"))
    )  # "Several said …", "Many believed …": a verb, not "many claims"
    contracted = before >= first and low[before].rsplit("'", 1)[0] in SUBJECT_PRONOUNS | {"that", "who", "there"}  # "it's denouncing", not "Trump's comments"
    if not quantifier_subject and not contracted and before >= first and (low[before] in DETERMINERS or low[before] in {"'s", "of"} or (low[before].endswith("'s") and _is_word(raw[before]))):
        if c0 == c1 or low[before] in POSSESSIVES or low[before].endswith("'s"):
            return None
    j = before
    skipped: list[str] = []
    while j >= first:
        w = low[j]
        if w in {"that", "which", "who"}:
            break
        if w in AUXILIARIES or (w.endswith("ly") and w not in {"only", "family", "july"} and len(w) > 4 and not _is_cap(raw[j])):
            skipped.append(w)
            j -= 1
        elif w in TIME_WORDS:  # "Clinton on Tuesday said", "Warren Saturday said"
            skipped.append(w)
            j -= 2 if j - 1 >= first and low[j - 1] == "on" else 1
        elif raw[j].isdigit() and len(raw[j]) == 4 and j - 1 >= first and low[j - 1] in {"in", "since"}:  # "who in 2010 said"
            j -= 2
        elif raw[j] == ")" and j - 1 > first:  # "Sen. John Smith (R-Texas) said"
            k = j - 1
            while k > first and j - k < 8 and raw[k] != "(":
                k -= 1
            if raw[k] != "(":
                break
            j = k - 1
        else:
            break
    after = c1 + 1 if c1 + 1 < last else None
    if after is not None and low[after] == "by":
        return None  # passive ("a video posted by …")
    if lemma == "ask" and low[c0] == "asked" and (c0 == first or (before >= first and low[before] in {"when", "if", "once", "after", "but", "and"} and before == first)):
        # "Asked about the plan, Trump said …": the question, its asker unknown
        return _Frame((c0, c1), lemma, cue.type, None, "question", "question: 'Asked about …,' (the asker is not named)")
    if skipped and any(w in BE_FORMS for w in skipped) and not low[c0].endswith("ing"):
        if lemma == "ask" and low[c0] == "asked" and after is not None and low[after] != "to":
            # "X was asked whether …": the question, its asker unknown
            return _Frame((c0, c1), lemma, cue.type, None, "question", "question: 'was asked …' (the asker is not named)")
        return None  # passive ("was asked to", "is expected")
    if not _complement_fits(words, c1, last, cue, after_quote=j >= first and _after_closing_quote(words, first, j)):
        return None
    # "…, saying …" — also after a quote that ends with its comma ("a defense of “New York values,” saying …")
    participle = j >= first and low[c0].endswith(PARTICIPLE_ENDING) and (
        raw[j] == "," or (raw[j] in QUOTE_TOKENS and j - 1 >= first and raw[j - 1] == "," and words.region_of[j] >= 0)
    )
    with_subject = low[c0].endswith(PARTICIPLE_ENDING) and j >= first and _is_word(raw[j]) and _with_before(words, first, j)
    if j >= first and "'" in low[j] and low[j].rsplit("'", 1)[1] in CONTRACTED:
        skipped = [*skipped, CONTRACTED[low[j].rsplit("'", 1)[1]]]  # "He's claiming", "they've said"
    by_participle = low[c0].endswith(PARTICIPLE_ENDING) and j >= first and low[j] == "by"
    if by_participle:
        # "She followed that by saying, “…”", "They ended the check by announcing that …": the sentence's subject
        src = _sentence_subject(words, first, c0, previous)
        if src is None or src[0] >= j:
            return None
        return _Frame((c0, c1), lemma, cue.type, src, "right", "participle: '… by saying …' takes the sentence subject")
    paired = j - 2 >= first and low[j - 1] == "and" and _is_cap(raw[j - 2]) and _is_cap(raw[j])  # "Obama and Clinton call"
    if not participle and not with_subject and not _form_fits(low[c0], lemma, "they" if paired else low[j] if j >= first else "", skipped):
        return None
    if j >= first and low[j] in {"who", "which", "that"}:
        # relative clause: "Smith, who said that …" — the source is the relative pronoun, resolved later
        if low[j] == "that" and not (j - 1 >= first and (_is_cap(raw[j - 1]) or low[j - 1] in load_speaker_nouns())):
            return None
        return _Frame((c0, c1), lemma, cue.type, (j, j), "right", "relative: source is 'who'")
    if j >= first and _is_word(raw[j]) and low[j] not in BOUNDARY and low[j] not in NP_LINKS:
        if not _subject_head(words, j, first):
            return None
        bare_name = _is_cap(raw[j]) and low[j] not in load_speaker_nouns() and (j == first or not _is_word(raw[j - 1]) or _is_cap(raw[j - 1]) or paired)
        after_quote = _after_closing_quote(words, first, j)
        if low[c0] in WEAK_FORMS and not (low[j] in SUBJECT_PRONOUNS or bare_name or after_quote):
            return None  # "member states", "his remarks": a noun, not a cue ("“…,” a voice-over states" is one)
        if low[c0] == "called" and j == before and j - 1 >= first and low[j - 1] in {"a", "an"}:
            return None  # naming: "a show called …"
        src = _left_np(words, first, j)
        if src is None:
            return None
        src = _relative_head(words, first, src)
        k = src[0] - 1
        if k >= first and low[k] in SAYING:
            return None  # "Baqaei said Iran would not discuss …": Iran's act, inside what Baqaei said
        if k > first and low[k] == "that" and previous and _complement_of(previous[-1], k) and low[c0] not in SAYING:
            return None  # "She added that Halvania insists …": the stance of a party inside what she said
        if src[0] <= src[1] and low[src[0]] in {"the", "a", "an", "this", "that"} | TIME_WORDS and k >= first and low[k] in {"at", "in", "on", "during", "over", "after", "last", "earlier"}:
            # "Trump at the time said", "Clinton in a statement said": the subject is before the phrase
            p = k - 1
            if p >= first and (low[p] in SUBJECT_PRONOUNS or _is_cap(raw[p])):
                src = _left_np(words, first, p) or src
                k = src[0] - 1
        if k >= first and low[k] == "as" and not (k - 2 >= first and low[k - 2] == "as" and low[k - 1] in AS_PAIRS):
            # "As X reported, the talks …" (content after) / "The talks …, as X said" (content before);
            # not "as long as the war continues", a condition
            side = "right" if after is not None and raw[after] == "," and after + 1 < last else "left"
            return _Frame((c0, c1), lemma, cue.type, src, side, "as: 'as X said', content in the main clause")
        # "…, X said." / "… – X said." / "“…,” X said." : content on the left unless a 'that' clause follows
        left_attached = k >= first and (raw[k] in {",", ":"} or raw[k] in DASHES or words.region_of[k] >= 0)
        if left_attached and not _clause_follows(
            words, c1, last, object_cue=lemma in OBJECT_CUES, to_clause=lemma.split()[0] in TO_CUES, before=(first, k)
        ):
            if raw[k] in DASHES and cue.type == "speech" and words.region_of[k - 1] < 0 and _lone_dash(words, first, k) and _ends_sentence(words, c1, last):
                return _Frame((c0, c1), lemma, cue.type, src, "left", DASH_SIGNED)
            return _Frame((c0, c1), lemma, cue.type, src, "left", "inverted: content before ', X said'")
        if cue.type == "speech" and _refers_back(words, c1, last):
            return _Frame((c0, c1), lemma, cue.type, src, "previous", SAID_THIS)
        return _Frame((c0, c1), lemma, cue.type, src, "right", "subject: 'X said (that) …'")
    if j >= first and low[j] in {"and", "but"} and j - 1 >= first and not low[c0].endswith(PARTICIPLE_ENDING):
        # "He called her “weak” and said she had …": the subject of the coordinated verb
        if j - 2 >= first and low[j - 2] in SUBJECT_PRONOUNS and _is_word(raw[j - 1]) and low[j - 1] not in FUNCTION_WORDS:
            src = (j - 2, j - 2)  # "…, he laughed and said …": the pronoun before the first verb
        else:
            src = _sentence_subject(words, first, c0, previous)
        if src is None or low[c0] in WEAK_FORMS:
            return None
        return _Frame((c0, c1), lemma, cue.type, src, "right", "coordinated: '… and said …' takes the sentence subject")
    if participle:
        # "…, saying …" / "…, adding that …": the subject of the sentence
        src = _sentence_subject(words, first, c0, previous)
        if src is None:
            return None
        return _Frame((c0, c1), lemma, cue.type, src, "right", "participle: '…, saying …' takes the sentence subject")
    if c0 == first and _is_cap(raw[c0]) and lemma not in NO_INVERSION and lemma not in OBJECT_CUES:
        # "Said Comey, “…”": an inverted cue opening the sentence, its content after the source
        right = _right_np(words, c1 + 1, last)
        if right is not None and right[1] + 1 < last and raw[right[1] + 1] in {",", ":"} and _speaker_like(words, right):
            return _Frame((c0, c1), lemma, cue.type, right, "right", "inverted: 'Said X, …'")
    if j >= first and raw[j] == ",":
        # "Smith, a spokesman, said" (apposition) or "…, said Smith" (inversion; not "…, told Fox News")
        right = _right_np(words, c1 + 1, last) if lemma not in NO_INVERSION and not _relative_subject(words, first, j) else None
        if right is not None and (right[1] + 1 >= last or raw[right[1] + 1] in {",", ".", ";", "!", "?"}) and _speaker_like(words, right):
            return _Frame((c0, c1), lemma, cue.type, right, "left", "inverted: '…, said X'")
        src = _apposition_np(words, first, j)
        if src is not None:
            k = src[0] - 1
            if k - first >= MIN_LEFT_CONTENT_WORDS and raw[k] in {",", ":"} | DASHES and cue.type == "speech" and _nothing_said_after(words, c1, last, lemma, before=(first, k)):
                # "…, Elena Vasileva, who hosted the talks, told journalists.": the content is before the subject
                return _Frame((c0, c1), lemma, cue.type, src, "left", "apposition: content before 'X, who …, said'")
            return _Frame((c0, c1), lemma, cue.type, src, "right", "apposition: 'X, a Y, said …'")
        return None
    if j == before and raw[j] in DASHES and cue.type == "speech" and words.region_of[j - 1] < 0 and lemma not in NO_INVERSION and _lone_dash(words, first, j):
        found = _dash_signed(words, c1, last)
        if found is not None:
            return _Frame((c0, c1), lemma, cue.type, found, "left", DASH_SIGNED)
    quote_before = j >= first and (words.region_of[j] >= 0 or raw[j] in QUOTE_TOKENS)
    if quote_before and not _starts_sentence(words, words.index_at(_region_start(words, j)), words.sent[j]):
        # "No Child Left Behind was “very assertive,” said Gary Orfield" is an inversion;
        # "summed up Clinton as “terrible,” denounced her record" is not
        k = c1 + 1
        if k >= last or low[k] in POSSESSIVES or not (_is_cap(raw[k]) or low[k] in {"the", "a", "an"}):
            return None
    if quote_before and lemma not in NO_INVERSION:
        right = _right_np(words, c1 + 1, last)
        if right is not None and _speaker_like(words, right):
            return _Frame((c0, c1), lemma, cue.type, right, "left", "inverted: '… said X'")
    return None


QUOTED_AS = "quoted-as: 'X quoted Y as saying …' (Y speaks, X cites)"
REPORTED_BY = "reported-by: 'This was reported by X' after the content"
SAID_THIS = "said-this: 'X said this' after the content"
OBJECT_PRONOUNS = {"him", "her", "them", "us", "me"}  # "quoted him as saying"
QUOTING_VERBS = {"quoted", "quotes", "quoting", "cited", "cites", "citing"}
BACK_REFERENCES = {"this", "so"}  # "X said this.": the content is what came before
PASSIVE_AUXILIARIES = BE_FORMS | AUXILIARIES
PASSIVE_SUBJECTS = {"this", "that", "it", "these", "all this"}


def _agency_frame(words: _Words, first: int, last: int, c0: int, c1: int, cue: Cue, previous: list[_Frame]) -> _Frame | None:
    """The agency constructions whose source is not next to the cue: 'X quoted Y as saying …', 'This was reported by X.'"""
    low = words.low
    if cue.type == "speech" and low[c0].endswith(PARTICIPLE_ENDING) and c0 - 2 >= first and low[c0 - 1] == "as":
        # "Ukrainska Pravda quoted Budanov as saying that …": Budanov speaks, the outlet only cites
        verb = next((k for k in range(c0 - 3, max(first, c0 - 3 - MAX_SOURCE_WORDS) - 1, -1) if low[k] in QUOTING_VERBS), None)
        np = (verb + 1, c0 - 2) if verb is not None else None
        if np is not None and all(_is_word(words.raw[x]) and words.region_of[x] < 0 for x in range(*np)) and (
            _speaker_like(words, np) or (np[0] == np[1] and low[np[0]] in OBJECT_PRONOUNS)
        ):
            if previous and previous[-1].cue[0] == verb:
                previous.pop()  # "cited": no cue of its own here
            return _Frame((c0, c1), cue.lemma, cue.type, np, "right", QUOTED_AS)
    if cue.type == "speech" and c1 + 2 < last and low[c1 + 1] == "by" and c0 - 2 >= first and low[c0 - 1] in PASSIVE_AUXILIARIES:
        # "This was reported by the Coordination Headquarters.": the content is the sentence before
        k = c0 - 1
        while k > first and low[k] in PASSIVE_AUXILIARIES:
            k -= 1
        if k == first and low[k] in PASSIVE_SUBJECTS:
            src = _right_np(words, c1 + 2, last)
            if src is not None and _ends_sentence(words, src[1], last) and _speaker_like(words, src):
                return _Frame((c0, c1), cue.lemma, cue.type, src, "previous", REPORTED_BY)
    return None


def _complement_of(outer: _Frame, that: int) -> bool:
    """Whether the "that" at ``that`` opens the content of the cue just before it ("added that …"), so a cue
    inside is part of that content; not after "reported" ("Reuters reported that a U.S. official described …":
    an outlet's report of what someone said is that person's attribution)."""
    return outer.content_side == "right" and outer.cue[1] == that - 1 and outer.lemma not in REPORTING


REPORTING = frozenset({"report"})


def _refers_back(words: _Words, c1: int, last: int) -> bool:
    """Whether a cue's object is only a word pointing back ("X said this.", "… announced this on Tuesday.")."""
    k = c1 + 1
    if k >= last or words.low[k] not in BACK_REFERENCES:
        return False
    k += 1
    while k < last and words.low[k] in TIME_WORDS:
        k += 1
    if k < last and words.low[k] in PREPOSITIONS:  # "… on Tuesday.", "… in a statement.": a phrase to the end
        k = next((x for x in range(k + 1, last) if not _is_word(words.raw[x]) or words.low[x] in BOUNDARY), last)
    return k >= last or (words.raw[k] in SENTENCE_END and k + 1 >= last)


DASH_SIGNED = "dash: unquoted speech signed '… – X said' / '… - said X'"


def _dash_signed(words: _Words, c1: int, last: int) -> tuple[int, int] | None:
    """Reads "… - said Koval.": the speaker after a cue that follows a dash, ending the sentence."""
    right = _right_np(words, c1 + 1, last)
    if right is None or not _speaker_like(words, right) or not (_is_cap(words.raw[right[0]]) or words.low[right[0]] in SUBJECT_PRONOUNS):
        return None
    return right if _ends_sentence(words, right[1], last) else None


def _ends_sentence(words: _Words, k: int, last: int) -> bool:
    """Whether nothing but a full stop (or the end) follows word ``k`` in its sentence."""
    return k + 1 >= last or (words.raw[k + 1] in SENTENCE_END and k + 2 >= last)


MIN_LEFT_CONTENT_WORDS = 4
LISTENER_CUES = {"tell", "inform", "assure", "reassure"}  # "told journalists": a listener, then nothing said


def _nothing_said_after(words: _Words, c1: int, last: int, lemma: str, *, before: tuple[int, int] | None = None) -> bool:
    """Whether only a time, a place or a listener follows a cue ("told journalists on Thursday.", "said in Oslo.");
    longer runs of adjuncts count only when a clause stands ``before`` the source (see :func:`_clause_follows`)."""
    low = words.low
    k = c1 + 1
    while k < last and low[k] in TIME_WORDS:
        k += 1
    if k >= last or words.raw[k] in SENTENCE_END:
        return True
    if any(low[x] in {"that", ":", "to"} or words.region_of[x] >= 0 for x in range(k, last)):
        return False
    if last - k > MAX_OBJECT_WORDS + 1:  # "told journalists after the talks in Veran on Monday."
        return _said_before_adjuncts(words, k, last, lemma in LISTENER_CUES, before)
    if lemma in LISTENER_CUES and _after_listener(words, k, last - 1) != k:
        return False  # "told Reuters the talks ended"
    return low[k] in PREPOSITIONS or lemma in LISTENER_CUES


def _lone_dash(words: _Words, first: int, k: int) -> bool:
    """Whether the dash at ``k`` is the only one of its sentence so far (not the end of an aside "— a group of … —")."""
    return not any(words.raw[x] in DASHES for x in range(first, k))


def _clause_follows(words: _Words, c1: int, last: int, *, object_cue: bool = False, to_clause: bool = False, before: tuple[int, int] | None = None) -> bool:
    """Whether a clause follows a cue ("said the plan failed"), not just a phrase ("said in an interview.").

    ``object_cue``: the cue takes an object ("told reporters"), so a short
    phrase that ends the sentence is its object, not a clause; ``to_clause``:
    the cue takes an infinitive ("agree to extend the truce"), a clause;
    ``before``: the sentence's first word and the comma before the source;
    when a clause stands there (:func:`_clause_before`), a long run of adjuncts
    after the cue is where and when it was said.
    """
    low = words.low
    k = c1 + 1
    while k < last and low[k] in TIME_WORDS:
        k += 1
    if k >= last or words.raw[k] in {",", ".", "!", "?", ";"}:
        return False
    if to_clause and low[k] == "to":
        return True  # "Israel, Hamas agree to extend the truce": what they agreed follows
    if object_cue and last - k <= MAX_OBJECT_WORDS and not any(low[x] in {"that", ":", "to"} or words.region_of[x] >= 0 for x in range(k, last)) and _after_listener(words, k, last - 1) == k:
        return False  # "“…,” Kovac told reporters on Tuesday." (but "Kovac told Reuters the talks ended.")
    if low[k] in PREPOSITIONS and last - k <= 9:
        # "…, she said in a video message to the convention.": a short phrase ends the sentence
        return any(low[x] in {"that", ":"} for x in range(k, last))
    return not _said_before_adjuncts(words, k, last, object_cue, before)


def _said_before_adjuncts(words: _Words, k: int, last: int, listens: bool, before: tuple[int, int] | None) -> bool:
    """Whether words ``k``.. (past a listener when the cue ``listens``) are only where and when it was said, and
    a clause stands ``before`` the source ("The deal holds, Kovac told journalists in Baku on Thursday.")."""
    if before is None:
        return False
    listened = _past_listener(words, k, last) if listens else k
    return _adjuncts_only(words, listened, last) and _clause_before(words, *before)


ISSUING = frozenset({"issued", "released", "signed", "published", "adopted", "sent"})  # "a statement issued by …"


def _issued_by(words: _Words, src: tuple[int, int], last: int) -> tuple[int, int]:
    """A document source with its issuers: "according to a (joint) statement [issued] by the United Arab Emirates
    and the Kingdom of Saudi Arabia" is theirs, not the document's; ``src`` as it was otherwise."""
    low, raw = words.low, words.raw
    head = src[1] - 1 if low[src[1]] in ISSUING and src[1] > src[0] else src[1]  # the noun phrase may end in "issued"
    if load_speaker_nouns().get(low[head]) != "document":
        return src
    k = head + 1
    if k < last and low[k] in ISSUING:
        k += 1
    if k + 1 >= last or low[k] != "by":
        return src
    issuer = _right_np(words, k + 1, last)
    if issuer is None:
        return src
    end = issuer[1]
    while end + 3 < last and low[end + 1] == "and" and low[end + 2] in DETERMINERS and _is_cap(raw[end + 3]):
        more = _right_np(words, end + 3, last)  # "… and the Kingdom of Saudi Arabia"
        if more is None:
            break
        end = more[1]
    return (src[0], end)


RELATIVE_VERB_WORDS = 4  # words of a restrictive relative clause's verb phrase before its object at most ("who attended")


def _relative_head(words: _Words, first: int, src: tuple[int, int]) -> tuple[int, int]:
    """The subject a restrictive relative clause ends before the cue: in "A diplomatic source who attended the talks
    told ENA", the noun phrase before the cue is the clause's object, and the speaker is "A diplomatic source who
    attended the talks"; ``src`` as it was when no "who" stands right before the object's verb phrase."""
    low, raw = words.low, words.raw
    k = src[0] - 1
    r = next((x for x in range(k, max(first - 1, k - RELATIVE_VERB_WORDS), -1) if low[x] == "who" or not _is_word(raw[x])), None)
    if r is None or low[r] != "who" or r == k or r <= first or any(words.region_of[x] >= 0 for x in range(r, src[0])):
        return src
    head = _left_np(words, first, r - 1)
    if head is None or not _is_word(raw[r - 1]) or low[r - 1] in SUBJECT_PRONOUNS:
        return src
    return (head[0], src[1])


# participles that open an aside after a subject ("Marco Rubio, speaking after talks with …, said")
PARTICIPLE_ASIDES = frozenset({"speaking", "talking", "writing", "addressing", "commenting", "responding", "answering", "referring"})
RELATIVE_SUBJECT_WORDS = 8  # words of a subject before its ", who …," at most ("A member of the Dalrik delegation")


def _relative_subject(words: _Words, first: int, comma: int) -> bool:
    """Whether the words before ``comma`` are the sentence's opening noun phrase and its relative clause ("Omer Tal,
    who chaired the meeting, said …", "A member of the delegation, who asked not to be named, said …"): the
    subject, so what follows the cue is what was said, not the speaker."""
    low, raw = words.low, words.raw
    reach = min(comma, first + RELATIVE_SUBJECT_WORDS + 2)  # bounded: a sentence may be one huge run-on
    k = next((k for k in range(first + 1, reach) if (low[k] in ("who", "which") or low[k] in PARTICIPLE_ASIDES) and raw[k - 1] == ","), None)
    if k is None or k - 1 - first > RELATIVE_SUBJECT_WORDS or not (_is_cap(raw[first]) or low[first] in DETERMINERS):
        return False
    return all(_is_word(raw[x]) and low[x] not in BOUNDARY or low[x] in NP_LINKS or low[x] in DETERMINERS for x in range(first, k - 1))


# "who asked not to be named", "spoke on condition of anonymity": a cue with nothing said after it
_ANONYMITY = (("not", "to", "be", "named"), ("not", "to", "be", "identified"), ("on", "condition", "of", "anonymity"), ("anonymity",))


def _anonymity(low: list[str], c1: int, last: int) -> bool:
    after = tuple(low[c1 + 1 : min(last, c1 + 5)])
    return any(after[: len(p)] == p for p in _ANONYMITY)


AS_PAIRS = frozenset({"long", "soon", "well", "far", "much", "such", "quickly", "early"})  # "as long as …": no "as X said"
# Words that open an adverbial before the subject, not a clause that was said ("When pressed …, X said …").
ADVERBIAL_OPENERS = frozenset({"when", "although", "though", "whether", "if", "asked", "just", "either", "despite", "because", "unless", "where", "while", "as", "once"})


def _clause_before(words: _Words, first: int, k: int) -> bool:
    """Whether the words of the sentence before the comma at ``k`` read as what was said: a quotation, or
    a clause of four words or more with a finite verb, not an opening adverbial ("In December,", "When
    pressed by the moderators,", "Asked about …,") or a dateline ("WASHINGTON (AP)")."""
    low = words.low
    window = range(max(first, k - MAX_ADJUNCT_WORDS), k)  # bounded: one endless sentence of cues stays linear
    if any(words.region_of[x] >= 0 for x in window):
        return True
    if k - first < MIN_LEFT_CONTENT_WORDS:
        return False
    opening = low[first]
    if opening in PREPOSITIONS or opening in ADVERBIAL_OPENERS or opening.endswith("ing"):
        return False
    return any(low[x] in FINITE or low[x].endswith("ed") for x in window if x > first)


MAX_ADJUNCT_WORDS = 40  # words read for adjuncts after a cue, and for the clause before its source
# Finite verbs that make a clause of the words after a cue, unless a subordinator ("after", "when") heads them.
FINITE = frozenset({"had", "has", "have", "was", "were", "is", "are", "would", "will", "could", "should", "can", "may", "might", "must", "did", "does", "do"})
SUBORDINATE = frozenset({"after", "before", "when", "since", "until", "as", "while", "once"})
# Measures that open a time adjunct before its subordinator ("a few hours after …", "shortly before …").
MEASURES = frozenset({"a", "few", "several", "two", "three", "shortly", "soon", "just", "hours", "days", "minutes", "weeks", "moments", "hour", "day", "minute"})


def _past_listener(words: _Words, k: int, last: int) -> int:
    """The word after the listener of an object cue at ``k`` (see :func:`.phrases.listener`), else ``k``."""
    found = listener(words, k, last - 1) if k < last else None
    return found[0] + 1 if found is not None else k


def _adjuncts_only(words: _Words, k: int, last: int) -> bool:
    """Whether the rest of the sentence after a cue (and its listener) is only where and when it was said:
    "told journalists in Baku on Thursday evening, a few hours after the statement was published", "said while
    addressing a briefing on Monday". Each comma-separated part opens with a preposition, a time word, a
    subordinator before a participle or a measure before a subordinator, and holds
    no finite verb outside the subordinate clause; no "that", colon or quotation (those open what was said)."""
    low = words.low
    if k >= last or last - k > MAX_ADJUNCT_WORDS or not _adjunct_opens(low, k, last):
        return False
    part = k
    while part < last:
        end = next((x for x in range(part, last) if words.raw[x] == ","), last)
        if end > part and not _adjunct(words, part, end):
            return False
        part = end + 1
    return True


def _adjunct_opens(low: list[str], i: int, end: int) -> bool:
    """An adjunct's first words: a preposition, a time word, or a subordinator before a participle ("while addressing")."""
    return low[i] in PREPOSITIONS or low[i] in TIME_WORDS or low[i] in SUBORDINATE and i + 1 < end and low[i + 1].endswith("ing")


def _adjunct(words: _Words, i: int, end: int) -> bool:
    """Words ``i``..``end`` (exclusive) as one adjunct of place or time (see :func:`_adjuncts_only`)."""
    low = words.low
    opening = i
    while opening < end and low[opening] in MEASURES:
        opening += 1
    if not _adjunct_opens(low, i, end) and not (opening > i and opening < end and low[opening] in SUBORDINATE):
        return False
    subordinate = False
    for x in range(i, end):
        if low[x] in {"that", ":"} or words.region_of[x] >= 0:
            return False
        subordinate = subordinate or low[x] in SUBORDINATE
        if low[x] in FINITE and not subordinate:
            return False
    return True


# Cue forms that are more often nouns ("member states", "his remarks", "the attacks"): a cue only
# after a pronoun or a bare name ("he states", "Trump attacks").
WEAK_FORMS = {
    "state", "states", "attack", "attacks", "comment", "comments", "email", "emails", "remark", "remarks",
    "question", "questions", "challenge", "challenges", "plan", "plans", "report", "reports", "call", "calls",
    "view", "views", "support", "supports", "note", "notes", "claim", "claims", "address", "addresses",
    "appeal", "appeals", "request", "requests", "fear", "fears", "favor", "favors", "talk", "talks", "tweet",
    "tweets", "post", "posts", "thanks", "trust", "speak", "speaks", "charge", "charges", "demand", "demands",
    "promise", "promises", "pledge", "pledges", "vow", "vows", "answer", "answers", "response", "doubt",
    "doubts", "hope", "hopes", "wish", "wishes", "record", "project", "projects", "estimate", "estimates",
    "concern", "concerns", "voice", "voices", "echo", "echoes", "attack", "blast", "blasts", "slam", "slams",
}


# Cues that report a thought or a finding only with a clause or an infinitive after them
# ("thinks that …", "wants to …", "found that …"), not with a plain object ("saw the video").
CLAUSE_TYPES = {"thought", "evidence"}
CLAUSE_STARTS = {
    "that", "to", "how", "what", "why", "whether", "if", "who", "when", "where", "which", "he", "she", "they",
    "it", "we", "i", "you", "there", "this", "these", "those", "the", "a", "an", "his", "her", "their", "its",
    "our", "my", "your", "some", "many", "most", "all", "no", "nothing", "everything", "something", "more",
    "both", "any", "every", "each", "such", "as", ":", "himself", "herself", "themselves", "itself",
}


# "sees him as …", "regards it as …"
AS_CUES = {"see", "view", "regard", "consider"}


# "wants to …", "plans to …"
TO_CUES = {"want", "hope", "plan", "seek", "intend", "decide", "prefer", "wish", "expect", "agree", "fear", "appear", "seem"}


# "thinks the plan failed": a clause may follow without "that"
BARE_CLAUSE_CUES = {"think", "believe", "feel", "fear", "hope", "expect", "suspect", "assume", "suppose", "worry", "doubt", "wish", "know", "realize", "realise", "understand", "imagine", "guess", "agree", "figure"}


# cues that report speech only with these words after them ("spoke about …", "maintained that …",
# "pledged to …"), not "spoke to reporters", "maintained his lead", "pledged $1 million"
COMPLEMENT_STARTS = {
    "speak": {"about", "of", "out", "that", ":"},
    "talk": {"about", "of", "that", ":"},
    "maintain": {"that", ":"},
    "pledge": {"to", "that", ":"},
    "read": {":", ".", ",", ""},  # "the sign read: …", "“…,” the email read." — not "he read the book"
}
# listing verbs report speech only as a colon lead-in: "Blyde listed the conditions …: A, B and C" (the items
# after the colon are what was said; "the company listed its shares" is no speech)
COLON_CUES = frozenset({"list", "set out", "outline", "lay out", "spell out", "enumerate"})
MAX_LEAD_IN_WORDS = 25  # words between a listing verb and its colon, at most
CONTINUE_LEMMAS = {"continue", "add"}  # "continued:" / "added that" — not "continued to grow"


def lead_in_colon(words: _Words, k: int, last: int) -> int | None:
    """The colon that ends a listing verb's lead-in from word ``k`` ("listed the conditions …:"), or None."""
    for x in range(k, min(last, k + MAX_LEAD_IN_WORDS)):
        if words.raw[x] == ":" and words.region_of[x] < 0:
            return x
        if words.raw[x] in {".", ";", "?", "!"} or words.region_of[x] >= 0:
            return None
    return None


def _complement_fits(words: _Words, c1: int, last: int, cue: Cue, *, after_quote: bool = False) -> bool:
    """Whether what follows a cue can be its content.

    ``after_quote``: the cue (or its subject) follows a closing quotation mark, so
    the quote is its content ("“…,” added Smith", "“…,” read the sign").
    """
    low, raw = words.low, words.raw
    if after_quote and (cue.lemma in CONTINUE_LEMMAS or cue.lemma in COMPLEMENT_STARTS):
        return True
    k = c1 + 1
    while k < last and (low[k] in TIME_WORDS or low[k] in {"also", "now", "still", "strongly", "firmly", "privately", "publicly"}):
        k += 1
    nxt = low[k] if k < last else ""
    if cue.lemma in COLON_CUES:
        return lead_in_colon(words, k, last) is not None
    allowed = COMPLEMENT_STARTS.get(cue.lemma)
    if allowed is not None and not (nxt in allowed or (k < last and (words.region_of[k] >= 0 or raw[k] in QUOTE_TOKENS))):
        return False
    if cue.lemma in CONTINUE_LEMMAS:
        return nxt in {"", ":", ",", ".", "that", "the", "this"} or raw[k] in QUOTE_TOKENS or words.region_of[k] >= 0 if k < last else True
    if cue.type not in CLAUSE_TYPES:
        return True
    if k >= last or nxt in {",", ".", ";", "?", "!"}:
        return True  # "…, he believes."
    if nxt in {"that", "whether", "if", "how", "what", "why", "who", "when", "where", ":"} or words.region_of[k] >= 0:
        return True
    head = cue.lemma.split()[0]
    if head in AS_CUES:
        return any(low[x] == "as" for x in range(k, min(last, k + 8)))
    if head in TO_CUES and nxt == "to":
        return True
    if head in BARE_CLAUSE_CUES:
        return nxt in CLAUSE_STARTS or _is_cap(raw[k]) or raw[k][:1].isdigit()
    return _is_cap(raw[k]) or raw[k][:1].isdigit() or nxt in SUBJECT_PRONOUNS


PARTICIPLES_ONLY = {"spoken", "known", "shown", "written", "seen", "sworn", "forgotten", "given", "taken"}


def _form_fits(form: str, lemma: str, subject: str, skipped: list[str]) -> bool:
    """Whether an inflected cue fits its subject: "they say", "he says", "is saying", "did say"."""
    head = lemma.split()[0]
    if form in PARTICIPLES_ONLY:
        return any(w in {"has", "have", "had", "having", "'ve"} for w in skipped)
    if form.endswith(PARTICIPLE_ENDING) and form != head:
        return any(w in BE_FORMS for w in skipped)
    if form == head and form not in {"put", "read", "cast", "hit", "set", "cut"}:
        return any(w in MODALS for w in skipped) or subject in PLURAL_PRONOUNS or (subject.endswith("s") and not subject.endswith("ss") and subject not in {"his", "its", "this", "was", "is", "has"}) or subject in {"people", "police", "media", "staff", "public", "men", "women"}
    return True
