"""Article mode: extract the claims of a pasted article, rewrite them to stand alone, rank them by
check-worthiness, check each checkable one and report (text, JSON, Markdown, self-contained HTML).

Entry point: ``check_article(service, text, date=None) -> ArticleReport`` (assistant.article.report).
"""
from assistant.article.types import ArticleClaim, ArticleReport

__all__ = ["ArticleClaim", "ArticleReport"]
