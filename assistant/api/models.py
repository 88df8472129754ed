"""Request bodies of the REST API (validated by pydantic; unknown fields are refused so typos show)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


def _iso_date(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("write the date as YYYY-MM-DD, e.g. 2019-07-15") from None


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"claim": "30,000 foreigners joined ISIS", "date": "2019-08-01", "format": "json"}]})

    claim: str = Field(description="The claim to check (plain text, up to limits.claim_max_chars characters).")
    date: str | None = Field(None, description="When the claim was made (YYYY-MM-DD): the reference for relative "
                                               "dates such as 'last year'. Default: today.")
    format: Literal["json", "claimreview"] = Field("json", description="'json': the CheckResult; 'claimreview': "
                                                                       "schema.org ClaimReview JSON-LD.")
    appearance_url: str = Field("", max_length=2_000, description="ClaimReview only: where the claim appeared.")
    author: str = Field("", max_length=500, description="ClaimReview only: who made the claim.")

    @field_validator("date")
    @classmethod
    def valid_date(cls, value: str | None) -> str | None:
        return _iso_date(value)

    def reference_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.date) if self.date else None


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"question": "How many foreign fighters went to Syria?", "history": []}]})

    question: str = Field(description="The question (plain text).")
    history: list[str] = Field(default_factory=list, max_length=100,
                               description="Earlier questions of the conversation, oldest first; a follow-up "
                                           "such as 'and how many came back?' is read against the last one.")


class ArticleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article text (up to limits.article_max_chars characters).")
    date: str | None = Field(None, description="The article's publication date (YYYY-MM-DD).")

    @field_validator("date")
    @classmethod
    def valid_date(cls, value: str | None) -> str | None:
        return _iso_date(value)


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"claims": [{"id": "c1", "claim": "30,000 foreigners joined ISIS", "source": "tweet"}]}]})

    claims: list[dict[str, Any]] = Field(description="Rows {\"id\", \"claim\", ...}; other keys are carried "
                                                     "through to the result rows.")
    format: Literal["json", "claimreview"] = Field("json", description="Row shape: batch rows or ClaimReview.")
