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

Speakers are resolved later, in :mod:`analysis.speakers`.

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> text = "“We agree,” she said. Officials said the talks would resume."
>>> [(q.kind, q.content_text(text), q.source.text(text)) for q in find_candidates(tokenize(Article(text)))]
[('direct', '“We agree,”', 'she'), ('indirect', 'the talks would resume', 'Officials')]
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import accumulate
from importlib import resources
from pathlib import Path

from .data import read_table
from .errors import DataFileError
from .records import Quote, Span, Tokens
from .tokenize import INVISIBLE, drop_invisible

CUES_FILE = "cues.tsv"  # shipped in analysis/data/
CUE_TYPES = ("speech", "thought", "evidence")
MAX_SOURCE_WORDS = 12  # a source phrase longer than this is cut at its head
MIN_CONTENT_WORDS = 1
NESTED_ONLY_SPEECH = {"thought", "evidence"}  # cue types not reported when inside another quote's content
MAX_OBJECT_WORDS = 5  # words after an object cue that are its object, not a clause ("told Fox News")
MAX_TRIM = 20  # punctuation trimmed from the end of a content, at most
MAX_QUESTION_WORDS = 60  # "Asked about …," up to its comma, at most
BOUND_AT_PARTICIPLES = True  # "said A, adding that B": A is the content of "said", B of "adding"
ATTRIBUTE_FRAGMENTS_TO_SUBJECT = True  # a quoted phrase no cue reaches goes to its sentence's speaker subject
KEEP_UNATTRIBUTED = False  # report quotations with no cue and no attributed neighbour (speaker unknown)?

