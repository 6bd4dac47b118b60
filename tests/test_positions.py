"""Positions: topic, stance, modality, negation, quantities and evidence per speaker."""

import json
from pathlib import Path

import pytest

from analysis.errors import DataFileError
from analysis.positions import find_positions, find_quantities, position_rows
from analysis.records import Article, AttributedArticle, OutletCitation, Quote, Span, Speaker, Tokens
from analysis.tokenize import tokenize

from test_tone import GOLD, SOURCES

ELECTION = Path(__file__).resolve().parent.parent / "analysis" / "data" / "topics-election.tsv"


def one_quote(content: str, *, cue: str = "said", kind: str = "indirect", speaker=Speaker("Ann Lee", side="X")):
    """An article "<content>, Ann Lee <cue>." with one quote whose speaker is Ann Lee."""
    text = f"{content}, Ann Lee {cue}."
    cue_start = len(content) + 10
    quote = Quote(kind, (Span(0, len(content)),), Span(cue_start, cue_start + len(cue)), Span(len(content) + 2, len(content) + 9),
                  (speaker,) if speaker else ())  # fmt: skip
    article = Article(text, id="t")
    return AttributedArticle(article, tokenize(article), (quote,))


@pytest.mark.parametrize(
    ("content", "cue", "topic", "stance"),
    [
        ("the two sides agreed on a prisoner exchange", "said", "prisoner exchange", "support"),
        ("Kyiv welcomed the ceasefire", "said", "ceasefire", "support"),
        ("Moscow proposed a 24-hour truce", "said", "ceasefire", "propose"),
        ("Russia suggested new talks in Geneva", "said", "talks", "propose"),
        ("Russia offered to hand over the bodies of 500 soldiers", "said", "return of remains", "offer"),
        ("civilians must be returned", "said", "civilians and children", "demand"),
        ("the deported children have to be brought home", "said", "civilians and children", "demand"),
        ("Europe called for tougher sanctions", "said", "sanctions", "demand"),
        ("Kyiv refused to cede any territory", "said", "territory", "reject"),
        ("Moscow rejected the security guarantees", "said", "security guarantees", "reject"),
        ("it is not a ceasefire", "said", "ceasefire", "oppose"),
        ("Ukraine will not accept the truce", "said", "ceasefire", "reject"),
        ("they did not agree to the exchange", "said", "prisoner exchange", "oppose"),
        ("a summit of the presidents is possible", "said", "leaders' meeting", "neutral"),
        ("a ceasefire be declared at once", "insisted", "ceasefire", "demand"),
        ("the sanctions be lifted", "proposed", "sanctions", "propose"),
        # topics.tsv: children who must come home are the return of children; stances.tsv: "not negotiable" refuses
        ("the children must come home", "said", "civilians and children", "demand"),
        ("the ceasefire line is not negotiable", "said", "ceasefire", "reject"),
        # stances.tsv: readiness is an offer, calling on and appealing a demand, being satisfied support
        ("Kyiv expressed readiness to hold a new exchange", "said", "prisoner exchange", "offer"),
        ("the ICRC called on both sides to free the prisoners", "said", "prisoner exchange", "demand"),
        ("Moscow was satisfied with the exchange", "said", "prisoner exchange", "support"),
        # stances.tsv: a commitment to go on doing something is an offer; continuing with an object, support
        ("the Emirates would keep working on further prisoner releases", "said", "prisoner exchange", "offer"),
        ("China will continue to play a constructive role in the talks", "said", "talks", "offer"),
        ("Turkey will continue its efforts for the talks", "said", "talks", "support"),
        ("Bulgaria would assign a minehunter to the demining group for the grain ships", "said", "grain exports and shipping", "offer"),
    ],
)
def test_stance_from_content_and_cue(content, cue, topic, stance):
    found = {(p.concept, p.stance) for p in find_positions(one_quote(content, cue=cue))}
    assert (topic, stance) in found


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("an exchange of at least 1,200 POWs", ("at least 1,200",)),
        ("over 1,200 people", ("over 1,200",)),
        ("more than 1,200 people", ("more than 1,200",)),
        ("ceasefires lasting 24 or 48 hours", ("24 or 48 hours",)),
        ("the remains of 3,000 soldiers", ("3,000",)),
        ("a 30-day truce and $5 million", ("30-day", "$5 million")),
        ("talks in 2025 with 12 delegates", ("12",)),
        ("an exchange of 1,000 for 1,000", ("1,000 for 1,000",)),
        ("a thousand-for-thousand swap", ("thousand-for-thousand",)),
        ("on the principle of all for all", ("all for all",)),
        ("6,000 bodies and about 3,000 more", ("6,000", "about 3,000")),
        ("no more than three years", ("no more than three years",)),
        ("on July 23, 2025 and on 3 January", ()),
        ("one of the delegates", ()),
    ],
)
def test_quantities_keep_their_qualifiers(text, quantities):
    assert find_quantities(text) == quantities


