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


def test_kill_9_during_a_batch_marked_for_review(tmp_path, corpus_index):
    """Every row the batch wrote has its check and review item committed; a re-run queues the rest."""
    import signal
    import subprocess
    import time

    from assistant.settings import DbSettings
    from assistant.store.store import Store
    from tests.conftest import REPO, cli_command, subprocess_env

    dev = [json.loads(line) for line in (REPO / "evals" / "threat_claims.dev.jsonl").read_text("utf-8").splitlines()
           if line.strip()][:10]
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": r["id"], "claim": r["claim"]}) + "\n" for r in dev), "utf-8")
    out = tmp_path / "c.results.jsonl"
    db = tmp_path / "mod.db"
    cmd = [*cli_command(), "batch", str(src), "--review", "--no-progress", "--index", str(corpus_index),
           "--set", f"db.url=sqlite:///{db}"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    written = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.endswith("}")]
    store = Store(f"sqlite:///{db}", DbSettings())
    queued = {r["claim"] for r in store.reviews(limit=1000)[0]}
    assert written and {r["claim"] for r in written} <= queued
    store.close()
    again = subprocess.run(cmd, cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=400)
    assert again.returncode == 0, again.stderr
    store = Store(f"sqlite:///{db}", DbSettings())
    assert {r["claim"] for r in store.reviews(limit=1000)[0]} == {r["claim"] for r in dev}
    store.close()


def test_serve_stops_with_one_line_for_a_newer_database(tmp_path, run_cli, corpus_index):
    import sqlite3

    from assistant.settings import DbSettings
    from assistant.store.store import Store

    db = tmp_path / "newer.db"
    Store(f"sqlite:///{db}", DbSettings()).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0042_next_release'")
    con.commit()
    con.close()
    from tests.store.conftest import _free_port

    proc = run_cli("serve", "--port", str(_free_port()), "--index", corpus_index, "--set", f"db.url=sqlite:///{db}", timeout=300)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert "0042_next_release" in lines[0] and "newer than this claimcheck" in lines[0] and " -> " in lines[0]
