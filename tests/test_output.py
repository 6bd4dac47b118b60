"""Output writers and checks: paths refused before work, JSON that parses, Parquet equal to JSON, tables that fit."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import tempfile
from pathlib import Path

import pytest

from analysis import SEED_ARTICLE
from analysis.errors import OutputError
from analysis.output import Cell, JsonLines, JsonList, ParquetFile, TextTable, check_output_file, check_output_folder
from analysis.streams import TABLES, flat_row, run_corpus

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = [FIXTURES / "corpus", FIXTURES / "batch", SEED_ARTICLE]
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d, "is a folder"),
        (lambda d: d / "missing" / "out.jsonl", "does not exist; create it first"),
        (lambda d: (d / "file.txt", (d / "file.txt").write_text("x"))[0] / "out.jsonl", "is not a folder"),
    ],
    ids=["folder", "missing-parent", "parent-is-a-file"],
)
def test_unwritable_output_files_are_refused(tmp_path, make, message):
    with pytest.raises(OutputError, match=message):
        check_output_file(make(tmp_path), "--jsonl")


@pytest.mark.parametrize("make", [lambda d: d / "new.jsonl", lambda d: (d / "old.jsonl", (d / "old.jsonl").write_text("x"))[0]])
def test_writable_output_files_pass_and_are_left_as_they_were(tmp_path, make):
    path = make(tmp_path)
    before = path.read_text() if path.exists() else None
    check_output_file(path, "--jsonl")
    assert (path.read_text() if path.exists() else None) == before


def test_a_fifo_or_standard_output_is_a_stream(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    check_output_file(tmp_path / "pipe", "--jsonl")  # must not open it (that would wait for a reader)
    check_output_file("-", "--jsonl")


def _as_nobody(target, path, option, queue):
    os.setgid(65534)
    os.setuid(65534)
    try:
        target(path, option)
        queue.put(None)
    except OutputError as error:
        queue.put(str(error))


@pytest.mark.parametrize("which", ["read-only file", "read-only folder", "read-only reports folder"])
def test_read_only_places_are_refused(which):
    """Root may write anywhere, so the check runs as an unprivileged user where the tests run as root."""
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "old.jsonl").write_text("x")
        os.chmod(folder / "old.jsonl", 0o444)
        os.chmod(folder, 0o555)
        target, path = {
            "read-only file": (check_output_file, folder / "old.jsonl"),
            "read-only folder": (check_output_file, folder / "new.jsonl"),
            "read-only reports folder": (check_output_folder, folder / "reports"),
        }[which]
        if os.geteuid() != 0:
            with pytest.raises(OutputError, match="cannot") as raised:
                target(path, "--out")
            return
        queue = multiprocessing.get_context("fork").Queue()
        child = multiprocessing.get_context("fork").Process(target=_as_nobody, args=(target, path, "--out", queue))
        child.start()
        message = queue.get(timeout=30)
        child.join()
        assert message and "cannot" in message and "permission denied" in message
    finally:
        os.chmod(folder, 0o755)
        os.chmod(folder / "old.jsonl", 0o644)
        (folder / "old.jsonl").unlink()
        folder.rmdir()


def test_an_output_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "reports").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_output_folder(tmp_path / "reports", "--out")
    check_output_folder(tmp_path / "new" / "deeper", "--out")  # created later, as report does


@pytest.mark.parametrize("rows", [[], [{"a": 1}], [{"a": 1}, {"b": [1, None]}, {"c": "“é”"}]])
def test_json_list_parses(rows):
    out = io.StringIO()
    writer = JsonList(out)
    for row in rows:
        writer.write(json.dumps(row, ensure_ascii=False), row)
    writer.close()
    assert json.loads(out.getvalue()) == rows


@pytest.mark.parametrize("table", sorted(TABLES))
def test_parquet_rows_equal_json_rows(tmp_path, table):
    pq = pytest.importorskip("pyarrow.parquet")
    out, lines = tmp_path / f"{table}.parquet", io.StringIO()
    with run_corpus(CORPUS, table, jobs=1, progress=False) as run:
        writers = [ParquetFile(out, run.table, row_group=3), JsonLines(lines)]
        for text, row in run.rows():
            for writer in writers:
                writer.write(text, row)
        for writer in writers:
            writer.close()
    spec = TABLES[table]
    expected = [flat_row(spec, f) for line in lines.getvalue().splitlines() for f in spec.flat(json.loads(line))]
    read = pq.read_table(out)
    assert expected and read.to_pylist() == expected
    groups = pq.ParquetFile(out).num_row_groups
    assert groups >= 2 if len(expected) > 3 else groups == 1  # written as it went, a group each 3 rows or more


@pytest.mark.parametrize("width", [40, 80, 150])
def test_text_tables_fit_the_width_and_cut_no_word(width):
    text = "We came here to find a fair share of the water for every farm in the valley, said the councillor"
    out = io.StringIO()
    table = TextTable(out, (Cell("n", "#", 3, right=True), Cell("who", "speaker", weight=2), Cell("text", "quote", weight=5)), width=width)
    table.write("", {"n": 1, "who": "Jana Roe", "text": text})
    table.close()
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    quote_column = lines[1].index("We")
    words = " ".join(line[quote_column:].strip() for line in lines[1:])
    assert words == text


def test_the_readme_documents_every_column():
    readme = README.read_text(encoding="utf-8")
    for name, table in TABLES.items():
        section = readme.split(f"<!-- columns: {name} -->", 1)[1].split("<!-- end -->", 1)[0]
        documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
        assert documented == [c.name for c in table.columns], name
