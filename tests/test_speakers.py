"""Speakers: names, roles, sides, pronouns, role nouns, outlets and the user's side mapping."""

from __future__ import annotations

import json

import pytest

from analysis.attribution import attribute
from analysis.errors import DataFileError
from analysis.records import Article
from analysis.speakers import infer_side, load_outlets, read_sides


def _speakers(text: str, **options) -> list:
    return [[s.name for s in q.speakers] for q in attribute(Article(text), **options).quotes]


# --- sides


@pytest.mark.parametrize(
    "name, role, sides, expected",
    [
        ("Rustem Umerov", "head of the Ukrainian delegation", None, ("Ukraine", "ukrainian")),
        ("Vladimir Medinsky", "head of the Russian delegation", None, ("Russia", "russian")),
        ("Dmitry Peskov", "Kremlin spokesman", None, ("Russia", "kremlin")),
        ("Oleh Nikolenko", "spokesman for Kyiv", None, ("Ukraine", "kyiv")),
        ("Ted Cruz", "Republican Sen.", None, ("Republican Party", "republican")),
        ("Jane Doe", "teacher", None, (None, None)),
        ("Jane Doe", None, None, (None, None)),
        ("Rustem Umerov", None, {"Rustem Umerov": "Kyiv"}, ("Kyiv", "user mapping: Rustem Umerov")),
        ("Rustem Umerov", "head of the Ukrainian delegation", {"umerov": "Team A"}, ("Team A", "user mapping: umerov")),
        ("Anna Kovac", "Kyiv envoy", {"Kyiv": "Ukraine (user)"}, ("Ukraine (user)", "user mapping: Kyiv")),
    ],
)
def test_infer_side(name, role, sides, expected):
    assert infer_side(name, role, sides=sides) == expected


def test_party_tag_gives_a_side():
    result = attribute(Article("Sen. John Smith (R-Texas) said the bill would fail."))
    assert result.speakers[0].side == "Republican Party"


# --- linking within an article


@pytest.mark.parametrize(
    "text, expected",
    [
        # full name first, then surname, then pronoun
        ("Anna Kovac said the talks failed. Kovac said more. “No,” she added.", [["Anna Kovac"]] * 3),
        # a pronoun resolves to the most recent speaker, not to a name inside a quote
        ("Anna Kovac said the talks failed. “Ivan Petrov lied,” she said.", [["Anna Kovac"], ["Anna Kovac"]]),
        ("Anna Kovac said talks failed. Ivan Petrov said they did not. He added that more would come.", [["Anna Kovac"], ["Ivan Petrov"], ["Ivan Petrov"]]),
        # a role noun resolves to the latest speaker with that role
        ("Foreign Minister Anna Kovac said talks failed. Ivan Petrov said they did not. The minister said more would come.", [["Anna Kovac"], ["Ivan Petrov"], ["Anna Kovac"]]),
        # a joint statement
        ("Anna Kovac and Ivan Petrov announced a truce.", [["Anna Kovac", "Ivan Petrov"]]),
        # gender from a title keeps "he" away from Mrs. Kovac
        ("Mr. Ivan Petrov said talks failed. Mrs. Anna Kovac said they did not. He added that more would come.", [["Ivan Petrov"], ["Anna Kovac"], ["Ivan Petrov"]]),
        # nothing to resolve to
        ("He said the talks failed.", [[]]),
    ],
)
def test_linking(text, expected):
    assert _speakers(text) == expected


def test_coordinated_roles_pair_with_names_in_order():
    text = (
        "The heads of the Ukrainian and Russian delegations in Istanbul, Anna Kovac and Ivan Petrov, "
        "announced a truce."
    )
    result = attribute(Article(text))
    roles = {s.name: (s.role, s.side) for s in result.speakers}
    assert roles == {
        "Anna Kovac": ("head of the Ukrainian delegation", "Ukraine"),
        "Ivan Petrov": ("head of the Russian delegation", "Russia"),
    }


def test_apposition_gives_the_role():
    result = attribute(Article("Anna Kovac, the Ukrainian envoy, said the talks failed."))
    assert (result.speakers[0].role, result.speakers[0].side) == ("Ukrainian envoy", "Ukraine")


def test_an_apposition_keeps_the_acronym_that_gives_the_side():
    # roles._APPOSITION_AFTER: "(IAEA)" stays with the role, and the side table knows the acronym
    result = attribute(Article("Rafael Grossi, the director general of the International Atomic Energy Agency (IAEA), said the plant was fragile."))
    assert (result.speakers[0].name, result.speakers[0].side) == ("Rafael Grossi", "IAEA")


