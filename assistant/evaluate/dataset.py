"""Evaluation data sets: claims with gold labels and gold evidence, read from JSONL.

Two shapes are read by the same loader:
- the dev set (``evals/threat_claims.dev.jsonl``): ``id``, ``claim``, ``verdict``, ``evidence_doc_ids``;
- FEVER-style files: ``claim``, ``label`` (``SUPPORTS`` / ``REFUTES`` / ``NOT ENOUGH INFO``, mapped to verdicts
  by a label map), ``evidence``. The evidence may be a list of document ids, a single id, or FEVER's nested
  ``[[[annotation_id, evidence_id, page, line], ...], ...]`` sets (the page is taken as the document id).

Field names are configurable; when the configured label or evidence field is absent from a record, the dev
set's names (``verdict``, ``evidence_doc_ids``) are tried, so the dev set loads with the defaults.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.types import VERDICTS

LABEL_ALIASES = {"label": ("verdict",), "evidence": ("evidence_doc_ids", "evidence_ids")}

FEVER_LABEL_MAP = {"SUPPORTS": "supported", "REFUTES": "contradicted", "NOT ENOUGH INFO": "not_enough_evidence"}


@dataclass
class Sample:
    """One claim to evaluate."""

    id: str
    claim: str
    gold: str  # a verdict
    gold_doc_ids: list[str] = field(default_factory=list)
    raw_label: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


def _key(label: str) -> str:
    return " ".join(str(label).replace("_", " ").replace("-", " ").split()).casefold()


class LabelMap:
    """Source label -> verdict, matched case-insensitively with '_', '-' and spaces treated alike.

    Without a map, labels must already be verdicts (``supported``, ``not enough evidence`` ...)."""

    def __init__(self, mapping: dict[str, str] | None = None) -> None:
        mapping = mapping if mapping is not None else {v: v for v in VERDICTS}
        bad = {k: v for k, v in mapping.items() if v not in VERDICTS}
        if bad:
            k, v = next(iter(bad.items()))
            raise InputError(f"label map sends {k!r} to {v!r}, which is not a verdict",
                             f"map every label to one of {', '.join(VERDICTS)}")
        self.mapping = dict(mapping)
        self._by_key = {_key(k): v for k, v in mapping.items()}

    @classmethod
    def load(cls, path: Path | str | None) -> LabelMap:
        if path is None:
            return cls()
        path = Path(path)
        try:
            data = json.loads(path.read_text("utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read the label map {path} ({exc.strerror})", "check the path") from exc
        except ValueError as exc:
            raise InputError(f"the label map {path} is not valid JSON ({exc})",
                             'write a JSON object, e.g. {"SUPPORTS": "supported"}') from exc
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise InputError(f"the label map {path} is not an object of strings",
                             'write a JSON object, e.g. {"SUPPORTS": "supported"}')
        return cls(data)

    def __call__(self, label: Any, where: str = "") -> str:
        verdict = self._by_key.get(_key(label)) if isinstance(label, str) else None
        if verdict is None:
            known = ", ".join(sorted(self.mapping)) or "(none)"
            raise InputError(f"{where}unknown label {label!r}", f"add it to the label map (--label-map); known: {known}")
        return verdict


def evidence_ids(value: Any) -> list[str]:
    """Document ids from an evidence field: a string, a list of strings, or FEVER's nested evidence sets."""
    out: list[str] = []

    def walk(v: Any) -> None:
        if v is None:
            return
        if isinstance(v, str):
            if v.strip():
                out.append(v.strip())
        elif isinstance(v, dict):
            for k in ("doc_id", "id", "page", "title"):
                if isinstance(v.get(k), str):
                    out.append(v[k])
                    return
        elif isinstance(v, (list, tuple)):
            # FEVER: [annotation_id, evidence_id, page, line] -> page (None for NOT ENOUGH INFO)
            if len(v) == 4 and not any(isinstance(x, (list, tuple, dict)) for x in v) and \
                    (v[2] is None or isinstance(v[2], str)) and not isinstance(v[0], str):
                walk(v[2])
                return
            for x in v:
                walk(x)

    walk(value)
    seen: set[str] = set()
    return [x for x in out if not (x in seen or seen.add(x))]


def _field(record: dict, name: str, aliases: bool = True) -> tuple[bool, Any]:
    if name in record:
        return True, record[name]
    if aliases:
        for alias in LABEL_ALIASES.get(name, ()):
            if alias in record:
                return True, record[alias]
    return False, None


def load_samples(path: Path | str, label_map: LabelMap | None = None, *, claim_field: str = "claim",
                 label_field: str = "label", evidence_field: str = "evidence", id_field: str = "id",
                 limit: int | None = None) -> list[Sample]:
    """Read claims JSONL into Samples; raises InputError naming the line for anything unusable."""
    path = Path(path)
    label_map = label_map or LabelMap()
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the claims file {path} ({exc.strerror})", "check the path") from exc
    samples: list[Sample] = []
    ids: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}: "
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{where}invalid JSON ({exc})", "put one JSON object per line") from exc
        if not isinstance(record, dict):
            raise InputError(f"{where}line is not a JSON object", "put one JSON object per line")
        claim = record.get(claim_field)
        if not isinstance(claim, str) or not claim.strip():
            raise InputError(f"{where}missing or empty {claim_field!r}", "name the claim field with --claim-field")
        found, label = _field(record, label_field)
        if not found:
            raise InputError(f"{where}no {label_field!r} field", "name the gold label field with --label-field")
        _, evidence = _field(record, evidence_field)
        sid = str(record.get(id_field, "") or f"line-{lineno}")
        if sid in ids:
            raise InputError(f"{where}duplicate id {sid!r}", "give each claim a unique id")
        ids.add(sid)
        gold = label_map(label, where)
        used = {claim_field, label_field, evidence_field, id_field, *LABEL_ALIASES["label"], *LABEL_ALIASES["evidence"]}
        meta = {k: v for k, v in record.items() if k not in used}
        samples.append(Sample(id=sid, claim=claim.strip(), gold=gold, gold_doc_ids=evidence_ids(evidence),
                              raw_label=str(label), metadata=meta))
        if limit is not None and len(samples) >= limit:
            break
    if not samples:
        raise InputError(f"the claims file {path} has no claims", "put one JSON object per line")
    return samples
