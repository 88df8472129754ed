"""The page in a real headless Chromium through the real server: a phone viewport that never scrolls
sideways, [n] markers that link to their source, publisher links, the corpus reader and its search, one batch
progress bar, article cards not in italics, rel="noopener noreferrer nofollow" on every link, and /api/docs
rendered with no request leaving the machine. Screenshots of every tab at both sizes go to
test-artifacts/screenshots/ (look at them: nothing here judges how they look)."""
from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.ui.conftest import REPO
from tests.ui.test_browser import ARGS, CHROMIUM, browser  # noqa: F401 - the shared Chromium fixture

SHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP, PHONE = (1280, 800), (390, 844)
REL = "noopener noreferrer nofollow"
CLAIM = "30,000 foreigners joined ISIS"  # its answer has a figures table
ARTICLE = ("Some 30,000 foreigners joined ISIS in Syria and Iraq, officials said. About 60 ISIS fighters "
           "returned to Canada. The Nice truck attack killed 86 people.")
pytestmark = [pytest.mark.filterwarnings("ignore:.*no_silent_downcasting.*"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]


def new_page(browser, size: tuple[int, int]):
    pg = browser.new_page(viewport={"width": size[0], "height": size[1]})
    pg.set_default_timeout(180_000)
    return pg


def page_width(pg) -> tuple[int, int]:
    return tuple(pg.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def assert_fits(pg, where: str) -> None:
    doc, view = page_width(pg)
    wide = [] if doc <= view else pg.evaluate("""[...document.querySelectorAll('body *')]
        .map(e => [Math.round(e.getBoundingClientRect().right), e.tagName + '.' + (e.className || '').toString()
                   .slice(0, 60) + '#' + e.id, e])
        .filter(([r, , e]) => r > window.innerWidth && ![...e.children].some(c => c.getBoundingClientRect().right >= r))
        .map(([r, name]) => [r, name]).sort((a, b) => b[0] - a[0]).slice(0, 8)""")
    assert doc <= view, f"{where}: the page is {doc}px wide in a {view}px viewport; overflowing: {wide}"


def links_without_rel(pg) -> list[str]:
    return pg.evaluate(f"""[...document.querySelectorAll('a')].filter(a => a.getAttribute('rel') !== '{REL}')
                           .map(a => a.outerHTML.slice(0, 160))""")


def open_tab(pg, name: str) -> None:
    """Click a tab; on a narrow screen Gradio may move it into the "More tabs" menu."""
    pg.wait_for_selector("[role=tablist] [role=tab]")
    pg.wait_for_timeout(300)  # Gradio measures the tab bar before it moves tabs into the overflow menu
    tab = pg.get_by_role("tab", name=name)
    if tab.count() and tab.first.is_visible():
        tab.first.click()
        return
    pg.get_by_role("button", name="More tabs").click()
    pg.locator(".overflow-dropdown button", has_text=name).first.click()


def check_claim(pg, text: str = CLAIM, answers: int = 1) -> None:
    box = pg.locator("#cc-input textarea")
    box.fill(text)
    box.press("Enter")
    pg.wait_for_function(f"document.querySelectorAll('#cc-chat .cc-result .cc-badge').length >= {answers}")


def shot(pg, name: str, size: tuple[int, int], full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{size[0]}x{size[1]}.png"
    pg.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 5_000


def test_phone_chat_answer_stays_inside_the_viewport(live_server, browser):
    live = live_server()
    pg = new_page(browser, PHONE)
    pg.goto(live.url + "/")
    assert_fits(pg, "empty chat")
    check_claim(pg)
    assert pg.locator("#cc-chat .cc-figures table").count() >= 1
    assert_fits(pg, "after a checked claim")
    box = pg.evaluate("""(() => { const f = document.querySelector('#cc-chat .cc-figures');
        const r = f.getBoundingClientRect();
        return {right: r.right, client: f.clientWidth, scroll: f.scrollWidth, overflow: getComputedStyle(f).overflowX};
    })()""")
    assert box["right"] <= PHONE[0] and box["overflow"] == "auto"
    assert box["scroll"] > box["client"]  # the table is wider than a phone: it scrolls inside its own box
    pg.click("#cc-chat details.cc-sources summary")
    assert_fits(pg, "with the sources open")
    check_claim(pg, "How many came back?", answers=2)
    assert_fits(pg, "after a question")


def test_markers_link_to_their_source_and_the_corpus_page(live_server, browser):
    live = live_server()
    pg = new_page(browser, DESKTOP)
    pg.goto(live.url + "/")
    check_claim(pg)
    marker = pg.locator("#cc-chat .cc-cite a").first
    href = marker.get_attribute("href")
    assert href.startswith("#cc-src-") and marker.get_attribute("rel") == REL
    assert not pg.evaluate("document.querySelector('#cc-chat details.cc-sources').open")
    marker.click()
    pg.wait_for_function(f"location.hash === '{href}'")
    entry = pg.locator(f"#cc-chat li.cc-source{href}")
    assert entry.count() == 1 and entry.is_visible()  # the browser opened the collapsed sources block
    assert pg.evaluate(f"document.querySelector('{href}').matches(':target')")

    source = pg.locator("#cc-chat li.cc-source:not(.cc-note)").first  # a source's own words (not our note)
    publisher = source.locator(".cc-src-meta a[target=_blank]:not(.cc-corpus-link)").first
    url = publisher.get_attribute("href")
    assert url.startswith("http") and not publisher.inner_text().startswith("http")  # a name, not a raw URL
    for note in pg.locator("#cc-chat li.cc-note").all():  # a cited note of ours names no publisher link
        assert "our words" in note.inner_text() and not note.locator("a:not(.cc-corpus-link)").count()
    page_link = entry.locator("a.cc-corpus-link")
    doc_href = page_link.get_attribute("href")
    assert doc_href.startswith("/corpus/") and page_link.get_attribute("rel") == REL
    doc = new_page(browser, DESKTOP)
    doc.goto(live.url + doc_href)
    assert doc.locator(".cc-doc-provenance").is_visible()
    assert "published" in doc.locator(".cc-doc-provenance").inner_text()
    assert len(doc.locator(".cc-doc-text").inner_text()) > 200
    assert not links_without_rel(doc)


def test_corpus_tab_searches_the_text_and_reads_a_document(live_server, browser, service_getter):
    from assistant.ui.corpus_docs import load_documents
    from assistant.ui.corpus_tab import corpus_rows

    front = " ".join(" ".join(r) for r in corpus_rows(service_getter())).lower()
    docs = load_documents(service_getter())
    word = next(w for w in docs["un-cted-ftf-overview"].text.lower().split() if w.isalpha() and len(w) > 7
                and w not in front)
    live = live_server()
    pg = new_page(browser, DESKTOP)
    pg.goto(live.url + "/")
    open_tab(pg, "Corpus")
    pg.wait_for_function("document.querySelector('#cc-corpus-summary').innerText.includes('documents')")
    pg.locator("#cc-corpus-search textarea, #cc-corpus-search input").first.fill(word)
    pg.wait_for_function("document.querySelector('#cc-corpus-summary').innerText.includes(' of ')")
    table = pg.locator("#cc-corpus-table").inner_text()
    assert "un-cted-ftf-overview" in table and word in table.lower()  # found in the text, snippet shown
    pg.locator("#cc-corpus-table [role=gridcell]", has_text="un-cted-ftf-overview").first.click()
    pg.wait_for_selector("#cc-corpus-reader .cc-doc[data-doc='un-cted-ftf-overview']")
    reader = pg.locator("#cc-corpus-reader").inner_text()
    for text in ("Provenance (front matter)", "published", "2016-07-05", "figures as of", "Text as indexed"):
        assert text in reader, text
    assert pg.locator("#cc-corpus-reader a.cc-corpus-link").get_attribute("href") == "/corpus/un-cted-ftf-overview"


def test_api_docs_render_with_no_request_leaving_the_machine(live_server, browser):
    live = live_server()
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    outside: list[str] = []
    served: list[str] = []

    def route(r):
        host = urlsplit(r.request.url).hostname or ""
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            served.append(r.request.url)
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()
    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    pg.goto(live.url + "/api/docs")
    pg.wait_for_selector(".swagger-ui .info .title")
    assert "claimcheck API" in pg.locator(".swagger-ui .info .title").inner_text()
    pg.wait_for_function("document.querySelectorAll('.swagger-ui .opblock').length >= 5")
    assert not outside, outside
    assert any(u.endswith("/api/docs/assets/swagger-ui-bundle.js") for u in served)
    assert any(u.endswith("/api/docs/assets/swagger-ui.css") for u in served)
    assert not links_without_rel(pg)
    context.close()


def _claims_csv(path: Path, n: int = 8) -> Path:
    claims = [CLAIM, "About 60 ISIS fighters returned to Canada", "The Nice truck attack killed 86 people",
              "ISIS claimed responsibility for all the vehicle attacks in Europe"]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "claim"])
        w.writerows([f"row-{i}", claims[i % len(claims)]] for i in range(n))
    return path


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_tab_fits_keeps_rel_and_is_photographed(live_server, browser, tmp_path, size):
    live = live_server()
    pg = new_page(browser, size)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(live.url + "/")

    check_claim(pg)
    assert_fits(pg, "chat")
    assert not links_without_rel(pg)
    pg.evaluate("document.querySelector('#cc-chat .cc-result').scrollIntoView({block: 'start'})")
    shot(pg, "chat", size)
    pg.evaluate("document.querySelector('#cc-chat .cc-figures').scrollIntoView({block: 'start'})")
    shot(pg, "chat-figures", size)

    open_tab(pg, "Article")
    pg.locator("#cc-article-text textarea").fill(ARTICLE)
    pg.locator("#cc-article-date input, #cc-article-date textarea").first.fill("2019-08-10")
    pg.click("#cc-article-check")
    pg.wait_for_selector("#cc-article-report .cc-article section.cc-claim")
    styles = pg.evaluate("""[...document.querySelectorAll('#cc-article-report section.cc-claim')]
                            .map(s => getComputedStyle(s.querySelector('p.cc-meta')).fontStyle)""")
    assert styles and set(styles) == {"normal"}, styles  # claim cards are not all in italics
    assert_fits(pg, "article")
    assert not links_without_rel(pg)
    shot(pg, "article", size, full_page=True)

    open_tab(pg, "Batch")
    pg.set_input_files("#cc-batch-file input[type=file]", str(_claims_csv(tmp_path / "claims.csv")))
    pg.wait_for_timeout(1000)
    pg.click("#cc-batch-run")
    outside: set[str] = set()
    while "checked" not in pg.locator("#cc-batch-summary").inner_text():
        outside.update(pg.evaluate("""[...document.querySelectorAll('.progress-bar, .progress-level, .eta-bar')]
            .filter(e => e.offsetParent !== null && !e.closest('#cc-batch-summary'))
            .map(e => e.className.split(' ')[0] + ' in #' + (e.closest('[id]:not([id=""])') || {id: '?'}).id)"""))
        pg.wait_for_timeout(100)
    assert not outside, f"progress shown outside the summary line: {outside}"
    assert pg.locator("#cc-batch-summary").inner_text().startswith("8 checked, 0 errors")
    assert_fits(pg, "batch")
    assert not links_without_rel(pg)
    shot(pg, "batch", size, full_page=True)

    open_tab(pg, "Corpus")
    pg.wait_for_function("document.querySelector('#cc-corpus-summary').innerText.includes('documents')")
    pg.locator("#cc-corpus-search textarea, #cc-corpus-search input").first.fill("Laborde")
    pg.wait_for_function("document.querySelector('#cc-corpus-summary').innerText.includes(' of ')")
    pg.locator("#cc-corpus-table [role=gridcell]", has_text="un-cted-ftf-overview").first.click()
    pg.wait_for_selector("#cc-corpus-reader .cc-doc")
    assert_fits(pg, "corpus")
    assert not links_without_rel(pg)
    shot(pg, "corpus", size)
    pg.evaluate("document.querySelector('#cc-corpus-reader').scrollIntoView({block: 'start'})")
    shot(pg, "corpus-reader", size)
    assert not errors, errors
