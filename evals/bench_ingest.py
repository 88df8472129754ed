"""Ingest benchmark: raw embedding throughput vs end-to-end ingest, and the cost of a no-op re-ingest.

For each corpus (the embedded ``corpus/`` and a synthetic one of about N chunks) it measures, in one process
with the model already loaded:

- raw: ``embedder.encode`` on exactly the texts the pipeline embeds (``f"{title}\\n{text}"``, see
  ``assistant.ingest.pipeline._embed_and_store``), in one call, batch size from the settings;
- pipeline: ``ingest()`` into a fresh temporary index (load, chunk, embed, write Chroma, build BM25,
  write the manifest), chunks embedded per second of the whole call;
- ratio = pipeline / raw chunks per second (target >= 0.80);
- ratio (CPU time) = raw / pipeline process CPU seconds: the same comparison, less swayed by other load on
  the machine (wall-clock figures on a shared machine move with its load; the JSON records the load average);
- re-ingest: a second ``ingest()`` of the unchanged corpus, in process (target < 5 s), and the same as
  a cold ``claimcheck ingest`` subprocess (interpreter start and imports included), for information.

Usage: python evals/bench_ingest.py [--chunks 20000] [--out evals/out/bench_ingest.json]
``run(chunks, out)`` is the entry point evals/bench.py calls; it returns the result dict.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.index.index import embedder_for  # noqa: E402
from assistant.ingest.chunker import chunk_document  # noqa: E402
from assistant.ingest.loaders import discover, load_file  # noqa: E402
from assistant.ingest.pipeline import ingest  # noqa: E402
from assistant.settings import Settings  # noqa: E402

RATIO_TARGET = 0.80
REINGEST_TARGET_S = 5.0

# --- synthetic corpus ---------------------------------------------------------------------------------------

_CITIES = ["Paris", "Brussels", "Berlin", "Manchester", "Nice", "Barcelona", "London", "Vienna", "Madrid", "Stockholm",
           "Istanbul", "Kabul", "Mogadishu", "Maiduguri", "Lagos", "Nairobi", "Baghdad", "Mosul", "Raqqa", "Sirte",
           "Bamako", "Ouagadougou", "Niamey", "Colombo", "Christchurch", "Oslo", "Hanau", "Halle", "El Paso", "Orlando"]
_GROUPS = ["Islamic State", "ISIS", "al-Qaeda", "al-Shabaab", "Boko Haram", "ISWAP", "JNIM", "the Taliban",
           "ISIS-K", "AQAP", "a far-right cell", "a lone attacker", "Hayat Tahrir al-Sham", "the PKK"]
_SOURCES = ["the UN Monitoring Team", "Europol's TE-SAT", "the Global Terrorism Index", "ACLED", "the US State Department",
            "the Soufan Center", "ICCT", "a Reuters investigation", "the UN Security Council", "the court judgment",
            "the national prosecutor", "an AFP report", "the International Crisis Group", "the CTC at West Point"]
_SUBJECTS = ["foreign fighters", "returnees", "detainees in camps", "women and children in al-Hol", "recruits",
             "fighters", "members", "supporters", "arrests", "completed attacks", "foiled plots", "deaths"]
_VERBS = ["estimated", "reported", "put the number of", "counted", "recorded", "gave a figure for", "documented"]
_QUALIFIERS = ["at least", "about", "more than", "up to", "nearly", "fewer than", "some", "an estimated"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def _number(rng: random.Random) -> str:
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 60000)])
    return f"{n:,}" if n >= 1000 and rng.random() < 0.7 else str(n)


def _sentence(rng: random.Random) -> str:
    year = rng.randint(2001, 2024)
    date = f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} {year}"
    city, group, source = rng.choice(_CITIES), rng.choice(_GROUPS), rng.choice(_SOURCES)
    subject, qual = rng.choice(_SUBJECTS), rng.choice(_QUALIFIERS)
    templates = [
        f"On {date}, an attack in {city} killed {_number(rng)} people and injured {qual} {_number(rng)} more.",
        f"{source[0].upper() + source[1:]} {rng.choice(_VERBS)} {qual} {_number(rng)} {subject} linked to {group} in {year}.",
        f"{group[0].upper() + group[1:]} claimed responsibility for the {city} attack through its official channels, "
        f"although investigators later found no evidence of direction from abroad.",
        f"By {rng.choice(_MONTHS)} {year}, {qual} {_number(rng)} {subject} from {rng.randint(10, 110)} countries had "
        f"travelled to Syria and Iraq, according to {source}.",
        f"The figure of {_number(rng)} is often quoted without its date, but it describes the situation in {year}, "
        f"not today, and {source} has since revised it.",
        f"In {city}, prosecutors charged {rng.randint(2, 40)} people over the {year} plot, and the trial ended in "
        f"{year + rng.randint(1, 5)} with sentences of up to {rng.randint(5, 30)} years.",
        f"Dr. {rng.choice(['Ahmed', 'Schmidt', 'Dupont', 'Rossi', 'Okafor'])} of {source} said the U.S. and E.U. counts "
        f"differ because they measure different things, e.g. arrests rather than convictions.",
        f"Deaths from terrorism in the region fell by {rng.randint(5, 60)}% between {year} and {year + 1}, while the "
        f"number of incidents rose to {_number(rng)}.",
        f"{qual[0].upper() + qual[1:]} {_number(rng)} {subject} remained in detention at the end of {year}, "
        f"{source} noted in its annual report.",
    ]
    return rng.choice(templates)


def synthetic_doc(rng: random.Random, i: int) -> str:
    year = rng.randint(2005, 2024)
    city = rng.choice(_CITIES)
    title = f"{rng.choice(['Attack in', 'Report on', 'Fighters from', 'Trial over'])} {city}, {year} (no. {i})"
    front = (f"---\nid: synth-{i:06d}\ntitle: \"{title}\"\npublisher: \"{rng.choice(_SOURCES)}\"\n"
             f"publisher_type: research\npublished: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
             f"primary: false\ntopics: [attacks, fighters]\n---\n\n# {title}\n\n")
    paras = []
    for _ in range(rng.randint(3, 7)):
        paras.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 6))))
    return front + "\n\n".join(paras) + "\n"


def make_synthetic(folder: Path, n_chunks: int, settings: Settings, seed: int = 7) -> tuple[int, int]:
    """Write Markdown docs into folder until chunking at the given settings yields >= n_chunks; (docs, chunks)."""
    from assistant.ingest.loaders.markdown import split_front_matter
    from assistant.ingest.chunker import chunk_spans

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = docs = 0
    sub = None
    while total < n_chunks:
        if docs % 500 == 0:
            sub = folder / f"part{docs // 500:03d}"
            sub.mkdir(exist_ok=True)
        text = synthetic_doc(rng, docs)
        _, body = split_front_matter(text, "synthetic")
        total += len(chunk_spans(body, settings.ingest.chunk_chars, settings.ingest.overlap_sentences))
        (sub / f"doc-{docs:06d}.md").write_text(text, "utf-8")
        docs += 1
    return docs, total


# --- measurements -------------------------------------------------------------------------------------------

def pipeline_texts(paths: list[Path], settings: Settings) -> list[str]:
    """Exactly the strings the pipeline passes to the embedder for a fresh index of these paths."""
    files, _ = discover(paths)
    seen: set[str] = set()
    texts: list[str] = []
    for path, root in files:
        for doc in load_file(path, settings.ingest.max_file_bytes, root).documents:
            if doc.id in seen:
                continue
            seen.add(doc.id)
            for c in chunk_document(doc, settings.ingest.chunk_chars, settings.ingest.overlap_sentences):
                texts.append(f"{c.meta.title}\n{c.text}" if c.meta.title else c.text)
    return texts


def cold_reingest(paths: list[Path], index_dir: Path) -> float:
    cmd = [sys.executable, "-m", "assistant.cli", "ingest", *map(str, paths), "--index", str(index_dir)]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"cold re-ingest failed: {proc.stderr.strip()[-500:]}")
    return wall


def bench_corpus(name: str, paths: list[Path], settings: Settings, embedder, work: Path) -> dict:
    texts = pipeline_texts(paths, settings)
    load_before = os.getloadavg()[0]
    t, c = time.perf_counter(), time.process_time()
    embedder.encode(texts, settings.ingest.embed_batch_size)
    raw_s, raw_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"{name}: raw encode of {len(texts)} chunks: {raw_s:.1f} s ({len(texts) / raw_s:.1f} chunks/s)", flush=True)

    index_dir = work / f"index-{name}"
    shutil.rmtree(index_dir, ignore_errors=True)
    t, c = time.perf_counter(), time.process_time()
    first = ingest(paths, settings, index_dir)
    pipe_s, pipe_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"{name}: ingest: {pipe_s:.1f} s ({first.chunks_embedded / pipe_s:.1f} chunks/s)", flush=True)
    if first.chunks_embedded != len(texts):
        raise RuntimeError(f"{name}: pipeline embedded {first.chunks_embedded} chunks, expected {len(texts)}")

    t = time.perf_counter()
    again = ingest(paths, settings, index_dir)
    re_s = time.perf_counter() - t
    if again.chunks_embedded != 0:
        raise RuntimeError(f"{name}: re-ingest embedded {again.chunks_embedded} chunks, expected 0")
    cold_s = cold_reingest(paths, index_dir)

    raw_cps, pipe_cps = len(texts) / raw_s, len(texts) / pipe_s
    return {
        "corpus": name, "documents": first.documents, "chunks": len(texts),
        "raw_encode_s": round(raw_s, 2), "raw_chunks_per_s": round(raw_cps, 1),
        "pipeline_s": round(pipe_s, 2), "pipeline_embed_s": round(first.embed_seconds, 2),
        "pipeline_chunks_per_s": round(pipe_cps, 1), "ratio": round(pipe_cps / raw_cps, 3),
        "reingest_s": round(re_s, 2), "reingest_cold_cli_s": round(cold_s, 2),
        "raw_cpu_s": round(raw_cpu, 2), "pipeline_cpu_s": round(pipe_cpu, 2),
        "ratio_cpu": round(raw_cpu / pipe_cpu, 3) if pipe_cpu else None,
        "loadavg_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "ratio_ok": pipe_cps / raw_cps >= RATIO_TARGET, "reingest_ok": re_s < REINGEST_TARGET_S,
    }


def print_table(rows: list[dict]) -> None:
    cols = [("corpus", "corpus"), ("documents", "docs"), ("chunks", "chunks"), ("raw_chunks_per_s", "raw ch/s"),
            ("pipeline_chunks_per_s", "ingest ch/s"), ("ratio", "ratio"), ("ratio_cpu", "ratio (CPU time)"),
            ("reingest_s", "re-ingest s"),
            ("reingest_cold_cli_s", "cold CLI re-ingest s")]
    table = [[h for _, h in cols]] + [[str(r[k]) for k, _ in cols] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    for n, row in enumerate(table):
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(f"targets: ratio >= {RATIO_TARGET}, re-ingest < {REINGEST_TARGET_S} s")


def run(chunks: int = 20000, out: Path | str | None = ROOT / "evals" / "out" / "bench_ingest.json",
        corpus: Path | str = ROOT / "corpus") -> dict:
    settings = Settings()
    embedder = embedder_for(settings)
    embedder.encode(["warm up the model"] * 8)  # load the model outside every timing
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        work = Path(tmp)
        rows.append(bench_corpus("embedded", [Path(corpus)], settings, embedder, work))
        synth = work / "synthetic"
        t = time.perf_counter()
        docs, expected = make_synthetic(synth, chunks, settings)
        print(f"synthetic corpus: {docs} documents, {expected} chunks ({time.perf_counter() - t:.1f} s to write)",
              flush=True)
        rows.append(bench_corpus(f"synthetic-{chunks}", [synth], settings, embedder, work))
    result = {
        "benchmark": "ingest", "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "settings": {"chunk_chars": settings.ingest.chunk_chars, "overlap_sentences": settings.ingest.overlap_sentences,
                     "embed_batch_size": settings.ingest.embed_batch_size, "model": embedder.model_id},
        "targets": {"ratio": RATIO_TARGET, "reingest_s": REINGEST_TARGET_S},
        "results": rows,
        "ok": all(r["ratio_ok"] and r["reingest_ok"] for r in rows),
    }
    print_table(rows)
    if out:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
        print(f"wrote {out}")
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=20000, help="size of the synthetic corpus in chunks (default 20000)")
    ap.add_argument("--out", type=Path, default=ROOT / "evals" / "out" / "bench_ingest.json", help="JSON result file")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="the embedded corpus folder")
    args = ap.parse_args(argv)
    result = run(args.chunks, args.out, args.corpus)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
