"""A checker for the schema.org ClaimReview JSON-LD shape (shared by the batch and API tests)."""
from __future__ import annotations

import datetime as dt

from assistant.types import VERDICTS


def claimreview_problems(obj: object) -> list[str]:
    """Every way obj falls short of the ClaimReview shape claimcheck promises; [] when it is fine."""
    if not isinstance(obj, dict):
        return [f"not an object: {type(obj).__name__}"]
    p = []
    if obj.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        p.append(f"@context is {obj.get('@context')!r}")
    if obj.get("@type") != "ClaimReview":
        p.append(f"@type is {obj.get('@type')!r}")
    if not isinstance(obj.get("claimReviewed"), str) or not obj["claimReviewed"].strip():
        p.append("claimReviewed is not a non-empty string")
    try:
        dt.date.fromisoformat(obj.get("datePublished", ""))
    except (TypeError, ValueError):
        p.append(f"datePublished {obj.get('datePublished')!r} is not an ISO date")
    author = obj.get("author")
    if not isinstance(author, dict) or author.get("@type") not in ("Organization", "Person") \
            or not isinstance(author.get("name"), str) or not author["name"]:
        p.append(f"author is {author!r}")
    rating = obj.get("reviewRating")
    if not isinstance(rating, dict):
        p.append("reviewRating missing")
    else:
        if rating.get("@type") != "Rating":
            p.append(f"reviewRating @type is {rating.get('@type')!r}")
        nums = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
        if rating.get("alternateName") == "not_enough_evidence":  # an abstention rates nothing: label only
            if any(n is not None for n in nums):
                p.append(f"an abstention carries rating numbers {nums!r}")
        elif not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in nums):
            p.append(f"rating numbers are {nums!r}")
        else:
            value, best, worst = nums
            if not worst < best or not worst <= value <= best:
                p.append(f"ratingValue {value} not within [{worst}, {best}]")
        if rating.get("alternateName") not in VERDICTS:
            p.append(f"alternateName {rating.get('alternateName')!r} is not one of the 5 verdict labels")
    item = obj.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        p.append(f"itemReviewed is {item!r}")
    else:
        if "appearance" in item and not (isinstance(item["appearance"], dict) and item["appearance"].get("url")):
            p.append("itemReviewed.appearance has no url")
        if "author" in item and not (isinstance(item["author"], dict) and item["author"].get("name")):
            p.append("itemReviewed.author has no name")
        if "datePublished" in item:
            try:
                dt.date.fromisoformat(item["datePublished"])
            except (TypeError, ValueError):
                p.append("itemReviewed.datePublished is not an ISO date")
    if "url" in obj and not (isinstance(obj["url"], str) and obj["url"].startswith(("http://", "https://"))):
        p.append(f"url is {obj['url']!r}")
    for c in obj.get("citation", []):
        if not isinstance(c, dict) or c.get("@type") != "CreativeWork" or not c.get("name"):
            p.append(f"bad citation {c!r}")
        elif "url" in c and not c["url"]:
            p.append("citation with an empty url")
    return p
