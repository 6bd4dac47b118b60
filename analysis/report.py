"""Report: execute a parameterised notebook with papermill and write HTML.

One report per input, named after it (:func:`report_name`): the article
template writes ``<article>.html``, every other template
``<input>.<template>.html`` (``seed.tutorial.html``, ``dev-text.corpus.html``),
with the executed ``.ipynb`` beside it. Every check that needs no kernel runs
first, for the whole batch: the template exists, parameter names are ones its
``parameters`` cell declares, values parse as the type of the declared
default, inputs are regular files that load, ``--out`` is a folder that can be
written. Paths are never format strings, and nothing is written outside the
output folder. Writes are atomic (a hidden temporary file in the output
folder, then :func:`os.replace`), so a failed run never leaves a half report;
its executed notebook is kept as ``<name>.FAILED.ipynb`` and the error names
it and the failing cell. The kernel runs in the current folder, so relative
paths and globs mean what they meant where the command was typed, and paths
are shown relative to it.

>>> sorted(TEMPLATES)
['article', 'corpus', 'tutorial']
>>> report_name("seeds/istanbul-pow-exchange.txt"), report_name("seeds/istanbul-pow-exchange.txt", "tutorial")
('istanbul-pow-exchange', 'istanbul-pow-exchange.tutorial')
>>> coerce_parameter("top", "12", default=10)
12
>>> coerce_parameter("top", "many", default=10)
Traceback (most recent call last):
...
analysis.errors.ParameterError: parameter 'top' takes an int (its default is 10), got 'many'
"""

from __future__ import annotations

import ast
import copy
import glob
import hashlib
import html
import json
import logging
import os
import re
import stat
import sys
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .errors import AnalysisError, InputError, OutputError, ParameterError, ReportError
from .load import ARTICLE_SUFFIXES
from .records import LoadFailure

# The templates are notebooks/ at the top of the repository; a build copies them into the
# package as analysis/templates/ (pyproject.toml), an editable install reads them in place.
_PACKAGED_TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_DIR = _PACKAGED_TEMPLATES if _PACKAGED_TEMPLATES.is_dir() else _PACKAGED_TEMPLATES.parent.parent / "notebooks"
TEMPLATES = {name: TEMPLATE_DIR / f"{name}.ipynb" for name in ("article", "corpus", "tutorial")}
DEFAULT_TEMPLATE = "article"  # its reports are <name>.html; every other template adds .<template>
# The parameter each template reads its input from; a custom template may declare either.
INPUT_PARAMETERS = ("article_path", "corpus_path")
KERNEL_NAME = "python3"  # installed into the venv by `make install`; ipykernel's own otherwise
FORMATS = ("html", "ipynb")
START_TIMEOUT = 60  # seconds papermill waits for the kernel to start
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]  # the kernel's own log (start-up warnings, "KeyboardInterrupt caught" as it is shut down) stays off the terminal; cell errors are in the notebook
CHOICES_PREFIX = "one of:"  # a parameter comment "# one of: a, b, c" restricts its values
# An article report shows the whole article, highlighted; a longer text is refused before any
# kernel starts (a 5 MB article took ten minutes). The other commands read up to load.MAX_BYTES.
MAX_ARTICLE_BYTES = 1_000_000
# Seconds any one cell may run: CELL_TIMEOUT, plus CELL_TIMEOUT_PER_MB per MB of input (a corpus:
# all its files), some twenty times what the seed and PolNeAR dev need.
CELL_TIMEOUT = 120
CELL_TIMEOUT_PER_MB = 60
FAILED_SUFFIX = ".FAILED"  # <name>.FAILED.ipynb: a report name never holds a dot before its template
NAME_LIMIT = 120  # characters of an input's name kept in its report's name
FOLDER_HINT = "is a folder; use --template corpus for one report of all its articles, or a glob such as 'DIR/*.txt' for one each"
# Hidden temporary files: .<name>.<pid>-<12 hex>.partial.<ext>; the pid tells a dead run's from a live one's.
_SURROGATE = re.compile("[\ud800-\udfff]")
_PARTIAL = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{12}\.partial\.(?:ipynb|html)")
# MathJax (loaded by nbconvert's page) typesets the template's own prose only: outputs are data
# (article text, names, outlets, tables) where "$200 … $200" is money, not maths. An explicit
# LaTeX output (IPython.display.Latex) is still typeset.
MATHJAX_CONFIG = {
    "tex2jax": {
        "inlineMath": [["$", "$"], ["\\(", "\\)"]],
        "displayMath": [["$$", "$$"], ["\\[", "\\]"]],
        "processEscapes": True,
        "processEnvironments": True,
        "ignoreClass": "tex2jax_ignore|jp-OutputArea-output",
        "processClass": "tex2jax_process|jp-RenderedLatex",
    },
    "displayAlign": "center",
    "messageStyle": "none",
    "CommonHTML": {"linebreaks": {"automatic": True}},
}
_PAGE_TEMPLATE = "analysis-report.html.j2"
_PAGE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_mathjax -%}
<script src="{{ resources.mathjax_url }}"></script>
<script type="text/x-mathjax-config">MathJax.Hub.Config({{ resources.analysis_mathjax_config }});</script>
{%- endblock html_head_js_mathjax -%}
"""


@dataclass(frozen=True, slots=True)
class ReportBatch:
    """What a call to :func:`run_reports` wrote, and which inputs failed and why."""

    written: list[Path] = field(default_factory=list)  # one report file per input that succeeded
    failures: list[LoadFailure] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True, slots=True)
class Parameter:
    """A parameter declared in a notebook's ``parameters`` cell."""

    name: str
    default: object  # the literal default, or its source text when not a literal
    help: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        """Allowed values from a ``# one of: a, b, c`` comment, else ()."""
        text = self.help.strip()
        if not text.lower().startswith(CHOICES_PREFIX):
            return ()
        rest = text[len(CHOICES_PREFIX) :].split(";", 1)[0]
        return tuple(choice.strip() for choice in rest.split(",") if choice.strip())


