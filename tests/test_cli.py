"""Tests for the ``analysis`` command: output formats, batches and bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import SEED_ARTICLE
from analysis.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def run_quotes(capsys, *paths) -> tuple[int, list[dict], str]:
    status = main(["quotes", *map(str, paths)])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_quotes_jsonl_shape_and_offsets_on_the_seed(tmp_path):
    out = tmp_path / "q.jsonl"
    assert main(["quotes", str(SEED_ARTICLE), "--jsonl", str(out)]) == 0
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["file"] == "istanbul-pow-exchange.txt"
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert len(line["quotes"]) >= 11
    for quote in line["quotes"]:
        assert set(quote) >= {"kind", "speaker", "side", "cue", "sources", "contents"}
        assert quote["kind"] in ("direct", "indirect", "mixed")
        for start, end in quote["contents"] + quote["cue"] + quote["sources"]:
            assert 0 <= start < end <= len(text)
    said = [q for q in line["quotes"] if q["cue"] and text[slice(*q["cue"][0])] == "claimed"]
    assert said and said[0]["speaker"] == "Vladimir Medinsky" and said[0]["side"] == "Russia"


def test_a_batch_goes_on_past_bad_files_and_lists_them(tmp_path, capsys):
    write(tmp_path, "a-good.txt", "“We will return,” Defence Minister Anna Berg said.")
    write(tmp_path, "b-empty.txt", b"")
    write(tmp_path, "c-binary.txt", b"\x00\x01\x02\x03" * 100)
    write(tmp_path, "d-latin1.txt", "Le ministre a déclaré «non».".encode("latin-1"))
    write(tmp_path, "e-good.txt", "Officials said the talks would resume.")
    status, lines, err = run_quotes(capsys, tmp_path)
    assert status == 1
    assert [line["file"] for line in lines] == ["a-good.txt", "e-good.txt"]
    assert lines[0]["quotes"][0]["speaker"] == "Anna Berg"
    for name, reason in [("b-empty.txt", "empty"), ("c-binary.txt", "binary"), ("d-latin1.txt", "UTF-8")]:
        assert name in err and reason in err
    assert "3 of 5 inputs failed" in err


@pytest.mark.parametrize(
    "text",
    [
        "The committee met on Tuesday and adjourned at noon.",  # no quotes at all
        "“This quote never closes, the minister said.\nNext paragraph, no marks.",  # unbalanced
        "She said “yes” and “no” and then “maybe.",  # unbalanced inside
        "<html><body><p>“Hi,” <b>he</b> said.</p><script>alert('x')</script></body></html>",  # markup
        "” “ ” “",  # marks only
    ],
    ids=["no-quotes", "unclosed", "unclosed-inline", "html-like", "marks-only"],
)
def test_awkward_articles_give_a_result_not_a_crash(tmp_path, capsys, text):
    status, [line], err = run_quotes(capsys, write(tmp_path, "x.txt", text))
    assert status == 0, err
    assert isinstance(line["quotes"], list)


def test_unclosed_quote_keeps_the_rest_of_the_article(tmp_path, capsys):
    text = "“This never closes, the minister said.\n“We will win,” General Ivan Petrenko said."
    status, [line], _ = run_quotes(capsys, write(tmp_path, "x.txt", text))
    assert status == 0
    assert any(q["speaker"] == "Ivan Petrenko" for q in line["quotes"])


def test_five_megabyte_article(tmp_path, capsys):
    paragraph = "“We will continue the talks,” Foreign Minister Olena Kovalenko said on Monday.\n"
    path = write(tmp_path, "huge.txt", paragraph * (5_000_000 // len(paragraph)))
    status, [line], _ = run_quotes(capsys, path)
    assert status == 0
    assert len(line["quotes"]) > 50_000


def test_missing_path_is_one_line_and_status_one(capsys):
    status, lines, err = run_quotes(capsys, "does-not-exist.txt")
    assert status == 1 and lines == []
    assert "does-not-exist.txt: no such file or folder" in err
    assert "Traceback" not in err


def test_whole_process_needs_no_nltk_data(tmp_path):
    """The command runs with NLTK's data path pointing nowhere: nothing is downloaded or read from nltk_data."""
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "no-nltk-data"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "quotes", str(SEED_ARTICLE)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["quotes"]
    assert not (tmp_path / "nltk_data").exists()


