"""Non-secret preferences in config.toml: theme, auto-lock minutes, country, backups kept, the
bundled crisis lines a person hid.

Nothing personal lives here; the journal itself is only in the vault. Hidden and corrected crisis
lines live here (not in the journal) so that Get help honours them while the journal is locked. `Config` is a pydantic
model: a value of the wrong type falls back to its default and a number out of range is brought
into range, each with a note saying so (`load_with_notes`, shown by `copingkit doctor` and on
saving Settings), never a crash. Unknown keys are ignored and not written back. The file is
written by tomli-w, so any text (quotes, backslashes, new lines, any script) round-trips.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from copingkit import paths

THEMES = ("copingkit-calm", "copingkit-dark", "copingkit-high-contrast", "textual-light", "textual-dark")
AUTO_LOCK_RANGE = (0, 240)
BACKUPS_RANGE = (1, 365)
MOST_HIDDEN_LINES = 50


WAY_KINDS = ("call", "text", "chat", "email", "web")
MOST_CORRECTIONS = 50
LONGEST_CORRECTION = 80


class LineCorrection(BaseModel):
    """A person's correction to a bundled crisis line: this service's `kind` way is `value`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    service: str
    kind: str
    value: str


def _correction(raw: Any) -> LineCorrection | str:
    """A correction read from config.toml, or why it was left out."""
    if not isinstance(raw, Mapping):
        return "each correction is a table with service, kind and value; one was left out."
    service, kind, value = (raw.get(key) for key in ("service", "kind", "value"))
    texts = [item if isinstance(item, str) else "" for item in (service, kind, value)]
    service, kind, value = (" ".join(text.split()) for text in texts)
    if not service or not value or not all(text.isprintable() for text in (service, kind, value)):
        return "a correction needs a service name and a value; one was left out."
    if kind not in WAY_KINDS:
        return f"{kind!r} isn't one of {', '.join(WAY_KINDS)}; the correction to {service} was left out."
    if len(value) > LONGEST_CORRECTION or len(service) > LONGEST_CORRECTION:
        return f"the correction to {service[:LONGEST_CORRECTION]} is longer than {LONGEST_CORRECTION} characters; left out."
    return LineCorrection(service=service, kind=kind, value=value)


def _note(info: ValidationInfo, text: str) -> None:
    notes = (info.context or {}).get("notes")
    if notes is not None:
        notes.append(f"{info.field_name}: {text}")


