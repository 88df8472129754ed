"""The error hierarchy. Every error a user can meet says what went wrong and how to fix it.

The CLI and the UI print ``str(error)``: one line with the problem and, after " -> ", the fix.
"""
from __future__ import annotations


class ClaimcheckError(Exception):
    """Base of every error claimcheck raises on purpose."""

    def __init__(self, problem: str, fix: str = "") -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem} -> {fix}" if fix else problem)


class ConfigError(ClaimcheckError):
    """A setting is missing or invalid."""


class InputError(ClaimcheckError):
    """A claim, article, file or request the user gave cannot be used."""


class LoadError(InputError):
    """One source file could not be loaded; ingestion skips it and goes on."""

    def __init__(self, path: str, reason: str, fix: str = "") -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}", fix)


class IndexError_(ClaimcheckError):
    """Base of index problems (named with a trailing underscore to keep the builtin usable)."""


class IndexMissingError(IndexError_):
    """No index exists where one was expected."""


class IndexMismatchError(IndexError_):
    """The index was built with another embedding model or chunker."""


class IndexCorruptError(IndexError_):
    """The index directory is damaged or half-written."""


class IndexLockedError(IndexError_):
    """Another process is writing to the index."""


class BackendError(ClaimcheckError):
    """An optional backend (an LLM, a Chroma server) failed or is unreachable."""


class StoreError(ClaimcheckError):
    """Base of problems with the store of checks and reviews (the database)."""


class StoreOpenError(StoreError):
    """The database cannot be opened (bad URL, unreachable server, not a database, no permission)."""


class StoreSchemaError(StoreError):
    """The database was written by a newer claimcheck than this one."""


class NotFoundError(InputError):
    """A review, check or other stored item asked for by id does not exist."""


class ReviewConflictError(InputError):
    """Someone else changed a review since it was read; nothing was overwritten."""

    def __init__(self, problem: str, fix: str = "", current: dict | None = None) -> None:
        self.current = current or {}
        super().__init__(problem, fix)
