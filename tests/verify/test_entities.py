import pytest

from assistant.verify.entities import (
    QUANTIFIERS, extract_mentions, extract_predicates, extract_quantifiers,
)


def canon(text: str, kind: str | None = None) -> list[str]:
    ms = extract_mentions(text)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return [m.canonical for m in ms if kind is None or m.kind == kind]


@pytest.mark.parametrize("alias", [
    "ISIS", "ISIL", "IS", "Islamic State", "the Islamic State", "Daesh", "Da'esh", "Da’esh",
    "the Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria",
])
def test_isis_aliases(alias):
    ms = extract_mentions(f"Yesterday {alias} claimed the attack.")
    assert [(m.kind, m.canonical) for m in ms] == [("actor", "isis")]


def test_long_isis_name_is_one_mention_and_hides_iraq():
    text = "the Islamic State of Iraq and the Levant (ISIL, also known as Da'esh)"
    assert canon(text) == ["isis", "isis", "isis"]
    assert extract_mentions(text)[0].text == "the Islamic State of Iraq and the Levant"


def test_verb_is_is_not_isis():
    assert canon("The threat is real and it is growing.") == []
    assert canon("WHAT IS ISIS") == ["isis"]  # all-caps context: only ISIS counts
    assert canon("Is this true?") == []


def test_us_pronoun_is_not_united_states():
    assert canon("Let us see what the US and the U.S. said") == ["us", "us"]
    assert canon("the United States of America") == ["us"]


@pytest.mark.parametrize("text,expected", [
    ("Amaq News Agency reported", "amaq"), ("via Amaq", "amaq"), ("A'maq said", "amaq"),
    ("al-Naba editorial", "al-naba"), ("the al-Hayat Media Center", "al-hayat"),
    ("Wafa' Media Foundation", "wafa-media"), ("National Thowheeth Jama'ath", "ntj"),
    ("the NTJ", "ntj"), ("al-Qaida", "al-qaida"), ("al-Qaeda", "al-qaida"),
    ("Al Qaeda", "al-qaida"), ("Hay'at Tahrir al-Sham", "hts"), ("the UN", "un"),
    ("the United Nations", "un"), ("the Security Council", "un"),
    ("the Monitoring Team", "un-monitoring-team"), ("the UN Monitoring Team", "un-monitoring-team"),
    ("CTED", "cted"), ("Europol", "europol"), ("Interpol", "interpol"),
    ("The Soufan Center", "soufan"), ("the Soufan Group", "soufan"), ("ICSR", "icsr"),
    ("the SDF", "sdf"), ("the Syrian Democratic Forces", "sdf"), ("Kurdish forces", "kurds"),
    ("the Syrian government", "syrian-government"), ("the Syrian regime", "syrian-government"),
    ("the Assad regime", "syrian-government"), ("Syrian army", "syrian-government"),
])
def test_actor_aliases(text, expected):
    ms = extract_mentions(text)
    assert [(m.kind, m.canonical) for m in ms] == [("actor", expected)]


@pytest.mark.parametrize("text,expected", [
    ("in Russia", "russia"), ("in Turkey", "turkey"), ("in the United States", "us"),
    ("in the UK", "uk"), ("in Britain", "uk"), ("in the United Kingdom", "uk"),
    ("in Canada", "canada"), ("in France", "france"), ("in Germany", "germany"),
    ("in Sri Lanka", "sri-lanka"), ("in Syria", "syria"), ("in Iraq", "iraq"),
    ("in Raqqa", "raqqa"), ("in Deir ez-Zor", "deir-ez-zor"), ("in Deir al-Zour", "deir-ez-zor"),
    ("in Nice", "nice"), ("in Berlin", "berlin"), ("in Stockholm", "stockholm"),
    ("in London", "london"), ("in Manchester", "manchester"), ("in Barcelona", "barcelona"),
    ("in Paris", "paris"), ("in Brussels", "brussels"), ("in Europe", "europe"),
    ("in the EU", "eu"), ("in the European Union", "eu"),
    # demonym adjectives map to the country, as places
    ("Canadian fighters", "canada"), ("British fighters", "uk"), ("French nationals", "france"),
    ("German citizens", "germany"), ("Sri Lankan churches", "sri-lanka"),
    ("Russian cities", "russia"), ("Turkish border", "turkey"), ("American hostages", "us"),
])
def test_places_and_demonyms(text, expected):
    ms = extract_mentions(text)
    assert [(m.kind, m.canonical) for m in ms] == [("place", expected)]


@pytest.mark.parametrize("text,expected", [
    ("Russian forces bombed", "russia"), ("Turkish troops entered", "turkey"),
    ("the Syrians released", "syria"), ("the Americans", "us"), ("French authorities", "france"),
])
def test_demonyms_as_actors(text, expected):
    ms = extract_mentions(text)
    assert [(m.kind, m.canonical) for m in ms] == [("actor", expected)]


def test_lowercase_common_words_are_not_places():
    assert canon("a nice day; a turkey dinner; the jordan river") == []


def test_longest_match_wins():
    ms = extract_mentions("Syrian Democratic Forces (SDF) held Syrian government prisoners")
    assert [m.canonical for m in ms] == ["sdf", "sdf", "syrian-government"]


def test_mixed_sentence():
    text = ("In April ISIS claimed responsibility for the massacre of 359 Christians during "
            "Easter Sunday services in Sri Lanka")
    ms = extract_mentions(text)
    assert [(m.kind, m.canonical, m.text) for m in ms] == [
        ("actor", "isis", "ISIS"), ("place", "sri-lanka", "Sri Lanka")]


def test_predicates():
    text = ("30,000 foreigners joined ISIS; some travelled and returned, others survived, "
            "were killed, injured, arrested, convicted or fled after pledging allegiance. "
            "ISIS claimed it, threatened more, attacked Nice; a plot was foiled; the group was "
            "defeated, the UN estimated.")
    preds = extract_predicates(text)
    names = [p[0] for p in preds]
    for expected in ["joined", "travelled", "returned", "survived", "killed", "injured",
                     "arrested", "convicted", "fled", "pledged", "claimed", "threatened",
                     "attacked", "foiled", "defeated", "estimated"]:
        assert expected in names, expected
    for name, s, e in preds:
        assert text[s:e]
    assert preds[0] == ("joined", 18, 24) and text[18:24] == "joined"


def test_attack_noun_is_not_attacked_predicate():
    assert extract_predicates("no group claimed the Stockholm attack") == [("claimed", 9, 16)]


def test_quantifiers():
    text = "ISIS claimed responsibility for all of them"
    assert extract_quantifiers(text) == [("all", 32, 35)]
    assert [q[0] for q in extract_quantifiers("no group claimed the Stockholm attack")] == ["no"]
    got = [q[0] for q in extract_quantifiers(
        "Most returnees were arrested; many never returned; every one, each one; only some; "
        "none always")]
    assert got == ["most", "many", "never", "every", "each", "only", "some", "none", "always"]
    assert set(QUANTIFIERS) >= set(got)


def test_quantifier_exclusions():
    assert extract_quantifiers("some 30,000 fighters; No. 5; no fewer than 60") == []
    assert extract_quantifiers("some thirty thousand fighters") == []


def test_isis_k_is_distinct():
    assert canon("IS-K and ISIS-K and ISKP") == ["isis-k", "isis-k", "isis-k"]
