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

An article that names the person in full keeps its own spelling in its rows
(the id is the corpus's):

>>> c = ArticleSpeakers("c.txt", (Speaker("Volodymyr Zelenskyy", kind="person", id="volodymyr-zelenskyy"),), (1,))
>>> d = ArticleSpeakers("d.txt", (Speaker("Volodymyr Zelenskiy", kind="person", id="volodymyr-zelenskiy"),), (1,))
>>> index = merge_speakers([c, d])
>>> [(view.id, view.name) for view in (index.lookup("c.txt", "volodymyr-zelenskyy"), index.lookup("d.txt", "volodymyr-zelenskiy"))]
[('volodymyr-zelenskiy', 'Volodymyr Zelenskyy'), ('volodymyr-zelenskiy', 'Volodymyr Zelenskiy')]
"""

from __future__ import annotations

import json
import os
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .errors import DataFileError
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


@dataclass(frozen=True, slots=True)
class ArticleLinks:
    """Where one article's entities went in the merge: each article-level id's speaker index and entity."""

    ids: tuple[str, ...]  # the article's entity ids, in the order of its summary
    indices: array  # the speaker index of each (machine integers: a corpus holds hundreds of thousands)
    entities: tuple[Speaker, ...]  # the entities themselves (shared with the summaries, not copied)

    def find(self, local_id: str) -> tuple[int, Speaker] | None:
        try:
            at = self.ids.index(local_id)
        except ValueError:
            return None
        return self.indices[at], self.entities[at]


@dataclass(frozen=True)
class SpeakerIndex:
    """The merged speakers of a corpus, and where each article's entities went."""

    speakers: tuple[CorpusSpeaker, ...]
    local: Mapping[str, ArticleLinks]  # article key → its entities' speakers (one record per article, not per entity)
    merges: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical name, the other spellings merged into it)

    def lookup(self, article: str, local_id: str) -> CorpusSpeaker | None:
        """The corpus speaker an article's entity belongs to, with the side as that article sees it."""
        links = self.local.get(article)
        found = links.find(local_id) if links is not None else None
        if found is None:
            return None
        index, entity = found
        speaker = self.speakers[index]
        if _own_spelling(entity, speaker):
            speaker = replace(speaker, name=entity.name)
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


def _own_spelling(entity: Speaker, speaker: CorpusSpeaker) -> bool:
    # an article that names the person in full keeps its own spelling in its rows ("Zelenskiy" in a Reuters
    # article, "Zelenskyy" in a Kyiv one, "Donald Trump" beside "Donald J. Trump"): the id says they are one
    # person, and a reader checks the row against the article; a surname alone takes the corpus's full name
    return entity.named and " " in entity.name and entity.name != speaker.name and entity.kind == "person"


@dataclass(frozen=True, slots=True)
class KnownSpeaker:
    """A row of the user's speakers file: a canonical name, other names, a side and a kind."""

    name: str
    aliases: tuple[str, ...] = ()
    side: str | None = None
    kind: str = "person"


