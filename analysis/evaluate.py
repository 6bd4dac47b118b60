"""Evaluate: measure attribution against PolNeAR and tone against rated sentences.

PolNeAR (``analysis evaluate --polnear DIR``): a split folder holds
``text/NAME.txt`` and ``attributions/NAME_<annotator>.ann`` (brat standoff).
Where an article has several annotators, the first file in name order is the
gold. Spans are compared by word tokens: the word spans of
:func:`analysis.tokenize.split_words` that contain a letter or digit; a span
set's tokens are those it overlaps.

- A predicted quote **matches** a gold attribution when their contents share a
  token and their sources share a token (a gold attribution without a source
  is matched on content alone). Precision is the share of predictions that
  match some gold attribution, recall the share of gold attributions that
  some prediction matches: the issue's definition, as written.
- **F1 1:1** is the stricter figure where each prediction and each gold
  attribution is matched at most once (greedy, largest content overlap
  first), so a second quote over the same gold attribution counts against.
- **cue**, **source**, **content**: the same matching for each part on its own
  (a span set matches when they share a token).
- Subsets: **direct**, gold content contains a double quotation mark;
  **speech**, the gold cue is a verb or phrase of saying (the cue lexicon's
  type ``speech``). Recall counts the subset's gold; precision counts the
  predictions matched to the subset's gold plus the unmatched predictions that
  would belong to it (content with a double quotation mark; a speech cue).

Annotation lines that cannot be read (offsets that are not number pairs, a
span outside the article, an event naming a span no line defines, a line of
no brat kind) are counted and listed in the result, never skipped in silence;
so are the articles that cannot be read or have no annotation file.

Tone (``analysis evaluate --tone FILE``): a TSV of ``id``, mean rating on
-4..+4, sentence (at least two rows with different ratings; a rating that is not
a number in that range is an error naming the line); the rating is divided by 4, a score of +0.05 or more is
positive, -0.05 or less negative, the rest neutral; reports Pearson r and the
macro-F1 of the three classes.

>>> round(pearson([1, 2, 3], [2, 4, 7]), 3)
0.993
>>> macro_f1(["pos", "neg", "neu"], ["pos", "neg", "pos"])
0.5556
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EvaluationError
from .records import Article, Quote, Span

PARTS = ("attribution", "cue", "source", "content")
SUBSETS = ("all", "direct", "speech")
DOUBLE_QUOTES = re.compile('["“”„«»]')
_ALNUM = re.compile(r"\w")
_ANN_SPAN = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_ANN_EVENT = re.compile(r"^E\d+\t(.*)$")
_ANN_ARGUMENT = re.compile(r"^[^:\s]+:[TE]\d+$")
_ANN_TEXT_KINDS = re.compile(r"^(?:T\d+|#\d*)\t")  # lines whose free text may run on over the next lines
_ANN_OTHER_KINDS = re.compile(r"^(?:[ARNM*]\d*)\t")  # brat attributes, relations, normalisations: not used here
MAX_LISTED = 5  # problems shown in the table; as_dict lists them all
TONE_SET_MAX_BYTES = 500_000_000  # a rated-sentence TSV is read whole; the shipped one is 0.3 MB
_LINE_END = re.compile(r"\r\n|\r|\n")
_NUMBER = re.compile(r"^[-+]?(?:\d|\.\d|nan$|inf)", re.IGNORECASE)  # what looks meant as a number
POSITIVE, NEGATIVE = 0.05, -0.05  # the tone set's class thresholds (see its README)


# --- PolNeAR ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution; each part is a tuple of spans (empty when missing)."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]


def read_ann(text: str) -> list[GoldAttribution]:
    """Attributions from brat standoff text (``T`` span lines tied by ``E`` lines).

    >>> ann = "T1\\tSource 0 3\\tBob\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 9 11;12 14\\tno\\n"
    >>> ann += "E1\\tAttribution:T2 Content:T3 Cue:T2 Source:T1\\n"
    >>> read_ann(ann)[0].content
    (Span(start=9, end=11), Span(start=12, end=14))
    """
    return parse_ann(text)[0]


def parse_ann(text: str, *, text_length: int | None = None) -> tuple[list[GoldAttribution], list[str]]:
    """Attributions from brat standoff text, and the lines that could not be read ("line 7: …").

    A line after a span or note line that is not itself an annotation line is
    that line's text running on (brat keeps covered text with its newlines).
    Spans past ``text_length`` (the article's length, when given) are problems.

    >>> gold, problems = parse_ann("T1\\tCue 4 x\\tsaid\\nE1\\tAttribution:T1 Cue:T9\\nT2\\tCue 5 90\\tsaid\\n", text_length=50)
    >>> problems
    ['line 1: span offsets are not START END pairs', 'line 3: span 5-90 is outside the 50-character text', 'line 2: the event names T1, T9, which no span line defines']
    """
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[tuple[int, list[tuple[str, str]]]] = []
    problems: list[str] = []
    runs_on = False  # the previous line may carry on over this one
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if match := _ANN_SPAN.match(line):
            pieces = [tuple(map(int, part.split())) for part in match.group(3).split(";")]
            bad = next(((a, b) for a, b in pieces if b < a or (text_length is not None and b > text_length)), None)
            if bad is not None:
                where = "ends before it starts" if bad[1] < bad[0] else f"is outside the {text_length}-character text"
                problems.append(f"line {number}: span {bad[0]}-{bad[1]} {where}")
            else:
                spans[match.group(1)] = tuple(Span(a, b) for a, b in pieces)
        elif match := _ANN_EVENT.match(line):
            arguments = match.group(1).split()
            if arguments and all(_ANN_ARGUMENT.match(arg) for arg in arguments):
                events.append((number, [arg.partition(":")[::2] for arg in arguments]))
            else:
                problems.append(f"line {number}: an event whose arguments are not ROLE:ID pairs")
        elif line.startswith("T") and _ANN_TEXT_KINDS.match(line):
            problems.append(f"line {number}: span offsets are not START END pairs")
        elif line.strip() and not runs_on and not _ANN_TEXT_KINDS.match(line) and not _ANN_OTHER_KINDS.match(line):
            problems.append(f"line {number}: not a brat annotation line (T, E, #, A, R, N or M expected)")
        if line.strip():
            runs_on = bool(_ANN_TEXT_KINDS.match(line)) or (runs_on and not _ANN_EVENT.match(line) and not _ANN_OTHER_KINDS.match(line))
    attributions = []
    for number, event in events:  # resolved after reading: an event may name spans defined below it
        parts: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
        missing = [target for _, target in event if target.startswith("T") and target not in spans]
        if missing:
            problems.append(f"line {number}: the event names {', '.join(missing)}, which no span line defines")
        for role, target in event:
            role = role.rstrip("0123456789")  # Content2: a second part of the same content
            if role in parts:
                parts[role].extend(spans.get(target, ()))
        attributions.append(GoldAttribution(*(tuple(sorted(parts[r])) for r in ("Content", "Cue", "Source"))))
    return attributions, problems


@dataclass(frozen=True, slots=True)
class PolnearSplit:
    """The scored articles of a split with their gold, and what could not be read (each "file: reason")."""

    pairs: tuple[tuple[Article, list[GoldAttribution]], ...]
    malformed: tuple[str, ...] = ()  # annotation lines that could not be read: "NAME.ann, line 7: …"
    unread: tuple[str, ...] = ()  # articles not scored: unreadable, or without an annotation file


def read_polnear(folder: str | Path) -> list[tuple[Article, list[GoldAttribution]]]:
    """(article, gold attributions) for every article of a PolNeAR-format split (see :func:`read_polnear_split`)."""
    return list(read_polnear_split(folder).pairs)


def read_polnear_split(folder: str | Path) -> PolnearSplit:
    """Every article of a PolNeAR-format split with its gold, the malformed annotation lines and the articles not read."""
    from .errors import InputError
    from .load import load_article, read_text

    root = Path(folder)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvaluationError(f"{root}: expected a split folder with text/ and attributions/ inside; check the path")
    annotations: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    pairs, malformed, unread = [], [], []
    for text_path in sorted(text_dir.glob("*.txt")):
        ann_path = annotations.get(text_path.stem)
        if ann_path is None:
            unread.append(f"{text_path.name}: no annotation file {text_path.stem}_*.ann in attributions/")
            continue
        try:
            article = load_article(text_path)
            gold, problems = parse_ann(read_text(ann_path), text_length=len(article.text))
        except InputError as error:
            unread.append(f"{Path(error.source).name}: {error.message}")
            continue
        malformed.extend(f"{ann_path.name}, {problem}" for problem in problems)
        pairs.append((article, gold))
    if not pairs:
        raise EvaluationError(f"{root}: no article in text/ has a readable annotation file in attributions/" + (f" ({unread[0]})" if unread else ""))
    return PolnearSplit(tuple(pairs), tuple(malformed), tuple(unread))


@dataclass(slots=True)
class Counts:
    """True positives, predictions and gold items for one part and subset."""

    tp_pred: int = 0  # predictions that matched
    tp_gold: int = 0  # gold items that were matched
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class PolnearResult:
    """Precision, recall and F1 by part (attribution, cue, source, content) and subset."""

    articles: int = 0
    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)  # any matching pair counts
    strict: dict[tuple[str, str], Counts] = field(default_factory=dict)  # one-to-one matching
    malformed: tuple[str, ...] = ()  # annotation lines that could not be read, "NAME.ann, line 7: …"
    unread: tuple[str, ...] = ()  # articles not scored, "NAME.txt: reason"

    def get(self, part: str, subset: str, *, one_to_one: bool = False) -> Counts:
        return (self.strict if one_to_one else self.counts).setdefault((part, subset), Counts())

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "malformed_annotation_lines": list(self.malformed),
            "articles_not_scored": list(self.unread),
            "scores": {
                f"{part}/{subset}": {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "predicted": c.pred,
                    "gold": c.gold,
                    "f1_one_to_one": round(self.get(part, subset, one_to_one=True).f1, 4),
                }
                for (part, subset), c in sorted(self.counts.items(), key=lambda kv: (PARTS.index(kv[0][0]), SUBSETS.index(kv[0][1])))
            },
        }

    def format_table(self) -> str:
        lines = [
            f"PolNeAR evaluation over {self.articles} articles (F1 1:1: each gold and prediction matched at most once)",
            f"{'part':<12}{'subset':<8}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}{'F1 1:1':>8}",
        ]
        for part in PARTS:
            for subset in SUBSETS:
                c, strict = self.get(part, subset), self.get(part, subset, one_to_one=True)
                lines.append(
                    f"{part:<12}{subset:<8}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.pred:7d}{c.gold:7d}{strict.f1:8.3f}"
                )
        for items, what in ((self.malformed, "annotation lines could not be read and were left out"), (self.unread, "articles were not scored")):
            if items:
                lines.append(f"{len(items)} {what}:" if len(items) != 1 else f"1 {what.replace('lines', 'line').replace('were', 'was').replace('articles', 'article')}:")
                lines.extend(f"  {item}" for item in items[:MAX_LISTED])
                if len(items) > MAX_LISTED:
                    lines.append(f"  … and {len(items) - MAX_LISTED} more (--json lists them all)")
        return "\n".join(lines)


class _TokenIndex:
    """Maps spans to the indices of the word tokens they overlap."""

    def __init__(self, text: str) -> None:
        from bisect import bisect_left, bisect_right

        from .tokenize import split_words

        words = [w for w in split_words(text) if _ALNUM.search(text, w.start, w.end)]
        self._starts = [w.start for w in words]
        self._ends = [w.end for w in words]
        self._left, self._right = bisect_left, bisect_right

    def tokens(self, spans: Iterable[Span | None]) -> frozenset[int]:
        found: set[int] = set()
        for span in spans:
            if span is None or span.end <= span.start:
                continue
            first = self._right(self._ends, span.start)  # first token ending after span.start
            last = self._left(self._starts, span.end)  # tokens starting before span.end
            found.update(range(first, last))
        return frozenset(found)


def _match(pred: list[frozenset[int]], gold: list[frozenset[int]], extra_ok=None) -> list[tuple[int, int]]:
    """One-to-one greedy matching of token sets that intersect, largest overlap first."""
    candidates = []
    for i, p in enumerate(pred):
        if not p:
            continue
        for j, g in enumerate(gold):
            overlap = len(p & g)
            if overlap and (extra_ok is None or extra_ok(i, j)):
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def score_article(
    text: str, predicted: Sequence[Quote], gold: Sequence[GoldAttribution], result: PolnearResult, *, is_speech: Callable[[str], bool]
) -> None:
    """Add one article's counts to ``result``."""
    index = _TokenIndex(text)
    pred_parts = {
        "content": [index.tokens(q.content) for q in predicted],
        "cue": [index.tokens([q.cue]) for q in predicted],
        "source": [index.tokens([q.source]) for q in predicted],
    }
    gold_parts = {part: [index.tokens(getattr(g, part)) for g in gold] for part in ("content", "cue", "source")}

    def covered(spans):
        return " ".join(text[s.start : s.end] for s in spans)

    gold_in = {
        "all": [True] * len(gold),
        "direct": [bool(DOUBLE_QUOTES.search(covered(g.content))) for g in gold],
        "speech": [bool(g.cue) and is_speech(covered(g.cue)) for g in gold],
    }
    pred_in = {
        "all": [True] * len(predicted),
        "direct": [bool(DOUBLE_QUOTES.search(covered(q.content))) for q in predicted],
        "speech": [q.cue is not None and is_speech(text[q.cue.start : q.cue.end]) for q in predicted],
    }

    def source_ok(i: int, j: int) -> bool:
        gold_source = gold_parts["source"][j]
        return not gold_source or bool(pred_parts["source"][i] & gold_source)

    for strict, counts in ((False, result.counts), (True, result.strict)):
        pair = _match if strict else _pairs
        matchings = {"attribution": pair(pred_parts["content"], gold_parts["content"], source_ok)}
        for part in ("cue", "source", "content"):
            matchings[part] = pair(pred_parts[part], gold_parts[part])
        for part, pairs in matchings.items():
            key = "content" if part == "attribution" else part
            gold_has = [bool(t) for t in gold_parts[key]] if part != "attribution" else [True] * len(gold)
            pred_has = [bool(t) for t in pred_parts[key]] if part != "attribution" else [True] * len(predicted)
            matched_gold = {j for _, j in pairs}
            matched_pred: dict[int, list[int]] = {}
            for i, j in pairs:
                matched_pred.setdefault(i, []).append(j)
            for subset in SUBSETS:
                c = counts.setdefault((part, subset), Counts())
                for j, present in enumerate(gold_has):
                    if present and gold_in[subset][j]:
                        c.gold += 1
                        c.tp_gold += j in matched_gold
                for i, present in enumerate(pred_has):
                    if not present:
                        continue
                    golds = matched_pred.get(i)
                    belongs = any(gold_in[subset][j] for j in golds) if golds else pred_in[subset][i]
                    if belongs:
                        c.pred += 1
                        c.tp_pred += bool(golds)


def _pairs(pred: list[frozenset[int]], gold: list[frozenset[int]], extra_ok=None) -> list[tuple[int, int]]:
    """Every (prediction, gold) pair whose token sets intersect: the issue's literal matching."""
    return [
        (i, j)
        for i, p in enumerate(pred)
        if p
        for j, g in enumerate(gold)
        if not p.isdisjoint(g) and (extra_ok is None or extra_ok(i, j))
    ]


def evaluate_polnear(
    folder: str | Path,
    *,
    find: Callable[[Article], Sequence[Quote]] | None = None,
    is_speech: Callable[[str], bool] | None = None,
) -> PolnearResult:
    """Score the attribution engine (or ``find``) on a PolNeAR-format split.

    ``find`` maps an article to its predicted quotes (default: the quotes
    ``analysis quotes`` writes, i.e. :func:`analysis.attribution.find_quotes`
    with continuations lent the source of the quote they continue, less the
    quotations kept with no source and no cue only to note a problem with
    their marks — they claim no attribution);
    ``is_speech`` tells whether a cue's text is a verb or phrase of saying
    (default: the cue lexicon).
    """
    if find is None:
        from .attribution import attribute, lend_continuation_sources, scored_attributions

        def find(article: Article) -> Sequence[Quote]:
            # a quotation kept only to carry a problem with its marks names no source and no cue:
            # it claims no attribution, so it is not scored as one; what outlets are cited as saying is
            quotes = lend_continuation_sources(scored_attributions(attribute(article)))
            return [q for q in quotes if q.source is not None or q.cue is not None]
    if is_speech is None:
        from .quotes import load_cues

        cues = load_cues()

        def is_speech(cue_text: str) -> bool:
            return cues.type_of(cue_text) == "speech"

    split = read_polnear_split(folder)
    result = PolnearResult(malformed=split.malformed, unread=split.unread)
    for article, gold in split.pairs:
        score_article(article.text, find(article), gold, result, is_speech=is_speech)
        result.articles += 1
    return result


# --- tone ------------------------------------------------------------------


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation of two equally long sequences."""
    n = len(xs)
    if n < 2 or n != len(ys):
        raise ValueError("pearson needs two sequences of the same length, at least 2 long")
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def tone_class(value: float) -> str:
    """'pos', 'neg' or 'neu' by the tone set's thresholds (±0.05)."""
    return "pos" if value >= POSITIVE else "neg" if value <= NEGATIVE else "neu"


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro-averaged F1 over the classes that occur in gold or predictions, rounded to 4 places."""
    scores = []
    for label in sorted(set(gold) | set(predicted)):
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


@dataclass(frozen=True, slots=True)
class ToneResult:
    """Agreement of a tone scorer with human ratings."""

    sentences: int
    pearson_r: float
    macro_f1: float

    def as_dict(self) -> dict:
        return {"sentences": self.sentences, "pearson_r": round(self.pearson_r, 4), "macro_f1": round(self.macro_f1, 4)}

    def format_table(self) -> str:
        return f"Tone evaluation over {self.sentences} sentences: Pearson r {self.pearson_r:.3f}, macro-F1 {self.macro_f1:.3f}"


def read_tone_set(path: str | Path) -> list[tuple[float, str]]:
    """(rating on -1..+1, sentence) rows of a rated-sentence TSV (``id``, rating on -4..+4, sentence).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "rated.tsv")
    >>> _ = open(path, "w").write("1\\t2\\tGood.\\n2\\tnan\\tOdd.\\n")
    >>> try:
    ...     read_tone_set(path)
    ... except EvaluationError as error:
    ...     print(str(error).removeprefix(path))
    , line 2: the rating 'nan' is not a number from -4 to +4; fix the line
    """
    from .errors import InputError
    from .load import read_text, shown

    name = shown(path)
    if Path(path).is_dir():
        raise EvaluationError(f"{name}: is a folder; give the rated-sentence TSV file")
    try:
        text = read_text(path, max_bytes=TONE_SET_MAX_BYTES, what="a rated-sentence TSV")
    except InputError as error:
        raise EvaluationError(str(error)) from error
    rows = []
    for number, line in enumerate(_LINE_END.split(text), 1):  # not str.splitlines: a sentence may hold U+2028
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise EvaluationError(f"{name}, line {number}: expected 'id<TAB>rating<TAB>sentence'")
        try:
            rating = float(parts[1])
        except ValueError:
            rating = math.nan
        if not -4 <= rating <= 4:  # also false for nan
            hint = " (a header line? the format has none; remove it)" if number == 1 and not _NUMBER.match(parts[1].strip()) else ""
            raise EvaluationError(f"{name}, line {number}: the rating {parts[1]!r} is not a number from -4 to +4; fix the line{hint}")
        rows.append((rating / 4, "\t".join(parts[2:])))
    if len(rows) < 2:
        raise EvaluationError(f"{name}: {len(rows) or 'no'} rated sentence{'s' if len(rows) != 1 else ''}; a correlation needs at least two")
    if len({rating for rating, _ in rows}) == 1:
        raise EvaluationError(f"{name}: every sentence has the rating {rows[0][0] * 4:g}; a correlation needs ratings that differ")
    return rows


def evaluate_tone(path: str | Path, *, scorer: Callable[[str], float] | None = None) -> ToneResult:
    """Pearson r and macro-F1 of ``scorer`` (default: ``score_tone(text).compound``) on a rated-sentence TSV."""
    if scorer is None:
        from .tone import score_tone

        def scorer(text: str) -> float:
            return score_tone(text).compound

    rows = read_tone_set(path)
    ratings = [rating for rating, _ in rows]
    scores = [scorer(sentence) for _, sentence in rows]
    return ToneResult(
        len(rows), pearson(scores, ratings), macro_f1([tone_class(r) for r in ratings], [tone_class(s) for s in scores])
    )
