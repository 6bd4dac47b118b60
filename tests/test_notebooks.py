"""The three notebooks, really executed by papermill on the seed and on the fixture corpus.

Each report is made once per module and shared by the assertions: the HTML
has no code cells and no traceback, names the speakers, shows figures, escapes
article markup, and records the version, parameters and input digest.
"""

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

import analysis
from analysis import SEED_ARTICLE
from analysis.cli import main
from analysis.report import run_reports

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
SCRIPT_ARTICLE = CORPUS / "valleytimes_2024-03-07_script-markup.txt"
POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "polnear" / "dev" / "text"
SPARSE = ("breitbart_2016-09-25_pence-gennifer-flowers-won-t-be-.txt",  # three quotes, positions on election topics only
          "huff-post_2016-09-28_clinton-supporting-super-pacs-ta.txt",  # no quote at all
          "usa-today_2016-09-08_laws-don-t-apply-equially-to-cli.txt")  # two quotes  # fmt: skip
SEED_SPEAKERS = ("Rustem Umerov", "Vladimir Medinsky", "Sergiy Kyslytsya", "Heorhii Tykhyi")
IMAGE = 'src="data:image/png;base64,'


def images(html: str) -> int:
    return html.count(IMAGE)


def body(html: str) -> str:
    """The report without nbconvert's style sheets (which name every class)."""
    return html.split("<body", 1)[1]


def assert_clean(html: str) -> None:
    shown = body(html)
    assert "Traceback" not in shown and "jp-OutputArea-error" not in shown
    assert "application/vnd.jupyter.stderr" not in shown, "warnings or errors printed in the report"
    assert "jp-CodeMirrorEditor" not in shown, "code cells are shown"


@pytest.fixture(scope="module")
def article_batch(tmp_path_factory):
    """The article notebook over the seed, the <script> fixture and a missing file, in one batch."""
    out = tmp_path_factory.mktemp("reports")
    batch = run_reports([SEED_ARTICLE, SCRIPT_ARTICLE, out / "missing.txt"], out=out, progress=False)
    return out, batch


