"""Positions: who takes which stance on what — support, oppose, propose, offer, demand, reject — with evidence.

The stage reads each quote's content as a coder of Discourse Network Analysis
would (actor, concept, agreement), in these parts:

* :mod:`.clauses` cuts the content into clauses and finds, in one pass, the
  topics each names (:mod:`.topics`: the lexicon, each phrase in its sense,
  the topic's name with its noun phrase), its stance words and negations;
* :mod:`.stance` reads the stance words (``analysis/data/stances.tsv``) with
  their negation and modality: agreed → support, proposed → propose, ready
  to → offer, must / only if → demand, refused / will not withdraw → reject,
  "it is not a ceasefire" / denied → oppose; neutral only without such words;
* :mod:`.holders` finds who takes the stance: the party the clause names
  before the stance words ("Kyslytsya said Russia rejects a ceasefire" is
  Russia's), the speaker's own body a description names ("the government
  would release …"), else the speaker;
* :mod:`.quantities` keeps numbers with their qualifiers ("at least 1,200",
  "1,000 for 1,000"), never dates;
* :mod:`.auto` proposes topics from a corpus when there is no topic file.

A stance with no lexicon topic after it is about the words it governs when
the clause names the party taking it ("Egypt is ready to share hydrological
data": topic "share hydrological data", ``topic_source`` "stated object"), so
positions are found in any domain; a speaker's own stance words need a lexicon
topic. A clause that names no topic lends its stances and quantities to the topic
named nearest in the same quote ("our agreement is more than 1,200 people.
And we will continue our exchanges"); the cue's stance ("insisted",
"proposed") decides the speaker's stance when the content states none. One
position per holder, topic and stance an article: the first is the evidence.
Outlets never hold positions, the reporter's narration is no one's, and
quotes with no resolved speaker yield none. With no topic file an article is
read with the shipped lexicon it matches (conflict negotiations or an
election campaign).

>>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
>>> text = "Moscow proposed short-term ceasefires lasting 24 or 48 hours, he said."
>>> quote = Quote("indirect", (Span(0, 60),), Span(65, 69), Span(62, 64), (Speaker("Medinsky", side="Russia"),))
>>> [(p.speaker, p.topic, p.stance, p.quantities) for p in find_positions(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,)))]
[('Medinsky', 'ceasefire: short-term ceasefires', 'propose', ('24 or 48 hours',))]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..records import AttributedArticle, Position, Quote, Span, Topic
from ..tone import quote_spans, resolve_topics, sentence_ends
from .clauses import Clause, clause_matcher, cut_clauses
from .holders import Holder, MentionIndex, speaker_holders
from .quantities import find_quantities
from .stance import STANCE_ORDER, STANCES, StanceEvent, StanceLexicon, read_stances, resolve_stances
from .topics import SHIPPED_LEXICONS, choose_topics, phrase_screen, shipped_topics, topic_name

__all__ = [
    "STANCES", "STANCE_ORDER", "STANCE_PHRASES", "StanceLexicon", "find_positions", "find_quantities", "position_row",
    "position_rows", "read_stances",
]  # fmt: skip

# The shipped stance words as (stance, phrases) pairs, strongest first (analysis/data/stances.tsv).
STANCE_PHRASES = read_stances().phrases
STATED = "stated object"  # the topic_source of a position whose topic is the words its stance governs
AUTO = "auto"  # topics="auto" is not a lexicon: see analysis.positions.auto
_DIGIT = re.compile(r"\d")
# The one letter str.lower maps by its context (Σ becomes σ or final ς): a text with one is not screened.
_CONTEXT_LOWERED = "\u03a3"


@lru_cache(maxsize=16)
def _position_screen(topics: tuple[Topic, ...], stances: StanceLexicon) -> re.Pattern:
    """Where a topic, a stance word or a negation could start (see :func:`.topics.phrase_screen`)."""
    return phrase_screen(
        tuple(phrase for topic in topics for phrase in topic.phrases)
        + tuple(phrase for _, words in stances.phrases for phrase in words)
        + stances.negations
    )


def _may_name_topic(text: str, pieces: Sequence[Span], screen: re.Pattern) -> bool:
    """False when no clause of these pieces of ``text`` can name a topic or state a stance (see
    :func:`.topics.phrase_screen`)."""
    for piece in pieces:
        chunk = text[piece.start : piece.end]
        lowered = chunk.replace("’", "'").lower()
        if len(lowered) != len(chunk) or _CONTEXT_LOWERED in chunk or screen.search(lowered):
            return True
    return False


def _topics_for(attributed: AttributedArticle, topics) -> tuple[tuple[Topic, ...], str]:
    """(topics, where they come from): the given lexicon, or the shipped one the article matches."""
    if topics is None:
        return choose_topics(attributed.article.text)
    if isinstance(topics, (str, Path)):
        return resolve_topics(topics), Path(topics).name
    chosen = tuple(topics)
    for name in SHIPPED_LEXICONS:
        if chosen == shipped_topics(name):
            return chosen, name
    return chosen, "given"


class _Entry:
    """One holder's position on one topic in one quote, while the quote's clauses are read."""

    __slots__ = ("holder", "topic", "event", "clause", "own", "quantities", "reason", "lent", "stated", "label")

    def __init__(self, holder: Holder, topic: str, stated: bool = False) -> None:
        self.holder, self.topic = holder, topic
        self.stated = stated  # the topic is the stance's object phrase, not a lexicon topic
        self.label: str | None = None  # the topic's name from the stance's object ("prisoner exchange: 32 servicemen")
        self.event: StanceEvent | None = None
        self.clause: Clause | None = None
        self.own: Clause | None = None
        self.quantities: list[str] = []
        self.lent = False  # the stance came from a clause that names no topic
        self.reason = "names the topic without a stance word"


def _best(events: Sequence[StanceEvent]) -> StanceEvent | None:
    return min(events, key=lambda e: (e.rank, e.i), default=None)


def _clause_stances(clause: Clause, mentions: MentionIndex, speakers: list[Holder]) -> list[tuple[Holder, StanceEvent]]:
    """(holder, event) for every stance a clause states: its holder the subject it names, else each speaker."""
    stated = []
    for event in clause.events:
        holders = mentions.holders_before(clause.spans[event.i][0], floor=clause.span.start, words=clause.spans, speakers=speakers)
        stated.extend((holder, event) for holder in holders or speakers)
    return stated


def _quote_positions(attributed, quote: Quote, clauses: list[Clause], mentions, speakers, cue: StanceEvent | None, *, listed: bool = False) -> list[_Entry]:
    """The entries of one quote: every (holder, topic) its clauses give, with stance, evidence and quantities.

    A clause's stance words bear on the topics they govern (:meth:`Clause.governed`); a clause naming no
    topic lends its stances to the topics of the nearest clause that names one, and a stance of the
    topic's own clause outranks a lent one; the cue's stance goes to the topics the content opens with.
    """
    text = attributed.article.text
    named = [list(c.topics) for c in clauses]
    entries: dict[tuple[str, str], _Entry] = {}

    def entry_for(holder: Holder, name: str, stated: bool = False) -> _Entry:
        key = (holder.id or holder.name, name)
        if key not in entries:
            entries[key] = _Entry(holder, name, stated)
        return entries[key]

    def targets_of(clause: Clause, event: StanceEvent, own: list[str], lent: list[str], holder: Holder) -> tuple[list[str], bool]:
        """(topics, whether they are the stance's own object phrase) a stance event bears on. The object
        phrase stands for a topic only when the clause names the party taking the stance ("Dorlan is ready
        to share …"): a speaker's own stance words outside the lexicon are mostly about the talking ("I
        want to assure …", "we did not come to sign …")."""
        span = clause.object_span(event.i, event.j) if holder.reported else None
        if own:
            after = clause.governed_after(event.i, event.j) or clause.relative_antecedent(event.i, event.j)
            if after and not (span is not None and _beyond(clause, after, span)):
                return after, False
        if span is not None:
            named = clause.topics_in(span)  # "prisoners it wants freed": the topic named again
            return (named, False) if named else ([clause.object_name(text, event.i, event.j)], True)
        return (clause.governed(event.i, event.j) if own else lent), False

    opening: list[str] = []
    for i, clause in enumerate(clauses):
        own = named[i]
        targets = own or _nearest(named, i)
        if not targets and not clause.events:
            continue
        if own and not opening:
            opening = clause.governed(0, 0)
        quantities = find_quantities(clause.text) if _DIGIT.search(clause.text) or " for " in clause.text else ()
        touched = []
        for name in own:
            for holder in speakers:
                touched.append(entry_for(holder, name))
        for holder, event in _clause_stances(clause, mentions, speakers):
            names, stated = targets_of(clause, event, own, targets, holder)
            for name in names:
                entry = entry_for(holder, name, stated)
                touched.append(entry)
                mine = bool(own) or stated
                better = entry.event is None or (entry.lent and mine) or (not entry.lent and mine and event.rank < entry.event.rank and entry.clause is clause)
                if better:
                    entry.event, entry.clause, entry.lent = event, clause, not mine
                    entry.label = _governed_label(text, clause, event, name) if own and not stated else None
                    entry.reason = f"{event.reason} '{clause.words_text(text, event.i, event.j)}' in the content"
        for name in own:
            if name in clause.denied:
                for holder in speakers:
                    entry = entry_for(holder, name)
                    if entry.event is None or entry.lent:
                        entry.event = StanceEvent("oppose", *clause.denied[name], "denied framing")
                        entry.clause, entry.lent = clause, False
                        entry.reason = f"'{clause.words_text(text, *clause.denied[name])}' denies the topic"
        for entry in touched:
            if entry.own is None and entry.topic in own:
                entry.own = clause
            for quantity in quantities:
                if quantity not in entry.quantities:
                    entry.quantities.append(quantity)
    reported = {name for (_, name), e in entries.items() if e.holder.reported}
    out = []
    for entry in entries.values():
        if entry.own is None and entry.clause is None:
            continue
        if entry.event is None and cue is not None and not entry.holder.reported and entry.topic in opening:
            entry.event, entry.reason = cue, f"cue '{cue.reason}'"
        if entry.event is None and entry.topic in reported:
            continue  # the speaker only reports what others hold on it
        out.append(entry)
    if cue is not None and clauses and not any(e.event is not None for e in out):
        entry = _cue_object(text, clauses[0], speakers, cue, listed=listed)
        if entry is not None:
            out.append(entry)
    return out


# What a noun-phrase content opens with after a stance cue ("rejected the demand to …", "called for an audit").
NP_OPENERS = frozenset("a an the its their his her our this these those any further new".split())


def _beyond(clause: Clause, names: list[str], span: tuple[int, int]) -> bool:
    """Whether every topic in ``names`` is named past the object phrase ``span`` of a stance: "Cairo proposed that
    aid convoys be allowed to reach the north from the first day of the truce" proposes the convoys, not the truce."""
    return all(clause.spans_of.get(name, (0, 0))[0] >= span[1] for name in names)


def _cue_object(text: str, clause: Clause, speakers: list[Holder], cue: StanceEvent, *, listed: bool = False) -> _Entry | None:
    """A stance cue whose content is a noun phrase naming no lexicon topic ("Marsh rejected the demand to
    restore the rights of barred candidates"): the speaker's stance on that phrase, its words the topic. A
    content that states a stance of its own ("called for the talks that must resume") is read by its own
    words; one that opens with no determiner ("proposed Kyiv consider …") is left to the lexicon. A content
    clause opening with one ("insisted that the RSF first leave the homes it holds") is the stance's object too."""
    if not clause.words or not (listed or clause.words[0] in NP_OPENERS) or clause.events:
        return None  # an item of a list is a noun phrase with or without its determiner ("measures for …")
    span = clause.object_span(0, 0)
    name = clause.label_words(text, *span, numbers="drop") if span is not None else None
    if name is None:
        return None
    entry = _Entry(speakers[0], name, stated=True)
    entry.event, entry.clause, entry.own = cue, clause, clause
    entry.reason = f"cue '{cue.reason}' on its object"
    return entry


def find_positions(
    attributed: AttributedArticle,
    *,
    topics: str | Path | Sequence[Topic] | None = None,
    stance_phrases=None,
) -> tuple[Position, ...]:
    """The positions stated in an article, one per holder, topic and stance, in article order.

    ``topics`` is a topic file (same format as ``analysis/data/topics.tsv``),
    topics already read (e.g. from :func:`analysis.positions.auto.propose_topics`),
    or None for the shipped lexicon the article matches; ``stance_phrases``
    a stance file, a :class:`StanceLexicon`, or None for ``stances.tsv``.
    """
    chosen, source = _topics_for(attributed, topics)
    lexicon = resolve_stances(stance_phrases)
    screen = _position_screen(chosen, lexicon)
    matcher = clause_matcher(chosen, lexicon)
    text = attributed.article.text
    ends = sentence_ends(attributed)
    outlets = {o.name.lower() for o in attributed.outlets}
    mentions: MentionIndex | None = None
    positions: list[Position] = []
    leading = lead_ins(attributed)
    seen: dict[tuple[str, str], set[str]] = {}
    for index, quote in enumerate(attributed.quotes):
        speakers = speaker_holders(quote.speakers, outlets)
        if not speakers or not quote.content:
            continue
        holders = speakers  # who holds the content's stances: the speakers, or the party a frame names
        cue = _cue_stance(text, quote, matcher, chosen, lexicon)
        framed = _frame_gap(text, quote)
        if framed is not None:
            mentions = mentions or MentionIndex(attributed)
            frame = _frame_stance(text, framed, matcher, chosen, lexicon, mentions, speakers)
            if frame is not None:
                holders, cue = frame
        listed = quote.reason.startswith(LIST_REASON)
        if listed and cue is None:
            mentions = mentions or MentionIndex(attributed)
            lead = _lead_in_stance(attributed, index, matcher, chosen, lexicon, mentions, speakers)
            if lead is not None:
                holders, cue = lead
        pieces = quote_spans(attributed, quote, ends)
        if cue is None and not _may_name_topic(text, pieces, screen):
            continue
        clauses = [Clause(text, c, matcher, chosen, lexicon.modals) for c in cut_clauses(text, pieces)]
        if cue is None and not any(c.topics or c.events for c in clauses):
            continue
        if mentions is None:
            mentions = MentionIndex(attributed)
        for entry in _quote_positions(attributed, quote, clauses, mentions, holders, cue, listed=listed):
            if entry.stated and index in leading:
                continue  # "put three proposals on the table: …": what is proposed is in the items, not "the table"
            stance = entry.event.stance if entry.event is not None else "neutral"
            clause = entry.clause or entry.own
            name_clause = entry.own or clause
            topic = entry.label or (name_clause.topic_name(text, entry.topic) if entry.topic in name_clause.phrases else entry.topic)
            key = (entry.holder.id or entry.holder.name, topic if stance != "neutral" else entry.topic)
            stated = seen.setdefault(key, set())
            if stance in stated or (stance == "neutral" and stated):
                continue
            stated.add(stance)
            speaker = speakers[0] if entry.holder.reported or holders is not speakers else entry.holder
            positions.append(
                Position(
                    speaker=speaker.name,
                    side=speaker.side,
                    topic=topic,
                    stance=stance,
                    evidence=clause.span,
                    quote=index,
                    modality=clause.modality,
                    negated=bool(clause.negations),
                    quantities=tuple(entry.quantities),
                    reason=entry.reason,
                    holder=entry.holder.name,
                    holder_side=entry.holder.side,
                    holder_id=entry.holder.id,
                    speaker_id=speaker.id,
                    concept=entry.topic,
                    topic_source=STATED if entry.stated else source,
                )
            )
    return tuple(positions)


def _governed_label(text: str, clause: Clause, event: StanceEvent, name: str) -> str | None:
    """The name of a topic with the words the stance governs, when the stance words say the topic ("will free
    32 Armenian servicemen", "would not withdraw") or it lies in their object phrase ("ready to sign a peace
    treaty"): "prisoner exchange: 32 Armenian servicemen", "memorandum and peace terms: sign a peace treaty";
    None for a topic elsewhere (the clause's noun phrase names it then)."""
    a, b = clause.spans_of.get(name, (-1, -1))
    span = clause.object_span(event.i, event.j)
    if span is None:
        return None
    if event.i <= a and b <= event.j:
        words = clause.label_words(text, *span)  # "will free 32 Armenian servicemen"
    elif a == span[0]:
        words = clause.label_words(text, span[0], span[1], numbers="drop")  # the governed verb and its object ("host further meetings")
    elif span[0] <= a and b <= span[1]:
        upto = max(b, clause.phrases[name][1])
        words = clause.label_words(text, span[0], max(span[1], upto), upto=upto, numbers="drop")  # up to the topic's noun phrase
    else:
        return None
    return topic_name(name, words) if words else None


LIST_REASON = "list:"  # the reason of a quote that is one item of a colon lead-in's list (analysis.quotes.lists)


def _lead_in_stance(attributed: AttributedArticle, index: int, matcher, topics, lexicon: StanceLexicon, mentions, speakers) -> tuple[list[Holder], StanceEvent] | None:
    """The stance a list's lead-in states, for one of its items: "Ethiopia put three proposals on the table: a draft
    of rules …; a joint mechanism …" proposes each item, Ethiopia holding it; "set out their main demands: the
    reversal of …" demands it, the speaker holding it when the lead-in names no party; None when it states no
    stance."""
    span = _lead_in(attributed, index)
    if span is None:
        return None
    return _stance_in(attributed.article.text, span, matcher, topics, lexicon, mentions, speakers, unnamed=True)


def _stance_in(text: str, span: Span, matcher, topics, lexicon: StanceLexicon, mentions, speakers, *, unnamed: bool) -> tuple[list[Holder], StanceEvent] | None:
    """The strongest stance the words ``span`` state, with the party they name before it as its holders (the
    speakers when they name none and ``unnamed``); None when they state no stance, or name no party and not
    ``unnamed``."""
    clause = Clause(text, span, matcher, topics, lexicon.modals)
    best = _best(clause.events)
    if best is None:
        return None
    found = mentions.holders_before(clause.spans[best.i][0], floor=span.start, words=clause.spans, speakers=speakers)
    if not found and not unnamed:
        return None
    holders = [Holder(h.name, h.side, h.id) for h in found] if found else speakers
    return holders, StanceEvent(best.stance, best.i, best.j, clause.words_text(text, best.i, best.j))


LEAD_IN_CHARACTERS = 160  # the longest stretch between a list's cue and its colon read as the lead-in


def _lead_quote(quotes, index: int) -> int | None:
    """The quote before list item ``index`` with the same cue that is no item itself: the list's lead-in."""
    item = quotes[index]
    return next((k for k in range(index - 1, -1, -1) if quotes[k].cue == item.cue and not quotes[k].reason.startswith(LIST_REASON)), None)


def _lead_in(attributed: AttributedArticle, index: int) -> Span | None:
    """The lead-in of list item ``index``: the content of the quote before the items with the same cue ("said
    Ethiopia put three proposals on the table: …"), else the words between the item's cue and the colon ("had
    set out their main demands at the first sitting: …"); None when there is none."""
    quotes, text = attributed.quotes, attributed.article.text
    item = quotes[index]
    lead = _lead_quote(quotes, index)
    if lead is not None and quotes[lead].content and quotes[lead].content[-1].end <= item.content[0].start:
        return quotes[lead].content[-1]
    if item.cue is None or not item.content or not 0 < item.content[0].start - item.cue.end <= LEAD_IN_CHARACTERS:
        return None
    colon = text.rfind(":", item.cue.end, item.content[0].start)
    return Span(item.cue.end, colon) if colon > item.cue.end else None


def lead_ins(attributed: AttributedArticle) -> set[int]:
    """The indices of the quotes whose content is a list's lead-in (the items carry its stance, see
    :func:`_lead_in_stance`)."""
    quotes = attributed.quotes
    leads = (_lead_quote(quotes, index) for index, quote in enumerate(quotes) if quote.reason.startswith(LIST_REASON))
    return {lead for lead in leads if lead is not None}


FRAME_CHARACTERS = 80  # the longest stretch between a cue and its content read as a frame of its own


def _frame_gap(text: str, quote: Quote) -> Span | None:
    """The words between a cue and the content after it, when they could state a stance ("said Ankara had
    proposed that …"), else None."""
    if quote.cue is None or not quote.content:
        return None
    start, end = quote.cue.end, quote.content[0].start
    if not 0 < end - start <= FRAME_CHARACTERS or len(text[start:end].split()) < 2:
        return None
    return Span(start, end)


def _frame_stance(text: str, gap: Span, matcher, topics, lexicon: StanceLexicon, mentions, speakers) -> tuple[list[Holder], StanceEvent] | None:
    """A stance a frame between the cue and the content states, with the party it names: "He said Ankara had
    proposed that the two countries raise their trade" is Ankara's proposal, which he reports; a colon lead-in
    that names none is the speaker's ("had set out their main demands at the first sitting: …"); None when the
    frame states no stance, or names no party and ends in no colon."""
    colon = text[gap.start : gap.end].rstrip().endswith(":")
    return _stance_in(text, gap, matcher, topics, lexicon, mentions, speakers, unnamed=colon)


def _cue_stance(text: str, quote: Quote, matcher, topics, lexicon: StanceLexicon) -> StanceEvent | None:
    """The stance the quote's cue states ("insisted", "proposed"), or None."""
    if quote.cue is None:
        return None
    cue_clause = Clause(text, quote.cue, matcher, topics, lexicon.modals)
    best = _best(cue_clause.events)
    if best is None:
        return None
    return StanceEvent(best.stance, best.i, best.j, cue_clause.words_text(text, best.i, best.j))


def _nearest(named: list[list[str]], i: int) -> list[str]:
    """The topics of the nearest clause that names one (earlier clauses first at equal distance)."""
    for distance in range(1, len(named)):
        for j in (i - distance, i + distance):
            if 0 <= j < len(named) and named[j]:
                return named[j]
    return []


def position_row(position: Position, text: str) -> dict:
    """One JSON-ready row for a position; ``text`` is the article text the evidence span points into."""
    return {
        "speaker": position.speaker,
        "side": position.side,
        "speaker_id": position.speaker_id,
        "holder": position.holder or position.speaker,
        "holder_side": position.holder_side if position.holder else position.side,
        "holder_id": position.holder_id if position.holder else position.speaker_id,
        "topic": position.topic,
        "concept": position.concept or position.topic,
        "topic_source": position.topic_source,
        "stance": position.stance,
        "quantities": list(position.quantities),
        "evidence": position.evidence.text(text),
        "modality": position.modality,
        "negated": position.negated,
        "quote": position.quote + 1,
        "evidence_span": [position.evidence.start, position.evidence.end],
        "reason": position.reason,
    }


def position_rows(attributed: AttributedArticle, *, topics: str | Path | Sequence[Topic] | None = None) -> list[dict]:
    """One row per position: speaker, holder, sides, topic, stance, quantities, evidence, modality, negation, quote.

    >>> from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
    >>> text = "“Civilians and children must be returned,” he emphasized."
    >>> quote = Quote("direct", (Span(0, 42),), Span(46, 56), Span(43, 45), (Speaker("Kyslytsya", side="Ukraine"),))
    >>> row = position_rows(AttributedArticle(Article(text), Tokens(text, (), ()), (quote,)))[0]
    >>> row["topic"], row["stance"], row["modality"], row["evidence"], row["holder"]
    ('civilians and children', 'demand', 'must', 'Civilians and children must be returned', 'Kyslytsya')
    """
    text = attributed.article.text
    return [position_row(p, text) for p in find_positions(attributed, topics=topics)]