def resolve_template(template: str | os.PathLike) -> Path:
    """The notebook file of a template name (``article``, ``corpus``, ``tutorial``) or path.

    >>> resolve_template("article").name
    'article.ipynb'
    >>> resolve_template("slides")
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: unknown template 'slides'; use one of article, corpus, tutorial, or the path of a .ipynb file
    """
    if isinstance(template, str) and template in TEMPLATES:
        path = TEMPLATES[template]
    elif isinstance(template, os.PathLike) or str(template).endswith(".ipynb"):
        path = Path(template)
    else:
        raise ParameterError(
            f"unknown template {template!r}; use one of {', '.join(TEMPLATES)}, or the path of a .ipynb file"
        )
    if not path.is_file():
        raise InputError(str(path), "no such notebook template; check the path")
    return path


def template_key(template: str | os.PathLike) -> str:
    """The name a template gives its reports: a built-in's name, or a notebook file's stem as a slug.

    >>> template_key("corpus"), template_key("my templates/Slides v2.ipynb"), template_key("x/failed.ipynb")
    ('corpus', 'Slides-v2', 'failed-template')
    """
    if isinstance(template, str) and template in TEMPLATES:
        return template
    key = slug(Path(template).stem) or "template"
    return f"{key}-template" if key.upper() == FAILED_SUFFIX[1:] else key  # never a failure's name


def slug(text: str) -> str:
    """``text`` with every run of characters other than letters, digits, ``-`` and ``_`` made one ``-``.

    >>> slug("{title}.final draft"), slug("..hidden"), slug("Zürich_2024")
    ('title-final-draft', 'hidden', 'Zürich_2024')
    """
    return re.sub(r"[^\w-]+", "-", text).strip("-")[:NAME_LIMIT].strip("-")


