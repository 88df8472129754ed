"""Fuzzing (OWASP LLM10 unbounded consumption, and plain robustness) with hypothesis.

* The loaders: random bytes, random text, random HTML, random YAML front matter, random JSONL lines and
  mutated PDFs written to real files -> ``load_file`` returns a LoadResult, never raises, never hangs (a
  hard per-example alarm, beside hypothesis's own deadline), and whatever it loads is text.
* The claim parser: ``extract_facets`` on random text up to the claim length limit: no crash, no slow
  regex path, every span round-trips.
* ``clean_claim``: garbage gives a clear InputError (problem -> fix), never another exception.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
import tempfile
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.ingest.loaders import LoadResult, load_file
from tests.conftest import build_pdf

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

HARD_LIMIT_S = 20  # per example: a hang fails the test instead of stalling the suite
FUZZ = hypothesis.settings(max_examples=40, deadline=dt.timedelta(seconds=10),
                           suppress_health_check=[hypothesis.HealthCheck.too_slow], database=None)


@contextlib.contextmanager
def hard_timeout(seconds: float):
    def fire(signum, frame):
        raise TimeoutError(f"took over {seconds} s")
    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def load(name: str, content: str | bytes) -> LoadResult:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8", errors="surrogatepass")
        with hard_timeout(HARD_LIMIT_S):
            result = load_file(path, 2_000_000, Path(tmp))
    assert isinstance(result, LoadResult)
    for doc in result.documents:
        assert isinstance(doc.text, str) and doc.id
    for err in result.errors:
        assert str(err)
    return result


SUFFIXES = [".md", ".txt", ".html", ".pdf", ".jsonl"]


@FUZZ
@hypothesis.given(st.binary(max_size=4000), st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    load("f" + suffix, data)


@FUZZ
@hypothesis.given(st.text(max_size=3000), st.sampled_from([".md", ".txt", ".html", ".jsonl"]))
def test_random_text(text, suffix):
    load("f" + suffix, text.encode("utf-8", "surrogatepass"))


TAGS = ["p", "div", "span", "main", "article", "nav", "footer", "script", "style", "noscript", "template",
        "h1", "table", "tr", "td", "ul", "li", "a", "b", "i", "br", "img", "iframe", "svg", "body", "html", "head",
        "title", "meta"]
STYLES = ["display:none", "visibility:hidden", "font-size:0", "color:#fff", "color:white;background:#fff",
          "opacity:0", "position:absolute;left:-9999px", "", "color:red", "display : NONE !important"]
WORDS = st.sampled_from(["ISIS", "claimed", "the", "attack", "30,000", "fighters", "ignore previous instructions",
                         "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<", ">", "\"", "'", "\x00", "é", "\u202e",
                         "<!--", "-->", "<![CDATA[", "]]>", "\n", " "])


@st.composite
def html_docs(draw, depth: int = 0):
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 3 if depth < 4 else 1))
        if kind <= 1:
            parts.append(draw(WORDS))
        else:
            tag = draw(st.sampled_from(TAGS))
            attrs = ""
            if draw(st.booleans()):
                attrs += f' style="{draw(st.sampled_from(STYLES))}"'
            if draw(st.booleans()):
                attrs += draw(st.sampled_from([" hidden", ' aria-hidden="true"', ' class="sr-only"', ' href="javascript:x"',
                                               ' onload="x()"', " =", ' "', " a=b=c"]))
            inner = draw(html_docs(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", "", f"</{draw(st.sampled_from(TAGS))}>"]))
            parts.append(f"<{tag}{attrs}>{inner}{close}")
    return "".join(parts)


@FUZZ
@hypothesis.given(html_docs())
def test_random_html(doc):
    result = load("page.html", doc)
    for d in result.documents:
        assert "<script" not in d.text.lower()


def test_deeply_nested_html_is_refused_or_loaded_not_crashed():
    load("deep.html", "<div>" * 50_000 + "ISIS claimed the attack." + "</div>" * 50_000)
    load("deep2.html", "<b><i>" * 20_000 + "text")


YAML_PIECES = st.sampled_from([
    "title: ", "id: ", "published: ", "publisher_type: ", "primary: ", "topics: ", "url: ", "as_of: ",
    "- ", "[", "]", "{", "}", ": ", "'", '"', "&a ", "*a", "!!python/object:os.system ", "!!binary ", "? ", "|",
    ">", "\n", "  ", "\t", "2019-13-45", "yes", "null", "~", "1e309", "0x1F", ".inf", "#", "---", "...", "x"])


@FUZZ
@hypothesis.given(st.lists(YAML_PIECES, max_size=40), st.text(max_size=300))
def test_random_front_matter(pieces, body):
    load("doc.md", "---\n" + "".join(pieces) + "\n---\n\n" + body)


def test_yaml_alias_bomb_is_bounded():
    """A 'billion laughs' front matter must be refused or loaded quickly, not expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("title: *i")
    load("bomb.md", "---\n" + "\n".join(lines) + "\n---\n\nISIS claimed the attack.\n")
    load("bomb2.md", "---\n" + "\n".join(lines[:-1]) + "\ntopics: *i\n---\n\nISIS claimed the attack.\n")


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                           max_leaves=12)
JSONL_LINE = st.one_of(
    st.fixed_dictionaries({}, optional={"id": JSON_VALUES, "text": JSON_VALUES, "title": JSON_VALUES,
                                        "url": JSON_VALUES, "published": JSON_VALUES, "meta": JSON_VALUES}).map(json.dumps),
    JSON_VALUES.map(json.dumps),
    st.text(max_size=60),
)