@pytest.mark.parametrize(
    "text",
    [
        # _head_phrases: the "for" of a body's own name does not cut the source (it was an epithet of Lubinets)
        "Dmytro Lubinets, Ukraine's ombudsman, spoke. In Kyiv, the Ukrainian Coordination Headquarters for the Treatment of "
        "Prisoners of War said 502 bodies were back.",
        # _acts_as_outlet: a body named by its head noun that "reports" is no publication
        "Among those released are four women. This was reported by the Coordination Headquarters for the Treatment of Prisoners of War.",
    ],
)
def test_a_body_named_with_for_and_of_is_the_speaker_by_its_name(text):
    links = [q.link for q in attribute(Article(text)).quotes if q.speakers and "Headquarters" in q.speakers[0].name]
    assert links == ["full name"]


@pytest.mark.parametrize(
    "text, name, side",
    [
        # names._extend: a body's "on" goes on ("Committee on …"); MentionIndex.phrase_around: a source cut at it is the body
        ("The State Duma Committee on International Affairs said it supported the talks.", "Duma Committee on International Affairs", "Russia"),
        # learn._state_owned: "… of the Russian Federation" is that state's body, not a party of its own (sides.tsv)
        ("The Ministry of Defense of the Russian Federation said 90 servicemen had been returned.",
         "Ministry of Defense of the Russian Federation", "Russia"),
    ],
)
def test_a_state_body_named_with_a_chain_speaks_for_its_state(text, name, side):
    speaker = attribute(Article(text)).quotes[0].speakers[0]
    assert (speaker.name, speaker.side) == (name, side)


def test_a_long_official_title_after_a_name_is_its_role():
    # roles.MAX_TITLE_AFTER_WORDS: a title after "the" may run to 18 words
    text = "Wang Yi, the director of the Office of the Central Foreign Affairs Commission of China's ruling Communist Party, said talks went well."
    result = attribute(Article(text))
    assert (result.speakers[0].name, result.speakers[0].side) == ("Wang Yi", "China")


def test_the_second_of_two_people_with_roles_of_their_own_does_not_take_the_role_before_the_first():
    text = ("It was signed by Ali Kaya, the secretary of Iran's Supreme National Security Council (SNSC), Saudi adviser Musa Bell "
            "and Wang Yi, who chaired the session. Wang Yi said talks went well.")
    wang = [s for s in attribute(Article(text)).speakers if s.name == "Wang Yi"]
    assert wang and not any("Iran" in r for r in wang[0].roles) and wang[0].side != "Iran"


def test_a_state_s_body_with_an_acronym_speaks_for_the_state():
    # learn._state_owned: "Iran's Supreme National Security Council (SNSC)" is Iran's, not a party of its own
    result = attribute(Article("Ali Kaya, the secretary of Iran's Supreme National Security Council (SNSC), said talks went well."))
    assert (result.speakers[0].name, result.speakers[0].side) == ("Ali Kaya", "Iran")


def test_side_evidence_and_unknown_side():
    result = attribute(Article("Ukrainian envoy Anna Kovac said talks failed. Local teacher Ivan Petrov said they did not."))
    found = {s.name: (s.side, s.side_evidence) for s in result.speakers}
    assert found == {"Anna Kovac": ("Ukraine", "ukrainian"), "Ivan Petrov": (None, None)}


# --- outlets


def test_outlets_are_citations_not_speakers():
    text = "Anna Kovac announced a truce, The Gaze reports, citing Ukrainian Pravda."
    result = attribute(Article(text))
    assert [o.name for o in result.outlets] == ["The Gaze", "Ukrainian Pravda"]
    assert [s.name for s in result.speakers] == ["Anna Kovac"]
    assert len(result.quotes) == 1


def test_outlet_list():
    outlets = load_outlets()
    assert outlets.is_outlet("Reuters") and outlets.is_outlet("the Washington Post")
    assert not outlets.is_outlet("Anna Kovac")


# --- the user's side mapping


def test_read_sides_json(tmp_path):
    path = tmp_path / "sides.json"
    path.write_text(json.dumps({"Umerov": "Ukraine", "Kremlin": "Russia"}), encoding="utf-8")
    assert read_sides(path) == {"Umerov": "Ukraine", "Kremlin": "Russia"}


def test_read_sides_tsv_with_header_and_comments(tmp_path):
    path = tmp_path / "sides.tsv"
    path.write_text("name\tside\n# comment\nUmerov\tUkraine\n\nKremlin\tRussia\n", encoding="utf-8")
    assert read_sides(path) == {"Umerov": "Ukraine", "Kremlin": "Russia"}


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bad.json", "{not json", "not valid JSON"),
        ("list.json", "[1, 2]", "expected a JSON object"),
        ("value.json", '{"Umerov": 3}', "must be a non-empty string"),
        ("bad.tsv", "Umerov Ukraine\n", "expected two tab-separated columns"),
        ("three.tsv", "Umerov\tUkraine\textra\n", "expected two tab-separated columns"),
    ],
)
def test_read_sides_malformed(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        read_sides(path)


def test_read_sides_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="check the path"):
        read_sides(tmp_path / "nope.tsv")