def report_name(path: str | os.PathLike, template: str | os.PathLike = DEFAULT_TEMPLATE, *, corpus: bool | None = None) -> str:
    """The file name (without suffix) of the report of ``path`` made with ``template``.

    An article's report is named after its file; a corpus's after its folder
    and the folder above it (corpus folders are often all called ``text``),
    then a glob's pattern; each part a :func:`slug`. Every template but the
    article one adds its own name, so reports of one input by several
    templates sit side by side.

    >>> report_name("polnear/dev/text", "corpus"), report_name("polnear/train/text", "corpus")
    ('dev-text.corpus', 'train-text.corpus')
    >>> report_name("one/text/*.txt", "corpus"), report_name("tables/week.csv", "corpus"), report_name("{x} $1.txt")
    ('one-text-txt.corpus', 'tables-week.corpus', 'x-1')
    """
    key = template_key(template)
    if corpus is None:
        corpus = key == "corpus"
    if corpus:
        folder, pattern = _glob_base(str(path))
        absolute = Path(os.path.abspath(folder))
        last = absolute.stem if absolute.suffix.lower() in ARTICLE_SUFFIXES else absolute.name  # a table: its stem
        parts = [absolute.parent.name, last, pattern]
    else:
        parts = [Path(os.path.abspath(path)).stem]
    name = "-".join(part for part in map(slug, parts) if part) or ("corpus" if corpus else "article")
    return name if key == DEFAULT_TEMPLATE else f"{name}.{key}"


def _glob_base(path: str) -> tuple[str, str]:
    """``path`` split into the folder before its first wildcard and the pattern from there on.

    >>> _glob_base("dev/text/*.txt"), _glob_base("dev/text"), _glob_base("*.txt")
    (('dev/text', '*.txt'), ('dev/text', ''), ('.', '*.txt'))
    """
    if os.path.lexists(path) or not glob.has_magic(path):
        return path, ""
    parts = Path(path).parts
    first = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    return str(Path(*parts[:first])) if first else ".", str(Path(*parts[first:]))


def shown_path(path: str | os.PathLike) -> str:
    """``path`` relative to the current folder, as a report shows it (never an absolute machine path).

    >>> shown_path(os.path.join(os.getcwd(), "seeds", "a.txt")) == os.path.join("seeds", "a.txt")
    True
    """
    absolute = os.path.abspath(path)
    try:
        return os.path.relpath(absolute)
    except ValueError:  # another drive (Windows): no relative path exists
        return absolute


def notebook_parameters(template: str | os.PathLike) -> dict[str, Parameter]:
    """The parameters a notebook declares in its ``parameters`` cell (papermill's inspection).

    >>> params = notebook_parameters("article")
    >>> "article_path" in params and params["article_path"].default
    ''
    """
    import papermill

    path = resolve_template(template)
    try:
        inspected = papermill.inspect_notebook(str(path))
    except Exception as error:  # papermill/nbformat raise many kinds for a bad file
        raise InputError(str(path), f"cannot be read as a notebook ({type(error).__name__}: {error})") from error
    params = {}
    for name, info in inspected.items():
        source = info.get("default") or ""
        try:
            default = ast.literal_eval(source)
        except (ValueError, SyntaxError):
            default = source
        params[name] = Parameter(name, default, (info.get("help") or "").strip())
    return params


def coerce_parameter(name: str, value: str, *, default: object, choices: Iterable[str] = ()) -> object:
    """Parse a command-line value as the type of the parameter's default.

    >>> coerce_parameter("show", "yes", default=False), coerce_parameter("scale", "2", default=1.5)
    (True, 2.0)
    >>> coerce_parameter("group_by", "colour", default="outlet", choices=("outlet", "side"))
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'group_by' must be one of outlet, side, got 'colour'
    """
    choices = tuple(choices)
    if not isinstance(value, str):  # already typed by a Python caller
        parsed = value
    elif isinstance(default, bool):
        lowered = value.strip().lower()
        if lowered not in ("true", "false", "yes", "no", "1", "0"):
            raise ParameterError(f"parameter {name!r} takes true or false (its default is {default}), got {value!r}")
        parsed = lowered in ("true", "yes", "1")
    elif isinstance(default, (int, float)):
        kind = type(default)
        try:
            parsed = kind(value)
        except ValueError as error:
            raise ParameterError(
                f"parameter {name!r} takes an {kind.__name__} (its default is {default}), got {value!r}"
            ) from error
    else:
        parsed = value
    if choices and parsed not in choices:
        raise ParameterError(f"parameter {name!r} must be one of {', '.join(choices)}, got {value!r}")
    return parsed


