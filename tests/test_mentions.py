"""The mentions stage: names with their roles kept apart, their kinds, and the sieves that link them."""

from __future__ import annotations

import pytest

from analysis.mentions import find_mentions, find_names, pronoun_antecedent
from analysis.mentions.link import Candidate, Entity, description_head
from analysis.mentions.sides import side_in
from analysis.records import Article
from analysis.tokenize import tokenize


def _names(text: str, **options) -> list[tuple[str, str | None]]:
    return [(p.name, p.role) for p in find_names(tokenize(Article(text)), **options) if not p.possessive]


# --- names and the role words before them: (sentence, [(name, role)])
NAMES = [
    ("Ukrainian Foreign Ministry spokesperson Heorhii Tykhyi spoke.", [("Heorhii Tykhyi", "Ukrainian Foreign Ministry spokesperson")]),
    ("Ukrainian delegate Sergiy Kyslytsya spoke.", [("Sergiy Kyslytsya", "Ukrainian delegate")]),
    ("Then Sen. Ted Cruz spoke.", [("Ted Cruz", "Sen.")]),
    ("Rustem Umerov and Vladimir Medinsky spoke.", [("Rustem Umerov", None), ("Vladimir Medinsky", None)]),
    ("Then Ursula von der Leyen spoke.", [("Ursula von der Leyen", None)]),
    ("Then Charles de Gaulle spoke.", [("Charles de Gaulle", None)]),
    ("Then Secretary of State John Kerry spoke.", [("John Kerry", "Secretary of State")]),
    ("Then Minister of Foreign Affairs Sergei Lavrov spoke.", [("Sergei Lavrov", "Minister of Foreign Affairs")]),
    # a title and its "of" open a sentence too (names._initial_name)
    ("President of Ukraine Volodymyr Zelensky spoke.", [("Volodymyr Zelensky", "President of Ukraine")]),
    ("Then EAM Jaishankar spoke.", [("Jaishankar", "EAM")]),  # an agency's abbreviated title (names.tsv)
    ("Then Colonel-Major Amadou Abdramane spoke.", [("Amadou Abdramane", "Colonel-Major")]),  # a hyphenated rank (names.tsv)
    # a lower-case title goes on through its "to"/"of" complement (names._title_of_name)
    ("Then former Indian ambassador to China Ashok Kantha spoke.", [("Ashok Kantha", "former Indian ambassador to China")]),
    ("Local teacher Ivan Petrov spoke.", [("Ivan Petrov", "Local teacher")]),
    # titles, roles and descriptors are the role, never part of the name (issue 8's list)
    ("Rival Hillary Clinton spoke.", [("Hillary Clinton", "Rival")]),
    ("Retired U.S. Air Force Gen. Norman Ham spoke.", [("Norman Ham", "Retired U.S. Air Force Gen.")]),
    ("Then Pennsylvania Gov. Ed Rendell spoke.", [("Ed Rendell", "Pennsylvania Gov.")]),
    ("Then Homeland Security Secretary Jeh Johnson spoke.", [("Jeh Johnson", "Homeland Security Secretary")]),
    ("Then Defense Minister Rustem Umerov spoke.", [("Rustem Umerov", "Defense Minister")]),
    ("Then Kremlin aide Yuri Ushakov spoke.", [("Yuri Ushakov", "Kremlin aide")]),
    ("Then Presidential aide Mykhailo Podolyak spoke.", [("Mykhailo Podolyak", "Presidential aide")]),
    ("Then Mr. Obama spoke, and President Obama left.", [("Obama", None), ("Obama", "President")]),
    ("Then Gov. Jim Justice spoke.", [("Jim Justice", "Gov.")]),
    ("Then dictator Vladimir Putin's advisor Yuri Ushakov spoke.", [("Yuri Ushakov", "Vladimir Putin's advisor")]),
    ("Russia's chief negotiator Vladimir Medinsky spoke.", [("Vladimir Medinsky", "Russia's chief negotiator")]),
    ("Then Turkish Foreign Minister Hakan Fidan spoke.", [("Hakan Fidan", "Turkish Foreign Minister")]),
    # a name is never a pronoun, a determiner, a sentence-opening word or a house label
    ("His aides spoke. It rained. However, Anna Kovac left.", [("Anna Kovac", None)]),
    ("Quote: the talks will go on.", []),
    ("Both sides spoke. Asked about it, Kovac left.", [("Kovac", None)]),
    ("“First and foremost, we agree,” Kovac said.", [("Kovac", None)]),
    ("“Civilians and children must be returned,” Kovac said.", [("Kovac", None)]),
    ("Ukrainian and Russian commanders met in the Ukraine-Russia talks.", []),
    ("Talks resumed on Monday in Sept. after the talks had stalled.", []),
    # _to_role and _all_role: a role that goes on with "to", and two titles of one person joined by "and"
    ("Then Assistant to the President Ali Kaya spoke.", [("Ali Kaya", "Assistant to the President")]),
    ("Then Adviser to the President of Azerbaijan and Head of the Policy Department Ali Kaya spoke.",
     [("Ali Kaya", "Adviser to the President of Azerbaijan and Head of the Policy Department")]),
    ("Then President Ali Kaya and Secretary Jo Bell spoke.", [("Ali Kaya", "President"), ("Jo Bell", "Secretary")]),
    # _given_name_after: past an of/for role, the name starts after its last role word when no given name is known
    ("Then Secretary of State for African Affairs Zuri Phee spoke.", [("Zuri Phee", "Secretary of State for African Affairs")]),
    # _portfolio_before: "and" inside a title's portfolio joins its parts, and inside a body's name before one word;
    # two people stay two
    ("Then Minister of Foreign Affairs and International Cooperation Ahmed Fiqi spoke.", [("Ahmed Fiqi", "Minister of Foreign Affairs and International Cooperation")]),
    ("Then Secretary of State John Kerry and Foreign Minister Sergei Lavrov spoke.", [("John Kerry", "Secretary of State"), ("Sergei Lavrov", "Foreign Minister")]),
    ("Then the Ministry of Water Resources and Irrigation spoke.", [("Ministry of Water Resources and Irrigation", None)]),
    # _portfolio_title_after: two portfolios joined by "and" before one title, also opening a sentence
    ("Water and Energy Minister Habtamu Itefa spoke.", [("Habtamu Itefa", "Water and Energy Minister")]),
    # _name_part: an honorific right after a given name is a word of the name ("Hassan Sheikh Mohamud")
    ("Then Hassan Sheikh Mohamud spoke.", [("Hassan Sheikh Mohamud", None)]),
    # _given_name_after: a portfolio the lexicon does not know goes with the title, the name is the last two words
    ("Then Federal Minister for Information Marriyum Aurangzeb spoke.", [("Marriyum Aurangzeb", "Federal Minister for Information")]),
    # honorifics of other countries (Malaysia's Datuk Seri) are not the name
    ("Then Prime Minister Datuk Seri Anwar Ibrahim spoke.", [("Anwar Ibrahim", "Prime Minister")]),
    # invisible characters stay inside the name and out of what is shown
    ("Then Ume\u200crov spoke.", [("Umerov", None)]),
    ("Then Rus\u202atem Umerov spoke.", [("Rustem Umerov", None)]),
]


