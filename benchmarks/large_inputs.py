"""Time and peak memory of ``analysis quotes`` on large and pathological articles.

Writes the inputs into a temporary folder, runs each through the command as a
whole process (imports included, as a user runs it) and prints its wall time
and peak resident memory. Issue 10's bar: the 300 KB article of 100,000
quotation marks and the 5 MB article each in at most 15 s and 600 MB.

    .venv/bin/python benchmarks/large_inputs.py
    .venv/bin/python benchmarks/large_inputs.py --command tone --json   # any subcommand and its options
    .venv/bin/python benchmarks/large_inputs.py --huge                  # adds a 50 MB article (--max-size 60)

Figures are printed, never asserted: speed is measured here, not in tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "istanbul-pow-exchange.txt"
MARKS = 100_000


def _prose(size: int) -> str:
    """About ``size`` bytes of article-like text: the seed's paragraphs with numbered variations, a title first."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n")[2:]
    out, total, n = ["A very long article", ""], 0, 0
    while total < size:
        for paragraph in paragraphs:
            line = paragraph.replace("1,200", f"{1200 + n:,}")
            out.append(line)
            total += len(line.encode("utf-8")) + 1
            n += 1
    return "\n".join(out) + "\n"


INPUTS = {
    # name: (description, text maker)
    "marks-pairs": ("300 KB, 100,000 curly marks “” in one paragraph", lambda: "Marks\n\n" + "“”" * (MARKS // 2)),
    "marks-open": ("300 KB, 100,000 opening marks “ (each one unclosed)", lambda: "Marks\n\n" + "“" * MARKS),
    "marks-straight": ("200 KB, 100,000 straight marks around words", lambda: "Marks\n\n" + " ".join('"a"' for _ in range(MARKS // 2))),
    "marks-lead-in": ("500 KB, one cue, then 50,000 quoted words", lambda: "Marks\n\nSmith said " + "a “b” " * (MARKS // 2)),
    "prose-5mb": ("5 MB article of news prose", lambda: _prose(5_000_000)),
}
HUGE = {"prose-50mb": ("50 MB article of news prose (run with --max-size 60)", lambda: _prose(50_000_000))}


def _analysis_executable() -> list[str]:
    local = Path(sys.executable).with_name("analysis")
    if local.exists():
        return [str(local)]
    found = shutil.which("analysis")
    return [found] if found else [sys.executable, "-m", "analysis.cli"]


def run(argv: list[str], timeout: float) -> tuple[float, float, int | str]:
    """(seconds, peak RSS in MB, exit status or "killed") of one whole process, killed after ``timeout`` seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout and not killed:
            process.kill()
            killed = True
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    process.returncode = 0  # reaped here, not by Popen
    code = "killed" if killed else os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, code  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--command", default="quotes", help="the analysis subcommand (default: quotes)")
    parser.add_argument("--huge", action="store_true", help="also a 50 MB article")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped (default 600)")
    parser.add_argument("--only", nargs="*", default=None, metavar="NAME", help=f"only these inputs ({', '.join([*INPUTS, *HUGE])})")
    args, extra = parser.parse_known_args(argv)
    inputs = {**INPUTS, **(HUGE if args.huge else {})}
    if args.only:
        inputs = {name: inputs[name] for name in args.only}
    command = [*_analysis_executable(), args.command]
    print(f"analysis {args.command} {' '.join(extra)}, whole process, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        for name, (description, make) in inputs.items():
            path = Path(folder) / f"{name}.txt"
            path.write_text(make(), encoding="utf-8")
            size = path.stat().st_size
            options = ["--max-size", str(size // 1_000_000 + 10)] if size > 10_000_000 else []
            seconds, peak, status = run([*command, str(path), *options, *extra], args.timeout)
            print(f"{name:15} {size / 1e6:6.2f} MB  {seconds:7.2f} s  peak {peak:7.1f} MB  exit {status}   {description}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
