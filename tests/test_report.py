"""Tests for the report command's checks and failure handling.

Parameter and input errors are raised before any kernel starts; a notebook
that fails midway (``fixtures/broken.ipynb``, really executed by papermill)
leaves no report behind, only ``<name>.FAILED.ipynb``, and a one-line error.
The real templates are executed in ``test_notebooks.py``.
"""

from pathlib import Path

import pytest

from analysis import SEED_ARTICLE
from analysis.cli import main
from analysis.errors import InputError, ParameterError, ReportError
from analysis.report import coerce_parameter, notebook_parameters, resolve_template, run_reports

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken.ipynb"


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("article", {"article_path", "sides_path", "topics_path", "title"}),
        ("corpus", {"corpus_path", "group_by", "sides_path", "topics_path", "title"}),
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


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    """One real papermill run of a notebook that fails at its fourth cell, over an older good report."""
    out = tmp_path_factory.mktemp("broken")
    (out / "istanbul-pow-exchange.html").write_text("earlier report", encoding="utf-8")
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
    assert files(out) == ["istanbul-pow-exchange.broken.FAILED.ipynb", "istanbul-pow-exchange.html"]
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
