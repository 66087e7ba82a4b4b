"""The first-run country step: one screen, skippable, a searchable list of country names.

The country decides which crisis lines and emergency number Get help shows. It lives in
config.toml (on this device, outside the journal), so it holds while the journal is locked.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from copingkit.core.help import choose_country
from copingkit.tui.context import app_context
from copingkit.tui.widgets.country_picker import CountryPicker
from copingkit.tui.widgets.footer import CopingkitFooter

WHY = (
    "copingkit shows crisis lines and the emergency number for the country you choose. "
    "It is kept on this device in your settings, not in your journal, and nothing is sent anywhere. "
    "You can skip this and set it later in Settings (press ,)."
)


class CountryScreen(ModalScreen["str | None"]):
    """Returns a country code, or None when skipped."""

    CSS_PATH = "country.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "skip", "Skip", id="country-skip")]
    AUTO_FOCUS = "#country-search"

    def compose(self) -> ComposeResult:
        guess = choose_country("")
        with Vertical(id="country-dialog"):
            yield Static("Which country are you in?", id="country-title", classes="title")
            yield Static(WHY, id="country-why")
            if guess.known:
                yield Static(
                    f"Your system's language setting suggests {guess.name}: a guess, yours to change.",
                    id="country-guess",
                    classes="muted",
                )
            yield CountryPicker(guess.code, input_id="country-search")
            with Horizontal(classes="buttons"):
                yield Button("Use this country", id="country-use", variant="primary")
                yield Button("Skip for now", id="country-skip-button")
        yield CopingkitFooter()

    @on(CountryPicker.Chosen)
    def _chosen(self, event: CountryPicker.Chosen) -> None:
        event.stop()
        self.dismiss(event.code)

    @on(Button.Pressed, "#country-use")
    def _use(self, event: Button.Pressed) -> None:
        event.stop()
        code = self.query_one(CountryPicker).code
        if code:
            self.dismiss(code)

    @on(Button.Pressed, "#country-skip-button")
    def _skip_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_skip()

    def action_skip(self) -> None:
        self.dismiss(None)


def remember_country(app: App[Any], code: str | None) -> None:
    """Write a chosen country to config.toml and use it now; a skip or a failed write changes nothing."""
    from copingkit import config as config_module

    if not code:
        return
    context = app_context(app)
    new = context.config.with_changes(country=code)
    if context.config_path is not None and not context.demo:
        try:
            config_module.save(new, context.config_path)
        except OSError:
            app.notify(
                "Couldn't write the settings file just now; the country is used until you quit.", severity="warning"
            )
    context.apply_config(new)