def test_modality_negation_and_evidence():
    attributed = one_quote("Ukraine must not give up territory")
    (position,) = find_positions(attributed)
    assert position.modality == "must" and position.negated
    assert position.evidence.text(attributed.article.text) == "Ukraine must not give up territory"


def test_a_clause_without_a_topic_lends_its_stance_to_the_quote_topic():
    attributed = one_quote("Our agreement is more than 1,200 people. These will be exchanges", kind="direct")
    (position,) = find_positions(attributed)
    assert (position.concept, position.stance, position.quantities) == ("prisoner exchange", "support", ("more than 1,200",))


def test_a_quote_that_names_no_topic_holds_no_position():
    assert find_positions(one_quote("the weather was fine")) == ()


@pytest.mark.parametrize(
    "content",
    [
        "Kyiv’s POWs came home",
        "THE CEASEFIRE'S TERMS",
        "a pre-ceasefire pause",
        "the summit—if there is one—will wait",
        "we need prisoners; nothing else",
        "İstanbul talks",
        "ΣΥΝΟΜΙΛΙΕΣ and a truce",
        "nobody trusts the powerful",
    ],
)
def test_the_topic_screen_never_skips_a_quote_that_names_a_topic(content):
    from analysis.positions import _may_name_topic
    from analysis.positions.clauses import Clause, clause_matcher, cut_clauses
    from analysis.positions.stance import read_stances
    from analysis.positions.topics import topic_screen
    from analysis.tone import read_topics

    topics = read_topics()
    attributed = one_quote(content)
    text, part = attributed.article.text, attributed.quotes[0].content[0]
    matcher = clause_matcher(topics, read_stances())
    names = any(Clause(text, clause, matcher, topics).topics for clause in cut_clauses(text, [part]))
    assert _may_name_topic(text, [part], topic_screen(topics)) or not names
    assert names == (content != "nobody trusts the powerful")


def test_a_sentence_cut_inside_a_word_still_screens_its_pieces():
    from analysis.records import Sentence

    text = "they backed the xceasefire at once, Ann Lee said."
    cut = text.index("ceasefire")  # a sentence boundary inside "xceasefire": the second piece names the topic
    sentences = (Sentence(Span(0, cut), 0, 0), Sentence(Span(cut, len(text)), 0, 1))
    quote = Quote("indirect", (Span(0, 34),), Span(44, 48), Span(36, 43), (Speaker("Ann Lee", side="X"),))
    attributed = AttributedArticle(Article(text), Tokens(text, (Span(0, len(text)),), sentences), (quote,))
    assert [p.concept for p in find_positions(attributed)] == ["ceasefire"]


def test_an_unresolved_speaker_or_an_outlet_holds_no_position():
    assert find_positions(one_quote("Kyiv welcomed the ceasefire", speaker=None)) == ()
    attributed = one_quote("Kyiv welcomed the ceasefire", speaker=Speaker("The Gaze", kind="organisation"))
    attributed = AttributedArticle(attributed.article, attributed.tokens, attributed.quotes, (), (OutletCitation("The Gaze", Span(0, 1)),))
    assert find_positions(attributed) == ()


