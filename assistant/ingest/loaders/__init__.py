"""Load source files of every supported type into SourceDocuments.

Supported: Markdown (.md, .markdown, YAML front matter = metadata), plain text (.txt), PDF (.pdf),
HTML (.html, .htm) and JSONL (.jsonl, one document per line). Folder walks skip hidden files and
folders and README.md files (a folder's description, not a source).
"""
from __future__ import annotations

from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.loaders.base import LoadResult
from assistant.ingest.loaders.html import load_html
from assistant.ingest.loaders.jsonl import load_jsonl
from assistant.ingest.loaders.markdown import load_markdown, load_text
from assistant.ingest.loaders.pdf import load_pdf

LOADERS = {
    ".md": load_markdown, ".markdown": load_markdown, ".txt": load_text, ".text": load_text,
    ".pdf": load_pdf, ".html": load_html, ".htm": load_html, ".jsonl": load_jsonl,
}
SKIPPED_NAMES = {"readme.md", "readme.txt", "readme"}


def discover(paths: list[Path]) -> tuple[list[tuple[Path, Path | None]], list[LoadError]]:
    """Files to load, each with the root it was found under (for ids), and errors for bad paths."""
    files: list[tuple[Path, Path | None]] = []
    errors: list[LoadError] = []
    for given in paths:
        if not given.exists():
            errors.append(LoadError(str(given), "no such file or folder", "check the path"))
        elif given.is_file():
            if given.suffix.lower() in LOADERS:
                files.append((given, given.parent))
            else:
                errors.append(LoadError(str(given), f"unsupported file type '{given.suffix}'",
                                        f"use one of {', '.join(sorted(LOADERS))}"))
        else:
            for f in sorted(given.rglob("*")):
                rel = f.relative_to(given).parts
                if any(p.startswith(".") for p in rel) or not f.is_file():
                    continue
                if f.name.lower() in SKIPPED_NAMES:
                    continue
                if f.suffix.lower() in LOADERS:
                    files.append((f, given))
    return files, errors


def load_file(path: Path, max_bytes: int, root: Path | None = None) -> LoadResult:
    """Load one file; a file that cannot be loaded gives a LoadResult with its error, never an exception."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        return LoadResult(str(path), errors=[LoadError(str(path), f"unsupported file type '{path.suffix}'")])
    try:
        return loader(path, max_bytes, root)
    except LoadError as exc:
        return LoadResult(str(path), errors=[exc])
    except RecursionError as exc:
        return LoadResult(str(path), errors=[LoadError(str(path), f"file too deeply nested to parse ({exc})")])


__all__ = ["LOADERS", "LoadResult", "discover", "load_file"]