# ---------------------------------------------------------------------------
# The cue lexicon


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: a lemma or phrase and its type."""

    lemma: str
    type: str


@dataclass(frozen=True)
class CueLexicon:
    """Reporting cues by inflected form.

    ``words`` maps a one-word form ("said") to its :class:`Cue`; ``phrases``
    maps the first word of a multi-word form to ``(words, Cue)`` pairs,
    longest first ("according to", "pointed out").

    >>> lexicon = CueLexicon.from_rows([("say", "speech", "said"), ("according to", "speech", "")])
    >>> lexicon.type_of("has said"), lexicon.type_of("According to"), lexicon.type_of("tomato")
    ('speech', 'speech', None)
    """

    words: Mapping[str, Cue]
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], Cue], ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]], *, source: str = "cues") -> CueLexicon:
        """Build a lexicon from ``(cue, type, forms)`` rows."""
        words: dict[str, Cue] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
        for cue_text, cue_type, forms in rows:
            cue = Cue(" ".join(cue_text.lower().split()), cue_type)
            for form in _inflections(cue.lemma, forms):
                parts = tuple(form.split())
                if len(parts) == 1:
                    words.setdefault(parts[0], cue)
                elif parts:
                    phrases.setdefault(parts[0], []).append((parts, cue))
        ordered = {k: tuple(sorted(set(v), key=lambda p: -len(p[0]))) for k, v in phrases.items()}
        return cls(words, ordered)

    def match(self, lowers: list[str], i: int) -> tuple[int, Cue] | None:
        """The cue starting at word ``i`` of ``lowers``: (number of words, cue), longest first."""
        word = lowers[i]
        for parts, cue in self.phrases.get(word, ()):
            n = len(parts)
            if tuple(lowers[i : i + n]) == parts:
                return n, cue
        cue = self.words.get(word)
        return (1, cue) if cue else None

    def first_words(self) -> frozenset[str]:
        """Every word a cue can start with."""
        found = self.__dict__.get("_firsts")
        if found is None:
            found = frozenset(self.words) | frozenset(self.phrases)
            object.__setattr__(self, "_firsts", found)
        return found

    def type_of(self, text: str) -> str | None:
        """The type of a cue string: the whole phrase if known, else its first known word.

        >>> load_cues().type_of("told reporters"), load_cues().type_of("thinks")
        ('speech', 'thought')
        """
        words = _CUE_WORD.findall(text.lower().replace("’", "'"))
        for i in range(len(words)):
            found = self.match(words, i)
            if found:
                return found[1].type
        return None


_CUE_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_VOWELS = set("aeiou")
_FIXED_PHRASE_START = {"according", "as", "in", "be"}


def _inflections(lemma: str, forms: str) -> set[str]:
    """The lemma, its regular inflections (first word only) and the given irregular forms."""
    irregular = {" ".join(f.lower().split()) for f in forms.split(",") if f.strip()}
    first, _, rest = lemma.partition(" ")
    out = {lemma} | irregular
    if first in _FIXED_PHRASE_START or (rest and irregular):
        return out
    stems = {first + "s", first + "ing"}
    if first.endswith(("s", "sh", "ch", "x", "z")):
        stems.add(first + "es")
    if first.endswith("e"):
        stems |= {first[:-1] + "ing"}
    if first.endswith("y") and first[-2:-1] not in _VOWELS:
        stems |= {first[:-1] + "ies"}
    past = set()
    if first.endswith("e"):
        past.add(first + "d")
    elif first.endswith("y") and first[-2:-1] not in _VOWELS:
        past.add(first[:-1] + "ied")
    else:
        past.add(first + "ed")
    if len(first) >= 3 and first[-1] not in _VOWELS | {"w", "x", "y"} and first[-2] in _VOWELS:
        stems.add(first + first[-1] + "ing")
        past.add(first + first[-1] + "ed")
    if not irregular:
        stems |= past
    return out | {f"{s} {rest}".strip() for s in stems}


def read_cues(path: str | Path) -> CueLexicon:
    """Read a cue lexicon from a TSV file with the columns ``cue``, ``type`` and optional ``forms``.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "c.tsv"), "w") as f:
    ...     _ = f.write("cue\\ttype\\nsay\\tspeech\\nmuse\\tsong\\n")
    >>> read_cues(os.path.join(folder, "c.tsv"))
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: c.tsv, line 3: the type must be one of speech, thought, evidence, got 'song'
    """
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise DataFileError(f"{path}: cannot read the cue lexicon ({error.strerror}); check the path") from error
    return CueLexicon.from_rows(_cue_rows(text.splitlines(), name), source=name)


def _cue_rows(lines: list[str], name: str) -> Iterator[tuple[str, str, str]]:
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[:2] == ["cue", "type"]:
            continue
        if len(cells) < 2 or len(cells) > 3 or not cells[0]:
            raise DataFileError(
                f"{name}, line {number}: expected 2 or 3 tab-separated columns (cue, type, forms), got {line!r}"
            )
        if cells[1] not in CUE_TYPES:
            raise DataFileError(f"{name}, line {number}: the type must be one of {', '.join(CUE_TYPES)}, got {cells[1]!r}")
        yield cells[0], cells[1], cells[2] if len(cells) == 3 else ""


@cache
def _default_cues() -> CueLexicon:
    text = resources.files("analysis.data").joinpath(CUES_FILE).read_text(encoding="utf-8")
    return CueLexicon.from_rows(_cue_rows(text.splitlines(), CUES_FILE), source=CUES_FILE)


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """The cue lexicon: the shipped ``data/cues.tsv`` (read once) or the file at ``path``.

    >>> load_cues().type_of("According to"), load_cues().type_of("said:")
    ('speech', 'speech')
    """
    return _default_cues() if path is None else read_cues(path)


# ---------------------------------------------------------------------------
# Speaker nouns

ROLES_FILE = "roles.tsv"  # shipped in analysis/data/


@cache
def load_speaker_nouns() -> dict[str, str]:
    """Common nouns that can be a source ("officials", "the poll"), singular and plural, → kind.

    >>> nouns = load_speaker_nouns()
    >>> nouns["spokesperson"], nouns["officials"], nouns["polls"]
    ('role', 'role', 'document')
    """
    out: dict[str, str] = {}
    for word, kind in read_table(ROLES_FILE, ("word", "kind")):
        word = word.lower()
        out.setdefault(word, kind)
        plural = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")
        out.setdefault(plural, kind)
        if word.endswith("man"):
            out.setdefault(word[:-3] + "men", kind)
    return out


# ---------------------------------------------------------------------------
# Quotation marks


@dataclass(frozen=True, slots=True)
class QuotedRegion:
    """Text between paired double quotation marks, marks included.

    ``parts`` has one span per paragraph for a quote that runs over several
    paragraphs; ``problem`` says what was wrong with the marks, if anything.
    """

    start: int
    end: int
    parts: tuple[Span, ...]
    problem: str | None = None


_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_MARK = re.compile(r"''|[\"“”„«»]")
_OPENERS = {"“", "„", "«"}
_CLOSERS = {"”", "»"}
_LEFT_CONTEXT = set(" \t\n\r([{—–-/\u00a0") | {""}


def find_quoted_regions(text: str, paragraphs: Iterable[Span]) -> tuple[tuple[QuotedRegion, ...], tuple[str, ...]]:
    """Pair double quotation marks, paragraph by paragraph, in one linear pass.

    Returns the regions and the problems found (unclosed or stray marks).

    >>> text = "“One,” he said, “two.”\\n“Three\\n“Four.”\\nA “stray mark."
    >>> from analysis.tokenize import split_paragraphs
    >>> regions, problems = find_quoted_regions(text, split_paragraphs(text))
    >>> [r.parts for r in regions][2], problems
    ((Span(start=23, end=29), Span(start=30, end=37)), ('unclosed quotation mark at offset 40',))
    """
    regions: list[QuotedRegion] = []
    problems: list[str] = []
    paras = list(paragraphs)
    open_at: int | None = None  # offset of the opening mark of the current region
    parts: list[Span] = []
    for p_index, para in enumerate(paras):
        for m in _MARK.finditer(text, para.start, para.end):
            mark, pos = m.group(), m.start()
            if open_at is not None and parts and pos == para.start:
                # a continuing paragraph re-opens the quote: part of the same region
                if _is_opener(text, mark, pos, m.end(), True):
                    open_at = pos
                    continue
            opener = _is_opener(text, mark, pos, m.end(), open_at is not None)
            if open_at is None:
                if opener:
                    open_at = pos
                else:
                    problems.append(f"closing quotation mark without an opening one at offset {pos}")
            elif opener:
                problem = f"unclosed quotation mark at offset {open_at}"
                problems.append(problem)
                regions.append(_region([*parts, Span(open_at, _trim_end(text, open_at, pos))], problem))
                parts, open_at = [], pos
            else:
                regions.append(_region([*parts, Span(open_at, m.end())], None))
                parts, open_at = [], None
        if open_at is not None:
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            if nxt is not None and _MARK.match(text, nxt.start) and _is_opener(text, _MARK.match(text, nxt.start).group(), nxt.start, nxt.start + 1, True):
                parts.append(Span(open_at, para.end))
                continue
            problem = f"unclosed quotation mark at offset {open_at}"
            problems.append(problem)
            regions.append(_region([*parts, Span(open_at, para.end)], problem))
            parts, open_at = [], None
    return tuple(regions), tuple(problems)


def _region(parts: list[Span], problem: str | None) -> QuotedRegion:
    parts = [p for p in parts if p.end > p.start]
    return QuotedRegion(parts[0].start, parts[-1].end, tuple(parts), problem)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _is_opener(text: str, mark: str, start: int, end: int, is_open: bool) -> bool:
    """Whether a quotation mark opens a quote, from its shape and the characters around it."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    left_open = before in _LEFT_CONTEXT or before in "“‘\"'"
    right_closed = after == "" or after.isspace() or after in ",.;:!?)]}—–-’'\""
    if mark in _OPENERS:
        # a curly opening mark typed where a closing one belongs ("word“ next")
        return not (is_open and not left_open and right_closed)
    if mark in _CLOSERS:
        return bool(not is_open and left_open and not right_closed)
    if left_open and not right_closed:
        return True
    if right_closed and not left_open:
        return False
    return not is_open


