"""Calibrated confidence: the probability that the embedded judge's verdict is right.

A logistic regression over a few named terms of the judge's features (features.py), fitted on the training
claims by ``evals/train_calibration.py`` and stored as plain numbers in ``calibration.json`` next to this file
(no pickle; numpy only at run time). A term is an input feature, a verdict indicator, or their product::

    {"name": "rule_confidence|supported", "input": "rule_confidence", "verdict": "supported"}
    -> value = features["rule_confidence"] * (verdict == "supported")

and the probability is ``sigmoid(intercept + sum(coef * (value - mean) / scale))``.

If the file is missing, unreadable, or names an input that ``features()`` no longer returns, the calibrator
falls back to the rule confidence (with one warning), so a check never fails for want of a calibration.
"""
from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_PATH = Path(__file__).with_name("calibration.json")
FORMAT = "claimcheck-calibration/1"


@dataclass(frozen=True)
class Term:
    name: str
    input: str | None  # a features() name; None for a verdict indicator (value 1)
    verdict: str | None  # only for this verdict (value 0 otherwise); None for every verdict

    def value(self, verdict: str, f: Mapping[str, float]) -> float:
        if self.verdict is not None and verdict != self.verdict:
            return 0.0
        return float(f[self.input]) if self.input is not None else 1.0


@dataclass(frozen=True)
class Calibrator:
    """A fitted logistic model over terms; ``predict(verdict, features)`` -> P(verdict is right)."""

    terms: tuple[Term, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    metadata: dict = field(default_factory=dict)

    @property
    def inputs(self) -> set[str]:
        return {t.input for t in self.terms if t.input is not None}

    def missing(self, f: Mapping[str, float]) -> set[str]:
        """The inputs this model needs that the feature dict lacks (empty when it can be used)."""
        return self.inputs - set(f)

    def vector(self, verdict: str, f: Mapping[str, float]) -> np.ndarray:
        return np.array([t.value(verdict, f) for t in self.terms], dtype=float)

    def predict(self, verdict: str, f: Mapping[str, float]) -> float:
        z = self.intercept + float(np.dot(self.coef, (self.vector(verdict, f) - self.mean) / self.scale))
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_dict(cls, d: dict) -> Calibrator:
        if d.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file (format {d.get('format')!r})")
        terms = tuple(Term(t["name"], t.get("input"), t.get("verdict")) for t in d["terms"])
        mean, scale, coef = (np.asarray(d[k], dtype=float) for k in ("mean", "scale", "coef"))
        n = len(terms)
        if not (mean.shape == scale.shape == coef.shape == (n,)) or n == 0:
            raise ValueError("terms, mean, scale and coef must have the same non-zero length")
        if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(coef)) and np.all(scale > 0)
                and math.isfinite(float(d["intercept"]))):
            raise ValueError("non-finite parameter or non-positive scale")
        return cls(terms, mean, scale, coef, float(d["intercept"]), dict(d.get("metadata", {})))

    def to_dict(self) -> dict:
        return {"format": FORMAT,
                "terms": [{"name": t.name, "input": t.input, "verdict": t.verdict} for t in self.terms],
                "mean": [float(x) for x in self.mean], "scale": [float(x) for x in self.scale],
                "coef": [float(x) for x in self.coef], "intercept": float(self.intercept),
                "metadata": self.metadata}


def load(path: Path | str | None = None) -> Calibrator:
    """The calibrator in a JSON file (default: calibration.json here); raises on a missing or malformed file."""
    return Calibrator.from_dict(json.loads(Path(path or DEFAULT_PATH).read_text("utf-8")))


_cache: dict[str, Calibrator | None] = {}
_warned: set[str] = set()
_lock = threading.Lock()


def _warn_once(key: str, message: str) -> None:
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    log.warning(message)


def get_calibrator(path: Path | str | None = None) -> Calibrator | None:
    """The calibrator at ``path`` (default: calibration.json here), loaded once per process; None (after one
    warning) when it cannot be read."""
    path = path or DEFAULT_PATH
    key = str(path)
    with _lock:
        if key in _cache:
            return _cache[key]
    try:
        cal: Calibrator | None = load(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        _warn_once(f"load:{key}", f"confidence calibration unavailable ({path}: {exc}); using the rule confidence")
        cal = None
    with _lock:
        _cache[key] = cal
    return cal


def clear_cache() -> None:
    """Forget loaded calibrators and given warnings (tests; after retraining in the same process)."""
    with _lock:
        _cache.clear()
        _warned.clear()


def calibrated_confidence(verdict: str, f: Mapping[str, float], fallback: float | None = None,
                          path: Path | str | None = None) -> float:
    """P(verdict is right) from the calibrator; the rule confidence (``fallback``, else
    ``f["rule_confidence"]``) when there is no usable calibrator for these features."""
    rule = float(fallback if fallback is not None else f.get("rule_confidence", 0.5))
    path = path or DEFAULT_PATH
    cal = get_calibrator(path)
    if cal is None:
        return rule
    missing = cal.missing(f)
    if missing:
        _warn_once(f"names:{path}", f"confidence calibration {path} needs features that features() no longer "
                                    f"returns ({', '.join(sorted(missing))}); using the rule confidence. "
                                    "Retrain with evals/train_calibration.py")
        return rule
    try:
        p = cal.predict(verdict, f)
    except (TypeError, ValueError) as exc:
        _warn_once(f"predict:{path}", f"confidence calibration failed ({exc}); using the rule confidence")
        return rule
    return round(min(1.0, max(0.0, p)), 3)
