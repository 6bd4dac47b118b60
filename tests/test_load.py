"""Tests for analysis.load: formats, encodings and bad input."""

import json
import os
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


# --- inputs that used to hang, crash a batch or load wrongly (issue 10)


@pytest.fixture
def no_hang():
    """Fail (rather than hang the suite) when a read waits on a pipe for more than five seconds."""
    import signal

    def alarm(signum, frame):
        raise TimeoutError("the read waited on a pipe")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl", "pipe.csv", "pipe.json", "pipe"])
def test_a_named_pipe_is_refused_without_opening_it(tmp_path, no_hang, name):
    os.mkfifo(tmp_path / name)
    with pytest.raises(InputError, match=r"named pipe \(FIFO\), not a regular file") as caught:
        load_article(tmp_path / name)
    assert str(tmp_path / name) in str(caught.value)


def test_a_character_device_is_refused():
    with pytest.raises(InputError, match="character device"):
        load_article("/dev/null")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_a_folder_holds_or_a_pattern_matches_is_a_skipped_note(tmp_path, no_hang):
    write(tmp_path, "a.txt", "“One,” she said.")
    os.mkfifo(tmp_path / "b.txt")
    for given in (tmp_path, str(tmp_path / "*.txt")):
        corpus = load_corpus([given])
        assert [Path(a.path).name for a in corpus.articles] == ["a.txt"]
        assert corpus.failures == ()
        [skipped] = corpus.skipped
        assert Path(skipped.source).name == "b.txt" and "named pipe" in skipped.reason


DEEP = "[" * 100_000 + "]" * 100_000
BIG_NUMBER = "9" * 5_000


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("deep.json", '{"text": "x", "extra": ' + DEEP + "}", "nests JSON lists or objects too deeply"),
        ("number.json", '{"text": "x", "count": ' + BIG_NUMBER + "}", "a number with more than"),
        ("surrogate.json", '{"text": "Bad \\ud83d half, he said."}', "lone surrogate"),
        ("surrogate-title.json", '{"text": "Fine.", "title": "\\udc00"}', "its title holds a lone surrogate"),
        ("nul-escape.json", '{"text": "Bad \\u0000 text"}', "NUL character"),
        ("invalid.json", '{"text": "x",}', r"not valid JSON \(Expecting property name"),
    ],
)
def test_bad_json_is_an_input_error_naming_the_file(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError, match=message) as caught:
        load_article(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"text": "x", "extra": ' + DEEP + "}", "nests JSON"),
        ('{"text": "x", "count": ' + BIG_NUMBER + "}", "a number with more than"),
        ('{"text": "Bad \\udfff half"}', "lone surrogate"),
        ('{"text": "Bad \x00 byte"}', "NUL byte"),
        ('{"text": "Bad \\u0000 escape"}', "NUL character"),
        ('{"text": "x"', "invalid JSON"),
        ('[1, 2]', "no 'text' field"),
    ],
)
def test_a_bad_jsonl_line_fails_alone_and_the_other_records_load(tmp_path, line, message):
    first = json.dumps({"text": "First.", "title": "padding " * 1100})  # past the start a binary file is sniffed in
    path = write(tmp_path, "t.jsonl", "\n".join([first, line, '{"text": "Third."}']) + "\n")
    corpus = load_corpus([path])
    assert [a.text for a in corpus.articles] == ["First.", "Third."]
    [failure] = corpus.failures
    assert failure.source == f"{path}#2" and message in failure.error


@pytest.mark.parametrize("offset", [0, 10, 50_000])
def test_a_nul_byte_anywhere_in_a_text_file_is_binary(tmp_path, offset):
    data = bytearray(b"Title\n\n" + b"Words here. " * 6000)
    data[offset] = 0
    with pytest.raises(InputError, match=f"binary file \\(a NUL byte at offset {offset}\\)"):
        load_article(write(tmp_path, "a.txt", bytes(data)))


def test_a_nul_byte_late_in_a_csv_fails_its_record_only(tmp_path):
    path = write(tmp_path, "t.csv", b"text\n" + b'"Fine."\n' * 2000 + b'"Bad \x00 byte"\n"Last."\n')
    corpus = load_corpus([path])
    assert len(corpus.articles) == 2001 and corpus.articles[-1].text == "Last."
    [failure] = corpus.failures
    assert failure.source == f"{path}#2001" and "NUL character" in failure.error