def check_parameters(declared: Mapping[str, Parameter], given: Mapping[str, object], *, reserved: str) -> dict:
    """Typed values for ``given``; unknown names and the input parameter are refused.

    A ``*_path`` value must name a regular file; it is passed on relative to the current folder.

    >>> declared = {"title": Parameter("title", ""), "article_path": Parameter("article_path", "")}
    >>> check_parameters(declared, {"titel": "x"}, reserved="article_path")
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: unknown parameter 'titel'; this notebook takes: title (article_path is set from the input paths)
    """
    valid = [name for name in declared if name != reserved]
    typed = {}
    for name, value in given.items():
        if name not in valid:
            raise ParameterError(
                f"unknown parameter {name!r}; this notebook takes: {', '.join(valid) or '(none)'}"
                f" ({reserved} is set from the input paths)"
            )
        parameter = declared[name]
        typed[name] = coerce_parameter(name, value, default=parameter.default, choices=parameter.choices)
        if name.endswith("_path") and typed[name]:
            source = str(typed[name])
            _regular_file(Path(source), source, given_for=name)
            typed[name] = shown_path(source)
    return typed


def input_digest(paths: Iterable[Path]) -> str:
    """SHA-256 of the input files' bytes (several files: of their names and digests, in order).

    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = file.write_bytes(b"abc")
    >>> input_digest([file])[:16]
    'ba7816bf8f01cfea'
    """
    paths = list(paths)
    if len(paths) == 1:
        return hashlib.sha256(paths[0].read_bytes()).hexdigest()
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.name}\t{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _Job:
    source: str  # the input as the user gave it
    name: str  # the report's file name without suffix (report_name)
    value: str  # the input for the notebook parameter, relative to the current folder
    files: tuple[Path, ...]  # the files read, for the digest
    size: int  # their bytes, for the cell time-out


def _regular_file(path: Path, source: str, *, given_for: str = "") -> int:
    """The size of ``path``, a regular file; a missing file, a folder, a FIFO or a device is an InputError.

    Checked before anything reads the file: reading a FIFO would wait for ever.
    """
    where = f" (given for the parameter {given_for})" if given_for else ""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise InputError(source, f"no such file{where}; check the path") from error
    except OSError as error:  # a symlink loop, a name too long, no permission
        raise InputError(source, f"cannot be read{where}: {error.strerror}") from error
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, f"is a folder{where}; give a file" if given_for else FOLDER_HINT)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(source, f"is not a regular file (a FIFO, socket or device){where}; give a file")
    return info.st_size


def _article_inputs(raw: str | os.PathLike) -> Iterator[Path | LoadFailure]:
    """The files an article-template input names: itself, or each file a glob matches."""
    from .load import expand_paths

    if not os.path.lexists(raw) and glob.has_magic(str(raw)):
        yield from expand_paths([raw])
    else:
        yield Path(raw)


