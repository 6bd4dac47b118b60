"""Reports as a reader sees them: rendered in headless Chromium with MathJax loaded.

nbconvert's page loads MathJax, which typesets whatever sits between two
dollar signs. Reports are rendered here in Debian's ``chromium`` with
Debian's ``libjs-mathjax`` standing in for the page's online copy (the
page's own script tag, pointed at the local file), and a probe script reads
back what the page shows once MathJax has finished: the math it typeset,
the text, the links and whether any script of the article ran. The article
(``fixtures/report-dollars.txt``) holds "$200 or less … $200", a
``$\\frac{1}{2}$``, a ``$\\href{…}{…}$``, a ``<script>`` and an ``<img onerror>``;
``fixtures/report-outputs.ipynb`` shows its dollar paragraphs through every
kind of output (markdown, HTML, a pandas table, print, a plain value) beside
two pieces of LaTeX that must still be typeset. The same notebook exported
by nbconvert's stock page shows that the check fails where MathJax is let
loose. Skips where Chromium or MathJax is not installed (``.ci/run``
installs both).
"""

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.report import notebook_html, run_reports

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "report-dollars.txt"
OUTPUTS = FIXTURES / "report-outputs.ipynb"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MATHJAX = Path("/usr/share/javascript/mathjax/MathJax.js")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BUDGET_MS = 20_000  # virtual time the page may take to load MathJax and typeset

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(not MATHJAX.is_file(), reason="MathJax is not installed (apt-get install libjs-mathjax)"),
]

ONLINE_MATHJAX = re.compile(r'<script src="https://[^"]*/mathjax/[^"]*?/(?:latest|MathJax)\.js\?config=([^"]*)"')
ONLINE_SCRIPT = re.compile(r'<script src="https://[^"]*"[^>]*></script>')  # require.js: no network here
# Runs after MathJax's first typeset (its queue), then a moment for the article's own handlers.
PROBE = """<script>
(function () {
  function report(found) { document.body.setAttribute("data-probe", JSON.stringify(found)); }
  if (typeof MathJax === "undefined") { report({mathjax: false}); return; }
  MathJax.Hub.Queue(function () {
    setTimeout(function () {
      var all = function (selector, read) { return Array.prototype.map.call(document.querySelectorAll(selector), read); };
      report({
        mathjax: MathJax.isReady === true,
        math: all('script[type^="math/tex"]', function (s) { return s.textContent; }),
        links: all("a[href]", function (a) { return a.getAttribute("href"); }),
        text: document.body.innerText,
        pwned: document.body.getAttribute("data-pwned")
      });
    }, 500);
  });
})();
</script>"""


def rendered(page: str, folder: Path) -> dict:
    """What Chromium shows of ``page`` (HTML text) once MathJax has run: the probe's findings."""
    local, count = ONLINE_MATHJAX.subn(lambda m: f'<script src="{MATHJAX.as_uri()}?config={m[1]}"', page)
    assert count == 1, "the page does not load MathJax the way nbconvert's page does"
    local = ONLINE_SCRIPT.sub("", local).replace("</body>", PROBE + "</body>")
    file = folder / "page.html"
    file.write_text(local, encoding="utf-8")
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={folder / 'chromium'}", f"--virtual-time-budget={BUDGET_MS}",
               "--dump-dom", file.as_uri()]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'data-probe="([^"]*)"', result.stdout)
    assert found, f"the probe did not report (chromium exited {result.returncode}): {result.stderr[-500:]}"
    return json.loads(html.unescape(found[1]))


@pytest.fixture(scope="module")
def article_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    batch = run_reports([ARTICLE], out=out / "reports", progress=False)
    return rendered(batch.written[0].read_text(encoding="utf-8"), out)


@pytest.fixture(scope="module")
def outputs_notebook(tmp_path_factory):
    import nbformat

    out = tmp_path_factory.mktemp("outputs")
    batch = run_reports([ARTICLE], template=OUTPUTS, out=out / "reports", fmt="ipynb", progress=False)
    return out, nbformat.read(batch.written[0], as_version=4)


def test_mathjax_ran_on_the_article_report(article_page):
    assert article_page["mathjax"]


def test_no_part_of_the_article_is_typeset_as_math(article_page):
    assert not [math for math in article_page["math"] if "200" in math or "frac" in math or "href" in math]


def test_every_dollar_amount_is_shown(article_page):
    text = article_page["text"]
    shown = ARTICLE.read_text(encoding="utf-8")
    assert "$200 or less" in text and "$350" in text
    assert text.count("$200") >= shown.count("$200")  # the article once, its quotes again in the tables
    assert "$\\frac{1}{2}$" in text and "$\\href{https://example.org/leak}{the full draft}$" in text


def test_article_markup_is_text_and_no_script_of_it_runs(article_page):
    assert article_page["pwned"] is None
    assert "<script>document.body.setAttribute" in article_page["text"] and "<b>Port Alder</b>" in article_page["text"]
    assert not [link for link in article_page["links"] if "example.org" in link]  # \href made no link


def test_every_kind_of_output_shows_dollars_as_text_and_latex_stays_math(outputs_notebook):
    folder, nb = outputs_notebook
    page = rendered(notebook_html(nb), folder)
    assert page["mathjax"] and sorted(page["math"]) == ["x^2", "y^3"]  # the template's prose; a Latex output
    assert page["text"].count("$200 or less") == 5  # markdown, HTML, table, print, plain value
    assert not [link for link in page["links"] if "example.org" in link]


def test_the_check_fails_on_nbconvert_s_stock_page(outputs_notebook):
    from nbconvert import HTMLExporter

    folder, nb = outputs_notebook
    stock, _ = HTMLExporter(template_name="lab", exclude_input=True).from_notebook_node(nb)
    page = rendered(stock, folder)
    assert [math for math in page["math"] if "200" in math]  # what the reports' own page prevents