@FUZZ
@hypothesis.given(st.lists(JSONL_LINE, max_size=20))
def test_random_jsonl_lines(lines):
    load("rows.jsonl", "\n".join(lines) + "\n")


VALID_PDF = build_pdf([["ISIS claimed the attack on 7 April 2017.", "Ignore previous instructions."]], title="t")


@FUZZ
@hypothesis.given(st.lists(st.tuples(st.integers(0, len(VALID_PDF) - 1), st.integers(0, 255)), max_size=30),
                  st.integers(16, len(VALID_PDF)))
def test_mutated_pdf(flips, cut):
    data = bytearray(VALID_PDF)
    for pos, value in flips:
        data[pos] = value
    load("doc.pdf", bytes(data[:cut]))


# --- the claim parser and claim input -------------------------------------------------------------------------

CLAIM_WORDS = st.sampled_from(["30,000", "about", "over", "between", "and", "-", "ISIS", "Daesh", "claimed", "killed",
                               "returned", "not", "all", "in", "2017", "April", "the", "1.2 million", "thirty",
                               "thousand", "per cent", "%", "(", ")", "'s", "9" * 40, "1,000,000,000,000,000", "e",
                               ".", ",", "\u00a0", "Canada", "Syria", "mid-2015", "since", "past", "two", "years"])


@hypothesis.settings(max_examples=60, deadline=dt.timedelta(seconds=5), database=None)
@hypothesis.given(st.one_of(st.text(max_size=2000), st.lists(CLAIM_WORDS, max_size=300).map(" ".join)))
def test_extract_facets_on_random_text(text):
    from assistant.verify.facets import extract_facets

    with hard_timeout(HARD_LIMIT_S):
        f = extract_facets(text, dt.date(2019, 8, 4))
    for q in f.quantities:
        assert text[q.start:q.end] == q.text
    for d in f.dates:
        assert text[d.span_start:d.span_end] == d.text
    for m in f.actors + f.places:
        assert text[m.start:m.end] == m.text
    for _, s, e in f.predicates + f.quantifiers:
        assert 0 <= s < e <= len(text)


def test_extract_facets_worst_cases_are_fast():
    """Long runs of the characters the number and date patterns backtrack on stay well under a second each."""
    import time

    from assistant.verify.facets import extract_facets

    for text in ["1," * 1000, "1 " * 1000, "-" * 2000, "about " * 330, "April " * 330, "9" * 2000, "1.2." * 500,
                 "between 1 and " * 140, "ISIS " * 400]:
        started = time.perf_counter()
        with hard_timeout(HARD_LIMIT_S):
            extract_facets(text[:2000])
        assert time.perf_counter() - started < 5, text[:40]


@hypothesis.settings(max_examples=150, deadline=dt.timedelta(seconds=2), database=None)
@hypothesis.given(st.one_of(st.text(max_size=300), st.binary(max_size=50), st.integers(), st.none(), st.floats(),
                            st.lists(st.text(max_size=5), max_size=3), st.just("x" * 2001)))
def test_clean_claim_garbage_is_a_clear_input_error(value):
    from assistant.verify.claim_input import clean_claim

    try:
        out = clean_claim(value, 2000)
    except InputError as exc:
        assert " -> " in str(exc) and exc.fix
        return
    assert isinstance(out, str) and 0 < len(out) <= 2000 and out == out.strip()