# ---------------------------------------------------------------------------
# Words of the article, as parallel lists for fast scanning


class _Words:
    """The article's words as parallel lists (offsets, lower-cased text, sentence index)."""

    __slots__ = (
        "text", "starts", "ends", "low", "raw", "sent", "sent_range", "sent_para", "region_of", "region_words",
        "in_region", "in_fragment", "mark_run", "past_mark", "_word_positions",
    )

    def __init__(self, tokens: Tokens) -> None:
        text = tokens.text
        self.text = text
        spans = [w for sentence in tokens.sentences for w in sentence.words]
        self.starts = [w[0] for w in spans]
        self.ends = [w[1] for w in spans]
        # one string object per distinct word: a long article repeats its words, and a
        # string per word would be most of the memory this stage takes
        shared: dict[str, str] = {}
        keep = shared.setdefault
        raw = [keep(w, w) for w in (text[a:b] for a, b in spans)]
        if "’" in text:
            raw = [keep(w, w) for w in (w.replace("’", "'") for w in raw)]
        self.raw = raw
        lowered = text.lower().replace("’", "'")
        if len(lowered) == len(text):  # lower-casing kept every offset (almost always)
            self.low = [keep(w, w) for w in (lowered[a:b] for a, b in spans)]
        else:
            self.low = [keep(w, w) for w in (w.lower() for w in raw)]
        del lowered
        if _HAS_INVISIBLE.search(text):  # "sa\u200bid" is the cue "said", "Ume\u200crov" the name "Umerov"
            self.raw = raw = [keep(w, w) for w in map(drop_invisible, raw)]
            self.low = [keep(w, w) for w in map(drop_invisible, self.low)]
        self.sent: list[int] = []
        self.sent_range: list[tuple[int, int]] = []
        self.sent_para = [sentence.paragraph for sentence in tokens.sentences]
        position = 0
        for number, sentence in enumerate(tokens.sentences):
            n = len(sentence.words)
            self.sent.extend([number] * n)
            self.sent_range.append((position, position + n))
            position += n
        self.region_of: list[int] = [-1] * len(spans)
        self._mark_runs(raw)
        self._word_positions: array | None = None

    def _mark_runs(self, raw: list[str]) -> None:
        """Where each run of quotation-mark tokens starts and ends, so no rule scans a run word by word.

        ``mark_run[i]`` is the first of the marks right before word ``i`` (``i``
        when word ``i - 1`` is not a mark); ``past_mark[i]`` the first word from
        ``i`` on that is not a mark. A text of 100,000 marks in a row is then
        as cheap as any other (each rule used to walk the whole run again).
        """
        n = len(raw)
        marks = [i for i, w in enumerate(raw) if w in QUOTE_TOKENS]
        self.mark_run = run = array("l", range(n + 1))
        for i in marks:
            run[i + 1] = run[i]
        self.past_mark = past = array("l", range(n + 1))
        for i in reversed(marks):
            past[i] = past[i + 1]

    def word_positions(self) -> array:
        """Indices of the words that start with a letter or digit (built on first use), for bisection."""
        if self._word_positions is None:
            self._word_positions = array("l", (k for k, w in enumerate(self.raw) if _is_word(w)))
        return self._word_positions

    def words_between(self, i: int, j: int, limit: int) -> list[int]:
        """Indices of the first ``limit`` words (letter or digit first) from ``i`` up to ``j`` exclusive."""
        positions = self.word_positions()
        lo = bisect.bisect_left(positions, i)
        hi = min(bisect.bisect_left(positions, j), lo + limit)
        return list(positions[lo:hi])

    def index_at(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def span(self, i: int, j: int) -> Span:
        """Span from word ``i`` to word ``j`` inclusive."""
        return Span(self.starts[i], self.ends[j])


# Word classes used by the phrase rules (lower-cased).
SUBJECT_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it"}
DETERMINERS = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "some", "many", "several", "most", "other", "another", "any", "each", "every", "both", "all", "few",
}
QUANTIFIERS = {"several", "many", "some", "most", "both", "all", "few", "another", "others"}
POSSESSIVES = {"his", "her", "their", "its", "our", "my", "your"}
# words that may sit between a subject and its cue ("he also said", "Trump has repeatedly argued")
AUXILIARIES = {
    "has", "have", "had", "is", "was", "are", "were", "be", "been", "being", "also", "later", "previously",
    "recently", "then", "still", "once", "again", "often", "never", "not", "n't", "did", "does", "do", "didn't",
    "doesn't", "don't", "would", "will", "could", "may", "might", "should", "can", "must", "just", "already",
    "even", "first", "further", "now", "only", "always", "simply", "repeatedly", "publicly", "privately", "reportedly",
    "openly", "quickly", "flatly", "sharply", "angrily", "earlier", "initially", "ultimately", "eventually",
    "too", "who", "which", "that", "apparently", "allegedly", "usually", "clearly", "long", "herself", "himself",
    "themselves", "itself", "frequently", "consistently", "immediately", "subsequently", "separately", "privately",
}
# words that end a noun phrase when scanning away from a cue
BOUNDARY = {
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "but", "or", "if", "as",
    "than", "so", "since", "although", "though", "after", "before", "until", "unless", "whether", "and",
    "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "could", "should", "can",
    "may", "might", "must", "did", "does", "do", "not", "to", "by", "on", "about", "into", "over", "against",
    "how", "what", "why", "also", "then", "there", "here", "however", "yet", "just", "once", "even",
}
NP_LINKS = {"of", "for", "at", "from", "with", "in", "'s", "&", "de", "van", "von", "der", "den", "du", "da", "di", "del", "bin", "ibn", "al", "la", "le"}
TITLE_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr", "prof", "rev", "maj", "adm", "cmdr", "pres", "atty", "supt", "insp", "hon", "no", "inc", "co", "corp", "ltd"}
# cues whose following noun phrase is a listener or target, never an inverted subject ("…, told Fox News")
NO_INVERSION = {"tell", "inform", "assure", "reassure", "remind", "thank", "accuse", "blame", "praise", "criticize", "criticise", "blast", "slam", "attack", "mock", "call", "describe", "endorse", "defend", "call on"}
OBJECT_CUES = {"tell", "ask", "inform", "assure", "reassure", "warn", "urge", "remind", "accuse", "advise", "caution", "beg", "call on", "thank", "blame", "criticize", "criticise", "praise", "blast", "slam", "attack", "mock", "question", "challenge", "defend", "endorse", "call", "describe", "promise"}
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tonight", "recently", "later", "earlier", "again", "repeatedly", "previously", "afterward", "afterwards",
}
DASHES = {"-", "–", "—", "--"}
# a dash before a bare name that signs a quotation ("“…” ― Jorge Falcon", "“…” — Jane Doe, a nurse")
SIGNATURE_DASHES = DASHES | {"―", "---"}
MAX_SIGNATURE_WORDS = 6
QUOTE_TOKENS = {'"', "“", "”", "'", "„", "«", "»", "‘"}
SENTENCE_END = {".", "!", "?"}
# participle cues after a comma take the subject of the sentence ("…, saying …", "…, adding that …")
PARTICIPLE_ENDING = "ing"