def test_tone_and_positions_print_json_rows(capsys):
    assert main(["tone", str(SEED_ARTICLE), "--json"]) == 0
    tone = json.loads(capsys.readouterr().out)
    assert {"speaker", "side", "content", "cue", "cue_stance", "compound", "markers", "explanation"} <= set(tone[0])
    assert main(["positions", str(SEED_ARTICLE), "--json"]) == 0
    positions = json.loads(capsys.readouterr().out)
    assert {"speaker", "side", "topic", "stance", "quantities", "evidence"} <= set(positions[0])


def test_evaluate_prints_a_table_for_the_fixture_split(capsys):
    assert main(["evaluate", "--polnear", str(FIXTURES / "polnear")]) == 0
    out = capsys.readouterr().out
    assert "attribution" in out and "speech" in out


def test_evaluate_missing_folder_is_a_one_line_error(tmp_path, capsys):
    assert main(["evaluate", "--polnear", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "text/ and attributions/" in err


# --- corpora: jobs, outputs, terminal tables ---

CORPUS = [FIXTURES / "corpus", FIXTURES / "batch", SEED_ARTICLE]
COMMAND_LINES = {
    "quotes": ["quotes"],
    "quotes --jsonl": ["quotes", "--jsonl"],
    "tone --json": ["tone", "--json"],
    "positions --json": ["positions", "--json"],
    "speakers --json": ["speakers", "--json"],
    "tone (table)": ["tone", "--explain"],
    "positions (table)": ["positions"],
    "speakers (table)": ["speakers"],
}


def output_of(capsys, argv) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("command", sorted(COMMAND_LINES))
def test_two_jobs_write_byte_for_byte_what_one_job_writes(capsys, command):
    argv = [COMMAND_LINES[command][0], *map(str, CORPUS), *COMMAND_LINES[command][1:]]
    one = output_of(capsys, [*argv, "--jobs", "1"])
    assert one[0] == 0 and one[1]
    assert output_of(capsys, [*argv, "--jobs", "2"]) == one


@pytest.mark.parametrize("command", ["quotes", "tone", "positions", "speakers"])
def test_parquet_from_two_jobs_equals_one_job(tmp_path, command):
    pq = pytest.importorskip("pyarrow.parquet")
    for jobs in ("1", "2"):
        assert main([command, *map(str, CORPUS), "--jobs", jobs, "--parquet", str(tmp_path / f"{jobs}.parquet")]) == 0
    assert pq.read_table(tmp_path / "1.parquet").to_pylist() == pq.read_table(tmp_path / "2.parquet").to_pylist() != []


def test_json_lists_stream_and_parse(capsys):
    for command in ("tone", "positions"):
        status, out, _ = output_of(capsys, [command, *map(str, CORPUS), "--json"])
        rows = json.loads(out)
        assert status == 0 and rows and out.startswith("[\n{") and out.count("\n") == len(rows) + 2
    status, out, _ = output_of(capsys, ["speakers", *map(str, CORPUS), "--json"])
    data = json.loads(out)
    assert set(data) == {"speakers", "merges"} and {"name": "Jana Roe", "merged": ["Roe"]} in data["merges"]
    assert set(data["speakers"][0]) == {"id", "name", "aliases", "kind", "roles", "side", "side_evidence", "side_carried",
                                        "articles", "files", "quotes"}  # fmt: skip


def test_quotes_speak_for_the_corpus_not_the_article(capsys):
    """A quote given to a bare surname in one article carries the full name another article gives."""
    _, out, _ = output_of(capsys, ["quotes", str(FIXTURES / "batch")])
    stall = next(json.loads(line) for line in out.splitlines() if "talks-stall" in line)
    assert {(q["speaker"], q["speaker_id"]) for q in stall["quotes"]} >= {("Jana Roe", "jana-roe"), ("Pieter Vos", "pieter-vos")}


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--jsonl"], "jsonl"),
        (["--json"], "jsonl"),
        ([], "table"),
    ],
)
def test_quotes_on_a_terminal_print_a_table_unless_asked_for_json(capsys, monkeypatch, argv, expected):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "72")
    status, out, _ = output_of(capsys, ["quotes", str(SEED_ARTICLE), *argv])
    assert status == 0
    if expected == "jsonl":
        assert json.loads(out)["file"] == "istanbul-pow-exchange.txt"
        return
    lines = out.splitlines()
    assert lines[0] == "istanbul-pow-exchange.txt" and lines[1].split() == ["#", "speaker", "side", "kind", "quote"]
    assert all(len(line) <= 72 for line in lines)
    assert "Medinsky" in out and "Russia" in out


