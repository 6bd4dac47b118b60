"""Plain, frozen records that flow between the pipeline stages.

Offsets are the primary data: every :class:`Span` is a pair of code-point
offsets into :attr:`Article.text`, the text exactly as it was read from the
file (byte-order mark removed, newlines untouched), so a span can always be
checked against the source.

>>> article = Article(text="“We agree,” she said.")
>>> Span(0, 11).text(article.text)
'“We agree,”'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

QuoteKind = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organisation", "country", "group", "unknown"]
MentionKind = Literal["name", "pronoun", "role", "group", "outlet", "document"]


class Span(NamedTuple):
    """Half-open range ``[start, end)`` of code-point offsets into a text.

    A named tuple rather than a dataclass: articles hold thousands of word
    spans, and a tuple is several times cheaper to build.
    """

    start: int
    end: int

    def text(self, source: str) -> str:
        """The characters of ``source`` this span covers."""
        return source[self.start : self.end]

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its full text and what is known about it.

    ``text`` is the whole file as read, title line included, so offsets match
    the file; ``body_start`` is where the body begins after a title.
    """

    text: str
    title: str | None = None
    path: str | None = None  # the file it came from, if any
    id: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    body_start: int = 0

    @property
    def name(self) -> str:
        """A short name for tables and reports: the id, else the file name."""
        if self.id:
            return self.id
        if self.path:
            return self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return "article"

    def __repr__(self) -> str:  # one line in a notebook, not the whole text
        from .display import describe_article

        return describe_article(self)


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """An input that could not be turned into an article, and why."""

    source: str  # file name (with record number for multi-record files)
    error: str  # one-line message saying what to do
    error_type: str = "InputError"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article with its word spans."""

    span: Span
    paragraph: int  # index of the paragraph (line block) it belongs to
    index: int  # index of the sentence in the article
    words: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokenised article: paragraphs, sentences and words as spans."""

    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]

    def __repr__(self) -> str:
        from .display import describe_tokens

        return describe_tokens(self)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person, organisation, country or group an article mentions (and usually quotes).

    Within one article ``id`` is unique; across a corpus (:mod:`analysis.corpus`)
    the same person keeps one ``id`` and one canonical ``name``.
    """

    name: str  # canonical (fullest) name, e.g. "Rustem Umerov"; never a title, role word or pronoun
    kind: SpeakerKind = "person"
    role: str | None = None  # the main role, e.g. "head of the Ukrainian delegation"
    side: str | None = None  # e.g. "Ukraine"; None when nothing says it (never guessed)
    side_evidence: str | None = None  # the words the side was inferred from
    mentions: tuple[Span, ...] = ()
    id: str | None = None  # stable speaker id, a slug of the name ("rustem-umerov")
    roles: tuple[str, ...] = ()  # every role the article gives ("Defense Minister", "head of the delegation")
    aliases: tuple[str, ...] = ()  # other forms of the name ("Umerov", "Umierov")
    named: bool = True  # False for a speaker known only by a description ("officials", "a source")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in the text: a name, a pronoun, a role noun, a group noun …

    ``entity`` is the index of the entity it refers to in
    :attr:`AttributedArticle.entities` (None when unresolved); ``link`` names the
    sieve that linked it ("full name", "surname of Rustem Umerov", "pronoun 'he'").
    """

    span: Span
    kind: MentionKind
    entity: int | None = None
    link: str = ""
    members: tuple[int, ...] = ()  # for a joint mention ("both sides"): every entity it stands for


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution: what was said (content), by whom (source), through which cue."""

    kind: QuoteKind
    content: tuple[Span, ...]  # a quote may be split around its cue
    cue: Span | None
    source: Span | None  # the mention next to the cue ("he", "Umerov")
    speakers: tuple[Speaker, ...] = ()  # resolved speaker(s); two for a joint statement
    paragraph: int = 0
    sentence: int = 0
    reason: str = ""  # which rule found it, for debugging and teaching
    problems: tuple[str, ...] = ()  # e.g. "unclosed quotation mark"
    link: str = ""  # how the source was linked to its speaker(s), e.g. "pronoun 'he' → Sergiy Kyslytsya"

    @property
    def speaker(self) -> Speaker | None:
        """The first resolved speaker, or None."""
        return self.speakers[0] if self.speakers else None

    def content_text(self, text: str, sep: str = " … ") -> str:
        return sep.join(span.text(text) for span in self.content)


@dataclass(frozen=True, slots=True)
class OutletCitation:
    """A news outlet cited as the carrier of a report ("The Gaze reports, citing ...")."""

    name: str
    span: Span
    cue: Span | None = None
    attribution: Quote | None = None  # what the outlet carries ("Reuters reported that …"), scored as PolNeAR does
    kind: str = "outlet"  # "outlet", or "document" for a report, statement or poll with no owner named


@dataclass(frozen=True, slots=True)
class AttributedArticle:
    """An article with its quotes, speakers, the entities it mentions and the outlets it cites.

    ``speakers`` are the entities that are quoted; ``entities`` every person,
    organisation, country or group the article mentions (speakers included),
    which :attr:`mentions` point into.
    """

    article: Article
    tokens: Tokens
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    outlets: tuple[OutletCitation, ...] = ()
    problems: tuple[str, ...] = field(default=())
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Speaker, ...] = ()

    def __repr__(self) -> str:
        from .display import describe_attributed

        return describe_attributed(self)

    def _repr_html_(self) -> str:  # a notebook shows a summary and the highlighted article
        from .display import attributed_html

        return attributed_html(self)


# --- tone and positions ---

CueStance = Literal["neutral", "emphatic", "distancing", "confirming", "contesting", "unlisted"]
Stance = Literal["support", "oppose", "propose", "offer", "demand", "reject", "neutral"]


@dataclass(frozen=True, slots=True)
class WordEffect:
    """How one word (or a topic phrase set aside) moved a tone score.

    ``effect`` is the word's share of the compound score: the shares of a
    score's words (plus its punctuation share) add up to its compound.
    """

    word: str  # as written
    span: Span  # offsets into the scored text
    valence: float  # lexicon valence on VADER's -4..+4 scale (summed over a set-aside phrase)
    effect: float = 0.0  # share of the compound; 0.0 for words set aside
    modifiers: tuple[str, ...] = ()  # e.g. "negated by 'not'", "boosted by 'very'", "after 'but' ×1.5"
    set_aside: str | None = None  # why it was not counted ("topic"), or None


@dataclass(frozen=True, slots=True)
class ToneScore:
    """VADER-style tone of a text, scored sentence by sentence, with its explanation."""

    compound: float  # -1..+1: mean of the sentences' compound scores
    pos: float  # proportions of positive, neutral and negative weight (add up to 1)
    neu: float
    neg: float
    words: tuple[WordEffect, ...] = ()  # the words that moved the score, in text order
    set_aside: tuple[WordEffect, ...] = ()  # topic phrases not counted as tone
    sentences: int = 1
    punctuation: float = 0.0  # share of the compound from "!" and "?" emphasis

    def __repr__(self) -> str:
        from .display import describe_tone

        return describe_tone(self)


@dataclass(frozen=True, slots=True)
class Marker:
    """A tone marker found in a text: a hedge, a booster, a negation, a contesting phrase …"""

    name: str  # "hedge", "booster", "negation", "first_person_plural", "contesting", "question", "exclamation"
    text: str
    span: Span  # offsets into the text that was searched


@dataclass(frozen=True, slots=True)
class QuoteTone:
    """The tone of one quote: score, markers, and the stance the reporter's cue carries."""

    index: int  # index of the quote in AttributedArticle.quotes
    speakers: tuple[str, ...]  # speaker names; two for a joint statement, none when unresolved
    side: str | None
    content: str  # the quote's words (parts joined with " … ")
    cue: str | None
    cue_stance: str | None  # None when the quote has no cue
    score: ToneScore
    markers: tuple[Marker, ...] = ()  # spans into the article text
    words: int = 0  # number of words in the content
    speaker_ids: tuple[str, ...] = ()  # the speakers' ids, in the order of ``speakers``