def _is_word(raw: str) -> bool:
    return raw[:1].isalnum()


def _is_cap(raw: str) -> bool:
    return raw[:1].isupper()


# ---------------------------------------------------------------------------
# Frames: one cue with its source and the side its content is on


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


def find_candidates(tokens: Tokens, *, cues: CueLexicon | None = None) -> tuple[Quote, ...]:
    """Quote candidates of a tokenised article, in text order, speakers not yet resolved.

    >>> from analysis.records import Article
    >>> from analysis.tokenize import tokenize
    >>> text = "According to the mayor, the bridge is safe. “Come,” he said, “and see.”"
    >>> for q in find_candidates(tokenize(Article(text))):
    ...     print(q.kind, q.reason, "|", q.content_text(text), "|", q.source.text(text))
    indirect according-to: source after 'according to', content before or after | the bridge is safe | the mayor
    direct direct: cue after the closing mark | “Come,” … “and see.” | he
    """
    return find_candidates_and_problems(tokens, cues=cues)[0]


def find_candidates_and_problems(tokens: Tokens, *, cues: CueLexicon | None = None) -> tuple[tuple[Quote, ...], tuple[str, ...]]:
    """:func:`find_candidates` and the problems with the article's quotation marks, in one pass."""
    cues = cues or load_cues()
    words = _Words(tokens)
    regions, problems = find_quoted_regions(tokens.text, tokens.paragraphs)
    region_words: list[tuple[int, int, int]] = []  # (region, first word, end word) of every part
    for r_index, region in enumerate(regions):
        for part in region.parts:
            i, j = words.index_at(part.start), bisect.bisect_left(words.starts, part.end)
            words.region_of[i:j] = [r_index] * (j - i)
            region_words.append((r_index, i, j))
    words.region_words = region_words
    firsts = cues.first_words()
    hits = [i for i, w in enumerate(words.low) if w in firsts]
    by_sentence: dict[int, list[int]] = {}
    for i in hits:
        by_sentence.setdefault(words.sent[i], []).append(i)
    frames_by_sentence = [_frames(words, cues, s, by_sentence.get(s, ())) for s in range(len(words.sent_range))]
    quotes: list[Quote] = []
    direct_regions: set[int] = set()
    orphans: list[Quote] = []
    _direct_quotes(words, regions, frames_by_sentence, quotes, direct_regions, cues, orphans)
    _indirect_quotes(words, regions, frames_by_sentence, quotes, direct_regions)
    if ATTRIBUTE_FRAGMENTS_TO_SUBJECT:
        _subject_fragments(words, regions, quotes, direct_regions)
    _after_reported_speech(orphans, quotes)
    quotes.sort(key=lambda q: (q.content[0].start if q.content else 0, q.cue.start if q.cue else 0))
    return tuple(quotes), problems


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
        if not found or i + found[0] > last or (i > first and _is_cap(raw[i]) and low[i] != "according"):
            # a capitalised cue word inside a sentence is a title-case heading or a name ("Talks", "Hope")
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
        side = "left" if _prev_word(words, first, c0) is not None else "right"
        return _Frame((c0, c1), lemma, cue.type, src, side, "according-to: source after 'according to', content before or after")
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
        k = src[0] - 1
        if src[0] <= src[1] and low[src[0]] in {"the", "a", "an", "this", "that"} | TIME_WORDS and k >= first and low[k] in {"at", "in", "on", "during", "over", "after", "last", "earlier"}:
            # "Trump at the time said", "Clinton in a statement said": the subject is before the phrase
            p = k - 1
            if p >= first and (low[p] in SUBJECT_PRONOUNS or _is_cap(raw[p])):
                src = _left_np(words, first, p) or src
                k = src[0] - 1
        if k >= first and low[k] == "as":
            # "As X reported, the talks …" (content after) / "The talks …, as X said" (content before)
            side = "right" if after is not None and raw[after] == "," and after + 1 < last else "left"
            return _Frame((c0, c1), lemma, cue.type, src, side, "as: 'as X said', content in the main clause")
        # "…, X said." / "… – X said." / "“…,” X said." : content on the left unless a 'that' clause follows
        left_attached = k >= first and (raw[k] in {",", ":"} or raw[k] in DASHES or words.region_of[k] >= 0)
        if left_attached and not _clause_follows(words, c1, last, object_cue=lemma in OBJECT_CUES):
            return _Frame((c0, c1), lemma, cue.type, src, "left", "inverted: content before ', X said'")
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
        right = _right_np(words, c1 + 1, last) if lemma not in NO_INVERSION else None
        if right is not None and (right[1] + 1 >= last or raw[right[1] + 1] in {",", ".", ";", "!", "?"}) and _speaker_like(words, right):
            return _Frame((c0, c1), lemma, cue.type, right, "left", "inverted: '…, said X'")
        src = _apposition_np(words, first, j)
        if src is not None:
            return _Frame((c0, c1), lemma, cue.type, src, "right", "apposition: 'X, a Y, said …'")
        return None
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


