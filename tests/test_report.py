"""Tests for the report command's checks, names, safety and failure handling.

Parameter and input errors are raised before any kernel starts; a notebook
that fails midway (``fixtures/broken.ipynb``, really executed by papermill)
leaves no report behind, only ``<name>.FAILED.ipynb``, and a one-line error.
Report names are distinct by template and input and never format strings;
nothing a user or an article supplies writes outside ``--out``. Most runs use
``fixtures/report-quick.ipynb``, a template that runs in a moment; the real
templates are executed in ``test_notebooks.py`` and, for the four report
names of one ``--out``, here.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from analysis import SEED_ARTICLE
from analysis.cli import main
from analysis.errors import InputError, OutputError, ParameterError, ReportError
from analysis.report import (
    clean_partial_files,
    coerce_parameter,
    notebook_parameters,
    report_name,
    resolve_template,
    run_reports,
)

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken.ipynb"
QUICK = FIXTURES / "report-quick.ipynb"
SLOW = FIXTURES / "report-slow.ipynb"
ANALYSIS = Path(sys.executable).with_name("analysis")  # this environment's console script
TINY = "Aid talks resume\n\n“We will be back on Monday,” said Mara Quell, the Northland envoy.\n"


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("article", {"article_path", "sides_path", "topics_path", "title"}),
        ("corpus", {"corpus_path", "group_by", "sides_path", "speakers_path", "topics_path", "title"}),
        ("tutorial", {"article_path"}),
    ],
)
def test_templates_declare_their_parameters(template, expected):
    assert set(notebook_parameters(template)) == expected


def test_choices_come_from_the_parameter_comment():
    assert notebook_parameters("corpus")["group_by"].choices == ("outlet", "date", "side")


def test_unknown_parameter_lists_the_valid_ones_and_writes_nothing(tmp_path):
    with pytest.raises(ParameterError) as caught:
        run_reports([SEED_ARTICLE], out=tmp_path / "out", parameters={"titel": "Talks"})
    message = str(caught.value)
    assert "'titel'" in message and "title" in message and "sides_path" in message and "\n" not in message
    assert files(tmp_path / "out") == []


def test_the_input_parameter_is_set_from_the_paths_not_by_name(tmp_path):
    with pytest.raises(ParameterError, match="article_path is set from the input paths"):
        run_reports([SEED_ARTICLE], out=tmp_path, parameters={"article_path": "x.txt"})


def test_a_value_outside_the_declared_choices_is_refused(tmp_path):
    with pytest.raises(ParameterError, match="group_by.*one of outlet, date, side"):
        run_reports([FIXTURES / "corpus"], template="corpus", out=tmp_path, parameters={"group_by": "colour"})


@pytest.mark.parametrize(
    ("value", "default", "expected"),
    [("12", 10, 12), ("0.5", 1.0, 0.5), ("yes", False, True), ("False", True, False), ("x", "", "x"), ("x", None, "x")],
)
def test_values_are_typed_by_the_default(value, default, expected):
    assert coerce_parameter("p", value, default=default) == expected


@pytest.mark.parametrize(("value", "default"), [("ten", 10), ("1,5", 1.0), ("maybe", False)])
def test_values_of_the_wrong_type_are_refused(value, default):
    with pytest.raises(ParameterError, match="parameter 'p' takes"):
        coerce_parameter("p", value, default=default)


def test_unknown_template_and_format(tmp_path):
    with pytest.raises(ParameterError, match="unknown template 'slides'"):
        run_reports([SEED_ARTICLE], template="slides", out=tmp_path)
    with pytest.raises(ParameterError, match="unknown format 'pdf'"):
        run_reports([SEED_ARTICLE], fmt="pdf", out=tmp_path)
    with pytest.raises(InputError, match="no such notebook template"):
        resolve_template(tmp_path / "missing.ipynb")


def test_missing_article_raises_before_any_kernel_starts(tmp_path):
    with pytest.raises(InputError, match="no such file; check the path"):
        run_reports([tmp_path / "missing.txt"], out=tmp_path / "out")
    assert files(tmp_path / "out") == []


def test_empty_article_is_refused_up_front(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        run_reports([empty], out=tmp_path / "out")


DEAD_PID = 4_194_304 + 7  # above Linux's largest pid: no process has it
PARTIALS = {  # hidden files in --out before a run -> whether the run's clean-up removes them
    f".istanbul-pow-exchange.broken.{DEAD_PID}-0123456789ab.partial.ipynb": True,  # a killed run's
    f".other.{DEAD_PID}-ba9876543210.partial.html": True,
    f".istanbul-pow-exchange.{os.getpid()}-0123456789ab.partial.ipynb": False,  # a live run's
    ".notes.partial.ipynb": False,  # not named as a report's partial file
}


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    """One real papermill run of a notebook that fails at its fourth cell, over an older good report
    and the partial files of killed and live runs."""
    out = tmp_path_factory.mktemp("broken")
    (out / "istanbul-pow-exchange.html").write_text("earlier report", encoding="utf-8")
    for name in PARTIALS:
        (out / name).write_text("{}", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        run_reports([SEED_ARTICLE], template=BROKEN, out=out)
    return out, caught.value


def test_failing_notebook_gives_a_one_line_error_with_path_and_cell(broken_run):
    out, error = broken_run
    message = str(error)
    assert "\n" not in message
    assert "failed at cell" in message and "RuntimeError: this notebook fails on purpose" in message
    assert error.notebook == str(out / "istanbul-pow-exchange.broken.FAILED.ipynb") and error.notebook in message
    assert error.cell is not None


def test_failing_notebook_leaves_no_partial_report(broken_run):
    out, _ = broken_run
    kept = sorted(name for name, removed in PARTIALS.items() if not removed)
    assert files(out) == sorted([*kept, "istanbul-pow-exchange.broken.FAILED.ipynb", "istanbul-pow-exchange.html"])
    assert (out / "istanbul-pow-exchange.html").read_text(encoding="utf-8") == "earlier report"


def test_the_kept_failed_notebook_shows_the_error(broken_run):
    import nbformat

    out, error = broken_run
    nb = nbformat.read(out / "istanbul-pow-exchange.broken.FAILED.ipynb", as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0]["ename"] == "RuntimeError"
    assert nb.metadata["analysis"]["input_sha256"]


def test_a_batch_lists_each_failure_and_goes_on(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Title\n\n“Yes,” she said.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    same_name = tmp_path / "sub" / "other.txt"
    same_name.write_text("Title\n\n“No,” he said.", encoding="utf-8")
    batch = run_reports([SEED_ARTICLE, tmp_path / "missing.txt", other, same_name], template=BROKEN, out=tmp_path / "out")
    assert batch.total == 4 and batch.written == []
    assert [f.error_type for f in batch.failures] == ["InputError", "InputError", "ReportError", "ReportError"]
    assert "would overwrite the report of" in batch.failures[1].error
    assert all("\n" not in f.error and not f.error.startswith(f.source) for f in batch.failures)
    assert files(tmp_path / "out") == ["istanbul-pow-exchange.broken.FAILED.ipynb", "other.broken.FAILED.ipynb"]


def test_cli_reports_bad_parameters_and_missing_files_in_one_line(tmp_path, capsys):
    assert main(["report", str(SEED_ARTICLE), "--out", str(tmp_path), "-p", "titel", "x"]) == 1
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert err[0].startswith("analysis: unknown parameter 'titel'")
    assert err[1].startswith("analysis: ") and "no such file" in err[1]
    assert files(tmp_path) == []


def test_a_path_parameter_naming_no_file_is_refused_up_front(tmp_path):
    with pytest.raises(InputError, match="no such file \\(given for the parameter sides_path\\)"):
        run_reports([SEED_ARTICLE], out=tmp_path / "out", parameters={"sides_path": str(tmp_path / "sides.json")})
    assert files(tmp_path / "out") == []


# --- names: distinct by template and input, never a path or a format string ---


@pytest.mark.parametrize(
    ("path", "template", "expected"),
    [
        ("seeds/istanbul.txt", "article", "istanbul"),
        ("seeds/istanbul.txt", "tutorial", "istanbul.tutorial"),  # beside the article report
        ("polnear/dev/text", "corpus", "dev-text.corpus"),  # two folders named text
        ("polnear/train/text", "corpus", "train-text.corpus"),
        ("one/text/*.txt", "corpus", "one-text-txt.corpus"),
        ("tables/week.csv", "corpus", "tables-week.corpus"),
        ("{title}.txt", "article", "title"),
        ("good.FAILED.txt", "article", "good-FAILED"),  # never another report's failure
        ("../../.hidden.txt", "article", "hidden"),
        ("x.txt", "my templates/Slides v2.ipynb", "x.Slides-v2"),
        ("x.txt", "t/FAILED.ipynb", "x.FAILED-template"),
    ],
)
def test_report_names(path, template, expected):
    name = report_name(path, template)
    assert name == expected
    assert "/" not in name and not name.startswith(".") and not name.endswith(".FAILED")


def analysis_cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The console script in a subprocess (a hang is a failure after five minutes)."""
    return subprocess.run([str(ANALYSIS), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL, check=False)  # fmt: skip


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())


