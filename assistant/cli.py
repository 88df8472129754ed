"""The `claimcheck` command: user verbs over the library. Errors print one line with the fix, exit 2."""
from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from assistant.errors import ClaimcheckError, ConfigError, InputError
from assistant.settings import Settings


def _apply_overrides(settings: Settings, pairs: list[str]) -> Settings:
    """--set group.field=value (e.g. --set retrieval.top_chunks=20), validated like the environment."""
    data = settings.model_dump()
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ConfigError(f"bad --set {pair!r}", "write --set group.field=value, e.g. --set ingest.chunk_chars=1200")
        node = data
        parts = key.strip().split(".")
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                raise ConfigError(f"unknown setting {key!r}", "see the settings table in the README")
            node = node[part]
        if parts[-1] not in node:
            raise ConfigError(f"unknown setting {key!r}", "see the settings table in the README")
        node[parts[-1]] = value
    try:
        return Settings.model_validate(data)
    except Exception as exc:  # pydantic ValidationError
        first = str(exc).splitlines()
        raise ConfigError(f"invalid setting: {' '.join(first[1:3]) if len(first) > 2 else first[0]}",
                          "fix the --set value") from exc


def _settings(args: argparse.Namespace) -> Settings:
    settings = _apply_overrides(Settings(), getattr(args, "set", []) or [])
    if getattr(args, "index", None):
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    return settings


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.ingest.pipeline import ingest

    settings = _settings(args)
    missing = [str(p) for p in args.paths if not Path(p).exists()]
    if missing:
        raise InputError(f"{', '.join(missing)}: no such file or folder", "check the path and run again")
    report = ingest(args.paths, settings, prune=args.prune, rebuild=args.rebuild, progress=sys.stderr.isatty())
    print(report.summary())
    return 1 if report.skipped else 0


def cmd_corpus_validate(args: argparse.Namespace) -> int:
    from assistant.corpus.validate import validate_corpus

    problems, count = validate_corpus(Path(args.path))
    for p in problems:
        print(p)
    print(f"{count} documents checked, {len(problems)} problems")
    return 1 if problems else 0


