"""Gazetteer of actors and places (aliases -> canonical ids), predicates and quantifiers.

Matching is case-insensitive except for short all-caps acronyms (IS, US, UK, UN, EU, SDF,
NTJ, HTS ...) and a few ambiguous capitalised words (Nice, Turkey, Jordan), which must
appear exactly as written.  "IS" is only taken as ISIS when it is not inside an all-caps
run ("WHAT IS ISIS" -> only ISIS).  Overlaps resolve to the longest alias.

Kinds: organisations are ``actor``; countries, cities and regions are ``place``.  A
demonym adjective ("Russian", "Canadian fighters") is a ``place`` mention of its country,
except when followed by an institutional noun ("Russian forces", "Turkish government") or
used as a plural noun ("the Syrians", "Americans"), which makes it an ``actor`` with the
country's canonical id.  "Syrian government/army/regime", "Assad" -> ``syrian-government``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Mention", "extract_mentions", "extract_predicates", "extract_quantifiers",
           "QUANTIFIERS", "ACTORS", "PLACES"]


@dataclass(frozen=True)
class Mention:
    kind: str
    canonical: str
    text: str
    start: int
    end: int


_AP = "['’]?"  # optional apostrophe (Da'esh, Wafa', Jama'ath)
ACTORS: dict[str, list[str]] = {
    "isis": ["ISIS", "ISIL", "IS", "Islamic State", "Daesh", f"Da{_AP}esh", "Daech", f"Da{_AP}ish",
             "the Islamic State of Iraq and the Levant", "Islamic State of Iraq and the Levant",
             "Islamic State of Iraq and Syria", "Islamic State of Iraq and al-Sham",
             "Islamic State in Iraq and the Levant", "Islamic State in Iraq and Syria"],
    "isis-k": ["ISIS-K", "ISKP", "ISIL-K", "IS-K", "IS-KP", "Islamic State Khorasan(?: Province)?",
               "Islamic State in Khorasan", "ISIL-Khorasan"],
    "iswap": ["ISWAP", "Islamic State West Africa Province", "Islamic State in West Africa"],
    "al-qaida": [f"al[- ]Qa{_AP}ida", f"al[- ]Qa{_AP}eda", "AQ"],
    "aqap": ["AQAP", f"al[- ]Qa{_AP}ida in the Arabian Peninsula"],
    "aqim": ["AQIM", f"al[- ]Qa{_AP}ida in the Islamic Maghreb"],
    "hts": [f"Hay{_AP}at Tahrir al[- ]Sham", "HTS"],
    "al-nusra": ["Jabhat al[- ]Nusrah?", "Nusrah? Front", "al[- ]Nusrah? Front"],  # UN texts spell it "Nusrah"
    "al-shabaab": ["al[- ]Shabaab", "al[- ]Shabab"],
    "boko-haram": ["Boko Haram"],
    "taliban": ["Taliban"],
    "amaq": [f"A{_AP}maq(?: News Agency)?", "Aamaq(?: News Agency)?"],
    "al-naba": [f"al[- ]Naba{_AP}"],
    "al-hayat": ["al[- ]Hayat(?: Media Cent(?:er|re))?"],
    "wafa-media": [f"Wafa{_AP} Media(?: Foundation)?", f"Wafa{_AP} Foundation"],
    "dabiq": ["Dabiq"],
    "rumiyah": ["Rumiyah"],
    "ntj": [f"National Th?[ao]wh?ee?th?h? Jama{_AP}a?th?", f"National Tawheed Jama{_AP}at", "NTJ"],
    "jmi": ["Jammiyathul Millathu Ibrahim", "JMI"],
    "un-monitoring-team": ["(?:UN |United Nations |1267 |ISIL \\(Da'esh\\) and Al-Qaida )?"
                           "Monitoring Team",
                           "Analytical Support and Sanctions Monitoring Team"],
    "cted": ["CTED", "Counter-Terrorism Committee Executive Directorate"],
    "un": ["UN", "U\\.N\\.", "United Nations", "UN Security Council", "Security Council",
           "UNSC", "Secretary-General", "UNOCT", "UNODC"],
    "europol": ["Europol", "TE-SAT"],
    "interpol": ["Interpol"],
    "soufan": ["(?:the )?Soufan (?:Center|Centre|Group)"],
    "icsr": ["ICSR", "International Centre for the Study of Radicali[sz]ation"],
    "sdf": ["SDF", "Syrian Democratic Forces"],
    "kurds": ["Kurdish", "Kurds", "YPG", "People's Protection Units"],
    "syrian-government": ["Syrian government", "Syrian army", "Syrian Arab Army", "Syrian regime",
                          "Assad regime", "Assad", "Government of Syria", "Damascus government"],
    "us-led-coalition": ["(?:US|U\\.S\\.)-led coalition", "Global Coalition(?: to Defeat ISIS)?",
                         "anti-ISIS coalition", "the Coalition"],
    "nato": ["NATO"],
}
# Bodies that are part of a larger one: what the Monitoring Team or CTED reports, the UN reports.
ACTOR_PARENT = {"un-monitoring-team": "un", "cted": "un"}


def actor_family(actors: set[str]) -> set[str]:
    """The actors plus the bodies they belong to."""
    return actors | {ACTOR_PARENT[a] for a in actors if a in ACTOR_PARENT}


# A state's organs -> the country (a claim that "the Syrians" did something names the Syrian state).
STATE_ACTORS = {"syrian-government": "syria"}
# country canonical -> (names, demonyms)
_COUNTRIES: dict[str, tuple[list[str], list[str]]] = {
    "us": (["United States(?: of America)?", "US", "U\\.S\\.", "USA", "U\\.S\\.A\\.", "America"],
           ["American"]),
    "uk": (["United Kingdom", "UK", "U\\.K\\.", "Great Britain", "Britain"], ["British", "Briton"]),
    "canada": (["Canada"], ["Canadian"]),
    "france": (["France"], ["French"]),
    "germany": (["Germany"], ["German"]),
    "sri-lanka": (["Sri Lanka"], ["Sri Lankan"]),
    "russia": (["Russia", "Russian Federation"], ["Russian"]),
    "turkey": (["Turkey", "Türkiye", "Turkiye"], ["Turkish", "Turk"]),
    "syria": (["Syria", "Syrian Arab Republic"], ["Syrian"]),
    "iraq": (["Iraq"], ["Iraqi"]),
    "belgium": (["Belgium"], ["Belgian"]),
    "spain": (["Spain"], ["Spanish", "Spaniard"]),
    "sweden": (["Sweden"], ["Swedish", "Swede"]),
    "netherlands": (["Netherlands", "Holland"], ["Dutch"]),
    "austria": (["Austria"], ["Austrian"]),
    "denmark": (["Denmark"], ["Danish", "Dane"]),
    "australia": (["Australia"], ["Australian"]),
    "new-zealand": (["New Zealand"], []),
    "afghanistan": (["Afghanistan"], ["Afghan"]),
    "libya": (["Libya"], ["Libyan"]),
    "tunisia": (["Tunisia"], ["Tunisian"]),
    "morocco": (["Morocco"], ["Moroccan"]),
    "egypt": (["Egypt"], ["Egyptian"]),
    "nigeria": (["Nigeria"], ["Nigerian"]),
    "somalia": (["Somalia"], ["Somali"]),
    "yemen": (["Yemen"], ["Yemeni"]),
    "philippines": (["Philippines"], ["Filipino", "Philippine"]),
    "indonesia": (["Indonesia"], ["Indonesian"]),
    "pakistan": (["Pakistan"], ["Pakistani"]),
    "iran": (["Iran"], ["Iranian"]),
    "jordan": (["Jordan"], ["Jordanian"]),
    "lebanon": (["Lebanon"], ["Lebanese"]),
    "saudi-arabia": (["Saudi Arabia"], ["Saudi"]),
    "israel": (["Israel"], ["Israeli"]),
    "india": (["India"], ["Indian"]),
    "china": (["China"], ["Chinese"]),
    "tajikistan": (["Tajikistan"], ["Tajik"]),
    "uzbekistan": (["Uzbekistan"], ["Uzbek"]),
    "kazakhstan": (["Kazakhstan"], ["Kazakh"]),
    "kosovo": (["Kosovo"], ["Kosovar"]),
    "bosnia": (["Bosnia(?: and Herzegovina)?"], ["Bosnian"]),
    "mali": (["Mali"], ["Malian"]),
    # other European and conflict-zone countries that Europol, GTI and UN reports name
    "italy": (["Italy"], ["Italian"]), "switzerland": (["Switzerland"], ["Swiss"]),
    "hungary": (["Hungary"], ["Hungarian"]), "poland": (["Poland"], ["Polish"]),
    "greece": (["Greece"], ["Greek"]), "portugal": (["Portugal"], ["Portuguese"]),
    "ireland": (["Ireland"], ["Irish"]), "norway": (["Norway"], ["Norwegian"]),
    "finland": (["Finland"], ["Finnish"]), "czechia": (["Czechia", "Czech Republic"], ["Czech"]),
    "romania": (["Romania"], ["Romanian"]), "bulgaria": (["Bulgaria"], ["Bulgarian"]),
    "croatia": (["Croatia"], ["Croatian"]), "luxembourg": (["Luxembourg"], []),
    "cyprus": (["Cyprus"], ["Cypriot"]), "malta": (["Malta"], ["Maltese"]),
    "albania": (["Albania"], ["Albanian"]), "serbia": (["Serbia"], ["Serbian"]),
    "ukraine": (["Ukraine"], ["Ukrainian"]), "qatar": (["Qatar"], ["Qatari"]),
    "burkina-faso": (["Burkina Faso"], ["Burkinabe"]), "niger": (["Niger"], ["Nigerien"]),
    "chad": (["Chad"], ["Chadian"]), "cameroon": (["Cameroon"], ["Cameroonian"]),
    "mozambique": (["Mozambique"], ["Mozambican"]), "kenya": (["Kenya"], ["Kenyan"]),
    "algeria": (["Algeria"], ["Algerian"]), "bangladesh": (["Bangladesh"], ["Bangladeshi"]),
}
PLACES: dict[str, list[str]] = {
    "raqqa": ["Raqqa", "Raqqah", "Al-Raqqa"],
    "deir-ez-zor": ["Deir (?:ez|al|el|e)[- ]?Zou?r", "Deir Ezzor", "Dayr al-Zawr"],
    "baghuz": ["Baghuz", "Baghouz"], "mosul": ["Mosul"], "idlib": ["Idlib"],
    "al-hol": ["al[- ]Hol(?: camp)?", "al[- ]Hawl(?: camp)?"], "marawi": ["Marawi"],
    "nice": ["Nice"], "berlin": ["Berlin"], "stockholm": ["Stockholm"], "london": ["London"],
    "manchester": ["Manchester"], "barcelona": ["Barcelona"], "paris": ["Paris"],
    "brussels": ["Brussels"], "christchurch": ["Christchurch"], "colombo": ["Colombo"],
    "negombo": ["Negombo"], "batticaloa": ["Batticaloa"], "vienna": ["Vienna"],
    "sinai": ["Sinai"], "sahel": ["Sahel"], "middle-east": ["Middle East"],
    "north-america": ["North America"],  # GTI and Soufan regions
    "europe": ["Europe"], "eu": ["EU", "European Union"], "west-africa": ["West Africa"],
}
_CASE_SENSITIVE_WORDS = {"Nice", "Turkey", "Jordan", "Turk", "Assad", "Mali", "Dane", "Swede",
                         "the Coalition", "Chad"}
_INSTITUTION = re.compile(r"\s+(?:forces|government|army|military|troops|authorities|officials|"
                          r"police|regime|air\s?force|airstrikes|air strikes|intelligence|"
                          r"security services|soldiers|navy|prosecutors|courts?|ministry)\b", re.I)


def _compile(alias: str) -> re.Pattern:
    core = alias.replace(" ", r"\s+")
    plain = re.sub(r"\\.|[^A-Za-z]", "", alias)
    cs = alias in _CASE_SENSITIVE_WORDS or (plain.isupper() and len(plain) <= 6)
    return re.compile(rf"(?<!\w){core}(?!\w)", 0 if cs else re.I)


_TABLE: list[tuple[re.Pattern, str, str, str]] = []  # (regex, kind, canonical, alias-type)
for _c, _aliases in ACTORS.items():
    _TABLE += [(_compile(a), "actor", _c, "name") for a in _aliases]
for _c, (_names, _dems) in _COUNTRIES.items():
    _TABLE += [(_compile(a), "place", _c, "name") for a in _names]
    _TABLE += [(_compile(d + "s?"), "place", _c, "demonym") for d in _dems]
for _c, _aliases in PLACES.items():
    _TABLE += [(_compile(a), "place", _c, "name") for a in _aliases]
_CAPS_WORD = re.compile(r"[A-Z]{2,}")


def _is_caps_context(text: str, s: int, e: int) -> bool:
    prev = re.search(r"(\S+)\s+$", text[max(0, s - 30):s])
    nxt = re.match(r"\s+(\S+)", text[e:e + 30])
    return any(w and _CAPS_WORD.fullmatch(re.sub(r"\W", "", w.group(1)) or "x")
               for w in (prev, nxt))


def extract_mentions(text: str) -> list[Mention]:
    cands: list[tuple[int, int, str, str, str]] = []
    for rx, kind, canon, typ in _TABLE:
        for m in rx.finditer(text):
            s, e = m.span()
            if m.group(0) == "IS" and _is_caps_context(text, s, e):
                continue
            if typ == "demonym":
                plural = m.group(0).lower().endswith("s") and not m.group(0).lower().endswith(
                    ("ese", "ss", "swiss"))
                kind = "actor" if plural or _INSTITUTION.match(text, e) else "place"
            cands.append((s, e, kind, canon, typ))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    last_end = -1
    for s, e, kind, canon, _typ in cands:
        if s < last_end:
            continue
        out.append(Mention(kind=kind, canonical=canon, text=text[s:e], start=s, end=e))
        last_end = e
    return out


_PRED = {
    "joined": r"join(?:s|ed|ing)?",
    "travelled": r"travell?(?:ed|ing|s)?|went\s+to|migrat(?:e|ed|es|ing)",
    "returned": r"return(?:s|ed|ing)?|returnees?|c(?:a|o)me\s+back|coming\s+back|went\s+back|going\s+back|"
                r"repatriat(?:e|ed|es|ing|ion)",  # a repatriation is a return
    "survived": r"surviv(?:e|ed|es|ing)",
    "killed": r"kill(?:s|ed|ing)?|died|dead|deaths?|deadl(?:y|iest)|murder(?:s|ed|ing)?|"
              r"massacre[ds]?|slain|fatalit(?:y|ies)|"
              r"(?:claim(?:s|ed|ing)?|cost|took)(?=\s+(?:the\s+lives\b|(?:[\w,.-]+\s+){0,3}lives\b))",  # "claimed 13 lives": a toll, no claim of responsibility
    "injured": r"injur(?:e|ed|es|ing|y|ies)|wound(?:s|ed|ing)?",
    "claimed": r"claim(?:s|ed|ing)?|took\s+responsibility",
    "threatened": r"threaten(?:s|ed|ing)?",
    "attacked": r"attacked|attacking|struck|stormed|carried\s+out|perpetrat(?:e|ed|es|ing)",
    "arrested": r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|apprehended",
    "convicted": r"convict(?:s|ed|ing|ion|ions)?|sentenced|found\s+guilty",
    "charged": r"(?:were|was|been|be|being|had|have|has)\s+charged",  # charged is not convicted
    "estimated": r"estimat(?:e|ed|es|ing)",
    "defeated": r"defeat(?:s|ed|ing)?",
    "captured": r"liberat(?:e|ed|es|ing|ion)|(?:re)?captur(?:e|ed|es|ing)|retook|retak(?:e|en|ing)|took\s+back|"
                r"took\s+control|took\s+(?:[\w-]+\s+){1,3}back|seiz(?:e|ed|es|ing)|fell\s+to|taken\s+by|drove\s+out|cleared",
    "fled": r"fled|flee(?:s|ing)?|escap(?:e|ed|es|ing)",
    "pledged": r"pledg(?:e|ed|es|ing)|bay['’]?a?h",
    "foiled": r"foil(?:s|ed|ing)?|thwart(?:s|ed|ing)?|disrupt(?:s|ed|ing)?",
}
_PRED_RE = re.compile("|".join(rf"(?P<{k}>\b(?:{v})\b)" for k, v in _PRED.items()), re.I)

QUANTIFIERS = ("all", "every", "each", "none", "no", "most", "many", "some", "only",
               "always", "never")
_QUANT_RE = re.compile(r"\b(" + "|".join(QUANTIFIERS) + r")\b", re.I)
_NUMBERISH = re.compile(r"\s+(?:\$|€|£)?\d|\s+(?:one|two|three|four|five|six|seven|eight|nine|"
                        r"ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|"
                        r"hundred|thousand)\b", re.I)


# "the massacre at ...": a determiner before the noun names an event the sentence presupposes, not an act it states
_EVENT_NOUN = re.compile(r"(?:\b(?:the|a|this|that|its|their|his|her)|['’]s)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "a deal was struck", "struck an agreement": striking a bargain is no attack
_STRUCK_DEAL = re.compile(r"\b(?:deal|agreement|bargain|accord|truce|compromise)s?\b", re.I)


def _no_act(m: re.Match, text: str) -> bool:
    """The match names no act the text asserts: an event noun after a determiner (without its victims), or a
    deal 'struck'."""
    word = m.group(0).lower()
    if word in ("massacre", "massacres"):  # ("the massacre of 359 Christians" names its victims: a killing stated)
        return bool(_EVENT_NOUN.search(text[max(0, m.start() - 40):m.start()])) and \
            not re.match(r"\s+of\b", text[m.end():])
    if word == "struck":
        return bool(_STRUCK_DEAL.search(text[max(0, m.start() - 30):m.end() + 20]))
    return False


def extract_predicates(text: str) -> list[tuple[str, int, int]]:
    return [(m.lastgroup, m.start(), m.end()) for m in _PRED_RE.finditer(text) if not _no_act(m, text)]


def extract_quantifiers(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _QUANT_RE.finditer(text):
        w, after = m.group(1).lower(), text[m.end():m.end() + 20]
        if w == "some" and _NUMBERISH.match(after):
            continue                    # "some 30,000" is a hedge on a number
        if w == "no" and (re.match(r"\.\s*\d", after) or re.match(
                r"\s+(?:fewer|less|more|later|longer)\b", after, re.I)):
            continue                    # "No. 5", "no fewer than", "no longer"
        if w == "no" and m.group(1) == "No" and re.match(r"\s*\d", after):
            continue
        out.append((w, m.start(), m.end()))
    return out
