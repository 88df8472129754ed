"""The README stays true: quick-start commands and every setting documented."""
from pathlib import Path

from pydantic import BaseModel

from assistant.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def _fields(model, prefix=""):
    for name, field in model.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            yield from _fields(field.annotation, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", field


def test_quick_start_commands():
    assert "make run" in README and "make test" in README


def test_every_setting_is_described_and_documented():
    for name, field in _fields(Settings):
        assert field.description, f"setting {name} has no description"
        assert f"`{name}`" in README, f"setting {name} missing from the README table"
