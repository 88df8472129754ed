"""Result -> HTML: everything from sources and users is escaped; badges, figures table and sources block."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from assistant.answer.ask import Answer
from assistant.answer.render import LABEL_TEXT
from assistant.types import VERDICTS, CheckResult, Citation, Figure
from assistant.ui.render_html import (VERDICT_COLOURS, answer_html, error_html, figures_table, result_html,
                                      safe_url, sources_block, verdict_badge)

EVIL = '<script>alert(1)</script><img src=http://evil/x.png onerror="alert(2)"> & "quoted"'
ALLOWED_TAGS = {"div", "span", "p", "q", "b", "sup", "table", "thead", "tbody", "tr", "th", "td", "details",
                "summary", "ol", "ul", "li", "blockquote", "a"}


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict]]:
    p = TagCollector()
    p.feed(html)
    return p.tags


def citation(n: int = 1, **kw) -> Citation:
    base = dict(n=n, doc_id=f"doc-{n}", chunk_id=f"c{n}", start=0, end=10, quote="Some 30,000 fighters travelled.",
                title="UN Monitoring Team report", publisher="UN Monitoring Team", publisher_type="un",
                published="2019-07-15", as_of="2019-06-30", primary=True, url="https://undocs.org/S/2019/570")
    base.update(kw)
    return Citation(**base)


def result(**kw) -> CheckResult:
    base = dict(claim="30,000 foreigners joined ISIS", verdict="supported", confidence=0.8,
                explanation="The UN gives about 30,000 [1].", citations=[citation()],
                figures=[Figure(what="foreign fighters", claimed="30,000", documented="about 30,000",
                                source="UN Monitoring Team", as_of="2019-06-30", relation="matches", citation=1)])
    base.update(kw)
    return CheckResult(**base)


def test_hostile_source_text_comes_out_inert():
    hostile = result(claim=EVIL, explanation=f"{EVIL} [1]", missing_context=EVIL,
                     citations=[citation(quote=EVIL, title=EVIL, publisher=EVIL, publisher_type=EVIL, published=EVIL,
                                         as_of=EVIL, url="javascript:alert(3)")],
                     figures=[Figure(what=EVIL, claimed=EVIL, documented=EVIL, source=EVIL, as_of=EVIL)])
    html = result_html(hostile)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=http://evil/x.png onerror=&quot;alert(2)&quot;&gt;" in html
    assert "javascript:" not in html
    for tag, attrs in parse(html):
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs


def test_user_question_and_answer_text_are_escaped():
    ans = Answer(question=EVIL, resolved_question=EVIL + " (ISIS)", answer=f"{EVIL} [1]\nsecond line [1]",
                 citations=[citation(quote=EVIL)])
    html = answer_html(ans)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "Read as:" in html and "ANSWER" in html
    assert {t for t, _ in parse(html)} <= ALLOWED_TAGS


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://x.org/f", "//evil.org/x",
                                 "/etc/passwd", "file:///etc/passwd", "https://", "http://x .org", ""])
def test_only_http_links_are_emitted(url):
    assert safe_url(url) == ""
    html = sources_block([citation(url=url)])
    # The only link left is to the document's page in this app; the source's own URL is not linked.
    anchors = [attrs for tag, attrs in parse(html) if tag == "a"]
    assert [a["href"] for a in anchors] == ["/corpus/doc-1"]
    assert html.count("href") == 1


def test_links_open_in_a_new_tab_without_referrer_or_follow():
    html = sources_block([citation(url='https://example.org/a?b=1&c="x"onmouseover="alert(1)')])
    (a,) = [attrs for tag, attrs in parse(html) if tag == "a" and attrs["href"].startswith("https:")]
    assert a["href"] == 'https://example.org/a?b=1&c="x"onmouseover="alert(1)'  # one attribute, quotes escaped
    assert "&amp;c=&quot;x&quot;" in html
    assert a["target"] == "_blank"
    assert a["rel"] == "noopener noreferrer nofollow"
    assert set(a) == {"href", "target", "rel"}
    assert ">UN Monitoring Team</a>" in html and ">https://example.org" not in html  # the publisher, not the URL
    (page,) = [attrs for tag, attrs in parse(html) if tag == "a" and attrs["href"].startswith("/corpus/")]
    assert page == {"class": "cc-corpus-link", "href": "/corpus/doc-1", "target": "_blank",
                    "rel": "noopener noreferrer nofollow"}


@pytest.mark.parametrize("verdict", VERDICTS)
def test_verdict_badge_per_label(verdict):
    html = verdict_badge(verdict, 0.42)
    bg, fg = VERDICT_COLOURS[verdict]
    assert LABEL_TEXT[verdict] in html
    assert f"cc-v-{verdict}" in html and f"background:{bg}" in html and f"color:{fg}" in html
    assert "confidence 0.42" in html
    assert f"cc-v-{verdict}" in result_html(result(verdict=verdict))


def test_verdict_colours_are_distinct():
    assert len({bg for bg, _ in VERDICT_COLOURS.values()}) == len(VERDICTS)


def test_sources_block_lists_every_cited_passage():
    cites = [citation(1), citation(2, quote="Fewer came back.", title="Second report", publisher="Europol",
                      publisher_type="intergovernmental", primary=False, published="2020-06-23", as_of="",
                      url="http://europol.example/te-sat")]
    html = sources_block(cites)
    assert html.startswith('<details class="cc-sources">') and "<summary>Sources (2)</summary>" in html
    assert " open" not in html.split(">")[0]
    items = [attrs for tag, attrs in parse(html) if tag == "li"]
    assert [i["value"] for i in items] == ["1", "2"]
    for text in ("Some 30,000 fighters travelled.", "UN Monitoring Team report", "UN Monitoring Team",
                 "(un, primary source)", "published 2019-07-15", "figures as of 2019-06-30",
                 "Fewer came back.", "Second report", "Europol", "(intergovernmental)", "published 2020-06-23",
                 "figures as of ?", 'href="http://europol.example/te-sat"'):
        assert text in html, text
    assert sources_block([]) == ""


def test_figures_table_shows_claimed_against_documented():
    figs = [Figure(what="foreign fighters", claimed="30,000", documented="more than 40,000", source="UN",
                   as_of="2019-06-30", relation="differs", citation=2),
            Figure(what="returnees", claimed="60", documented="about 60", source="Public Safety Canada",
                   relation="counts_other_thing")]
    html = figures_table(figs)
    rows = [t for t, _ in parse(html) if t == "tr"]
    assert len(rows) == 3  # header + 2
    for text in ("Claimed", "Documented", "30,000", "more than 40,000", "differs", "[2]", "2019-06-30",
                 "counts something else", "Public Safety Canada", 'class="cc-rel-differs"'):
        assert text in html, text
    assert figures_table([]) == ""


def test_result_html_parts_and_inline_citations():
    html = result_html(result(missing_context="The figure is from 2015 [1]."), anchor="a1")
    # [1] links to its entry in the sources block
    assert html.count('<sup class="cc-cite" title="UN Monitoring Team report"><a href="#a1-1" '
                      'rel="noopener noreferrer nofollow">[1]</a></sup>') == 2
    assert '<li class="cc-source" id="a1-1" value="1">' in html
    assert "Missing context:" in html and "cc-figures" in html and "cc-sources" in html
    assert "\n\n" not in html  # one HTML block for the chat's Markdown renderer
    bare = result_html(result(verdict="not_enough_evidence", figures=[], citations=[],
                              explanation="Nothing close enough [3]."))
    assert "cc-figures" not in bare and "cc-sources" not in bare
    assert '<sup class="cc-cite">[3]</sup>' in bare  # a marker with no citation has no title and no link


def test_each_answer_gets_its_own_anchors():
    one, two = result_html(result()), result_html(result())
    ids = [attrs["id"] for html in (one, two) for tag, attrs in parse(html) if tag == "li"]
    assert len(ids) == len(set(ids)) == 2
    hrefs = [attrs["href"] for tag, attrs in parse(one) if tag == "a" and attrs["href"].startswith("#")]
    assert hrefs == ["#" + ids[0]]
    ans = answer_html(Answer(question="q", resolved_question="q", answer="a [1]\nb [1]", citations=[citation()]),
                      anchor="q1")
    assert ans.count('href="#q1-1"') == 2 and 'id="q1-1"' in ans


def test_error_is_one_escaped_line():
    html = error_html("no index at /x <b> -> build it: claimcheck ingest corpus\nTraceback (most recent call last)")
    assert "Traceback" not in html and "&lt;b&gt;" in html and "-&gt; build it" in html
    assert 'role="alert"' in html
