"""`claimcheck article` as a user runs it: on a file, on standard input, each format, and bad input."""
from __future__ import annotations

import json
import subprocess

import pytest

from tests.article.conftest import FIXTURES
from tests.conftest import REPO, cli_command


def _run(env, *args, stdin: str | bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*cli_command(), "article", *map(str, args)], cwd=REPO, env=env, input=stdin,
                          capture_output=True, text=not isinstance(stdin, bytes), timeout=timeout)


def test_cli_on_a_file_as_json(article_env):
    p = _run(article_env, FIXTURES / "article_b.txt", "--date", "2019-08-10", "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    text = (FIXTURES / "article_b.txt").read_text("utf-8")
    assert data["date"] == "2019-08-10" and data["text"] == text
    assert data["summary"].split()[1:3] == ["claims", "checked:"]
    for c in data["claims"]:
        assert text[c["start"]:c["end"]] == c["quote"]
        assert (c["result"] is not None) == c["checkable"]


def test_cli_on_stdin_as_markdown_and_html_out(article_env, tmp_path):
    text = ("In April, ISIS claimed responsibility for the massacre of 359 Christians in Sri Lanka. "
            "We must act now.")
    p = _run(article_env, "-", "--date", "2019-08-10", "--format", "md", stdin=text)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("# Article check") and "In April 2019, ISIS claimed" in p.stdout
    assert "1 claim checked" in p.stdout and "1 opinion" in p.stdout
    out = tmp_path / "report.html"
    p = _run(article_env, text, "--date", "2019-08-10", "--format", "html", "--out", out)
    assert p.returncode == 0, p.stderr
    assert f"wrote {out}" in p.stderr and p.stdout == ""
    page = out.read_text("utf-8")
    assert page.startswith("<!doctype html>") and 'href="#claim-c1"' in page


@pytest.mark.parametrize("make_arg,message", [
    (lambda tmp: "", "the article is empty"),
    (lambda tmp: "https://www.example.com/isis-will-attack", "does not fetch web pages"),
    (lambda tmp: str(tmp / "missing-article.txt"), "file not found"),
    (lambda tmp: (tmp / "x.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00") and str(tmp / "x.bin"), "binary"),
])
def test_cli_bad_input(article_env, tmp_path, make_arg, message):
    p = _run(article_env, make_arg(tmp_path), timeout=120)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0] and " -> " in lines[0]


def test_cli_over_limit_and_bad_date(article_env):
    p = _run(article_env, "ISIS claimed the Nice attack. " * 10, "--set", "limits.article_max_chars=100", timeout=120)
    assert p.returncode == 2 and "over the 100 limit" in p.stderr
    p = _run(article_env, "ISIS claimed the Nice attack.", "--date", "August 2017", timeout=120)
    assert p.returncode == 2 and "YYYY-MM-DD" in p.stderr


def test_cli_no_checkable_claims(article_env):
    p = _run(article_env, "-", stdin="We should expect the worst. Will they strike again?")
    assert p.returncode == 2 and "no checkable claims" in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_cli_help_lists_the_verb(article_env):
    p = subprocess.run([*cli_command(), "--help"], cwd=REPO, env=article_env, capture_output=True, text=True,
                       timeout=60)
    assert "article" in p.stdout