@pytest.mark.parametrize("text, expected", NAMES)
def test_names_and_roles(text, expected):
    assert _names(text) == expected


# --- kinds: (sentence, {name: kind})
KINDS = [
    ("The Kremlin and Russia spoke.", {"Kremlin": "organisation", "Russia": "country"}),
    ("Reuters and the Ukrainian Foreign Ministry spoke.", {"Reuters": "outlet", "Ukrainian Foreign Ministry": "organisation"}),
    ("The Ukrainian Pravda piece came out.", {"Ukrainian Pravda": "outlet"}),
    ("The Russians and NATO spoke.", {"Russians": "group", "NATO": "organisation"}),
    # an organisation's head noun before "for"/"of", with no title in the phrase: the whole is the organisation
    ("The Roper Center for Public Opinion Research spoke.", {"Roper Center for Public Opinion Research": "organisation"}),
    ("They met in Istanbul and at Ground Zero.", {"Istanbul": "place", "Ground Zero": "place"}),
    # names.tsv "thing": a name whose head is a text, event or place noun is nobody
    ("The Montreux Convention and the Peace Formula were discussed.", {"Montreux Convention": "unknown", "Peace Formula": "unknown"}),
    # names._body_of_state: a body "… of [the] <state>" is one organisation, not the state with a role
    ("The General Staff of the Armed Forces of Ukraine spoke.", {"General Staff of the Armed Forces of Ukraine": "organisation"}),
    ("The head of the Office of the President of Ukraine, Andriy Yermak, spoke.",
     {"Office of the President of Ukraine": "organisation", "Andriy Yermak": "person"}),
    # names._title_before and _role_word: a body's name goes on through its "of"/"for" chain, and a capitalised
    # role noun after "of" is a word of it, not a person's role
    ("The Coordination Headquarters for the Treatment of Prisoners of War spoke.",
     {"Coordination Headquarters for the Treatment of Prisoners of War": "organisation"}),
    # names._title_before: a portfolio word after an organisation's "of" goes on to the state
    ("The Main Intelligence Directorate of the Ministry of Defence of Ukraine spoke.",
     {"Main Intelligence Directorate of the Ministry of Defence of Ukraine": "organisation"}),
    # names._public_agency: a news agency's name is an outlet, a public agency's is none
    ("The state news agency OSA and the UN refugee agency UNHCR spoke.", {"OSA": "outlet", "UNHCR": "organisation"}),
]