@pytest.mark.parametrize(
    "data, title, body",
    [
        ("Talks resume\r\r“We agree,” he said.\r", "Talks resume", "“We agree,” he said.\r"),
        ("Talks resume\r\n\r\n“We agree,” he said.", "Talks resume", "“We agree,” he said."),
        ("Talks resume\n\n“We agree,” he said.", "Talks resume", "“We agree,” he said."),
        ("One line\r“We agree,” he said.", None, "One line\r“We agree,” he said."),  # no blank line: no title
    ],
    ids=["cr-only", "crlf", "lf", "cr-no-blank-line"],
)
def test_titles_with_any_line_end_and_offsets_into_the_text_as_read(tmp_path, data, title, body):
    article = load_article(write(tmp_path, "a.txt", data))
    assert article.text == data
    assert (article.title, article.text[article.body_start :]) == (title, body)


def test_a_glob_through_link_loops_reads_each_file_once(tmp_path, no_hang):
    sub = tmp_path / "top" / "sub"
    sub.mkdir(parents=True)
    write(sub, "a.txt", "“One,” she said.")
    write(tmp_path / "top", "b.txt", "“Two,” he said.")
    (sub / "up").symlink_to("..")  # a loop: top/sub/up/sub/up/…
    (tmp_path / "top" / "self").symlink_to(".")
    (sub / "a-again.txt").symlink_to("a.txt")  # the same file by another name
    corpus = load_corpus([str(tmp_path / "top" / "**" / "*.txt")])
    assert sorted(a.text for a in corpus.articles) == ["“One,” she said.", "“Two,” he said."]


def test_a_recursive_glob_matches_as_glob_does_without_links(tmp_path):
    import glob

    for name in ("a.txt", "x/b.txt", "x/y/c.txt", "x/y/c.md", ".hidden/d.txt", "x/.e.txt"):
        write_path = tmp_path / name
        write_path.parent.mkdir(parents=True, exist_ok=True)
        write_path.write_text("Text.")
    for pattern in ("**/*.txt", "x/**/*.txt", "**/y/*", "**"):
        expected = sorted(p for p in glob.glob(str(tmp_path / pattern), recursive=True) if Path(p).is_file())
        corpus = load_corpus([str(tmp_path / pattern)])
        assert sorted(a.path for a in corpus.articles) == expected, pattern


def test_what_a_folder_holds_that_is_not_read_is_listed(tmp_path):
    write(tmp_path, "a.txt", "“One,” she said.")
    write(tmp_path, "notes.docx", "Not an article.")
    write(tmp_path, ".hidden", "Left out silently.")
    (tmp_path / "older").mkdir()
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    corpus = load_corpus([tmp_path])
    assert [Path(a.path).name for a in corpus.articles] == ["a.txt"] and corpus.failures == ()
    reasons = {Path(s.source).name: s.reason for s in corpus.skipped}
    assert sorted(reasons) == ["broken.txt", "notes.docx", "older"]
    assert "not an article file" in reasons["notes.docx"]
    assert "**/*.txt" in reasons["older"]
    assert "broken or looping link" in reasons["broken.txt"]


@pytest.mark.parametrize(
    "name, data, limit",
    [
        ("big.txt", "word " * 1000, 1000),
        ("big.json", json.dumps({"text": "word " * 1000}), 1000),
        ("big.jsonl", json.dumps({"text": "word " * 1000}), 1000),
        ("big.csv", "text\n" + "word " * 1000, 1000),
    ],
)
def test_the_size_limit_message_names_the_option_that_raises_it(tmp_path, name, data, limit):
    from analysis.cli import build_parser

    path = write(tmp_path, name, data)
    corpus = load_corpus([path], max_bytes=limit)
    [failure] = corpus.failures
    assert "--max-size" in failure.error and "max_bytes=" in failure.error
    assert build_parser().parse_args(["quotes", "x.txt", "--max-size", "0.001"]).max_size == limit
    assert load_corpus([path], max_bytes=10 * limit).articles  # the raised limit reads it


def test_a_table_is_read_a_record_at_a_time_within_the_limit(tmp_path):
    # each record is within the limit though the file is far over it
    line = json.dumps({"text": "“Yes,” he said. " * 40}) + "\n"
    path = write(tmp_path, "many.jsonl", line * 200)
    corpus = load_corpus([path], max_bytes=len(line) + 10)
    assert len(corpus.articles) == 200 and corpus.failures == ()


def test_a_file_name_that_is_not_utf8_is_refused_with_a_printable_name(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (tmp_path / name).write_text("Text.")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses such names")
    corpus = load_corpus([tmp_path / name])
    [failure] = corpus.failures
    assert "caf\\xe9.txt" in failure.source and "rename the file" in failure.error
    failure.source.encode("utf-8")  # printable anywhere
