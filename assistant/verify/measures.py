"""What a figure counts: counted nouns grouped into measures, and verbs grouped by what they say of the
counted people. Two figures compare only within one measure (see compare.py and counted_scope.py).

The lists live in data/measures.yaml and data/predicates.yaml."""
from __future__ import annotations

from assistant.verify import wordlists as wl

# Counted nouns grouped into measures; a figure is only compared with figures of the same measure.
MEASURES: dict[str, set[str]] = {k: set(v) for k, v in wl.mapping("measures", "measures", "list").items()}
# Verbs grouped by what they say about the counted people.
PREDICATE_KINDS: dict[str, str] = wl.mapping("predicates", "predicate_kinds")
