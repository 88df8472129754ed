"""Chat handler: routing claims vs questions, progress first, one-line errors, ClaimReview download."""
from __future__ import annotations

import json

import gradio as gr
import pytest

from assistant.answer.ask import Answer
from assistant.errors import IndexMissingError
from assistant.types import CheckResult
from assistant.ui.chat import EXAMPLES, is_question, respond, user_messages, write_claimreview


class FakeService:
    def __init__(self, fail: Exception | None = None) -> None:
        self.fail = fail
        self.calls: list[tuple] = []

    def check(self, claim, reference_date=None):
        self.calls.append(("check", claim))
        if self.fail:
            raise self.fail
        return CheckResult(claim=claim, verdict="contradicted", confidence=0.7, explanation="No [1].")

    def ask(self, question, history=None):
        self.calls.append(("ask", question, list(history or [])))
        if self.fail:
            raise self.fail
        return Answer(question=question, resolved_question=question, answer="About 60 [1].")


@pytest.mark.parametrize("text,expected", [
    ("How many came back?", True), ("how many foreign fighters went to Syria", True), ("and Canada?", True),
    ("Who estimated 30,000", True), ("30,000 foreigners joined ISIS", False),
    ("The Nice truck attack killed 86 people", False), ("Whatever the source, 86 died", False)])
def test_is_question(text, expected):
    assert is_question(text) is expected


def test_examples_are_claims():
    assert len(EXAMPLES) == 4 and not any(is_question(e) for e in EXAMPLES)


def test_user_messages_reads_every_gradio_content_shape():
    history = [
        {"role": "user", "content": "plain text claim"},
        {"role": "assistant", "content": "<div>answer</div>"},
        {"role": "user", "content": [{"type": "text", "text": "normalized"}, {"type": "text", "text": "parts"}]},
        {"role": "user", "content": {"type": "text", "text": "a dict"}},
        {"role": "user", "content": [{"type": "file", "file": {"path": "/tmp/x"}}]},
    ]
    assert user_messages(history) == ["plain text claim", "normalized parts", "a dict"]


def test_claim_shows_progress_then_verdict_and_download():
    service = FakeService()
    steps = list(respond("  30,000 joined  ", [], lambda: service))
    assert len(steps) == 2
    history, box, _ = steps[0]
    assert box == "" and history[0] == {"role": "user", "content": "30,000 joined"}
    assert "cc-pending" in history[1]["content"] and "Checking" in history[1]["content"]
    history, _, download = steps[1]
    assert "CONTRADICTED" in history[-1]["content"] and service.calls == [("check", "30,000 joined")]
    assert download.interactive is True
    path = download.value["path"]  # the component's FileData dict
    assert path.endswith(".json")
    review = json.loads(open(path, encoding="utf-8").read())
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == "30,000 joined"


def test_question_goes_to_ask_with_earlier_user_messages():
    service = FakeService()
    history = [{"role": "user", "content": "About 60 ISIS fighters returned to Canada"},
               {"role": "assistant", "content": "<div>MISLEADING</div>"}]
    *_, (out, _, download) = respond("How many travelled?", history, lambda: service)
    assert service.calls == [("ask", "How many travelled?", ["About 60 ISIS fighters returned to Canada"])]
    assert "ANSWER" in out[-1]["content"] and len(out) == 4
    assert download == {"__type__": "update"} or getattr(download, "value", None) is None


def test_claimcheck_error_is_one_line_in_the_chat():
    service = FakeService(IndexMissingError("no index at /x", "build it: claimcheck ingest corpus --index /x"))
    *_, (out, _, _) = respond("30,000 joined", [], lambda: service)
    assert 'class="cc-error"' in out[-1]["content"]
    assert "no index at /x -&gt; build it: claimcheck ingest corpus --index /x" in out[-1]["content"]


def test_unexpected_error_shows_no_traceback(caplog):
    service = FakeService(RuntimeError("secret internal detail"))
    *_, (out, _, _) = respond("30,000 joined", [], lambda: service)
    text = out[-1]["content"]
    assert "cc-error" in text and "secret" not in text and "Traceback" not in text
    assert "chat request failed" in caplog.text


def test_service_getter_failure_is_shown_too():
    def broken():
        raise IndexMissingError("no index at /nowhere", "build it")
    *_, (out, _, _) = respond("30,000 joined", [], broken)
    assert "no index at /nowhere" in out[-1]["content"]


def test_empty_message_changes_nothing():
    steps = list(respond("   ", [{"role": "user", "content": "x"}], lambda: FakeService()))
    assert len(steps) == 1 and steps[0][0] == [{"role": "user", "content": "x"}]


def test_claimreview_files_are_fresh_and_valid():
    r = CheckResult(claim="c", verdict="supported", confidence=1.0, explanation="e")
    a, b = write_claimreview(r), write_claimreview(r)
    assert a != b and json.loads(open(a).read())["reviewRating"]["ratingValue"] == 5


def test_real_service_answers_a_claim_and_a_follow_up(service_getter):
    *_, (out, _, download) = respond("30,000 foreigners joined ISIS", [], service_getter)
    html = out[-1]["content"]
    assert "cc-badge" in html and "cc-sources" in html and "<blockquote" in html
    *_, (out, _, _) = respond("How many came back?", out, service_getter)
    assert "ANSWER" in out[-1]["content"] and len(out) == 4


def test_real_input_errors_show_their_fix(service_getter):
    *_, (out, _, download) = respond("x " * 1500, [], service_getter)
    html = out[-1]["content"]
    assert 'class="cc-error"' in html and "over the 2,000 limit" in html and "-&gt;" in html
    assert download == gr.skip()
    *_, (out, _, _) = respond("!!! ???", [], service_getter)
    assert 'class="cc-error"' in out[-1]["content"]


def test_real_service_follow_up_after_a_claim_reads_the_topic(service_getter):
    history = [{"role": "user", "content": "How many foreign fighters joined ISIS?"},
               {"role": "assistant", "content": "..."},
               {"role": "user", "content": "ISIS attack Prince George"},
               {"role": "assistant", "content": "..."}]
    *_, (out, _, _) = respond("and how many came back to Europe?", history, service_getter)
    html = out[-1]["content"]
    assert "Read as:" in html and "foreign fighters" in html and "Prince George" not in html.split("</q>")[0]
    assert 'class="cc-explanation cc-direct"' in html and "cc-answer-lines" in html


def test_real_service_shows_a_note_as_the_corpus_s(service_getter):
    *_, (out, _, _) = respond("30,000 foreigners joined ISIS", [], service_getter)
    html = out[-1]["content"]
    assert 'class="cc-source cc-note"' in html and "our words, not the source" in html


def test_a_claim_checked_before_shows_the_earlier_verdict_and_records_the_user(service_getter):
    from assistant.store import get_store

    claim = "Roughly 5,000 Europeans went to fight in Syria and Iraq, chat test"
    *_, (out, _, _) = respond(claim, [], service_getter, user="carol")
    assert "Seen before" not in out[-1]["content"]
    *_, (out, _, _) = respond(claim, [], service_getter, user="carol")
    html = out[-1]["content"]
    assert "Seen before" in html and "cc-seen-list" in html and "machine" in html
    assert html.index("Seen before") < html.index("cc-badge")  # the earlier verdicts first, then this check
    service = service_getter()
    match = next(m for m in service.similar(claim) if m["same_text"])
    assert match["asked_by"] == "carol"
    assert get_store(service.settings) is not None