def test_user_mapping_by_word():
    text = "Kremlin spokesman Dmitry Peskov said talks failed."
    result = attribute(Article(text), sides={"Kremlin": "Moscow side"})
    assert (result.speakers[0].side, result.speakers[0].side_evidence) == ("Moscow side", "user mapping: Kremlin")


# --- linking descriptions, groups and pronouns: (text, speakers of each quote, in order)
LINKED = [
    # role nouns and descriptions link to the person who holds that role in the article
    ("Vladimir Medinsky, who heads the Russian delegation, arrived. The head of the Russian delegation said talks would go on.",
     [["Vladimir Medinsky"]]),
    ("Russia's team was led by Vladimir Medinsky. Russia's chief negotiator said talks would go on.", [["Vladimir Medinsky"]]),
    ("Kremlin aide Yuri Ushakov arrived. The Kremlin aide said the talks were useful.", [["Yuri Ushakov"]]),
    ("Foreign Ministry spokeswoman Anna Kovac spoke first. The spokesperson said the talks were useful.", [["Anna Kovac"]]),
    ("Foreign Minister Anna Kovac met Ivan Petrov. The minister said the talks were useful.", [["Anna Kovac"]]),
    ("Iranian Foreign Minister Abbas Araghchi met the envoy. The top Iranian diplomat said the talks were useful.", [["Abbas Araghchi"]]),
    # role_synonyms.tsv: a role phrase also holds the nouns a later description uses ("prime minister" → premier)
    ("Prime Minister Ana Ruiz met the envoy Ivan Petrov. The premier said the talks were useful.", [["Ana Ruiz"]]),
    ("Ivan Petrov, adviser to the president, met Ana Ruiz. The presidential aide said the talks were useful.", [["Ivan Petrov"]]),
    # _head_phrases: the "of" of a person's own role does not cut the source before the name
    ("US Secretary of State Jo Bell arrived. US Assistant Secretary of State for African Affairs Zuri Phee, who led the team, "
     "told reporters the deal was close.", [["Zuri Phee"]]),
    # a headline's description with a side is the person of that side the lead names, and later holds that role
    ("Truce signed in Doha, says Qatari mediator\n\nThe truce was signed, Qatari Minister of State Ali Kaya said. "
     "The mediator said the talks would go on.", [["Ali Kaya"], ["Ali Kaya"], ["Ali Kaya"]]),
    # a description said once is what the same head noun refers back to
    ("A senior U.S. official said talks went well. The official said more would follow.", [["senior U.S. official"], ["senior U.S. official"]]),
    # group nouns for the parties are a joint speaker of those parties
    ("Ukrainian and Russian negotiators met in Ankara. Kyiv and Moscow sent delegations. Both sides said the exchange would go ahead.",
     [["Ukraine", "Russia"]]),
    ("Ombudsman Dmytro Lubinets met his Russian counterpart Tatiana Moskalkova. The two ombudspersons said the exchange was agreed.",
     [["Dmytro Lubinets", "Tatiana Moskalkova"]]),
    # roles.tsv: "the embassy" is a body, the one embassy the article names
    ("The Russian Embassy in Sofia said the mines were not Russian. Moscow expects restraint, the embassy said.",
     [["Russian Embassy"], ["Russian Embassy"]]),
    # names._organisation: an all-capitals title ("MP") alone is a role noun, not a body's acronym
    ("Labour MP Jane Doe said the bill would pass. The MP said more votes would follow.", [["Jane Doe"], ["Jane Doe"]]),
    # linker.ANONYMOUS_HEADS: "the source" is the unnamed source said before, never the person the lead names
    ("Talks made progress, Egyptian source says\n\nTalks made progress, a high-level Egyptian source said. "
     "Sameh Shoukry met the envoys. The source said the delegations would return.",
     [["Egyptian source"], ["high-level Egyptian source"], ["high-level Egyptian source"]]),
    # names.tsv: a church is an organisation, not a person who holds a government's role
    ("Archbishop Bagrat Galstanyan, Primate of the Tavush Diocese of the Armenian Apostolic Church, led the protest. "
     "Prime Minister Nikol Pashinyan replied. The head of the Armenian government said the border would be safer.",
     [["head of the Armenian government"]]),
    # linker._sentence_pair: the pair the group noun's own sentence names, not the article's two parties
    ("Ukraine and Russia traded accusations. Kyiv and Moscow met again. Andriy Yermak then met Li Hui. At that meeting "
     "both sides said they wanted regular contacts between Kyiv and Beijing.", [["Ukraine", "China"]]),
    # …not the guarantors of a list of three or more, nor a state whose minister hosted the round
    ("The guarantors were Mexico, Cuba, Venezuela and Norway. Saravia's negotiator Ana Ruiz met Olsk's negotiator "
     "Ivan Mora. The two delegations said they would meet again.", [["Saravia", "Olsk"]]),
    ("Mexican minister Juan Ortiz, whose country hosted the round, met Saravia's negotiator Ana Ruiz in Mexico. "
     "Ortiz said Mexico was ready. Olsk's negotiator Ivan Mora was quiet. Both sides said they would meet again.",
     [["Juan Ortiz"], ["Saravia", "Olsk"]]),
    # _mediating_sides: a pair named as the mediators ("mediated by A and B", "A and B, the two facilitators") is not the parties
    ("Saravia and Olsk signed a truce, according to Egypt and Qatar, the two facilitators of the talks. Egypt and Qatar "
     "welcomed it. Saravia's negotiator Ana Ruiz met Olsk's negotiator Ivan Mora. The two sides said they would meet again.",
     [["Egypt", "Qatar"], ["Saravia", "Olsk"]]),
    ("The truce was brokered by Egypt and Qatar. Egypt and Qatar welcomed it. Saravia's negotiator Ana Ruiz met "
     "Olsk's negotiator Ivan Mora. Both sides said they would meet again.", [["Saravia", "Olsk"]]),
    # "mediators say", "the two mediators said": the sides named as mediating speak together
    ("Truce signed, mediators say\n\nSaravia and Olsk signed a truce, according to Egypt and Qatar, the two "
     "facilitators of the talks. The two mediators said the truce would hold.", [["Egypt", "Qatar"], ["Egypt", "Qatar"], ["Egypt", "Qatar"]]),
    # …but hosting the next meeting is no mediation
    ("Thailand and Cambodia agreed to a truce. Thailand and Cambodia will meet again, in talks to be hosted by Cambodia. "
     "Both sides said they would meet again.", [["Thailand", "Cambodia"]]),
    # facilitators.tsv: the UN, the EU, the ICRC … are parties only when no two others are named
    ("The United Nations and the ICRC ran the flights. UN officials and ICRC staff met Saravia's negotiator Ana Ruiz "
     "and Olsk's negotiator Ivan Mora. The UN said it would help. Both sides said they would meet again.",
     [["United Nations"], ["Saravia", "Olsk"]]),
    # linker._head_phrases: "A and the B" issuing one statement is a joint speaker
    ("The detainees were freed, according to a joint statement issued by the United Arab Emirates and the Kingdom of "
     "Saudi Arabia.", [["United Arab Emirates", "Kingdom of Saudi Arabia"]]),
    # linker._note_issued: "the statement" after "X said in a statement" is X's
    ("In a statement, the Russian Defence Ministry said that 95 servicemen had returned. The statement said they "
     "would get medical care.", [["Russian Defence Ministry"], ["Russian Defence Ministry"]]),
    # linker._top_sides: "the three sides" are the three sides the article names most, mediators among them
    ("Bangladesh and Myanmar met in Kunming with China, which mediated. Bangladesh sent ten officials, Myanmar eight. "
     "The three sides said they would meet again.", [["Bangladesh", "Myanmar", "China"]]),
    # linker._MEDIATORS_BEFORE: "the guarantors" are the run of names after "the guarantor countries,"
    ("The talks brought together the guarantor countries, Russia, Iran and Turkey, and the Syrian parties. "
     "The next meeting will be in May, the guarantors said.", [["Russia", "Iran", "Turkey"]]),
    # "both leaders" speak for the parties
    ("Serbian President Ivan Vuk met Kosovo Prime Minister Alb Kur. Both leaders said they would return.", [["Serbia", "Kosovo"]]),
    # pronouns: the most recent compatible mention, not only the last speaker
    ("Anna Kovac said the talks failed. Ivan Petrov then arrived in Ankara. He said they had not.", [["Anna Kovac"], ["Ivan Petrov"]]),
    # a pronoun with no compatible antecedent stays unresolved; it never becomes an unrelated speaker
    ("Russia said the talks failed. “We tried,” he added.", [["Russia"], []]),
    # a surname is not a person of the other gender or with other titles
    ("Michelle Obama spoke at the rally. Mr. Obama said the law would stand.", [["Obama"]]),
    ("Senator Anna Kovac spoke at the rally. President Kovac said the law would stand.", [["Kovac"]]),
    # a bare capitalised word is no antecedent for "he" until it speaks
    ("Anna Kovac landed on Midway. “We are here,” he said.", [[]]),
    # a counterpart in the next sentence holds the role of the person before: "the top diplomat" is the latest one
    ("Foreign Minister Ivan Petrenko met Blinken. His counterpart, Jon Holm, was cautious. The top diplomat said talks would go on.",
     [["Jon Holm"]]),
    # a past office no one holds is an epithet of the person just named, whatever its side word
    ("The AU envoy, Olu Bako, arrived. “We are close,” the former Nigerian president said.", [["Olu Bako"]]),
    # …also when a name only modifies its head noun
    ("Colombia's negotiator, Otto Pena, spoke. The former M-19 guerrilla added that talks would go on.", [["Otto Pena"]]),
    # …and nobody before it leaves it a description
    ("“We are close,” the former Nigerian president said.", [["former Nigerian president"]]),
    # a sentence opened by a description that is no source is the subject a later pronoun refers to
    ("The leader of the mission, Gen. Abu Bakar, arrived. The former military head of state met President Ola Tinu. "
     "He said: “We met them.”", [["Abu Bakar"]]),
    # an indefinite description brings in someone new, unless it is a role the article gave a person word for word
    ("Israeli Defence Minister Yoav Gallant stayed home. An Israeli official told reporters the talks had stalled.", [["Israeli official"]]),
    ("Jo Bell, a school spokesman, arrived. Later a school spokesman said the talks had stalled.", [["Jo Bell"]]),
    # a definite description with a side word and an unknown head is the salient person of that side
    ("CIA Director William Burns met Abbas Kamel. The American spymaster said a deal was near.", [["William Burns"]]),
    # a participle after a description is no part of its name
    ("An Israeli official, speaking on condition of anonymity, said the talks had stalled.", [["Israeli official"]]),
    # "who" is the name before it
    ("The talks were led by Anna Kovac, who said they would go on.", [["Anna Kovac"]]),
    # a lead's description before any name is the person the lead names next, with no role or side of their own
    ("Talks end\n\nIran's Foreign Ministry spokesman said the funds were free. \"They are ours,\" Nasser Kanaani told reporters. "
     "Central Bank of Iran Governor Mohammad Reza Farzin said the money was in Doha.", [["Nasser Kanaani"], ["Nasser Kanaani"], ["Mohammad Reza Farzin"]]),
    # _head_phrases: a name that ends the source after a role with "for" is its head ("Spokesman for … Jan Tesar") …
    ("Head of the Morvanian delegation, Defence Minister Ivo Lorin, said talks went well. "
     "Spokesman for the Morvanian delegation Jan Tesar said the next meeting was near.", [["Ivo Lorin"], ["Jan Tesar"]]),
    # … but a name after "for the" is the role's object ("a spokesman for the Unitary Platform")
    ("Gerardo Blyde arrived. Later a spokesman for the Unitary Platform said the next meeting was near.", [["spokesman for the Unitary Platform"]]),
    # linker.OFFICES: "the Russian minister" is no Russian aide named before (an office only its holder fills) …
    ("Kremlin aide Yuri Ushakov arrived. The Russian minister said the talks were useful.", [["Russian minister"]]),
    # … while "the Russian official" may be any of that side's people
    ("Kremlin aide Yuri Ushakov arrived. The Russian official said the talks were useful.", [["Yuri Ushakov"]]),
    # a contracted pronoun ("He’s claiming") is the pronoun, never a speaker named "He"
    ("Donald Trump spoke in Ohio. He’s claiming that fraud is a big problem.", [["Donald Trump"]]),
    # a pronoun never stands for a text named between ("the Montreux Convention" is no person: names.tsv "thing")
    ("Turkish Defence Minister Yasar Guler arrived. Turkey would keep applying the Montreux Convention, he said.", [["Yasar Guler"]]),
    # role_synonyms.tsv: a president is the head of state, a Duma deputy a lawmaker (link.description_head)
    ("President of Ukraine Volodymyr Zelensky spoke. “We are home,” the head of state wrote.", [["Volodymyr Zelensky"]]),
    ("The bodies are home, State Duma deputy Shamsail Saraliyev said. “It is done,” the lawmaker said.",
     [["Shamsail Saraliyev"], ["Shamsail Saraliyev"]]),
    # an abbreviated title holds its role nouns (role_synonyms.tsv: EAM is a minister)
    ("EAM Jaishankar arrived in Delhi. “The real test is on the ground,” the minister said.", [["Jaishankar"]]),
]


