"""Regenerate corpus/README.md: a fixed introduction, then a generated table of every document.

``write_corpus_readme(path)`` writes ``<path>/README.md``. When the file already exists, only the part
between ``<!-- table:start -->`` and ``<!-- table:end -->`` is replaced, so hand edits to the introduction
survive; when it does not exist (or has lost its markers), the whole file is written from ``INTRO``.
The generated part holds the counts by folder, by publisher_type and by provenance, and the table
(id, publisher, publisher_type, published, as_of, primary). Its output depends only on the documents,
so running it twice gives the same file.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.validate import corpus_files, load_front_matter
from assistant.types import PUBLISHER_TYPES

START = "<!-- table:start -->"
END = "<!-- table:end -->"

# A provenance note that says some of the source was not read first-hand (figures came via press
# coverage, quotations or third-party summaries). A heuristic over the corpus's own wording.
_NOT_FIRST_HAND = re.compile(
    r"\bnot (?:been )?read\b|read only as quoted|\bno\b[^.;]{0,60}\bread\b|\bvia press\b|"
    r"\bread via [^.;]*\b(?:coverage|press)\b",
    re.I)

INTRO = """# The claimcheck corpus

The documents the assistant searches when it checks a claim. Each file is one source (a report, an
official statement, a court outcome, a news report of an attack), summarised in our own words with its
figures, who gave them and when, in Markdown with YAML front matter. `claimcheck corpus validate` checks
every file; `claimcheck corpus table` regenerates the table at the end of this page.

## What the corpus covers

- **Foreign terrorist fighters and returnees**: UN Monitoring Team reports and briefings (how many foreigners
  joined ISIS, how many fighters and dependants may have survived), UN Security Council resolution 2178, CTED,
  the Soufan Center, ICSR and CTC Sentinel counts, national figures for France, Germany, Belgium, the UK and
  Canada (Public Safety Canada reports, US State Department country chapters).
- **ISIS attacks and claims of responsibility** in Europe and beyond: Paris, Brussels, Nice, Berlin,
  Westminster, Stockholm, Manchester, London Bridge, Barcelona, Strasbourg, Vienna, Solingen, Orlando,
  San Bernardino, Toronto (Danforth, a false claim), Sri Lanka, Kabul airport, Kerman and Crocus City Hall:
  tolls over time, what Amaq or ISIS claimed and what investigators and courts found; trials and inquiries
  (Paris, Brussels, Hashem Abedi, the Manchester Arena Inquiry, the Anis Amri inquiries, Husnain Rashid).
- **Attack and death statistics by year**: Europol's TE-SAT (editions 2015-2024, covering 2014-2023) and
  the Institute for Economics and Peace's Global Terrorism Index (editions 2015-2020 and 2022-2024).
- **Territorial defeat**: Mosul, Raqqa (including the October 2017 evacuation deal), Deir ez-Zor, Baghuz,
  the death of Abu Bakr al-Baghdadi, US statements on territory lost.
- **Threat assessments**: UN, MI5, Europol, US and Canadian assessments, foiled plots in France and the UK,
  pro-ISIS propaganda such as the 2018 World Cup posters, and a profile of Jean-Charles Brisard's Centre
  for the Analysis of Terrorism (CAT).

## What it does not cover (known gaps)

- **No GTI 2021.** The Institute for Economics and Peace published no edition labelled 2021 (GTI 2020 was
  followed by GTI 2022, whose document says so), so a "GTI 2021" figure has no source here; GTI 2025 and TE-SAT 2025 are not in the corpus.
- **Many primary texts were read via the press.** Where a report's full text was not read, its figures come
  from news coverage, official summaries or third-party copies, and the `provenance` field says so; the
  count is in the generated section below. `primary: true` describes the *source* cited (a UN report, a
  government statement), not how it was read. ISIS and Amaq claims were never read first-hand: they are
  reported as monitored by SITE Intelligence Group or quoted by news agencies.
- **English only.** Every document is written in English. Some facts were taken from German-, French- and
  Italian-language sources (named in `provenance`), but no non-English text is in the corpus.
- **Figures not confirmed in a stored source are left out**, for example the later Sri Lanka toll of "at
  least 257" (the corpus gives the withdrawn 359 and the revised figure of about 253), the Brisard interview
  on RTL quoted in news articles, a CTED page giving "over 30,000" fighters from "over 100" states, and Public
  Safety Canada's own traveller counts for 2017.
- **Places and groups**: the attack documents are mostly about Europe and North America; ISIS affiliates in
  Africa (West Africa, the Sahel, Mozambique) and Asia appear only in passing in the GTI, UN and State
  Department documents, and non-jihadist terrorism only in the yearly statistics. Iraq and Syria are
  covered through territorial milestones, not the course of the war.
- **Time**: every figure is as of its document's `as_of` date; nothing after the newest document is known.

## Writing rules

