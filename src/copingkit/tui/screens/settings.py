"""Settings: theme, auto-lock, country (for crisis lines) and backups kept.

These live in config.toml, beside the journal but never inside it; nothing personal goes there.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from copingkit import config as config_module
from copingkit.config import THEMES, Config
from copingkit.core import content
from copingkit.core.help import corrections_text, read_corrections
from copingkit.tui.context import app_context
from copingkit.tui.themes import THEME_LABELS
from copingkit.tui.typing_guard import FIRST_TEXT_BOX
from copingkit.tui.widgets.country_picker import CountryPicker
from copingkit.tui.widgets.footer import CopingkitFooter


def _whole_number(text: str, fallback: int) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return fallback


FIELD_WORDS = {"auto_lock_minutes": "Lock after", "backups_keep": "Backups to keep"}


def _in_words(note: str) -> str:
    """A config note ("auto_lock_minutes: 999 is above 240; using 240.") named as the field is labelled."""
    field, _, rest = note.partition(": ")
    return f"{FIELD_WORDS[field]}: {rest}" if field in FIELD_WORDS else note


class SettingsScreen(Screen[None]):
    """Change preferences; Save writes config.toml and applies them at once."""

    CSS_PATH = "settings.tcss"
    AUTO_FOCUS = FIRST_TEXT_BOX
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="settings-back"),
        Binding("ctrl+s", "save_settings", "Save settings", id="save-settings"),
    ]

    def compose(self) -> ComposeResult:
        app = app_context(self)
        config: Config = app.config
        path = app.vault.path if app.vault is not None else None
        with VerticalScroll(id="settings-body"):
            yield Static("Settings", classes="title")
            if path is not None:
                yield Static(
                    f"Your journal is encrypted in one file on this device:\n{path}\n"
                    "Only your passphrase or recovery key opens it. Exports you make are plain text.",
                    id="settings-privacy",
                    classes="muted",
                )
            else:
                yield Static("Demo — nothing is saved.", id="settings-privacy", classes="muted")
            yield Label("Theme", classes="field-label")
            options = [(THEME_LABELS.get(name, name), name) for name in THEMES]
            yield Select(
                options,
                value=config.theme if config.theme in THEMES else THEMES[0],
                allow_blank=False,
                id="settings-theme",
                compact=True,
            )
            yield Label("Lock after this many idle minutes (0 = never)", classes="field-label")
            yield Input(str(config.auto_lock_minutes), type="integer", id="settings-auto-lock", compact=True)
            yield Label("Country for crisis lines (type part of its name; empty = not set)", classes="field-label")
            yield CountryPicker(config.country, input_id="settings-country")
            yield Label("Bundled crisis lines to hide (their names, separated by commas)", classes="field-label")
            yield Input(
                ", ".join(config.hidden_lines), id="settings-hidden-lines", placeholder="e.g. Shout", compact=True
            )
            yield Label(
                "Your corrections to bundled lines (name: number, separated by ;)",
                classes="field-label",
            )
            yield Input(
                corrections_text(config.corrected_lines),
                id="settings-corrected-lines",
                placeholder="e.g. Samaritans: 116 123; Shout: text 85258",
                compact=True,
            )
            yield Label("Daily backups to keep", classes="field-label")
            yield Input(str(config.backups_keep), type="integer", id="settings-backups", compact=True)
            yield Static("", id="settings-message")
            with Horizontal(classes="buttons"):
                yield Button("Save settings", id="settings-save", variant="primary")
                yield Button("Back", id="settings-cancel")
            if path is not None:
                yield Label("Passphrase and recovery key", classes="field-label")
                with Horizontal(classes="buttons"):
                    yield Button("Change passphrase…", id="settings-passwd")
                    yield Button("New recovery key…", id="settings-new-recovery")
                yield Static("", id="settings-keys-message", classes="muted")
        yield CopingkitFooter()

    def _read(self) -> tuple[config_module.Loaded, tuple[str, ...]]:
        """What the fields say, with a note for each value brought into range, and each typed
        correction that names no bundled line."""
        current: Config = app_context(self).config
        country = self.query_one(CountryPicker).code
        theme = self.query_one("#settings-theme", Select).value
        corrections, problems = read_corrections(self.query_one("#settings-corrected-lines", Input).value)
        loaded = current.changes_noted(
            corrected_lines=corrections,
            theme=theme if isinstance(theme, str) else current.theme,
            auto_lock_minutes=_whole_number(
                self.query_one("#settings-auto-lock", Input).value, current.auto_lock_minutes
            ),
            country=current.country if country is None else country,
            hidden_lines=tuple(self.query_one("#settings-hidden-lines", Input).value.split(",")),
            backups_keep=_whole_number(self.query_one("#settings-backups", Input).value, current.backups_keep),
        )
        return loaded, problems

    @on(Button.Pressed, "#settings-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save_settings()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save_settings()

    @on(Button.Pressed, "#settings-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()

    @on(Button.Pressed, "#settings-passwd")
    @on(Button.Pressed, "#settings-new-recovery")
    def _change_keys(self, event: Button.Pressed) -> None:
        """The passphrase or recovery-key modal; both rotate the data key (DESIGN.md §2.2)."""
        from copingkit.tui.modals.change_keys import PASSPHRASE, RECOVERY_KEY, ChangeKeysModal

        event.stop()
        vault = app_context(self).vault
        if vault is None:
            return
        what = PASSPHRASE if event.button.id == "settings-passwd" else RECOVERY_KEY
        self.app.push_screen(
            ChangeKeysModal(vault, what=what),
            lambda done: self.query_one("#settings-keys-message", Static).update(done or "Nothing was changed."),
        )

    def action_save_settings(self) -> None:
        app = app_context(self)
        loaded, problems = self._read()
        new = loaded.config
        message = self.query_one("#settings-message", Static)
        if not app.demo:
            try:
                config_module.save(new, app.config_path)
            except OSError:
                message.update("Couldn't write the settings file just now. Nothing else was affected.")
                return
        app.apply_config(new)
        if app.vault is not None:
            app.vault.backups_keep = new.backups_keep
        self.query_one("#settings-auto-lock", Input).value = str(new.auto_lock_minutes)
        unmatched = self.query_one(CountryPicker).code is None
        self.query_one("#settings-country", Input).value = (
            content.country_name(new.country) or "" if new.country else ""
        )
        self.query_one("#settings-backups", Input).value = str(new.backups_keep)
        saved = "Used for this demo; nothing is saved." if app.demo else "Saved."
        if unmatched:
            saved = f"No country matches that; the country wasn't changed. {saved}"
        self.query_one("#settings-corrected-lines", Input).value = corrections_text(new.corrected_lines)
        notes = (*problems, *(_in_words(note) for note in loaded.notes))
        message.update(" ".join((*notes, saved)))

    def action_back(self) -> None:
        app_context(self).go("home")
