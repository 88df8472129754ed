"""The hybrid retriever as a LangChain ``BaseRetriever``, so it plugs into LangChain pipelines."""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.retrieve.hybrid import HybridRetriever


class ClaimcheckRetriever(BaseRetriever):
    """Documents carry the chunk id, character span, fused score and the source's provenance."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    hybrid: Any  # HybridRetriever (Any keeps pydantic from inspecting it)
    k: int = 12

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hybrid: HybridRetriever = self.hybrid
        docs = []
        for hit in hybrid.retrieve(query, self.k):
            c = hit.chunk
            meta = {"chunk_id": c.id, "doc_id": c.doc_id, "start": c.start, "end": c.end, "score": hit.score,
                    "similarity": hit.similarity, **c.meta.model_dump(exclude={"topics"}), "topics": ",".join(c.meta.topics)}
            docs.append(Document(id=c.id, page_content=c.text, metadata=meta))
        return docs
