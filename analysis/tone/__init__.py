"""Tone: what a quote sounds like, why, and how the reporter framed it.

Three things are measured for every quote, each from a documented data file
in ``analysis/data/`` (see its README):

* a **score** — VADER's compound, pos, neu and neg, computed sentence by
  sentence (VADER's compound saturates on long text) and averaged, with an
  explanation: the words that moved it and by how much, with the negations
  and intensifiers that changed them, and the topic words set aside
  (``topics.tsv``: "prisoners of war" names what the talks are about, it is
  not the speaker's tone);
* **tone markers** beside the score (``tone_markers.tsv``): hedges, boosters,
  negation, first-person plural, contesting the other side's framing,
  questions and exclamations;
* the **cue stance** the reporting verb carries (``cue_stances.tsv``):
  "said" is neutral, "claimed" distancing, "emphasized" emphatic.

The parts, one file each: :mod:`~analysis.tone.score` (VADER, word by word),
:mod:`~analysis.tone.phrases` (the phrase matcher the data files share),
:mod:`~analysis.tone.lexicons` (topics), :mod:`~analysis.tone.markers`
(markers and cue stances) and :mod:`~analysis.tone.quotes` (every quote of
an article, as records and rows).

Which VADER. Measured on the rated NYT editorial sentences in
``../shared/tone`` (dev half, 2,568 sentences; rating/4, ±0.05 classes):
vaderSentiment 3.3.2 reaches Pearson r 0.496 and macro-F1 0.528, NLTK 3.10's
``SentimentIntensityAnalyzer`` given the same lexicon r 0.483 and macro-F1
0.526. So this module follows **vaderSentiment's own algorithm** and reads the
lexicon, emoji list and constants shipped inside the ``vaderSentiment``
package (nothing is downloaded). It re-implements the scoring step by step so
that each word's effect can be reported and topic words set aside; on a plain
sentence the compound is VADER's (a test checks this), with two deliberate
differences: typographic quotation marks and dashes are stripped from words
like ASCII punctuation (VADER misses “good”), and the contrastive "but"
re-weights every word by its position (VADER finds a word with
``list.index(value)``, so two words of equal valence are weighed as the first).

>>> score = score_tone("We have agreed to exchange prisoners of war.", ignore=["prisoners of war"])
>>> score.compound > 0.05, explain_tone(score)
(True, "agreed +0.27; 'prisoners of war' set aside (topic, -5.2)")
>>> score_tone("We have agreed to exchange prisoners of war.").compound
-0.7269
"""


from .lexicons import TOPIC_USES, TOPICS_FILE, resolve_topics, parse_topics, read_topics, topic_phrases
from .markers import (
    CUE_STANCES,
    CUE_STANCES_FILE,
    MARKER_NAMES,
    MARKERS_FILE,
    UNLISTED,
    cue_stance,
    default_cue_stances,
    default_markers,
    find_markers,
    parse_cue_stances,
    parse_markers,
)
from .phrases import PhraseMatcher, ignore_matcher
from .quotes import quote_spans, score_quotes, sentence_ends, summarise_tone, tone_row, tone_rows
from .score import ALPHA, EXPLAIN_LIMIT, TOPIC_REASON, TYPOGRAPHIC_PUNCTUATION, explain_tone, score_tone, vader

__all__ = [
    "ALPHA",
    "CUE_STANCES",
    "CUE_STANCES_FILE",
    "EXPLAIN_LIMIT",
    "MARKERS_FILE",
    "MARKER_NAMES",
    "TOPICS_FILE",
    "TOPIC_REASON",
    "TOPIC_USES",
    "TYPOGRAPHIC_PUNCTUATION",
    "UNLISTED",
    "PhraseMatcher",
    "cue_stance",
    "default_cue_stances",
    "default_markers",
    "explain_tone",
    "find_markers",
    "ignore_matcher",
    "parse_cue_stances",
    "parse_markers",
    "parse_topics",
    "quote_spans",
    "read_topics",
    "resolve_topics",
    "score_quotes",
    "score_tone",
    "sentence_ends",
    "summarise_tone",
    "tone_row",
    "tone_rows",
    "topic_phrases",
    "vader",
]
