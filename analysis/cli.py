"""The ``analysis`` command: parses arguments, calls the library, prints.

Subcommands: ``quotes``, ``tone``, ``positions``, ``evaluate``, ``report``.
Every :class:`~analysis.errors.AnalysisError` becomes a one-line message and
exit status 1; a batch goes on past a bad article and lists the failures.
Heavy libraries (pandas, papermill) are imported only by the subcommands that
need them, so ``analysis quotes`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import nullcontext

from .errors import AnalysisError
from .records import LoadFailure


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or glob patterns")
    parser.add_argument("--encoding", help="text encoding of the inputs when they are not UTF-8 (e.g. cp1252)")
    parser.add_argument("--sides", metavar="FILE", help="JSON or TSV file mapping speaker names or words to sides")
    parser.add_argument(
        "--max-size",
        type=_megabytes,
        default=None,
        metavar="MB",
        help="refuse an article larger than MB megabytes (default 10; memory grows with the article)",
    )


def _megabytes(value: str) -> int:
    """``--max-size`` in bytes, from a positive number of megabytes (part of the common input options)."""
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = 0.0
    if not 0 < megabytes < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of megabytes, got {value!r}")
    return int(megabytes * 1_000_000)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="analysis", description="Who said what in news articles, and how.")
    sub = parser.add_subparsers(dest="command", required=True)

    quotes = sub.add_parser("quotes", help="find quotes and their speakers; one JSON line per article")
    _add_input_options(quotes)
    quotes.add_argument("--jsonl", metavar="OUT", help="write the JSON lines to OUT instead of standard output")

    tone = sub.add_parser("tone", help="tone of every quote")
    _add_input_options(tone)
    tone.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    tone.add_argument("--topics", metavar="FILE", help="topic lexicon to use instead of the shipped one")

    positions = sub.add_parser("positions", help="stated positions per speaker and topic")
    _add_input_options(positions)
    positions.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    positions.add_argument("--topics", metavar="FILE", help="topic lexicon to use instead of the shipped one")

    evaluate = sub.add_parser("evaluate", help="measure attribution (PolNeAR) or tone (rated sentences)")
    target = evaluate.add_mutually_exclusive_group(required=True)
    target.add_argument("--polnear", metavar="DIR", help="a PolNeAR-format split folder with text/ and attributions/")
    target.add_argument("--tone", metavar="TSV", help="rated sentences: id, rating on -4..+4, sentence")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")

    report = sub.add_parser("report", help="execute a report notebook with papermill and write HTML")
    report.add_argument("paths", nargs="+", metavar="PATH", help="article files (or, for --template corpus, folders/globs)")
    report.add_argument(
        "--template",
        default="article",
        metavar="NAME|FILE",
        help="article (one report per article, default), corpus (one per folder/glob/table), tutorial, or a .ipynb path",
    )
    report.add_argument("--out", default="reports", metavar="DIR", help="output folder (default: reports/)")
    report.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="a notebook parameter"
    )
    report.add_argument("--format", choices=("html", "ipynb"), default="html")
    report.add_argument(
        "--show-code", action="store_true", default=None, help="keep code cells in the HTML (the tutorial always does)"
    )
    return parser


def _attributed(args) -> Iterator[tuple[str, object]]:
    """(name, AttributedArticle or LoadFailure) for every input, failures included."""
    from .attribution import attribute
    from .load import MAX_BYTES, Skipped, iter_corpus
    from .speakers import read_sides

    sides = read_sides(args.sides) if args.sides else None
    for item in iter_corpus(args.paths, encoding=args.encoding, max_bytes=args.max_size or MAX_BYTES, with_skipped=True):
        if isinstance(item, Skipped):  # a note, not a failure: a folder's other files do not change the exit status
            print(f"analysis: note: {item.source}: {item.reason}", file=sys.stderr)
            continue
        if isinstance(item, LoadFailure):
            yield item.source, item
            continue
        try:
            yield item.name, attribute(item, sides=sides)
        except AnalysisError as error:
            yield item.name, LoadFailure(item.name, str(error), type(error).__name__)


def _report_failures(failures: list[LoadFailure], total: int) -> int:
    for failure in failures:
        print(f"analysis: {failure.source}: {failure.error}", file=sys.stderr)
    if failures:
        print(f"analysis: {len(failures)} of {total} inputs failed; the rest were processed", file=sys.stderr)
    return 1 if failures else 0


def _run_quotes(args) -> int:
    from .attribution import quotes_json

    failures, total = [], 0
    with open(args.jsonl, "w", encoding="utf-8") if args.jsonl else nullcontext(sys.stdout) as out:
        for _, result in _attributed(args):
            total += 1
            if isinstance(result, LoadFailure):
                failures.append(result)
            else:
                out.write(json.dumps(quotes_json(result), ensure_ascii=False) + "\n")
    return _report_failures(failures, total)


def _rows_command(args, make_rows: Callable[..., list[dict]], columns: tuple[str, ...]) -> int:
    failures, rows, total = [], [], 0
    for name, result in _attributed(args):
        total += 1
        if isinstance(result, LoadFailure):
            failures.append(result)
            continue
        rows.extend({"file": name, **row} for row in make_rows(result, topics=args.topics))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _print_table(rows, ("file", *columns))
    return _report_failures(failures, total)


def _print_table(rows: list[dict], columns: tuple[str, ...]) -> None:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        print(frame.to_string(index=False) if len(frame) else "(no rows)")


def _run_tone(args) -> int:
    from .tone import tone_rows

    return _rows_command(args, tone_rows, ("speaker", "side", "cue", "cue_stance", "compound", "markers", "content"))


def _run_positions(args) -> int:
    from .positions import position_rows

    return _rows_command(args, position_rows, ("speaker", "side", "topic", "stance", "quantities", "evidence"))


def _run_evaluate(args) -> int:
    from .evaluate import evaluate_polnear, evaluate_tone

    result = evaluate_polnear(args.polnear) if args.polnear else evaluate_tone(args.tone)
    print(json.dumps(result.as_dict(), indent=1) if args.json else result.format_table())
    return 0


def _run_report(args) -> int:
    from .report import run_reports

    batch = run_reports(
        args.paths,
        template=args.template,
        out=args.out,
        parameters=dict(args.parameter),
        fmt=args.format,
        show_code=args.show_code,
    )
    for written in batch.written:
        print(written)
    return _report_failures(list(batch.failures), batch.total)


COMMANDS = {
    "quotes": _run_quotes,
    "tone": _run_tone,
    "positions": _run_positions,
    "evaluate": _run_evaluate,
    "report": _run_report,
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``analysis`` console command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except AnalysisError as error:
        print(f"analysis: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("analysis: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
