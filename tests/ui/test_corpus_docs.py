"""Corpus documents as the index holds them: stitched text, full-text search, escaped reader HTML, and the
``/corpus/<doc_id>`` page over real HTTP."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx

from assistant.ui.corpus_docs import CorpusDoc, document_html, load_documents, matches, search, stitch
from assistant.ui.corpus_tab import corpus_rows, load

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    t = Tags()
    t.feed(html)
    return t.tags


def test_stitch_rebuilds_overlapping_chunks():
    text = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    pieces = [(0, text[0:25]), (18, text[18:45]), (38, text[38:])]
    assert stitch(list(reversed(pieces))) == text


def test_every_document_is_rebuilt_from_the_index(service_getter):
    docs = load_documents(service_getter())
    assert set(docs) == {r[0] for r in corpus_rows(service_getter())}
    cted = docs["un-cted-ftf-overview"]
    assert cted.text.startswith("# UN Counter-Terrorism Committee Executive Directorate")
    assert "Laborde noted that all 15 Council members" in cted.text
    assert cted.text.count("Laborde noted that all 15 Council members") == 1  # overlaps not doubled
    assert cted.field("published") == "2016-07-05" and cted.field("primary") == "yes"


def test_search_reads_the_text_not_only_the_titles(service_getter):
    docs = load_documents(service_getter())
    rows = corpus_rows(service_getter())
    front = " ".join(" ".join(r) for r in rows).lower()
    # a word of the text that no title, publisher or date contains
    word = next(w for w in re.findall(r"[a-z]{7,}", docs["un-cted-ftf-overview"].text.lower()) if w not in front)
    found = search(docs, word)
    assert "un-cted-ftf-overview" in found and word in found["un-cted-ftf-overview"].lower()
    rows_, shown, line = load(service_getter, word)
    assert [r[0] for r in shown] == sorted(found) and all(len(r) == 7 for r in shown)
    assert line.startswith(f"{len(shown)} of {len(rows_)} documents")


def test_short_words_match_whole_words_only():
    doc = CorpusDoc("d", {"title": "T"}, "Until the war, under pressure, the UN said so.")
    assert matches(doc, "un")[0] and "UN said" in matches(doc, "un")[1]
    assert not matches(CorpusDoc("d", {"title": "T"}, "Until under"), "un")[0]
    assert matches(doc, "pressu")[0]  # longer words match word starts
    assert not matches(doc, "un nothere")[0]


def test_document_html_escapes_everything_and_marks_the_editors_note():
    doc = CorpusDoc("evil", {"title": EVIL, "publisher": EVIL, "url": "javascript:alert(1)", "provenance": EVIL},
                    f"# {EVIL}\n\nBody {EVIL}\n\nContext: our note {EVIL}")
    html = document_html(doc, page_link=True)
    assert "<script" not in html.lower() and "<img" not in html.lower() and "javascript:" not in html
    assert "Note by the corpus editors (not from the source):" in html
    for tag, attrs in tags(html):
        assert not any(k.startswith("on") for k in attrs) and "src" not in attrs
        if tag == "a":
            assert attrs["rel"] == "noopener noreferrer nofollow" and attrs["href"] == "/corpus/evil"
    good = document_html(CorpusDoc("d", {"url": "https://example.org/r", "publisher": "Europol"}, "x"))
    (a,) = [attrs for tag, attrs in tags(good) if tag == "a"]
    assert a["href"] == "https://example.org/r" and ">Europol</a>" in good  # named link, not the raw URL


def test_corpus_page_over_http(live_server):
    live = live_server()
    r = httpx.get(live.url + "/corpus/un-cted-ftf-overview", timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "<script" not in r.text.lower()
    assert "un-cted-ftf-overview.md" in r.text and "/corpus/un/" not in r.text  # no server path
    for text in ("Provenance (front matter)", "<dt>published</dt>", "2016-07-05", "Laborde noted that",
                 "Text as indexed"):
        assert text in r.text, text
    missing = httpx.get(live.url + "/corpus/%3Cscript%3Ealert(1)%3Cb%3E", timeout=60)
    assert missing.status_code == 404 and "&lt;script&gt;" in missing.text and "<script>" not in missing.text


def test_corpus_page_is_behind_basic_auth(live_server):
    from pydantic import SecretStr

    live = live_server(auth_user="analyst", auth_password=SecretStr("pw"))
    assert httpx.get(live.url + "/corpus/un-cted-ftf-overview", timeout=60).status_code == 401
    ok = httpx.get(live.url + "/corpus/un-cted-ftf-overview", auth=("analyst", "pw"), timeout=60)
    assert ok.status_code == 200 and "Laborde" in ok.text
