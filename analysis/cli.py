"""The ``analysis`` command: parses arguments, calls the library, prints.

Subcommands: ``quotes``, ``tone``, ``positions``, ``speakers``, ``network``, ``evaluate``, ``report``.
The corpus commands run through :func:`analysis.streams.run_corpus` (``--jobs``,
``--dask``) and write through :mod:`analysis.output`; output paths are checked
before any work starts.
Every :class:`~analysis.errors.AnalysisError` becomes a one-line message and
exit status 1; a batch goes on past a bad article and lists the failures.
Heavy libraries (pandas, papermill) are imported only by the subcommands that
need them, so ``analysis quotes`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path

from . import __version__
from .errors import AnalysisError, OutputError
from .records import LoadFailure


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or glob patterns")
    parser.add_argument("--encoding", help="text encoding of the inputs when they are not UTF-8 (e.g. cp1252)")
    parser.add_argument("--sides", metavar="FILE", help="JSON or TSV file mapping speaker names or words to sides")
    parser.add_argument(
        "--speakers", metavar="FILE", help="your speakers file (name, aliases, side, kind) for what the articles leave open"
    )
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


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    """Where the articles are analysed: worker processes of this machine, or a Dask cluster."""
    parser.add_argument(
        "--jobs", type=_positive, metavar="N", help="worker processes (default: all cores; 1: in this process)"
    )
    parser.add_argument(
        "--dask", metavar="ADDRESS", help="run on a running dask.distributed scheduler, e.g. tcp://127.0.0.1:8786"
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _add_parquet_option(parser: argparse.ArgumentParser, rows: str) -> None:
    parser.add_argument("--parquet", metavar="FILE", help=f"also write the table to FILE as Parquet, one row per {rows}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="analysis", description="Who said what in news articles, and how.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_quotes_command(sub)
    _add_tone_command(sub)
    _add_positions_command(sub)
    _add_speakers_command(sub)
    _add_network_command(sub)
    _add_evaluate_command(sub)
    _add_report_command(sub)
    return parser


def _add_quotes_command(sub) -> None:
    """The ``quotes`` subcommand: quotes and their speakers."""
    quotes = sub.add_parser(
        "quotes", help="find quotes and their speakers: a table on a terminal, else one JSON line per article"
    )
    _add_input_options(quotes)
    _add_run_options(quotes)
    quotes.add_argument(
        "--jsonl", nargs="?", const="-", metavar="OUT", help="JSON lines, one per article, to OUT (default: standard output)"
    )
    quotes.add_argument("--json", action="store_true", help="JSON lines on standard output (as --jsonl)")
    _add_parquet_option(quotes, "quote")


def _add_tone_command(sub) -> None:
    """The ``tone`` subcommand: the tone of every quote."""
    tone = sub.add_parser("tone", help="tone of every quote")
    _add_input_options(tone)
    _add_run_options(tone)
    tone.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    tone.add_argument("--explain", action="store_true", help="show under each row the words that moved its tone")
    tone.add_argument("--topics", metavar="FILE", help="topic lexicon to use instead of the shipped one")
    _add_parquet_option(tone, "quote")


def _add_positions_command(sub) -> None:
    """The ``positions`` subcommand: stated positions."""
    positions = sub.add_parser("positions", help="stated positions per speaker and topic")
    _add_input_options(positions)
    _add_run_options(positions)
    positions.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    positions.add_argument(
        "--topics", metavar="FILE|auto",
        help="topic lexicon to use (default: the shipped one the corpus names most); auto: topics proposed from the corpus",
    )
    positions.add_argument("--write-topics", metavar="FILE", help="also write the topics used as a topic file to review and pass back")
    _add_parquet_option(positions, "position")


def _add_speakers_command(sub) -> None:
    """The ``speakers`` subcommand: the corpus's speakers."""
    speakers = sub.add_parser("speakers", help="the speakers of a corpus, one row per person, most quoted first")
    _add_input_options(speakers)
    _add_run_options(speakers)
    speakers.add_argument("--json", action="store_true", help="print the speakers and the merges as JSON")
    _add_parquet_option(speakers, "speaker")