@pytest.mark.parametrize("text, expected", LINKED)
def test_descriptions_groups_and_pronouns_link(text, expected):
    assert _speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Reuters reported that the talks had stalled.",  # an outlet citation, not a speaker
        "The report says the truce held for a week.",  # a document
        "According to Russian media, the truce held.",  # media
        "Daily Trust reports that the junta asked for more time.",  # a lead word of outlet names
        "CNN Türk reported that Ankara hoped to host the talks.",  # a one-word outlet leading a longer name
        "Armenpress reported that the round had ended.",  # an agency of the shipped list
        "ANI reported that the round had ended.",  # an agency matched only in capitals
    ],
)
def test_outlets_documents_and_media_are_citations_not_speakers(text):
    result = attribute(Article(text))
    assert result.quotes == () and result.speakers == () and result.outlets


def test_an_agency_after_the_speaker_is_cited_not_quoted():
    result = attribute(Article("Ukraine brought home 115 men, Anna Roe announced, UNN reports."))  # outlets.tsv: UNN
    assert [[s.name for s in q.speakers] for q in result.quotes] == [["Anna Roe"]] and [o.name for o in result.outlets] == ["UNN"]


def test_a_name_written_like_a_capitals_only_outlet_is_a_person():
    (quote,) = attribute(Article("Armenian spokeswoman Ani Badalian said the round had ended.")).quotes
    assert quote.speaker.name == "Ani Badalian" and not attribute(Article("Ani Badalian said so.")).outlets


