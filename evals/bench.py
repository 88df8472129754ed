"""Benchmarks: ingest, check latency (warm and cold), batch throughput, peak memory, and check latency at scale.

Usage: python evals/bench.py {ingest,check,batch,memory,scale,all} [options]    (`make bench` runs `all`)

- ingest: delegates to evals/bench_ingest.py (raw encode vs the ingest pipeline, re-ingest cost).
- check: warm latency of ``Service.check`` over the dev claims on the embedded corpus index, next to its parts
  (raw claim encode; encode + hybrid retrieval, without evidence selection and judging) as baselines; cold latency = first check in a fresh process
  (interpreter start, imports, model load, index open), measured in subprocesses.
- batch: claims per second over N claims (the dev claims repeated to N), sequential and with a thread pool, next
  to raw encode throughput of the same texts.
- memory: peak RSS (``resource.getrusage``) of one process that loads the model, ingests the corpus into a
  fresh index and checks claims; RSS after each stage.
- similar: claims seen before, lookup p50/p95 with 100k stored checks (delegates to evals/bench_similar.py).
- scale: the corpus index plus synthetic chunks up to 1k / 10k / 100k chunks, check and retrieval p50/p95 at each
  size. Synthetic chunk vectors come from the model, or (``--fast-embed``) are random unit vectors written
  straight into Chroma and BM25 through the index classes: that measures retrieval and check cost at scale, not
  retrieval quality, and the output says which vectors each size used. Default: model vectors for the first
  10k synthetic chunks, random ones beyond (embedding 100k chunks takes 15+ minutes on 2 cores).

Every section prints a table and writes its results into evals/out/bench.json (other sections' results are kept),
with the load average before and after, since timings on a shared machine move with its load.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evals"))

from assistant.evaluate.metrics import percentile
from assistant.settings import Settings

DEV = ROOT / "evals" / "threat_claims.dev.jsonl"
OUT = ROOT / "evals" / "out" / "bench.json"
REAL_EMBED_LIMIT = 10_000  # default: synthetic chunks beyond this many get random vectors


# --- helpers ------------------------------------------------------------------------------------------------

def dev_claims(n: int | None = None) -> list[str]:
    claims = [json.loads(line)["claim"] for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    if n is None:
        return claims
    return [claims[i % len(claims)] for i in range(n)]


def stats_ms(values_s: list[float]) -> dict:
    ms = [v * 1000 for v in values_s]
    return {"n": len(ms), "p50_ms": _r(percentile(ms, 50)), "p95_ms": _r(percentile(ms, 95)),
            "mean_ms": _r(statistics.fmean(ms) if ms else None), "max_ms": _r(max(ms) if ms else None)}


def _r(v, digits: int = 1):
    return None if v is None else round(v, digits)


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def table(rows: list[list], header: list[str]) -> str:
    cells = [header] + [["-" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def corpus_index(settings: Settings, corpus: Path) -> Path:
    """The corpus index, brought up to date (idempotent: unchanged files cost nothing)."""
    from assistant.ingest.pipeline import ingest

    report = ingest([corpus], settings, settings.index_dir, prune=True)
    print(f"corpus index {settings.index_dir}: {report.total_documents} documents, {report.total_chunks} chunks "
          f"({report.chunks_embedded} embedded now)", flush=True)
    return Path(settings.index_dir)


def save(section: str, result: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(out.read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    data.setdefault("sections", {})[section] = result
    data["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    data["updated"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    print(f"wrote {out} [{section}]", flush=True)


def _subprocess_env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


# --- ingest -------------------------------------------------------------------------------------------------

def bench_ingest(args) -> dict:
    import bench_ingest as bi

    result = bi.run(args.ingest_chunks, ROOT / "evals" / "out" / "bench_ingest.json", args.corpus)
    return result


# --- check --------------------------------------------------------------------------------------------------

_COLD = textwrap.dedent("""
    import json, sys, time
    t0 = time.perf_counter()
    from assistant.service import Service
    from assistant.settings import Settings
    t1 = time.perf_counter()
    service = Service(Settings(index_dir=sys.argv[1]))
    t2 = time.perf_counter()
    result = service.check(sys.argv[2])
    t3 = time.perf_counter()
    print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "first_check_s": t3 - t2, "in_process_s": t3 - t0,
                      "verdict": result.verdict}))
