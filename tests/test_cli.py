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
