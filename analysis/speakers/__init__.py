"""Speakers: who each quote's source is, linked through the mentions stage, and on which side they stand.

The mentions stage (:mod:`analysis.mentions`) has found the article's names
and linked them into entities (full names, fuller forms, surnames). Here
each quote's *source* — the words next to its cue — is read against them,
in text order, by sieves run surest first; every quote records the sieve
in :attr:`~analysis.records.Quote.link`:

1. a name in the source is its entity ("Umerov" → Rustem Umerov, linked by
   surname); names joined by "and" are a joint statement;
2. an outlet ("Reuters reported", "The Gaze reports, citing …", "according to
   Russian media") is a citation, never a speaker;
3. a group noun for the parties ("both sides", "the two delegations", "both
   leaders") is a joint speaker of the parties the article names (a pair
   named together, never a list of guarantors, nor a mediator or host);
4. a role noun or description ("the minister", "Russia's chief negotiator")
   is the person who holds that role in the article (before, else after); a
   past office no one holds ("the former Nigerian president") is an epithet
   of the most salient person just before;
5. a pronoun is the most salient compatible mention before it (the speaker
   of a quote, then the subject — a sentence-opening description counts — in
   its sentence and the two before); when none fits it stays unresolved,
   never inheriting an unrelated speaker;
6. anything else is an entity known by its description ("officials").

The sieves live in :mod:`analysis.speakers.linker`, the side inference and
the user's mapping in :mod:`analysis.speakers.sides`; this module runs them
and builds the records.

Sides come from the words of every role linked to the person anywhere in
the article (``data/sides.tsv``, read by :mod:`analysis.mentions.sides`:
"Ukrainian delegate", "Kremlin aide", "(R-Texas)", "a Democrat"), overridden
by the user's mapping (:func:`read_sides`); what no word states stays ``None``.

>>> from analysis.records import Article
>>> from analysis.tokenize import tokenize
>>> from analysis.quotes import find_candidates
>>> text = "Ukrainian envoy Ivan Petrenko said talks failed. “We tried,” he added."
>>> tokens = tokenize(Article(text))
>>> result = resolve_speakers(tokens, find_candidates(tokens))
>>> [(q.speaker.name, q.speaker.side, q.link) for q in result.quotes]
[('Ivan Petrenko', 'Ukraine', 'full name'), ('Ivan Petrenko', 'Ukraine', "pronoun 'he' → Ivan Petrenko")]
>>> result.speakers[0].role, result.speakers[0].side_evidence
('Ukrainian envoy', 'ukrainian')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..mentions import ArticleMentions, Entity, clean_name, find_mentions
from ..mentions.lexicon import Outlets, load_outlets
from ..records import Mention, OutletCitation, Quote, Speaker, Tokens
from .linker import OUTLET_REASON, _Found, _Linker, _subject_descriptions
from .sides import infer_side, load_side_words, read_sides, speaker_slug, unique_ids

__all__ = ["Outlets", "Resolution", "infer_side", "load_outlets", "load_side_words", "read_sides", "resolve_speakers", "speaker_slug", "unique_ids"]

# ---------------------------------------------------------------------------
# Resolution


@dataclass(frozen=True, slots=True)
class Resolution:
    """Quotes with their speakers; the quoted speakers, every entity, the mentions; the outlets cited."""

    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    outlets: tuple[OutletCitation, ...]
    entities: tuple[Speaker, ...] = ()
    mentions: tuple[Mention, ...] = ()



def resolve_speakers(
    tokens: Tokens,
    quotes: tuple[Quote, ...],
    *,
    mentions: ArticleMentions | None = None,
    sides: Mapping[str, str] | None = None,
    title_end: int = 0,
) -> Resolution:
    """Resolve every quote's source to speakers, through the article's mentions; sides from every linked role."""
    found = mentions if mentions is not None else find_mentions(tokens, title_end=title_end)
    linker = _Linker(tokens, found, quotes)
    order = sorted(range(len(quotes)), key=lambda q: quotes[q].source.start if quotes[q].source else quotes[q].content[0].start)
    subjects = _subject_descriptions(tokens, quotes)
    results: dict[int, _Found] = {}
    for q_index in order:
        if quotes[q_index].source is not None:
            while subjects and subjects[0].start < quotes[q_index].source.start:
                linker.describe(subjects.pop(0))
            results[q_index] = linker.resolve(q_index)
    _carry_continuations(quotes, results)
    return _resolution(tokens.text, quotes, results, linker, sides)


def _carry_continuations(quotes: Sequence[Quote], results: dict[int, _Found]) -> None:
    """A continuation quote (no cue) is said by the speaker of the attributed direct quote before it."""
    last: _Found | None = None
    for q_index in sorted(range(len(quotes)), key=lambda q: quotes[q].content[0].start if quotes[q].content else 0):
        quote = quotes[q_index]
        if quote.reason.startswith("continuation") and last is not None and last.entities:
            results[q_index] = replace(last, link=f"continues the quote of {last.link.rsplit('→ ', 1)[-1]}" if "→" in last.link else "continues the quote before it")
        elif quote.kind == "direct" and q_index in results:
            last = results[q_index]
        elif quote.kind == "direct" and quote.source is not None:
            last = None



# --- the records


def _resolution(text: str, quotes: Sequence[Quote], results: dict[int, _Found], linker: _Linker, sides) -> Resolution:
    """Speaker records for the entities (ids unique in the article), quotes with their speakers, citations."""
    entities = linker.entities
    keep = [e for e, entity in enumerate(entities) if entity.kind not in ("outlet", "adjective")]
    index = {e: k for k, e in enumerate(keep)}
    ids = unique_ids([entities[e].name for e in keep])
    records = [_speaker(entities[e], ident, sides, linker.table) for e, ident in zip(keep, ids)]
    out_quotes, citations, quoted = [], [], []
    for q_index, quote in enumerate(quotes):
        found = results.get(q_index)
        if found is not None and found.citation is not None:
            citations.append(OutletCitation(found.citation, quote.source, quote.cue, replace(quote, reason=quote.reason + OUTLET_REASON, link=found.link), found.kind))
            continue
        if found is None or not found.entities:
            out_quotes.append(replace(quote, link=found.link) if found is not None else quote)
            continue
        speakers = tuple(records[index[e]] for e in found.entities if e in index)
        quoted.extend(index[e] for e in found.entities if e in index)
        out_quotes.append(replace(quote, speakers=speakers, link=found.link))
    citations += _cited_outlets(text, citations)
    mentions = _mention_records(linker, results, quotes, index)
    speakers = tuple(records[k] for k in sorted(set(quoted)))
    return Resolution(tuple(out_quotes), speakers, _unique_citations(citations), tuple(records), mentions)


def _speaker(entity: Entity, ident: str, sides, table) -> Speaker:
    side, evidence = infer_side(entity.name, roles=entity.roles, kind=entity.kind, sides=sides, table=table)
    kind = entity.kind if entity.kind in ("person", "organisation", "country", "group") else ("person" if entity.named else "unknown")
    return Speaker(
        name=entity.name,
        kind=kind,
        role=_main_role(entity.roles),
        side=side,
        side_evidence=evidence,
        mentions=(),
        id=ident,
        roles=tuple(entity.roles),
        aliases=tuple(entity.aliases),
        named=entity.named,
    )


def _main_role(roles: Sequence[str]) -> str | None:
    """The role shown first: the longest one that is not only a party tag."""
    usable = [r for r in roles if not r.startswith("(")]
    return max(usable, key=len) if usable else (roles[0] if roles else None)


def _mention_records(linker: _Linker, results: dict[int, _Found], quotes: Sequence[Quote], index: dict[int, int]) -> tuple[Mention, ...]:
    """One record per name phrase and per description or pronoun that was a quote's source, in text order."""
    out = []
    for phrase, (e, how) in zip(linker.mentions.names, linker.mentions.links):
        kind = "outlet" if phrase.kind == "outlet" else "name"
        out.append(Mention(phrase.span, kind, index.get(e) if e is not None else None, how))
    for q_index, found in results.items():
        if found.kind in ("pronoun", "role", "group", "unresolved", "document", "outlet") and quotes[q_index].source is not None:
            members = tuple(index[e] for e in found.entities if e in index)
            kind = {"unresolved": "pronoun"}.get(found.kind, found.kind)
            out.append(Mention(quotes[q_index].source, kind, members[0] if members else None, found.link, members if len(members) > 1 else ()))
    out.sort(key=lambda m: (m.span.start, m.span.end))
    return tuple(out)


def _unique_citations(citations: list[OutletCitation]) -> tuple[OutletCitation, ...]:
    """One citation per outlet mention, with its earliest cue ("reports" before "citing")."""
    best: dict[tuple[int, str], OutletCitation] = {}
    for c in sorted(citations, key=lambda c: (c.span.start, c.cue.start if c.cue else -1)):
        best.setdefault((c.span.start, c.name), c)
    return tuple(sorted(best.values(), key=lambda c: c.span.start))


def _cited_outlets(text: str, citations: list[OutletCitation]) -> list[OutletCitation]:
    """Outlets named as the content of a 'citing' cue of an outlet ("…, citing Ukrainian Pravda")."""
    out = []
    for c in citations:
        quote = c.attribution
        if quote is not None and quote.cue is not None and text[quote.cue.start : quote.cue.end].lower().startswith("cit") and quote.content:
            span = quote.content[0]
            out.append(OutletCitation(clean_name(span.text(text).strip(" .,")), span, quote.cue))
    return out