def read_speakers(path: str | os.PathLike) -> tuple[KnownSpeaker, ...]:
    r"""The user's speakers file, for what the articles leave open (see ``analysis/data/README.md``).

    TSV with the columns ``name``, ``aliases`` (separated by ``|``), ``side``
    and ``kind`` (person, organisation, country, group; the last three may
    be empty), or JSON: a list of objects with those keys (``aliases`` a list).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "speakers.tsv")
    >>> _ = open(path, "w").write("name\taliases\tside\tkind\nVolodymyr Zelensky\tZelenskyy|Zelenskiy\tUkraine\tperson\n")
    >>> read_speakers(path)
    (KnownSpeaker(name='Volodymyr Zelensky', aliases=('Zelenskyy', 'Zelenskiy'), side='Ukraine', kind='person'),)
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot read the speakers file ({getattr(error, 'strerror', None) or error}); check the path and save it as UTF-8") from error
    rows = _speakers_from_json(text, path.name) if path.suffix.lower() == ".json" or text.lstrip().startswith("[") else _speakers_from_tsv(text, path.name)
    return tuple(rows)


def _speakers_from_json(text: str, name: str) -> list[KnownSpeaker]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        raise DataFileError(f"{name}: not valid JSON ({error}); write a list like [{{\"name\": \"Rustem Umerov\", \"side\": \"Ukraine\"}}]") from error
    if not isinstance(data, list):
        raise DataFileError(f'{name}: expected a JSON list of speakers, like [{{"name": "Rustem Umerov", "aliases": ["Umierov"]}}]')
    out = []
    for number, row in enumerate(data, 1):
        if not isinstance(row, dict) or not isinstance(row.get("name"), str) or not row["name"].strip():
            raise DataFileError(f"{name}, speaker {number}: needs a non-empty 'name'")
        aliases = row.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise DataFileError(f"{name}, speaker {number}: 'aliases' must be a list of names")
        out.append(_known(row["name"], aliases, row.get("side"), row.get("kind"), f"{name}, speaker {number}"))
    return out


def _speakers_from_tsv(text: str, name: str) -> list[KnownSpeaker]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if number == 1 and cells[0].lower() == "name":
            continue
        if len(cells) > 4 or not cells[0]:
            raise DataFileError(f"{name}, line {number}: expected up to four tab-separated columns (name, aliases, side, kind), got {line!r}")
        cells += [""] * (4 - len(cells))
        out.append(_known(cells[0], [a for a in cells[1].split("|") if a.strip()], cells[2], cells[3], f"{name}, line {number}"))
    return out


def _known(name: str, aliases, side, kind, where: str) -> KnownSpeaker:
    kind = (kind or "person").strip()
    if kind not in KINDS:
        raise DataFileError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return KnownSpeaker(name.strip(), tuple(a.strip() for a in aliases if a.strip()), (side or "").strip() or None, kind)


KINDS = ("person", "organisation", "country", "group")


def merge_speakers(parts: Iterable[ArticleSpeakers], *, known: Iterable[KnownSpeaker] = ()) -> SpeakerIndex:
    """One speaker per person across the articles, whatever order the parts come in.

    ``known`` are the rows of the user's speakers file: a name or alias of
    one is that speaker, with its canonical name, and its side and kind where
    the articles state none.
    """
    parts = sorted(parts, key=_part_order)
    known = tuple(known)
    entries = [(p.article, e, n) for p in parts for e, n in zip(p.speakers, p.quotes)]
    groups = _group(entries, _alias_keys(known))
    by_key = {_key(k.name): k for k in known}
    by_alias = {_key(a): k for k in by_key.values() for a in k.aliases}  # built once, not per group
    chosen = [_known_in(entries, group, by_key, by_alias) for group in groups]
    names = [k.name if k else _canonical_name([entries[i][1] for i in group]) for group, k in zip(groups, chosen)]
    speakers, merges, where = [], [], array("l", bytes(8 * len(entries)))  # where[i]: the speaker of entry i
    for group, name, ident, k in zip(groups, names, unique_ids(names), chosen):
        members = [entries[i] for i in group]
        speakers.append(_corpus_speaker(ident, name, members, k))
        for i in group:
            where[i] = len(speakers) - 1
        spellings = tuple(sorted({e.name for _, e, _ in members} - {name}))
        if spellings:
            merges.append((name, spellings))
    del entries, groups
    return SpeakerIndex(tuple(speakers), _article_links(parts, where), tuple(merges))


def _part_order(part: ArticleSpeakers):
    # by article; two summaries under one key (the records of one JSONL file) by their content, so never by arrival
    return part.article, tuple((e.id, e.name) for e in part.speakers), part.quotes


def _article_links(parts: list[ArticleSpeakers], where: array) -> dict[str, ArticleLinks]:
    """Article key → its :class:`ArticleLinks`, from the parts in merge order and each entry's speaker index."""
    out: dict[str, ArticleLinks] = {}
    start = 0
    for part in parts:
        end = start + len(part.speakers)
        ids, indices, entities = tuple(e.id for e in part.speakers), where[start:end], part.speakers
        before = out.get(part.article)
        if before is not None:  # the same key again: its entities follow the earlier ones (the first of an id wins)
            ids, indices, entities = before.ids + ids, before.indices + indices, before.entities + entities
        out[part.article] = ArticleLinks(ids, indices, entities)
        start = end
    return out


