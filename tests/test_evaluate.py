"""Tests for analysis.evaluate: the PolNeAR scorer and the tone scorer."""

from pathlib import Path

import pytest

from analysis.errors import EvaluationError
from analysis.evaluate import (
    GoldAttribution,
    evaluate_polnear,
    evaluate_tone,
    macro_f1,
    parse_ann,
    pearson,
    read_ann,
    read_polnear,
    read_tone_set,
    tone_class,
)
from analysis.records import Quote, Span

FIXTURE = Path(__file__).parent / "fixtures" / "polnear"
SPEECH = {"said", "according to"}.__contains__


def _quote(content, cue=None, source=None):
    return Quote("direct", tuple(Span(*c) for c in content), Span(*cue) if cue else None, Span(*source) if source else None)


def _from_gold(gold: GoldAttribution) -> Quote:
    return Quote("indirect", gold.content, gold.cue[0] if gold.cue else None, gold.source[0] if gold.source else None)


def test_read_ann_handles_discontinuous_spans_notes_and_wrapped_text():
    ann = (
        "T1\tContent 0 5;10 12\tpart one\n"
        "and its wrapped second line\n"
        "#1\tAnnotatorNotes T1\ta note\n"
        "T2\tCue 6 9\tsaid\n"
        "E1\tAttribution:T2 Content:T1 Cue:T2 Content2:T3\n"
        "T3\tContent 20 30\ta second part, defined after the event\n"
    )
    [gold] = read_ann(ann)
    assert gold.content == (Span(0, 5), Span(10, 12), Span(20, 30))
    assert gold.cue == (Span(6, 9),)
    assert gold.source == ()


def test_read_polnear_takes_first_annotator_and_rejects_bad_folder(tmp_path):
    [(article, gold)] = read_polnear(FIXTURE)
    assert article.name == "sample.txt"
    assert len(gold) == 4  # from sample_ab12.ann, not the empty sample_zz99.ann
    with pytest.raises(EvaluationError, match="text/ and attributions/"):
        read_polnear(tmp_path)


def test_perfect_predictions_score_one_everywhere():
    [(_, gold)] = read_polnear(FIXTURE)
    result = evaluate_polnear(FIXTURE, find=lambda a: [_from_gold(g) for g in gold], is_speech=SPEECH)
    for part in ("attribution", "content"):
        for subset in ("all", "direct", "speech"):
            assert result.get(part, subset).f1 == 1.0, (part, subset)
    assert result.get("attribution", "direct").gold == 1
    assert result.get("attribution", "speech").gold == 3
    assert result.get("source", "all").gold == 3  # one gold attribution has no source


@pytest.mark.parametrize(
    "predicted, tp, tp_one_to_one, n_pred",
    [
        # content right, source wrong: no attribution match
        ([_quote([(15, 34)], (10, 14), (36, 50))], 0, 0, 1),
        # content and source each share a token
        ([_quote([(20, 24)], (10, 14), (4, 9))], 1, 1, 1),
        # the gold without a source matches on content alone (whatever the source)
        ([_quote([(77, 93)], (72, 76), (0, 3))], 1, 1, 1),
        # two predictions for one gold: both match, but only one when matching one-to-one
        ([_quote([(15, 34)], None, (0, 9)), _quote([(15, 20)], None, (0, 3))], 2, 1, 2),
    ],
)
def test_attribution_matching(predicted, tp, tp_one_to_one, n_pred):
    result = evaluate_polnear(FIXTURE, find=lambda a: predicted, is_speech=SPEECH)
    counts = result.get("attribution", "all")
    assert (counts.tp_pred, counts.pred, counts.gold) == (tp, n_pred, 4)
    strict = result.get("attribution", "all", one_to_one=True)
    assert (strict.tp_pred, strict.tp_gold) == (tp_one_to_one, min(tp_one_to_one, 1))


def test_unmatched_predictions_count_in_the_subset_they_would_belong_to():
    # a quote that no gold attribution covers: direct, with a speech cue
    stray = _quote([(116, 140)], (149, 153), (141, 148))
    result = evaluate_polnear(FIXTURE, find=lambda a: [stray], is_speech=SPEECH)
    assert result.get("attribution", "speech").pred == 1
    assert result.get("attribution", "direct").pred == 1
    assert result.get("attribution", "all").tp_pred == 0
    quiet = _quote([(116, 140)], None, (141, 148))  # no cue: not a speech prediction
    assert evaluate_polnear(FIXTURE, find=lambda a: [quiet], is_speech=SPEECH).get("attribution", "speech").pred == 0


def test_result_formats_as_table_and_dict():
    result = evaluate_polnear(FIXTURE, find=lambda a: [], is_speech=SPEECH)
    assert "attribution all" in " ".join(result.format_table().split())
    assert result.as_dict()["scores"]["attribution/all"]["recall"] == 0.0


def test_pearson_and_macro_f1():
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert macro_f1(["pos", "neg"], ["pos", "neg"]) == 1.0
    assert [tone_class(v) for v in (0.05, -0.05, 0.0)] == ["pos", "neg", "neu"]