def test_a_joint_statement_gives_each_speaker_the_position():
    a, b = Speaker("A", side="X"), Speaker("B", side="Y")
    attributed = one_quote("they agreed on a prisoner exchange")
    quote = attributed.quotes[0]
    attributed = AttributedArticle(attributed.article, attributed.tokens, (Quote(quote.kind, quote.content, quote.cue, quote.source, (a, b)),))
    assert [(p.speaker, p.side) for p in find_positions(attributed)] == [("A", "X"), ("B", "Y")]


def test_another_domain_is_one_file_away():
    attributed = one_quote("we must cut taxes for the middle class and repeal Obamacare")
    found = {(p.concept, p.stance) for p in find_positions(attributed, topics=ELECTION)}
    assert {("taxes", "demand"), ("health care", "demand")} <= found


def test_a_malformed_topic_file_is_refused(tmp_path):
    bad = tmp_path / "topics.tsv"
    bad.write_text("taxes taxes\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 1"):
        find_positions(one_quote("taxes"), topics=bad)


def test_rows_have_the_documented_columns():
    (row,) = position_rows(one_quote("Moscow proposed a 24-hour truce"))
    assert {"speaker", "side", "topic", "stance", "quantities", "evidence", "modality", "negated", "quote", "evidence_span"} <= set(row)
    assert row["evidence"] == "Moscow proposed a 24-hour truce"


# --- the seed article --------------------------------------------------------------------


def _number(quantity: str) -> str:
    return quantity.split()[-1] if not quantity.endswith("hours") else quantity


@pytest.mark.skipif(not GOLD.exists(), reason=f"the shared reference annotation is not here ({GOLD}); it lives outside the project")
@pytest.mark.parametrize("source", SOURCES)
def test_seed_reference_positions(source):
    attributed = source()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["positions"]
    found = find_positions(attributed)
    hits = 0
    for reference in gold:
        for p in found:
            if (p.speaker, p.concept, p.stance) == (reference["speaker"], reference["topic"], reference["stance"]):
                mine = " | ".join(p.quantities)
                if all(q.split()[-1] in mine for q in reference["quantities"]):
                    hits += 1
                    break
    assert hits >= 5, f"{hits} of {len(gold)} reference positions found"
    outlets = {o["name"] for o in json.loads(GOLD.read_text(encoding="utf-8"))["outlets"]}
    assert not outlets & {p.speaker for p in found}


# --- holders, stance rules, senses, names (issue 9) ---------------------------------------


def article_with_mentions(text: str, content: str, speaker: str = "Anna Roe"):
    """A real attribution of ``text``, for rules that read the mentions stage."""
    from analysis import attribute

    return attribute(Article(text, id="m"))


@pytest.mark.parametrize(
    ("text", "holder", "concept", "stance"),
    [
        ("Kyslytsya said Russia rejects a ceasefire.", "Russia", "ceasefire", "reject"),
        ("A source said Moscow demands new sanctions talks.", "Moscow", "sanctions", "demand"),
        ("Anna Roe said Velmora was ready to release the sailors.", "Velmora", "prisoner exchange", "offer"),
        ("Anna Roe said Israel and Hamas have agreed to extend the truce.", "Hamas", "ceasefire", "support"),
        ("Anna Roe said we agreed to exchange the prisoners.", "Anna Roe", "prisoner exchange", "support"),
        # holders.PARTY_NOUNS: "the Russian side" is the state the article names; "so far" is a filler
        ("Russia and Ukraine met. Anna Roe said the Russian side has so far refused a ceasefire.", "Russia", "ceasefire", "reject"),
        # Clause.relative_antecedent: a relative clause's stance bears on the noun before "which"/"whom"
        ("Russia and Ukraine met. Anna Roe said Ukraine remained ready for an exchange on the all-for-all principle, "
         "which the Russian side has so far refused to discuss.", "Russia", "prisoner exchange", "reject"),
        ("Anna Roe said she handed over a list of wounded prisoners, whom Kyiv wants repatriated first.", "Kyiv", "prisoner exchange", "demand"),
    ],
)
def test_the_holder_is_the_party_before_the_stance_words(text, holder, concept, stance):
    found = {(p.holder, p.concept, p.stance) for p in find_positions(article_with_mentions(text, ""))}
    assert (holder, concept, stance) in found