@pytest.mark.parametrize("text, expected", KINDS)
def test_kinds(text, expected):
    found = {p.name: p.kind for p in find_names(tokenize(Article(text)))}
    assert {name: found.get(name) for name in expected} == expected


def test_a_headline_gives_only_names_the_body_confirms():
    text = "Over 1,200 POWs to Be Exchanged Following Talks in Istanbul\n\nUmerov met Medinsky in Istanbul."
    article = Article(text, body_start=text.index("Umerov"))
    assert [p.name for p in find_names(tokenize(article), title_end=article.body_start)] == ["Istanbul", "Umerov", "Medinsky", "Istanbul"]


# --- linking names within an article: (text, [(mention, entity, sieve)])
LINKS = [
    # a surname links to the full name given earlier …
    ("Rustem Umerov arrived. Umerov spoke.", [("Rustem Umerov", "Rustem Umerov", "full name"), ("Umerov", "Rustem Umerov", "surname of Rustem Umerov")]),
    # … or later, for a lead that uses the surname first
    ("Umerov spoke. Defense Minister Rustem Umerov arrived.", [("Umerov", "Rustem Umerov", "surname of Rustem Umerov"), ("Rustem Umerov", "Rustem Umerov", "full name")]),
    # a fuller form is the same person
    ("Loretta Lynch spoke. Then Loretta E. Lynch left.", [("Loretta Lynch", "Loretta E. Lynch", "full name"), ("Loretta E. Lynch", "Loretta E. Lynch", "fuller form of Loretta Lynch")]),
    # two people with one surname: the surname goes to the latest one before it
    ("Bill Clinton spoke. Hillary Clinton spoke. Clinton left.", [("Bill Clinton", "Bill Clinton", "full name"), ("Hillary Clinton", "Hillary Clinton", "full name"), ("Clinton", "Hillary Clinton", "surname of Hillary Clinton")]),
    # a person introduced without a quote is the one a later surname names
    ("The talks opened with a delegation headed by Foreign Minister Jana Roe. Roe said more.", [("Jana Roe", "Jana Roe", "full name"), ("Roe", "Jana Roe", "surname of Jana Roe")]),
    # _head_of: a body named by its head noun alone is the one body named before with that head
    ("The Coordination Headquarters for the Treatment of Prisoners of War spoke. The Headquarters said more.",
     [("Coordination Headquarters for the Treatment of Prisoners of War", "Coordination Headquarters for the Treatment of Prisoners of War", "full name"),
      ("Headquarters", "Coordination Headquarters for the Treatment of Prisoners of War", "head noun of Coordination Headquarters for the Treatment of Prisoners of War")]),
    # … but two bodies with that head leave it apart
    ("The Russian Defence Ministry spoke. The Ukrainian Foreign Ministry spoke. The Ministry said more.",
     [("Russian Defence Ministry", "Russian Defence Ministry", "full name"), ("Ukrainian Foreign Ministry", "Ukrainian Foreign Ministry", "full name"),
      ("Ministry", "Ministry", "full name")]),
    # _sided_bodies: a body's name without its side word is the one full name the article gives it, before or after
    ("Russia brings home 248 men — Defense Ministry. The Russian Defense Ministry said so.", [("Russia", "Russia", "full name"), ("Defense Ministry", "Russian Defense Ministry", "full name"), ("Russian Defense Ministry", "Russian Defense Ministry", "full name")]),
    ("The Russian Foreign Ministry and the Ukrainian Foreign Ministry met. The Foreign Ministry said so.", [("Russian Foreign Ministry", "Russian Foreign Ministry", "full name"), ("Ukrainian Foreign Ministry", "Ukrainian Foreign Ministry", "full name"), ("Foreign Ministry", "Foreign Ministry", "full name")]),
    # _acronym_of: an acronym is the body named before whose initials it spells, in parentheses or not
    ("The Sudanese Armed Forces (SAF) signed. The SAF said more.", [("Sudanese Armed Forces", "Sudanese Armed Forces", "full name"), ("SAF", "Sudanese Armed Forces", "acronym of Sudanese Armed Forces"), ("SAF", "Sudanese Armed Forces", "full name")]),
    ("The International Committee of the Red Cross ran the flights. The ICRC said more.", [("International Committee of the Red Cross", "International Committee of the Red Cross", "full name"), ("ICRC", "International Committee of the Red Cross", "acronym of International Committee of the Red Cross")]),
    # _leading_merges: a name of two words that begins exactly one person's name of one word more, introduced with a
    # role, is that person, before or after it; a suffix makes another person ("Donald Trump Jr.")
    ("President Hassan Sheikh spoke. Later Somali President Hassan Sheikh Mohamud left.",
     [("Hassan Sheikh", "Hassan Sheikh Mohamud", "leading words of Hassan Sheikh Mohamud"), ("Hassan Sheikh Mohamud", "Hassan Sheikh Mohamud", "full name")]),
    ("Donald Trump spoke. Donald Trump Jr. spoke.", [("Donald Trump", "Donald Trump", "full name"), ("Donald Trump Jr.", "Donald Trump Jr.", "full name")]),
    # _merge: a chain of such names ends at the fullest ("Ann Bo" → "Ann Bo Cy" → "Ann Bo Cy Dee")
    ("Minister Ann Bo spoke. Then Minister Ann Bo Cy spoke. Then Minister Ann Bo Cy Dee spoke.",
     [("Ann Bo", "Ann Bo Cy Dee", "leading words of Ann Bo Cy"), ("Ann Bo Cy", "Ann Bo Cy Dee", "leading words of Ann Bo Cy Dee"),
      ("Ann Bo Cy Dee", "Ann Bo Cy Dee", "full name")]),
    # _declared_acronym, _merge_declared: the acronym a body declares in parentheses, whatever its letters, also
    # where a headline uses it first
    ("After the swap, SBU said it went well. The Security Service of Ukraine (SBU) ran it. The SBU said more.",
     [("SBU", "Security Service of Ukraine", "acronym of Security Service of Ukraine"), ("Security Service of Ukraine", "Security Service of Ukraine", "full name"),
      ("SBU", "Security Service of Ukraine", "acronym of Security Service of Ukraine"), ("SBU", "Security Service of Ukraine", "acronym of Security Service of Ukraine")]),
]


