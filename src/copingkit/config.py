"""Non-secret preferences in config.toml: theme, auto-lock minutes, country, backups kept, the
bundled crisis lines a person hid.

Nothing personal lives here; the journal itself is only in the vault. Hidden and corrected crisis
lines live here (not in the journal) so that Get help honours them while the journal is locked.
Every value goes through its field's cleaner (`_CLEANERS`), whether read from the file or given to
`Config(...)`: a value of the wrong type falls back to its default and a number out of range is
brought into range, each with a note saying so (`load_with_notes`, shown by `copingkit doctor` and
on saving Settings), never a crash. Unknown keys are ignored and not written back. The file is
written by tomli-w, so any text (quotes, backslashes, new lines, any script) round-trips.

Plain frozen dataclasses with those cleaners, not pydantic models: the app reads this file before
its first screen, and building pydantic's validators took a fifth of that start (issue 13).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import tomli_w

from copingkit import paths

THEMES = ("copingkit-calm", "copingkit-dark", "copingkit-high-contrast", "textual-light", "textual-dark")
AUTO_LOCK_RANGE = (0, 240)
BACKUPS_RANGE = (1, 365)
MOST_HIDDEN_LINES = 50


WAY_KINDS = ("call", "text", "chat", "email", "web")
MOST_CORRECTIONS = 50
LONGEST_CORRECTION = 80


@dataclass(frozen=True, slots=True)
class LineCorrection:
    """A person's correction to a bundled crisis line: this service's `kind` way is `value`."""

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


Note = Callable[[str], None]
"""Says why a value was adjusted (the field's name is added in front)."""


def _whole_number(value: Any, note: Note, default: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        note(f"{value!r} isn't a whole number; using {default}.")
        return default
    if value < low or value > high:
        kept = max(low, min(value, high))
        note(f"{value} is {'below' if value < low else 'above'} {low if value < low else high}; using {kept}.")
        return kept
    return value


def _theme(value: Any, note: Note) -> str:
    if isinstance(value, str) and value:
        return value
    note(f"{value!r} isn't a theme name; using the default.")
    return "copingkit-calm"


def _auto_lock(value: Any, note: Note) -> int:
    return _whole_number(value, note, 10, AUTO_LOCK_RANGE)


def _backups(value: Any, note: Note) -> int:
    return _whole_number(value, note, 7, BACKUPS_RANGE)


def _country(value: Any, note: Note) -> str:
    if isinstance(value, str):
        return value.upper()[:2]
    note(f"{value!r} isn't a country code; not set.")
    return ""


def _hidden(value: Any, note: Note) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        note("should be a list of service names; none hidden.")
        return ()
    names = tuple(
        dict.fromkeys(
            " ".join(name.split()) for name in value if isinstance(name, str) and name.strip() and name.isprintable()
        )
    )
    if len(names) > MOST_HIDDEN_LINES:
        note(f"{len(names)} names; the first {MOST_HIDDEN_LINES} are used.")
    return names[:MOST_HIDDEN_LINES]


def _corrections(value: Any, note: Note) -> tuple[LineCorrection, ...]:
    if isinstance(value, LineCorrection) or not isinstance(value, (list, tuple)):
        note("should be a list of [[corrected_lines]] tables; none used.")
        return ()
    kept: dict[tuple[str, str], LineCorrection] = {}
    for raw in value:
        found = _correction(asdict(raw) if isinstance(raw, LineCorrection) else raw)
        if isinstance(found, str):
            note(found)
            continue
        key = (found.service.casefold(), found.kind)
        if key in kept:
            note(f"two corrections to {found.service} ({found.kind}); the first is used.")
            continue
        kept[key] = found
    if len(kept) > MOST_CORRECTIONS:
        note(f"{len(kept)} corrections; the first {MOST_CORRECTIONS} are used.")
    return tuple(kept.values())[:MOST_CORRECTIONS]


_CLEANERS: dict[str, Callable[[Any, Note], Any]] = {
    "theme": _theme,
    "auto_lock_minutes": _auto_lock,
    "country": _country,
    "backups_keep": _backups,
    "hidden_lines": _hidden,
    "corrected_lines": _corrections,
}
"""Each field's cleaner, in the order the notes are given."""


def _cleaned(raw: Mapping[str, Any], notes: list[str] | None) -> dict[str, Any]:
    """The known fields of `raw`, each through its cleaner (unknown keys are left out)."""
    values = {}
    for name, clean in _CLEANERS.items():
        if name in raw:

            def note(text: str, name: str = name) -> None:
                if notes is not None:
                    notes.append(f"{name}: {text}")

            values[name] = clean(raw[name], note)
    return values


@dataclass(frozen=True)
class Config:
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

    def __post_init__(self) -> None:
        """Values given here go through the same cleaners as the file's (without notes)."""
        for name, value in _cleaned({field.name: getattr(self, field.name) for field in fields(self)}, None).items():
            object.__setattr__(self, name, value)

    def with_changes(self, **changes: object) -> Config:
        return parse({**asdict(self), **changes}).config

    def changes_noted(self, **changes: object) -> Loaded:
        """`with_changes`, with a note for each value brought into range or replaced by its default."""
        return parse({**asdict(self), **changes})


@dataclass(frozen=True, slots=True)
class Loaded:
    config: Config
    notes: tuple[str, ...] = ()
    """One calm line per value that was adjusted ("auto_lock_minutes: 999 is above 240; using 240.")."""


def parse(raw: Mapping[str, Any]) -> Loaded:
    notes: list[str] = []
    config = Config(**_cleaned(raw, notes))
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
    values = {key: value for key, value in asdict(config).items() if value != ()}
    from copingkit.core.vault.store import write_file_atomically

    write_file_atomically(path, tomli_w.dumps(values).encode("utf-8"))
