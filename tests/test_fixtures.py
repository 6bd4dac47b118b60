"""The negotiation fixture sets: the development set (tests/fixtures/negotiations) and the
held-out set (tests/fixtures/negotiations-heldout, scored against but not tuned to). In
both, every gold file is well-formed, names its text, and every span it stores is the text
at that span.

Each check is a small function that raises AssertionError with a message naming the
file and the item; the table runs every check on every gold file of both sets, and a
second table breaks a copy of a gold file in one way each to show that the check meant for
it fails. Needs nothing outside the project.
"""

import copy
import functools
import importlib.util
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILDER = FIXTURES / "negotiations" / "build_gold.py"
# each set's folder and the number of articles it has at least
SETS = {"negotiations": 14, "negotiations-heldout": 12}
GOLD = [path for name in SETS for path in sorted((FIXTURES / name / "gold").glob("*.json"))]
STANCES = {"support", "oppose", "propose", "offer", "demand", "reject"}
KINDS = {"direct", "indirect", "mixed"}
TOP_KEYS = {"article", "about", "speakers", "outlets", "quotes", "positions"}
SPEAKER_KEYS = {"name", "role", "side"}
QUOTE_KEYS = {"kind", "speaker", "source", "cue", "content"}
POSITION_KEYS = {"speaker", "side", "topic", "stance", "evidence", "quantities"}


def read_text(gold: dict, folder: Path) -> str:
    return (folder / gold["article"]).open(encoding="utf-8", newline="").read()


def names_of(quote: dict) -> list[str]:
    return quote["speaker"] if isinstance(quote["speaker"], list) else [quote["speaker"]]


# Reads the top-level keys and the keys of every speaker, quote and position.
def check_keys(gold: dict, folder: Path) -> None:
    assert TOP_KEYS <= gold.keys(), f"missing top-level keys {TOP_KEYS - gold.keys()}"
    for s in gold["speakers"]:
        assert SPEAKER_KEYS <= s.keys(), f"speaker {s.get('name')!r} lacks {SPEAKER_KEYS - s.keys()}"
    for i, q in enumerate(gold["quotes"], 1):
        assert QUOTE_KEYS <= q.keys(), f"quote {i} lacks {QUOTE_KEYS - q.keys()}"
        assert q["kind"] in KINDS, f"quote {i}: kind {q['kind']!r}"
    for i, p in enumerate(gold["positions"], 1):
        assert POSITION_KEYS <= p.keys(), f"position {i} lacks {POSITION_KEYS - p.keys()}"
    for o in gold["outlets"]:
        assert {"name", "cue"} <= o.keys(), f"outlet {o!r} lacks name or cue"


# Reads `article`: the text exists beside the gold folder and has the gold file's name.
def check_article(gold: dict, folder: Path) -> None:
    path = folder / gold["article"]
    assert path.is_file(), f"no text {path.name}"
    text = read_text(gold, folder)
    assert text.split("\n")[1] == "", "the first line is a headline followed by a blank line"


# Reads every source, cue, content and more_content part: text[start:end] is its text.
def check_spans(gold: dict, folder: Path) -> None:
    text = read_text(gold, folder)
    for i, q in enumerate(gold["quotes"], 1):
        parts = [q["source"], q["cue"], q["content"], *q.get("more_content", [])]
        for part in filter(None, parts):
            s, e = part["span"]
            assert 0 <= s < e <= len(text), f"quote {i}: span {part['span']} outside the text"
            assert text[s:e] == part["text"], f"quote {i}: text[{s}:{e}] is {text[s:e]!r}, not {part['text']!r}"


# Reads the speakers list: names are unique, and no outlet is also a speaker.
def check_speaker_list(gold: dict, folder: Path) -> None:
    names = [s["name"] for s in gold["speakers"]]
    assert len(names) == len(set(names)), f"a speaker is listed twice: {names}"
    outlets = {o["name"].lower() for o in gold["outlets"]}
    lowered = {n.lower() for n in names}
    assert not outlets & lowered, f"an outlet is listed as a speaker: {outlets & lowered}"


# Reads each quote's speaker(s): listed in `speakers`, unless the quote is optional.
def check_quote_speakers(gold: dict, folder: Path) -> None:
    listed = {s["name"] for s in gold["speakers"]}
    for i, q in enumerate(gold["quotes"], 1):
        missing = [n for n in names_of(q) if n not in listed]
        assert not missing or q.get("optional"), f"quote {i}: speaker {missing} not in speakers"


