"""Tests for analysis.load: formats, encodings and bad input."""

import json
from pathlib import Path

import pytest

from analysis import SEED_ARTICLE
from analysis.errors import InputError
from analysis.load import iter_corpus, load_article, load_corpus
from analysis.records import LoadFailure

BODY = "“We agree,” she said.\r\nTalks go on."


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_seed_article_has_title_and_offsets_into_the_file():
    article = load_article(SEED_ARTICLE)
    assert article.title == "Over 1,200 POWs to Be Exchanged Following Talks in Istanbul"
    assert article.text == SEED_ARTICLE.read_text(encoding="utf-8")
    assert article.text[article.body_start :].startswith("The heads of the Ukrainian")


@pytest.mark.parametrize(
    "data",
    [
        BODY.encode("utf-8"),
        BODY.encode("utf-8-sig"),
        BODY.encode("utf-16"),  # with its byte-order mark
        BODY.encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom"],
)
def test_encodings_decode_to_the_same_text_without_newline_translation(tmp_path, data):
    article = load_article(write(tmp_path, "a.txt", data))
    assert article.text == BODY  # "\r\n" kept: offsets match the file's text


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
        ("latin1.txt", "Le président a déclaré: «Non».".encode("latin-1"), "not valid UTF-8"),
        ("bad.json", b"{not json", "not valid JSON"),
        ("nocol.csv", b"title,body\nA,B\n", "'text' column"),
    ],
)
def test_bad_files_raise_input_error_naming_the_file(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError, match=message) as caught:
        load_article(path)
    assert str(path) in str(caught.value)


def test_latin1_file_reads_when_the_encoding_is_given(tmp_path):
    path = write(tmp_path, "latin1.txt", "Le président a dit «non».".encode("latin-1"))
    assert "président" in load_article(path, encoding="cp1252").text


def test_missing_file_and_folder_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        load_article(tmp_path)


def test_size_limit_is_a_clear_error(tmp_path):
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(InputError, match="over the"):
        load_article(path, max_bytes=1000)


def test_five_megabyte_article_loads(tmp_path):
    paragraph = "“We will continue,” the minister said. Officials met in Geneva.\n"
    path = write(tmp_path, "huge.txt", paragraph * (5_000_000 // len(paragraph)))
    article = load_article(path)
    assert len(article.text) > 4_900_000


def test_markdown_heading_is_the_title(tmp_path):
    article = load_article(write(tmp_path, "a.md", "# Talks resume\n\nBody text."))
    assert article.title == "Talks resume"


def test_html_like_text_is_kept_as_text(tmp_path):
    text = "<p>Hi</p><script>alert(1)</script> “Fine,” he said."
    assert load_article(write(tmp_path, "a.txt", text)).text == text


def test_json_jsonl_and_csv_records(tmp_path):
    record = {"id": "r1", "text": "“Yes,” he said.", "title": "T", "outlet": "The Gaze", "date": "2025-06-02"}
    write(tmp_path, "one.json", json.dumps(record))
    write(tmp_path, "many.jsonl", json.dumps(record) + "\n\n" + json.dumps({**record, "id": "r2"}) + "\nnot json\n")
    write(tmp_path, "table.csv", 'id,text,outlet\nc1,"Line one, with comma\nand a newline",Wire\n')
    corpus = load_corpus([tmp_path])
    ids = sorted(a.id for a in corpus.articles)
    assert ids == ["c1", "r1", "r1", "r2"]
    assert {a.outlet for a in corpus.articles} == {"The Gaze", "Wire"}
    [failure] = corpus.failures
    assert failure.source.endswith("many.jsonl#4") and "invalid JSON" in failure.error


def test_multi_record_file_is_refused_by_load_article(tmp_path):
    path = write(tmp_path, "two.jsonl", '{"text": "a"}\n{"text": "b"}\n')
    with pytest.raises(InputError, match="holds 2 articles"):
        load_article(path)


def test_a_batch_goes_on_past_bad_files_and_lists_them(tmp_path):
    write(tmp_path, "a.txt", "“One,” she said.")
    write(tmp_path, "b.txt", b"")
    write(tmp_path, "c.txt", b"\x00\x01\x02binary")
    write(tmp_path, "d.txt", "“Four,” he said.")
    items = list(iter_corpus([tmp_path, tmp_path / "missing.txt"]))
    assert [type(i).__name__ for i in items] == ["Article", "LoadFailure", "LoadFailure", "Article", "LoadFailure"]
    failures = [i for i in items if isinstance(i, LoadFailure)]
    assert [Path(f.source).name for f in failures] == ["b.txt", "c.txt", "missing.txt"]


def test_glob_patterns_expand_and_report_empty_matches(tmp_path):
    write(tmp_path, "a.txt", "Text one.")
    write(tmp_path, "b.txt", "Text two.")
    corpus = load_corpus([str(tmp_path / "*.txt"), str(tmp_path / "*.nothing")])
    assert len(corpus.articles) == 2
    assert corpus.failures[0].error == "the pattern matches no files"