def _clause_follows(words: _Words, c1: int, last: int, *, object_cue: bool = False) -> bool:
    """Whether a clause follows a cue ("said the plan failed"), not just a phrase ("said in an interview.").

    ``object_cue``: the cue takes an object ("told reporters"), so a short
    phrase that ends the sentence is its object, not a clause.
    """
    low = words.low
    k = c1 + 1
    while k < last and low[k] in TIME_WORDS:
        k += 1
    if k >= last or words.raw[k] in {",", ".", "!", "?", ";"}:
        return False
    if object_cue and last - k <= MAX_OBJECT_WORDS and not any(low[x] in {"that", ":", "to"} or words.region_of[x] >= 0 for x in range(k, last)):
        return False  # "“…,” Kovac told reporters on Tuesday."
    if low[k] in PREPOSITIONS and last - k <= 9:
        # "…, she said in a video message to the convention.": a short phrase ends the sentence
        return any(low[x] in {"that", ":"} for x in range(k, last))
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
CONTINUE_LEMMAS = {"continue", "add"}  # "continued:" / "added that" — not "continued to grow"


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


CONTRACTED = {"s": "is", "re": "are", "ve": "have", "d": "had", "ll": "will", "m": "am"}
BE_FORMS = {"is", "was", "are", "were", "be", "been", "being", "am"}
MODALS = {"did", "do", "does", "didn't", "don't", "doesn't", "will", "would", "could", "can", "may", "might", "should", "must", "to", "not", "never"}
PLURAL_PRONOUNS = {"i", "we", "you", "they", "who", "which", "that", "both", "many", "some", "others", "most", "few", "all"}
# words that may stand between a cue and the quote it introduces ("told reporters on Tuesday: “…”")
LEAD_IN_FILLER = {
    "reporters", "journalists", "supporters", "the", "a", "an", "in", "on", "at", "with", "to", "of", "for", "during",
    "statement", "interview", "speech", "tweet", "post", "letter", "email", "release", "press", "conference", "call",
    "him", "her", "them", "us", "me", "crowd", "audience", "later", "again", "also", "then", "simply", "last", "this",
    "week", "month", "year", "night", "morning", "afternoon", "evening", "day", "recently", "earlier", "once", "followers",
    "host", "told", "saying", "wrote", "said", "as", "follows", "following", "written", "recent", "separate", "radio",
    "television", "tv", "show", "rally", "event", "debate", "remarks", "his", "their", "its", "an", "online",
} | TIME_WORDS
PREPOSITIONS = {"in", "from", "at", "on", "during", "with", "after", "before", "for", "to", "into", "outside", "inside", "near", "since", "of", "by", "via", "through", "over", "under", "across", "behind", "alongside"}
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundreds", "thousands", "millions"}
FUNCTION_WORDS = BOUNDARY | NP_LINKS | DETERMINERS | {"in", "on", "at", "by", "with", "from", "after", "before", "during", "under", "for", "of", "than", "like", "about"}


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


