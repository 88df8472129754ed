"""What a figure counts: counted nouns grouped into measures, and verbs grouped by what they say of the
counted people. Two figures compare only within one measure (see compare.py and counted_scope.py)."""
from __future__ import annotations

# Counted nouns grouped into measures; a figure is only compared with figures of the same measure.
MEASURES: dict[str, set[str]] = {
    "strength": {"member", "membership"},
    "people_abroad": {"fighter", "foreigner", "traveller", "recruit", "national", "citizen", "jihadist",
                      "affiliate", "terrorist", "islamist", "resident", "extremist", "briton"},
    "dependants": {"dependant", "family", "relative", "child", "minor", "woman"},
    "returnees": {"returnee"},
    "deaths": {"death", "dead", "killed", "victim", "fatality", "life", "christian", "civilian", "worshipper"},
    "people": {"person", "people", "individual", "other"},
    "injured": {"injured", "wounded", "injury"},
    "attacks": {"attack", "plot", "incident", "bombing", "attempt"},
    "arrests": {"arrest", "suspect"},
    "countries": {"country", "state", "nationality", "member state"},
    "territory": {"territory", "percent"},
    "sentence": {"year", "month", "sentence", "term"},
    "money": {"usd", "dollar", "euro", "eur", "gbp", "pound"},  # "$300 million" is no head-count
}
# Verbs grouped by what they say about the counted people.
PREDICATE_KINDS: dict[str, str] = {
    "joined": "joined", "travelled": "joined", "pledged": "joined",
    "survived": "survived", "returned": "returned", "fled": "returned",
    "killed": "killed", "injured": "injured", "attacked": "attacked", "foiled": "attacked",
    "arrested": "arrested", "convicted": "convicted", "charged": "charged",
    "claimed": "claimed", "threatened": "threatened", "captured": "captured", "defeated": "captured",
}
