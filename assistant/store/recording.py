"""The one call every interface makes after a check: record it in the store (and queue it by the rules).

``record(service, result, via, asked_by, review)`` works with any object that checks claims: a real Service
records (when ``db.record_checks`` is on); stand-ins without ``record`` (tests, other engines) are skipped.
"""
from __future__ import annotations

import logging

from assistant.errors import ClaimcheckError

log = logging.getLogger(__name__)


def record(service, result, via: str, asked_by: str = "local", review: bool = False) -> dict | None:
    settings = getattr(service, "settings", None)
    recorder = getattr(service, "record", None)
    if result is None or recorder is None or settings is None or not settings.db.record_checks:
        return None
    return recorder(result, via, asked_by, review)


def seen_before(service, claim: str) -> list[dict]:
    """Earlier checks of claims that say the same thing (reviewed ones first), looked up before this check is
    recorded; [] when the service keeps no store or recording is off. A store that fails here is logged and
    skipped: the check itself still answers."""
    settings = getattr(service, "settings", None)
    finder = getattr(service, "similar", None)
    if finder is None or settings is None or not settings.db.record_checks:
        return []
    try:
        return finder(claim)
    except ClaimcheckError as exc:
        log.warning("claims seen before: %s", exc)
        return []
