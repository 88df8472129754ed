"""The typed data model shared by every layer: documents, chunks, evidence, citations, results.

Offsets are character offsets into ``SourceDocument.text`` (the body text after loading, front matter
removed), so a citation's ``start``/``end`` can be highlighted in the source and ``quote`` equals
``document.text[start:end]``.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Verdict = Literal["supported", "contradicted", "misleading", "conflicting", "not_enough_evidence"]
VERDICTS: tuple[str, ...] = ("supported", "contradicted", "misleading", "conflicting", "not_enough_evidence")

PublisherType = Literal["un", "government", "court", "intergovernmental", "research", "ngo", "media"]
PUBLISHER_TYPES: tuple[str, ...] = ("un", "government", "court", "intergovernmental", "research", "ngo", "media")


class SourceMeta(BaseModel):
    """Provenance of a source document (the corpus front matter). All optional for user-ingested files."""

    model_config = ConfigDict(extra="allow")

    title: str = ""
    publisher: str = ""
    publisher_type: str = ""
    source_title: str = ""
    document_symbol: str = ""
    published: str = ""  # ISO date
    url: str = ""
    primary: bool = False
    as_of: str = ""  # ISO date the figures describe
    topics: list[str] = Field(default_factory=list)
    provenance: str = ""
    note_start: int = -1  # offset of the corpus's closing "Context:" note in the text (our words); -1 = none


class SourceDocument(BaseModel):
    """One loaded source: its text and provenance."""

    id: str
    text: str
    meta: SourceMeta = Field(default_factory=SourceMeta)
    path: str = ""  # the file it came from ("file.jsonl#3" for a JSONL line)
    content_hash: str = ""  # sha256 of text + metadata, set by the loader


class Chunk(BaseModel):
    """A span of a document, the unit that is embedded and indexed."""

    id: str
    doc_id: str
    text: str
    start: int  # offset of text in the document
    end: int
    position: int  # index of the chunk within its document
    meta: SourceMeta = Field(default_factory=SourceMeta)


class Evidence(BaseModel):
    """A sentence-level passage selected from a retrieved chunk."""

    chunk_id: str
    doc_id: str
    text: str  # the sentence
    start: int  # offsets into the document
    end: int
    score: float  # relevance to the claim, higher is better (similarity blended with word overlap)
    similarity: float = 0.0  # cosine similarity of the sentence to the claim
    meta: SourceMeta = Field(default_factory=SourceMeta)


class Citation(BaseModel):
    """A cited passage, as every interface shows it."""

    n: int = 0  # the [n] marker used in the explanation
    doc_id: str
    chunk_id: str
    start: int
    end: int
    quote: str
    title: str = ""
    publisher: str = ""
    publisher_type: str = ""
    published: str = ""
    as_of: str = ""
    primary: bool = False
    url: str = ""
    note: bool = False  # the quote is the corpus's editorial note ("Context:" paragraph), not the source's words


class Figure(BaseModel):
    """One row of the claimed-vs-documented table."""

    what: str  # what is counted
    claimed: str  # the claim's figure as written
    documented: str  # the evidence figure as written
    source: str = ""  # who gave the documented figure
    as_of: str = ""  # date the documented figure describes
    published: str = ""
    relation: Literal["matches", "differs", "counts_other_thing", "revised", "context"] = "context"
    citation: int = 0  # [n] of the supporting citation
    note: bool = False  # the figure is read from the corpus's editorial note, not from the source's text


class Decision(BaseModel):
    """What one evidence sentence said about the claim and what produced that reading (``--json``, eval report)."""

    citation: int = 0  # [n] of the sentence when it is cited, else 0
    doc_id: str
    quote: str
    stance: Literal["supports", "contradicts", "misleading", "neutral"]
    produced_by: Literal["model", "figure_check", "rule"]
    check: str = ""  # the named figure check or rule ("figure_differs", "misreading"); "" for the model
    read_by_model: bool = True  # False for a sentence the scope checks put about another event (probabilities 0/1/0)
    entailment: float = 0.0  # the stance model's probabilities for the sentence against the claim
    neutral: float = 0.0
    contradiction: float = 0.0


class CheckResult(BaseModel):
    """The verdict on one claim with its evidence: the stable JSON shape of CLI, API and batch."""

    claim: str
    verdict: Verdict
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str
    missing_context: str = ""
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    judge: str = "embedded"
    verdict_by: str = ""  # what turned the findings into the verdict ("aggregator:model+checks", "rules")
    verdict_probs: dict[str, float] = Field(default_factory=dict)  # the aggregator's probability per verdict
    decisions: list[Decision] = Field(default_factory=list)  # the sentences weighed, with their readings
    # earlier checks of claims that say the same thing (the store's matches, reviewed first); filled by the
    # interfaces that keep a store (API /check, CLI check), empty from the library call
    seen_before: list[dict] = Field(default_factory=list)
    index_version: str = ""
    model: str = ""
    latency_ms: float = 0.0
