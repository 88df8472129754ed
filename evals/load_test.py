"""Load test: N concurrent clients drive POST /api/check on a loopback server for a fixed time.

    python evals/load_test.py --index .claimcheck/index                 # 20 clients x 60 s (the defaults)
    python evals/load_test.py --index DIR --clients 5 --seconds 5 --out evals/out/load-short.json
    python evals/load_test.py --url http://127.0.0.1:7860               # an already running server

It starts `claimcheck serve --index DIR` on a free loopback port (unless --url is given), waits for
/api/health, sends one warm-up check (every claim of the mix once with --warm-all), then runs the clients until the time is up (each stops by itself
after its last request: nothing is unbounded), stops the server and prints a table. Every response must be
200 with a valid verdict; the exit code is 1 otherwise. Only loopback URLs are accepted.

The JSON written to --out (default evals/out/load.json): clients, seconds, requests, ok, failures (with
the first few reasons), requests_per_s, latency_ms {p50, p95, p99, max, mean}, verdicts (counts), and the
machine (cpu count, load average at the start).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parent.parent
VERDICTS = {"supported", "contradicted", "misleading", "conflicting", "not_enough_evidence"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# A fixed mix: figures, attributions, "all" claims, dates and an off-corpus claim.
CLAIMS = [
    "30,000 foreigners joined ISIS",
    "About 60 ISIS fighters returned to Canada",
    "ISIS claimed the Stockholm truck attack",
    "al-Qaida claimed the Manchester Arena bombing",
    "The Nice truck attack killed 86 people",
    "ISIS claimed responsibility for all the vehicle attacks in Nice, Berlin, Stockholm, London and Barcelona",
    "Europol counted 33 jihadist attacks in the EU in 2017",
    "The Manchester Arena attack killed 22 people",
    "The Barcelona attack happened in August 2017",
    "ISIS had 500 members in Iceland",
    "Canada counted about 190 extremist travellers abroad",
    "The Berlin Christmas market attack was carried out by Anis Amri",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def claimcheck_cmd() -> list[str]:
    script = REPO / ".venv" / "bin" / "claimcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def start_server(index: str, port: int, startup_s: float, extra: list[str]) -> subprocess.Popen:
    cmd = [*claimcheck_cmd(), "serve", "--index", index, "--host", "127.0.0.1", "--port", str(port), *extra]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=20)


def wait_healthy(url: str, proc: subprocess.Popen | None, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
        try:
            r = httpx.get(url + "/api/health", timeout=5)
            if r.status_code == 200 and r.json().get("status") == "ok":
                return
            last = f"{r.status_code} {r.text[:200]}"
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise SystemExit(f"the server at {url} was not healthy after {timeout_s:.0f} s ({last})")


def run_load(url: str, clients: int, seconds: float, claims: list[str], request_timeout: float) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    verdicts: dict[str, int] = {}
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def client(n: int) -> None:
        i = n
        with httpx.Client(base_url=url, timeout=request_timeout) as http:
            while time.monotonic() < deadline:
                claim = claims[i % len(claims)]
                i += clients
                t0 = time.perf_counter()
                try:
                    r = http.post("/api/check", json={"claim": claim})
                    ms = (time.perf_counter() - t0) * 1000
                    verdict = r.json().get("verdict") if r.status_code == 200 else None
                    problem = "" if verdict in VERDICTS else f"{r.status_code}: {r.text[:200]}"
                except (httpx.HTTPError, ValueError) as exc:
                    ms, verdict, problem = (time.perf_counter() - t0) * 1000, None, repr(exc)
                with lock:
                    latencies.append(ms)
                    if problem:
                        failures.append(f"{claim!r}: {problem}")
                    else:
                        verdicts[verdict] = verdicts.get(verdict, 0) + 1

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + request_timeout + 30)
    elapsed = time.monotonic() - start
    total = len(latencies)
    return {
        "clients": clients, "seconds": round(elapsed, 2), "requests": total, "ok": total - len(failures),
        "failures": len(failures), "failure_examples": failures[:5],
        "requests_per_s": round(total / elapsed, 2) if elapsed else 0.0,
        "latency_ms": {"p50": round(percentile(latencies, 0.50), 1), "p95": round(percentile(latencies, 0.95), 1),
                       "p99": round(percentile(latencies, 0.99), 1), "max": round(max(latencies, default=0), 1),
                       "mean": round(statistics.fmean(latencies), 1) if latencies else 0.0},
        "verdicts": dict(sorted(verdicts.items())),
    }


def table(res: dict) -> str:
    lat = res["latency_ms"]
    rows = [("clients", res["clients"]), ("duration (s)", res["seconds"]), ("requests", res["requests"]),
            ("ok (200 + valid verdict)", res["ok"]), ("failures", res["failures"]),
            ("requests/s", res["requests_per_s"]), ("p50 latency (ms)", lat["p50"]),
            ("p95 latency (ms)", lat["p95"]), ("p99 latency (ms)", lat["p99"]), ("max latency (ms)", lat["max"])]
    width = max(len(r[0]) for r in rows)
    return "\n".join([f"| {'metric'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
                     + [f"| {k.ljust(width)} | {v} |" for k, v in rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", help="index folder to serve (starts `claimcheck serve` on loopback)")
    ap.add_argument("--url", help="an already running server on loopback instead of starting one")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--out", default=str(REPO / "evals" / "out" / "load.json"))
    ap.add_argument("--startup-timeout", type=float, default=300.0)
    ap.add_argument("--request-timeout", type=float, default=120.0)
    ap.add_argument("--warm-all", action="store_true",
                    help="warm up with every claim of the mix once (steady state) instead of one claim")
    ap.add_argument("--set", action="append", default=[], metavar="group.field=value",
                    help="passed to `claimcheck serve`")
    args = ap.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 3600:
        ap.error("--clients must be 1-200 and --seconds 0-3600")
    if bool(args.index) == bool(args.url):
        ap.error("give exactly one of --index or --url")

    proc = None
    if args.url:
        url = args.url.rstrip("/")
        if urlsplit(url).hostname not in LOOPBACK:
            ap.error("--url must be a loopback address (127.0.0.1, localhost, ::1)")
    else:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(args.index, port, args.startup_timeout, [x for s in args.set for x in ("--set", s)])
    try:
        wait_healthy(url, proc, args.startup_timeout)
        warm_started = time.monotonic()
        for claim in CLAIMS if args.warm_all else CLAIMS[:1]:  # warm-up, not measured
            httpx.post(url + "/api/check", json={"claim": claim}, timeout=args.request_timeout)
        warm_s = time.monotonic() - warm_started
        load_before = os.getloadavg()[0]
        res = run_load(url, args.clients, args.seconds, CLAIMS, args.request_timeout)
    finally:
        if proc is not None:
            stop_server(proc)
    res["warm_up"] = {"claims": len(CLAIMS) if args.warm_all else 1, "seconds": round(warm_s, 2)}
    res["machine"] = {"cpus": os.cpu_count(), "load_avg_1m_at_start": round(load_before, 2)}
    res["url"] = url
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
    print(table(res))
    print(f"\nwritten: {out}")
    if res["failures"]:
        print("failures:\n  " + "\n  ".join(res["failure_examples"]), file=sys.stderr)
    return 1 if res["failures"] or not res["requests"] else 0


if __name__ == "__main__":
    sys.exit(main())
