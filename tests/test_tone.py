"""Tone: VADER parity, sentence aggregation, topic words set aside, markers, cue stances, rows and summaries."""

import json
from pathlib import Path

import pytest

from analysis import SEED_ARTICLE
from analysis.errors import DataFileError
from analysis.load import load_article
from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
from analysis.tokenize import tokenize
from analysis.tone import (
    cue_stance,
    explain_tone,
    find_markers,
    parse_cue_stances,
    parse_markers,
    parse_topics,
    read_topics,
    score_quotes,
    score_tone,
    summarise_tone,
    tone_rows,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the project; absent in a user's clone
GOLD = SHARED / "gold" / "istanbul-pow-exchange.json"
TONE_SET = SHARED / "tone" / "nyt-editorial-snippets-dev.tsv"


@pytest.fixture(scope="module")
def vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


# --- the score ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The book was good.",
        "The book was not good.",
        "The book was very good!",
        "The book was VERY GOOD, and the plot was kind of bad.",
        "At least it isn't a horrible book.",
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        "Without a doubt, excellent idea.",
        "No problem at all, no good deed goes unpunished.",
        "It was one of the least compelling, most dreadful variations???",
        "Sentiment analysis has never been this good!",
        "Make sure you :) or :D today!",
        "Catch utf-8 emoji such as 💘 and 😁",
        "Prisoners of war were exchanged under an agreement.",
        "",
    ],
)
def test_a_plain_sentence_scores_as_vader_does(vader, sentence):
    expected = vader.polarity_scores(sentence)
    score = score_tone(sentence)
    assert score.compound == pytest.approx(expected["compound"], abs=1e-4)
    assert (score.pos, score.neu, score.neg) == pytest.approx((expected["pos"], expected["neu"], expected["neg"]), abs=1e-3)


def test_typographic_quotes_do_not_hide_a_word():
    assert score_tone("“Good,” she said.").compound == score_tone('"Good," she said.').compound > 0


def test_word_effects_add_up_to_the_compound():
    score = score_tone("The talks were not good, but the agreement is great!")
    assert sum(w.effect for w in score.words) + score.punctuation == pytest.approx(score.compound, abs=1e-3)
    modifiers = {w.word: w.modifiers for w in score.words}
    assert "negated by 'not'" in modifiers["good"]


def test_sentences_are_averaged_and_toneless_ones_do_not_dilute():
    one = score_tone("We are very happy.")
    assert score_tone("We are very happy. The meeting was on Monday.").compound == one.compound
    mixed = score_tone("We are very happy. The talks were terrible.")
    assert mixed.sentences == 2
    assert mixed.compound == pytest.approx((one.compound + score_tone("The talks were terrible.").compound) / 2, abs=1e-4)


def test_long_text_does_not_saturate():
    text = " ".join(["The delegates were pleased with a good result."] * 12)
    assert score_tone(text).compound == score_tone("The delegates were pleased with a good result.").compound < 0.9


@pytest.mark.parametrize(
    ("text", "ignore", "aside"),
    [
        ("We agreed to exchange prisoners of war.", ("prisoner* of war",), "prisoners of war"),
        ("The injured were recovered.", ("injured",), "injured"),
        ("Soldiers killed in the war will be returned.", ("killed", "war"), "killed"),
    ],
)
def test_topic_words_are_set_aside_and_explained(text, ignore, aside):
    plain, scored = score_tone(text), score_tone(text, ignore=ignore)
    assert plain.compound < 0
    assert scored.compound >= 0
    assert aside in [w.word for w in scored.set_aside]
    assert f"'{aside}' set aside (topic" in explain_tone(scored)


def test_no_before_a_topic_word_is_a_negation_not_a_tone_word():
    assert score_tone("A ceasefire means no hostilities.", ignore=("hostilities",)).compound == 0


@pytest.mark.skipif(not TONE_SET.exists(), reason=f"the rated tone set is not here ({TONE_SET}); it lives outside the project")
def test_agreement_with_human_ratings_is_at_least_vaders():
    from analysis.evaluate import macro_f1, pearson, tone_class

    rows = [line.rstrip("\n").split("\t") for line in TONE_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    ratings = [float(r[1]) / 4 for r in rows]
    scores = [score_tone(r[2]).compound for r in rows]
    assert pearson(scores, ratings) >= 0.495  # vaderSentiment: 0.496
    assert macro_f1([tone_class(r) for r in ratings], [tone_class(s) for s in scores]) >= 0.528  # vaderSentiment: 0.528


# --- markers and cue stances ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("The exchange may happen next week.", "hedge"),
        ("Reportedly, the talks stalled.", "hedge"),
        ("In our understanding, it is over.", "hedge"),
        ("Civilians must be returned.", "booster"),
        ("We will clearly continue.", "booster"),
        ("They are not part of it.", "negation"),
        ("We don’t accept it.", "negation"),
        ("Our people will come home.", "first_person_plural"),
        ("Give us the list.", "first_person_plural"),
        ("But it is not a ceasefire.", "contesting"),
        ("The Russians are trying to sell it as one.", "contesting"),
        ("This so-called truce changes nothing.", "contesting"),
        ("Is this a ceasefire?", "question"),
        ("Enough!", "exclamation"),
    ],
)
def test_marker_is_found(text, marker):
    assert marker in {m.name for m in find_markers(text)}


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("US officials met in Geneva.", "first_person_plural"),
        ("The outcome is more than 1,200 people.", "contesting"),
        ("The talks went well.", "negation"),
    ],
)
def test_marker_is_not_found(text, marker):
    assert marker not in {m.name for m in find_markers(text)}


