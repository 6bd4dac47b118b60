"""Network: the corpus's discourse network — which actor takes which stance on which concept — as DNA codes it.

Political scientists code news statement by statement in Discourse Network
Analysis (DNA): an *actor* (with their *organisation*) states an *agreement*
(1 agrees, 0 disagrees) with a *concept*. Here every position of
:func:`analysis.positions.find_positions` is one such statement:

* the actor is the position's **holder** (who takes the stance; the speaker
  only when the speaker states their own), never the reporter, with the
  holder's side as organisation; the concept is the position's ``concept``
  (the lexicon topic, so that "prisoner exchange: 32 servicemen" and
  "prisoner exchange: future exchanges" meet on one node; a stated object
  is its own concept), else its ``topic``;
* :data:`AGREEMENT` maps the stances: support, propose, offer and demand are
  agreement 1 (the actor wants the concept), oppose and reject 0, neutral
  none (the actor named the concept without taking a side: such statements
  are kept, with an empty agreement, and never link actors).

:func:`graph` makes the actor × concept network, a ``networkx.MultiDiGraph``:
actor nodes (``type="actor"``, ``name``, ``side``, ``kind``) and concept
nodes (``type="concept"``, ``name``); **one edge per (actor, concept,
stance)**, keyed by the stance, so every edge has one stance and an actor
who supported a ceasefire in one quote and rejected it in another has two
edges to it. An edge's ``weight`` is its number of positions (the weights add
up to the positions), its ``evidence`` the positions' words joined (at most
:data:`EVIDENCE_LIMIT` characters), ``articles`` the number of articles.
Attributes are never None (GraphML has no null: an unknown side is "").

:func:`congruence` and :func:`conflict` are DNA's one-mode actor networks:
two actors are linked when they state the same (congruence) or opposite
(conflict) agreement with one concept; the weight is the number of such
concepts. ``analysis network`` writes the network as GraphML (Gephi, visone,
networkx read it) or as DNA's statement table in CSV (:data:`CSV_COLUMNS`).

>>> rows = [
...     {"file": "a.txt", "speaker": "Ann Lee", "side": "Port", "topic": "wages", "stance": "demand", "evidence": "wages must rise"},
...     {"file": "a.txt", "speaker": "Bo Sten", "side": "Board", "topic": "wages", "stance": "reject", "evidence": "we refuse"},
...     {"file": "b.txt", "speaker": "Cy", "side": "Port", "topic": "wages", "stance": "support", "evidence": "yes to wages",
...      "holder": "Ann Lee", "holder_side": "Port"},
... ]
>>> network = graph(rows)
>>> sorted((network.nodes[a]["name"], network.nodes[c]["name"], k, w) for a, c, k, w in network.edges(keys=True, data="weight"))
[('Ann Lee', 'wages', 'demand', 1), ('Ann Lee', 'wages', 'support', 1), ('Bo Sten', 'wages', 'reject', 1)]
>>> conflicts = conflict(network)
>>> [(conflicts.nodes[a]["name"], conflicts.nodes[b]["name"], w) for a, b, w in conflicts.edges(data="weight")]
[('Ann Lee', 'Bo Sten', 1)]
"""

from __future__ import annotations

import csv
import math
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TextIO

from .errors import OutputError
from .records import AttributedArticle, Position
from .streams import POSITION_COLUMNS, Column, Table

# DNA's agreement of each stance: 1 for the stances that want the concept, 0 for those against it.
# A stance missing here (neutral, or one a newer stance lexicon adds) has no agreement.
AGREEMENT: Mapping[str, int] = {"support": 1, "propose": 1, "offer": 1, "demand": 1, "oppose": 0, "reject": 0}
FORMATS = ("graphml", "csv")  # what `analysis network --format` writes
EVIDENCE_LIMIT = 1000  # characters of an edge's joined evidence (GraphML viewers show it whole)
EVIDENCE_JOIN = " | "  # between the evidence of an edge's positions
UNKNOWN_KIND = "unknown"  # an actor the corpus's speakers do not describe
ACTOR, CONCEPT = "actor", "concept"  # the two node types (the ``type`` attribute)
# DNA's statement table, one row per position (organisation: the actor's side), then who reported it.
CSV_COLUMNS = ("actor", "organisation", "concept", "agreement", "stance", "date", "outlet", "article", "evidence", "speaker")

