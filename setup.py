"""Build step (all other settings are in pyproject.toml).

The report templates (``notebooks/*.ipynb``) and the seed article
(``seeds/*.txt``) stay at the top of the repository, their only copy; a build
copies them into the package as ``analysis/templates/`` and ``analysis/seeds/``,
so a wheel carries them. An editable install reads them in place
(``analysis.report.TEMPLATE_DIR``, ``analysis.SEED_ARTICLE``).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# source folder at the top of the repository -> (folder inside the package, files copied)
SHIPPED = {"notebooks": ("templates", "*.ipynb"), "seeds": ("seeds", "*.txt")}


class build_py_with_templates(build_py):  # noqa: N801 (setuptools' command naming)
    """build_py, then the templates and the seed article copied into the built package."""

    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads notebooks/ and seeds/ in place
            return
        for source, (target, pattern) in SHIPPED.items():
            files = sorted(Path(source).glob(pattern))
            if not files:
                raise SystemExit(f"setup.py: no {pattern} in {source}/; build from a full checkout of the repository")
            folder = Path(self.build_lib, "analysis", target)
            self.mkpath(str(folder))
            for path in files:
                self.copy_file(str(path), str(folder / path.name))


setup(cmdclass={"build_py": build_py_with_templates})
