"""`claimcheck review list|show|set|export`: the review queue from the command line.

The reviewer is ``--as NAME`` (default ``local``, as in the UI and API when auth is off). ``set`` changes the
version it read (or ``--version N``, the one you looked at with ``show``): if someone changed the item since,
nothing is written and the command says who did.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import ConfigError
from assistant.store.schema import REVIEW_STATUSES
from assistant.types import VERDICTS


def _store(args):
    from assistant.cli import _settings
    from assistant.store import get_store

    return get_store(_settings(args))


def cmd_list(args) -> int:
    items, total = _store(args).reviews(status=args.status, verdict=args.verdict, reason=args.reason,
                                        query=args.query, limit=args.limit)
    if args.json:
        print(json.dumps({"total": total, "reviews": items}, indent=2, ensure_ascii=False))
        return 0
    for r in items:
        changed = "" if r["verdict"] == r["machine_verdict"] else f" (machine: {r['machine_verdict']})"
        print(f"{r['id']:>6}  {r['status']:<9} {r['verdict']}{changed:<24} v{r['version']:<3} {r['reason']:<15} "
              f"{r['claim'][:70]}")
    print(f"{len(items)} of {total} shown", file=sys.stderr)
    return 0


def cmd_show(args) -> int:
    r = _store(args).review(args.id)
    if args.json:
        print(json.dumps(r, indent=2, ensure_ascii=False))
        return 0
    print(f"review {r['id']} (version {r['version']}), {r['status']}, queued because: {r['reason']}")
    print(f"claim: {r['claim']}")
    print(f"verdict: {r['verdict']}   machine: {r['machine_verdict']} ({r['machine_confidence']:.2f})")
    if r["reviewer"]:
        print(f"reviewer: {r['reviewer']} at {r['reviewed_at']}")
    print(f"explanation: {r['explanation']}")
    if r["missing_context"]:
        print(f"missing context: {r['missing_context']}")
    if r["note"]:
        print(f"note: {r['note']}")
    for c in (r.get("result") or {}).get("citations", []):
        print(f"  [{c['n']}] {c.get('title') or c['doc_id']} - {c.get('publisher', '')}: \"{c['quote']}\"")
    print("history:")
    for h in r["history"]:
        print(f"  {h['at']}  {h['who']:<12} {h['action']:<8} {json.dumps(h['after'], ensure_ascii=False)[:150]}")
    return 0


def cmd_set(args) -> int:
    store = _store(args)
    version = args.version if args.version is not None else store.review(args.id)["version"]
    change = {"verdict": args.verdict, "explanation": args.explanation, "missing_context": args.missing_context,
              "note": args.note, "status": args.status}
    r = store.update_review(args.id, args.who, version, **change)
    print(f"review {r['id']}: {r['verdict']} ({r['status']}, version {r['version']}) by {r['reviewer']}")
    return 0


def cmd_export(args) -> int:
    store = _store(args)
    if args.what == "audit":
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in store.audit())
    elif args.what == "csv":
        text = store.feed_csv()
    else:
        text = json.dumps(store.feed(args.base_url), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        try:
            Path(args.out).write_text(text, "utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {args.out} ({exc.strerror or exc})", "pick a writable --out path") from exc
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_review_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("review", help="the moderators' review queue: list, show, set, export",
                       description="Review machine verdicts: list the queue, show one item with its evidence and "
                                   "history, confirm or change its verdict, publish, export the feed or the audit "
                                   "trail. The database is CLAIMCHECK_DB_URL (default .claimcheck/claimcheck.db).")
    rsub = p.add_subparsers(dest="review_verb", required=True, metavar="ACTION")
    ls = rsub.add_parser("list", parents=[common], help="list review items (newest first)")
    ls.add_argument("--status", choices=REVIEW_STATUSES, help="only items with this status")
    ls.add_argument("--verdict", choices=VERDICTS, help="only items with this (current) verdict")
    ls.add_argument("--reason", help="only items queued for this reason (low_confidence, conflicting, batch, ...)")
    ls.add_argument("--query", "-q", help="only claims containing this text")
    ls.add_argument("--limit", type=int, default=100, help="most items shown (default 100)")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(run=cmd_list)
    sh = rsub.add_parser("show", parents=[common], help="one item: verdicts, evidence, citations, history")
    sh.add_argument("id", type=int)
    sh.add_argument("--json", action="store_true", help="print JSON")
    sh.set_defaults(run=cmd_show)
    st = rsub.add_parser("set", parents=[common], help="confirm or change a verdict, edit, publish")
    st.add_argument("id", type=int)
    st.add_argument("--verdict", choices=VERDICTS, help="the verdict (same as the machine's = confirm)")
    st.add_argument("--explanation", help="new explanation")
    st.add_argument("--missing-context", help="new missing context")
    st.add_argument("--note", help="reviewer's note (required when the verdict changes)")
    st.add_argument("--status", choices=REVIEW_STATUSES, help="queued, reviewed (default) or published")
    st.add_argument("--version", type=int, help="the version you reviewed (from show); refused if it changed")
    st.add_argument("--as", dest="who", default="local", metavar="NAME", help="reviewer name (default: local)")
    st.set_defaults(run=cmd_set)
    ex = rsub.add_parser("export", parents=[common], help="published verdicts (ClaimReview JSON-LD, CSV) or audit")
    ex.add_argument("what", nargs="?", choices=["claimreview", "csv", "audit"], default="claimreview",
                    help="claimreview (a JSON-LD DataFeed, default), csv, or audit (the trail, JSON lines)")
    ex.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    ex.add_argument("--base-url", default="", help="the server's public URL, for each review's url")
    ex.set_defaults(run=cmd_export)


def print_seen_before(matches: list[dict], stream=None) -> None:
    """The claims seen before, reviewed ones first (``claimcheck check`` prints them on stderr)."""
    stream = stream or sys.stderr
    if not matches:
        return
    print("Seen before:", file=stream)
    for m in matches:
        if m["reviewed"]:
            who = f"{m['status']} by {m['reviewer']} {m['reviewed_at'][:10]}"
            print(f"  REVIEWED {m['verdict']} ({who}; machine: {m['machine_verdict']}) sim {m['similarity']:.2f}: "
                  f"{m['claim']}", file=stream)
        else:
            print(f"  machine {m['verdict']} ({m['checked_at'][:10]}) sim {m['similarity']:.2f}: {m['claim']}",
                  file=stream)
