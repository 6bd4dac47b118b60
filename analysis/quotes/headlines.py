"""Headline attributions: the speaker a headline names at its start or end, with no cue word.

Wire and agency headlines attribute with punctuation (issue 8):

* ``Umerov: <statement>`` — a name before a colon opens the headline
  (:func:`_lead_colon`); a house label ("The Latest:") or a place is no speaker;
* ``<statement>: Akar``, ``<statement> – Ukraine's defence minister``,
  ``<statement> — Defense Ministry`` — a short speaker phrase after a colon
  or a dash ends the headline (:func:`_tail_signature`); a label before a
  leading colon ("Niger: … – Abdulsalami") is left out of the content.

The headline is the text before ``title_end`` (``Article.body_start``: a
``.txt`` article's first paragraph followed by a blank line). A phrase is a
speaker when the mentions stage finds a name in it that is not a place, or
it holds a speaker noun (``data/roles.tsv``: "ombudsman", "poll"). Title-case
cues ("…, Lindsey Graham Says") are the frame rules' (:mod:`.frames`).

>>> from analysis.load import article_from_text
>>> from analysis.tokenize import tokenize
>>> from analysis.quotes import find_candidates
>>> article = article_from_text("Talks will go on next week – Ukraine's defence minister\\n\\nThe defence minister said so.")
>>> [(q.reason, q.content_text(article.text), q.source.text(article.text)) for q in
...  find_candidates(tokenize(article), title_end=article.body_start)][0]
('headline: a speaker after a dash or colon ends the headline', 'Talks will go on next week', "Ukraine's defence minister")
"""

from __future__ import annotations

from ..mentions import ArticleMentions
from ..records import Quote, Span
from .cues import load_speaker_nouns
from .words import DASHES, NP_LINKS, QUOTE_TOKENS, SENTENCE_END, _Words, _is_cap, _is_word

HEADLINE_DASHES = DASHES | {"―", "---"}
MAX_HEADLINE_SOURCE_WORDS = 6  # words of a speaker phrase that opens or ends a headline
MIN_HEADLINE_CONTENT_WORDS = 3
# house labels before a headline's colon: a section, not a speaker ("The Latest: …", "Factbox: …")
HOUSE_LABELS = {
    "the latest", "latest", "analysis", "opinion", "exclusive", "watch", "breaking", "live", "update", "explainer",
    "quote", "video", "editorial", "factbox", "timeline", "fact check", "photos", "interview", "report", "in pictures",
    "q&a", "review", "commentary", "poll of polls",
}
NOT_SPEAKER_KINDS = {"place"}
# words of a speaker phrase that are not capitalised: "head of the Russian delegation", "Ukraine's defence minister"
PHRASE_WORDS = NP_LINKS | {"the", "a", "an", "'s"}


def headline_quotes(words: _Words, mentions: ArticleMentions) -> list[Quote]:
    """Attributions of the headline sentences (the first ``words.titles``), each by the first rule that reads it."""
    out = []
    for s in range(words.titles):
        first, last = words.sent_range[s]
        end = last - 1
        while end > first and (words.raw[end] in SENTENCE_END):
            end -= 1  # "….": the full stop is no part of the content
        if end - first < MIN_HEADLINE_CONTENT_WORDS:
            continue
        for rule in HEADLINE_RULES:
            quote = rule(words, mentions, s, first, end)
            if quote is not None:
                out.append(quote)
                break
    return out


def _tail_signature(words: _Words, mentions, s: int, first: int, end: int) -> Quote | None:
    """Reads a headline that ends with a colon or a dash and a speaker phrase ("…: MEA", "… – Ukraine's defence minister")."""
    raw = words.raw
    for k in range(end - 1, max(first, end - MAX_HEADLINE_SOURCE_WORDS - 1), -1):
        if raw[k] in HEADLINE_DASHES or raw[k] == ":":
            break
        if not _is_word(raw[k]) and raw[k] != "." and raw[k] not in {"'s", "'"}:
            return None
    else:
        return None
    if words.region_of[k] >= 0 or k + 1 > end or not _speaker_phrase(words, mentions, k + 1, end):
        return None
    start = _after_label(words, mentions, first, k)
    content_end = k - 1
    while content_end > start and raw[content_end] in {",", ";"}:
        content_end -= 1
    if content_end - start + 1 < MIN_HEADLINE_CONTENT_WORDS:
        return None
    return _quote(words, s, (start, content_end), k, (k + 1, end), "headline: a speaker after a dash or colon ends the headline")