def test_a_reported_stance_keeps_its_speaker():
    (position,) = [p for p in find_positions(article_with_mentions("Kyslytsya said Russia rejects a ceasefire.", "")) if p.stance != "neutral"]
    assert (position.speaker, position.holder) == ("Kyslytsya", "Russia")


def test_joined_subjects_each_hold_the_stance():
    found = find_positions(article_with_mentions("Anna Roe said Israel and Hamas have agreed to extend the truce.", ""))
    assert {"Israel", "Hamas"} <= {p.holder for p in found if p.stance == "support"}


@pytest.mark.parametrize(
    ("content", "concept", "stance", "reason"),
    [
        ("Ukraine will not withdraw its troops", "troop withdrawal", "reject", "negated action"),
        ("Iran would not discuss its missile programme", "nuclear and missile programmes", "reject", "negated action"),
        ("the relationship could not be normal as long as troops remain at the border", "troop withdrawal", "demand", "lexicon"),
        ("Israel would accept more days only if 10 captives were freed", "prisoner exchange", "demand", "lexicon"),
        ("they did not agree to the exchange", "prisoner exchange", "oppose", "negated support"),
        ("Belgrade would not sign any ceasefire", "ceasefire", "reject", "negated action"),
        ("the enrichment of uranium is not up for negotiation", "nuclear and missile programmes", "reject", "lexicon"),
        ("Moscow denied any ceasefire", "ceasefire", "oppose", "lexicon"),
        ("it was open to dialogue", "dialogue and diplomacy", "offer", "lexicon"),
        ("Serbia had to accept the ceasefire", "ceasefire", "demand", "obliged"),
        ("Azerbaijan will free 32 Armenian servicemen as a sign of good faith", "prisoner exchange", "offer", "lexicon"),
        ("a bilateral ceasefire was not on the table yet", "ceasefire", "reject", "lexicon"),
        ("Greece would accept no outside interference in the matter", "sovereignty and intervention", "reject", "refused object"),
        ("Velmora was ready to sign the ceasefire as soon as tomorrow", "ceasefire", "offer", "lexicon"),
        ("Russia will return to the grain deal as soon as its demands are met", "grain exports and shipping", "demand", "lexicon"),
    ],
)
def test_stance_rules(content, concept, stance, reason):
    found = {(p.concept, p.stance, p.reason.split(" '")[0]) for p in find_positions(one_quote(content))}
    assert (concept, stance, reason) in found


def test_stance_words_bear_on_the_topic_they_govern():
    found = {(p.concept, p.stance) for p in find_positions(one_quote("Tervia would not withdraw a single soldier before a ceasefire was signed"))}
    assert ("troop withdrawal", "reject") in found and ("ceasefire", "reject") not in found


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("the remains of 3,000 soldiers must be returned", True),
        ("the case remains under investigation", False),
        ("a handover to civilian rule", False),
        ("civilians must be freed", True),
        ("the children of the candidates went to college", False),
        ("the deported children must be returned", True),
    ],
)
def test_a_lexicon_topic_matches_only_in_its_sense(content, named):
    from analysis.tone import read_topics

    concepts = {p.concept for p in find_positions(one_quote(content), topics=read_topics())}
    assert bool(concepts & {"return of remains", "civilians and children"}) == named


def test_the_topic_name_adds_the_words_the_clause_names_it_by():
    (position,) = find_positions(one_quote("Velmora agreed to exchange detained sailors"), topics=__import__("analysis.tone", fromlist=["x"]).read_topics())
    assert position.concept == "prisoner exchange" and position.topic.startswith("prisoner exchange")


def test_one_position_per_holder_topic_and_stance_an_article():
    attributed = one_quote("we must have a ceasefire. A ceasefire must come first")
    assert [p.stance for p in find_positions(attributed)] == ["demand"]


