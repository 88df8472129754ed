"""Batch checking of claim files (JSONL or CSV) with resumable output: ``claimcheck batch``."""
from assistant.batch.runner import BatchSummary, run_batch

__all__ = ["BatchSummary", "run_batch"]