def _add_network_command(sub) -> None:
    """The ``network`` subcommand: the discourse network."""
    network = sub.add_parser("network", help="the discourse network: actors, the concepts they take stances on (GraphML or CSV)")
    _add_input_options(network)
    _add_run_options(network)
    network.add_argument("--topics", metavar="FILE", help="topic lexicon to use instead of the shipped one")
    network.add_argument(
        "--format", default="graphml", metavar="graphml|csv",
        help="graphml: actor and concept nodes, stance edges (Gephi, visone, networkx); csv: one row per statement, DNA's columns",
    )  # fmt: skip; checked by analysis.network.check_format, an AnalysisError in one line
    network.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")


def _add_evaluate_command(sub) -> None:
    """The ``evaluate`` subcommand: attribution and tone measured against annotations."""
    evaluate = sub.add_parser("evaluate", help="measure attribution (PolNeAR) or tone (rated sentences)")
    target = evaluate.add_mutually_exclusive_group(required=True)
    target.add_argument("--polnear", metavar="DIR", help="a PolNeAR-format split folder with text/ and attributions/")
    target.add_argument("--tone", metavar="TSV", help="rated sentences: id, rating on -4..+4, sentence")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")


def _add_report_command(sub) -> None:
    """The ``report`` subcommand: reports from notebooks."""
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


def _note_skipped(item) -> None:
    """A file a folder holds that is no article: a note on standard error, which does not change the exit status."""
    print(f"analysis: note: {item.source}: {item.reason}", file=sys.stderr)


def _report_failures(failures: list[LoadFailure], total: int) -> int:
    for failure in failures:
        print(f"analysis: {failure.source}: {failure.error}", file=sys.stderr)
    if failures:
        print(f"analysis: {len(failures)} of {total} inputs failed; the rest were processed", file=sys.stderr)
    return 1 if failures else 0


# --- commands over a corpus: quotes, tone, positions, speakers ---
# Each is a table of analysis.streams.TABLES and the outputs it can go to; adding a
# command is a table there, a parser above, and an entry in TEXT_TABLES and COMMANDS.


def _text_table(table: str, args, stream):
    """The table a person reads, for ``table``, fitted to the terminal."""
    from .output import Cell, TextTable, show_list, show_markers, show_speaker

    who = (Cell("speaker", "speaker", weight=2, minimum=10, show=show_speaker), Cell("side", "side", minimum=7))
    if table == "quotes":
        cells = (Cell("quote", "#", 3, right=True), *who, Cell("kind", "kind", 8), Cell("text", "quote", weight=5, minimum=20))
        flatten = lambda line: ({"file": line["file"], **q} for q in line["quotes"])  # noqa: E731
        return TextTable(stream, cells, group="file", flatten=flatten, empty="(no quotes)")
    if table == "tone":
        cells = (
            Cell("quote", "#", 3, right=True), *who, Cell("cue", "cue", 10), Cell("cue_stance", "stance", 11),
            Cell("compound", "tone", 5, right=True), Cell("markers", "markers", minimum=10, show=show_markers),
            Cell("content", "quote", weight=4, minimum=20),
        )  # fmt: skip
        note = (lambda row: row.get("explanation")) if args.explain else None
        return TextTable(stream, cells, group="file", note=note)
    if table == "positions":
        cells = (
            Cell("quote", "#", 3, right=True), *who, Cell("topic", "topic", weight=1, minimum=8), Cell("stance", "stance", 8),
            Cell("quantities", "quantities", minimum=8, show=show_list), Cell("evidence", "evidence", weight=4, minimum=20),
        )  # fmt: skip
        return TextTable(stream, cells, group="file")
    cells = (
        Cell("name", "name", weight=2, minimum=12), Cell("kind", "kind", 12), Cell("side", "side", minimum=8),
        Cell("articles", "articles", 8, right=True), Cell("quotes", "quotes", 6, right=True),
        Cell("roles", "roles", weight=2, minimum=10, show=show_list), Cell("aliases", "aliases", minimum=8, show=show_list),
    )  # fmt: skip
    return TextTable(stream, cells, empty="(no speakers)")


