"""Tokenise: paragraphs, sentences and words as code-point spans.

Sentences come from NLTK's Punkt with parameters this package ships
(``data/punkt_english.txt``), so nothing is downloaded; words come from a
data-free NLTK regular-expression tokenizer's ``span_tokenize``. Offsets are
never recovered from token strings.

>>> from analysis.records import Article
>>> tokens = tokenize(Article(text="Gen. Smith arrived. “We agree,” he said."))
>>> [s.span.text(tokens.text) for s in tokens.sentences]
['Gen. Smith arrived.', '“We agree,” he said.']
>>> [w.text(tokens.text) for w in tokens.sentences[1].words][:4]
['“', 'We', 'agree', ',']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, partial
from importlib import resources

from .errors import DataFileError
from .records import Article, Sentence, Span, Tokens

PUNKT_FILE = "punkt_english.txt"  # shipped in analysis/data/

# Invisible characters (the body of a regex character class): soft hyphen, Mongolian vowel
# separator, zero-width space, non-joiner and joiner, left-to-right and right-to-left marks,
# bidirectional embeddings and isolates, word joiner, invisible operators, zero-width no-break
# space (a byte-order mark inside a text). Inside a word they join its letters ("Ume\u200crov" is
# one word, not "Ume" and "rov"); elsewhere they are no token at all.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"

# A word is a run of letters/digits with inner apostrophes, hyphens, periods
# (U.S.), digit commas (1,200) or invisible characters; anything else that is
# neither space nor invisible is one token.
WORD_PATTERN = rf"(?:[^\W\d_]\.){{2,}}(?:-\w+)*|\w+(?:(?:[{INVISIBLE}]+|[’'\-.,])\w+)*|[^\w\s{INVISIBLE}]"

# Line ends are "\n", "\r\n" or a lone "\r" (old Mac files); offsets stay those of the text as read.
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:\r\n|\r|\n)")
_LINE = re.compile(r"[^\r\n]+")
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")
_FIRST_LETTER = re.compile(r"\w")  # a digit first is not a continuation
# Punkt breaks only at '.', '?' or '!' with something after it; a paragraph whose only such marks
# end it (with closing quotes or brackets) is one sentence, and Punkt need not read it.
_SENTENCE_END_MARK = re.compile(r"[.?!]")
_CLOSING_RUN = ".?!\"”'’)]"
_WORD = re.compile(WORD_PATTERN)
_SPAN = partial(tuple.__new__, Span)  # Span._make without its Python frame: a million words make a million spans
_MATCH_SPAN = re.Match.span


def drop_invisible(text: str) -> str:
    """``text`` without its invisible characters: for a name or role shown to a user, never for offsets.

    >>> drop_invisible("Rustem Ume\u200crov"), drop_invisible("Kyiv")
    ('Rustem Umerov', 'Kyiv')
    """
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def read_punkt_parameters(lines: Iterable[str], *, source: str = PUNKT_FILE):
    """Build :class:`nltk.tokenize.punkt.PunktParameters` from ``abbrev``/``starter``/``colloc`` lines.

    >>> params = read_punkt_parameters(["abbrev gen", "starter the"])
    >>> sorted(params.abbrev_types), sorted(params.sent_starters)
    (['gen'], ['the'])
    """
    from nltk.tokenize.punkt import PunktParameters

    params = PunktParameters()
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        kind, *words = line.split()
        if kind == "abbrev" and len(words) == 1:
            params.abbrev_types.add(words[0].lower().rstrip("."))
        elif kind == "starter" and len(words) == 1:
            params.sent_starters.add(words[0].lower())
        elif kind == "colloc" and len(words) == 2:
            params.collocations.add((words[0].lower(), words[1].lower()))
        else:
            raise DataFileError(
                f"{source}, line {number}: expected 'abbrev WORD', 'starter WORD' or "
                f"'colloc WORD WORD', got {raw.strip()!r}"
            )
    return params


@cache
def punkt_tokenizer():
    """The shared Punkt sentence tokenizer, built once from the shipped parameters."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    text = resources.files("analysis.data").joinpath(PUNKT_FILE).read_text(encoding="utf-8")
    return PunktSentenceTokenizer(read_punkt_parameters(text.splitlines()), lang_vars=_fast_language_vars(), token_cls=_fast_token_class())