def test_paths_are_never_format_strings_and_stay_inside_out(tmp_path):
    work = tmp_path / "a" / "b"
    (work / "in").mkdir(parents=True)
    for name in ("{title}.txt", "{x}.txt"):
        (work / "in" / name).write_text(TINY, encoding="utf-8")
    run = analysis_cli("report", "in/*.txt", "--template", QUICK, "--out", "out{x}", "-p", "title", "/../../ESCAPED",
                       cwd=work)  # fmt: skip
    assert run.returncode == 0, run.stderr
    names = ["title.report-quick", "x.report-quick"]
    assert tree(tmp_path) == sorted(
        [f"a/b/in/{{title}}.txt", "a/b/in/{x}.txt"] + [f"a/b/out{{x}}/{n}.{ext}" for n in names for ext in ("html", "ipynb")]
    )
    nb = nbformat.read(work / "out{x}" / "title.report-quick.ipynb", as_version=4)
    assert nb.metadata["analysis"]["input"] == os.path.join("in", "{title}.txt")  # relative to where it ran
    printed = [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text" in o]
    assert "".join(printed).startswith("/../../ESCAPED | Aid talks resume")


def test_a_report_never_deletes_another(tmp_path):
    for name in ("good.FAILED.txt", "good.txt"):
        (tmp_path / name).write_text(TINY, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "other.report-quick.FAILED.ipynb").write_text("{}", encoding="utf-8")  # another report's failure
    batch = run_reports([tmp_path / "good.FAILED.txt", tmp_path / "good.txt"], template=QUICK, out=out)
    assert not batch.failures
    assert files(out) == sorted(
        ["other.report-quick.FAILED.ipynb"] + [f"{n}.report-quick.{e}" for n in ("good-FAILED", "good") for e in ("html", "ipynb")]
    )


def test_a_killed_run_leaves_nothing_behind(tmp_path):
    psutil = pytest.importorskip("psutil")
    article = tmp_path / "a.txt"
    article.write_text(TINY, encoding="utf-8")
    run = subprocess.Popen([str(ANALYSIS), "report", str(article), "--template", str(SLOW), "--out", str(tmp_path / "out")],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    process = psutil.Process(run.pid)
    deadline = time.monotonic() + 120
    while not process.children(recursive=True) and time.monotonic() < deadline:  # the kernel has started
        time.sleep(0.2)
    time.sleep(3)  # into the sleeping cell
    kernels = process.children(recursive=True)
    assert kernels, "the report's kernel did not start"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    for kernel in kernels:  # an orphaned kernel is ended by its parent poller; make sure here
        if kernel.is_running():
            kernel.kill()
    assert files(tmp_path / "out") == []  # nothing is written before a run ends


def test_bad_inputs_beside_a_good_article(tmp_path):
    """Each a one-line error naming the file, exit 1, the good report written, nothing outside --out."""
    bad = {  # file name -> (how it is made, words of its error)
        "fifo.txt": (lambda p: os.mkfifo(p), "not a regular file"),
        "folder": (lambda p: p.mkdir(), "--template corpus"),
        "missing.txt": (lambda p: None, "no such file"),
        "binary.txt": (lambda p: p.write_bytes(bytes(range(256)) * 8), "binary"),
        "empty.txt": (lambda p: p.write_text(" \n", encoding="utf-8"), "empty"),
        "deep.json": (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "too deeply"),
        "digits.json": (lambda p: p.write_text('{"text": "x", "n": ' + "9" * 5000 + "}"), "digits"),
        "surrogate.json": (lambda p: p.write_text('{"text": "a \\ud800 b \\u201cYes,\\u201d she said."}'), "surrogate"),
        "huge.txt": (lambda p: p.write_text("Huge\n\n" + "word " * 220_000, encoding="utf-8"), "MB limit"),
    }
    (tmp_path / "good.txt").write_text(TINY, encoding="utf-8")
    for name, (make, _) in bad.items():
        make(tmp_path / name)
    before = tree(tmp_path)
    run = analysis_cli("report", "good.txt", *bad, "--template", QUICK, "--out", "out", cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stdout.split() == [os.path.join("out", "good.report-quick.html")]
    lines = run.stderr.strip().splitlines()
    for name, (_, words) in bad.items():
        assert [line for line in lines if line.startswith(f"analysis: {name}: ") and words in line], name
    assert lines[-1] == f"analysis: {len(bad)} of {len(bad) + 1} inputs failed; the rest were processed"
    assert tree(tmp_path) == sorted(before + ["out/good.report-quick.html", "out/good.report-quick.ipynb"])


def test_a_cell_past_its_time_out_is_stopped(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TINY, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ReportError, match="cell 3 ran past the time-out of 2 s") as caught:
        run_reports([article], template=SLOW, out=tmp_path / "out", cell_timeout=2)
    assert time.monotonic() - started < 120
    assert caught.value.notebook and Path(caught.value.notebook).name == "a.report-slow.FAILED.ipynb"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make_input", "template", "out", "error", "words"),
    [
        (lambda d: _write(d / "a.txt", TINY * 20), "article", "out", InputError, "over the 0.001 MB limit"),
        (lambda d: _write(d / "in" / "a.txt", TINY).parent, "article", "out", InputError, "use --template corpus"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "corpus", "out", InputError, "holds no article files"),
        (lambda d: _write(d / "in" / "a.txt", " ").parent, "corpus", "out", InputError, "holds no article that can be read"),
        (lambda d: _write(d / "a.txt", TINY), "article", "a.txt", OutputError, "is a file, not a folder"),
        (lambda d: _write(d / "a.txt", TINY), "article", "a.txt/sub", OutputError, "is a file, not a folder"),
    ],
)
def test_refused_before_any_kernel_starts(tmp_path, monkeypatch, make_input, template, out, error, words):
    import analysis.report

    monkeypatch.setattr(analysis.report, "_run_one", lambda *a, **k: pytest.fail("a kernel was started"))
    source = make_input(tmp_path)
    before = tree(tmp_path)
    with pytest.raises(error, match=words.replace(".", "\\.")):
        run_reports([source], template=template, out=tmp_path / out, max_bytes=1000)
    assert tree(tmp_path) == before and not (tmp_path / "out").exists()


def test_a_corpus_glob_matching_nothing_is_listed_as_a_failure(tmp_path):
    batch = run_reports([tmp_path / "none" / "*.txt"], template="corpus", out=tmp_path / "out")
    assert batch.written == [] and batch.total == 1 and "matches no files" in batch.failures[0].error
    assert not (tmp_path / "out").exists()


def test_four_distinct_reports_in_one_out_and_a_glob_read_where_it_was_typed(tmp_path):
    """The article and tutorial reports of one article, the corpus reports of two folders named text."""
    _write(tmp_path / "talks.txt", TINY)
    for folder in ("one", "two"):
        for day in ("01", "02"):
            _write(tmp_path / folder / "text" / f"talks-{day}.txt", TINY.replace("Monday", f"day {day}"))
    runs = [
        ("talks.txt",),
        ("--template", "tutorial", "talks.txt"),
        ("--template", "corpus", "one/text/*.txt", "two/text"),
    ]
    for arguments in runs:
        run = analysis_cli("report", *arguments, "--out", "out", "--format", "ipynb", cwd=tmp_path)
        assert run.returncode == 0, run.stderr
    assert files(tmp_path / "out") == ["one-text-txt.corpus.ipynb", "talks.ipynb", "talks.tutorial.ipynb", "two-text.corpus.ipynb"]
    glob_report = (tmp_path / "out" / "one-text-txt.corpus.ipynb").read_text(encoding="utf-8")
    assert "2 articles analysed" in glob_report  # the kernel read the glob where the command ran