def _alias_keys(known: tuple[KnownSpeaker, ...]) -> dict[str, str]:
    """Each name and alias of the speakers file (as a key) → its speaker's key."""
    out = {}
    for k in known:
        for name in (k.name, *k.aliases):
            out[_key(name)] = _key(k.name)
    return out


def _known_in(entries, group: list[int], by_key: dict[str, KnownSpeaker], by_alias: dict[str, KnownSpeaker]) -> KnownSpeaker | None:
    """The speakers-file row a group of entries belongs to, if any: by canonical name first, then by alias."""
    if not by_key:  # no speakers file: nothing to look up (the usual case, and the merge's largest cost before)
        return None
    for i in group:
        entity = entries[i][1]
        if entity.named:
            for name in (entity.name, *entity.aliases):
                found = by_key.get(_key(name))
                if found is not None:
                    return found
    return next((by_alias[_key(entries[i][1].name)] for i in group if entries[i][1].named and _key(entries[i][1].name) in by_alias), None)


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    # a corpus names the same people again and again: the merge asks for each distinct name's slug many times
    return speaker_slug(name)


# Spellings that transliterate one sound ("Zelenskyy" / "Zelenskiy", "Araghchi" / "Araqchi", "Umierov" / "Umerov").
_SOUNDS = (("gh", "g"), ("q", "g"), ("kh", "h"), ("w", "v"), ("j", "i"), ("y", "i"), ("ie", "e"))


def skeleton(word: str) -> str:
    """A spelling-blind form of a name word: transliteration variants share it.

    >>> [skeleton(w) for w in ("Zelensky", "Zelenskyy", "Zelenskiy", "Umierov", "Umerov", "Erdoğan", "Araqchi", "Araghchi")]
    ['zelenski', 'zelenski', 'zelenski', 'umerov', 'umerov', 'erdogan', 'aragchi', 'aragchi']
    """
    out = speaker_slug(word).replace("-", "")
    for a, b in _SOUNDS:
        out = out.replace(a, b)
    return "".join(ch for i, ch in enumerate(out) if i == 0 or ch != out[i - 1])


class _Groups:
    """Union-find over name keys; the smallest key of a group stands for it (so no order matters)."""

    def __init__(self, keys) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _group(entries: list[tuple[str, Speaker, int]], aliases: Mapping[str, str] | None = None) -> list[list[int]]:
    """Entries grouped by person, surest links first, each decided from the whole corpus (never from order):

    1. the same name; 2. a fuller or shorter form ("Donald J. Trump" / "Donald Trump");
    3. a transliterated spelling of the same name ("Zelenskyy" / "Zelenskiy"), unless one article
       names both as different people; 4. a surname alone, to the one person of the corpus it can be
       (the one whose roles it shares, else the one quoted far more often).
    Speakers known only by a description ("officials") stay apart, one per article.
    """
    by_key: dict[str, list[int]] = {}
    for i, (article, entity, _) in enumerate(entries):
        key = _key(entity.name) if entity.named else f"{article}\0{entity.id}"
        by_key.setdefault((aliases or {}).get(key, key), []).append(i)
    groups = _Groups(by_key)
    people = {k: [entries[i][1] for i in members] for k, members in by_key.items() if "\0" not in k and _person(entries, members, k)}
    together = _named_together(entries, by_key)
    full = sorted(k for k in people if "-" in k)
    by_surname: dict[str, list[str]] = {}
    for k in full:
        by_surname.setdefault(skeleton(k.rsplit("-", 1)[1]), []).append(k)
    for same in by_surname.values():
        for a_index, a in enumerate(same):
            for b in same[a_index + 1 :]:
                if _same_person(a, b) and not together(a, b):
                    groups.union(a, b)
    for k in sorted(people):
        if "-" in k:
            continue
        target = _surname_target(k, by_surname.get(skeleton(k), []), people, entries, by_key, groups)
        if target is not None:
            groups.union(k, target)
    merged: dict[str, list[int]] = {}
    for k, members in by_key.items():
        merged.setdefault(groups.find(k), []).extend(members)
    return [sorted(members) for _, members in sorted(merged.items())]