def test_tone_evaluation_reads_ratings_on_the_minus_four_to_four_scale(tmp_path):
    path = tmp_path / "rated.tsv"
    path.write_text("1_1\t4\tGreat.\n1_2\t-2\tBad.\n1_3\t0\tA table.\n", encoding="utf-8")
    assert read_tone_set(path)[0] == (1.0, "Great.")
    scores = {"Great.": 0.9, "Bad.": -0.4, "A table.": 0.0}
    result = evaluate_tone(path, scorer=scores.__getitem__)
    assert result.macro_f1 == 1.0 and result.pearson_r > 0.99
    path.write_text("1_1\tnot-a-number\tGreat.\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 1"):
        read_tone_set(path)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"1\t2\tGood.\n", "1 rated sentence; a correlation needs at least two"),
        (b"", "no rated sentences"),
        (b"1\t2\tGood.\n2\tnan\tOdd.\n", r"line 2: the rating 'nan' is not a number from -4 to \+4"),
        (b"1\t2\tGood.\n2\tinf\tOdd.\n", "line 2: the rating 'inf'"),
        (b"1\t2\tGood.\n2\t7\tToo high.\n", "line 2: the rating '7'"),
        (b"1\t2\tGood.\n2\t-1\n", "line 2: expected 'id<TAB>rating<TAB>sentence'"),
        (b"id\trating\tsentence\n1\t2\tGood.\n2\t-1\tBad.\n", "line 1: .*a header line"),
        (b"1\t2\tGood.\n2\t2\tAlso good.\n", "every sentence has the rating 2"),
        (bytes(range(256)) * 8, "binary file .* not a rated-sentence TSV"),
        (b"1\t2\tcaf\xe9.\n2\t1\tOk.\n", "not valid UTF-8"),
    ],
    ids=["one-row", "empty", "nan", "inf", "out-of-range", "two-fields", "header", "one-rating", "binary", "latin-1"],
)
def test_a_bad_rated_sentence_file_is_an_evaluation_error_naming_it(tmp_path, data, message):
    path = tmp_path / "rated.tsv"
    path.write_bytes(data)
    with pytest.raises(EvaluationError, match=message) as caught:
        read_tone_set(path)
    assert str(caught.value).startswith(str(path))


def test_a_pipe_or_a_folder_as_the_rated_set_is_refused_without_waiting(tmp_path):
    import os

    os.mkfifo(tmp_path / "rated.tsv")
    with pytest.raises(EvaluationError, match="named pipe"):
        read_tone_set(tmp_path / "rated.tsv")  # opening it would wait for a writer for ever
    with pytest.raises(EvaluationError, match="is a folder; give the rated-sentence TSV"):
        read_tone_set(tmp_path)


def test_a_sentence_may_hold_a_line_separator_or_a_tab(tmp_path):
    path = tmp_path / "rated.tsv"
    path.write_text("1\t2\tOne\u2028line.\n2\t-1\tTab\there.\n", encoding="utf-8")
    assert read_tone_set(path) == [(0.5, "One\u2028line."), (-0.25, "Tab\there.")]


SPAN_LINE = "T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Cue:T1\n"


@pytest.mark.parametrize(
    "extra, problem",
    [
        ("T2\tSource 5 x\tBob\n", "line 3: span offsets are not START END pairs"),
        ("T2\tSource 9 5\tBob\n", "line 3: span 9-5 ends before it starts"),
        ("T2\tSource 5 900\tBob\n", "line 3: span 5-900 is outside the 100-character text"),
        ("E2\tAttribution:T1 Cue:T7\n", "line 3: the event names T7, which no span line defines"),
        ("E2\tAttribution T1\n", "line 3: an event whose arguments are not ROLE:ID pairs"),
        ("E3\tAttribution:T1 T2\n", "line 3: an event whose arguments are not ROLE:ID pairs"),
        ("\nX1\tsomething\n", "line 4: not a brat annotation line (T, E, #, A, R, N or M expected)"),
    ],
)
def test_malformed_annotation_lines_are_reported_with_their_line(extra, problem):
    gold, problems = parse_ann(SPAN_LINE + extra, text_length=100)
    assert problems == [problem]
    assert gold[0].cue == (Span(0, 4),)  # the good lines are still read


def test_well_formed_brat_lines_are_no_problem():
    ann = (
        "T1\tContent 0 5;10 12\tpart one\n"
        "and its wrapped second line\n"
        "#1\tAnnotatorNotes T1\ta note\nthat runs on\n"
        "A1\tNegated E1\n"
        "R1\tRel Arg1:T1 Arg2:T2\n"
        "T2\tCue 6 9\tsaid\r\n"
        "E1\tAttribution:T2 Content:T1 Cue:T2\n"
    )
    assert parse_ann(ann, text_length=20)[1] == []


def test_a_split_counts_and_lists_its_malformed_lines_and_unread_articles(tmp_path):
    for sub in ("text", "attributions"):
        (tmp_path / sub).mkdir()
    text = (FIXTURE / "text" / "sample.txt").read_text(encoding="utf-8")
    (tmp_path / "text" / "sample.txt").write_text(text, encoding="utf-8")
    good = (FIXTURE / "attributions" / "sample_ab12.ann").read_text(encoding="utf-8")
    (tmp_path / "attributions" / "sample_ab12.ann").write_text(good + "T99\tSource 3 x\tBob\nT98\tCue 5 99999\tsaid\n", encoding="utf-8")
    (tmp_path / "text" / "orphan.txt").write_text("No gold for this one.", encoding="utf-8")
    (tmp_path / "text" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "empty_ab12.ann").write_text("", encoding="utf-8")
    result = evaluate_polnear(tmp_path, find=lambda a: [], is_speech=SPEECH)
    assert result.articles == 1
    assert [m.split(": ", 1)[0] for m in result.malformed] == ["sample_ab12.ann, line 16", "sample_ab12.ann, line 17"]
    assert sorted(u.split(":")[0] for u in result.unread) == ["empty.txt", "orphan.txt"]
    table = result.format_table()
    assert "2 annotation lines could not be read and were left out:" in table
    assert "2 articles were not scored:" in table
    listed = result.as_dict()
    assert len(listed["malformed_annotation_lines"]) == 2 and len(listed["articles_not_scored"]) == 2