def _lead_colon(words: _Words, mentions, s: int, first: int, end: int) -> Quote | None:
    """Reads a headline opened by a speaker and a colon ("Umerov: …", "Poll: …", "Obama on climate: …")."""
    raw, low = words.raw, words.low
    colon = next((k for k in range(first, min(end, first + MAX_HEADLINE_SOURCE_WORDS + 4)) if raw[k] == ":"), None)
    if colon is None or colon == first or end - colon < MIN_HEADLINE_CONTENT_WORDS or words.region_of[colon] >= 0:
        return None
    source_end = colon - 1
    on = next((k for k in range(first + 1, colon) if low[k] in {"on", "about"}), None)
    if on is not None:
        source_end = on - 1  # "Obama on Climate Change: …": the topic is no part of the speaker
    if source_end - first + 1 > MAX_HEADLINE_SOURCE_WORDS or _house_label(words, first, colon):
        return None
    if not _speaker_phrase(words, mentions, first, source_end, lead=True):
        return None
    return _quote(words, s, (colon + 1, end), colon, (first, source_end), "headline: a speaker and a colon open the headline")


HEADLINE_RULES = (_tail_signature, _lead_colon)


def _after_label(words: _Words, mentions, first: int, k: int) -> int:
    """Where a headline's content starts: after a leading label and colon ("Niger: …"), else at its start."""
    colon = next((x for x in range(first, min(k, first + 4)) if words.raw[x] == ":"), None)
    if colon is None:
        return first
    return colon + 1


def _house_label(words: _Words, first: int, colon: int) -> bool:
    return " ".join(words.low[first:colon]) in HOUSE_LABELS


def _speaker_phrase(words: _Words, mentions: ArticleMentions, i: int, j: int, *, lead: bool = False) -> bool:
    """Whether words ``i``..``j`` are a speaker: a name the mentions stage finds (no place), or a speaker noun phrase.

    ``lead``: the phrase opens the headline, where a country is a topic label ("Niger: …").
    """
    raw, low = words.raw, words.low
    if any(not (_is_cap(raw[x]) or low[x] in PHRASE_WORDS or raw[x] in {".", "'"} or _is_word(raw[x])) for x in range(i, j + 1)):
        return False
    if any(raw[x] in QUOTE_TOKENS for x in range(i, j + 1)):
        return False
    nouns = load_speaker_nouns()
    if any(low[x] in nouns for x in range(i, j + 1)):
        return all(_is_cap(raw[x]) or low[x] in PHRASE_WORDS or low[x] in nouns or not raw[x][:1].isalpha() or _modifier(low[x]) for x in range(i, j + 1))
    span = Span(words.starts[i], words.ends[j])
    skip = NOT_SPEAKER_KINDS | ({"country"} if lead else set())
    found = [mentions.names[k] for k in mentions.phrases_in(span)]
    if not found:  # a name the body gives, which the headline repeats as it stands ("…: MEA")
        text = " ".join(words.raw[i : j + 1])
        found = [p for p in mentions.names if p.name == text]
    return bool(found) and all(p.kind not in skip and not p.locative for p in found) and all(
        _is_cap(raw[x]) or low[x] in PHRASE_WORDS or not raw[x][:1].isalpha() for x in range(i, j + 1)
    )


def _modifier(word: str) -> bool:
    """A lower-case word that may qualify a role noun ("defence", "foreign", "chief", "russian")."""
    return word.isalpha() and len(word) > 2


def _quote(words: _Words, s: int, content: tuple[int, int], cue: int, source: tuple[int, int], reason: str) -> Quote:
    a, b = content
    kind = "mixed" if any(words.region_of[x] >= 0 for x in range(a, b + 1)) else "indirect"
    return Quote(
        kind, (words.span(a, b),), words.span(cue, cue), words.span(*source),
        paragraph=words.sent_para[s], sentence=s, reason=reason,
    )