@pytest.mark.parametrize("text, expected", LINKS)
def test_name_links(text, expected):
    found = find_mentions(tokenize(Article(text)))
    got = [(found.names[i].name, found.entities[e].name, how) for i, (e, how) in enumerate(found.links) if not found.names[i].possessive]
    assert got == expected


def test_roles_from_appositions_reach_the_entity():
    text = "Ukraine's defence minister, Rustem Umerov, arrived. Vladimir Medinsky, who heads the Russian delegation, spoke. Umerov left."
    found = find_mentions(tokenize(Article(text)))
    roles = {e.name: e.roles for e in found.entities}
    assert roles["Rustem Umerov"] == ["Ukraine's defence minister"]
    assert roles["Vladimir Medinsky"] == ["head of the Russian delegation"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("ADEN, April 14 (Saba) – The head of the government delegation, Hadi Haig, said more.", "Hadi Haig", "head of the government delegation"),
        ("The UN envoy, Hans Grundberg, and the ICRC's regional director, Fabrizio Carboni, watched.", "Fabrizio Carboni", "ICRC's regional director"),
        # roles._after_possessive_pronoun: the role a clause gives from its possessive pronoun on
        ("Delegations came, and for the first time China sent its special envoy for Eurasian affairs, Li Hui, to the talks.", "Li Hui", "special envoy for Eurasian affairs"),
        # punkt_english.txt's "h.e": an honorific abbreviation ends no sentence, so the apposition reaches the name
        ("Ankara (SONNA) – The President of Somalia, H.E. Hassan Sheikh Mohamud, has said so.", "Hassan Sheikh Mohamud", "President of Somalia"),
    ],
)
def test_an_apposition_before_a_name_after_a_dateline_or_an_and(text, name, role):
    found = find_mentions(tokenize(Article(text)))
    assert role in {e.name: e.roles for e in found.entities}[name]


