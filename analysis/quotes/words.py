"""The token view: the article's words as parallel lists, and the word classes the phrase rules read."""

from __future__ import annotations

import bisect
import re
from array import array

from ..records import Span, Tokens
from ..tokenize import INVISIBLE, drop_invisible


MAX_SOURCE_WORDS = 12  # a source phrase longer than this is cut at its head
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")


class _Words:
    """The article's words as parallel lists (offsets, lower-cased text, sentence index)."""

    __slots__ = (
        "text", "starts", "ends", "low", "raw", "sent", "sent_range", "sent_para", "region_of", "region_words",
        "in_region", "in_fragment", "mark_run", "past_mark", "_word_positions", "titles",
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
        self.titles = 0  # the number of sentences that make up the headline (set by find_candidates)

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


# Forms of "say" whose next noun phrase opens the content they report ("Baqaei said Iran would not discuss …").
SAYING = frozenset({"said", "says", "saying"})
# words that end a noun phrase when scanning away from a cue
BOUNDARY = {
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "but", "or", "if", "as",
    "than", "so", "since", "although", "though", "after", "before", "until", "unless", "whether", "and",
    "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "could", "should", "can",
    "may", "might", "must", "did", "does", "do", "not", "to", "by", "on", "about", "into", "over", "against",
    "how", "what", "why", "also", "then", "there", "here", "however", "yet", "just", "once", "even",
    *SAYING,  # "Phumtham said Thailand would …": a clause of saying, never part of a name
}
NP_LINKS = {"of", "for", "at", "from", "with", "in", "'s", "&", "de", "van", "von", "der", "den", "du", "da", "di", "del", "bin", "ibn", "al", "la", "le"}
TITLE_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr", "prof", "rev", "maj", "adm", "cmdr", "pres", "atty", "supt", "insp", "hon", "no", "inc", "co", "corp", "ltd"}
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tonight", "recently", "later", "earlier", "again", "repeatedly", "previously", "afterward", "afterwards",
}
DASHES = {"-", "–", "—", "--"}
QUOTE_TOKENS = {'"', "“", "”", "'", "„", "«", "»", "‘"}
SENTENCE_END = {".", "!", "?"}


# participle cues after a comma take the subject of the sentence ("…, saying …", "…, adding that …")
PARTICIPLE_ENDING = "ing"


def _is_word(raw: str) -> bool:
    return raw[:1].isalnum()


# lower-case particles glued to a capitalised name: "al-Hayya", "el-Sisi", "bin-Salman" are names
NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "abu", "ben"})


def _is_cap(raw: str) -> bool:
    if raw[:1].isupper():
        return True
    head, dash, rest = raw.partition("-") if "-" in raw[:5] else ("", "", "")
    return bool(dash) and head in NAME_PARTICLES and rest[:1].isupper()


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
# an adjective and its preposition after a noun keep the noun phrase going ("sources close to the talks",
# "officials familiar with the matter", "a source privy to the negotiations"): the head is the noun before them
POSTMODIFIERS = {
    "close": {"to"}, "closer": {"to"}, "near": {"to"}, "familiar": {"with"}, "privy": {"to"}, "loyal": {"to"},
    "linked": {"to", "with"}, "allied": {"to", "with"}, "aligned": {"with"}, "involved": {"in"}, "briefed": {"on"},
    "knowledgeable": {"about"}, "opposed": {"to"}, "connected": {"to", "with"}, "tied": {"to"},
}
PREPOSITIONS = {"in", "from", "at", "on", "during", "with", "after", "before", "for", "to", "into", "outside", "inside", "near", "since", "of", "by", "via", "through", "over", "under", "across", "behind", "alongside"}
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundreds", "thousands", "millions"}
FUNCTION_WORDS = BOUNDARY | NP_LINKS | DETERMINERS | {"in", "on", "at", "by", "with", "from", "after", "before", "during", "under", "for", "of", "than", "like", "about"}


def _starts_sentence(words: _Words, a: int, s: int) -> bool:
    first = words.sent_range[s][0]
    j = max(words.mark_run[a], first) - 1  # past the quotation marks right before the quote
    return j < first or words.raw[j] in {":", "—", "–", "-"}


# past-tense verbs that follow a quotation without reporting it ("“…,” Trump tweeted" is speech; "“…” Trump visited" is not)
NOT_SPEECH_VERBS = {"visited", "arrived", "died", "walked", "moved", "returned", "landed", "lived", "worked", "played", "stayed", "started", "ended", "opened", "closed", "followed", "appeared", "happened", "existed"}
MAX_COLON_LEAD_IN = 12  # words between a cue and the colon that introduces a quote
MAX_COMMA_LEAD_IN = 8  # words between a cue and the comma that introduces a quote


# words that open a clause between a cue and a comma ("said that when he …, “…”"): the quote is part of it
CLAUSE_WORDS = SUBJECT_PRONOUNS | {"that", "which", "who", "whom", "because", "if", "when", "while", "whether", "although", "though", "since", "as", "is", "was", "are", "were", "has", "have", "had", "will", "would"}


# words that open a sentence before its subject, up to a comma ("Here in Columbia, …", "Since then, …")
OPENING_WORDS = {"here", "there", "now", "still", "yet", "instead", "meanwhile", "however", "later", "earlier", "then", "today", "also", "again", "last", "this", "that", "since", "once"}
PARTICIPLE_SUFFIXES = ("ed", "en", "wn", "ld", "id", "ght", "ne", "un", "ut", "et", "ung")


# verbs of having, buying, moving and winning: a sentence built on one quotes a phrase without reporting speech
DOING_VERBS = {
    "had", "has", "have", "got", "gets", "bought", "buys", "requires", "required", "took", "takes", "built", "building",
    "visit", "visits", "owns", "owned", "paid", "pays", "sold", "sells", "won", "wins", "lost", "loses", "searched",
    "earned", "shook", "going", "trying", "running", "winning", "defeated", "looked", "plays", "cruised", "bused",
}
NOT_SUBJECTS = {"it", "its", "there", "this", "that", "these", "those", "i", "you", "what", "one", "here", "such", "many", "some"}
