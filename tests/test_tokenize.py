"""Tests for analysis.tokenize: sentence and word spans without downloaded data."""

import pytest

from analysis import SEED_ARTICLE
from analysis.errors import DataFileError
from analysis.load import load_article
from analysis.records import Article
from analysis.tokenize import drop_invisible, read_punkt_parameters, split_paragraphs, split_sentences, split_words, tokenize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Umerov arrived. He spoke.", ["Mr. Umerov arrived.", "He spoke."]),
        ("Gen. Mark A. Milley met Sen. Graham on Jan. 5. Talks went on.", ["Gen. Mark A. Milley met Sen. Graham on Jan. 5.", "Talks went on."]),
        ("He lives in the U.S. The talks ended.", ["He lives in the U.S.", "The talks ended."]),
        ("“We agree.” Medinsky said so.", ["“We agree.”", "Medinsky said so."]),
        ("Is it over? “No!” she said.", ["Is it over?", "“No!” she said."]),
        ("J. K. Rowling wrote it. It sold.", ["J. K. Rowling wrote it.", "It sold."]),
        # _platform_stops: the network X ends a sentence, which Punkt takes for an initial
        ("Sybiha wrote on X. “It wants a pause.”", ["Sybiha wrote on X.", "“It wants a pause.”"]),
        ("Malcolm X. Jones spoke.", ["Malcolm X. Jones spoke."]),
    ],
)
def test_sentences(text, expected):
    assert [s.text(text) for s in split_sentences(text)] == expected


def test_sentences_never_cross_a_paragraph():
    text = "First line without a stop\nSecond line."
    assert [s.text(text) for s in split_sentences(text)] == ["First line without a stop", "Second line."]


def test_hard_wrapped_text_keeps_blank_line_paragraphs():
    text = "The talks in Istanbul went on\nfor hours and the sides\nagreed to meet\nagain next week\n\nA second paragraph here."
    assert len(split_paragraphs(text)) == 2


def test_a_long_line_is_no_hard_wrapping():
    # a byline and captions end with no stop, but a line past the wrap width says each line is a paragraph
    text = ("Swap done\n\nBy Anna Kovalenko\nPhoto: Ukrinform\n" + "Ukraine and Russia exchanged prisoners " * 4 + "on Monday.\n"
            "Read also: Lubinets says more are held\nSource: Suspilne")
    assert len(split_paragraphs(text)) == 6


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Over 1,200 POWs", ["Over", "1,200", "POWs"]),
        ("“We’re here,” he said.", ["“", "We’re", "here", ",", "”", "he", "said", "."]),
        ("short-term U.S.-led talks", ["short-term", "U.S.-led", "talks"]),
        ('"Straight" quotes', ['"', "Straight", '"', "quotes"]),
    ],
)
def test_words(text, expected):
    assert [w.text(text) for w in split_words(text)] == expected


def test_seed_spans_are_offsets_into_the_text():
    article = load_article(SEED_ARTICLE)
    tokens = tokenize(article)
    assert tokens.paragraphs[0].text(article.text) == article.title
    for sentence in tokens.sentences:
        assert article.text[sentence.span.start : sentence.span.end].strip() == sentence.span.text(article.text)
        for word in sentence.words:
            assert sentence.span.contains(word)
            assert not word.text(article.text).isspace()
    assert [s.index for s in tokens.sentences] == list(range(len(tokens.sentences)))


def test_crlf_text_keeps_offsets():
    text = "“Yes,” he said.\r\n“No,” she said."
    tokens = tokenize(Article(text))
    assert [s.span.text(text) for s in tokens.sentences] == ["“Yes,” he said.", "“No,” she said."]


def test_empty_and_markup_text_tokenise_without_error():
    assert tokenize(Article("")).sentences == ()
    text = "<script>alert('x')</script> Hi."
    assert "script" in [w.text(text) for w in split_words(text)]


def test_bad_punkt_line_is_a_data_file_error():
    with pytest.raises(DataFileError, match="line 2"):
        read_punkt_parameters(["abbrev gen", "nonsense here too"])