# The rows of the network table: a position row with its article's outlet and date (the CSV's columns).
NETWORK_COLUMNS = (
    *POSITION_COLUMNS,
    Column("outlet", "str", "the article's outlet (from its metadata or its file name)"),
    Column("date", "str", "the article's date, YYYY-MM-DD when known"),
)


def network_lines(attributed: AttributedArticle, topics=None) -> list[dict]:
    """The positions rows of one article (as ``analysis positions`` makes them), each with its outlet and date."""
    from .frames import article_metadata
    from .streams import position_lines

    meta = article_metadata(attributed.article)
    return [{**row, "outlet": meta["outlet"], "date": meta["date"]} for row in position_lines(attributed, topics)]


# The corpus table `analysis network` runs through analysis.streams.run_corpus: the positions, relabelled
# with the corpus's speakers exactly as `analysis positions` relabels them.
NETWORK_TABLE = Table("network", NETWORK_COLUMNS, network_lines)


# --- statements ---


@dataclass(frozen=True, slots=True)
class Statement:
    """One position as DNA codes it: who (the holder) states which agreement with which concept, and where."""

    actor_id: str  # the holder's corpus speaker id, else a slug of the name
    actor: str
    side: str  # the holder's side as the article states it; "" unknown
    concept: str
    stance: str
    agreement: int | None  # AGREEMENT[stance]; None for neutral
    article: str = ""
    outlet: str = ""
    date: str = ""
    evidence: str = ""
    speaker: str = ""  # who said it (the holder, or who reported the holder's stance)


def _text(value) -> str:
    """A cell as text for GraphML and CSV: None and NaN are "", a list of names joined with " & "."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, tuple)):
        return " & ".join(_text(v) for v in value if _text(v))
    return str(value)


def _listed(value) -> list:
    """A name, side or id cell as a list (one per holder of a joint position)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _holders(row: Mapping) -> list[tuple[str, str, str]]:
    """(id, name, side) of each holder of a position row: its ``holder`` fields, else its speaker's (their own stance)."""
    from .speakers import speaker_slug

    fields = ("holder", "holder_id", "holder_side") if _text(row.get("holder")) else ("speaker", "speaker_id", "side")
    names, ids, sides = (row.get(name) for name in fields)
    if ids is None and names == row.get("speaker"):  # a holder named as its speaker is the speaker, with their id
        ids = row.get("speaker_id")
    names = _listed(names)
    ids = _listed(ids) if isinstance(ids, (list, tuple)) and len(ids) == len(names) else [ids] * len(names)
    sides = _listed(sides) if isinstance(sides, (list, tuple)) and len(sides) == len(names) else [sides] * len(names)
    return [
        (_text(i) or speaker_slug(_text(n)), _text(n), _text(s)) for n, i, s in zip(names, ids, sides) if _text(n)
    ]


def row_statements(row: Mapping) -> list[Statement]:
    """The statements of one position row (JSON row, DataFrame record): one per holder, usually one.

    >>> [(s.actor_id, s.actor, s.side, s.concept, s.agreement, s.speaker) for s in row_statements(
    ...     {"speaker": "Kyslytsya", "side": "Ukraine", "holder": "Russia", "holder_side": "Russia",
    ...      "topic": "ceasefire", "stance": "reject", "file": "a.txt"})]
    [('russia', 'Russia', 'Russia', 'ceasefire', 0, 'Kyslytsya')]
    """
    stance = _text(row.get("stance")) or "neutral"
    common = dict(
        concept=_text(row.get("concept")) or _text(row.get("topic")),
        stance=stance,
        agreement=AGREEMENT.get(stance),
        article=_text(row.get("file")) or _text(row.get("article")),
        outlet=_text(row.get("outlet")),
        date=_text(row.get("date")),
        evidence=" ".join(_text(row.get("evidence")).split()),
        speaker=_text(row.get("speaker")),
    )
    return [Statement(actor_id=i, actor=n, side=s, **common) for i, n, s in _holders(row)]


