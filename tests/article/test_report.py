"""check_article on the real corpus index: verdicts only for checkable claims, the summary, every output
format, the UI hook and each bad-input case."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.article.render import COLOURS, render_article, to_html, to_markdown
from assistant.article.report import check_article, clean_article, parse_date, read_article_arg, summarise
from assistant.article.types import ArticleReport
from assistant.errors import InputError
from assistant.settings import LimitSettings, Settings
from assistant.types import VERDICTS
from tests.article.conftest import DATE_A, DATE_B

SUMMARY = re.compile(r"^\d+ claims? checked(: \d+ [a-z ]+(, \d+ [a-z ]+)*)?(; .+)?$")


def _stub(max_chars: int = 100_000):
    """A service that must not be asked: bad input fails before any check."""
    def check(*_a, **_k):
        raise AssertionError("service.check called for bad input")
    return SimpleNamespace(settings=Settings(limits=LimitSettings(article_max_chars=max_chars)), check=check)


@pytest.mark.parametrize("which", ["a", "b"])
def test_report_checks_only_checkable_claims(which, report_a, report_b):
    report: ArticleReport = report_a if which == "a" else report_b
    assert report.date == (DATE_A if which == "a" else DATE_B)
    assert SUMMARY.match(report.summary), report.summary
    checkable = [c for c in report.claims if c.checkable]
    opinions = [c for c in report.claims if not c.checkable]
    assert checkable and opinions
    for c in report.claims:
        assert report.text[c.start:c.end] == c.quote
        assert 0.0 <= c.worthiness <= 1.0 and c.reason
    for c in checkable:
        assert c.result is not None and c.result.verdict in VERDICTS
        assert c.result.claim == c.claim  # the rewritten claim is what was checked
        assert c.rank >= 1
    for c in opinions:
        assert c.result is None and c.rank == 0 and c.kind in ("opinion", "prediction", "question", "vague")
    assert sorted(c.rank for c in checkable) == list(range(1, len(checkable) + 1))
    n = int(report.summary.split()[0])
    assert n == len(checkable)
    assert f"{sum(1 for c in opinions if c.kind != 'vague')} opinion" in report.summary
    print(f"\narticle {which.upper()}: {report.summary}")
    for c in report.claims:
        print(f"  {c.id} {c.result.verdict if c.result else c.kind:20} {c.claim[:90]}")


def test_article_a_headline_claims(report_a):
    by_quote = {c.quote: c for c in report_a.claims}
    claimed = by_quote["ISIS claimed responsibility for all of these attacks."]
    assert "between November 2016 and November 2017" in claimed.claim
    assert claimed.result is not None and claimed.result.citations  # cited, whatever the verdict
    assert by_quote["We should expect the worst."].result is None


def test_summary_wording():
    from assistant.article.types import ArticleClaim
    from assistant.types import CheckResult

    def claim(verdict=None, kind="factual"):
        r = CheckResult(claim="x", verdict=verdict, confidence=0.5, explanation="e") if verdict else None
        return ArticleClaim(id="c", quote="x", start=0, end=1, claim="x", checkable=bool(verdict), worthiness=0.5 if verdict else 0,
                            reason="r", result=r, kind=kind)
    claims = ([claim("supported")] + [claim("misleading")] * 5 + [claim("not_enough_evidence")]
              + [claim(kind="opinion"), claim(kind="prediction")])
    assert summarise(claims) == ("7 claims checked: 1 supported, 5 misleading, 1 not enough evidence; "
                                 "2 opinions, predictions or questions not checked")


def test_text_json_and_markdown_formats(report_b):
    text = render_article(report_b, "text")
    assert text.startswith("Article check (article date 2019-08-10)\n" + report_b.summary)
    for c in report_b.claims:
        assert f"[{c.id}]" in text
    data = json.loads(render_article(report_b, "json"))
    again = ArticleReport.model_validate(data)
    assert again == report_b
    assert {"id", "quote", "start", "end", "claim", "checkable", "worthiness", "reason", "result"} <= set(data["claims"][0])
    md = to_markdown(report_b)
    assert md.startswith("# Article check")
    assert f"**Summary:** {report_b.summary}" in md
    assert md.count("\n## c") == len(report_b.claims)
    checked = next(c for c in report_b.claims if c.result and c.result.citations)
    assert "**Sources:**" in md and html.escape(checked.claim, quote=False) in md


def test_html_report_is_self_contained_and_highlights_claims(report_a):
    page = to_html(report_a)
    assert page.startswith("<!doctype html>")
    assert "<script" not in page.lower() and " src=" not in page and "<link" not in page and "@import" not in page
    assert "url(" not in page
    for c in report_a.claims:
        assert f'href="#claim-{c.id}"' in page and f'id="claim-{c.id}"' in page
    for colour, label in COLOURS.values():
        assert colour in page and html.escape(label) in page
    # every verdict's highlight uses its own colour
    for c in report_a.claims:
        key = c.result.verdict if c.result else "not_checked"
        assert re.search(rf'<a class="cc-hl {key}" href="#claim-{c.id}" style="background:{COLOURS[key][0]}"', page)
    # the article text survives, escaped, in the highlighted block
    body = re.search(r'<div class="cc-text">(.*?)</div>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == report_a.text


def test_html_escapes_a_script_in_the_article(service):
    text = ('<script>alert("x")</script> Canada estimates that about 60 ISIS fighters have returned. '
            'The <b>UN</b> said "30,000 foreigners" joined ISIS & survived.')
    report = check_article(service, text, DATE_B)
    page = to_html(report)
    assert "<script>" not in page and "<b>UN</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp; survived" in page
    assert 'href="#claim-c1"' in page
    md = to_markdown(report)
    assert "<script>" not in md and "<b>" not in md


def test_ui_tab_runs_an_article_and_writes_markdown(service, text_b):
    from assistant.article.ui_tab import run_article

    body, path = run_article(text_b, "2019-08-10", lambda: service)
    assert 'class="cc-article"' in body and 'href="#claim-c1"' in body
    assert path and Path(path).read_text("utf-8").startswith("# Article check")
    body, path = run_article("   ", "", lambda: (_ for _ in ()).throw(AssertionError("not loaded")))
    assert path is None and "the article is empty" in body
    body, path = run_article("<script>x</script> hello world", "not-a-date", lambda: service)
    assert path is None and "bad article date" in body and "<script>" not in body


def test_ui_tab_builds_inside_blocks():
    import gradio as gr

    from assistant.article.ui_tab import build_tab

    with gr.Blocks() as blocks:
        with gr.Tabs():
            build_tab(lambda: None)
    assert any(getattr(b, "label", None) == "Article" for b in blocks.blocks.values())


# --- bad input ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ("", "the article is empty"),
    ("   \n\n\t ", "the article is empty"),
    ("abc\x00\x01def ghi", "binary or control characters"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("https://example.com/news/isis-article", "does not fetch web pages"),
    ("1234 5678 !!!", "no words"),
])
def test_bad_input_is_one_clear_line(text, message):
    with pytest.raises(InputError) as err:
        check_article(_stub(), text)
    assert message in str(err.value) and " -> " in str(err.value) and "\n" not in str(err.value)


def test_text_over_the_limit():
    with pytest.raises(InputError) as err:
        check_article(_stub(max_chars=100), "ISIS claimed the attack in Nice. " * 10)
    assert "over the 100 limit" in str(err.value) and "limits.article_max_chars" in str(err.value)


def test_no_checkable_claims():
    with pytest.raises(InputError) as err:
        check_article(_stub(), "We should expect the worst. Who will protect our children? They will strike again.")
    assert "no checkable claims" in str(err.value) and " -> " in str(err.value)


def test_bad_date():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_date("20/08/2017")
    assert parse_date("2017-08-20").isoformat() == "2017-08-20" and parse_date("") is None


def test_read_article_arg(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("ISIS claimed the attack in Nice.", "utf-8")
    assert read_article_arg(str(f)) == "ISIS claimed the attack in Nice."
    assert read_article_arg("ISIS claimed the attack in Nice.") == "ISIS claimed the attack in Nice."
    b = tmp_path / "b.bin"
    b.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary file"):
        read_article_arg(str(b))
    with pytest.raises(InputError, match="file not found"):
        read_article_arg(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="does not fetch web pages.*paste|does not fetch web pages"):
        read_article_arg("http://example.com/a")
    assert clean_article("ab\r\ncd ef", 100) == "ab\ncd ef"
