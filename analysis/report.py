"""Report: execute a parameterised notebook with papermill and write HTML.

One report per input: ``reports/<stem>.html`` (code cells hidden unless
``show_code``) with the executed ``reports/<stem>.ipynb`` beside it. Every
check that needs no kernel runs first, for the whole batch: the template
exists, parameter names are ones its ``parameters`` cell declares, values
parse as the type of the declared default, inputs exist and load. Writes are
atomic (a temporary file in the output folder, then :func:`os.replace`), so a
failed run never leaves a half report; its executed notebook is kept as
``<stem>.FAILED.ipynb`` and the error names it and the failing cell.

>>> sorted(TEMPLATES)
['article', 'corpus', 'tutorial']
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
import hashlib
import html
import os
import sys
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .errors import AnalysisError, InputError, ParameterError, ReportError
from .records import LoadFailure

# Templates ship beside the package in this (editable) layout: <repo>/notebooks/.
NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
TEMPLATES = {name: NOTEBOOK_DIR / f"{name}.ipynb" for name in ("article", "corpus", "tutorial")}
# The parameter each template reads its input from; a custom template may declare either.
INPUT_PARAMETERS = ("article_path", "corpus_path")
KERNEL_NAME = "python3"  # installed into the venv by `make install` (ipykernel --sys-prefix)
FORMATS = ("html", "ipynb")
START_TIMEOUT = 60  # seconds papermill waits for the kernel to start
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]  # keep the kernel's start-up warnings off the terminal
CHOICES_PREFIX = "one of:"  # a parameter comment "# one of: a, b, c" restricts its values


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
            path = Path(typed[name])
            if not path.exists():
                raise InputError(str(path), f"no such file (given for the parameter {name}); check the path")
            typed[name] = str(path.resolve())
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
    stem: str  # output file name without suffix
    value: str  # absolute input path for the notebook parameter
    files: tuple[Path, ...]  # the files read, for the digest


def _article_job(raw: str | os.PathLike) -> _Job:
    from .load import load_article

    path = Path(raw)
    load_article(path)  # raises InputError for a missing, empty, binary or undecodable file
    return _Job(str(raw), path.stem, str(path.resolve()), (path,))


def _corpus_job(raw: str | os.PathLike) -> _Job:
    from .load import expand_paths

    files, problems = [], []
    for item in expand_paths([raw]):
        (problems if isinstance(item, LoadFailure) else files).append(item)
    if not files:
        raise InputError(str(raw), problems[0].error if problems else "holds no article files")
    path = Path(raw)
    name = path.stem if path.exists() else "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in str(raw))
    value = str(path.resolve()) if path.exists() else str(raw)
    return _Job(str(raw), f"corpus-{name.strip('-') or 'articles'}", value, tuple(files))


def run_reports(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    template: str | os.PathLike = "article",
    out: str | os.PathLike = "reports",
    parameters: Mapping[str, object] | None = None,
    fmt: str = "html",
    show_code: bool | None = None,
    progress: bool | None = None,
) -> ReportBatch:
    """Execute ``template`` once per input and write one report each.

    ``template`` is ``"article"`` (one report per article file), ``"corpus"``
    (one report per folder, glob or table of articles), ``"tutorial"``, or
    the path of a notebook whose ``parameters`` cell declares ``article_path``
    or ``corpus_path``. ``parameters`` are further notebook parameters by
    name, as strings typed by their defaults. A single input's error is raised
    (:class:`InputError`, :class:`ReportError`); in a batch each failure is
    listed in :attr:`ReportBatch.failures` and the rest go on. Bad parameters
    always raise :class:`ParameterError` before any kernel starts.
    ``show_code`` keeps code cells in the HTML; by default they are hidden,
    unless the template's metadata says ``{"analysis": {"show_code": true}}``
    (the tutorial, which is about the code).
    ``progress`` shows a tqdm bar on standard error (default: when it is a
    terminal and there are several inputs).
    """
    import nbformat

    if fmt not in FORMATS:
        raise ParameterError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    notebook = resolve_template(template)
    declared = notebook_parameters(notebook)
    reserved = next((name for name in INPUT_PARAMETERS if name in declared), None)
    if reserved is None:
        raise ParameterError(
            f"{notebook}: its parameters cell declares neither {' nor '.join(INPUT_PARAMETERS)}; "
            "add one so the report knows where its input goes"
        )
    typed = check_parameters(declared, dict(parameters or {}), reserved=reserved)
    sources = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not sources:
        raise InputError("report", "no input paths given; name at least one article file")
    make_job = _corpus_job if reserved == "corpus_path" else _article_job

    jobs, failures, stems = [], [], {}
    for raw in sources:  # every input is checked before any kernel starts
        try:
            job = make_job(raw)
            if job.stem in stems:
                raise InputError(
                    job.source,
                    f"would overwrite the report of {stems[job.stem]} ({job.stem}.{fmt}); "
                    "rename one of the files or report them into different --out folders",
                )
            stems[job.stem] = job.source
            jobs.append(job)
        except InputError as error:
            if len(sources) == 1:
                raise
            failures.append(LoadFailure(error.source, error.message, "InputError"))

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    template_nb = nbformat.read(notebook, as_version=4)
    if show_code is None:
        show_code = bool(template_nb.metadata.get("analysis", {}).get("show_code", False))
    written = []
    for job in _progress(jobs, enabled=progress if progress is not None else len(jobs) > 1 and sys.stderr.isatty()):
        try:
            written.append(
                _run_one(job, copy.deepcopy(template_nb), notebook.name, {reserved: job.value, **typed}, out_dir,
                         fmt=fmt, show_code=show_code)  # fmt: skip
            )
        except AnalysisError as error:
            if len(sources) == 1:
                raise
            message = str(error).removeprefix(f"{job.source}: ")  # the failure names its source already
            failures.append(LoadFailure(job.source, message, type(error).__name__))
    return ReportBatch(written=written, failures=failures, total=len(sources))


def _progress(jobs: list[_Job], *, enabled: bool):
    from tqdm import tqdm

    return tqdm(jobs, desc="reports", unit="report", file=sys.stderr, disable=not enabled)


def _run_one(job: _Job, nb, template: str, parameters: dict, out_dir: Path, *, fmt: str, show_code: bool) -> Path:
    """Execute one copy of the template notebook ``nb`` for one input and write its report atomically."""
    import nbformat

    provenance = {
        "version": __version__,
        "template": template,
        "input": job.source,
        "input_sha256": input_digest(job.files),
        "parameters": parameters,
        "made": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    nb.metadata["analysis"] = provenance
    nb.metadata["title"] = job.stem
    nb.cells.append(nbformat.v4.new_markdown_cell(_provenance_html(provenance), metadata={"tags": ["provenance"]}))

    failed = out_dir / f"{job.stem}.FAILED.ipynb"
    executed_tmp = _temp_path(out_dir, job.stem, ".ipynb")
    html_tmp = _temp_path(out_dir, job.stem, ".html")
    try:
        executed = _execute(nb, executed_tmp, parameters, out_dir, failed=failed, source=job.source,
                            name=template.removesuffix(".ipynb"))  # fmt: skip
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
        os.replace(executed_tmp, out_dir / f"{job.stem}.ipynb")
        if fmt == "html":
            os.replace(html_tmp, out_dir / f"{job.stem}.html")
    finally:  # also on KeyboardInterrupt: no partial files stay behind
        executed_tmp.unlink(missing_ok=True)
        html_tmp.unlink(missing_ok=True)
    failed.unlink(missing_ok=True)  # a stale failure from an earlier run no longer applies
    return out_dir / f"{job.stem}.{fmt}"


def _execute(nb, executed_tmp: Path, parameters: dict, out_dir: Path, *, failed: Path, source: str, name: str):
    """Run the notebook with papermill; on failure keep it as ``failed`` and raise a one-line ReportError."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        return papermill.execute_notebook(
            nb,
            str(executed_tmp),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            start_timeout=START_TIMEOUT,
            cwd=str(out_dir),
            extra_arguments=KERNEL_ARGUMENTS,
        )
    except PapermillExecutionError as error:
        _keep_failed(executed_tmp, failed)
        raise ReportError(
            f"{source}: the {name} notebook failed at cell {error.cell_index} (In [{error.exec_count}]) with "
            f"{error.ename}: {_one_line(error.evalue)}; no report was written, the executed notebook is kept at {failed}",
            notebook=str(failed),
            cell=error.cell_index,
        ) from error
    except Exception as error:  # kernel missing or dead, timeouts: anything that stopped execution
        _keep_failed(executed_tmp, failed)
        raise ReportError(
            f"{source}: the {name} notebook could not run ({type(error).__name__}: {_one_line(str(error))}); "
            f"no report was written; check that the '{KERNEL_NAME}' kernel is installed (make install)",
            notebook=str(failed) if failed.exists() else None,
        ) from error


