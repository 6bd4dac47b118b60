"""Scaling: articles/s over 1 and 2 jobs and a two-worker Dask cluster, and peak memory as the corpus grows.

Every figure is a whole ``analysis`` process (start-up and imports included),
its peak memory the largest sum over the process and its children (worker
processes included) sampled every 50 ms: resident set (RSS, which counts
pages shared by forked workers once per process) and proportional set (PSS,
which shares them out). Larger corpora are the folder linked several times
into a temporary folder under different names (symbolic links).

    .venv/bin/python benchmarks/scaling.py speed ../shared/polnear/train/text --repeat 3
    .venv/bin/python benchmarks/scaling.py memory ../shared/polnear/train/text --copies 1 6 24
    .venv/bin/python benchmarks/scaling.py speed FOLDER --old /tmp/old   # side by side with another checkout

Figures are printed, never asserted: speed is measured here, not in tests.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil

COMMANDS = {
    "quotes": ["quotes", "--jsonl", os.devnull],
    "tone": ["tone", "--json"],
    "positions": ["positions", "--json"],
    "speakers": ["speakers", "--json"],
}


def analysis_argv(pythonpath: str | None = None) -> list[str]:
    return [sys.executable, "-m", "analysis.cli"] if pythonpath else [str(Path(sys.executable).with_name("analysis"))]


def measure(argv: list[str], env: dict | None = None, cwd: str | None = None) -> tuple[float, float, float]:
    """(seconds, peak RSS MB, peak PSS MB) of one whole process and its children; output to /dev/null."""
    start = time.perf_counter()
    process = psutil.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    peak_rss = peak_pss = 0.0
    samples = 0
    while process.poll() is None:
        try:
            family = [process, *process.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in family)
            peak_rss = max(peak_rss, rss)
            if samples % 4 == 0:  # PSS reads smaps: slower, so every fourth sample
                peak_pss = max(peak_pss, sum(p.memory_full_info().pss for p in family))
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            pass
        samples += 1
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {process.stderr.read().decode()[-2000:]}")
    return seconds, peak_rss / 2**20, peak_pss / 2**20


@contextmanager
def linked_corpus(folder: Path, copies: int):
    """``folder``'s files linked ``copies`` times into a temporary folder (the folder itself for one copy)."""
    if copies == 1:
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="scaling-") as tmp:
        for k in range(copies):
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    os.symlink(path.resolve(), Path(tmp) / f"copy{k:02d}-{path.name}")
        yield Path(tmp)


@contextmanager
def dask_cluster(workers: int = 2):
    """A scheduler and ``workers`` single-threaded worker processes on loopback, started as commands."""
    bin_dir = Path(sys.executable).parent
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [
        subprocess.Popen([str(bin_dir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                          "--dashboard-address", ":0"], **quiet)  # fmt: skip
    ]
    try:
        for _ in range(workers):
            processes.append(
                subprocess.Popen([str(bin_dir / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "1",
                                  "--no-dashboard", "--host", "127.0.0.1"], **quiet)  # fmt: skip
            )
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def speed(args) -> None:
    files = sum(1 for p in args.folder.iterdir() if p.is_file())
    print(f"{files} files, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; median of {args.repeat} whole processes")
    runs = [("--jobs 1", ["--jobs", "1"], None), ("--jobs 2", ["--jobs", "2"], None)]
    if args.old:
        runs.insert(0, ("old code", [], args.old))
    baseline = None
    with dask_cluster(2) if args.dask else _nothing() as address:
        if address:
            runs.append(("dask, 2 workers", ["--dask", address], None))
        for command in args.commands:
            times: dict[str, list[float]] = {label: [] for label, _, _ in runs}
            for _ in range(args.repeat):  # interleaved, so that the machine's drift touches every variant alike
                for label, extra, pythonpath in runs:
                    env = {**os.environ, "PYTHONPATH": pythonpath} if pythonpath else None
                    argv = [*analysis_argv(pythonpath), COMMANDS[command][0], str(args.folder.resolve()), *COMMANDS[command][1:]]
                    # another checkout runs from its own folder: `python -m` puts the working folder first on sys.path
                    times[label].append(measure([*argv, *extra], env, cwd=pythonpath)[0])
            for label, _, _ in runs:
                seconds = statistics.median(times[label])
                baseline = seconds if label == "--jobs 1" else baseline
                print(f"analysis {command:<9} {label:<16} {seconds:6.2f} s  {files / seconds:7.1f} articles/s  "
                      f"runs {', '.join(f'{t:.2f}' for t in times[label])}")  # fmt: skip
            baseline = None


@contextmanager
def _nothing():
    yield None


def memory(args) -> None:
    print(f"peak memory of whole processes (process and children), {os.cpu_count()} CPUs")
    for copies in args.copies:
        with linked_corpus(args.folder, copies) as folder:
            files = sum(1 for _ in folder.iterdir())
            for command in args.commands:
                for jobs in args.jobs:
                    argv = [*analysis_argv(), COMMANDS[command][0], str(folder), *COMMANDS[command][1:], "--jobs", str(jobs)]
                    seconds, rss, pss = measure(argv)
                    print(f"{files:6d} articles  analysis {' '.join(COMMANDS[command]):<28} --jobs {jobs}  "
                          f"{seconds:7.1f} s  {files / seconds:6.1f} articles/s  peak RSS {rss:6.1f} MB  PSS {pss:6.1f} MB")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("speed", help="articles/s for --jobs 1, --jobs 2 and a two-worker Dask cluster")
    one.add_argument("folder", type=Path)
    one.add_argument("--commands", nargs="+", choices=sorted(COMMANDS), default=["quotes"])
    one.add_argument("--repeat", type=int, default=3)
    one.add_argument("--no-dask", dest="dask", action="store_false", help="skip the Dask cluster")
    one.add_argument("--old", metavar="CHECKOUT", help="also time the code of another checkout (its PYTHONPATH)")
    two = sub.add_parser("memory", help="peak memory at several corpus sizes")
    two.add_argument("folder", type=Path)
    two.add_argument("--copies", nargs="+", type=int, default=[1, 6, 24])
    two.add_argument("--commands", nargs="+", choices=sorted(COMMANDS), default=["quotes", "tone", "positions"])
    two.add_argument("--jobs", nargs="+", type=int, default=[2])
    args = parser.parse_args(argv)
    speed(args) if args.what == "speed" else memory(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