def _person(entries, members: list[int], key: str) -> bool:
    """A key that names a person: one word needs a person's kind or a quote (not a stray capitalised word)."""
    if "-" in key:
        return any(entries[i][1].kind == "person" for i in members)
    return any(entries[i][1].kind == "person" or entries[i][1].kind == "unknown" and entries[i][2] for i in members)


def _named_together(entries, by_key: dict[str, list[int]]):
    """A test of whether one article names two keys as two different people (they are never merged)."""
    articles = {k: {entries[i][0] for i in members} for k, members in by_key.items()}

    def test(a: str, b: str) -> bool:
        return not articles[a].isdisjoint(articles[b])

    return test


def _same_person(a: str, b: str) -> bool:
    """Two full names (slugs) of one person: same surname spelling-blind, given names compatible ("donald-j-trump")."""
    wa, wb = a.split("-"), b.split("-")
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if skeleton(short[0]) != skeleton(long[0]) and not (len(short[0]) == 1 and long[0].startswith(short[0])):
        return False
    rest = [skeleton(w) for w in long[1:-1]]
    return all(skeleton(w) in rest or len(w) == 1 for w in short[1:-1])


def _surname_target(k: str, candidates: list[str], people, entries, by_key, groups: _Groups) -> str | None:
    """The full name a surname-only speaker is: the only one, the one sharing its roles, or the one quoted far more."""
    roots = sorted({groups.find(c) for c in candidates})
    if len(roots) <= 1:
        return roots[0] if roots else None
    mine = _role_words(people[k])
    sharing = [r for r in roots if mine & _role_words([e for c in candidates if groups.find(c) == r for e in people[c]])]
    if len(sharing) == 1:
        return sharing[0]
    quotes = {r: sum(entries[i][2] + 1 for c in candidates if groups.find(c) == r for i in by_key[c]) for r in roots}
    ranked = sorted(roots, key=lambda r: (-quotes[r], r))
    return ranked[0] if quotes[ranked[0]] >= 3 * quotes[ranked[1]] else None


def _role_words(entities: list[Speaker]) -> set[str]:
    """The content words of the speakers' roles ("president", "nominee", "delegation")."""
    out = set()
    for e in entities:
        for role in e.roles or ((e.role,) if e.role else ()):
            out.update(w for w in speaker_slug(role).split("-") if len(w) > 3)
    return out


def _canonical_name(entities: list[Speaker]) -> str:
    """The fullest form: most words, then most often given, then first in order."""
    counts = Counter(e.name for e in entities)
    return max(counts, key=lambda name: (len(name.split()), counts[name], len(name), [-ord(c) for c in name]))


def _corpus_speaker(ident: str, name: str, members: list[tuple[str, Speaker, int]], known: KnownSpeaker | None = None) -> CorpusSpeaker:
    stated = Counter(e.side for _, e, _ in members if e.side)
    side = min(stated, key=lambda s: (-stated[s], s)) if stated else None
    evidence = next((e.side_evidence for _, e, _ in members if e.side == side), None) if side else None
    if side is None and known is not None and known.side:
        side, evidence = known.side, "speakers file"
    carried = side is not None and any(e.side is None for _, e, _ in members)
    kinds = Counter(e.kind for _, e, _ in members)
    return CorpusSpeaker(
        id=ident,
        name=name,
        kind=known.kind if known is not None else min(kinds, key=lambda k: (-kinds[k], k)),
        aliases=tuple(sorted({e.name for _, e, _ in members} - {name})),
        roles=tuple(dict.fromkeys(r for _, e, _ in members for r in (e.roles or ((e.role,) if e.role else ())))),
        side=side,
        side_evidence=evidence,
        side_carried=carried,
        articles=tuple(dict.fromkeys(article for article, _, _ in members)),
        quotes=sum(n for _, _, n in members),
    )