def test_marker_spans_point_into_the_text():
    text = "He said: “We may agree.”"
    for marker in find_markers(text, span=Span(9, len(text))):
        assert text[marker.span.start : marker.span.end] == marker.text


@pytest.mark.parametrize(
    ("cue", "stance"),
    [
        ("said", "neutral"),
        ("added", "neutral"),
        ("stated", "neutral"),
        ("told", "neutral"),
        ("concluded", "neutral"),
        ("according to", "neutral"),
        ("emphasized", "emphatic"),
        ("stressed", "emphatic"),
        ("insisted", "emphatic"),
        ("claimed", "distancing"),
        ("alleges", "distancing"),
        ("confirmed", "confirming"),
        ("acknowledged", "confirming"),
        ("pointed out", "confirming"),
        ("denied", "contesting"),
        ("has flatly rejected", "contesting"),
        ("dismissed", "contesting"),
        ("harrumphed", "unlisted"),
        (None, None),
    ],
)
def test_cue_stance(cue, stance):
    assert cue_stance(cue) == stance


# --- data files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ceasefire ceasefire", "tab-separated columns"),
        ("ceasefire\tceasefire\tmaybe", "'topic'"),
        ("ceasefire\twar\taside", "only 'aside' phrases"),
        ("ceasefire\tcease(fire", "fix the phrase"),
        ("# only a comment", "no topics found"),
    ],
)
def test_a_malformed_topic_file_says_what_to_fix(text, message):
    with pytest.raises(DataFileError, match=message):
        parse_topics(text, source="mine.tsv")


def test_a_missing_topic_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="no such topic file"):
        read_topics(tmp_path / "nope.tsv")


def test_a_user_topic_file_is_read_and_the_default_is_cached(tmp_path):
    path = tmp_path / "topics.tsv"
    path.write_text("# mine\nweather\train|storm*\n", encoding="utf-8")
    assert [t.name for t in read_topics(path)] == ["weather"]
    assert read_topics() is read_topics()


def test_the_shipped_topic_files_cover_their_domains():
    names = {t.name for t in read_topics()}
    assert {"prisoner exchange", "ceasefire", "return of remains", "civilians and children", "territory",
            "security guarantees", "sanctions", "talks", "leaders' meeting"} <= names  # fmt: skip
    election = Path(__file__).resolve().parent.parent / "analysis" / "data" / "topics-election.tsv"
    assert {"taxes", "immigration", "health care", "emails", "debates"} <= {t.name for t in read_topics(election)}


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (parse_markers, "hedge\tmay\tloud", "'exact'"),
        (parse_markers, "Hedge!\tmay", "lower-case"),
        (parse_cue_stances, "claim\tsuspicious", "not one of"),
    ],
)
def test_a_malformed_marker_or_cue_file_says_what_to_fix(parse, text, message):
    with pytest.raises(DataFileError, match=message):
        parse(text, source="mine.tsv")


# --- quotes, rows, summaries ----------------------------------------------------------------


def _article(text, quotes):
    article = Article(text, id="t")
    return AttributedArticle(article, tokenize(article), tuple(quotes))


def test_rows_carry_speaker_side_cue_stance_scores_markers_and_explanation():
    text = "“We will never accept this so-called truce,” Kyiv’s envoy Ivan Petrenko insisted."
    petrenko = Speaker("Ivan Petrenko", side="Ukraine")
    quote = Quote("direct", (Span(0, 44),), Span(text.index("insisted"), len(text) - 1), Span(58, 71), (petrenko,))
    row = tone_rows(_article(text, [quote]))[0]
    assert row["speaker"] == "Ivan Petrenko" and row["side"] == "Ukraine"
    assert row["cue"] == "insisted" and row["cue_stance"] == "emphatic"
    assert {"booster", "negation", "first_person_plural", "contesting"} <= set(row["markers"])
    assert -1 <= row["compound"] <= 1 and row["explanation"]
    assert row["content"] == text[:44]


