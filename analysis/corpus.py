"""Corpus: one speaker across many articles.

Each article's entities are summarised where the article is analysed
(:func:`article_speakers`, a small picklable record), and the summaries are
merged once (:func:`merge_speakers`). The merge does not depend on the order
the summaries arrive in, so one process, many processes and a Dask cluster
give the same speakers. In the merged :class:`SpeakerIndex` the same person
is one speaker with one stable ``id``; its name is the fullest form the
corpus gives; a side stated in one article holds in the others, marked as
carried over, unless an article states another.

>>> from analysis.records import Speaker
>>> a = ArticleSpeakers("a.txt", (Speaker("Rustem Umerov", side="Ukraine", id="rustem-umerov"),), (2,))
>>> b = ArticleSpeakers("b.txt", (Speaker("Umerov", id="umerov"),), (1,))
>>> index = merge_speakers([b, a])
>>> [(s.id, s.name, s.aliases, s.side, s.articles, s.quotes) for s in index.speakers]
[('rustem-umerov', 'Rustem Umerov', ('Umerov',), 'Ukraine', ('a.txt', 'b.txt'), 3)]
>>> view = index.lookup("b.txt", "umerov")
>>> view.name, view.side, view.side_carried
('Rustem Umerov', 'Ukraine', True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .records import AttributedArticle, Speaker
from .speakers import speaker_slug, unique_ids

ROW_FIELDS = (("speaker", "side", "speaker_id"), ("holder", "holder_side", "holder_id"))  # (name, side, id) in rows


def article_key(attributed: AttributedArticle) -> str:
    """The key an article's rows and summary share: its path, else its id, else its name."""
    article = attributed.article
    return article.path or article.id or article.name


@dataclass(frozen=True, slots=True)
class ArticleSpeakers:
    """One article's entities, as the corpus merge needs them (picklable, small)."""

    article: str  # the article's key (see :func:`article_key`)
    speakers: tuple[Speaker, ...]  # the article's entities, with their article-level ids
    quotes: tuple[int, ...]  # number of quotes of each entity, in the same order


def article_speakers(attributed: AttributedArticle) -> ArticleSpeakers:
    """The partial result of one article for :func:`merge_speakers`."""
    entities = attributed.entities or attributed.speakers
    counts = Counter(s.id for q in attributed.quotes for s in q.speakers)
    return ArticleSpeakers(
        article_key(attributed),
        tuple(replace(e, mentions=()) for e in entities),
        tuple(counts.get(e.id, 0) for e in entities),
    )


@dataclass(frozen=True, slots=True)
class CorpusSpeaker:
    """One speaker of a corpus; as seen from one article (:meth:`SpeakerIndex.lookup`), its side there."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    side: str | None = None
    side_evidence: str | None = None
    side_carried: bool = False  # the side was stated in another article of the corpus
    articles: tuple[str, ...] = ()
    quotes: int = 0


@dataclass(frozen=True)
class SpeakerIndex:
    """The merged speakers of a corpus, and where each article's entities went."""

    speakers: tuple[CorpusSpeaker, ...]
    local: Mapping[tuple[str, str], tuple[int, Speaker]]  # (article, article-level id) → (speaker index, entity)
    merges: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical name, the other spellings merged into it)

    def lookup(self, article: str, local_id: str) -> CorpusSpeaker | None:
        """The corpus speaker an article's entity belongs to, with the side as that article sees it."""
        found = self.local.get((article, local_id))
        if found is None:
            return None
        index, entity = found
        speaker = self.speakers[index]
        if entity.side is not None:
            return replace(speaker, side=entity.side, side_evidence=entity.side_evidence, side_carried=False)
        return speaker

    def relabel(self, row: dict, article: str) -> dict:
        """A JSON row (quote, tone or position) with corpus names, sides and ids in place of the article's.

        Rows carry the article-level ids in ``speaker_id`` (and ``holder_id``);
        a row whose ids the index does not know is returned unchanged.
        """
        out = dict(row)
        for name_key, side_key, id_key in ROW_FIELDS:
            ids = row.get(id_key)
            if ids is None:
                continue
            many = isinstance(ids, list)
            found = [self.lookup(article, i) for i in (ids if many else [ids])]
            if any(f is None for f in found):
                continue
            names, sides, new_ids = [f.name for f in found], [f.side for f in found], [f.id for f in found]
            out[name_key], out[side_key], out[id_key] = (names, sides, new_ids) if many else (names[0], sides[0], new_ids[0])
        return out


def merge_speakers(parts: Iterable[ArticleSpeakers]) -> SpeakerIndex:
    """One speaker per person across the articles, whatever order the parts come in."""
    parts = sorted(parts, key=lambda p: p.article)
    entries = [(p.article, e, n) for p in parts for e, n in zip(p.speakers, p.quotes)]
    groups = _group(entries)
    speakers, local, merges = [], {}, []
    names = [_canonical_name([entries[i][1] for i in group]) for group in groups]
    for group, name, ident in zip(groups, names, unique_ids(names)):
        members = [entries[i] for i in group]
        speakers.append(_corpus_speaker(ident, name, members))
        for article, entity, _ in members:
            local[(article, entity.id)] = (len(speakers) - 1, entity)
        spellings = tuple(sorted({e.name for _, e, _ in members} - {name}))
        if spellings:
            merges.append((name, spellings))
    return SpeakerIndex(tuple(speakers), local, tuple(merges))


def _key(name: str) -> str:
    return speaker_slug(name)


def _group(entries: list[tuple[str, Speaker, int]]) -> list[list[int]]:
    """Entries grouped by person: the same full name, or a one-word name that only one full name ends in."""
    by_key: dict[str, list[int]] = {}
    for i, (_, entity, _) in enumerate(entries):
        by_key.setdefault(_key(entity.name), []).append(i)
    surnames: dict[str, set[str]] = {}
    for key in by_key:
        words = key.split("-")
        if len(words) > 1:
            surnames.setdefault(words[-1], set()).add(key)
    groups: dict[str, list[int]] = {}
    for key, members in by_key.items():
        full = surnames.get(key, set()) if "-" not in key else set()
        target = next(iter(full)) if len(full) == 1 else key
        groups.setdefault(target, []).extend(members)
    return [sorted(members) for _, members in sorted(groups.items())]


def _canonical_name(entities: list[Speaker]) -> str:
    """The fullest form: most words, then most often given, then first in order."""
    counts = Counter(e.name for e in entities)
    return max(counts, key=lambda name: (len(name.split()), counts[name], len(name), [-ord(c) for c in name]))


def _corpus_speaker(ident: str, name: str, members: list[tuple[str, Speaker, int]]) -> CorpusSpeaker:
    stated = Counter(e.side for _, e, _ in members if e.side)
    side = min(stated, key=lambda s: (-stated[s], s)) if stated else None
    evidence = next((e.side_evidence for _, e, _ in members if e.side == side), None) if side else None
    carried = side is not None and any(e.side is None for _, e, _ in members)
    kinds = Counter(e.kind for _, e, _ in members)
    return CorpusSpeaker(
        id=ident,
        name=name,
        kind=min(kinds, key=lambda k: (-kinds[k], k)),
        aliases=tuple(sorted({e.name for _, e, _ in members} - {name})),
        roles=tuple(dict.fromkeys(r for _, e, _ in members for r in (e.roles or ((e.role,) if e.role else ())))),
        side=side,
        side_evidence=evidence,
        side_carried=carried,
        articles=tuple(dict.fromkeys(article for article, _, _ in members)),
        quotes=sum(n for _, _, n in members),
    )
