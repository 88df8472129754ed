"""Training and held-out pairs for the stance model.

Public pairs come from ``../shared/nli`` (never shipped); in-domain pairs from ``evals/stance_pairs`` (written
from corpus/ sentences). Held-out slices are fixed by a hash, never by a random draw, so every run and every
reader of the model card sees the same split:

- public sets: by claim for the fact-verification sets (FEVER, FEVER-Symmetric, Fool Me Twice: one claim can
  have several pairs) and by premise for the NLI sets; one key in ten is held out;
- in-domain pairs: by corpus document; one document in five is held out, so the held-out sentences are
  ones the model never read.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

LABELS = ("entailment", "neutral", "contradiction")
# MED's "neutral" means "not entailment" (contradictions included): trained as P(neutral)+P(contradiction)
NOT_ENTAILMENT = "not_entailment"
CLAIM_KEYED = {"fever_rte", "fever_symmetric", "fm2"}
PUBLIC_FILES = ("snli_devtest", "cad_snli", "mnli_taxinli", "fever_rte", "fever_symmetric", "fm2", "med")
REPO = Path(__file__).resolve().parents[3]
SHARED_NLI = REPO.parent / "shared" / "nli"
IN_DOMAIN = REPO / "evals" / "stance_pairs"


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str  # one of LABELS, or NOT_ENTAILMENT
    source: str
    phenomenon: str = ""
    doc_id: str = ""


def _bucket(key: str, modulo: int) -> int:
    return int(hashlib.sha1(key.strip().lower().encode("utf-8")).hexdigest(), 16) % modulo


def public_heldout(source: str, premise: str, hypothesis: str) -> bool:
    """True for the tenth of a public set kept out of training (by claim or by premise, see the module doc)."""
    return _bucket(hypothesis if source in CLAIM_KEYED else premise, 10) == 0


def doc_heldout(doc_id: str) -> bool:
    """True for the fifth of corpus documents whose in-domain pairs are kept out of training."""
    return _bucket(doc_id, 5) == 0


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def public_pairs(name: str, heldout: bool, root: Path = SHARED_NLI) -> list[Pair]:
    """One public set's training part (heldout=False) or held-out part (heldout=True)."""
    out = []
    for r in _read_jsonl(root / f"{name}.jsonl"):
        label = r["label"]
        if name == "med" and label == "neutral":
            label = NOT_ENTAILMENT
        if public_heldout(name, r["premise"], r["hypothesis"]) == heldout:
            out.append(Pair(r["premise"], r["hypothesis"], label, name))
    return out


def in_domain_pairs(heldout: bool, root: Path = IN_DOMAIN) -> list[Pair]:
    """The in-domain pairs of training documents (heldout=False) or of held-out documents (heldout=True)."""
    out = []
    for path in sorted(root.glob("*.jsonl")):
        for r in _read_jsonl(path):
            if doc_heldout(r["doc_id"]) == heldout:
                out.append(Pair(r["premise"], r["hypothesis"], r["label"], "in_domain",
                                r.get("phenomenon", ""), r["doc_id"]))
    return out


def unrelated_neutrals(pairs: list[Pair], n: int, seed: int) -> list[Pair]:
    """Claims paired with a sentence of another document: neutral, the commonest thing retrieval returns."""
    rng = random.Random(seed)
    premises = [(p.premise, p.doc_id) for p in pairs]
    out: list[Pair] = []
    while pairs and len(out) < n:
        p = rng.choice(pairs)
        premise, doc = rng.choice(premises)
        if doc != p.doc_id:
            out.append(Pair(premise, p.hypothesis, "neutral", "in_domain_unrelated", "unrelated", doc))
    return out


def sample(pairs: list[Pair], n: int, seed: int) -> list[Pair]:
    """A seeded sample of at most n pairs (all of them when there are fewer)."""
    if len(pairs) <= n:
        return list(pairs)
    return random.Random(seed).sample(pairs, n)
