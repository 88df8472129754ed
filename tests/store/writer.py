"""A writer process for the concurrency tests: ``python -m tests.store.writer URL MODE N NAME``.

MODE ``record``: record N checks (every one queued), printing each committed check id.
MODE ``review``: change review 1 again and again (read its version, write version+1), printing each committed
version; a conflict with the other writer is counted and retried.
"""
from __future__ import annotations

import sys

from assistant.errors import ReviewConflictError
from assistant.settings import DbSettings
from assistant.store.store import Store
from tests.store.conftest import make_result
from tests.store.workflow import unit


def main(url: str, mode: str, n: int, name: str) -> None:
    store = Store(url, DbSettings(busy_timeout_s=60))
    conflicts = 0
    for i in range(n):
        if mode == "record":
            ids = store.record(make_result(f"{name} claim {i}", "conflicting", 0.5), name, "batch", unit(i))
            print(f"check {ids['check_id']} review {ids['review_id']}", flush=True)
        else:
            while True:
                version = store.review(1)["version"]
                try:
                    r = store.update_review(1, name, version, verdict="misleading", note=f"{name} {i}",
                                            status="reviewed")
                    break
                except ReviewConflictError:
                    conflicts += 1
            print(f"version {r['version']} note {r['note']}", flush=True)
    print(f"done conflicts {conflicts}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