def statements(source, *, text: str | None = None, topics=None) -> list[Statement]:
    """The statements of ``source``: position rows (dicts), a positions DataFrame, an article's or a corpus's
    tables (their ``positions``), an attributed article (or an Article, a path), or Position records
    (``text``: the article text their evidence spans point into).

    >>> from analysis import SEED_ARTICLE, attribute, position_table
    >>> result = attribute(SEED_ARTICLE)
    >>> len(statements(result)) == len(position_table(result)) > 0
    True
    """
    return [s for row in _rows(source, text=text, topics=topics) for s in row_statements(row)]


def _rows(source, *, text: str | None, topics) -> Iterator[Mapping]:
    """Position rows from whatever :func:`statements` accepts."""
    from .records import Article

    if isinstance(source, (AttributedArticle, Article, str, os.PathLike)):
        from .frames import attributed_article

        yield from network_lines(attributed_article(source, what="network.graph"), topics)
        return
    positions = getattr(source, "positions", None)  # ArticleTables, CorpusTables
    if positions is not None and hasattr(positions, "to_dict"):
        source = positions
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # a DataFrame
        yield from source.to_dict("records")
        return
    for item in source:
        yield _position_row(item, text) if isinstance(item, Position) else item


def _position_row(position: Position, text: str | None) -> dict:
    """A Position record as a row; its fields read with getattr, so records of any version of positions work."""
    evidence = getattr(position, "evidence", None)
    fields = ("speaker", "side", "speaker_id", "holder", "holder_side", "holder_id", "topic", "stance")
    row = {name: getattr(position, name, None) for name in fields}
    row["evidence"] = evidence.text(text) if text is not None and evidence is not None else ""
    return row


# --- the actor × concept network ---


def graph(source, *, kinds: Mapping[str, str] | None = None, text: str | None = None, topics=None):
    """The actor × concept network of ``source`` (anything :func:`statements` reads, or statements).

    A ``networkx.MultiDiGraph``: actor nodes ``actor:<id>``, concept nodes
    ``concept:<topic>``, one edge actor → concept per stance (key: the stance),
    in order of first appearance. ``kinds`` maps actor ids to kinds (person,
    organisation, country …); a corpus's tables give their speakers' kinds,
    and the others are ``unknown``. An actor's ``side`` is the one its
    statements give most often (ties: the first).

    >>> network = graph([{"speaker": "Ann", "side": "Port", "topic": "wages", "stance": "demand", "evidence": "more"},
    ...                  {"speaker": "Ann", "side": "Port", "topic": "wages", "stance": "demand", "evidence": "now"}])
    >>> dict(network.nodes["actor:ann"]), network.edges["actor:ann", "concept:wages", "demand"]["weight"]
    ({'type': 'actor', 'name': 'Ann', 'label': 'Ann', 'side': 'Port', 'kind': 'unknown'}, 2)
    >>> network.edges["actor:ann", "concept:wages", "demand"]["evidence"]
    'more | now'
    """
    import networkx as nx

    found = source if _are_statements(source) else statements(source, text=text, topics=topics)
    if kinds is None:
        kinds = _kinds(source)
    network = nx.MultiDiGraph()
    sides: dict[str, Counter] = {}
    edges: dict[tuple[str, str, str], list[Statement]] = {}
    for statement in found:
        actor, concept = actor_node(statement.actor_id), concept_node(statement.concept)
        if actor not in network:
            kind = _text(kinds.get(statement.actor_id)) or UNKNOWN_KIND
            network.add_node(actor, type=ACTOR, name=statement.actor, label=statement.actor, side="", kind=kind)
        if concept not in network:
            network.add_node(concept, type=CONCEPT, name=statement.concept, label=statement.concept)
        counts = sides.setdefault(actor, Counter())
        if statement.side:
            counts[statement.side] += 1
        edges.setdefault((actor, concept, statement.stance), []).append(statement)
    for actor, counts in sides.items():
        network.nodes[actor]["side"] = counts.most_common(1)[0][0] if counts else ""
    for (actor, concept, stance), group in edges.items():
        attributes = {"stance": stance, "weight": len(group), "articles": len({s.article for s in group})}
        if AGREEMENT.get(stance) is not None:
            attributes["agreement"] = AGREEMENT[stance]
        attributes["evidence"] = join_evidence(s.evidence for s in group)
        network.add_edge(actor, concept, key=stance, **attributes)
    return network


