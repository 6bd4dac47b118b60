"""Tests for analysis.evaluate: the PolNeAR scorer and the tone scorer."""

from pathlib import Path

import pytest

from analysis.errors import EvaluationError
from analysis.evaluate import (
    GoldAttribution,
    evaluate_polnear,
    evaluate_tone,
    macro_f1,
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
