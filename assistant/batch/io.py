"""Batch files: reading JSONL or CSV claims, and writing results that a re-run can resume.

Output is appended one row at a time and flushed, so a crash loses at most the row being written. On a re-run
the ids already in OUT are skipped; a damaged tail (a half-written last line from a crash) is cut off and its
row done again.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from assistant.batch.rows import OUTPUT_FIELDS
from assistant.errors import InputError

FORMATS = ("jsonl", "csv", "claimreview")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
csv.field_size_limit(50_000_000)


# --- input --------------------------------------------------------------------------------------------------

@dataclass
class RawRecord:
    """One input record before validation: its position and either the data or why it could not be read."""

    line: int
    data: object = None
    error: str = ""


def input_kind(path: str) -> str:
    """'csv' or 'jsonl' from the file name (``-`` = standard input, sniffed from its first character)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if path == "-":
        return ""
    raise InputError(f"cannot tell the format of {path}", "name the file .jsonl (one JSON object a line) or .csv "
                     "(a header with id,claim)")


def read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such file: {path}", "give the path of a .jsonl or .csv file of claims")
    raw = p.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text", "save the file as UTF-8 (CSV 'UTF-8' in spreadsheet apps)") \
            from None


def read_records(path: str) -> tuple[list[RawRecord], list[str]]:
    """(records, column names in order) from a JSONL or CSV file of claims."""
    text = read_text(path)
    kind = input_kind(path) or ("jsonl" if text.lstrip().startswith("{") else "csv")
    return _read_jsonl(text) if kind == "jsonl" else _read_csv(text, path)


def _read_jsonl(text: str) -> tuple[list[RawRecord], list[str]]:
    records, columns = [], {}
    for n, line in enumerate(text.split("\n"), start=1):  # not splitlines(): JSON strings may hold U+2028
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            records.append(RawRecord(n, error=f"line {n} is not valid JSON ({exc.msg}) -> write one JSON object a line"))
            continue
        if isinstance(data, dict):
            columns.update(dict.fromkeys(data))
        records.append(RawRecord(n, data))
    return records, list(columns)


def _read_csv(text: str, path: str) -> tuple[list[RawRecord], list[str]]:
    sample = text[:4096]
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    if not path.lower().endswith((".csv", ".tsv")):
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        except csv.Error:
            pass
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path} is empty", "write a header row with id,claim and one claim a row") from None
    header = [h.strip() for h in header]
    lowered = [h.lower() for h in header]
    if "id" not in lowered or "claim" not in lowered:
        raise InputError(f"{path} has no id and claim columns (header: {', '.join(header)[:200]})",
                         "make the first row a header containing id,claim")
    names = ["id" if h.lower() == "id" else "claim" if h.lower() == "claim" else h for h in header]
    records = []
    try:
        for values in reader:
            n = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(names):
                records.append(RawRecord(n, error=f"record ending on line {n} has {len(values)} cells, the header "
                                                  f"has {len(names)} -> quote cells that contain commas"))
                continue
            records.append(RawRecord(n, dict(zip(names, values))))
    except csv.Error as exc:
        records.append(RawRecord(reader.line_num, error=f"line {reader.line_num}: {exc} -> fix the CSV quoting"))
    return records, names


# --- output -------------------------------------------------------------------------------------------------

def escape_cell(value: object) -> str:
    """A CSV cell that spreadsheets will not run as a formula (cells starting =, +, -, @, tab, CR get a ')."""
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def default_out(in_path: str, fmt: str) -> Path:
    if in_path == "-":
        raise InputError("reading claims from standard input needs --out", "add --out results.jsonl")
    p = Path(in_path)
    suffix = {"csv": ".results.csv", "jsonl": ".results.jsonl", "claimreview": ".claimreview.jsonl"}[fmt]
    return p.with_name(p.stem + suffix)


@dataclass
class ResumeState:
    done: set[str] = field(default_factory=set)
    dropped: int = 0  # damaged records cut from the end of OUT
    header: list[str] | None = None  # CSV: the existing header


