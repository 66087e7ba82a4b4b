"""Non-secret preferences in config.toml: theme, auto-lock minutes, country, backups kept.

Nothing personal lives here; the journal itself is only in the vault.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from copingkit import paths

THEMES = ("copingkit-calm", "copingkit-dark", "copingkit-high-contrast", "textual-light", "textual-dark")


@dataclass(frozen=True)
class Config:
    theme: str = "copingkit-calm"
    auto_lock_minutes: int = 10
    country: str = ""
    backups_keep: int = 7
    hidden_lines: tuple[str, ...] = ()
    """Bundled crisis lines the person chose not to see (service names); the directory can't be hidden."""

    def with_changes(self, **changes: object) -> Config:
        return replace(self, **changes).validated()

    def validated(self) -> Config:
        theme = self.theme if isinstance(self.theme, str) and self.theme else Config.theme
        minutes = self.auto_lock_minutes if isinstance(self.auto_lock_minutes, int) else Config.auto_lock_minutes
        minutes = max(0, min(minutes, 240))
        keep = self.backups_keep if isinstance(self.backups_keep, int) else Config.backups_keep
        keep = max(1, min(keep, 365))
        country = self.country.upper()[:2] if isinstance(self.country, str) else ""
        raw = self.hidden_lines if isinstance(self.hidden_lines, (list, tuple)) else ()
        hidden = tuple(
            dict.fromkeys(
                " ".join(name.split()) for name in raw if isinstance(name, str) and name.strip() and name.isprintable()
            )
        )
        return Config(
            theme=theme, auto_lock_minutes=minutes, country=country, backups_keep=keep, hidden_lines=hidden[:50]
        )


def load(path: Path | None = None) -> Config:
    """Read the config; a missing or broken file gives the defaults.

    The country stays "" unless the person set it: a guess from the locale is made (and labelled
    as one) where help is shown, by `copingkit.core.help.choose_country`.
    """
    path = path or paths.config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        raw = {}
    known = {key: raw[key] for key in asdict(Config()) if key in raw}
    return Config(**known).validated()


def _quoted(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def save(config: Config, path: Path | None = None) -> None:
    """Write the config atomically, 0600, in a 0700 folder."""
    path = path or paths.config_path()
    paths.ensure_private_dir(path.parent)
    lines = []
    for key, value in asdict(config.validated()).items():
        if isinstance(value, tuple):
            if value:
                lines.append(f"{key} = [{', '.join(_quoted(item) for item in value)}]")
        elif isinstance(value, str):
            lines.append(f"{key} = {_quoted(value)}")
        else:
            lines.append(f"{key} = {value}")
    from copingkit.core.vault.store import write_file_atomically

    write_file_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))