# Reads each position: its speaker (the holder) is listed with the same side, its stance is
# allowed, its evidence is words of the article and its quantities are words of the evidence.
def check_positions(gold: dict, folder: Path) -> None:
    text = read_text(gold, folder)
    sides = {s["name"]: s["side"] for s in gold["speakers"]}
    for i, p in enumerate(gold["positions"], 1):
        assert p["speaker"] in sides, f"position {i}: holder {p['speaker']!r} not in speakers"
        assert p["side"] == sides[p["speaker"]], f"position {i}: side {p['side']!r} is not {p['speaker']!r}'s"
        assert p["stance"] in STANCES, f"position {i}: stance {p['stance']!r}"
        assert p["evidence"] in text, f"position {i}: evidence not in the text"
        for n in p["quantities"]:
            assert n in p["evidence"], f"position {i}: quantity {n!r} not in its evidence"


CHECKS = {
    "keys": check_keys,
    "article": check_article,
    "spans": check_spans,
    "speaker-list": check_speaker_list,
    "quote-speakers": check_quote_speakers,
    "positions": check_positions,
}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def ids(paths):
    return [f"{p.parents[1].name}/{p.stem}" for p in paths]


@pytest.mark.parametrize("name, least", SETS.items(), ids=SETS.keys())
def test_the_set_is_complete(name, least):
    folder = FIXTURES / name
    texts = sorted(p.stem for p in folder.glob("*.txt"))
    golds = sorted(p.stem for p in (folder / "gold").glob("*.json"))
    specs = sorted(p.stem for p in (folder / "spec").glob("*.json"))
    assert texts == golds == specs, "every text has a spec and a gold file, and every gold file a text"
    assert len(golds) >= least


def test_the_sets_share_no_article():
    """A held-out article copied from the development set would be no held-out measure."""
    texts = {}
    for name in SETS:
        for p in (FIXTURES / name).glob("*.txt"):
            texts.setdefault(p.read_text(encoding="utf-8"), []).append(f"{name}/{p.name}")
    assert all(len(v) == 1 for v in texts.values()), [v for v in texts.values() if len(v) > 1]


@pytest.mark.parametrize("check", CHECKS.values(), ids=CHECKS.keys())
@pytest.mark.parametrize("path", GOLD, ids=ids(GOLD))
def test_gold_file(path, check):
    gold = load(path)
    assert gold["article"] == path.stem + ".txt"
    check(gold, path.parents[1])


def _shift_a_span(g):
    g["quotes"][0]["content"]["span"][0] += 1


def _unlist_a_speaker(g):
    q = next(q for q in g["quotes"] if not q.get("optional"))
    g["speakers"] = [s for s in g["speakers"] if s["name"] not in names_of(q)]


def _neutral_stance(g):
    g["positions"][0]["stance"] = "neutral"


def _outlet_as_speaker(g):
    g["outlets"].append({"name": g["speakers"][0]["name"], "cue": "reported"})


def _quantity_elsewhere(g):
    g["positions"][0]["quantities"].append("999,999")


def _no_text(g):
    g["article"] = "no-such-article.txt"


def _no_kind(g):
    del g["quotes"][0]["kind"]


BREAKAGES = [
    ("spans", _shift_a_span),
    ("quote-speakers", _unlist_a_speaker),
    ("positions", _neutral_stance),
    ("speaker-list", _outlet_as_speaker),
    ("positions", _quantity_elsewhere),
    ("article", _no_text),
    ("keys", _no_kind),
]


FIRSTS = [sorted((FIXTURES / name / "gold").glob("*.json"))[0] for name in SETS]


@pytest.mark.parametrize("path", FIRSTS, ids=ids(FIRSTS))
@pytest.mark.parametrize("check, breakage", BREAKAGES, ids=[b.__name__.strip("_") for _, b in BREAKAGES])
def test_each_check_fails_on_a_broken_copy(check, breakage, path):
    gold = copy.deepcopy(load(path))
    CHECKS[check](gold, path.parents[1])
    breakage(gold)
    with pytest.raises((AssertionError, FileNotFoundError, KeyError)):
        CHECKS[check](gold, path.parents[1])


@functools.cache
def _builder():
    spec = importlib.util.spec_from_file_location("negotiations_build_gold", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", GOLD, ids=ids(GOLD))
def test_gold_is_what_its_spec_builds(path):
    """The gold files are generated from spec/NAME.json: an edit to one without the other fails here."""
    assert _builder().build(path.stem, folder=path.parents[1]) == load(path)
