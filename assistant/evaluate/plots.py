"""Evaluation plots (matplotlib, Agg backend): confusion matrix, reliability diagram, latency histogram.

Each function returns PNG bytes, so the HTML report can embed them as base64 and the Markdown report can link
files written next to it.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _short(label: str) -> str:
    return {"not_enough_evidence": "NEE"}.get(label, label)


def confusion_png(labels: Sequence[str], matrix: Sequence[Sequence[int]]) -> bytes:
    n = len(labels)
    fig, ax = plt.subplots(figsize=(1.2 * n + 2.2, 1.0 * n + 1.6))
    im = ax.imshow(matrix if n else [[0]], cmap="Blues", vmin=0)
    ax.set_xticks(range(n), [_short(x) for x in labels], rotation=35, ha="right")
    ax.set_yticks(range(n), [_short(x) for x in labels])
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    peak = max((v for row in matrix for v in row), default=0)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if peak and v > peak / 2 else "black")
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    ax.set_title("Confusion matrix")
    return _png(fig)


def reliability_png(bins: Sequence[dict], ece: float) -> bytes:
    fig, ax = plt.subplots(figsize=(4.8, 4.4))
    width = bins[0]["upper"] - bins[0]["lower"] if bins else 0.1
    filled = [b for b in bins if b["count"]]
    ax.bar([b["lower"] for b in filled], [b["accuracy"] for b in filled], width=width, align="edge",
           edgecolor="black", color="#4c72b0", label="accuracy")
    ax.bar([b["lower"] for b in filled], [b["confidence"] - b["accuracy"] for b in filled],
           bottom=[b["accuracy"] for b in filled], width=width, align="edge", color="#dd8452", alpha=0.45,
           edgecolor="#dd8452", label="gap to confidence")
    for b in filled:
        ax.text(b["lower"] + width / 2, 0.02, f"n={b['count']}", ha="center", fontsize=7, color="black")
    ax.plot([0, 1], [0, 1], "k--", linewidth=1, label="perfect calibration")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"Reliability diagram (ECE {ece:.3f})")
    ax.legend(loc="upper left", fontsize=8)
    return _png(fig)


def latency_png(latencies_ms: Sequence[float], p50: float | None, p95: float | None) -> bytes:
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    if latencies_ms:
        ax.hist(latencies_ms, bins=min(30, max(5, len(latencies_ms) // 4)), color="#55a868", edgecolor="black")
    for value, name, style in ((p50, "p50", "--"), (p95, "p95", ":")):
        if value is not None:
            ax.axvline(value, color="black", linestyle=style, label=f"{name} {value:.0f} ms")
    ax.set_xlabel("check latency (ms)")
    ax.set_ylabel("claims")
    ax.set_title("Latency")
    if latencies_ms:
        ax.legend(fontsize=8)
    return _png(fig)
