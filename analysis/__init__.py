"""Who said what in news articles, on which side, in what tone, and which positions they stated.

The public surface is flat; names are imported from their stage modules on
first use, so ``import analysis`` is cheap and nothing runs on import.

>>> import analysis
>>> article = analysis.load_article(analysis.SEED_ARTICLE)
>>> article.title
'Over 1,200 POWs to Be Exchanged Following Talks in Istanbul'

Stages, one module each: load → tokenize → quotes → speakers (attribution)
→ corpus → tone / positions → network → frames / plots / display → report; cli parses arguments
only. Errors: see :mod:`analysis.errors`.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

__version__ = "0.1.0"

# The built-in example article: seeds/ at the top of the repository, which a
# build copies into the package (analysis/seeds/); an editable install reads it in place.
_SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_ARTICLE = (_SEEDS if _SEEDS.is_dir() else _SEEDS.parent.parent / "seeds") / "istanbul-pow-exchange.txt"

_EXPORTS = {
    # records
    "Article": "records",
    "Span": "records",
    "Sentence": "records",
    "Tokens": "records",
    "Speaker": "records",
    "Quote": "records",
    "OutletCitation": "records",
    "AttributedArticle": "records",
    "LoadFailure": "records",
    "Mention": "records",
    # errors
    "AnalysisError": "errors",
    "InputError": "errors",
    "DataFileError": "errors",
    "ParameterError": "errors",
    "ReportError": "errors",
    "EvaluationError": "errors",
    "OutputError": "errors",
    # load
    "load_article": "load",
    "load_corpus": "load",
    "iter_corpus": "load",
    "article_from_text": "load",
    "Corpus": "load",
    # tokenize
    "tokenize": "tokenize",
    "split_sentences": "tokenize",
    "split_words": "tokenize",
    # attribution
    "attribute": "attribution",
    "find_quotes": "attribution",
    "read_sides": "speakers",
    "quotes_json": "attribution",
    "merge_continuations": "attribution",
    "load_cues": "quotes",
    # corpus: one speaker across articles
    "article_speakers": "corpus",
    "merge_speakers": "corpus",
    "SpeakerIndex": "corpus",
    "CorpusSpeaker": "corpus",
    # corpus runs: every core, or a Dask cluster
    "map_articles": "batch",
    "run_corpus": "streams",
    "corpus_frame": "streams",
    "corpus_speakers": "streams",
    "dask_frame": "cluster",
    "dask_corpus": "cluster",
    # tone and positions
    "WordEffect": "records",
    "ToneScore": "records",
    "Marker": "records",
    "QuoteTone": "records",
    "ToneAggregate": "records",
    "Topic": "records",
    "Position": "records",
    "score_tone": "tone",
    "explain_tone": "tone",
    "find_markers": "tone",
    "cue_stance": "tone",
    "score_quotes": "tone",
    "summarise_tone": "tone",
    "tone_rows": "tone",
    "read_topics": "tone",
    "find_positions": "positions",
    "find_quantities": "positions",
    "position_rows": "positions",
    "tone_table": "frames",
    "tone_summary": "frames",
    "position_table": "frames",
    # the discourse network (networkx): analysis.network.graph, congruence, conflict
    "corpus_network": "network",
    # notebooks and reports (these import pandas, seaborn, papermill on first use)
    "quote_table": "frames",
    "speaker_table": "frames",
    "article_tables": "frames",
    "corpus_tables": "frames",
    "highlight_quotes": "display",
    "run_reports": "report",
    "ReportBatch": "report",
}

__all__ = sorted([*_EXPORTS, "SEED_ARTICLE", "__version__"])


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


# ``analysis.tokenize`` names both a stage module and the function it exports. Importing the module sets the
# package's attribute to the module, so whichever stage imported it first decided what ``analysis.tokenize``
# was; binding the function here, once, keeps it the function (the module stays ``sys.modules``' entry).
from .tokenize import tokenize  # noqa: E402
