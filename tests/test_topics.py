"""Automatic topics (analysis/positions/auto.py) and the positions command's topic options."""

import json

from analysis.cli import main
from analysis.positions.auto import propose_topics, quote_phrases, topics_from_phrases, write_topics
from analysis.records import Article, AttributedArticle, Quote, Span, Speaker, Tokens
from analysis.tone import read_topics


def quoted(text: str, name: str) -> AttributedArticle:
    quote = Quote("indirect", (Span(0, len(text)),), None, None, (Speaker(name, id=name),))
    return AttributedArticle(Article(text), Tokens(text, (), ()), (quote,))


def test_a_phrase_is_a_topic_when_several_speakers_use_it():
    corpus = [quoted("the border wall must be built", "a"), quoted("a border wall is a fantasy", "b"), quoted("tariffs on steel", "c")]
    names = [t.name for t in propose_topics(corpus)]
    assert "border wall" in names and "tariffs" not in names


def test_one_speaker_repeating_a_phrase_makes_no_topic():
    corpus = [quoted("the border wall, the border wall", "a"), quoted("the border wall again", "a")]
    assert propose_topics(corpus) == ()


def test_names_and_function_words_are_no_topics():
    phrases = quote_phrases(quoted("Donald Trump said that the wall would be there", "a"))
    assert "trump" not in phrases and "that" not in phrases and "would" not in phrases


def test_the_topics_written_read_back_as_a_topic_file(tmp_path):
    topics = topics_from_phrases({"border wall": {"a", "b"}, "tariffs": {"a", "c"}})
    path = write_topics(topics, tmp_path / "auto.tsv")
    assert [t.name for t in read_topics(path)] == [t.name for t in topics]


def test_the_command_uses_and_writes_automatic_topics(tmp_path, capsys):
    for name, text in (("a.txt", "“We need a border wall,” Ann Lee said."), ("b.txt", "“The border wall is a fantasy,” Bo Kim said.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "topics.tsv"
    assert main(["positions", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--topics", "auto", "--write-topics", str(out), "--json", "--jobs", "1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["concept"] for r in rows} >= {"border wall"}
    assert "border wall" in out.read_text(encoding="utf-8")


def test_without_a_topic_file_the_corpus_chooses_the_lexicon(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("“We will cut taxes and fix health care,” Ann Lee said after the debate.", encoding="utf-8")
    assert main(["positions", str(tmp_path), "--json", "--jobs", "1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["topic_source"] for r in rows} == {"topics-election.tsv"}
