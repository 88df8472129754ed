"""The moderators' endpoints over real HTTP on loopback, with the real service and a real SQLite store."""
from __future__ import annotations

import httpx
import pytest
from pydantic import SecretStr

CLAIM = "Some 30,000 foreign terrorist fighters travelled to Syria and Iraq"


@pytest.fixture
def api(serve, corpus_settings, service_fn):
    from assistant.api import create_api_app

    settings = corpus_settings.model_copy(update={"server": corpus_settings.server.model_copy(update={
        "auth_user": "alice", "auth_password": SecretStr("pw")})})
    return serve(create_api_app(settings, service_fn))


def test_check_is_recorded_and_seen_before(api):
    r = httpx.post(api + "/api/check", json={"claim": CLAIM}, auth=("alice", "pw"), timeout=120)
    assert r.status_code == 200, r.text
    r2 = httpx.get(api + "/api/similar", params={"claim": CLAIM.upper() + "!"}, timeout=60)
    assert r2.status_code == 200
    match = next(m for m in r2.json()["matches"] if m["same_text"])
    assert match["machine_verdict"] == r.json()["verdict"] and match["asked_by"] == "alice"
    reworded = httpx.get(api + "/api/similar", params={"claim": "About 30,000 foreign terrorist fighters went to "
                                                                "Syria and Iraq"}, timeout=60).json()["matches"]
    assert any(m["claim"] == CLAIM and not m["same_text"] and m["similarity"] >= 0.85 for m in reworded)


def test_review_over_http(api, corpus_service):
    result = corpus_service.check(CLAIM + " by 2015")  # not recorded yet: the library call records nothing
    recorded = corpus_service.record(result, "api", "bo", review=True)
    assert recorded["queued"]
    rid = recorded["review_id"]
    listed = httpx.get(api + "/api/reviews", params={"status": "queued", "q": "by 2015"}, timeout=30).json()
    assert rid in [r["id"] for r in listed["reviews"]]
    item = httpx.get(api + f"/api/reviews/{rid}", timeout=30).json()
    assert item["result"]["citations"] == result.model_dump()["citations"] and item["version"] == 1
    other = "contradicted" if result.verdict != "contradicted" else "supported"

    bad = [({"verdict": "maybe", "status": "reviewed", "version": 1}, 422, "unknown verdict"),
           ({"verdict": other, "status": "reviewed", "version": 1, "note": ""}, 422, "needs a note"),
           ({"verdict": other, "status": "done", "version": 1}, 422, "status"),
           ({"verdict": other, "status": "reviewed"}, 422, "version")]
    for body, status, words in bad:
        r = httpx.post(api + f"/api/reviews/{rid}", json=body, timeout=30)
        assert r.status_code == status and words in r.json()["detail"] and " -> " in r.json()["detail"], r.text
    assert httpx.get(api + "/api/reviews/987654321", timeout=30).status_code == 404
    assert httpx.post(api + "/api/reviews/987654321", json={"verdict": other, "status": "reviewed", "version": 1},
                      timeout=30).status_code == 404

    change = {"verdict": other, "note": "the figure is for 2015", "status": "reviewed", "version": 1}
    first = httpx.post(api + f"/api/reviews/{rid}", json=change, auth=("alice", "pw"), timeout=30)
    assert first.status_code == 200 and first.json()["reviewer"] == "alice" and first.json()["version"] == 2
    second = httpx.post(api + f"/api/reviews/{rid}", json={**change, "verdict": result.verdict}, timeout=30)
    assert second.status_code == 409 and "alice" in second.json()["detail"]
    assert second.json()["current"]["verdict"] == other
    published = httpx.post(api + f"/api/reviews/{rid}", json={"verdict": other, "status": "published",
                                                              "version": 2}, auth=("alice", "pw"), timeout=30)
    assert published.status_code == 200 and published.json()["status"] == "published"

    feed = httpx.get(api + "/api/feed/claimreview", timeout=30)
    assert feed.headers["content-type"].startswith("application/ld+json")
    reviews = [e["item"][0] for e in feed.json()["dataFeedElement"]]
    mine = next(r for r in reviews if r["identifier"] == str(rid))
    assert mine["reviewRating"]["alternateName"] == other and mine["url"].endswith(f"/api/reviews/{rid}")
    csv = httpx.get(api + "/api/feed/csv", timeout=30)
    assert csv.headers["content-type"].startswith("text/csv") and f"\n{rid}," in csv.text
    history = httpx.get(api + "/api/audit", params={"review_id": rid}, timeout=30).json()["entries"]
    assert [(h["who"], h["action"]) for h in history] == [("bo", "queued"), ("alice", "update"),
                                                          ("alice", "publish")]
    seen = httpx.get(api + "/api/similar", params={"claim": CLAIM + " by 2015"}, timeout=60).json()["matches"]
    assert seen[0]["reviewed"] and seen[0]["verdict"] == other and seen[0]["machine_verdict"] == result.verdict