def _output_plan(args, table: str) -> list[tuple[str, str]]:
    """(format, destination) of every output asked for, each destination checked before any work."""
    plan = []
    if table == "quotes":
        if args.jsonl is not None or args.json:
            plan.append(("jsonl", args.jsonl or "-"))
        elif args.parquet is None:
            plan.append(("text" if sys.stdout.isatty() else "jsonl", "-"))  # pipes and scripts keep JSON lines
    elif args.json:
        plan.append(("json", "-"))
    elif args.parquet is None:
        plan.append(("text", "-"))
    if args.parquet is not None:
        plan.append(("parquet", args.parquet))
    for fmt, destination in plan:
        option = {"jsonl": "--jsonl", "parquet": "--parquet"}.get(fmt)
        if option and destination != "-":
            _check_destination(args, option, destination, f"quotes.{fmt}")
    return plan


def _check_destination(args, option: str, destination: str, example: str) -> None:
    """Refuse, before any work, an output file that is one of the inputs, an article file, or not writable."""
    from .output import check_output_file

    inputs = {Path(p).resolve() for p in args.paths if Path(p).is_file()}
    if Path(destination).resolve() in inputs:
        raise OutputError(f"{option} {destination}: is one of the inputs; give the output file right after {option}")
    if Path(destination).suffix.lower() in (".txt", ".md") and Path(destination).is_file():
        raise OutputError(
            f"{option} {destination}: is an article file, not written over; "
            f"give a new file right after {option} (e.g. {option} {example})"
        )
    check_output_file(destination, option)


def _open_writer(fmt: str, destination: str, table: str, run, args, opened: list):
    from . import output

    stream = sys.stdout
    if fmt != "parquet" and destination != "-":
        stream = open(destination, "w", encoding="utf-8", newline="\n")
        opened.append(stream)
    if fmt == "jsonl":
        return output.JsonLines(stream)
    if fmt == "json" and table == "speakers":
        from .streams import merge_rows

        merges = json.dumps(merge_rows(run.index), ensure_ascii=False)
        return output.JsonList(stream, opening='{"speakers": [', closing=f'], "merges": {merges}}}\n')
    if fmt == "json":
        return output.JsonList(stream)
    if fmt == "parquet":
        return output.ParquetFile(destination, run.table)
    return _text_table(table, args, stream)


def _dask_client(address: str):
    try:
        from distributed import Client
    except ImportError as error:
        raise AnalysisError("--dask needs dask.distributed; install it with: pip install 'analysis[dask]'") from error
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise AnalysisError(f"--dask {address}: no scheduler answers there ({error}); start one with 'dask scheduler'") from error


def _run_table(args, table: str) -> int:
    from .corpus import read_speakers
    from .speakers import read_sides
    from .streams import run_corpus

    plan = _output_plan(args, table)
    sides = read_sides(args.sides) if args.sides else None
    known = read_speakers(args.speakers) if getattr(args, "speakers", None) else ()
    topics = None
    if getattr(args, "topics", None) and not (table == "positions" and args.topics == "auto"):
        from .tone import read_topics

        topics = read_topics(args.topics)
    client = _dask_client(args.dask) if args.dask else None
    with client if client is not None else nullcontext():
        if table == "positions":
            topics = _position_topics(args, topics, sides, client)
        with run_corpus(
            args.paths, table, jobs=args.jobs, client=client, sides=sides, topics=topics, encoding=args.encoding,
            known=known, max_bytes=getattr(args, "max_size", None), on_skip=_note_skipped,
        ) as run:
            opened: list = []
            try:
                writers = [_open_writer(fmt, destination, table, run, args, opened) for fmt, destination in plan]
                for text, row in run.rows():
                    for writer in writers:
                        writer.write(text, row)
                for writer in writers:
                    writer.close()
            finally:
                for stream in opened:
                    stream.close()
            if table == "speakers" and any(fmt == "text" for fmt, _ in plan):
                _print_merges(run.index)
            return _report_failures(run.failures, run.total)