def test_a_headline_name_before_a_title_case_cue_is_the_body_s_person():
    # names._ArticleContext.confirmed: the title-case run ends at the last word the body confirms ("… Kovac Says …")
    text = "Anna Kovac Says Talks Will Go On After Long Night\n\nAnna Kovac said on Tuesday that the talks would go on."
    found = attribute(Article(text, body_start=text.index("Anna Kovac said")))
    assert [(q.speakers[0].id, q.link) for q in found.quotes] == [("anna-kovac", "surname of Anna Kovac"), ("anna-kovac", "full name")]
    assert [e.name for e in found.entities] == ["Anna Kovac"]
    # … and stops at a title before it: "Defence Minister Tagarev Says" is Tagarev, not the deputy minister named first
    text = ("Group Is Not Directed Against Anyone, Defence Minister Tagarev Says\n\n"
            "The memorandum was signed by Deputy Defence Minister Atanas Zapryanov. Defence Minister Todor Tagarev said so.")
    found = attribute(Article(text, body_start=text.index("The memorandum")))
    assert [q.speakers[0].name for q in found.quotes][0] == "Todor Tagarev"


def test_every_quote_records_how_its_source_was_linked():
    text = "Defense Minister Rustem Umerov arrived. Umerov said talks went on. “We agree,” he added."
    assert [q.link for q in attribute(Article(text)).quotes] == ["surname of Rustem Umerov", "pronoun 'he' → Rustem Umerov"]