def _apposition_np(words: _Words, first: int, comma: int) -> tuple[int, int] | None:
    """The subject of 'X, an appositive, said': from X's start to the word before the comma."""
    low, raw = words.low, words.raw
    # find the comma before the appositive segment
    k = comma - 1
    seg_end = k
    while k >= first and raw[k] != "," and words.region_of[k] < 0:
        k -= 1
    seg_start = k + 1
    if seg_start > seg_end:
        return None
    if raw[seg_end] == ")":  # "Gov. John Kasich (R-OH), said"
        q = seg_end - 1
        while q > seg_start and seg_end - q < 8 and raw[q] != "(":
            q -= 1
        if raw[q] == "(" and q - 1 >= seg_start:
            name = _left_np(words, first, q - 1)
            if name is not None and name[0] >= seg_start:
                return (name[0], seg_end)
    seg = _left_np(words, first, seg_end)
    party_tag = seg_end - seg_start <= 1 and _PARTY_STATE.match(raw[seg_start]) is not None  # "McConnell, R-Ky., said"
    if seg is not None and seg[0] == seg_start and _is_cap(raw[seg_start]) and low[seg_start] not in DETERMINERS and not party_tag:
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


# ---------------------------------------------------------------------------
# Direct quotes


def _direct_quotes(
    words: _Words, regions, frames_by_sentence, quotes: list[Quote], direct: set[int], cues: CueLexicon, orphans: list[Quote]
) -> None:
    last_attributed: Quote | None = None
    last_region_end_para = -2
    for r_index, region in enumerate(regions):
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


