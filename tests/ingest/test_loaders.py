"""Every loader on small real files, and every kind of bad input reported with its path and reason."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.errors import LoadError
from assistant.ingest.chunker import chunk_document
from assistant.ingest.loaders import discover, load_file

from tests.conftest import HIDDEN_HTML_PAGE, corpus_text, md_doc

MAX = 1_000_000


def only_doc(path: Path, root: Path | None = None):
    result = load_file(path, MAX, root)
    assert not result.errors, [str(e) for e in result.errors]
    assert len(result.documents) == 1
    return result.documents[0]


def only_error(path: Path, max_bytes: int = MAX) -> LoadError:
    result = load_file(path, max_bytes)
    assert not result.documents
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    err = result.errors[0]
    assert str(path) in str(err)
    return err


# --- the loaders --------------------------------------------------------------------------------------------

def test_markdown_front_matter_is_metadata_and_reaches_chunks(tmp_path, write):
    body = "# Fighters in Syria\n\n" + corpus_text(5, 24)
    path = write(tmp_path / "c" / "fighters.md", md_doc(
        "un-mt-2019", "Monitoring Team report", body, publisher='"UN Monitoring Team"', publisher_type="un",
        published="2019-07-15", as_of="2019-06-30", primary="true", topics="[fighters, syria]",
        document_symbol="S/2019/570", url="https://example.org/s-2019-570"))
    d = only_doc(path, tmp_path / "c")
    assert d.id == "un-mt-2019"
    assert d.text == "\n" + body, "front matter (through its closing line) removed, nothing else"
    m = d.meta
    assert (m.title, m.publisher, m.publisher_type, m.published, m.as_of, m.primary, m.topics, m.document_symbol) == (
        "Monitoring Team report", "UN Monitoring Team", "un", "2019-07-15", "2019-06-30", True, ["fighters", "syria"],
        "S/2019/570")
    chunks = chunk_document(d, 400)
    assert len(chunks) > 2
    for c in chunks:
        assert c.meta == m
        assert d.text[c.start:c.end] == c.text


def test_markdown_without_front_matter_uses_path_and_heading(tmp_path, write):
    path = write(tmp_path / "c" / "sub dir" / "Some File.md", "# The Heading\n\nText of the file. More text.\n")
    d = only_doc(path, tmp_path / "c")
    assert d.id == "sub-dir-Some-File"
    assert d.meta.title == "The Heading"
    assert d.text.startswith("# The Heading")


def test_plain_text(tmp_path, write):
    path = write(tmp_path / "notes.txt", "Line one about 30,000 fighters.\r\nLine two.\r\n")
    d = only_doc(path)
    assert d.id == "notes" and d.meta.title == "notes"
    assert d.text == "Line one about 30,000 fighters.\nLine two.\n"
    assert d.content_hash and len(d.content_hash) == 64


def test_pdf(tmp_path, make_pdf):
    path = make_pdf(tmp_path / "report.pdf",
                    [["The UN Monitoring Team estimated 30,000 foreign fighters.", "They came from 110 countries."],
                     ["Page two: the attack in Manchester killed 22 people."]], title="Monitoring report")
    d = only_doc(path)
    assert d.meta.title == "Monitoring report"
    assert "30,000 foreign fighters" in d.text and "Manchester killed 22 people" in d.text
    assert d.text.index("110 countries") < d.text.index("Page two"), "pages in order"
    assert "\n\n" in d.text, "pages separated by a blank line"
    for c in chunk_document(d, 200):
        assert d.text[c.start:c.end] == c.text




def test_html_main_text_scripts_styles_and_hidden_text_dropped(tmp_path, write):
    path = write(tmp_path / "page.html", HIDDEN_HTML_PAGE)
    result = load_file(path, MAX)
    assert not result.errors
    d = result.documents[0]
    assert d.meta.title == "Attack report"
    assert "The attack on 22 May 2017 killed 22 people." in d.text
    assert "Police arrested 23 people in the following weeks." in d.text
    assert "Attack in Manchester" in d.text
    for gone in ("SCRIPTTEXT", "SCRIPT2", "STYLETEXT", "color: red", "NAVTEXT", "FOOTERTEXT", "HIDDEN"):
        assert gone not in d.text, gone
    assert "ignore previous instructions" not in d.text
    assert result.hidden_dropped == 6


@pytest.mark.parametrize("style_or_attr", [
    'style="display: none"', 'style="visibility:hidden"', 'style="color:#fff"', 'style="font-size: 0px"',
    "hidden", 'aria-hidden="true"', 'style="opacity:0"',
])
def test_html_each_hiding_trick_is_counted(tmp_path, write, style_or_attr):
    path = write(tmp_path / "p.html", f"<html><body><p>Seen text here.</p><p {style_or_attr}>SECRET</p></body></html>")
    result = load_file(path, MAX)
    assert result.hidden_dropped == 1
    assert "SECRET" not in result.documents[0].text and "Seen text here." in result.documents[0].text


def test_html_visible_styles_are_kept(tmp_path, write):
    path = write(tmp_path / "p.html", '<html><body><p style="opacity:0.5; font-size: 12px; color: #333">'
                                      "Dim but visible.</p></body></html>")
    result = load_file(path, MAX)
    assert result.hidden_dropped == 0 and "Dim but visible." in result.documents[0].text


def test_jsonl_several_docs_and_a_bad_line(tmp_path, write):
    lines = [
        json.dumps({"id": "j1", "text": "First record about 30,000 fighters.", "title": "One", "date": "2019-01-02"}),
        json.dumps({"id": "j2", "text": "Second record.", "publisher": "Europol", "topics": "a, b"}),
        '{"id": "j3", "text": "broken',
        "",
        json.dumps({"id": "j4", "text": "Fourth record."}),
        json.dumps({"id": "bad id!", "text": "x"}),
        json.dumps({"id": "j6"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "j1", "text": "duplicate"}),
    ]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    result = load_file(path, MAX)
    assert [d.id for d in result.documents] == ["j1", "j2", "j4"]
    j1, j2, _ = result.documents
    assert j1.meta.title == "One" and j1.meta.published == "2019-01-02" and j1.text == "First record about 30,000 fighters."
    assert j2.meta.publisher == "Europol" and j2.meta.topics == ["a", "b"]
    assert all(d.path == str(path) for d in result.documents)
    where = {e.path: e.reason for e in result.errors}
    assert set(where) == {f"{path}:3", f"{path}:6", f"{path}:7", f"{path}:8", f"{path}:9"}
    assert "invalid JSON" in where[f"{path}:3"]
    assert "invalid document id" in where[f"{path}:6"]
    assert "text" in where[f"{path}:7"]
    assert "not a JSON object" in where[f"{path}:8"]
    assert "duplicate id" in where[f"{path}:9"]


# --- bad input ----------------------------------------------------------------------------------------------

@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file(tmp_path, write):
    path = write(tmp_path / "secret.md", "Some text.\n")
    path.chmod(0)
    try:
        assert "not readable" in only_error(path).reason
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("name,content,reason", [
    ("empty.md", "", "empty"),
    ("blank.txt", "   \n\n  ", "empty"),
    ("binary.txt", b"abc\x00\x01\x02def" * 10, "binary"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "caf\xe9 au lait".encode("latin-1"), "UTF-8"),
    ("bad-yaml.md", "---\ntitle: [unclosed\nid: x\n---\n\nBody text.\n", "malformed YAML front matter"),
    ("list-yaml.md", "---\n- a\n- b\n---\n\nBody text.\n", "not a key: value mapping"),
    ("only-front.md", "---\ntitle: x\n---\n\n", "no body text"),
    ("bad-id.md", "---\nid: 'has spaces'\n---\n\nBody.\n", "invalid document id"),
    ("bad-meta.md", "---\nprimary: maybe\n---\n\nBody.\n", "bad metadata"),
    ("garbage.pdf", b"%PDF-1.4\nthis is not a pdf at all\n" * 3, "malformed PDF"),
    ("fake.pdf", b"just text pretending to be a PDF", "no %PDF header"),
    ("empty.html", "<html><body><script>x()</script></body></html>", "no visible text"),
    ("bad.jsonl", "{not json}\n", "invalid JSON"),
])
def test_bad_files_give_an_error_with_path_and_reason(tmp_path, write, name, content, reason):
    path = write(tmp_path / name, content)
    if name.endswith(".jsonl"):  # a JSONL file reports per line
        result = load_file(path, MAX)
        assert not result.documents and len(result.errors) == 1
        err = result.errors[0]
        assert err.path == f"{path}:1"
    else:
        err = only_error(path)
    assert reason in err.reason, err.reason
    assert str(err).startswith(str(tmp_path / name))
    assert " -> " in str(err), "every error says how to fix it"


def test_truncated_pdf(tmp_path, make_pdf):
    good = make_pdf(tmp_path / "good.pdf", [["Some text here."]]).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good[: len(good) // 2])
    assert "malformed PDF" in only_error(path).reason


def test_oversized_file(tmp_path, write):
    path = write(tmp_path / "big.txt", "Sentence about fighters. " * 200)
    err = only_error(path, max_bytes=1000)
    assert "over the 1,000-byte limit" in err.reason and "MAX_FILE_BYTES" in err.fix


def test_unsupported_and_missing_paths_in_discover(tmp_path, write):
    folder = tmp_path / "c"
    write(folder / "a.md", "Text a.\n")
    write(folder / "b.docx", "not supported in a folder: ignored silently")
    write(folder / ".hidden" / "c.md", "hidden folder: ignored")
    write(folder / ".d.md", "hidden file: ignored")
    write(folder / "README.md", "folder description: ignored")
    docx = write(tmp_path / "given.docx", "given explicitly: reported")
    files, errors = discover([folder, docx, tmp_path / "nope"])
    assert [f.name for f, _ in files] == ["a.md"]
    reasons = {e.path: e.reason for e in errors}
    assert "unsupported file type '.docx'" in reasons[str(docx)]
    assert reasons[str(tmp_path / "nope")] == "no such file or folder"
    result = load_file(docx, MAX)
    assert result.errors and "unsupported" in result.errors[0].reason