def test_reviews_in_openapi(api):
    spec = httpx.get(api + "/api/openapi.json", timeout=30).json()
    paths = spec["paths"]
    assert {"/reviews", "/reviews/{review_id}", "/similar", "/feed/claimreview", "/feed/csv", "/audit"} <= set(paths)
    assert "ReviewChange" in str(paths["/reviews/{review_id}"]["post"]["requestBody"])
    change = spec["components"]["schemas"]["ReviewChange"]
    assert {"verdict", "status", "version"} <= set(change["required"]) and "note" in change["properties"]


def test_check_answers_with_claims_seen_before_reviewed_first(api, corpus_service):
    claim = "Around 30,000 foreign terrorist fighters had travelled to Syria and Iraq by mid-2016"
    first = httpx.post(api + "/api/check", json={"claim": claim}, timeout=120)
    assert first.status_code == 200 and not any(m["same_text"] for m in first.json()["seen_before"])
    again = httpx.post(api + "/api/check", json={"claim": claim}, auth=("alice", "pw"), timeout=120).json()
    earlier = next(m for m in again["seen_before"] if m["same_text"])
    assert earlier["machine_verdict"] == first.json()["verdict"] and not earlier["reviewed"]

    machine = corpus_service.check(claim)
    rid = corpus_service.record(machine, "api", "bo", review=True)["review_id"]
    item = httpx.get(api + f"/api/reviews/{rid}", timeout=30).json()
    other = "misleading" if machine.verdict != "misleading" else "supported"
    done = httpx.post(api + f"/api/reviews/{rid}", json={"verdict": other, "note": "nearly 30,000 in July 2016",
                                                         "status": "published", "version": item["version"]},
                      auth=("alice", "pw"), timeout=30)
    assert done.status_code == 200, done.text
    seen = httpx.post(api + "/api/check", json={"claim": claim}, timeout=120).json()["seen_before"]
    assert [m["reviewed"] for m in seen] == sorted((m["reviewed"] for m in seen), reverse=True)  # reviewed first
    mine = next(m for m in seen if m["same_text"] and m["reviewed"])
    assert mine["verdict"] == other and mine["reviewer"] == "alice" and mine["machine_verdict"] == machine.verdict


def test_article_checks_are_recorded_with_the_user(api, corpus_service):
    text = ("Europol said 33 jihadist attacks were recorded in the EU in 2017, a report in Brussels noted on "
            "Tuesday, in an article test for the store.")
    r = httpx.post(api + "/api/article", json={"text": text, "date": "2018-06-20"}, auth=("alice", "pw"),
                   timeout=300)
    assert r.status_code == 200, r.text
    checked = [c for c in r.json()["claims"] if c["result"]]
    assert checked
    match = next(m for m in corpus_service.similar(checked[0]["claim"]) if m["same_text"])
    assert match["asked_by"] == "alice"