def _whole_number(value: Any, info: ValidationInfo, default: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        _note(info, f"{value!r} isn't a whole number; using {default}.")
        return default
    if value < low or value > high:
        kept = max(low, min(value, high))
        _note(info, f"{value} is {'below' if value < low else 'above'} {low if value < low else high}; using {kept}.")
        return kept
    return value


class Config(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    theme: str = "copingkit-calm"
    auto_lock_minutes: int = 10
    """Minutes idle before the journal locks; 0 = never."""
    country: str = ""
    """ISO code the person chose for crisis lines; "" = not set (a guess is made, and labelled, where help is shown)."""
    backups_keep: int = 7
    hidden_lines: tuple[str, ...] = ()
    """Bundled crisis lines the person chose not to see (service names); the directory can't be hidden."""
    corrected_lines: tuple[LineCorrection, ...] = ()
    """The person's own number (or address) for a bundled line's way of reaching it, shown marked
    "(your correction)" in place of the bundled one; removing it brings the bundled one back."""

    @field_validator("theme", mode="before")
    @classmethod
    def _theme(cls, value: Any, info: ValidationInfo) -> str:
        if isinstance(value, str) and value:
            return value
        _note(info, f"{value!r} isn't a theme name; using the default.")
        return "copingkit-calm"

    @field_validator("auto_lock_minutes", mode="before")
    @classmethod
    def _auto_lock(cls, value: Any, info: ValidationInfo) -> int:
        return _whole_number(value, info, 10, AUTO_LOCK_RANGE)

    @field_validator("backups_keep", mode="before")
    @classmethod
    def _backups(cls, value: Any, info: ValidationInfo) -> int:
        return _whole_number(value, info, 7, BACKUPS_RANGE)

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: Any, info: ValidationInfo) -> str:
        if isinstance(value, str):
            return value.upper()[:2]
        _note(info, f"{value!r} isn't a country code; not set.")
        return ""

    @field_validator("hidden_lines", mode="before")
    @classmethod
    def _hidden(cls, value: Any, info: ValidationInfo) -> tuple[str, ...]:
        if not isinstance(value, (list, tuple)):
            _note(info, "should be a list of service names; none hidden.")
            return ()
        names = tuple(
            dict.fromkeys(
                " ".join(name.split())
                for name in value
                if isinstance(name, str) and name.strip() and name.isprintable()
            )
        )
        if len(names) > MOST_HIDDEN_LINES:
            _note(info, f"{len(names)} names; the first {MOST_HIDDEN_LINES} are used.")
        return names[:MOST_HIDDEN_LINES]

    @field_validator("corrected_lines", mode="before")
    @classmethod
    def _corrections(cls, value: Any, info: ValidationInfo) -> tuple[LineCorrection, ...]:
        if isinstance(value, LineCorrection) or not isinstance(value, (list, tuple)):
            _note(info, "should be a list of [[corrected_lines]] tables; none used.")
            return ()
        kept: dict[tuple[str, str], LineCorrection] = {}
        for raw in value:
            found = _correction(raw.model_dump() if isinstance(raw, LineCorrection) else raw)
            if isinstance(found, str):
                _note(info, found)
                continue
            key = (found.service.casefold(), found.kind)
            if key in kept:
                _note(info, f"two corrections to {found.service} ({found.kind}); the first is used.")
                continue
            kept[key] = found
        if len(kept) > MOST_CORRECTIONS:
            _note(info, f"{len(kept)} corrections; the first {MOST_CORRECTIONS} are used.")
        return tuple(kept.values())[:MOST_CORRECTIONS]

    def with_changes(self, **changes: object) -> Config:
        return Config.model_validate({**self.model_dump(), **changes})

    def changes_noted(self, **changes: object) -> Loaded:
        """`with_changes`, with a note for each value brought into range or replaced by its default."""
        return parse({**self.model_dump(), **changes})


@dataclass(frozen=True, slots=True)
class Loaded:
    config: Config
    notes: tuple[str, ...] = ()
    """One calm line per value that was adjusted ("auto_lock_minutes: 999 is above 240; using 240.")."""


def parse(raw: Mapping[str, Any]) -> Loaded:
    notes: list[str] = []
    config = Config.model_validate(dict(raw), context={"notes": notes})
    return Loaded(config, tuple(notes))


def load_with_notes(path: Path | None = None) -> Loaded:
    """Read the config; a missing file gives the defaults; a broken one gives them with a note."""
    path = path or paths.config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Loaded(Config())
    except (OSError, UnicodeDecodeError) as error:
        return Loaded(Config(), (f"{path.name} couldn't be read ({type(error).__name__}); using the defaults.",))
    except tomllib.TOMLDecodeError as error:
        return Loaded(Config(), (f"{path.name} isn't valid TOML ({error}); using the defaults.",))
    return parse(raw)


def load(path: Path | None = None) -> Config:
    """Read the config; a missing or broken file gives the defaults.

    The country stays "" unless the person set it: a guess from the locale is made (and labelled
    as one) where help is shown, by `copingkit.core.help.choose_country`. `COPINGKIT_CONFIG_FILE`
    names another file (`paths.config_path`).
    """
    return load_with_notes(path).config


def save(config: Config, path: Path | None = None) -> None:
    """Write the config atomically, 0600, in a 0700 folder. Empty lists are left out."""
    path = path or paths.config_path()
    paths.ensure_private_dir(path.parent)
    values = {key: value for key, value in config.model_dump().items() if value != ()}
    from copingkit.core.vault.store import write_file_atomically

    write_file_atomically(path, tomli_w.dumps(values).encode("utf-8"))
