"""Throughput and peak memory of the ``analysis`` command over a folder of articles.

Runs each command as a whole process (start-up and imports included, as a
user runs it), ``--repeat`` times, and prints articles/s, characters/s and the
peak resident memory of the child process; then, in this process, the time
spent in each pipeline stage.

    .venv/bin/python benchmarks/throughput.py ../shared/polnear/train/text
    .venv/bin/python benchmarks/throughput.py FOLDER --commands quotes tone positions --repeat 3

Figures are printed, never asserted: speed is measured here, not in tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = {  # one job each: the single-process figures (benchmarks/scaling.py measures --jobs and Dask)
    "quotes": ["quotes", "--jsonl", os.devnull, "--jobs", "1"],
    "tone": ["tone", "--json", "--jobs", "1"],
    "positions": ["positions", "--json", "--jobs", "1"],
    "speakers": ["speakers", "--json", "--jobs", "1"],
}


def _analysis_executable() -> list[str]:
    local = Path(sys.executable).with_name("analysis")
    if local.exists():
        return [str(local)]
    found = shutil.which("analysis")
    return [found] if found else [sys.executable, "-m", "analysis.cli"]


def run_command(command: str, folder: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one whole ``analysis <command>`` process."""
    argv = [*_analysis_executable(), COMMANDS[command][0], str(folder), *COMMANDS[command][1:]]
    start = time.perf_counter()
    pid = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).pid
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def stage_times(folder: Path) -> dict[str, float]:
    """Seconds spent per stage in this process (after imports), summed over the folder."""
    from analysis.attribution import attribute
    from analysis.load import iter_corpus
    from analysis.records import LoadFailure

    try:
        from analysis.positions import find_positions
        from analysis.tone import tone_rows
    except ImportError:  # tone/positions not built yet
        find_positions = tone_rows = None
    from analysis.mentions import find_mentions
    from analysis.tokenize import tokenize

    totals = dict.fromkeys(("load", "attribute", "of which tokenize", "of which mentions", "tone", "positions"), 0.0)
    start = time.perf_counter()
    articles = [a for a in iter_corpus([folder]) if not isinstance(a, LoadFailure)]
    totals["load"] = time.perf_counter() - start
    for article in articles:
        t0 = time.perf_counter()
        attributed = attribute(article)
        t1 = time.perf_counter()
        totals["attribute"] += t1 - t0
        tokens = tokenize(article)
        t_tok = time.perf_counter()
        find_mentions(tokens, title_end=article.body_start)
        totals["of which tokenize"] += t_tok - t1
        totals["of which mentions"] += time.perf_counter() - t_tok
        t1 = time.perf_counter()
        if tone_rows is not None:
            tone_rows(attributed)
            t2 = time.perf_counter()
            find_positions(attributed)
            totals["tone"] += t2 - t1
            totals["positions"] += time.perf_counter() - t2
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of article files")
    parser.add_argument("--commands", nargs="+", choices=sorted(COMMANDS), default=["quotes"])
    parser.add_argument("--repeat", type=int, default=3, help="runs per command; the median is reported")
    parser.add_argument("--no-stages", action="store_true", help="skip the in-process per-stage timing")
    args = parser.parse_args(argv)

    files = [p for p in sorted(args.folder.iterdir()) if p.is_file()]
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files)
    print(f"{len(files)} files, {chars:,} characters, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    baseline = None
    for command in args.commands:
        runs = [run_command(command, args.folder) for _ in range(args.repeat)]
        seconds = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        baseline = baseline or seconds
        print(
            f"analysis {command:<10} {seconds:6.2f} s  {len(files) / seconds:7.1f} articles/s  "
            f"{chars / seconds / 1e6:5.2f} M chars/s  peak {peak:6.1f} MB  "
            f"({seconds / baseline:.2f}x {args.commands[0]})"
        )
    if not args.no_stages:
        totals = stage_times(args.folder)
        print("in-process stage times: " + ", ".join(f"{k} {v:.2f} s" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
