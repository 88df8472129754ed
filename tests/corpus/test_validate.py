"""The corpus validator: the real corpus is clean, and each failing rule is caught on a small temp corpus."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.corpus.table import END, START, read_rows, render_table, table_ids, write_corpus_readme
from assistant.corpus.validate import corpus_files, corpus_report, has_figure, has_quantity, validate_corpus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

BODY = (
    "# A heading that need not match the title\n\n"
    "The Monitoring Team's report of 15 July 2019 estimated that some 30,000 foreign fighters and their "
    "dependants may have survived the conflict in Iraq and Syria, according to press coverage of the report. "
    "The Team judged on 15 July 2019 that these survivors would remain of international concern for the "
    "foreseeable future, and that some of them might join al-Qaida or other groups, the coverage said.\n\n"
    "Context: The 30,000 figure counts fighters together with dependants who may have survived; it is not "
    "the number of foreigners who joined the group, which UN officials put at more than 40,000.\n"
)

FRONT = {
    "id": "doc-one",
    "title": '"A test document"',
    "publisher": '"United Nations Security Council"',
    "publisher_type": "un",
    "source_title": '"Twenty-fourth report of the Monitoring Team"',
    "document_symbol": "S/2019/570",
    "published": "2019-07-15",
    "url": "https://undocs.org/S/2019/570",
    "primary": "true",
    "as_of": "2019-06-30",
    "topics": "[foreign-fighters, returnees]",
    "provenance": '"Read via press coverage; full text not read."',
}


def write_doc(root: Path, name: str = "doc-one", folder: str = "un", body: str = BODY,
              drop: tuple[str, ...] = (), **changes: str) -> Path:
    front = {**FRONT, "id": name, **changes}
    lines = [f"{k}: {v}" for k, v in front.items() if k not in drop]
    path = root / folder / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, **kwargs) -> list[str]:
    write_doc(tmp_path, **kwargs)
    problems, count = validate_corpus(tmp_path)
    assert count >= 1
    return problems


def assert_one(problems: list[str], *needles: str) -> None:
    assert len(problems) == 1, problems
    line = problems[0]
    assert " -> " in line and ": " in line, line
    for n in needles:
        assert n in line, line


# --- the real corpus ------------------------------------------------------------------------------

def test_real_corpus_validates_clean():
    problems, count = validate_corpus(CORPUS)
    assert problems == []
    assert count == len(corpus_files(CORPUS)) >= 80


def test_readme_is_skipped_and_not_counted():
    assert all(p.name != "README.md" for p in corpus_files(CORPUS))


# --- a valid document passes ----------------------------------------------------------------------

def test_valid_document_passes(tmp_path):
    assert problems_for(tmp_path) == []


def test_document_symbol_is_optional(tmp_path):
    assert problems_for(tmp_path, drop=("document_symbol",)) == []


def test_dates_may_be_quoted_strings(tmp_path):
    assert problems_for(tmp_path, published='"2019-07-15"', as_of="'2019-06-30'") == []


def test_readme_files_are_skipped(tmp_path):
    write_doc(tmp_path)
    (tmp_path / "README.md").write_text("# Not a document\n", encoding="utf-8")
    (tmp_path / "un" / "README.md").write_text("no front matter here\n", encoding="utf-8")
    problems, count = validate_corpus(tmp_path)
    assert problems == [] and count == 1


# --- one test per failing rule --------------------------------------------------------------------

@pytest.mark.parametrize("field", ["id", "title", "publisher", "publisher_type", "source_title", "published",
                                   "url", "primary", "as_of", "topics", "provenance"])
def test_missing_required_field(tmp_path, field):
    problems = problems_for(tmp_path, drop=(field,))
    assert any(f"missing required field '{field}'" in p for p in problems), problems


@pytest.mark.parametrize("field", ["title", "publisher", "source_title", "provenance"])
def test_empty_required_text_field(tmp_path, field):
    assert_one(problems_for(tmp_path, **{field: '""'}), f"'{field}'")


@pytest.mark.parametrize("field", ["title", "publisher", "source_title", "provenance"])
def test_required_text_field_not_a_string(tmp_path, field):
    assert_one(problems_for(tmp_path, **{field: "[a, b]"}), f"'{field}'", "not a non-empty string")


def test_no_front_matter(tmp_path):
    (tmp_path / "bare.md").write_text(BODY, encoding="utf-8")
    problems, _ = validate_corpus(tmp_path)
    assert_one(problems, "bare.md", "no YAML front matter")


def test_malformed_yaml(tmp_path):
    assert_one(problems_for(tmp_path, title='"unterminated'), "malformed YAML")


def test_front_matter_not_a_mapping(tmp_path):
    (tmp_path / "list.md").write_text("---\n- a\n- b\n---\n" + BODY, encoding="utf-8")
    problems, _ = validate_corpus(tmp_path)
    assert_one(problems, "not a key: value mapping")


def test_malformed_id(tmp_path):
    path = tmp_path / "un" / "x.md"
    write_doc(tmp_path, name="x", id='"bad id!"')
    problems, _ = validate_corpus(tmp_path)
    assert_one(problems, str(path), "malformed id")


def test_duplicate_id(tmp_path):
    write_doc(tmp_path, name="same-id", folder="un")
    write_doc(tmp_path, name="same-id", folder="gti")
    problems, count = validate_corpus(tmp_path)
    assert count == 2
    assert_one(problems, "duplicate id 'same-id'")


def test_id_differs_from_file_name(tmp_path):
    assert_one(problems_for(tmp_path, name="doc-one", id="doc-two"), "differs from the file name", "doc-one.md")


def test_unknown_publisher_type(tmp_path):
    assert_one(problems_for(tmp_path, publisher_type="think-tank"), "unknown publisher_type 'think-tank'")


@pytest.mark.parametrize("field", ["published", "as_of"])
@pytest.mark.parametrize("value", ["15 July 2019", "2019-7-15", "2019-13-01", "2019", "2019-07-15T10:00:00", '"July 2019"'])
def test_date_not_iso(tmp_path, field, value):
    assert_one(problems_for(tmp_path, **{field: value}), f"'{field}' is not an ISO date")


@pytest.mark.parametrize("field", ["published", "as_of"])
def test_date_in_the_future(tmp_path, field):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert_one(problems_for(tmp_path, **{field: tomorrow}), f"'{field}' {tomorrow} is in the future")


def test_today_is_not_the_future(tmp_path):
    assert problems_for(tmp_path, published=dt.date.today().isoformat(), as_of=dt.date.today().isoformat()) == []


@pytest.mark.parametrize("url", ["ftp://example.org/report.pdf", "www.example.org/report", "https://", "S/2019/570",
                                 "javascript:alert(1)", "[https://example.org]"])
def test_url_not_http(tmp_path, url):
    assert_one(problems_for(tmp_path, url=url), "is not an http(s) URL")


@pytest.mark.parametrize("value", ["yes", '"true"', "1", "[true]"])
def test_primary_not_boolean(tmp_path, value):
    assert_one(problems_for(tmp_path, primary=value), "'primary' is not a boolean")


@pytest.mark.parametrize("value", ["[]", "foreign-fighters", "{a: b}"])
def test_topics_not_a_nonempty_list(tmp_path, value):
    assert_one(problems_for(tmp_path, topics=value), "'topics' is not a non-empty list")


@pytest.mark.parametrize("value", ["[Foreign-Fighters]", "[foreign fighters]", "[foreign_fighters]", "[-isis]", "[1]"])
def test_topics_not_lowercase_hyphenated(tmp_path, value):
    assert_one(problems_for(tmp_path, topics=value), "topics not lowercase-hyphenated")


def test_document_symbol_empty(tmp_path):
    assert_one(problems_for(tmp_path, document_symbol='""'), "'document_symbol'")


def test_body_without_figures(tmp_path):
    words = " ".join(["The report said the group remained a threat in Europe according to officials."] * 10)
    body = f"# Heading\n\nIn 2019 and again in 2016-2017, {words}\n"
    assert_one(problems_for(tmp_path, body=body), "body has no figure")


def test_body_too_short(tmp_path):
    body = "# Heading\n\nThe Monitoring Team estimated on 15 July 2019 that some 30,000 fighters may have survived.\n"
    assert_one(problems_for(tmp_path, body=body), "fewer than 80 words")


def test_problem_lines_name_the_file_and_the_fix(tmp_path):
    path = write_doc(tmp_path, publisher_type="blog", url="ftp://x")
    problems, _ = validate_corpus(tmp_path)
    assert len(problems) == 2
    for line in problems:
        where, rest = line.split(": ", 1)
        assert where == str(path)
        problem, fix = rest.split(" -> ", 1)
        assert problem and fix


def test_missing_corpus_folder(tmp_path):
    problems, count = validate_corpus(tmp_path / "nope")
    assert count == 0 and len(problems) == 1


# --- the figure rule and warnings -----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("some 30,000 fighters", True),
    ("a 15.2% fall", True),
    ("about 60 returned", True),
    ("on 21 April 2019", True),  # a day of the month is a checkable figure
    ("in 2019", False),
    ("between 2016-2017 and 2021-25", False),
    ("published 2019-07-15", False),
    ("no digits at all", False),
])
def test_has_figure(text, expected):
    assert has_figure(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("some 30,000 fighters", True),
    ("nearly a million displaced over nine months", True),
    ("on 21 April 2019 and April 22, 2019", False),
    ("the 24th report of 2019", False),
])
def test_has_quantity(text, expected):
    assert has_quantity(text) is expected


def test_warnings_do_not_fail(tmp_path):
    body = BODY.replace("30,000", "many").replace("40,000", "more")
    write_doc(tmp_path, body=body, extra_field="x")
    problems, warnings, _ = corpus_report(tmp_path)
    assert problems == []
    assert validate_corpus(tmp_path)[0] == []
    assert any("gives no count" in w for w in warnings)
    assert any("unknown front-matter field" in w for w in warnings)


# --- the generated README table -------------------------------------------------------------------

def test_readme_table_lists_exactly_the_corpus_ids():
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    listed = table_ids(text)
    assert len(listed) == len(set(listed)), "an id is listed twice"
    assert sorted(listed) == sorted(p.stem for p in corpus_files(CORPUS)), \
        "corpus/README.md is stale: run `claimcheck corpus table corpus`"


def test_readme_table_is_up_to_date():
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    start, end = text.index(START) + len(START), text.index(END)
    assert text[start:end].strip() == render_table(read_rows(CORPUS)).strip(), \
        "corpus/README.md is stale: run `claimcheck corpus table corpus`"


def test_write_readme_replaces_only_the_table(tmp_path):
    write_doc(tmp_path, name="doc-one")
    out = write_corpus_readme(tmp_path)
    assert out == tmp_path / "README.md"
    first = out.read_text(encoding="utf-8")
    assert table_ids(first) == ["doc-one"]
    assert "## Writing rules" in first and "| un | 1 |" in first
    edited = first.replace("# The claimcheck corpus", "# The claimcheck corpus (edited by hand)")
    out.write_text(edited, encoding="utf-8")
    write_doc(tmp_path, name="doc-two", folder="gti", publisher_type="research")
    second = write_corpus_readme(tmp_path).read_text(encoding="utf-8")
    assert "(edited by hand)" in second
    assert table_ids(second) == ["doc-two", "doc-one"]  # folder, then id order
    assert second.count(START) == 1 and second.count(END) == 1
    assert write_corpus_readme(tmp_path).read_text(encoding="utf-8") == second  # idempotent