def test_the_lexicon_is_the_one_the_article_names():
    from analysis.positions.topics import choose_topics

    assert choose_topics("Trump's tax plan, Clinton's emails and the debate on immigration")[1] == "topics-election.tsv"
    assert choose_topics("The delegations agreed on a prisoner exchange and a ceasefire")[1] == "topics.tsv"
    attributed = one_quote("we must cut taxes and stop illegal immigration now, not after the debate")
    assert {p.topic_source for p in find_positions(attributed)} == {"topics-election.tsv"}


def test_a_stance_file_is_user_extendable(tmp_path):
    from analysis.positions.stance import read_stances

    path = tmp_path / "stances.tsv"
    path.write_text("propose\tfloat a plan for\nnegation\tnot\nmodal\tmust\n", encoding="utf-8")
    found = find_positions(one_quote("they float a plan for a truce"), stance_phrases=read_stances(path))
    assert [p.stance for p in found] == ["propose"]
    path.write_text("maybe\tperhaps\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 1"):
        read_stances(path)


def test_rows_carry_holder_and_ids():
    (row,) = position_rows(one_quote("Moscow proposed a 24-hour truce", speaker=Speaker("Ann Lee", side="X", id="ann-lee")))
    assert (row["holder"], row["holder_id"], row["speaker_id"], row["concept"]) == ("Ann Lee", "ann-lee", "ann-lee", "ceasefire")


@pytest.mark.parametrize(
    ("text", "holders"),
    [
        ("Russia and Ukraine met in Ankara. Anna Roe said both sides had agreed to exchange 40 prisoners.", {"Russia", "Ukraine"}),
        ("Russia and Ukraine swapped prisoners. Anna Roe said the two warring parties had agreed to a further exchange of prisoners.", {"Russia", "Ukraine"}),
        ("Anna Roe said the United Arab Emirates had taken part in the talks and was ready to mediate further swaps.", {"United Arab Emirates"}),
    ],
)
def test_group_nouns_and_clause_subjects_hold_stances(text, holders):
    found = {p.holder for p in find_positions(article_with_mentions(text, "")) if p.stance != "neutral"}
    assert holders <= found


def test_until_after_a_negation_is_a_condition():
    found = {(p.concept, p.stance, p.reason.split(" '")[0]) for p in find_positions(one_quote("not one more until every civilian is out"))}
    assert ("civilians and children", "demand", "condition") in found


@pytest.mark.parametrize(
    ("content", "topic", "stance"),
    [
        ("Egypt is ready to share hydrological data every week", "share hydrological data every week", "offer"),
        ("Azerbaijan supports Armenia's candidacy for a seat", "Armenia's candidacy for a seat", "support"),
        ("Ukraine would not accept any limit on how much water the dam holds", "limit on how much water the dam holds", "reject"),
        ("Egypt and Sudan agreed on Wednesday to set up a committee", "set up a committee", "support"),
        # a lexicon topic inside a relative clause is not what the stance governs
        ("Ostrel refuses to let independent doctors visit the camps where the civilians are held", "let independent doctors visit the camps", "reject"),
        # a number inside the object goes to the quantities, the words after it stay in the topic
        ("Lebanon was ready to deploy at least 5,000 troops south of the river", "deploy troops south of the river", "offer"),
    ],
)
def test_a_party_s_stance_without_a_lexicon_topic_is_about_what_it_governs(content, topic, stance):
    found = find_positions(article_with_mentions(f"Anna Roe said {content}.", ""))
    assert (topic, topic, stance, "stated object") in {(p.topic, p.concept, p.stance, p.topic_source) for p in found}
    assert all(p.holder != "Anna Roe" for p in found if p.topic_source == "stated object")


@pytest.mark.parametrize(
    ("content", "topic", "stance"),
    [
        # stance words right before the verb they govern reach what that verb governs
        ("Armenia was ready to sign a peace treaty", "memorandum and peace terms: sign a peace treaty", "offer"),
        ("Armenia was ready to sign a peace treaty and wanted a ceasefire", "memorandum and peace terms: sign a peace treaty", "offer"),
    ],
)
def test_a_chain_of_stance_words_governs_what_its_last_verb_governs(content, topic, stance):
    found = {(p.holder, p.topic, p.stance) for p in find_positions(article_with_mentions(f"The statement spoke of dialogue, and Anna Roe said {content}.", ""))}
    assert ("Armenia", topic, stance) in found


