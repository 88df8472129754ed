"""Issue 14 in a real headless Chromium: a corpus note is shown as the corpus's, a follow-up after an unrelated
claim is read against the conversation's topic, and the answer opens with its direct, cited line."""
from __future__ import annotations

import pytest

from tests.ui.test_browser import browser, page  # noqa: F401 - the real-browser fixtures

pytestmark = [pytest.mark.filterwarnings("ignore:.*no_silent_downcasting.*"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]


def send(page, text: str, n: int) -> None:
    box = page.locator("#cc-input textarea")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('#cc-chat .cc-result').length >= {n}")


def test_notes_direct_answers_and_topic_follow_ups_in_the_browser(live_server, page):  # noqa: F811
    live = live_server()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live.url + "/")
    send(page, "30,000 foreigners joined ISIS", 1)
    first = page.locator("#cc-chat .cc-result").nth(0)
    first.locator("details.cc-sources summary").click()
    note = first.locator(".cc-source.cc-note").first
    assert "our words, not the source" in note.inner_text()
    assert first.locator(".cc-figures").inner_text().count("claimcheck corpus note") >= 1

    send(page, "How many foreign fighters joined ISIS?", 2)
    send(page, "ISIS attack Prince George", 3)
    send(page, "and how many came back to Europe?", 4)
    last = page.locator("#cc-chat .cc-result").nth(3)
    read_as = last.locator(".cc-claim").inner_text()
    assert "foreign fighters" in read_as and "Prince" not in read_as, read_as
    direct = last.locator(".cc-direct").inner_text()
    assert any(ch.isdigit() for ch in direct) and direct.rstrip().endswith("]"), direct
    assert not errors, errors