- **Own words.** Summarise; do not copy sentences from the source. Short quotations are allowed only when
  the wording is the point (a claim's formula, a disputed phrase) and are in quotation marks.
- **Attribution in every sentence.** Each sentence names who says so and, for figures, when ("The
  Monitoring Team's July 2019 report estimated ..."), because evidence is cited one sentence at a time.
- **Figures with their scope**: what is counted, where, by whom, as of when; give earlier and revised
  figures with their dates rather than only the latest.
- **The source's date bounds its text.** Nothing before the notes may report an event dated after
  `published` (`claimcheck corpus validate` refuses full dates and month-year dates of events after it,
  forecasts excepted), and `as_of` is never after `published`. What later sources reported goes in a
  closing `Later:` paragraph, each sentence with its own attribution and date.
- **Context last.** A closing `Context:` paragraph says how the figures are commonly misread.
- **Notes are ours.** `Later:` and `Context:` paragraphs are the corpus's notes, not the source's words:
  answers cite them as "claimcheck corpus note on <publisher>", never under the publisher's name.
- **Provenance is honest**: say what was read first-hand and what came via press or copies.
- Each document needs at least one figure (a number that is not only a year) and at least 80 words.
  A `# Heading` may differ from `title`.

## Front matter

| field | meaning |
|---|---|
| `id` | unique id, the same as the file name without `.md` |
| `title` | what the document is about, in our words |
| `publisher` | who published the source cited (the organisation, or the news outlet) |
| `publisher_type` | one of `""" + "`, `".join(PUBLISHER_TYPES) + """` |
| `source_title` | the cited source's own title (or a descriptive title where its headline was not captured) |
| `document_symbol` | optional: an official symbol such as `S/2019/570` |
| `published` | the date the source was published, `YYYY-MM-DD` |
| `url` | the `http(s)` address of the source, or of the copy read |
| `primary` | `true` if the source is the body that produced the figures, `false` for reporting about them |
| `as_of` | the date the figures describe (end of the data period, or of the latest event covered), `YYYY-MM-DD` |
| `topics` | a list of lowercase-hyphenated topics, e.g. `[foreign-fighters, returnees]` |
| `provenance` | how the facts were obtained: what was read, where, and what was not |

## Documents

""" + START + "\n" + END + "\n"


@dataclass
class Row:
    id: str
    rel: str  # path relative to the corpus folder
    folder: str
    publisher: str
    publisher_type: str
    published: str
    as_of: str
    primary: str
    provenance: str


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ").strip()


def read_rows(root: Path) -> list[Row]:
    """One row per corpus document, in folder then id order. Unreadable front matter gives blank cells."""
    rows = []
    for f in corpus_files(root):
        front: dict = {}
        try:
            loaded = load_front_matter(f.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
        except (yaml.YAMLError, ValueError, OSError, UnicodeDecodeError):
            loaded = None
        if loaded is not None and isinstance(loaded[0], dict):
            front = loaded[0]
        rel = f.relative_to(root).as_posix() if root.is_dir() else f.name
        folder = rel.rsplit("/", 1)[0] if "/" in rel else "."
        rows.append(Row(id=_text(front.get("id")) or f.stem, rel=rel, folder=folder,
                        publisher=_text(front.get("publisher")), publisher_type=_text(front.get("publisher_type")),
                        published=_text(front.get("published")), as_of=_text(front.get("as_of")),
                        primary=_text(front.get("primary")), provenance=_text(front.get("provenance"))))
    rows.sort(key=lambda r: (r.folder, r.id))
    return rows


def render_table(rows: list[Row]) -> str:
    """The generated section: counts, then the table (no markers)."""
    out = ["<!-- generated by `claimcheck corpus table`: edit the documents, then re-run it -->", ""]
    out.append(f"{len(rows)} documents.")
    out.append("")
    out += ["| folder | documents |", "|---|---:|"]
    for folder, n in sorted(Counter(r.folder for r in rows).items()):
        out.append(f"| {_cell(folder)} | {n} |")
    out.append("")
    out += ["| publisher_type | documents |", "|---|---:|"]
    types = Counter(r.publisher_type for r in rows)
    for ptype in [t for t in PUBLISHER_TYPES if types[t]] + sorted(t for t in types if t not in PUBLISHER_TYPES):
        out.append(f"| {_cell(ptype) or '(missing)'} | {types[ptype]} |")
    out.append("")
    second_hand = [r for r in rows if _NOT_FIRST_HAND.search(r.provenance)]
    primary_second_hand = [r for r in second_hand if r.primary == "true"]
    n_primary = sum(r.primary == "true" for r in rows)
    out.append(f"Provenance: at least {len(second_hand)} of {len(rows)} documents say that part of their source "
               f"was not read first-hand (its figures came via press coverage or quotation), including "
               f"{len(primary_second_hand)} of the {n_primary} marked `primary: true`. (Counted from phrases such as "
               f"'not read', 'read only as quoted' and 'via press' in `provenance`; others rest partly on "
               f"summaries or copies, as their provenance says.)")
    out.append("")
    out += ["| id | publisher | publisher_type | published | as_of | primary |", "|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| [{_cell(r.id)}]({r.rel}) | {_cell(r.publisher)} | {_cell(r.publisher_type)} | "
                   f"{_cell(r.published)} | {_cell(r.as_of)} | {_cell(r.primary)} |")
    return "\n".join(out)


def table_ids(readme_text: str) -> list[str]:
    """The document ids listed in the generated table of a corpus README (for tests and checks)."""
    start, end = readme_text.find(START), readme_text.find(END)
    if start < 0 or end < start:
        return []
    return re.findall(r"^\| \[([^\]]+)\]\(", readme_text[start:end], re.M)


def write_corpus_readme(path: Path) -> Path:
    """Write or update <path>/README.md and return its path."""
    root = Path(path)
    readme = root / "README.md"
    generated = START + "\n" + render_table(read_rows(root)) + "\n" + END
    current = readme.read_text(encoding="utf-8") if readme.exists() else ""
    start, end = current.find(START), current.find(END)
    if start < 0 or end < start:
        current = INTRO
        start, end = current.find(START), current.find(END)
    text = current[:start] + generated + current[end + len(END):]
    if not text.endswith("\n"):
        text += "\n"
    readme.write_text(text, encoding="utf-8")
    return readme