def test_the_speaker_s_own_stance_words_need_a_lexicon_topic():
    assert not find_positions(one_quote("we are ready to share hydrological data every week"))


@pytest.mark.parametrize(
    ("content", "control"),
    [
        ("Ukraine has to be consulted", "Ukraine has to accept the plan"),  # a passive's topic is before the stance words
        ("Ukraine agreed with them", "Ukraine agreed to the plan"),  # no content word after
        ("Ukraine signed on Monday", "Ukraine signed the plan"),  # only a time word
        ("Ukraine wants them home", "Ukraine wants the plan"),  # a pronoun opens what follows
    ],
)
def test_no_object_phrase_where_nothing_is_governed(content, control):
    def stated(words):
        return [p.topic for p in find_positions(article_with_mentions(f"Anna Roe said {words}.", "")) if p.topic_source == "stated object"]

    assert stated(content) == [] and stated(control) == ["plan"]


@pytest.mark.parametrize(
    "content",
    ["it was a sign of goodwill on the ceasefire", "the opposition spoke about the ceasefire", "the demand for a ceasefire was old"],
)
def test_a_stance_word_after_an_article_names_no_stance(content):
    assert {p.stance for p in find_positions(one_quote(content))} == {"neutral"}


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Youssef Ezzat, an adviser to the Rapid Support Forces, said the paramilitary force was ready to open safe corridors.", "Rapid Support Forces"),
        ("Faisal bin Farhan, Saudi Arabia's foreign minister, said the kingdom was ready to host a further round.", "Saudi Arabia"),
        ("Hadi Haig said the Yemeni government would keep pressing for the release of detainees.", "Yemeni government"),
        ("The Yemeni government met the envoy. Hadi Haig said the government would release 700 detainees.", "Yemeni government"),
    ],
)
def test_a_description_of_the_speakers_body_holds_as_that_body(text, holder):
    """Per speaker, the body of their side; "the Yemeni government" itself; "the government" the one the article names."""
    found = find_positions(article_with_mentions(text, ""))
    assert holder in {p.holder for p in found if p.stance in ("offer", "demand")}
    assert all(p.speaker != holder for p in found if p.holder == holder)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # the number and the words that open it drop out; what it counts stays ("of soldiers")
        ("Anna Roe said Russia had offered to return the remains of an additional 3,000 soldiers.", "return of remains: return the remains of soldiers"),
        ("Anna Roe said Ostrel was ready to hand back over 2,000 bodies of fallen soldiers.", "return of remains: hand back bodies of fallen soldiers"),
        ("Anna Roe said Armenia was ready to discuss a peace treaty.", "memorandum and peace terms: discuss a peace treaty"),
        ("Anna Roe said Azerbaijan will free 32 Armenian servicemen.", "prisoner exchange: Armenian servicemen"),
        # a topic that is the governed verb is named with its object
        ("Anna Roe said Türkiye was ready to host the next round of talks.", "mediation: host the next round of talks"),
    ],
)
def test_a_lexicon_topic_is_named_with_what_the_stance_governs_never_with_its_numbers(text, topic):
    assert topic in {p.topic for p in find_positions(article_with_mentions(text, "")) if p.stance != "neutral"}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # noun_phrase: past a quantity after "of"
        ("Anna Roe said Velmora and Ostrel agreed on the return of 1,200 civilians.", "civilians and children: return of civilians"),
        # noun_phrase: a topic phrase used as a verb takes its object
        ("Anna Roe said Ostrel insisted that Velmora first free the rebel detainees.", "prisoner exchange: free the rebel detainees"),
    ],
)
def test_a_topic_is_named_with_the_noun_phrase_around_it(text, topic):
    assert topic in {p.topic for p in find_positions(article_with_mentions(text, ""))}