@cache
def word_tokenizer():
    """NLTK's data-free regular-expression tokenizer with :data:`WORD_PATTERN` (:func:`split_words` applies the pattern itself)."""
    from nltk.tokenize import RegexpTokenizer

    class FixedPatternTokenizer(RegexpTokenizer):
        # NLTK 3.10 wraps caller patterns in a timed `regex` engine to defuse
        # catastrophic backtracking; WORD_PATTERN is fixed and linear, and the
        # wrapper costs more than the tokenising itself.
        def _check_regexp(self):
            if self._regexp is None:
                self._regexp = re.compile(self._pattern, self._flags)

    return FixedPatternTokenizer(WORD_PATTERN)


def _fast_token_class():
    """Punkt's token class with its own (fixed, linear) patterns compiled by ``re`` (see :func:`_fast_language_vars`).

    Punkt builds one token per word and reads these patterns for each: through
    the timed wrapper they were a tenth of the whole analysis.
    """
    from nltk.tokenize.punkt import PunktToken

    non_punct = re.compile(r"[^\W\d]", re.UNICODE)

    class FastToken(PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = re.compile(PunktToken._RE_ELLIPSIS.pattern)
        _RE_NUMERIC = re.compile(PunktToken._RE_NUMERIC.pattern)
        _RE_INITIAL = re.compile(PunktToken._RE_INITIAL.pattern, re.UNICODE)
        _RE_ALPHA = re.compile(PunktToken._RE_ALPHA.pattern, re.UNICODE)

        @property
        def is_non_punct(self):
            return non_punct.search(self.type)

    return FastToken


def _fast_language_vars():
    """Punkt's English language variables with its own (fixed, linear) patterns compiled by ``re``.

    NLTK 3.10 compiles them through a timed `regex` wrapper meant for
    caller-supplied patterns; these are NLTK's own, so plain ``re`` is safe and
    several times faster.
    """
    from nltk.tokenize.punkt import PunktLanguageVars

    class FastLanguageVars(PunktLanguageVars):
        __slots__ = ()
        re_boundary_realignment = re.compile(PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE)

        def _word_tokenizer_re(self):
            try:
                return self._re_word_tokenizer
            except AttributeError:
                pattern = self._word_tokenize_fmt % {
                    "NonWord": self._re_non_word_chars,
                    "MultiChar": self._re_multi_char_punct,
                    "WordStart": self._re_word_start,
                }
                self._re_word_tokenizer = re.compile(pattern, re.UNICODE | re.VERBOSE)
                return self._re_word_tokenizer

        def period_context_re(self):
            try:
                return self._re_period_context
            except AttributeError:
                pattern = self._period_context_fmt % {
                    "NonWord": self._re_non_word_chars,
                    "SentEndChars": self._re_sent_end_chars,
                }
                self._re_period_context = re.compile(pattern, re.UNICODE | re.VERBOSE)
                return self._re_period_context

    return FastLanguageVars()


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans: each non-blank line, or each blank-line block in hard-wrapped text.

    >>> split_paragraphs("Title\\n\\nOne.\\nTwo.")
    [Span(start=0, end=5), Span(start=7, end=11), Span(start=12, end=16)]
    >>> split_paragraphs("Title\\r\\rOne.\\rTwo.")  # old Mac line ends
    [Span(start=0, end=5), Span(start=7, end=11), Span(start=12, end=16)]
    """
    lines = [Span(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    if _looks_hard_wrapped(text, lines):
        blocks, start = [], 0
        for m in _BLANK_LINE.finditer(text):
            blocks.append(Span(start, m.start()))
            start = m.end()
        blocks.append(Span(start, len(text)))
        return [_strip(text, b) for b in blocks if text[b.start : b.end].strip()]
    return [_strip(text, line) for line in lines]


def _looks_hard_wrapped(text: str, lines: list[Span]) -> bool:
    """Text wrapped at a fixed width: most lines end mid-sentence and none is long."""
    if len(lines) < 4 or not _BLANK_LINE.search(text):
        return False
    longest = max(line.end - line.start for line in lines)  # a Span is a pair: its len() is 2
    open_ended = sum(1 for line in lines if not text[line.end - 1 : line.end].strip(" ") in tuple(".!?\"”'’:"))
    return longest <= 100 and open_ended >= 0.6 * len(lines)


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def split_sentences(text: str, paragraph: Span | None = None) -> list[Span]:
    """Sentence spans of ``text`` (or of one paragraph of it), never crossing a paragraph.

    >>> text = "Mr. Umerov spoke in the U.S. on Jan. 5. Talks went on."
    >>> [s.text(text) for s in split_sentences(text)]
    ['Mr. Umerov spoke in the U.S. on Jan. 5.', 'Talks went on.']
    """
    paragraphs = [paragraph] if paragraph is not None else split_paragraphs(text)
    tokenizer = punkt_tokenizer()
    spans: list[Span] = []
    for para in paragraphs:
        chunk = text[para.start : para.end]
        first = len(spans)
        if _one_sentence(chunk):
            spans.append(Span(para.start, para.start + len(chunk.rstrip())))
            continue
        for start, end in tokenizer.span_tokenize(chunk):
            span = Span(para.start + start, para.start + end)
            if len(spans) > first and _continues(text, span):
                spans[-1] = Span(spans[-1].start, span.end)  # “No!” she said.
            else:
                spans.extend(_platform_stops(text, span))
    return spans


# "… wrote on X. “It wants …”": the network X ends a sentence; Punkt reads "X." as an initial
_PLATFORM_STOP = re.compile(r"\b(?:on|via)\s+X\.(?=\s+[\"“‘'«A-Z])")


def _platform_stops(text: str, span: Span) -> list[Span]:
    """The sentence ``span`` split after each "on X." that Punkt took for an initial."""
    out, start = [], span.start
    for match in _PLATFORM_STOP.finditer(text, span.start, span.end):
        out.append(Span(start, match.end()))
        start = match.end()
        while start < span.end and text[start].isspace():
            start += 1  # the next sentence starts at its first word
    out.append(Span(start, span.end))
    return out


def _one_sentence(chunk: str) -> bool:
    """A paragraph with no '.', '?' or '!' before its closing run of marks: no place Punkt could break."""
    body = chunk.rstrip(_CLOSING_RUN)
    closing = chunk[len(body) :]
    return _SENTENCE_END_MARK.search(body) is None and len(_SENTENCE_END_MARK.findall(closing)) <= 1 and body.strip() != ""


def _continues(text: str, span: Span) -> bool:
    """A 'sentence' that starts in lower case continues the previous one (Punkt breaks at every ! and ?)."""
    match = _FIRST_LETTER.search(text, span.start, span.end)
    return bool(match) and match.group().islower()


def split_words(text: str, span: Span | None = None) -> list[Span]:
    """Word and punctuation spans of ``text`` (or of ``span`` of it).

    >>> text = "Over 1,200 POWs, U.S. officials said."
    >>> [w.text(text) for w in split_words(text)]
    ['Over', '1,200', 'POWs', ',', 'U.S.', 'officials', 'said', '.']
    >>> text = "Ume\u200crov \u200b said"  # a zero-width non-joiner inside a word, a zero-width space alone
    >>> [len(w.text(text)) for w in split_words(text)]
    [7, 4]
    """
    start, end = (span.start, span.end) if span is not None else (0, len(text))
    # the pattern straight on the text, no copy of the chunk and no per-word Python call: a 5 MB
    # article has a million words (WORD_PATTERN has no anchors, so pos/endpos match as a slice would)
    return list(map(_SPAN, map(_MATCH_SPAN, _WORD.finditer(text, start, end))))


def tokenize(article: Article) -> Tokens:
    """Paragraphs, sentences and words of an article, all as spans into ``article.text``."""
    text = article.text
    paragraphs = split_paragraphs(text)
    sentences = []
    for p_index, para in enumerate(paragraphs):
        words = split_words(text, para)  # once per paragraph, then shared out by offset
        starts = [w.start for w in words]
        for span in split_sentences(text, para):
            first, last = bisect_left(starts, span.start), bisect_left(starts, span.end)
            sentences.append(Sentence(span, p_index, len(sentences), tuple(words[first:last])))
    return Tokens(text, tuple(paragraphs), tuple(sentences))