def test_an_article_teaches_its_own_demonyms_as_sides():
    text = "Velmora and Kastria met. The Kastrian delegation was headed by Teodor Malek. Malek said talks went on."
    (quote,) = attribute(Article(text)).quotes
    assert (quote.speaker.name, quote.speaker.side) == ("Teodor Malek", "Kastria")


# --- what an article teaches about sides, and names around titles: (text, [(speaker, side)] of each quote)
TAUGHT = [
    # a non-state party is its own side, under the acronym the article gives it, and a role that names it is on it
    ("The Eastern Freedom Front (EFF) met the government. EFF spokesman Ben Aziz said the truce would hold.",
     [("Ben Aziz", "EFF")]),
    # …and a rebel word stands for the one such party the article names
    ("The Eastern Freedom Front (EFF) met the government. The rebel delegation was led by Ben Aziz. Aziz said the truce would hold.",
     [("Ben Aziz", "EFF")]),
    # an adviser to a person named in the apposition serves that person's side; "the government delegation" is led by one
    ("Ben Aziz, national security adviser to Ethiopian Prime Minister Abiy Ahmed, said the truce would hold.",
     [("Ben Aziz", "Ethiopia")]),
    ("The Ethiopian government and the rebels met. The government delegation was led by Ben Aziz. Aziz said the truce would hold.",
     [("Ben Aziz", "Ethiopia")]),
    # a role holding commas before the name; the head noun of the one armed party stands for it
    ("ECOWAS Commissioner for Political Affairs, Peace and Security, Abdel Musa, had on Sunday rejected the plan. "
     "Musa said the plan had failed.",
     [("Abdel Musa", "ECOWAS")]),
    ("The Eastern Alliance met the government. The rebels were represented by Mira Cas, the head of the alliance's "
     "political council. Cas said the truce would hold.",
     [("Mira Cas", "Eastern Alliance")]),
    # a lower-case noun between a modifier and a title stays in the role; "the bloc" is the one bloc named
    ("The talks were chaired by EU foreign policy chief Josep Borrell. Borrell said the text was ready.",
     [("Josep Borrell", "European Union")]),
    ("EU ministers met. The bloc's special envoy for the dialogue, Miro Lajc, arrived later. Lajc said the text was ready.",
     [("Miro Lajc", "European Union")]),
    # the side word before "critic", "opponent", "rival" is whom the person opposes (a party's rival stays of the party)
    ("Kremlin critic Ivan Doe said the talks would resume.", [("Ivan Doe", None)]),
    ("Putin's opponent Ivan Doe said the talks would resume.", [("Ivan Doe", None)]),
    ("Trump's Republican rival Ted Cruz said the talks would resume.", [("Ted Cruz", "Republican Party")]),
    # a month that is a given name before a surname is a name ("Jan Berg"), and "Jan" may be a woman
    ("UN envoy Jan Berg, a former Norwegian diplomat, said the talks would resume.", [("Jan Berg", "United Nations")]),
    ("Former Arizona governor Jan Brewer arrived. “We are ready,” she said.", [("Jan Brewer", None)]),
    # "the government" in a role stands for the one government the article names
    ("Talks with the Oskan government resumed. The government's negotiator Paul Odo said the truce would hold.",
     [("Paul Odo", None)]),
    # a name in a possessive before a state's role is a side
    ("Saravia's chief negotiator Harlan Voss said the truce would hold.", [("Harlan Voss", "Saravia")]),
    # …and a government named by its side stands behind "the government"
    ("The Oskan government and the rebels met. Oska has a coast. Government negotiator Paul Odo said the truce would hold.",
     [("Paul Odo", "Oska")]),
    # the shipped demonym stays the lexicon's, whatever else the article writes
    ("Turkish Foreign Minister Ali Demir met leaders of the Turk minority. Demir said the truce would hold.",
     [("Ali Demir", "Turkey")]),
    # a past office counts after a present one
    ("Former Italian Prime Minister Luca Conti, the UN envoy, arrived. Conti said the truce would hold.",
     [("Luca Conti", "United Nations")]),
    # …and the AU, a capitals-only side word, is the present body of a former national leader
    ("Former Kenyan president Uhuru Kenyatta, a member of the AU panel, said monitors would come.", [("Uhuru Kenyatta", "African Union")]),
    # a counterpart takes the other's role but never the other's side
    ("Armenian Foreign Minister Ara Petrosyan arrived. His counterpart, Jon Holm, said the talks would go on.", [("Jon Holm", None)]),
    # capitals-only side words
    ("US envoy Jim Hale met us. Hale said the truce would hold.", [("Jim Hale", "United States")]),
    # a word before a given name in a three-word name is a title
    ("Union leader Alhaji Musa Bello arrived. Bello said the strike would go on.", [("Musa Bello", None)]),
    # a given name alone goes to the one full name it begins
    ("Ann Bell, the mediator, arrived. “We are close,” says Ann.", [("Ann Bell", None)]),
    # …also a given name no list knows (Ethiopian usage: "Redwan" is Redwan Hussien)
    ("The delegation was led by Redwan Hussien. Redwan said the deal would hold.", [("Redwan Hussien", None)]),
    # …but not when two full names begin with it, nor for a place or a dateline in capitals
    ("Redwan Hussien and Redwan Ali met. Redwan said the deal would hold.", [("Redwan", None)]),
    ("MIDWAY ATOLL — The reef is vast. Ben Aziz landed on Monday. During his tour of the birds on Midway, he paused. "
     "“We must act,” he said.", [("Ben Aziz", None)]),
    # a plural description of two sides speaks for both states
    ("The Austrian and Swiss mediators said the deal was near.", [("Austria & Switzerland", "Austria & Switzerland")]),
    # _HEADED_BY: "the Armenian side in the talks was led by X" (a phrase between the group and its verb)
    ("The Armenian side in the talks was led by Secretary Ara Petrosyan. Petrosyan said the deal was good.", [("Ara Petrosyan", "Armenia")]),
    # two titles joined by "and" are one role, whose side word holds ("Cambodian Deputy Prime Minister and Foreign Minister X")
    ("Cambodian Deputy Prime Minister and Foreign Minister Sok Chan said the truce held.", [("Sok Chan", "Cambodia")]),
    # states the side list now knows (a host's side: "Barbadian Prime Minister")
    ("Barbadian Prime Minister Mia Mottley, who hosted the meeting, said it went well.", [("Mia Mottley", "Barbados")]),
    # linker._party_itself: a party's side or delegation speaking as one is that party; an aside is no apposition
    ("Ukraine and Russia met. The Russian side said it was ready to hand over the lists.", [("Russia", "Russia")]),
    ("Dalrik and Morvania met. The Dalrik side, in turn, said it was ready to hand over the lists.", [("Dalrik", "Dalrik")]),
    # linker._RELATIVE_TAIL: a participle's aside after a description is no part of it ("…, quoted by Kan, said")
    ("An Israeli official, quoted by the public broadcaster Kan, said the men would not return.", [("Israeli official", "Israel")]),
    # learn.learn_attributive: a name before what a state has ("Dalrik Foreign Ministry spokeswoman") is a side
    ("Dalrik and Morvania met in Veran. Dalrik Foreign Ministry spokeswoman Hanna Kordel said the lists would follow.", [("Hanna Kordel", "Dalrik")]),
    # learn.learn_named_parties: a name before a lower-case "party" is a side of the party kind, above a nationality
    ("Ivan Kolev, a Bulgarian MP of the opposition Vazrazhdane party, said the vote must come first.", [("Ivan Kolev", "Vazrazhdane")]),
    # learn.learn_opposition: "opposition" in a role stands for the one opposition the article names
    ("The government and the opposition Unitary Platform met. The opposition delegation was led by Ana Ruiz. "
     "Ruiz said the register must be updated.", [("Ana Ruiz", "Unitary Platform")]),
    # sides.tsv: an intelligence directorate and the UN's agencies speak for their state or body
    ("HUR representative Andriy Yusov said the lists were ready. UNICEF spokesperson James Elder said the children must go home.",
     [("Andriy Yusov", "Ukraine"), ("James Elder", "United Nations")]),
    # linker._affiliated: a description with a side is not someone whose role names another body ("PASOK leader")
    ("President Recep Tayyip Erdogan arrived. PASOK president Nikos Androulakis said the text was weak. "
     "The Turkish president said the talks had been useful.", [("Nikos Androulakis", None), ("Recep Tayyip Erdogan", "Turkey")]),
    # mentions._without_sides: a counterpart takes the role, not the body the other heads; roles._apposition_before
    # drops a sentence's opening "But"
    ("The Nigeria Labour Congress (NLC) and the Trade Union Congress (TUC) walked out. But the President of the NLC, "
     "Joe Ajaero, said the offer was an insult. His TUC counterpart, Festus Osifo, said talks must go on.",
     [("Joe Ajaero", "NLC"), ("Festus Osifo", "TUC")]),
    # mentions.role_around: a source that stops inside a role before a name ("Water | and Energy Minister …") is
    # that person
    ("Water and Energy Minister Habtamu Itefa (PhD), for his part, rejected calls to stop, saying the filling had done no harm.",
     [("Habtamu Itefa", None)]),
    # roles._body_before_title: a side's name and a body noun before a title say whose spokesman
    ("The paper quoted Myanmar junta spokesman Major General Zaw Min Tun as saying the lists were final.", [("Zaw Min Tun", "Myanmar")]),
    # learn.learn_generic: a government named by words of two sides ("the Afghan Taliban government") says nothing
    # of whose "government sources" speak
    ("The jirga met the Afghan Taliban government in Kabul. Government sources said the talks would go on.",
     [("Government sources", None)]),
    # learn.learn_spoken_for: an acronym before a spokesperson's or a leader's title is the side they speak for,
    # unless the side words know it ("UN spokesman") or it is an outlet ("CNN anchor")
    ("TTP spokesman Mohammad Khurasani said the ceasefire would hold. UN spokesman Ben Aziz said the talks went on.",
     [("Mohammad Khurasani", "TTP"), ("Ben Aziz", "United Nations")]),
    # linker._lend_side: a description with a side word that links to a person of no stated side gives that side
    ("President Ana Ruiz said the deal could be revived. The Chilean president said the talks had been useful.",
     [("Ana Ruiz", "Chile"), ("Ana Ruiz", "Chile")]),
]