def actor_node(actor_id: str) -> str:
    """The node id of an actor (actor and concept ids never collide)."""
    return f"{ACTOR}:{actor_id}"


def concept_node(concept: str) -> str:
    """The node id of a concept."""
    return f"{CONCEPT}:{concept}"


def _are_statements(source) -> bool:
    return isinstance(source, (list, tuple)) and bool(source) and all(isinstance(s, Statement) for s in source)


def _kinds(source) -> dict[str, str]:
    """Actor id → kind from a corpus's tables (their speakers table); {} for anything else."""
    speakers = getattr(source, "speakers", None)
    if speakers is None or not hasattr(speakers, "columns") or not {"id", "kind"} <= set(speakers.columns):
        return {}
    return {_text(i): _text(k) for i, k in zip(speakers["id"], speakers["kind"]) if _text(i)}


def index_kinds(index) -> dict[str, str]:
    """Actor id → kind from a corpus's merged speakers (:class:`analysis.corpus.SpeakerIndex`), every entity included."""
    return {s.id: s.kind for s in index.speakers}


def join_evidence(pieces: Iterable[str], *, limit: int = EVIDENCE_LIMIT) -> str:
    """The distinct pieces of evidence in order, joined, at most ``limit`` characters (the rest counted).

    >>> join_evidence(["we agree", "we agree", "a deal is close"])
    'we agree | a deal is close'
    >>> join_evidence(["a" * 8, "b" * 8, "c" * 8], limit=20)
    'aaaaaaaa | … 2 more'
    """
    distinct = [p for p in dict.fromkeys(pieces) if p]
    out, used = [], 0
    for i, piece in enumerate(distinct):
        left = len(distinct) - i - 1  # pieces after this one
        tail = f"{EVIDENCE_JOIN}… {left} more" if left else ""
        cost = len(piece) + (len(EVIDENCE_JOIN) if out else 0)
        if used + cost + len(tail) <= limit:
            out.append(piece)
            used += cost
        elif out:  # the previous piece left room for this note
            out.append(f"… {left + 1} more")
            break
        else:  # the first piece alone is too long: cut it
            return piece[: max(0, limit - len(tail) - 1)] + "…" + tail
    return EVIDENCE_JOIN.join(out)


# --- the actor × actor networks (DNA's congruence and conflict) ---


def _agreements(network) -> dict[str, dict[str, set[int]]]:
    """Concept node → actor node → the agreements the actor states with it (an edge's ``agreement``, else its stance's)."""
    found: dict[str, dict[str, set[int]]] = {}
    for actor, concept, data in network.edges(data=True):
        agreement = data.get("agreement", AGREEMENT.get(data.get("stance", "")))
        if agreement in (0, 1, "0", "1"):
            found.setdefault(concept, {}).setdefault(actor, set()).add(int(agreement))
    return found


def _actor_network(network, *, same: bool):
    """Actors linked by the concepts on which they state the same (or opposite) agreement."""
    import networkx as nx

    actors = [n for n, kind in network.nodes(data="type") if kind == ACTOR]
    order = {n: i for i, n in enumerate(network.nodes)}
    result = nx.Graph()
    result.add_nodes_from((a, dict(network.nodes[a])) for a in actors)
    shared: dict[tuple[str, str], list[str]] = {}
    for concept, by_actor in sorted(_agreements(network).items(), key=lambda item: order[item[0]]):
        for a, b in combinations(sorted(by_actor, key=order.__getitem__), 2):
            ours, theirs = by_actor[a], by_actor[b]
            linked = bool(ours & theirs) if same else any(x != y for x in ours for y in theirs)
            if linked:
                shared.setdefault((a, b), []).append(network.nodes[concept].get("name", concept))
    for (a, b), concepts in shared.items():
        result.add_edge(a, b, weight=len(concepts), concepts="; ".join(concepts))
    return result


