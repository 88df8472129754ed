"""The moderator's workflow with the real `claimcheck` command: batch marked for review -> review list ->
show -> set (confirm / change, conflict) -> publish -> export feed, CSV and audit; check shows claims seen before."""
from __future__ import annotations

import json


def test_batch_to_published_feed(tmp_path, run_cli, corpus_index):
    db = tmp_path / "mod.db"
    common = ["--index", str(corpus_index), "--set", f"db.url=sqlite:///{db}"]
    claims = tmp_path / "claims.csv"
    claims.write_text("id,claim\na,30000 foreigners joined ISIS\nb,The Nice truck attack killed 86 people\n", "utf-8")
    proc = run_cli("batch", str(claims), "--out", tmp_path / "out.jsonl", "--review", "--no-progress", *common,
                   timeout=400)
    assert proc.returncode == 0, proc.stderr

    listed = run_cli("review", "list", "--json", *common)
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)["reviews"]
    assert {i["claim"] for i in items} == {"30000 foreigners joined ISIS", "The Nice truck attack killed 86 people"}
    assert all(i["reason"] == "batch" and i["status"] == "queued" for i in items)
    nice = next(i for i in items if "Nice" in i["claim"])

    shown = run_cli("review", "show", str(nice["id"]), *common)
    assert shown.returncode == 0 and "history:" in shown.stdout and "[1]" in shown.stdout, shown.stderr

    other = "contradicted" if nice["machine_verdict"] != "contradicted" else "supported"
    no_note = run_cli("review", "set", str(nice["id"]), "--verdict", other, *common)
    assert no_note.returncode == 2 and "needs a note" in no_note.stderr and len(no_note.stderr.splitlines()) == 1
    ok = run_cli("review", "set", str(nice["id"]), "--verdict", other, "--note", "checked the report", "--as", "ann",
                 "--version", "1", *common)
    assert ok.returncode == 0 and "by ann" in ok.stdout, ok.stderr
    stale = run_cli("review", "set", str(nice["id"]), "--verdict", nice["machine_verdict"], "--version", "1",
                    "--as", "ben", *common)
    assert stale.returncode == 2 and "changed by ann" in stale.stderr and "nothing was saved" in stale.stderr
    pub = run_cli("review", "set", str(nice["id"]), "--status", "published", "--as", "ann", *common)
    assert pub.returncode == 0, pub.stderr

    feed = run_cli("review", "export", "--out", tmp_path / "feed.json", *common)
    assert feed.returncode == 0, feed.stderr
    doc = json.loads((tmp_path / "feed.json").read_text("utf-8"))
    assert [e["item"][0]["claimReviewed"] for e in doc["dataFeedElement"]] == [nice["claim"]]
    csv = run_cli("review", "export", "csv", *common)
    assert csv.stdout.splitlines()[0].startswith("review_id,claim,verdict") and len(csv.stdout.splitlines()) == 2
    trail = [json.loads(line) for line in run_cli("review", "export", "audit", *common).stdout.splitlines()]
    assert [(e["who"], e["action"]) for e in trail if e["review_id"] == nice["id"]] == [
        ("local", "queued"), ("ann", "update"), ("ann", "publish")]

    again = run_cli("check", "The Nice truck attack killed 86 people.", *common, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "Seen before:" in again.stderr and f"REVIEWED {other} (published by ann" in again.stderr