""")


def cold_check(index_dir: Path, claim: str) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _COLD, str(index_dir), claim], cwd=ROOT, env=_subprocess_env(),
                          capture_output=True, text=True, timeout=600, check=False)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"cold check failed: {proc.stderr.strip()[-800:]}")
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "wall_s": wall}


def time_checks(service, embedder, claims: list[str]) -> tuple[list[float], list[float]]:
    """Seconds per claim for encode + hybrid retrieval alone, and for a whole check."""
    retrieve, check = [], []
    for claim in claims:
        t = time.perf_counter()
        service.retriever.retrieve(claim, query_vector=embedder.encode([claim])[0])
        retrieve.append(time.perf_counter() - t)
        t = time.perf_counter()
        service.check(claim)
        check.append(time.perf_counter() - t)
    return retrieve, check


def bench_check(args) -> dict:
    from assistant.service import Service

    settings = Settings(index_dir=args.index, judge=args.judge)
    corpus_index(settings, args.corpus)
    claims = dev_claims()[: args.claims] if args.claims else dev_claims()
    before = load()

    # cold first: fresh processes, before this one has warmed any OS caches further
    cold = [cold_check(settings.index_dir, c) for c in claims[: args.cold_runs]]

    service = Service(settings)
    service.check("warm up: ISIS claimed the Manchester attack")  # model load, BM25 load, first-call costs
    service.warm_up()  # what `claimcheck serve` does at start: every index sentence embedded once
    embedder = service.index.embedder
    encode = []
    for claim in claims:
        t = time.perf_counter()
        embedder.encode([claim])
        encode.append(time.perf_counter() - t)
    evidence, check = time_checks(service, embedder, claims)
    other = "embedded" if args.judge != "embedded" else "reader"
    rival = Service(settings.model_copy(update={"judge": other}))
    rival.sentences = service.sentences  # the same warm sentence cache: only the judge differs
    rival.check("warm up: ISIS claimed the Manchester attack")
    _, rival_check = time_checks(rival, embedder, claims)
    result = {
        "index": str(settings.index_dir), "index_chunks": service.index.manifest.chunk_count, "claims": len(claims),
        "judge": args.judge, "rival_judge": other,
        "warm": {"check": stats_ms(check), "retrieve": stats_ms(evidence), "encode_claim": stats_ms(encode),
                 "check_rival_judge": stats_ms(rival_check)},
        "cold": {"runs": len(cold), "wall": stats_ms([c["wall_s"] for c in cold]),
                 "in_process": stats_ms([c["in_process_s"] for c in cold]),
                 "import": stats_ms([c["import_s"] for c in cold]), "open": stats_ms([c["open_s"] for c in cold]),
                 "first_check": stats_ms([c["first_check_s"] for c in cold])},
        "load_before": before, "load_after": load(),
    }
    w = result["warm"]
    result["ratios"] = {
        "warm_check_p50_over_encode_p50": _r(w["check"]["p50_ms"] / w["encode_claim"]["p50_ms"], 2),
        "cold_wall_p50_over_warm_check_p50": _r(result["cold"]["wall"]["p50_ms"] / w["check"]["p50_ms"], 1),
    }
    rows = [[f"warm check ({args.judge} judge)", *(w["check"][k] for k in ("n", "p50_ms", "p95_ms", "mean_ms"))],
            [f"warm check ({other} judge, same index)",
             *(w["check_rival_judge"][k] for k in ("n", "p50_ms", "p95_ms", "mean_ms"))],
            ["  encode + hybrid retrieval only", *(w["retrieve"][k] for k in ("n", "p50_ms", "p95_ms", "mean_ms"))],
            ["  encode claim only (baseline)", *(w["encode_claim"][k] for k in ("n", "p50_ms", "p95_ms", "mean_ms"))]]
    for name, key in (("cold: subprocess wall", "wall"), ("cold: in-process (imports+open+check)", "in_process"),
                      ("  of which imports", "import"), ("  of which open index", "open"),
                      ("  of which first check (model load)", "first_check")):
        c = result["cold"][key]
        rows.append([name, c["n"], c["p50_ms"], c["p95_ms"], c["mean_ms"]])
    print(table(rows, ["check latency", "n", "p50 ms", "p95 ms", "mean ms"]))
    print(f"ratios: {result['ratios']}; load {before} -> {result['load_after']}")
    return result


# --- batch --------------------------------------------------------------------------------------------------

def bench_batch(args) -> dict:
    from assistant.service import Service

    settings = Settings(index_dir=args.index)
    corpus_index(settings, args.corpus)
    claims = dev_claims(args.batch_claims)
    before = load()
    probe = Service(settings)
    probe.check("warm up: ISIS claimed the Manchester attack")
    t = time.perf_counter()
    probe.index.embedder.encode(claims)
    raw_s = time.perf_counter() - t

    runs = {}
    for workers in (1, args.workers):
        if workers in runs:
            continue
        service = Service(settings)  # fresh sentence-embedding cache for each run
        t = time.perf_counter()
        if workers == 1:
            verdicts = [service.check(c).verdict for c in claims]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                verdicts = [r.verdict for r in pool.map(service.check, claims)]
        secs = time.perf_counter() - t
        runs[workers] = {"workers": workers, "seconds": round(secs, 2), "claims_per_s": round(len(claims) / secs, 2),
                         "verdicts": len(verdicts)}
    seq = runs[1]["claims_per_s"]
    result = {"claims": len(claims), "distinct_claims": len(set(claims)),
              "note": "the dev claims repeated to N; repeats find their sentences in the embedding cache",
              "runs": list(runs.values()), "raw_encode_claims_per_s": round(len(claims) / raw_s, 1),
              "ratios": {f"workers_{w}_over_sequential": round(r["claims_per_s"] / seq, 2) for w, r in runs.items() if w != 1}
              | {"sequential_over_raw_encode": round(seq / (len(claims) / raw_s), 4)},
              "load_before": before, "load_after": load()}
    rows = [[f"check, {r['workers']} worker(s)", r["claims_per_s"], r["seconds"]] for r in runs.values()]
    rows.append(["raw encode of the claims (baseline)", result["raw_encode_claims_per_s"], round(raw_s, 2)])
    print(table(rows, [f"batch of {len(claims)} claims", "claims/s", "seconds"]))
    print(f"ratios: {result['ratios']}; load {before} -> {result['load_after']}")
    return result


# --- memory -------------------------------------------------------------------------------------------------

_MEMORY = textwrap.dedent("""
    import json, resource, sys
    def rss(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    out = {"python_mib": rss()}
    from assistant.service import Service
    from assistant.settings import Settings
    from assistant.ingest.pipeline import ingest
    from assistant.index.index import embedder_for
    out["imports_mib"] = rss()
    settings = Settings(index_dir=sys.argv[2])
    embedder_for(settings).encode(["load the model"])
    out["model_mib"] = rss()
    report = ingest([sys.argv[1]], settings, settings.index_dir)
    out["ingest_mib"] = rss(); out["chunks"] = report.total_chunks
    service = Service(settings)
    claims = json.loads(sys.argv[3])
    for c in claims:
        service.check(c)
    out["checks_mib"] = rss(); out["checks"] = len(claims)
    out["peak_mib"] = rss()
    print(json.dumps(out))
""")


def bench_memory(args) -> dict:
    before = load()
    with tempfile.TemporaryDirectory(prefix="claimcheck-mem-") as tmp:
        claims = dev_claims()[: args.memory_checks]
        proc = subprocess.run([sys.executable, "-c", _MEMORY, str(args.corpus), str(Path(tmp) / "index"),
                               json.dumps(claims)], cwd=ROOT, env=_subprocess_env(), capture_output=True, text=True,
                              check=False, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"memory run failed: {proc.stderr.strip()[-800:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result = {k: _r(v) if isinstance(v, float) else v for k, v in result.items()}
    result.update(load_before=before, load_after=load(),
                  note="peak RSS (ru_maxrss) after each stage: it only grows; one fresh index, embedded corpus")
    rows = [[stage, result[key]] for stage, key in (("interpreter", "python_mib"), ("+ imports", "imports_mib"),
                                                     ("+ model loaded", "model_mib"),
                                                     (f"+ ingest ({result['chunks']} chunks)", "ingest_mib"),
                                                     (f"+ {result['checks']} checks", "checks_mib"))]
    print(table(rows, ["peak RSS after", "MiB"]))
    return result


# --- scale --------------------------------------------------------------------------------------------------

def synthetic_chunks(start: int, stop: int, seed: int = 11):
    """Chunks synth-<i> for i in [start, stop): 3-6 synthetic sentences each, one chunk per document."""
    from bench_ingest import _sentence

    from assistant.types import Chunk, SourceMeta

    chunks = []
    for i in range(start, stop):
        rng = random.Random(seed * 1_000_003 + i)
        text = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        meta = SourceMeta(title=f"Synthetic report {i}", publisher="synthetic", publisher_type="research",
                          published=f"{rng.randint(2005, 2024)}-01-01")
        chunks.append(Chunk(id=f"synth-{i:07d}", doc_id=f"synth-{i:07d}", text=text, start=0, end=len(text),
                            position=0, meta=meta))
    return chunks


def _random_unit(n: int, dim: int, seed: int):
    import numpy as np

    v = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def add_synthetic(index_dir: Path, settings: Settings, embedder, start: int, stop: int, real_limit: int,
                  batch: int) -> dict:
    """Write synthetic chunks [start, stop) into the index's Chroma collection, then rebuild BM25 and the manifest."""
    from assistant.index.index import fingerprint
    from assistant.index.keyword_index import KeywordIndex
    from assistant.index.manifest import read_manifest, write_manifest
    from assistant.index.vector_store import ChunkStore, make_client

    store = ChunkStore(make_client(settings, index_dir), settings.collection, embedder)
    embed_s = insert_s = 0.0
    real = random_ = 0
    for lo in range(start, stop, batch):
        chunks = synthetic_chunks(lo, min(stop, lo + batch))
        n_real = max(0, min(len(chunks), real_limit - lo))
        t = time.perf_counter()
        parts = []
        if n_real:
            parts.append(embedder.encode([f"{c.meta.title}\n{c.text}" for c in chunks[:n_real]],
                                         settings.ingest.embed_batch_size))
        if len(chunks) > n_real:
            parts.append(_random_unit(len(chunks) - n_real, embedder.dimension, lo))
        import numpy as np

        vectors = np.vstack(parts)
        embed_s += time.perf_counter() - t
        real += n_real
        random_ += len(chunks) - n_real
        t = time.perf_counter()
        store.upsert(chunks, vectors, {c.doc_id: "synthetic" for c in chunks}, {c.doc_id: 1 for c in chunks},
                     {c.doc_id: "synthetic" for c in chunks})
        insert_s += time.perf_counter() - t
        print(f"  synthetic chunks {min(stop, lo + batch)}/{stop}", flush=True)
    t = time.perf_counter()
    ids, texts = store.all_texts()
    corpus_hash = fingerprint(ids)
    KeywordIndex.build(ids, texts, corpus_hash).save(index_dir)
    manifest = read_manifest(index_dir)
    manifest.corpus_hash, manifest.chunk_count = corpus_hash, len(ids)
    manifest.doc_count += stop - start  # one document per synthetic chunk
    write_manifest(index_dir, manifest)
    return {"embed_s": embed_s, "insert_s": insert_s, "bm25_s": time.perf_counter() - t, "model_vectors": real,
            "random_vectors": random_, "total_chunks": len(ids)}


def bench_scale(args) -> dict:
    from assistant.index.index import embedder_for
    from assistant.service import Service

    sizes = sorted(int(s) for s in args.sizes.split(","))
    real_limit = 0 if args.fast_embed else (10 ** 12 if args.real_embed else REAL_EMBED_LIMIT)
    mode = "random unit vectors (--fast-embed)" if args.fast_embed else (
        "model embeddings (--real-embed)" if args.real_embed else
        f"model embeddings for the first {REAL_EMBED_LIMIT:,} synthetic chunks, random unit vectors beyond")
    print(f"scale: synthetic chunk vectors = {mode}", flush=True)
    settings = Settings(index_dir=args.index)
    corpus_index(settings, args.corpus)
    embedder = embedder_for(settings)
    embedder.encode(["load the model"])
    claims = dev_claims()[: args.scale_claims]
    before = load()
    rows, results = [], []
    with tempfile.TemporaryDirectory(prefix="claimcheck-scale-") as tmp:
        index_dir = Path(tmp) / "index"
        shutil.copytree(settings.index_dir, index_dir, ignore=shutil.ignore_patterns("write.lock"))
        scale_settings = Settings(index_dir=index_dir)
        base = Service(scale_settings).index.manifest.chunk_count
        have = n_model = n_random = 0
        for size in sizes:
            build = add_synthetic(index_dir, scale_settings, embedder, have, size, real_limit, args.insert_batch)
            have = size
            service = Service(scale_settings)
            service.check("warm up: ISIS claimed the Manchester attack")
            retrieve, check = time_checks(service, embedder, claims)
            n_model += build["model_vectors"]
            n_random += build["random_vectors"]
            vectors = "model" if not n_random else "random" if not n_model else f"model {n_model:,} + random {n_random:,}"
            r = {"synthetic_chunks": size, "index_chunks": build["total_chunks"], "corpus_chunks": base,
                 "vectors": vectors, "check": stats_ms(check), "retrieve": stats_ms(retrieve),
                 "build_embed_s": _r(build["embed_s"], 2), "build_insert_s": _r(build["insert_s"], 2),
                 "build_bm25_s": _r(build["bm25_s"], 2), "load": load()}
            results.append(r)
            rows.append([f"{size:,}", r["index_chunks"], vectors, r["check"]["p50_ms"], r["check"]["p95_ms"],
                         r["retrieve"]["p50_ms"], r["build_insert_s"], r["load"][0]])
            print(table(rows[-1:], ["synthetic", "index chunks", "vectors", "check p50", "check p95",
                                    "retrieve p50", "insert s", "load1"]).splitlines()[-1], flush=True)
            del service
    base_p50 = results[0]["check"]["p50_ms"] if results else None
    for r in results:
        r["check_p50_over_smallest"] = _r(r["check"]["p50_ms"] / base_p50, 2) if base_p50 else None
    print(table(rows, ["synthetic", "index chunks", "vectors", "check p50 ms", "check p95 ms", "retrieve p50 ms",
                       "insert s", "load1"]))
    print(f"vectors: {mode}. Random vectors measure retrieval/check cost at scale, not retrieval quality.")
    return {"mode": mode, "claims_per_size": len(claims), "sizes": results, "load_before": before, "load_after": load()}


# --- main ---------------------------------------------------------------------------------------------------

def bench_similar(args) -> dict:
    """Claims seen before: similar-claim lookup with --similar-checks stored checks (evals/bench_similar.py)."""
    import bench_similar as bs

    return bs.run(args.similar_checks, args.similar_real, args.similar_queries)


SECTIONS = {"ingest": bench_ingest, "check": bench_check, "batch": bench_batch, "memory": bench_memory,
            "scale": bench_scale, "similar": bench_similar}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=[*SECTIONS, "all"])
    ap.add_argument("--out", type=Path, default=OUT, help="JSON results (default evals/out/bench.json)")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="the embedded corpus")
    ap.add_argument("--index", type=Path, default=Path(Settings().index_dir),
                    help="the corpus index (ingested first, idempotently; default: the app's index)")
    ap.add_argument("--ingest-chunks", type=int, default=20000, help="ingest: synthetic corpus size (default 20000)")
    ap.add_argument("--claims", type=int, default=0, help="check: dev claims to time (default: all 141)")
    ap.add_argument("--judge", default=Settings().judge, choices=["reader", "embedded"],
                    help="the judge timed (default: the setting); check also times the other one on the same index")
    ap.add_argument("--cold-runs", type=int, default=5, help="check: fresh processes for the cold latency (default 5)")
    ap.add_argument("--batch-claims", type=int, default=200, help="batch: claims per run (default 200)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="batch: threads for the parallel run")
    ap.add_argument("--memory-checks", type=int, default=20, help="memory: checks after the ingest (default 20)")
    ap.add_argument("--sizes", default="1000,10000,100000", help="scale: synthetic chunk counts (default 1k,10k,100k)")
    ap.add_argument("--scale-claims", type=int, default=30, help="scale: claims timed per size (default 30)")
    ap.add_argument("--insert-batch", type=int, default=4000, help="scale: chunks per Chroma write")
    ap.add_argument("--similar-checks", type=int, default=100_000, help="similar: stored checks (default 100000)")
    ap.add_argument("--similar-real", type=int, default=2_000, help="similar: of them embedded with the model")
    ap.add_argument("--similar-queries", type=int, default=200, help="similar: lookups timed (default 200)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--fast-embed", action="store_true", help="scale: random unit vectors for every synthetic chunk")
    g.add_argument("--real-embed", action="store_true", help="scale: embed every synthetic chunk with the model")
    args = ap.parse_args(argv)
    args.index = args.index if args.index.is_absolute() else ROOT / args.index

    names = list(SECTIONS) if args.what == "all" else [args.what]
    failed = []
    for name in names:
        print(f"\n=== {name} === (load average {load()})", flush=True)
        t = time.perf_counter()
        try:
            result = SECTIONS[name](args)
        except Exception as exc:  # noqa: BLE001 - one failed section must not lose the others
            print(f"{name} failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            failed.append(name)
            continue
        result = {**result, "seconds": round(time.perf_counter() - t, 1)}
        save(name, result, args.out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
