"""The Review tab in a real headless Chromium: the queue, one item with its citations, a reviewer's change
saved under the authenticated user, a stale save refused, the history."""
from __future__ import annotations

import pytest
from pydantic import SecretStr

from tests.ui.test_browser import ARTIFACTS, browser  # noqa: F401 - the shared Chromium fixture

pytestmark = [pytest.mark.filterwarnings("ignore:.*no_silent_downcasting.*"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]
CLAIM = "By 2019 about 10,000 ISIL fighters were held in detention in north-east Syria"


def _choose(page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id} input").first.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_review_tab_in_the_browser(live_server, browser, corpus_service):  # noqa: F811
    from assistant.store import get_store

    result = corpus_service.check(CLAIM)
    rid = corpus_service.record(result, "api", "seed", review=True)["review_id"]
    other = "contradicted" if result.verdict != "contradicted" else "supported"

    live = live_server(auth_user="alice", auth_password=SecretStr("pw"))
    context = browser.new_context(http_credentials={"username": "alice", "password": "pw"},
                                  viewport={"width": 1280, "height": 1600})
    page = context.new_page()
    page.set_default_timeout(120_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live.url + "/")
    page.get_by_role("tab", name="Review").click()
    page.wait_for_function(f"document.querySelector('#cc-review-table').innerText.includes({CLAIM[:40]!r})")

    page.locator("#cc-review-id input").fill(str(rid))
    page.click("#cc-review-open")
    page.wait_for_function(f"document.querySelector('#cc-review-item .cc-review-claim')?.innerText === {CLAIM!r}")
    assert "seed" in page.locator("#cc-review-item .cc-review-asked").inner_text()
    if result.citations:
        assert page.locator("#cc-review-item .cc-source").count() == len(result.citations)
    assert "queued" in page.locator("#cc-review-history").inner_text()

    _choose(page, "cc-review-verdict", other)
    page.locator("#cc-review-note textarea").fill("checked against the UN report")
    page.locator("#cc-review-new-status").get_by_text("published", exact=True).click()
    page.click("#cc-review-save")
    page.wait_for_function("document.querySelector('#cc-review-message').innerText.includes('Saved')")
    assert "by alice" in page.locator("#cc-review-message").inner_text()
    saved = get_store(corpus_service.settings).review(rid)
    assert (saved["verdict"], saved["status"], saved["reviewer"]) == (other, "published", "alice")
    page.wait_for_function("document.querySelector('#cc-review-history').innerText.includes('alice')")

    # someone else saves in between: the tab's next save is refused and says who
    get_store(corpus_service.settings).update_review(rid, "bob", saved["version"], verdict=other,
                                                     explanation="Bob's wording [1].", status="published")
    page.locator("#cc-review-explanation textarea").fill("Alice's wording [1].")
    page.click("#cc-review-save")
    page.wait_for_function("document.querySelector('#cc-review-message').innerText.includes('changed by bob')")
    assert get_store(corpus_service.settings).review(rid)["explanation"] == "Bob's wording [1]."
    assert page.locator("#cc-review-explanation textarea").input_value() == "Alice's wording [1]."

    # claims seen before: the reviewed verdict first, marked reviewed, the machine's beside it
    page.locator("#cc-seen-query textarea, #cc-seen-query input").first.fill(CLAIM.lower() + ".")
    page.click("#cc-seen-lookup")
    page.wait_for_selector("#cc-seen-results li.cc-seen")
    first = page.locator("#cc-seen-results li.cc-seen").first.inner_text()
    assert first.startswith(f"REVIEWED {other}") and "by bob" in first and f"machine: {result.verdict}" in first

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-review.png"), full_page=True)
    assert not errors, errors
    context.close()