class ResultWriter:
    """Appends rows to OUT, after reading which ids it already holds."""

    def __init__(self, path: Path, fmt: str, columns: list[str]) -> None:
        self.path = path
        self.fmt = fmt
        self.columns = columns
        self.state = ResumeState()
        self._fh: IO[str] | None = None
        self._csv = None

    def open(self) -> ResumeState:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and self.path.stat().st_size:
            self.state = self._scan_csv() if self.fmt == "csv" else self._scan_jsonl()
        if self.fmt == "csv":
            self._fh = open(self.path, "a", encoding="utf-8", newline="")
            self._csv = csv.writer(self._fh, lineterminator="\r\n")
            if self.state.header is None:
                self._csv.writerow([escape_cell(c) for c in self.columns])
                self._fh.flush()
            else:
                self.columns = self.state.header  # resume with the columns already there
        else:
            self._fh = open(self.path, "a", encoding="utf-8", newline="\n")
        return self.state

    def write(self, row: dict) -> None:
        assert self._fh is not None
        if self.fmt == "csv":
            self._csv.writerow([escape_cell(row.get(c)) for c in self.columns])
        else:
            self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> "ResultWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- resume --

    def _truncate(self, offset: int) -> None:
        with open(self.path, "r+b") as fh:
            fh.truncate(offset)

    def _not_results(self, where: str) -> InputError:
        return InputError(f"{self.path} {where} is not a claimcheck result row, so it cannot be resumed",
                          "give another --out, or move that file away")

    def _scan_jsonl(self) -> ResumeState:
        """Ids already written. Only a last line without its newline (a crash mid-write) is cut off; any other
        unreadable line means OUT is not ours, and nothing is changed."""
        state = ResumeState()
        data = self.path.read_bytes()
        key = "identifier" if self.fmt == "claimreview" else "id"
        pos = 0
        line_no = 0
        while True:
            nl = data.find(b"\n", pos)
            if nl < 0:
                break
            line_no += 1
            line = data[pos:nl]
            pos = nl + 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                raise self._not_results(f"line {line_no}") from None
            if not isinstance(obj, dict) or not isinstance(obj.get(key), str):
                raise self._not_results(f"line {line_no}")
            state.done.add(obj[key])
        if pos < len(data):  # a half-written last line
            state.dropped = 1
            self._truncate(pos)
        return state

    def _scan_csv(self) -> ResumeState:
        """The header and the ids already written. Only a damaged last record (a crash mid-write) is cut off."""
        state = ResumeState()
        text = self.path.read_bytes().decode("utf-8", errors="replace")
        if "\n" not in text:  # not even the header was finished
            if not ",".join(OUTPUT_FIELDS).startswith(text):
                raise self._not_results("(its first line)")
            state.dropped = 1
            self._truncate(0)
            return state
        lines = [ln + "\n" for ln in text.split("\n")]
        lines[-1] = lines[-1][:-1]  # csv.writer quotes any cell holding a newline, so records end at "\n"
        consumed = [0]  # characters handed to the csv reader so far

        def feed() -> Iterator[str]:
            for ln in lines:
                if ln:
                    consumed[0] += len(ln)
                    yield ln

        reader = csv.reader(feed(), strict=True)
        header = [unescape_cell(h) for h in next(reader)]
        if "id" not in header:
            raise self._not_results("(its header has no id column)")
        state.header = header
        id_col = header.index("id")
        good_end = consumed[0]
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error:
                values = None
            complete = values is not None and len(values) == len(header) and text[consumed[0] - 1] == "\n"
            if not complete:
                if consumed[0] < len(text):
                    raise self._not_results(f"record ending on line {reader.line_num}")
                state.dropped = 1
                self._truncate(len(text[:good_end].encode("utf-8")))
                break
            state.done.add(unescape_cell(values[id_col]))
            good_end = consumed[0]
        return state


def output_columns(fmt: str, input_columns: list[str]) -> list[str]:
    from assistant.batch.rows import carried_name

    if fmt == "claimreview":
        return []
    return list(OUTPUT_FIELDS) + [carried_name(c) for c in input_columns if c not in ("id", "claim")]