def _position_topics(args, topics, sides, client):
    """The topics ``analysis positions`` reads the corpus with: the file given, automatic ones, or the shipped
    lexicon the corpus names most; written to ``--write-topics`` when asked."""
    from .positions.auto import corpus_topics, write_topics
    from .positions.topics import corpus_lexicon

    source = args.topics
    if args.topics == "auto":
        topics, source = corpus_topics(args.paths, jobs=args.jobs, client=client, sides=sides, encoding=args.encoding,
                                       max_bytes=getattr(args, "max_size", None)), "automatic topics of the corpus"
        if not topics:
            raise AnalysisError("--topics auto: no phrase recurs in what several speakers say; give a topic file with --topics FILE")
    elif topics is None:
        topics, source = corpus_lexicon(args.paths, encoding=args.encoding, max_bytes=getattr(args, "max_size", None))
    if args.write_topics:
        write_topics(topics, args.write_topics, source=str(source))
    return topics


def _print_merges(index) -> None:
    from .streams import merge_rows

    merges = merge_rows(index)
    if merges:
        print("\nmerged spellings:")
        for merge in merges:
            print(f"  {merge['name']} ← {', '.join(merge['merged'])}")


def _run_quotes(args) -> int:
    return _run_table(args, "quotes")


def _run_tone(args) -> int:
    return _run_table(args, "tone")


def _run_positions(args) -> int:
    return _run_table(args, "positions")


def _run_speakers(args) -> int:
    return _run_table(args, "speakers")


def _run_network(args) -> int:
    """``analysis network``: the positions of the corpus (as ``analysis positions`` finds them) as a network."""
    from . import network
    from .corpus import read_speakers
    from .speakers import read_sides
    from .streams import run_corpus

    fmt = network.check_format(args.format)
    if args.out is not None:
        _check_destination(args, "--out", args.out, f"network.{fmt}")
    sides = read_sides(args.sides) if args.sides else None
    known = read_speakers(args.speakers) if args.speakers else ()
    topics = None
    if args.topics:
        from .tone import read_topics

        topics = read_topics(args.topics)
    client = _dask_client(args.dask) if args.dask else None
    with client if client is not None else nullcontext():
        with run_corpus(
            args.paths, network.NETWORK_TABLE, jobs=args.jobs, client=client, sides=sides, topics=topics,
            encoding=args.encoding, known=known, max_bytes=args.max_size, on_skip=_note_skipped,
        ) as run:  # fmt: skip
            found = network.run_statements(run.rows())
            with open(args.out, "w", encoding="utf-8", newline="\n") if args.out else nullcontext(sys.stdout) as stream:
                if fmt == "csv":
                    network.write_csv(found, stream)
                else:
                    network.write_graphml(network.graph(list(found), kinds=network.index_kinds(run.index)), stream)
            return _report_failures(run.failures, run.total)


def _run_evaluate(args) -> int:
    from .evaluate import evaluate_polnear, evaluate_tone

    result = evaluate_polnear(args.polnear) if args.polnear else evaluate_tone(args.tone)
    print(json.dumps(result.as_dict(), indent=1) if args.json else result.format_table())
    return 0


def _run_report(args) -> int:
    from .output import check_output_folder
    from .report import run_reports

    check_output_folder(args.out, "--out")

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
    "speakers": _run_speakers,
    "network": _run_network,
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