def test_quotes_into_a_pipe_stay_json_lines(capsys):
    _, out, _ = output_of(capsys, ["quotes", str(SEED_ARTICLE)])
    assert json.loads(out)["quotes"]


def test_jsonl_into_a_file_and_parquet_beside_it(tmp_path, capsys):
    status, out, _ = output_of(capsys, ["quotes", str(SEED_ARTICLE), "--jsonl", str(tmp_path / "q.jsonl"), "--parquet", str(tmp_path / "q.parquet")])
    assert status == 0 and out == ""
    line = json.loads((tmp_path / "q.jsonl").read_text(encoding="utf-8"))
    assert (tmp_path / "q.parquet").stat().st_size > 0 and len(line["quotes"]) >= 11


def test_tone_table_explains_when_asked(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    _, plain, _ = output_of(capsys, ["tone", str(SEED_ARTICLE)])
    _, explained, _ = output_of(capsys, ["tone", str(SEED_ARTICLE), "--explain"])
    assert "set aside" not in plain and "set aside (topic" in explained
    assert all(len(line) <= 100 for line in explained.splitlines())


@pytest.mark.parametrize("command", [["quotes", "--jsonl"], ["quotes", "--parquet"], ["tone", "--parquet"], ["speakers", "--parquet"]])
@pytest.mark.parametrize("where", ["folder", "missing-parent"])
def test_bad_output_paths_are_refused_before_any_work(tmp_path, capsys, command, where):
    target = tmp_path if where == "folder" else tmp_path / "missing" / "out"
    status, out, err = output_of(capsys, [command[0], str(SEED_ARTICLE), command[1], str(target)])
    assert status == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"analysis: {command[1]} {target}: ") and "Traceback" not in err


def test_an_output_that_is_one_of_the_inputs_is_refused(tmp_path, capsys):
    article = write(tmp_path, "a.txt", "“We agree,” Ivan Petrenko said.")
    status, _, err = output_of(capsys, ["quotes", "--jsonl", str(article), str(SEED_ARTICLE)])  # a.txt meant as input
    assert status == 1 and "is an article file, not written over" in err
    status, _, err = output_of(capsys, ["quotes", str(article), "--parquet", str(article)])
    assert status == 1 and "is one of the inputs" in err
    assert article.read_text(encoding="utf-8") == "“We agree,” Ivan Petrenko said."


def test_report_out_that_is_a_file_is_refused_before_any_work(tmp_path, capsys):
    (tmp_path / "out").write_text("x")
    status, out, err = output_of(capsys, ["report", str(SEED_ARTICLE), "--out", str(tmp_path / "out")])
    assert status == 1 and err == f"analysis: --out {tmp_path / 'out'}: is a file, not a folder; give a folder for the reports\n"


@pytest.mark.parametrize("command", [["quotes", "--jsonl"], ["tone", "--json"], ["positions", "--json"], ["speakers", "--json"]])
def test_globs_and_folders_give_the_same_as_files(capsys, command):
    folder = FIXTURES / "batch"
    files = sorted(str(p) for p in folder.iterdir())
    by_folder = output_of(capsys, [command[0], str(folder), command[1]])
    by_glob = output_of(capsys, [command[0], str(folder / "*"), command[1]])
    by_files = output_of(capsys, [command[0], *files, command[1]])
    assert by_folder == by_glob == by_files and by_folder[0] == 0


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit):
        main(["quotes", str(SEED_ARTICLE), "--jobs", "0"])
    assert "at least 1" in capsys.readouterr().err


def test_a_dask_address_where_nothing_listens_is_one_line(capsys):
    pytest.importorskip("distributed")
    status, _, err = output_of(capsys, ["quotes", str(SEED_ARTICLE), "--dask", "tcp://127.0.0.1:9"])
    assert status == 1 and err.count("\n") == 1 and "no scheduler answers there" in err


def test_speakers_file_gives_the_canonical_name_and_side(capsys, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text("“We will go on,” Zelenskyy said after the meeting.", encoding="utf-8")
    known = tmp_path / "speakers.tsv"
    known.write_text("name\taliases\tside\tkind\nVolodymyr Zelensky\tZelenskyy\tUkraine\tperson\n", encoding="utf-8")
    status, out, _ = output_of(capsys, ["quotes", str(article), "--jsonl", "--speakers", str(known)])
    (quote,) = json.loads(out)["quotes"]
    assert status == 0 and (quote["speaker"], quote["side"], quote["speaker_id"]) == ("Volodymyr Zelensky", "Ukraine", "volodymyr-zelensky")