@pytest.mark.parametrize(
    "text, paragraphs",
    [
        ("Title\n\nOne.\nTwo.", ["Title", "One.", "Two."]),
        ("Title\r\rOne.\rTwo.", ["Title", "One.", "Two."]),  # old Mac line ends
        ("Title\r\n\r\nOne.\r\nTwo.", ["Title", "One.", "Two."]),
        ("Title\r \rOne.", ["Title", "One."]),  # a blank line holding a space
    ],
    ids=["lf", "cr-only", "crlf", "cr-blank-with-space"],
)
def test_paragraphs_with_any_line_end_are_offsets_into_the_text(text, paragraphs):
    spans = split_paragraphs(text)
    assert [p.text(text) for p in spans] == paragraphs


def test_cr_only_article_has_its_sentences_apart():
    text = "Talks resume\r\r“We agree,” he said.\r“No,” she said."
    tokens = tokenize(Article(text))
    assert [s.span.text(text) for s in tokens.sentences] == ["Talks resume", "“We agree,” he said.", "“No,” she said."]
    assert len({s.paragraph for s in tokens.sentences}) == 3


@pytest.mark.parametrize(
    "text, words",
    [
        ("Rustem Ume\u200crov said", ["Rustem", "Ume\u200crov", "said"]),  # zero-width non-joiner inside a name
        ("sa\u200bid", ["sa\u200bid"]),  # zero-width space
        ("Medin\u00adsky", ["Medin\u00adsky"]),  # soft hyphen
        ("\u200fUmerov\u200e said", ["Umerov", "said"]),  # bidi marks around a word are no token
        ("Kyiv \u200b \ufeff talks", ["Kyiv", "talks"]),  # invisible characters alone are no token
        ("Ume\u200c\u200drov", ["Ume\u200c\u200drov"]),  # a run of them
    ],
)
def test_invisible_characters_join_a_word_and_are_no_token_alone(text, words):
    assert [w.text(text) for w in split_words(text)] == words


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Ume\u200crov", "Umerov"),
        ("\u202aKyiv\u202c", "Kyiv"),
        ("Medin\u00adsky", "Medinsky"),
        ("plain", "plain"),
    ],
)
def test_drop_invisible_for_names_shown(text, shown):
    assert drop_invisible(text) == shown


def test_zero_width_non_joiner_keeps_a_speaker_name_whole():
    from analysis.attribution import attribute

    text = "Talks\n\n“We agree,” said Rustem Ume\u200crov, the defence minister.\n"
    [quote] = attribute(Article(text)).quotes
    assert [s.name for s in quote.speakers] == ["Rustem Umerov"]
    assert quote.source.text(text) == "Rustem Ume\u200crov"  # offsets still into the text as read



# Paragraphs that Punkt is not asked to read (no '.', '?' or '!' before the closing marks) and
# paragraphs that must still go to Punkt: each row's split must be what Punkt itself gives.
ONE_SENTENCE_ROWS = [
    ("Talks opened in Muscat on Saturday.", True),
    ("“We will continue,” he said.”", True),
    ("Did the talks fail?", True),
    ("A headline without a stop", True),
    ("Mr. Roe spoke.", False),  # an abbreviation: Punkt decides
    ("It ended. Talks resume Monday.", False),
    ("But you said . . .", False),  # spaced dots
    ("and a more ethical politics.”.", False),  # two marks in the closing run
    ("has a different image of that. ….", False),
    ("No!?", False),
]


@pytest.mark.parametrize("text, shortcut", ONE_SENTENCE_ROWS)
def test_one_sentence_shortcut_agrees_with_punkt(text, shortcut):
    from analysis.tokenize import _one_sentence, punkt_tokenizer

    assert _one_sentence(text) is shortcut
    punkt = [(start, end) for start, end in punkt_tokenizer().span_tokenize(text)]
    assert [(s.start, s.end) for s in split_sentences(text)] == punkt or not shortcut and len(punkt) > 1
