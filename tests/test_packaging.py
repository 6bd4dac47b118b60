"""A plain (non-editable) install works from any folder.

A wheel is built from a clean copy of the repository (its tracked and
unignored files: no ``.venv``, no reports) with this environment's setuptools
and no network, installed into a fresh virtual environment, and used from an
empty folder: ``analysis.SEED_ARTICLE`` and the templates are inside the
installed package, and the article and tutorial reports of the seed are
written. The fresh environment borrows this one's dependencies (a ``.pth``
file naming its site-packages, and nbconvert's page templates from its
``share/jupyter``) rather than downloading them; the package itself, and the
kernel the reports run in, come only from the fresh environment. Skips with a reason where a wheel cannot
be built offline (no git checkout, setuptools older than 70.1).
"""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ["analysis/templates/article.ipynb", "analysis/templates/corpus.ipynb", "analysis/templates/tutorial.ipynb",
           "analysis/seeds/istanbul-pow-exchange.txt"]  # fmt: skip
MIN_SETUPTOOLS = (70, 1)  # bdist_wheel inside setuptools: no other package needed to build


def run(command, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL, **kwargs)
    assert result.returncode == 0, f"{command[:4]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


def tracked_files() -> list[str]:
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                                capture_output=True, check=True, timeout=60).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"not a git checkout, so no clean copy can be made ({error})")
    return [name for name in listed.decode().split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    import setuptools

    version = tuple(int(part) for part in setuptools.__version__.split(".")[:2])
    if version < MIN_SETUPTOOLS:
        pytest.skip(f"setuptools {setuptools.__version__} cannot build a wheel offline; make install brings 70.1+")
    source = tmp_path_factory.mktemp("clean-copy")
    for name in tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((REPO / name).read_bytes())
    dist = tmp_path_factory.mktemp("dist")
    build = run([sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps", "--no-build-isolation", "--no-index",
                 "--wheel-dir", str(dist), str(source)])  # fmt: skip
    (built,) = dist.glob("analysis-*.whl")
    return built, build.stdout + build.stderr


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A fresh venv holding the wheel, its dependencies borrowed from this environment; its bin/ and an empty folder."""
    built, _ = wheel
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    install = run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(built)])
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n", encoding="utf-8")
    jupyter = tmp_path_factory.mktemp("jupyter")  # nbconvert's templates, and no kernel but the fresh python's own
    (jupyter / "nbconvert").symlink_to(Path(sys.prefix, "share", "jupyter", "nbconvert"), target_is_directory=True)
    env = {**os.environ, "JUPYTER_PATH": str(jupyter), "JUPYTER_DATA_DIR": str(jupyter / "user")}
    return Fresh(venv / "bin", tmp_path_factory.mktemp("empty"), site, env, install.stdout + install.stderr)


@dataclass(frozen=True)
class Fresh:
    bin: Path
    empty: Path  # the folder the commands run in
    site: Path
    env: dict
    install_log: str


def test_the_templates_and_the_seed_have_one_copy_in_the_repository():
    files = tracked_files()
    assert "seeds/istanbul-pow-exchange.txt" in files and "notebooks/article.ipynb" in files
    assert not [name for name in files if name.startswith(("analysis/templates/", "analysis/seeds/"))]


def test_the_wheel_carries_the_templates_and_the_seed(wheel):
    built, _ = wheel
    names = zipfile.ZipFile(built).namelist()
    assert set(SHIPPED) <= set(names) and "analysis/mentions/__init__.py" in names
    assert not [name for name in names if name.startswith(("notebooks/", "seeds/", "tests/"))]


def test_building_and_installing_give_no_setuptools_warning(wheel, installed):
    _, build_log = wheel
    for log in (build_log, installed.install_log):
        assert "Warning" not in log and "deprecated" not in log.lower()


def test_the_installed_package_is_used_from_an_empty_folder(installed):
    probe = ("import json, analysis, analysis.report as r; print(json.dumps({'file': analysis.__file__, "
             "'seed': str(analysis.SEED_ARTICLE), 'exists': analysis.SEED_ARTICLE.is_file(), "
             "'templates': [str(p) for p in r.TEMPLATES.values() if p.is_file()]}))")  # fmt: skip
    found = json.loads(run([str(installed.bin / "python"), "-c", probe], cwd=installed.empty).stdout)
    site = installed.site
    assert found["exists"] and Path(found["file"]).is_relative_to(site) and Path(found["seed"]).is_relative_to(site)
    assert len(found["templates"]) == 3 and all(Path(t).is_relative_to(site) for t in found["templates"])
    version = run([str(installed.bin / "analysis"), "--version"], cwd=installed.empty).stdout.split()
    assert version[0] == "analysis" and version[1][0].isdigit()


def test_the_reports_run_in_a_kernel_of_the_fresh_environment(installed):
    probe = "from jupyter_client.kernelspec import KernelSpecManager as K; print(K().get_kernel_spec('python3').argv[0])"
    kernel = run([str(installed.bin / "python"), "-c", probe], cwd=installed.empty, env=installed.env).stdout.strip()
    assert kernel == str(installed.bin / "python")  # ipykernel's own spec for the fresh interpreter, not this one


def test_the_article_and_tutorial_reports_of_the_seed_are_written(installed):
    seed = installed.site / "analysis" / "seeds" / "istanbul-pow-exchange.txt"
    for template in ("article", "tutorial"):
        command = [str(installed.bin / "analysis"), "report", str(seed), "--template", template, "--out", "out"]
        run(command, cwd=installed.empty, env=installed.env)
    assert sorted(p.name for p in (installed.empty / "out").glob("*.html")) == [
        "istanbul-pow-exchange.html",
        "istanbul-pow-exchange.tutorial.html",
    ]
