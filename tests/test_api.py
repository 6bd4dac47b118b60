"""The public surface: ``analysis.__all__`` is complete, resolves, and importing is cheap."""

import subprocess
import sys

import analysis


def test_every_public_name_resolves():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_all_is_sorted_and_unique():
    assert analysis.__all__ == sorted(set(analysis.__all__))


def test_unknown_attribute_is_an_attribute_error():
    try:
        analysis.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_import_runs_nothing_heavy():
    code = "import sys, analysis; print(sorted(m for m in ('pandas', 'nltk', 'papermill', 'seaborn') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_analysis_tokenize_stays_the_function_whichever_stage_is_imported_first():
    code = "import analysis.mentions.lexicon, analysis.positions, analysis; print(callable(analysis.tokenize))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
