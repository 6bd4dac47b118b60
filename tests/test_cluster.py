"""A real Dask cluster on loopback gives the rows of one process: the Python API and ``--dask``."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'analysis[dask]')")

from analysis import SEED_ARTICLE  # noqa: E402
from analysis.cli import main  # noqa: E402
from analysis.cluster import dask_corpus  # noqa: E402
from analysis.streams import TABLES, corpus_frame  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = [FIXTURES / "corpus", FIXTURES / "batch", SEED_ARTICLE]


@pytest.fixture(scope="module")
def client():
    """One local cluster for the module: a scheduler and two single-threaded worker processes on loopback."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.mark.parametrize("table", sorted(TABLES))
def test_dask_frames_hold_the_rows_of_one_process(client, table):
    corpus = dask_corpus(CORPUS, table, client=client, partition=2)  # several partitions, merged once
    frame = corpus.frame.compute().reset_index(drop=True)
    expected = corpus_frame(CORPUS, table, jobs=1)
    assert len(frame) and frame.to_dict("records") == expected.to_dict("records")
    assert list(frame.dtypes) == list(expected.dtypes) and corpus.failures.compute() == []


def test_dask_frame_lists_the_failures(client, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    corpus = dask_corpus([tmp_path, SEED_ARTICLE, "missing.txt"], "quotes", client=client)
    assert corpus.frame["file"].unique().compute().tolist() == ["istanbul-pow-exchange.txt"]
    assert [source for source, _ in corpus.failures.compute()] == ["missing.txt", str(tmp_path / "empty.txt")]


@pytest.mark.parametrize("command", [["quotes", "--jsonl"], ["tone", "--json"], ["positions", "--json"], ["speakers", "--json"]])
def test_the_dask_option_writes_what_one_process_writes(client, capsys, command):
    argv = [command[0], *map(str, CORPUS), command[1]]
    assert main([*argv, "--jobs", "1"]) == 0
    one = capsys.readouterr().out
    assert main([*argv, "--dask", client.scheduler.address]) == 0
    assert capsys.readouterr().out == one


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_hand_started_scheduler_and_workers(tmp_path):
    """As a user runs it: `dask scheduler`, two `dask worker`s, then `analysis quotes --dask` as a whole process."""
    dask = shutil.which("dask", path=str(Path(sys.executable).parent))
    if dask is None:
        pytest.skip("the dask command is not installed beside this Python")
    address = f"tcp://127.0.0.1:{_free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    port = address.rsplit(":", 1)[1]
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--dashboard-address", ":0"], **quiet)]
    try:
        for _ in range(2):
            processes.append(subprocess.Popen(
                [dask, "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1"], **quiet
            ))  # fmt: skip
        with distributed.Client(address, timeout="30s") as probe:
            probe.wait_for_workers(2, timeout=60)
        analysis = [sys.executable, "-m", "analysis.cli", "quotes", *map(str, CORPUS)]
        one = subprocess.run([*analysis, "--jobs", "1"], capture_output=True, text=True, timeout=120)
        started = time.monotonic()
        on_cluster = subprocess.run([*analysis, "--dask", address], capture_output=True, text=True, timeout=120)
        assert on_cluster.returncode == 0, on_cluster.stderr
        assert on_cluster.stdout == one.stdout and [json.loads(line)["file"] for line in one.stdout.splitlines()]
        assert time.monotonic() - started < 120
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