def cmd_corpus_table(args: argparse.Namespace) -> int:
    from assistant.corpus.table import write_corpus_readme

    out = write_corpus_readme(Path(args.path))
    print(f"wrote {out}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.answer.render import render_result
    from assistant.service import get_service

    from assistant.store.cli import print_seen_before
    from assistant.store.recording import record, seen_before

    fmt = "json" if args.json else args.format
    service = get_service(_settings(args))
    seen = seen_before(service, args.claim)
    if service.settings.db.record_checks:
        print_seen_before(seen)  # on stderr: earlier verdicts, reviewed ones first
    result = service.check(args.claim)
    record(service, result, "cli", args.who)
    print(render_result(result.model_copy(update={"seen_before": seen}), fmt))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.service import get_service

    answer = get_service(_settings(args)).ask(args.question)
    print(json.dumps(answer.model_dump(), indent=2) if args.json else answer.render_text())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluate.compare import format_table, load_metrics

    if args.compare:
        if args.claims:
            raise ConfigError("give either a claims file or --compare A B, not both", "run them separately")
        a, b = args.compare
        print(format_table(load_metrics(a), load_metrics(b), "A", "B", changed_only=args.changed_only))
        print(f"A = {a}\nB = {b}")
        return 0
    if not args.claims:
        raise ConfigError("no claims file given", "run: claimcheck eval CLAIMS.jsonl [--corpus PATH], "
                          "or claimcheck eval --compare A/metrics.json B/metrics.json")
    from assistant.evaluate.report import summary_rows
    from assistant.evaluate.runner import run_eval

    settings = _settings(args)
    if args.judge:
        settings = _apply_overrides(settings, [f"judge={args.judge}"])
    result = run_eval(args.claims, settings, corpus=args.corpus, index_dir=args.index, label_map=args.label_map,
                      out=args.out, limit=args.limit, claim_field=args.claim_field, label_field=args.label_field,
                      evidence_field=args.evidence_field, id_field=args.id_field)
    width = max(len(name) for name, _ in summary_rows(result.metrics))
    for name, value in summary_rows(result.metrics):
        print(f"{name.ljust(width)}  {value}")
    print(f"wrote {result.out}/ (results.jsonl, metrics.json, report.md, report.html)")
    return 0


def _add_eval_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("eval", parents=[common], help="evaluate verdicts on a claims file with gold labels",
                       description="Check every claim of a JSONL file with gold labels and write results.jsonl, "
                                   "metrics.json, report.md and report.html; or compare two runs' metrics.")
    p.add_argument("claims", nargs="?", type=Path, help="claims JSONL (the dev set, or FEVER-style with a label map)")
    p.add_argument("--corpus", type=Path, metavar="PATH",
                   help="documents to index first (folder, files or a JSONL of {id, text, title}); ingest is "
                        "idempotent. Default index for it: .claimcheck/eval-<name>-<hash> unless --index is given")
    p.add_argument("--label-map", type=Path, metavar="FILE",
                   help='JSON object from the file\'s labels to verdicts, e.g. {"SUPPORTS": "supported"}')
    p.add_argument("--judge", choices=["reader", "embedded", "llm"], help="verification engine: reader (default), embedded (the older rules) or llm")
    p.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: evals/out/<timestamp>)")
    p.add_argument("--limit", type=int, metavar="N", help="evaluate only the first N claims")
    p.add_argument("--claim-field", default="claim", metavar="NAME", help="field holding the claim (default: claim)")
    p.add_argument("--label-field", default="label", metavar="NAME",
                   help="field holding the gold label (default: label, falling back to verdict)")
    p.add_argument("--evidence-field", default="evidence", metavar="NAME",
                   help="field holding gold document ids (default: evidence, falling back to evidence_doc_ids)")
    p.add_argument("--id-field", default="id", metavar="NAME", help="field holding the claim id (default: id)")
    p.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"),
                   help="print the metric differences between two runs (metrics.json files or run folders)")
    p.add_argument("--changed-only", action="store_true", help="with --compare: only metrics that differ")
    p.set_defaults(run=cmd_eval)


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    from assistant.service import get_service
    from assistant.settings import ServerSettings

    settings = _settings(args)
    server = dict(settings.server)
    server.update({k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None})
    try:
        settings = settings.model_copy(update={"server": ServerSettings.model_validate(server)})
    except Exception as exc:  # pydantic ValidationError
        raise ConfigError(f"invalid --host/--port ({str(exc).splitlines()[-1].strip()})",
                          "give a host name or IP and a port between 1 and 65535") from exc
    host, port = settings.server.host, settings.server.port
    try:
        with socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
            pass
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                          "pick another port with --port N, or stop the program using it") from exc
    from assistant.ui.app import create_app

    store = None
    if settings.db.record_checks:
        from assistant.store import get_store

        store = get_store(settings)  # open and migrate the database first: an error stops here, with the fix
    app = create_app(settings)
    print(f"loading the index from {settings.index_dir} ...", file=sys.stderr)
    service = get_service(settings)  # fail now, with the fix, if the index is missing or incompatible
    threading.Thread(target=service.warm_up, name="warm-up", daemon=True).start()  # low warm-latency tail
    if store is not None:
        threading.Thread(target=store.similar_index.refresh, name="similar-warm-up", daemon=True).start()
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.server.auth_user:
        print(f"warning: listening on {host} without auth -> set CLAIMCHECK_SERVER__AUTH_USER and "
              "CLAIMCHECK_SERVER__AUTH_PASSWORD", file=sys.stderr)
    import uvicorn

    print(f"claimcheck UI on http://{'[' + host + ']' if ':' in host else host}:{port}/  (REST API under /api)",
          file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    return 0


def _add_serve_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="start the web UI and REST API",
                       description="Serve the chat UI at / and the REST API at /api from one process.")
    p.add_argument("--host", metavar="H", help="bind address (default: CLAIMCHECK_SERVER__HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, metavar="N", help="port (default: CLAIMCHECK_SERVER__PORT or 7860)")
    p.set_defaults(run=cmd_serve)


def cmd_batch(args: argparse.Namespace) -> int:
    from assistant.batch import run_batch

    summary = run_batch(args.input, _settings(args), out_path=args.out, fmt=args.format,
                        show_progress=False if args.no_progress else None, review=args.review)
    print(summary.line())
    print(f"results in {summary.out} ({summary.seconds:.1f} s)", file=sys.stderr)
    return 1 if summary.errors else 0


def _add_batch_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("batch", parents=[common], help="check a CSV or JSONL file of claims",
                       description="Check every claim of a JSONL file ({\"id\", \"claim\", ...} a line) or a CSV "
                                   "file (header with id,claim). Extra columns are carried through; bad rows are "
                                   "reported and skipped (exit status 1). Re-running with the same OUT skips ids already "
                                   "done, so an interrupted run is finished by running it again.")
    p.add_argument("input", metavar="IN", help="claims file: .jsonl or .csv (- reads standard input; needs --out)")
    p.add_argument("--out", metavar="OUT", help="results file (default: IN with .results.jsonl / .results.csv, "
                                                  "or .claimreview.jsonl)")
    p.add_argument("--format", choices=["jsonl", "csv", "claimreview"], default=None,
                   help="output format (default: from OUT's extension, else the input's)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--review", action="store_true", help="put every claim in the review queue (moderators)")
    p.set_defaults(run=cmd_batch)


def cmd_article(args: argparse.Namespace) -> int:
    from assistant.article.render import render_article
    from assistant.article.report import check_article, clean_article, parse_date, read_article_arg

    settings = _settings(args)
    date = parse_date(args.date)
    text = clean_article(read_article_arg(args.source), settings.limits.article_max_chars)  # fail fast
    from assistant.service import get_service

    report = check_article(get_service(settings), text, date, asked_by=args.who)
    output = render_article(report, args.format)
    if args.out:
        try:
            Path(args.out).write_text(output, "utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {args.out} ({exc.strerror or exc})", "pick a writable --out path") from exc
        print(f"{report.summary}\nwrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


def _add_article_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("article", parents=[common], help="extract and check every claim of an article",
                       description="Split an article into self-contained claims, rank them by check-worthiness, "
                                   "check each checkable one and report with highlights. No web fetching: "
                                   "paste the text or give a file.")
    p.add_argument("source", metavar="FILE_OR_TEXT",
                   help="a text file, - for standard input, or the article text itself in quotes")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the article's date, to resolve 'over the past year', 'in April', ...")
    p.add_argument("--format", choices=["text", "json", "md", "html"], default="text", help="output format")
    p.add_argument("--out", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--as", dest="who", default="local", metavar="NAME",
                   help="who asked, as recorded with each checked claim (default: local)")
    p.set_defaults(run=cmd_article)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", metavar="DIR", help="index folder (default: CLAIMCHECK_INDEX_DIR or .claimcheck/index)")
    common.add_argument("--set", action="append", default=[], metavar="GROUP.FIELD=VALUE",
                        help="override any setting, e.g. --set retrieval.top_chunks=20 (repeatable)")
    parser = argparse.ArgumentParser(prog="claimcheck", description="Check threat claims against cited sources.")
    sub = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = sub.add_parser("ingest", parents=[common], help="load files or folders into the index")
    p.add_argument("paths", nargs="+", type=Path, help="Markdown, text, PDF, HTML or JSONL files, or folders of them")
    p.add_argument("--prune", action="store_true", help="remove indexed documents whose source file is gone")
    p.add_argument("--rebuild", action="store_true", help="delete the index and build it again from these paths")
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("check", parents=[common], help="check one claim and show the verdict with citations")
    p.add_argument("claim", help="the claim to check, in quotes")
    p.add_argument("--format", choices=["text", "json", "claimreview"], default="text", help="output format")
    p.add_argument("--json", action="store_true", help="short for --format json")
    p.add_argument("--as", dest="who", default="local", metavar="NAME", help="who asked, as recorded (default: local)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("ask", parents=[common], help="answer a question from cited passages")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("corpus", help="corpus tools: validate the front matter, regenerate corpus/README.md")
    csub = p.add_subparsers(dest="corpus_verb", required=True, metavar="ACTION")
    v = csub.add_parser("validate", help="check every corpus document's front matter and content")
    v.add_argument("path", nargs="?", default="corpus", help="corpus folder (default: corpus)")
    v.set_defaults(run=cmd_corpus_validate)
    t = csub.add_parser("table", help="regenerate the document table in corpus/README.md")
    t.add_argument("path", nargs="?", default="corpus")
    t.set_defaults(run=cmd_corpus_table)

    _add_batch_parser(sub, common)
    _add_eval_parser(sub, common)
    _add_serve_parser(sub, common)
    _add_article_parser(sub, common)
    from assistant.store.cli import add_review_parser
    add_review_parser(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ClaimcheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