def test_a_stance_is_on_its_own_object_before_a_topic_named_past_it():
    # _beyond: the truce is named past the object of "ready to"; the offer is the convoys
    text = "Anna Roe said Egypt was ready to send aid convoys to the north from the first day of the truce."
    found = {(p.holder, p.topic, p.stance) for p in find_positions(article_with_mentions(text, ""))}
    assert ("Egypt", "send aid convoys to the north", "offer") in found
    assert not any(topic.startswith("ceasefire") and stance == "offer" for _, topic, stance in found)


@pytest.mark.parametrize(
    ("text", "topic", "stance"),
    [
        # _cue_object: a stance cue whose content is a noun phrase the lexicon does not name
        ("Ivo Marsh rejected the demand to restore the rights of barred candidates.", "demand to restore the rights of barred candidates", "reject"),
        ("Lena Dove called for an independent audit of the electoral register.", "independent audit of the electoral register", "demand"),
    ],
)
def test_a_stance_cue_on_a_noun_phrase_is_the_speaker_s_stance_on_it(text, topic, stance):
    found = {(p.holder, p.topic, p.stance, p.topic_source) for p in find_positions(article_with_mentions(text, ""))}
    assert (text.split(" ")[0] + " " + text.split(" ")[1], topic, stance, "stated object") in found


@pytest.mark.parametrize(
    "text",
    [
        "Ivo Marsh said the talks would go on.",  # a cue with no stance
        "Ivo Marsh proposed that the audit must wait.",  # the content states a stance of its own ("must")
        "Ivo Marsh proposed Kyiv consider an audit.",  # no determiner opens it: a clause, not a noun phrase
    ],
)
def test_no_cue_object_without_a_stance_cue_and_a_noun_phrase(text):
    assert not [p for p in find_positions(article_with_mentions(text, "")) if p.reason.endswith("on its object")]


def test_one_holder_s_two_stances_of_one_kind_on_two_objects_are_two_positions():
    # find_positions: a position is one per holder, topic as stated and stance; a second demand on another object
    # of the same lexicon topic is a statement of its own (one per concept would drop it)
    text = ("Anna Roe said Russia expected the ammonia pipeline to Odesa to reopen. "
            "Ivan Petrov said Russia expected its grain ships to be inspected faster.")
    found = [(p.holder, p.concept, p.stance) for p in find_positions(article_with_mentions(text, "")) if p.stance != "neutral"]
    assert found.count(("Russia", "grain exports and shipping", "demand")) == 2


def test_a_stance_a_frame_states_before_the_content_is_the_framed_party_s():
    # _frame_stance: "said Ankara had proposed that …" is Ankara's proposal on what follows, reported by Erdogan
    text = "Erdogan said Ankara had proposed that the two countries raise their annual trade to $10 billion."
    found = {(p.holder, p.speaker, p.stance) for p in find_positions(article_with_mentions(text, ""))}
    assert ("Ankara", "Erdogan", "propose") in found


def test_the_items_of_a_list_take_the_stance_of_its_lead_in():
    # _lead_in_stance: "put three proposals on the table: A; B; C" proposes each item, the party named holding them;
    # lead_ins: the lead-in's own object ("the table") is no position
    text = ("The ministry said Ethiopia put three proposals on the table: a joint mechanism for sharing hydrological "
            "data; a panel of experts; and measures for cooperation in years of drought.")
    found = {(p.holder, p.stance, p.topic) for p in find_positions(article_with_mentions(text, ""))}
    assert {("Ethiopia", "propose", "joint mechanism for sharing hydrological data"), ("Ethiopia", "propose", "panel of experts"),
            ("Ethiopia", "propose", "measures for cooperation in years of drought")} <= found
    assert not any(topic == "table" for _, _, topic in found)


def test_a_colon_lead_in_after_the_cue_is_the_speaker_s_stance():
    # _frame_stance: "set out their main demands at the first sitting: …" names no party: the speaker demands
    text = "The TTP negotiators set out their main demands at the first sitting: the withdrawal of the army from the districts."
    found = {(p.holder, p.stance, p.concept) for p in find_positions(article_with_mentions(text, ""))}
    assert ("TTP negotiators", "demand", "troop withdrawal") in found
