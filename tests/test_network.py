"""The discourse network: statements from positions, the actor × concept graph, DNA's actor networks, the command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from analysis import SEED_ARTICLE, network
from analysis.cli import main
from analysis.errors import AnalysisError, OutputError
from analysis.frames import corpus_tables
from analysis.records import Position, Span

FIXTURES = Path(__file__).parent / "fixtures"
# An invented border dispute (positions with stances, reported holders, outlets and dates in the file
# names), then the corpus fixtures and the seed: a small corpus on which every part of the network shows.
CORPUS = [FIXTURES / "network", FIXTURES / "corpus", FIXTURES / "batch", SEED_ARTICLE]


def row(speaker, topic, stance, **more):
    return {"file": "a.txt", "speaker": speaker, "side": more.pop("side", None), "topic": topic, "stance": stance, **more}


# --- statements: who holds the position, and its agreement ---


@pytest.mark.parametrize(
    "stance, agreement",
    [("support", 1), ("propose", 1), ("offer", 1), ("demand", 1), ("oppose", 0), ("reject", 0), ("neutral", None), ("unheard-of", None)],
)
def test_each_stance_has_dna_agreement(stance, agreement):
    (statement,) = network.row_statements(row("Ann", "wages", stance))
    assert statement.agreement == agreement


@pytest.mark.parametrize(
    "position, expected",
    [
        # the speaker states their own stance: the speaker holds it
        (row("Ann Lee", "wages", "demand", side="Port", speaker_id="ann-lee"), ("ann-lee", "Ann Lee", "Port", "Ann Lee")),
        # a reported stance is the holder's, not the reporter's
        (row("Kyslytsya", "ceasefire", "reject", side="Ukraine", holder="Russia", holder_side="Russia", holder_id="russia"),
         ("russia", "Russia", "Russia", "Kyslytsya")),
        # an empty holder means the speaker (the rows' convention)
        (row("Bo", "wages", "offer", side="Board", holder="", holder_side=None), ("bo", "Bo", "Board", "Bo")),
        # a holder who is the speaker has the speaker's id
        (row("Ann Lee", "wages", "demand", speaker_id="ann-lee-2", holder="Ann Lee", holder_side="Port"),
         ("ann-lee-2", "Ann Lee", "Port", "Ann Lee")),
        # no id: a slug of the name
        (row("Recep Tayyip Erdoğan", "truce", "support"), ("recep-tayyip-erdogan", "Recep Tayyip Erdoğan", "", "Recep Tayyip Erdoğan")),
    ],
)  # fmt: skip
def test_the_actor_is_the_holder(position, expected):
    (statement,) = network.row_statements(position)
    assert (statement.actor_id, statement.actor, statement.side, statement.speaker) == expected


def test_a_joint_holder_gives_one_statement_each():
    joint = row(["Ann", "Bo"], "wages", "demand", side=["Port", "Board"], speaker_id=["ann", "bo"])
    assert [(s.actor_id, s.side) for s in network.row_statements(joint)] == [("ann", "Port"), ("bo", "Board")]


def test_a_row_without_a_speaker_states_nothing():
    assert network.row_statements(row(None, "wages", "demand")) == []


def test_position_records_are_read_by_their_fields():
    text = "Russia rejects a ceasefire."
    position = Position("Kyslytsya", "Ukraine", "ceasefire", "reject", Span(0, 26), 0, holder="Russia", holder_side="Russia")
    (statement,) = network.statements([position], text=text)
    assert (statement.actor, statement.concept, statement.agreement, statement.evidence) == ("Russia", "ceasefire", 0, "Russia rejects a ceasefire")


# --- the actor × concept graph ---


def test_one_edge_per_actor_concept_and_stance():
    rows = [row("Ann", "wages", "demand", evidence="e1"), row("Ann", "wages", "demand", evidence="e2", file="b.txt"),
            row("Ann", "wages", "reject", evidence="e3"), row("Bo", "hours", "neutral")]  # fmt: skip
    graph = network.graph(rows)
    edges = sorted((a, c, k, d["stance"], d["weight"], d["articles"]) for a, c, k, d in graph.edges(keys=True, data=True))
    assert edges == [
        ("actor:ann", "concept:wages", "demand", "demand", 2, 2),
        ("actor:ann", "concept:wages", "reject", "reject", 1, 1),
        ("actor:bo", "concept:hours", "neutral", "neutral", 1, 1),
    ]
    assert "agreement" not in graph.edges["actor:bo", "concept:hours", "neutral"]
    assert graph.edges["actor:ann", "concept:wages", "demand"]["evidence"] == "e1 | e2"


def test_an_actor_takes_the_side_its_statements_give_most():
    rows = [row("Ann", "wages", "demand", side=None), row("Ann", "wages", "demand", side="Port"),
            row("Ann", "hours", "offer", side="Board"), row("Ann", "hours", "offer", side="Port")]  # fmt: skip
    assert network.graph(rows).nodes["actor:ann"]["side"] == "Port"


@pytest.mark.parametrize(
    "pieces, limit, expected",
    [
        (["a", "a", "b"], 100, "a | b"),  # duplicates once, in order
        (["a" * 8, "b" * 8, "c" * 8], 20, "aaaaaaaa | … 2 more"),  # what does not fit is counted
        (["x" * 50], 10, "xxxxxxxxx…"),  # one long piece is cut
        (["x" * 50, "y"], 20, "xxxxxxxx… | … 1 more"),
        ([""], 10, ""),
    ],
)
def test_evidence_is_joined_within_its_bound(pieces, limit, expected):
    joined = network.join_evidence(pieces, limit=limit)
    assert joined == expected and len(joined) <= limit


def test_no_attribute_is_none_so_graphml_writes():
    graph = network.graph([row("Ann", "wages", "demand", side=None, evidence=None), row("Bo", "wages", "neutral", file=None)])
    values = [v for _, d in graph.nodes(data=True) for v in d.values()] + [v for *_, d in graph.edges(data=True) for v in d.values()]
    assert None not in values
    out = io.StringIO()
    network.write_graphml(graph, out)
    assert nx.read_graphml(io.BytesIO(out.getvalue().encode())).nodes["actor:ann"]["side"] == ""


def test_a_corpus_table_gives_the_network_of_the_command():
    tables = corpus_tables(CORPUS, jobs=1)
    from_tables = network.graph(tables)
    from_run = network.corpus_network(CORPUS)
    assert from_tables.number_of_edges() and sorted(from_tables.edges(keys=True)) == sorted(from_run.edges(keys=True))
    assert sum(w for *_, w in from_tables.edges(data="weight")) == len(tables.positions)


# --- congruence and conflict ---

STANCES = [("A", "truce", "support"), ("B", "truce", "demand"), ("C", "truce", "reject"), ("D", "truce", "neutral"),
           ("A", "aid", "offer"), ("C", "aid", "propose"), ("B", "aid", "oppose"), ("A", "aid", "reject")]  # fmt: skip


def test_two_objects_of_one_lexicon_topic_meet_on_its_concept():
    # row_statements: the concept is the position's concept; the topic as stated ("…: 32 servicemen") says which object
    graph = network.graph([row("Ann", "prisoner exchange: 32 servicemen", "offer", concept="prisoner exchange"),
                           row("Bo", "prisoner exchange: future exchanges", "reject", concept="prisoner exchange")])
    assert [n for n, d in graph.nodes(data=True) if d["type"] == "concept"] == ["concept:prisoner exchange"]
    assert len(network.conflict(graph).edges) == 1


@pytest.mark.parametrize(
    "function, expected",
    [
        # the same agreement: A and B on the truce (1) and on aid (0: A is ambivalent there, 1 and 0); A and C on aid (1)
        (network.congruence, [("actor:a", "actor:b", 2, "truce; aid"), ("actor:a", "actor:c", 1, "aid")]),
        # opposite agreements: the truce splits A and B from C; on aid, B (0) meets C and A's 1, and C (1) meets A's 0
        (network.conflict, [("actor:a", "actor:b", 1, "aid"), ("actor:a", "actor:c", 2, "truce; aid"), ("actor:b", "actor:c", 2, "truce; aid")]),
    ],
)  # fmt: skip
def test_actor_networks_count_the_concepts_two_actors_share(function, expected):
    graph = network.graph([row(a, t, s) for a, t, s in STANCES])
    actors = function(graph)
    assert sorted((a, b, d["weight"], d["concepts"]) for a, b, d in actors.edges(data=True)) == expected
    assert sorted(actors.nodes) == ["actor:a", "actor:b", "actor:c", "actor:d"]  # the neutral actor is there, unlinked
    assert actors.nodes["actor:a"]["type"] == "actor"


def test_actor_networks_read_a_graph_read_back_from_graphml(tmp_path):
    graph = network.graph([row(a, t, s) for a, t, s in STANCES])
    out = io.StringIO()
    network.write_graphml(graph, out)
    back = nx.read_graphml(io.BytesIO(out.getvalue().encode()), force_multigraph=True)
    assert sorted(network.conflict(back).edges(data="weight")) == sorted(network.conflict(graph).edges(data="weight"))


# --- the command ---


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(["network", *map(str, argv)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def positions_count(capsys, paths) -> int:
    assert main(["positions", *map(str, paths), "--json", "--jobs", "1"]) == 0
    return len(json.loads(capsys.readouterr().out))


def test_graphml_reads_back_with_the_weights_of_the_positions(capsys, tmp_path):
    out = tmp_path / "network.graphml"
    assert run(capsys, *CORPUS, "--format", "graphml", "--out", out, "--jobs", "1")[0] == 0
    graph = nx.read_graphml(out, force_multigraph=True)
    types = {d["type"] for _, d in graph.nodes(data=True)}
    assert types == {"actor", "concept"}
    assert all({"name", "side", "kind"} <= set(d) for _, d in graph.nodes(data=True) if d["type"] == "actor")
    assert all(d.get("stance") for *_, d in graph.edges(data=True))
    assert all(graph.nodes[a]["type"] == "actor" and graph.nodes[c]["type"] == "concept" for a, c in graph.edges())
    assert sum(w for *_, w in graph.edges(data="weight")) == positions_count(capsys, CORPUS) > 0


def test_csv_has_one_row_per_position_in_dna_columns(capsys):
    status, out, _ = run(capsys, *CORPUS, "--format", "csv", "--jobs", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and tuple(rows[0]) == network.CSV_COLUMNS
    assert len(rows) == positions_count(capsys, CORPUS)
    assert {(r["stance"], r["agreement"]) for r in rows} <= {(s, str(a) if a is not None else "") for s, a in
                                                             [*network.AGREEMENT.items(), ("neutral", None)]}  # fmt: skip
    dated = [r for r in rows if r["article"].startswith("northwire_")]
    assert dated and {(r["outlet"], r["date"][:7]) for r in dated} == {("northwire", "2024-06")}
    assert {r["agreement"] for r in rows} == {"1", "0", ""}  # the fixture states each kind


@pytest.mark.parametrize("fmt", ["graphml", "csv"])
def test_two_jobs_write_the_bytes_of_one(capsys, fmt):
    one = run(capsys, *CORPUS, "--format", fmt, "--jobs", "1")
    assert one[0] == 0 and one[1]
    assert run(capsys, *CORPUS, "--format", fmt, "--jobs", "2") == one


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--format", "gexf"], "--format gexf: not a network format; use graphml or csv"),
        (["--out", "no-such-folder/n.graphml"], "the folder no-such-folder does not exist"),
        (["--out", SEED_ARTICLE], "is one of the inputs"),
    ],
)
def test_bad_outputs_are_refused_in_one_line(capsys, argv, message):
    status, out, err = run(capsys, SEED_ARTICLE, *argv)
    assert status == 1 and out == "" and message in err and err.count("\n") == 1


def test_an_unknown_format_is_an_analysis_error():
    with pytest.raises(OutputError) as caught:
        network.check_format("xml")
    assert isinstance(caught.value, AnalysisError)


def test_the_dask_option_writes_what_one_process_writes(capsys):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    one = run(capsys, *CORPUS, "--format", "csv", "--jobs", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        assert run(capsys, *CORPUS, "--format", "csv", "--dask", cluster.scheduler_address) == one


# --- the figure (analysis.plots.discourse_network) ---


def test_the_figure_colours_actors_by_side_and_draws_one_line_per_edge():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.colors import to_hex

    from analysis import plots
    from analysis.display import Palette

    graph = network.graph([row(a, t, s, side=side) for a, t, s, side in
                           [("Ann", "wages", "demand", "Port"), ("Ann", "wages", "reject", "Port"), ("Bo", "wages", "offer", "Board")]])  # fmt: skip
    ax = plots.discourse_network(graph, palette=Palette(sides={"Port": "#0173b2", "Board": "#de8f05"}))
    actors = ax.collections[0]
    assert [to_hex(c) for c in actors.get_facecolors()] == ["#de8f05", "#0173b2"]  # by side: Board, then Port
    assert len(ax.lines) == graph.number_of_edges() == 3
    assert "Ann reject wages" in ax.get_label()
    ax = plots.discourse_network(graph, top=1)
    assert "1 more actors not drawn" in ax.get_title() and len(ax.collections[0].get_offsets()) == 1
    matplotlib.pyplot.close("all")