@dataclass(frozen=True, slots=True)
class ToneAggregate:
    """Tone of one speaker's (or one side's) quotes taken together."""

    by: str  # "speaker" or "side"
    key: str  # the speaker's name or the side ("unknown" when not known)
    quotes: int
    words: int
    mean: float  # mean compound over the quotes
    spread: float  # standard deviation of the compound (0.0 for one quote)
    marker_rates: tuple[tuple[str, float], ...] = ()  # share of quotes carrying each marker
    cue_stances: tuple[tuple[str, int], ...] = ()  # number of quotes per cue stance


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic of a topic lexicon: the phrases that name it and those only set aside in tone."""

    name: str
    phrases: tuple[str, ...]  # name the topic: mark positions on it, and are not tone
    aside: tuple[str, ...] = ()  # topic vocabulary that is not tone but does not pin the topic
    senses: tuple[tuple[str, str], ...] = ()  # (phrase, sense): words a phrase needs near it ("!word": must not have)


@dataclass(frozen=True, slots=True)
class Position:
    """A position on a topic, with its evidence: who takes it (``holder``) and who said so (``speaker``).

    They differ when a speaker reports another's stance: in "Kyslytsya said
    Russia rejects a ceasefire" the holder is Russia and the speaker Kyslytsya.
    """

    speaker: str
    side: str | None
    topic: str
    stance: str  # support, oppose, propose, offer, demand, reject or neutral
    evidence: Span  # offsets into the article text
    quote: int  # index of the quote in AttributedArticle.quotes
    modality: str | None = None  # "must", "will", "may" … the strongest modal of the clause
    negated: bool = False
    quantities: tuple[str, ...] = ()  # with qualifiers: "at least 1,200", "24 or 48 hours"
    reason: str = ""  # which words decided the stance
    holder: str = ""  # who takes the stance ("" means the speaker)
    holder_side: str | None = None
    holder_id: str | None = None
    speaker_id: str | None = None
    concept: str = ""  # the lexicon's topic (``topic`` may add the words the clause named it by)
    topic_source: str = ""  # where the topics came from: a topic file's name, "auto" or "given"
