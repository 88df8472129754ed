"""The `claimcheck` command: user verbs over the library. Errors print one line with the fix, exit 2."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import ClaimcheckError, ConfigError
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
    report = ingest(args.paths, settings, prune=args.prune, rebuild=args.rebuild, progress=sys.stderr.isatty())
    print(report.summary())
    return 0


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

    fmt = "json" if args.json else args.format
    result = get_service(_settings(args)).check(args.claim)
    print(render_result(result, fmt))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.service import get_service

    answer = get_service(_settings(args)).ask(args.question)
    print(json.dumps(answer.model_dump(), indent=2) if args.json else answer.render_text())
    return 0


def _not_yet(verb: str, issue: str):
    def run(args: argparse.Namespace) -> int:
        raise ClaimcheckError(f"'claimcheck {verb}' is not built yet ({issue})", "use 'claimcheck check' meanwhile")
    return run


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

    for verb, text, issue in (("batch", "check a CSV or JSONL file of claims", "issue 6"),
                              ("serve", "start the web UI and REST API", "issue 6"),
                              ("eval", "run the evaluation suite on a claims file", "issue 7")):
        p = sub.add_parser(verb, parents=[common], help=f"{text} (not built yet)")
        p.add_argument("args", nargs="*")
        p.set_defaults(run=_not_yet(verb, issue))
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
