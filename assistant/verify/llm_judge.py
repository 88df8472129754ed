"""An optional LLM judge through any LangChain chat model (Ollama, OpenAI-compatible servers, llama.cpp).

The model only picks a verdict and writes an explanation with [n] markers that refer to the numbered
passages it was shown. Everything it cites is rebuilt in code from our own evidence (quotes are never
taken from the model), the figures table comes from the embedded engine, and the service then validates
every citation and drops explanation sentences that rest on none. A model that fails, times out or
answers off-format falls back to the embedded judge, and the result says so.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.errors import BackendError, ConfigError
from assistant.settings import LLMSettings
from assistant.types import VERDICTS, CheckResult, Evidence
from assistant.verify.engine import citation_for
from assistant.verify.facets import ClaimFacets
from assistant.verify.judges import EmbeddedJudge

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
_JSON = re.compile(r"\{.*\}", re.S)
_MARK = re.compile(r"\[(\d+)\]")
MAX_PASSAGES = 10


def load_prompt(name: str) -> str:
    path = PROMPTS / name
    if not path.exists():
        raise ConfigError(f"prompt file {path} is missing", "restore prompts/ from the repository")
    return path.read_text("utf-8")


def build_chat_model(s: LLMSettings):
    """The LangChain chat model named by the settings (imported only when used)."""
    key = s.api_key.get_secret_value() or None
    try:
        if s.provider == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(model=s.model, base_url=s.base_url or None, temperature=s.temperature,
                              client_kwargs={"timeout": s.timeout_s})
        if s.provider == "openai":
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(model=s.model, base_url=s.base_url or None, api_key=key or "not-needed",
                              temperature=s.temperature, timeout=s.timeout_s, max_retries=1)
        if s.provider == "fake":
            return fake_chat_model()
        if s.provider == "llamacpp":
            from langchain_community.chat_models import ChatLlamaCpp

            return ChatLlamaCpp(model_path=s.model, temperature=s.temperature, n_ctx=4096, verbose=False)
    except ImportError as exc:
        raise ConfigError(f"the LLM provider '{s.provider}' needs an optional package ({exc.name})",
                          "install the extra: pip install -e '.[llm]' (or '.[llamacpp]')") from exc
    raise ConfigError(f"the LLM provider '{s.provider}' cannot be built from settings",
                      "use ollama, openai or llamacpp, or pass a chat model to LLMJudge directly")


def fake_chat_model():
    """A deterministic stand-in model (provider 'fake') for trying the LLM plumbing without a server:
    it always cites passage 1 as the closest source and abstains from a verdict."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    canned = json.dumps({"verdict": "not_enough_evidence", "confidence": 0.5, "cited": [1],
                         "explanation": "The fake model does not judge; passage 1 is the closest source [1].",
                         "missing_context": ""})
    return FakeListChatModel(responses=[canned])


def parse_answer(text: str, n_passages: int) -> dict:
    """The model's JSON answer, checked; BackendError if it is off-format."""
    match = _JSON.search(text or "")
    if not match:
        raise BackendError("the LLM did not answer with a JSON object", "check the model or use the embedded judge")
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError as exc:
        raise BackendError(f"the LLM answered with invalid JSON ({exc.msg})", "use a stronger model") from exc
    verdict = str(data.get("verdict", "")).strip().lower()
    if verdict not in VERDICTS:
        raise BackendError(f"the LLM gave an unknown verdict {verdict!r}", "use a stronger model")
    try:
        confidence = min(1.0, max(0.0, float(data.get("confidence", 0.5))))
    except (TypeError, ValueError):
        confidence = 0.5
    cited = [int(n) for n in data.get("cited", []) if str(n).isdigit() and 1 <= int(n) <= n_passages]
    return {"verdict": verdict, "confidence": confidence, "explanation": str(data.get("explanation", "")),
            "missing_context": str(data.get("missing_context", "")), "cited": cited}


class LLMJudge:
    name = "llm"

    def __init__(self, chat_model, fallback: EmbeddedJudge | None = None) -> None:
        self.chat_model = chat_model
        self.fallback = fallback or EmbeddedJudge()
        self.system = load_prompt("judge_system.md")
        self.user = load_prompt("judge_user.md")

    @classmethod
    def from_settings(cls, s: LLMSettings) -> "LLMJudge":
        return cls(build_chat_model(s))

    def _messages(self, claim: str, passages: list[Evidence]):
        from langchain_core.messages import HumanMessage, SystemMessage

        lines = []
        for n, e in enumerate(passages, start=1):
            m = e.meta
            text = e.text.replace("</passages>", "</ passages>")
            lines.append(f"[{n}] ({m.publisher or e.doc_id}, {m.published or 'undated'}; figures as of {m.as_of or '?'}) {text}")
        user = self.user.replace("{claim}", claim).replace("{passages}", "\n".join(lines))
        return [SystemMessage(self.system), HumanMessage(user)]

    def judge(self, claim: str, facets: ClaimFacets, evidence: list[Evidence]) -> CheckResult:
        embedded = self.fallback.judge(claim, facets, evidence)
        passages = evidence[:MAX_PASSAGES]
        if not passages:
            return embedded.model_copy(update={"judge": "llm (no evidence: embedded answer)"})
        try:
            reply = self.chat_model.invoke(self._messages(claim, passages))
            answer = parse_answer(getattr(reply, "content", str(reply)), len(passages))
        except Exception as exc:  # noqa: BLE001 - any backend failure falls back, and says so
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            return embedded.model_copy(update={"judge": f"embedded (llm failed: {reason})"})
        numbers = sorted(set(answer["cited"]) | {int(n) for n in _MARK.findall(answer["explanation"] + answer["missing_context"])
                                                 if 1 <= int(n) <= len(passages)})
        citations = [citation_for(n, passages[n - 1]) for n in numbers]
        figures = [f for f in embedded.figures if f.citation and any(
            c.quote == embedded.citations[f.citation - 1].quote for c in citations)] if embedded.citations else []
        renumber = {c.quote: c.n for c in citations}
        figures = [f.model_copy(update={"citation": renumber[embedded.citations[f.citation - 1].quote]}) for f in figures]
        return CheckResult(claim=claim, verdict=answer["verdict"], confidence=answer["confidence"],
                           explanation=answer["explanation"], missing_context=answer["missing_context"],
                           figures=figures, citations=citations, judge=self.name)