@pytest.mark.parametrize("text, expected", TAUGHT)
def test_sides_an_article_teaches_and_names_around_titles(text, expected):
    got = []
    for q in attribute(Article(text)).quotes:
        got.append((" & ".join(s.name for s in q.speakers), " & ".join(s.side or "" for s in q.speakers) or None))
    assert got == expected


def test_a_name_after_a_media_noun_is_an_outlet():
    result = attribute(Article("The state news agency OSA quoted officials. OSA reported that the talks had stalled."))
    assert "OSA" not in {s.name for s in result.entities} and any(o.name == "OSA" for o in result.outlets)


def test_a_descriptions_relative_clause_is_no_part_of_its_name():
    from analysis.records import Quote, Span
    from analysis.speakers import resolve_speakers
    from analysis.tokenize import tokenize

    text = "A source close to the talks, who declined to be named, said the deal was near."
    source = Span(0, text.index(", said"))
    quote = Quote("indirect", (Span(text.index("the deal"), len(text) - 1),), Span(source.end + 2, source.end + 6), source)
    (resolved,) = resolve_speakers(tokenize(Article(text)), (quote,)).quotes
    assert [s.name for s in resolved.speakers] == ["source close to the talks"] and not resolved.speakers[0].named


def test_a_place_after_a_verb_in_a_source_is_its_object_not_its_speaker():
    from analysis.records import Quote, Span
    from analysis.speakers import resolve_speakers
    from analysis.tokenize import tokenize

    text = "Hamas delegation leaves Cairo, says ball is in Israel's court."
    source = Span(0, text.index(", says"))
    quote = Quote("indirect", (Span(text.index("ball"), len(text) - 1),), Span(source.end + 2, source.end + 6), source)
    (resolved,) = resolve_speakers(tokenize(Article(text)), (quote,)).quotes
    assert [s.name for s in resolved.speakers] == ["Hamas"]