def test_a_joint_statement_lists_both_speakers_and_counts_for_each():
    text = "Ann Lee and Bo Kim announced a good deal."
    quote = Quote("indirect", (Span(29, 40),), Span(19, 28), Span(0, 18), (Speaker("Ann Lee", side="X"), Speaker("Bo Kim", side="Y")))
    attributed = _article(text, [quote])
    assert tone_rows(attributed)[0]["speaker"] == ["Ann Lee", "Bo Kim"]
    by_speaker = summarise_tone(score_quotes(attributed))
    assert [a.key for a in by_speaker] == ["Ann Lee", "Bo Kim"]


def test_summary_by_side_counts_quotes_words_markers_and_stances():
    text = "“We may agree,” Ann said. “It is bad,” Bo claimed. “Good,” Cy said."
    ann, bo, cy = Speaker("Ann", side="X"), Speaker("Bo", side="X"), Speaker("Cy", side="Y")
    quotes = [
        Quote("direct", (Span(0, 15),), Span(20, 24), Span(16, 19), (ann,)),
        Quote("direct", (Span(26, 38),), Span(42, 49), Span(39, 41), (bo,)),
        Quote("direct", (Span(51, 58),), Span(62, 66), Span(59, 61), (cy,)),
    ]
    x = summarise_tone(score_quotes(_article(text, quotes)), by="side")[0]
    assert (x.key, x.quotes, x.words) == ("X", 2, 6)
    assert dict(x.marker_rates)["hedge"] == 0.5
    assert dict(x.cue_stances) == {"distancing": 1, "neutral": 1}


def test_tone_tables_for_notebooks():
    from analysis.frames import tone_summary, tone_table

    text = "“We may agree,” Ann said."
    quote = Quote("direct", (Span(0, 15),), Span(20, 24), Span(16, 19), (Speaker("Ann", side="X"),))
    table = tone_table(_article(text, [quote]))
    assert {"article", "speaker", "side", "compound", "markers", "explanation"} <= set(table.columns)
    summary = tone_summary(table, by="side")
    assert summary.loc[0, "side"] == "X" and summary.loc[0, "hedge"] == 1.0


# --- the seed article ------------------------------------------------------------------------


def gold_attributed() -> AttributedArticle:
    """The seed article with the reference quotes of the gold file (no attribution engine needed)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    article = load_article(SEED_ARTICLE)
    speakers = {s["name"]: Speaker(s["name"], role=s["role"], side=s["side"]) for s in gold["speakers"]}
    quotes = []
    for q in gold["quotes"]:
        names = q["speaker"] if isinstance(q["speaker"], list) else [q["speaker"]]
        quotes.append(
            Quote(
                q["kind"],
                (Span(*q["content"]["span"]),),
                Span(*q["cue"]["span"]) if q["cue"] else None,
                Span(*q["source"]["span"]) if q["source"] else None,
                tuple(speakers[n] for n in names),
            )
        )
    return AttributedArticle(article, tokenize(article), tuple(quotes), tuple(speakers.values()))


def pipeline_attributed() -> AttributedArticle:
    from analysis.attribution import attribute

    return attribute(load_article(SEED_ARTICLE))


SOURCES = [
    pytest.param(gold_attributed, marks=pytest.mark.skipif(not GOLD.exists(), reason=f"the shared reference annotation is not here ({GOLD}); it lives outside the project"), id="gold-quotes"),
    pytest.param(pipeline_attributed, id="pipeline"),
]


def _row(rows, snippet):
    found = [r for r in rows if snippet in r["content"]]
    assert found, f"no quote containing {snippet!r}"
    return found[0]


@pytest.mark.parametrize("source", SOURCES)
def test_seed_topic_words_are_not_tone(source):
    rows = tone_rows(source())
    assert _row(rows, "exchange over 1,200 prisoners of war")["compound"] > -0.05
    assert _row(rows, "we have agreed")["compound"] > -0.05
    assert _row(rows, "First and foremost")["compound"] >= 0.05
    assert "prisoners of war" in _row(rows, "we have agreed")["explanation"]


@pytest.mark.parametrize("source", SOURCES)
def test_seed_markers_and_cue_stances(source):
    rows = tone_rows(source())
    assert "contesting" in _row(rows, "it is not a ceasefire")["markers"]
    assert _row(rows, "had offered to return")["cue_stance"] == "distancing"
    assert _row(rows, "Civilians and children")["cue_stance"] == "emphatic"
    assert _row(rows, "First and foremost")["cue_stance"] == "neutral"


def test_records_fields_in_the_order_tone_builds_them():
    """score_quotes and _combine pass QuoteTone's and ToneScore's fields by position."""
    from dataclasses import fields

    from analysis.records import QuoteTone, ToneScore

    assert [f.name for f in fields(ToneScore)] == ["compound", "pos", "neu", "neg", "words", "set_aside", "sentences", "punctuation"]
    assert [f.name for f in fields(QuoteTone)] == ["index", "speakers", "side", "content", "cue", "cue_stance", "score", "markers", "words", "speaker_ids"]
