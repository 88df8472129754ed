"""Article-mode fixtures: one real index built from corpus/ per test session, and the service over it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import subprocess_env

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATE_A = dt.date(2017, 11, 25)  # article A: after Barcelona (Aug 2017) and the Prince George posts (Oct 2017)
DATE_B = dt.date(2019, 8, 10)  # article B: after the UN report of July 2019


@pytest.fixture(scope="session")
def service(corpus_settings):
    from assistant.service import get_service

    return get_service(corpus_settings)


@pytest.fixture(scope="session")
def text_a() -> str:
    return (FIXTURES / "article_a.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def text_b() -> str:
    return (FIXTURES / "article_b.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def report_a(service, text_a):
    from assistant.article.report import check_article

    return check_article(service, text_a, DATE_A)


@pytest.fixture(scope="session")
def report_b(service, text_b):
    from assistant.article.report import check_article

    return check_article(service, text_b, DATE_B.isoformat())


@pytest.fixture
def article_env(corpus_index: Path) -> dict[str, str]:
    env = subprocess_env()
    env["CLAIMCHECK_INDEX_DIR"] = str(corpus_index)
    return env