# --- pronouns: the most salient compatible mention
def test_pronoun_prefers_a_speaker_then_the_subject_and_keeps_gender_and_number():
    people = [Entity("Anna Kovac", "person", gender="f"), Entity("Ivan Petrov", "person", gender="m"), Entity("Ministry", "organisation")]
    seen = [Candidate((0,), 0, 0, speaker=True), Candidate((1,), 20, 1, subject=True), Candidate((2,), 40, 1), Candidate((0, 1), 50, 2)]
    assert pronoun_antecedent("she", 60, 2, seen, people) == (0,)
    assert pronoun_antecedent("he", 60, 2, seen, people) == (1,)
    assert pronoun_antecedent("they", 60, 2, seen, people) == (0, 1)
    assert pronoun_antecedent("it", 45, 1, seen, people) == (2,)
    assert pronoun_antecedent("he", 10, 0, seen, people) is None  # nothing before it is a man


@pytest.mark.parametrize(
    "description, expected",
    [
        ("the minister", ("minister", [], False)),
        ("Russia's chief negotiator", ("negotiator", ["russia's", "chief"], False)),
        ("the head of the Russian delegation", ("head", ["russian", "delegation"], False)),
        ("the two delegations", ("delegation", ["two"], True)),
        ("both sides", ("side", ["both"], True)),
    ],
)
def test_description_head(description, expected):
    assert description_head(description) == expected


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("Ukrainian delegate", ("Ukraine", "ukrainian")),
        ("Kremlin aide", ("Russia", "kremlin")),
        ("Russia's chief negotiator", ("Russia", "russia")),
        ("head of the Russian delegation", ("Russia", "russian")),
        ("(R-Texas)", ("Republican Party", "(R-…)")),
        ("Democrat from Virginia", ("Democratic Party", "democrat")),
        ("Republican nominee", ("Republican Party", "republican")),
        ("the Democratic candidate", ("Democratic Party", "democratic")),
        ("U.S. special envoy for Ukraine", ("United States", "u.s.")),
        ("ambassador to Russia", None),
        ("a source in the Russian delegation", ("Russia", "russian")),  # membership, not a target
        ("an ambassador in the Russian capital", None),
        ("teacher", None),
    ],
)
def test_side_words_of_a_role(phrase, expected):
    assert side_in(phrase) == expected