def congruence(network):
    """DNA's congruence network: actors linked when they state the same agreement with a concept.

    An undirected ``networkx.Graph`` of the actors (with their attributes);
    an edge's ``weight`` is the number of concepts on which the two agree
    (a concept counts once), ``concepts`` names them. Neutral statements link no one.

    >>> rows = [{"speaker": a, "topic": t, "stance": s} for a, t, s in
    ...         [("A", "truce", "support"), ("B", "truce", "demand"), ("C", "truce", "reject"),
    ...          ("A", "aid", "offer"), ("B", "aid", "propose")]]
    >>> [(a, b, d["weight"], d["concepts"]) for a, b, d in congruence(graph(rows)).edges(data=True)]
    [('actor:a', 'actor:b', 2, 'truce; aid')]
    """
    return _actor_network(network, same=True)


def conflict(network):
    """DNA's conflict network: actors linked when one agrees (1) and the other disagrees (0) with a concept.

    >>> rows = [{"speaker": a, "topic": "truce", "stance": s} for a, s in [("A", "support"), ("B", "demand"), ("C", "reject")]]
    >>> sorted((a, b, w) for a, b, w in conflict(graph(rows)).edges(data="weight"))
    [('actor:a', 'actor:c', 1), ('actor:b', 'actor:c', 1)]
    """
    return _actor_network(network, same=False)


# --- tables for reports ---

PAIR_COLUMNS = ("actor", "side", "other", "other side", "agree on", "disagree on")
MAX_PAIRS = 25  # actor pairs a report's table shows, those sharing the most concepts


def holder_positions(source):
    """A positions table by holder: each position's holder as its ``speaker`` and ``side``, the reporter in ``reported_by``.

    ``source`` is a positions DataFrame, an article's or a corpus's tables; a
    row without a holder keeps its speaker (who then holds their own stance).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"speaker": ["Kyslytsya", "Umerov"], "side": ["Ukraine", "Ukraine"], "topic": ["ceasefire"] * 2,
    ...                       "stance": ["reject", "support"], "holder": ["Russia", ""], "holder_side": ["Russia", None]})
    >>> holder_positions(frame)[["speaker", "side", "reported_by"]].values.tolist()
    [['Russia', 'Russia', 'Kyslytsya'], ['Umerov', 'Ukraine', 'Umerov']]
    """
    frame = getattr(source, "positions", source)
    out = frame.copy()
    out["reported_by"] = frame["speaker"] if "speaker" in frame else None
    if "holder" not in frame or not len(frame):
        return out
    held = frame["holder"].map(lambda value: bool(_text(value)))
    for own, holder in (("speaker", "holder"), ("side", "holder_side"), ("speaker_id", "holder_id")):
        if own in frame:
            out[own] = frame[holder].where(held, frame[own]) if holder in frame else frame[own].where(~held, None)
    return out


def actor_pairs(source, *, top: int | None = MAX_PAIRS):
    """Pairs of actors with the concepts they agree on (congruence) and disagree on (conflict), most shared first.

    ``source`` is a network of :func:`graph` or what it is built from.

    >>> rows = [{"speaker": a, "side": side, "topic": "truce", "stance": s} for a, side, s in
    ...         [("A", "X", "support"), ("B", "X", "demand"), ("C", "Y", "reject")]]
    >>> actor_pairs(rows).values.tolist()
    [['A', 'X', 'B', 'X', 'truce', ''], ['A', 'X', 'C', 'Y', '', 'truce'], ['B', 'X', 'C', 'Y', '', 'truce']]
    """
    import networkx as nx
    import pandas as pd

    network = source if isinstance(source, nx.Graph) else graph(source)
    same, opposite = congruence(network), conflict(network)
    pairs = list(dict.fromkeys([*(tuple(e) for e in same.edges()), *(tuple(e) for e in opposite.edges())]))
    rows = []
    for a, b in pairs:
        agree = same.edges[a, b]["concepts"] if same.has_edge(a, b) else ""
        disagree = opposite.edges[a, b]["concepts"] if opposite.has_edge(a, b) else ""
        weight = (same.edges[a, b]["weight"] if agree else 0) + (opposite.edges[a, b]["weight"] if disagree else 0)
        nodes = network.nodes
        rows.append((weight, (nodes[a]["name"], nodes[a]["side"], nodes[b]["name"], nodes[b]["side"], agree, disagree)))
    rows.sort(key=lambda item: -item[0])  # stable: pairs of equal weight keep the network's order
    return pd.DataFrame([r for _, r in rows[:top]], columns=list(PAIR_COLUMNS))