def notebook_html(nb, *, show_code: bool = False) -> str:
    """An executed notebook as standalone HTML; code cells and prompts hidden unless ``show_code``."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=not show_code,
        exclude_input_prompt=not show_code,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def _provenance_html(provenance: dict) -> str:
    parameters = ", ".join(f"{name} = {value!r}" for name, value in provenance["parameters"].items())
    return (
        '<footer class="analysis-provenance"><hr><small>'
        f"Made with <code>analysis</code> {html.escape(provenance['version'])} "
        f"from the template <code>{html.escape(provenance['template'])}</code> "
        f"on {html.escape(provenance['made'])}. "
        f"Input: <code>{html.escape(provenance['input'])}</code>, "
        f"SHA-256 <code>{html.escape(provenance['input_sha256'])}</code>. "
        f"Parameters: <code>{html.escape(parameters)}</code>."
        "</small></footer>"
    )


def _temp_path(folder: Path, stem: str, suffix: str) -> Path:
    """A hidden, unique file name in ``folder`` (same file system, so os.replace is atomic)."""
    return folder / f".{stem}.{uuid.uuid4().hex[:12]}.partial{suffix}"


def _keep_failed(executed_tmp: Path, failed: Path) -> None:
    if executed_tmp.exists() and executed_tmp.stat().st_size:
        os.replace(executed_tmp, failed)
    else:
        executed_tmp.unlink(missing_ok=True)


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
