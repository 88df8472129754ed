"""The data model of an article check: one ArticleClaim per extracted claim, in an ArticleReport.

``quote == report.text[start:end]`` for every claim, so an interface can highlight it in the article.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from assistant.types import CheckResult

ClaimKind = Literal["factual", "opinion", "prediction", "question", "vague"]


class ArticleClaim(BaseModel):
    """One claim found in the article."""

    id: str  # "c1", "c2", ... in article order
    quote: str  # the original text of the claim: report.text[start:end]
    start: int
    end: int
    claim: str  # the rewritten, self-contained statement that is checked
    checkable: bool
    worthiness: float = Field(ge=0.0, le=1.0)  # how checkable and consequential (0 for opinions)
    reason: str  # why it is (not) worth checking, e.g. "has a figure and a named actor"
    result: CheckResult | None = None  # the verdict; None when not checkable
    kind: ClaimKind = "factual"
    rank: int = 0  # 1 = most check-worthy; 0 for claims that are not checkable
    rewrites: list[str] = Field(default_factory=list)  # how the claim was made self-contained


class ArticleReport(BaseModel):
    """The result of checking an article."""

    date: dt.date | None = None  # the article's date, used to resolve "last year", "in April"
    summary: str
    claims: list[ArticleClaim] = Field(default_factory=list)
    text: str  # the article text the offsets refer to

    @property
    def checked(self) -> list[ArticleClaim]:
        return [c for c in self.claims if c.result is not None]