@pytest.fixture(scope="module")
def seed_html(article_batch):
    out, _ = article_batch
    return (out / "istanbul-pow-exchange.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    parameters = {"group_by": "outlet", "sides_path": str(FIXTURES / "corpus-sides.json")}
    batch = run_reports([CORPUS], template="corpus", out=out, parameters=parameters)
    assert batch.written == [out / "fixtures-corpus.corpus.html"]
    return batch.written[0].read_text(encoding="utf-8")


def test_a_batch_with_one_failing_input_writes_the_others(article_batch):
    out, batch = article_batch
    assert batch.total == 3
    assert batch.written == [out / "istanbul-pow-exchange.html", out / "valleytimes_2024-03-07_script-markup.html"]
    [failure] = batch.failures
    assert failure.source.endswith("missing.txt") and failure.error_type == "InputError"
    assert sorted(p.name for p in out.iterdir()) == [
        "istanbul-pow-exchange.html",
        "istanbul-pow-exchange.ipynb",
        "valleytimes_2024-03-07_script-markup.html",
        "valleytimes_2024-03-07_script-markup.ipynb",
    ]


def test_article_report_names_the_four_speakers(seed_html):
    for name in SEED_SPEAKERS:
        assert name in seed_html


def test_article_report_is_clean_with_at_least_three_figures(seed_html):
    assert_clean(seed_html)
    assert images(seed_html) >= 3


def test_article_report_highlights_quotes_and_shows_tables(seed_html):
    assert 'class="analysis-highlight' in seed_html
    assert "First and foremost, our agreement" in seed_html
    assert seed_html.count('class="analysis-table') >= 3  # speakers, quotes, positions


def test_report_records_version_parameters_and_input_digest(article_batch, seed_html):
    out, _ = article_batch
    digest = hashlib.sha256(SEED_ARTICLE.read_bytes()).hexdigest()
    footer = seed_html.split('class="analysis-provenance"', 1)[1]
    assert digest in footer and analysis.__version__ in footer and "article_path" in footer
    meta = json.loads((out / "istanbul-pow-exchange.ipynb").read_text(encoding="utf-8"))["metadata"]["analysis"]
    assert meta["input_sha256"] == digest and meta["version"] == analysis.__version__
    assert meta["parameters"]["article_path"] == os.path.relpath(SEED_ARTICLE)  # as the user would type it


def test_article_markup_is_shown_as_text_never_run(article_batch):
    out, _ = article_batch
    html = (out / "valleytimes_2024-03-07_script-markup.html").read_text(encoding="utf-8")
    assert_clean(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"<script[^>]*>\s*alert", html, re.IGNORECASE)
    assert "<img src=x" not in html and "<b>bold</b>" not in html
    assert "Lena Park" in html


def test_corpus_report_over_the_fixture_corpus(corpus_html):
    assert_clean(corpus_html)
    assert images(corpus_html) >= 3
    for text in ("harbourpost", "valleytimes", "Maria Okafor", "4 articles analysed", "port authority"):
        assert text in corpus_html
    assert "&lt;script&gt;" in corpus_html and not re.search(r"<script[^>]*>\s*alert", corpus_html, re.IGNORECASE)


def test_tutorial_shows_its_code_and_runs_from_the_cli(tmp_path, capsys):
    assert main(["report", str(SEED_ARTICLE), "--template", "tutorial", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "istanbul-pow-exchange.tutorial.html")
    html = (tmp_path / "istanbul-pow-exchange.tutorial.html").read_text(encoding="utf-8")
    assert "Traceback" not in html and "jp-CodeMirrorEditor" in body(html)  # a tutorial is about its code
    assert "score_tone" in html and images(html) >= 2


def test_ipynb_format_writes_only_the_executed_notebook(tmp_path):
    batch = run_reports([SEED_ARTICLE], template="tutorial", out=tmp_path, fmt="ipynb")
    assert batch.written == [tmp_path / "istanbul-pow-exchange.tutorial.ipynb"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["istanbul-pow-exchange.tutorial.ipynb"]


def test_committed_notebooks_have_no_outputs():
    import nbformat

    for name in ("article", "corpus", "tutorial"):
        nb = nbformat.read(analysis.SEED_ARTICLE.parent.parent / "notebooks" / f"{name}.ipynb", as_version=4)
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        assert all(not cell.outputs and cell.execution_count is None for cell in code), name
        assert not any("def " in cell.source for cell in code), f"{name} defines a function"
        assert sum("parameters" in cell.metadata.get("tags", []) for cell in code) == 1


# --- what a reader sees ---

CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
MISSING = {"nan", "none", "nat", "[]", "<na>"}


def table_cells(html: str) -> list[str]:
    return [cell.strip() for table in re.findall(r'class="analysis-table.*?</table>', body(html), re.DOTALL)
            for cell in CELL.findall(table)]  # fmt: skip


def assert_reads_well(html: str) -> None:
    """No NaN, None, NaT or [] in a table; no offsets; every figure has alt text saying what it shows."""
    cells = table_cells(html)
    assert cells, "no tables"
    assert not [cell for cell in cells if cell.lower() in MISSING], "a table shows a missing value as text"
    assert ">offsets<" not in html and ">evidence span<" not in html
    images = re.findall(r"<img [^>]*>", body(html))
    assert images and all(re.search(r'alt="[^"]{20,}"', image) for image in images), "a figure without alt text"


def test_the_article_report_reads_well(seed_html):
    assert_reads_well(seed_html)
    numbers = re.findall(r"<sup[^>]*>(\d+)</sup>", seed_html.split('class="analysis-article"', 1)[1])
    assert numbers == [str(n) for n in range(1, 12)]  # the quotes' numbers (the reference's 11), as in the tables and the JSON


def test_the_corpus_report_reads_well(corpus_html):
    assert_reads_well(corpus_html)
    assert f"<h1>Corpus: {os.path.relpath(CORPUS)}</h1>" in corpus_html  # relative to where it ran, not the machine path
    assert str(FIXTURES) not in body(corpus_html).split('class="analysis-provenance"')[0]


@pytest.fixture(scope="module")
def polnear_batch(tmp_path_factory):
    if not POLNEAR_DEV.is_dir():
        pytest.skip("PolNeAR is not in ../shared (a user's clone has none)")
    out = tmp_path_factory.mktemp("polnear")
    paths = [POLNEAR_DEV / name for name in SPARSE]
    article = run_reports(paths[:1], out=out / "article", progress=False)
    tutorial = run_reports(paths, template="tutorial", out=out / "tutorial", progress=False)
    return article, tutorial


def test_a_sparse_election_article_reads_well_and_speaks_of_its_own_subject(polnear_batch):
    article, _ = polnear_batch
    html = article.written[0].read_text(encoding="utf-8")
    assert_clean(html)
    assert_reads_well(html)
    shown = body(html).lower()
    assert "prisoner" not in shown and "ceasefire" not in shown
    assert "taxes" in shown and "debates" in shown  # its positions are on the election lexicon's topics (issue 9)
    assert shown.count("no positions on the topics") == 0


def test_the_tutorial_runs_on_any_article_and_says_when_there_is_nothing_to_show(polnear_batch):
    _, tutorial = polnear_batch
    assert not tutorial.failures and len(tutorial.written) == len(SPARSE)
    for path in tutorial.written:
        html = path.read_text(encoding="utf-8")
        assert "Traceback" not in html and "Error" not in body(html).split("<footer")[0].replace("jp-OutputArea-error", "")
    quoteless = [p for p in tutorial.written if p.name == f"{Path(SPARSE[1]).stem}.tutorial.html"][0].read_text(encoding="utf-8")
    assert "No quote was found in this article" in quoteless and "No quotes to score" in quoteless