def _starts_sentence(words: _Words, a: int, s: int) -> bool:
    first = words.sent_range[s][0]
    j = max(words.mark_run[a], first) - 1  # past the quotation marks right before the quote
    return j < first or words.raw[j] in {":", "—", "–", "-"}


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


# past-tense verbs that follow a quotation without reporting it ("“…,” Trump tweeted" is speech; "“…” Trump visited" is not)
NOT_SPEECH_VERBS = {"visited", "arrived", "died", "walked", "moved", "returned", "landed", "lived", "worked", "played", "stayed", "started", "ended", "opened", "closed", "followed", "appeared", "happened", "existed"}


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


MAX_COLON_LEAD_IN = 12  # words between a cue and the colon that introduces a quote
MAX_COMMA_LEAD_IN = 8  # words between a cue and the comma that introduces a quote
# words that open a clause between a cue and a comma ("said that when he …, “…”"): the quote is part of it
CLAUSE_WORDS = SUBJECT_PRONOUNS | {"that", "which", "who", "whom", "because", "if", "when", "while", "whether", "although", "though", "since", "as", "is", "was", "are", "were", "has", "have", "had", "will", "would"}


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


# ---------------------------------------------------------------------------
# Indirect and mixed quotes


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
    for s, frames in enumerate(frames_by_sentence):
        if not frames:
            continue
        first, last = words.sent_range[s]
        next_bound, previous_right = _frame_bounds(frames) if len(frames) > 1 else ([None], [None])
        contents = [
            None
            if frame.used or (frame.source is None and frame.content_side != "question")
            else _content(words, frames, f_index, first, last, next_bound[f_index], previous_right[f_index])
            for f_index, frame in enumerate(frames)
        ]
        covered = _covered(frames, contents) if len(frames) > 1 else [False]
        for f_index, frame in enumerate(frames):
            content = contents[f_index]
            if content is None:
                continue
            if frame.type in NESTED_ONLY_SPEECH and covered[f_index]:
                continue  # "said he thinks …": a thought inside reported speech is part of that speech
            if covered[f_index] and frame.source is not None and frame.source[0] > first and words.low[frame.source[0] - 1] == "what":
                continue  # "condemned what he called a “brazen breach”": a naming inside the outer speech
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


