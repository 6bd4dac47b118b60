"""The corpus stage: one speaker across articles, whatever order the articles come in."""

from __future__ import annotations

import itertools

import pytest

from analysis.corpus import ArticleSpeakers, article_speakers, merge_speakers, read_speakers
from analysis.errors import DataFileError
from analysis.attribution import attribute
from analysis.records import Article, Speaker


def _part(article: str, *names_and_sides) -> ArticleSpeakers:
    speakers = tuple(Speaker(name, side=side, id=name.lower().replace(" ", "-")) for name, side in names_and_sides)
    return ArticleSpeakers(article, speakers, tuple(1 for _ in speakers))


PARTS = (
    _part("a.txt", ("Rustem Umerov", "Ukraine"), ("Vladimir Medinsky", None)),
    _part("b.txt", ("Umerov", None), ("Medinsky", "Russia")),
    _part("c.txt", ("Barack Obama", None), ("Obama", None)),
)


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(PARTS)))))
def test_merge_does_not_depend_on_order(order):
    assert merge_speakers([PARTS[i] for i in order]) == merge_speakers(PARTS)


@pytest.mark.parametrize(
    "article, local_id, name, side, carried",
    [
        ("a.txt", "rustem-umerov", "Rustem Umerov", "Ukraine", False),
        ("b.txt", "umerov", "Rustem Umerov", "Ukraine", True),  # surname only: the side carries over
        ("a.txt", "vladimir-medinsky", "Vladimir Medinsky", "Russia", True),  # a later article states it
        ("c.txt", "obama", "Barack Obama", None, False),  # nothing states a side: it stays unknown
    ],
)
def test_lookup_gives_the_corpus_speaker_as_the_article_sees_it(article, local_id, name, side, carried):
    view = merge_speakers(PARTS).lookup(article, local_id)
    assert (view.name, view.side, view.side_carried) == (name, side, carried)


def test_one_row_per_person_with_aliases_and_counts():
    index = merge_speakers(PARTS)
    rows = {s.name: (s.aliases, s.articles, s.quotes) for s in index.speakers}
    assert rows == {
        "Barack Obama": (("Obama",), ("c.txt",), 2),
        "Rustem Umerov": (("Umerov",), ("a.txt", "b.txt"), 2),
        "Vladimir Medinsky": (("Medinsky",), ("a.txt", "b.txt"), 2),
    }
    assert ("Rustem Umerov", ("Umerov",)) in index.merges


def test_relabel_rewrites_names_sides_and_ids_of_rows():
    index = merge_speakers(PARTS)
    row = {"speaker": ["Umerov", "Medinsky"], "side": [None, "Russia"], "speaker_id": ["umerov", "medinsky"], "text": "x"}
    assert index.relabel(row, "b.txt") == {
        "speaker": ["Rustem Umerov", "Vladimir Medinsky"],
        "side": ["Ukraine", "Russia"],
        "speaker_id": ["rustem-umerov", "vladimir-medinsky"],
        "text": "x",
    }
    assert index.relabel({"speaker": None, "speaker_id": None}, "b.txt") == {"speaker": None, "speaker_id": None}


def test_article_speakers_counts_quotes_per_entity():
    attributed = attribute(Article("“We agree,” Ivan Petrenko said. “We tried,” he added.", path="x.txt"))
    part = article_speakers(attributed)
    assert part.article == "x.txt" and [s.id for s in part.speakers] == ["ivan-petrenko"] and part.quotes == (2,)


# --- one person across spellings, and the user's speakers file

SPELLINGS = [
    # (names given in different articles, whether they are one person)
    (["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelenskiy"], True),  # transliterations, and the surname alone
    (["Rustem Umerov", "Rustem Umierov"], True),
    (["Donald J. Trump", "Donald Trump", "Trump"], True),  # a fuller form
    (["Barack Obama", "Obama"], True),
    (["Bill Clinton", "Hillary Clinton"], False),  # same surname, other given names
    (["Ivan Petrov", "Ivan Petrova"], False),
]


@pytest.mark.parametrize("names, one", SPELLINGS)
def test_spellings_of_one_person_merge_and_others_do_not(names, one):
    parts = [_part(f"{k}.txt", (name, None)) for k, name in enumerate(names)]
    index = merge_speakers(parts)
    assert (len(index.speakers) == 1) == one
    if one:
        assert index.merges and index.merges[0][0] == index.speakers[0].name


def test_two_spellings_one_article_names_apart_stay_two_people():
    both = _part("a.txt", ("Anna Kovac", None), ("Anna Kovach", None))
    assert len(merge_speakers([both, _part("b.txt", ("Anna Kovac", None))]).speakers) == 2


def test_a_surname_goes_to_the_person_whose_role_it_shares():
    a = ArticleSpeakers("a.txt", (Speaker("Barack Obama", roles=("President",), id="barack-obama"), Speaker("Michelle Obama", roles=("first lady",), id="michelle-obama")), (1, 1))
    b = ArticleSpeakers("b.txt", (Speaker("Obama", roles=("President",), id="obama"),), (1,))
    assert merge_speakers([a, b]).lookup("b.txt", "obama").name == "Barack Obama"


def test_described_speakers_never_merge_across_articles():
    officials = [ArticleSpeakers(f"{k}.txt", (Speaker("officials", kind="group", id="officials", named=False),), (1,)) for k in range(2)]
    assert len(merge_speakers(officials).speakers) == 2


def test_speakers_file_names_and_sides_what_the_articles_leave_open(tmp_path):
    path = tmp_path / "speakers.tsv"
    path.write_text("name\taliases\tside\tkind\nVolodymyr Zelensky\tVladimir Zelensky\tUkraine\tperson\n", encoding="utf-8")
    known = read_speakers(path)
    parts = [_part("a.txt", ("Vladimir Zelensky", None)), _part("b.txt", ("Volodymyr Zelensky", "Kyiv side"))]
    index = merge_speakers(parts, known=known)
    (speaker,) = index.speakers
    assert speaker.name == "Volodymyr Zelensky" and speaker.aliases == ("Vladimir Zelensky",)
    assert index.lookup("b.txt", "volodymyr-zelensky").side == "Kyiv side"  # what an article states wins
    assert speaker.side == "Kyiv side"
    alone = merge_speakers([_part("a.txt", ("Vladimir Zelensky", None))], known=known).speakers[0]
    assert (alone.side, alone.side_evidence) == ("Ukraine", "speakers file")


@pytest.mark.parametrize(
    "content, message",
    [
        ("name\taliases\tside\tkind\nA\t\t\trobot\n", "kind must be one of"),
        ("a\tb\tc\td\te\n", "up to four tab-separated columns"),
        ('{"name": "A"}', "expected a JSON list"),
        ("[{\"aliases\": []}]", "needs a non-empty 'name'"),
    ],
)
def test_malformed_speakers_files_say_what_to_fix(tmp_path, content, message):
    path = tmp_path / ("speakers.json" if content.lstrip()[:1] in "[{" else "speakers.tsv")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        read_speakers(path)