# --- writing ---


def check_format(fmt: str) -> str:
    """``fmt`` when it is one of :data:`FORMATS`, else :class:`OutputError` saying which there are.

    >>> check_format("xml")
    Traceback (most recent call last):
    ...
    analysis.errors.OutputError: --format xml: not a network format; use graphml or csv
    """
    if fmt not in FORMATS:
        raise OutputError(f"--format {fmt}: not a network format; use {' or '.join(FORMATS)}")
    return fmt


def write_graphml(network, stream: TextIO) -> None:
    """The network as GraphML (networkx's writer, so Gephi, visone and networkx read it) on a text stream."""
    import networkx as nx

    for line in nx.generate_graphml(network, prettyprint=True):
        stream.write(line + "\n")


def csv_row(statement: Statement) -> dict[str, str]:
    """One statement as a row of DNA's table (:data:`CSV_COLUMNS`); a neutral statement's agreement is ""."""
    agreement = "" if statement.agreement is None else str(statement.agreement)
    return {
        "actor": statement.actor, "organisation": statement.side, "concept": statement.concept, "agreement": agreement,
        "stance": statement.stance, "date": statement.date, "outlet": statement.outlet, "article": statement.article,
        "evidence": statement.evidence, "speaker": statement.speaker,
    }  # fmt: skip


def write_csv(found: Iterable[Statement], stream: TextIO) -> int:
    """DNA's statement table as CSV, one row per statement, written as the statements come; returns the rows written.

    >>> import io
    >>> out = io.StringIO()
    >>> write_csv(statements([{"speaker": "Ann", "side": "Port", "topic": "wages", "stance": "reject", "file": "a.txt"}]), out)
    1
    >>> print(out.getvalue().strip())
    actor,organisation,concept,agreement,stance,date,outlet,article,evidence,speaker
    Ann,Port,wages,0,reject,,,a.txt,,Ann
    """
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for statement in found:
        writer.writerow(csv_row(statement))
        count += 1
    return count


def run_statements(rows: Iterable[tuple[str, dict]]) -> Iterator[Statement]:
    """The statements of a corpus run's rows (:meth:`analysis.streams.CorpusRun.rows`), in input order."""
    for _, row in rows:
        yield from row_statements(row)


def corpus_network(paths: Sequence, *, jobs: int | None = 1, client=None, sides=None, topics=None, speakers=None):
    """The network of a corpus, built from the same positions as ``analysis positions`` (one run of the corpus).

    >>> from analysis import SEED_ARTICLE
    >>> network = corpus_network([SEED_ARTICLE])
    >>> network.nodes["actor:vladimir-medinsky"]["kind"], network.nodes["concept:prisoner exchange"]["type"]
    ('person', 'concept')
    """
    from .corpus import read_speakers
    from .streams import _read_options, run_corpus

    sides, topics = _read_options(sides, topics)
    if isinstance(speakers, (str, os.PathLike)):
        speakers = read_speakers(speakers)
    options = dict(jobs=jobs, client=client, sides=sides, topics=topics, progress=False, known=speakers or ())
    with run_corpus(paths, NETWORK_TABLE, **options) as run:
        return graph(list(run_statements(run.rows())), kinds=index_kinds(run.index))