# words that open a sentence before its subject, up to a comma ("Here in Columbia, …", "Since then, …")
OPENING_WORDS = {"here", "there", "now", "still", "yet", "instead", "meanwhile", "however", "later", "earlier", "then", "today", "also", "again", "last", "this", "that", "since", "once"}


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


PARTICIPLE_SUFFIXES = ("ed", "en", "wn", "ld", "id", "ght", "ne", "un", "ut", "et", "ung")
# verbs of having, buying, moving and winning: a sentence built on one quotes a phrase without reporting speech
DOING_VERBS = {
    "had", "has", "have", "got", "gets", "bought", "buys", "requires", "required", "took", "takes", "built", "building",
    "visit", "visits", "owns", "owned", "paid", "pays", "sold", "sells", "won", "wins", "lost", "loses", "searched",
    "earned", "shook", "going", "trying", "running", "winning", "defeated", "looked", "plays", "cruised", "bused",
}


NOT_SUBJECTS = {"it", "its", "there", "this", "that", "these", "those", "i", "you", "what", "one", "here", "such", "many", "some"}


def _known_name(words: _Words, i: int) -> bool:
    """Whether the capitalised word ``i`` also occurs capitalised inside a sentence (a name, not a sentence-initial word)."""
    target = words.raw[i]
    return any(
        words.raw[k] == target and k != words.sent_range[words.sent[k]][0] for k in range(max(0, i - 400), min(len(words.raw), i + 400))
    )


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