def _article_job(path: Path, key: str, *, max_bytes: int) -> _Job:
    from .load import iter_corpus

    source = str(path)
    size = _regular_file(path, source)
    if size > max_bytes:
        raise InputError(
            source,
            f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit of an article report (it shows the "
            "whole article); split it, or read it with analysis quotes, tone or positions",
        )
    items = _load(path, source, iter_corpus)
    failures = [item for item in items if isinstance(item, LoadFailure)]
    if failures:
        raise InputError(source, failures[0].error.removeprefix(f"{failures[0].source}: "))
    if len(items) != 1:
        raise InputError(source, f"holds {len(items)} articles; use --template corpus for one report of them all")
    return _Job(source, report_name(path, key, corpus=False), shown_path(path), (path,), size)


def _corpus_job(raw: str | os.PathLike, key: str) -> _Job:
    from .load import expand_paths, iter_corpus

    source = str(raw)
    if os.path.lexists(raw) and not os.path.isdir(raw):
        _regular_file(Path(raw), source)  # a FIFO named directly; a folder's or a glob's are skipped
    files, problems = [], []
    for item in expand_paths([raw]):
        (problems if isinstance(item, LoadFailure) else files).append(item)
    if not files:
        raise InputError(source, problems[0].error if problems else "holds no article files")
    first_problem = ""
    for path in files:  # an empty corpus is an error: at least one file must hold an article
        try:
            items = _load(path, str(path), iter_corpus)
        except InputError as error:
            items = [LoadFailure(error.source, error.message)]
        if any(not isinstance(item, LoadFailure) for item in items):
            break
        if items and not first_problem:
            first_problem = f"{items[0].source}: {items[0].error}"
    else:
        raise InputError(source, f"holds no article that can be read (of {len(files)} file(s), the first: {first_problem})")
    size = sum(path.stat().st_size for path in files)
    return _Job(source, report_name(raw, key, corpus=True), shown_path(raw), tuple(files), size)


def _load(path: Path, source: str, iter_corpus) -> list:
    """The articles (and load failures) of one file; what the kernel would fail on is refused here."""
    try:
        items = list(iter_corpus([path]))
    except RecursionError as error:
        raise InputError(source, "is JSON nested too deeply to read; flatten it") from error
    except ValueError as error:  # a JSON number of thousands of digits, and other parser limits
        raise InputError(source, f"cannot be read as an article ({_one_line(str(error), 80)}); fix the file") from error
    for item in items:
        text = getattr(item, "text", "")
        if not text.isascii() and _SURROGATE.search(text):  # from JSON "\ud800": no character, cannot be written
            raise InputError(source, "holds a lone surrogate escape (such as \\ud800), which is no character; fix the file")
    return items


def check_out(out: str | os.PathLike) -> Path:
    """The output folder, created if missing, once :func:`analysis.output.check_output_folder` has passed it.

    >>> check_out(os.devnull)
    Traceback (most recent call last):
    ...
    analysis.errors.OutputError: --out /dev/null: is a file, not a folder; give a folder for the reports
    """
    from .output import check_output_folder

    check_output_folder(out, "--out")
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a race, or a parent that refuses only folders
        raise OutputError(f"--out {out}: cannot be created ({error.strerror}); choose another place") from error
    return folder


def clean_partial_files(folder: Path) -> list[Path]:
    """Remove the hidden temporary files that killed runs left in ``folder``; the removed ones.

    Only files named as this module names them (``.<name>.<pid>-<hex>.partial.ipynb``)
    whose process is gone are removed; a live run's and every other file stay.
    """
    removed = []
    for entry in os.scandir(folder):
        match = _PARTIAL.fullmatch(entry.name)
        if match and entry.is_file(follow_symlinks=False) and not _alive(int(match["pid"])):
            Path(entry.path).unlink(missing_ok=True)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's live process; a number no pid can be
        return True
    return True


def run_reports(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    template: str | os.PathLike = DEFAULT_TEMPLATE,
    out: str | os.PathLike = "reports",
    parameters: Mapping[str, object] | None = None,
    fmt: str = "html",
    show_code: bool | None = None,
    progress: bool | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    cell_timeout: float | None = None,
) -> ReportBatch:
    """Execute ``template`` once per input and write one report each into ``out``.

    ``template`` is ``"article"`` (one report per article file, or per file a
    glob matches), ``"corpus"`` (one report per folder, glob or table of
    articles), ``"tutorial"``, or the path of a notebook whose ``parameters``
    cell declares ``article_path`` or ``corpus_path``. Reports are named by
    :func:`report_name`. ``parameters`` are further notebook parameters by
    name, as strings typed by their defaults. A single input's error is raised
    (:class:`InputError`, :class:`ReportError`); in a batch each failure is
    listed in :attr:`ReportBatch.failures` and the rest go on. Bad parameters
    and a bad ``out`` always raise before any kernel starts.
    ``show_code`` keeps code cells in the HTML; by default they are hidden,
    unless the template's metadata says ``{"analysis": {"show_code": true}}``
    (the tutorial, which is about the code).
    ``progress`` shows a tqdm bar on standard error (default: when it is a
    terminal and there are several inputs). ``max_bytes`` is the largest
    article an article report takes; ``cell_timeout`` the seconds any one cell
    may run (default: :data:`CELL_TIMEOUT` plus :data:`CELL_TIMEOUT_PER_MB` per MB of input).
    """
    import nbformat

    from .output import check_output_folder

    if fmt not in FORMATS:
        raise ParameterError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    notebook, reserved, typed = _checked_template(template, parameters)
    check_output_folder(out, "--out")  # before any input is read; created only when there is a report to write
    sources = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not sources:
        raise InputError("report", "no input paths given; name at least one article file")
    single = len(sources) == 1 and not (glob.has_magic(str(sources[0])) and not os.path.lexists(sources[0]))
    jobs, failures = _jobs(sources, template_key(template), corpus=reserved == "corpus_path", single=single,
                           max_bytes=max_bytes, fmt=fmt)  # fmt: skip
    total = len(jobs) + len(failures)
    if not jobs:  # every input was refused: nothing to write, --out is left as it is
        return ReportBatch(failures=failures, total=total)
    out_dir = check_out(out)
    clean_partial_files(out_dir)
    template_nb = nbformat.read(notebook, as_version=4)
    if show_code is None:
        show_code = bool(template_nb.metadata.get("analysis", {}).get("show_code", False))
    written = []
    for job in _progress(jobs, enabled=progress if progress is not None else len(jobs) > 1 and sys.stderr.isatty()):
        timeout = int(cell_timeout or CELL_TIMEOUT + CELL_TIMEOUT_PER_MB * job.size / 1e6)
        try:
            written.append(
                _run_one(job, copy.deepcopy(template_nb), notebook.name, {reserved: job.value, **typed}, out_dir,
                         fmt=fmt, show_code=show_code, timeout=timeout)  # fmt: skip
            )
        except AnalysisError as error:
            if single and len(jobs) == 1:
                raise
            message = str(error).removeprefix(f"{job.source}: ")  # the failure names its source already
            failures.append(LoadFailure(job.source, message, type(error).__name__))
    return ReportBatch(written=written, failures=failures, total=total)


def _checked_template(template: str | os.PathLike, parameters: Mapping[str, object] | None) -> tuple[Path, str, dict]:
    """The template's notebook, the input parameter it declares, and the user's parameters typed by its defaults."""
    notebook = resolve_template(template)
    declared = notebook_parameters(notebook)
    reserved = next((name for name in INPUT_PARAMETERS if name in declared), None)
    if reserved is None:
        raise ParameterError(
            f"{notebook}: its parameters cell declares neither {' nor '.join(INPUT_PARAMETERS)}; "
            "add one so the report knows where its input goes"
        )
    return notebook, reserved, check_parameters(declared, dict(parameters or {}), reserved=reserved)


def _jobs(sources: list, key: str, *, corpus: bool, single: bool, max_bytes: int, fmt: str):
    """A job per input (an article glob: per file it matches), and the inputs refused, before any kernel starts."""
    jobs, failures, names = [], [], {}
    for raw in sources:
        for target in [raw] if corpus else _article_inputs(raw):
            try:
                if isinstance(target, LoadFailure):
                    raise InputError(target.source, target.error)
                job = _corpus_job(target, key) if corpus else _article_job(target, key, max_bytes=max_bytes)
                if job.name in names:
                    raise InputError(
                        job.source,
                        f"would overwrite the report of {names[job.name]} ({job.name}.{fmt}); "
                        "rename one of the files or report them into different --out folders",
                    )
                names[job.name] = job.source
                jobs.append(job)
            except InputError as error:
                if single:
                    raise
                failures.append(LoadFailure(error.source, error.message, "InputError"))
    return jobs, failures


def _progress(jobs: list[_Job], *, enabled: bool):
    from tqdm import tqdm

    return tqdm(jobs, desc="reports", unit="report", file=sys.stderr, disable=not enabled)


def _run_one(
    job: _Job, nb, template: str, parameters: dict, out_dir: Path, *, fmt: str, show_code: bool, timeout: float
) -> Path:
    """Execute one copy of the template notebook ``nb`` for one input and write its report atomically."""
    import nbformat

    provenance = {
        "version": __version__,
        "template": template,
        "input": job.value,
        "input_sha256": input_digest(job.files),
        "parameters": parameters,
        "made": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    nb.metadata["analysis"] = provenance
    nb.metadata["title"] = job.name
    nb.cells.append(nbformat.v4.new_markdown_cell(_provenance_html(provenance), metadata={"tags": ["provenance"]}))

    failed = out_dir / f"{job.name}{FAILED_SUFFIX}.ipynb"
    executed_tmp = _temp_path(out_dir, job.name, ".ipynb")
    html_tmp = _temp_path(out_dir, job.name, ".html")
    try:
        executed = _execute(nb, parameters, timeout=timeout, failed=failed, source=job.source, executed_tmp=executed_tmp,
                            name=template.removesuffix(".ipynb"))  # fmt: skip
        nbformat.write(executed, executed_tmp)
        if fmt == "html":
            try:
                html_tmp.write_text(notebook_html(executed, show_code=show_code), encoding="utf-8")
            except Exception as error:  # nbconvert: templates, filters, markdown rendering
                _keep_failed(executed_tmp, failed)
                raise ReportError(
                    f"{job.source}: the notebook ran but could not be converted to HTML ({type(error).__name__}: "
                    f"{_one_line(str(error))}); the executed notebook is kept at {failed}",
                    notebook=str(failed),
                ) from error
        os.replace(executed_tmp, out_dir / f"{job.name}.ipynb")
        if fmt == "html":
            os.replace(html_tmp, out_dir / f"{job.name}.html")
    finally:  # also on KeyboardInterrupt: no partial files stay behind
        executed_tmp.unlink(missing_ok=True)
        html_tmp.unlink(missing_ok=True)
    failed.unlink(missing_ok=True)  # this report's own earlier failure no longer applies
    return out_dir / f"{job.name}.{fmt}"


def _execute(nb, parameters: dict, *, timeout: float, failed: Path, executed_tmp: Path, source: str, name: str):
    """Run the notebook with papermill; on failure keep it as ``failed`` and raise a one-line ReportError.

    papermill's ``execute_notebook`` formats its output path with the parameters (``{x}`` in a
    file name) and saves the notebook after each cell; its parts are called here instead, so no
    path is a format string and nothing is written before the run ends. The kernel starts in
    the current folder.
    """
    from nbclient.exceptions import CellTimeoutError
    from papermill.engines import papermill_engines
    from papermill.exceptions import PapermillExecutionError
    from papermill.execute import raise_for_execution_errors
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = parameterize_notebook(load_notebook_node(nb), parameters, kernel_name=KERNEL_NAME)
    try:
        with _quiet_papermill():
            papermill_engines.execute_notebook_with_engine(
                None,
                nb,
                kernel_name=KERNEL_NAME,
                input_path=None,
                output_path=None,
                progress_bar=False,
                start_timeout=START_TIMEOUT,
                execution_timeout=timeout,
                extra_arguments=KERNEL_ARGUMENTS,
            )
        raise_for_execution_errors(nb, None)  # marks the failing cell in nb, writes nothing
        return nb
    except PapermillExecutionError as error:
        _keep(nb, executed_tmp, failed)
        raise ReportError(
            f"{source}: the {name} notebook failed at cell {error.cell_index} (In [{error.exec_count}]) with "
            f"{error.ename}: {_one_line(error.evalue)}; no report was written, the executed notebook is kept at {failed}",
            notebook=str(failed),
            cell=error.cell_index,
        ) from error
    except CellTimeoutError as error:
        cell = _last_started_cell(nb)
        _keep(nb, executed_tmp, failed)
        raise ReportError(
            f"{source}: the {name} notebook's cell {cell} ran past the time-out of {timeout:.0f} s and was stopped; "
            f"no report was written, the executed notebook is kept at {failed}",
            notebook=str(failed),
            cell=cell,
        ) from error
    except Exception as error:  # kernel missing or dead: anything else that stopped execution
        _keep(nb, executed_tmp, failed)
        raise ReportError(
            f"{source}: the {name} notebook could not run ({type(error).__name__}: {_one_line(str(error))}); "
            f"no report was written; check that the '{KERNEL_NAME}' kernel is installed (make install)",
            notebook=str(failed) if failed.exists() else None,
        ) from error


@contextmanager
def _quiet_papermill() -> Iterator[None]:
    """papermill's log ("Timeout waiting for execute reply") kept off a terminal that has no logging set up.

    Only Python's last-resort handler is kept away: a program that configured logging still gets the records.
    """
    logger = logging.getLogger("papermill")
    handler = logging.NullHandler()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _last_started_cell(nb) -> int | None:
    started = [i for i, cell in enumerate(nb.cells) if cell.metadata.get("papermill", {}).get("start_time")]
    return started[-1] if started else None


def _keep(nb, executed_tmp: Path, failed: Path) -> None:
    """Keep a notebook that failed as ``failed`` (written to a temporary file first, then moved)."""
    import nbformat

    if any(cell.get("outputs") or cell.get("execution_count") for cell in nb.cells if cell.cell_type == "code"):
        nbformat.write(nb, executed_tmp)
        os.replace(executed_tmp, failed)


def notebook_html(nb, *, show_code: bool = False) -> str:
    """An executed notebook as standalone HTML; code cells and prompts hidden unless ``show_code``.

    nbconvert's lab page, whose MathJax leaves every output as it is (:data:`MATHJAX_CONFIG`).
    """
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        template_file=_PAGE_TEMPLATE,
        extra_loaders=[jinja2.DictLoader({_PAGE_TEMPLATE: _PAGE})],
        exclude_input=not show_code,
        exclude_input_prompt=not show_code,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"analysis_mathjax_config": json.dumps(MATHJAX_CONFIG)})
    return body


def _provenance_html(provenance: dict) -> str:
    parameters = ", ".join(f"{name} = {value!r}" for name, value in provenance["parameters"].items())
    return (
        '<footer class="analysis-provenance"><hr><small class="tex2jax_ignore">'
        f"Made with <code>analysis</code> {html.escape(provenance['version'])} "
        f"from the template <code>{html.escape(provenance['template'])}</code> "
        f"on {html.escape(provenance['made'])}. "
        f"Input: <code>{html.escape(provenance['input'])}</code>, "
        f"SHA-256 <code>{html.escape(provenance['input_sha256'])}</code>. "
        f"Parameters: <code>{html.escape(parameters)}</code>."
        "</small></footer>"
    )


def _temp_path(folder: Path, name: str, suffix: str) -> Path:
    """A hidden, unique file name in ``folder`` (same file system, so os.replace is atomic); see _PARTIAL."""
    return folder / f".{name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.partial{suffix}"


def _keep_failed(executed_tmp: Path, failed: Path) -> None:
    if executed_tmp.exists() and executed_tmp.stat().st_size:
        os.replace(executed_tmp, failed)
    else:
        executed_tmp.unlink(missing_ok=True)


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
