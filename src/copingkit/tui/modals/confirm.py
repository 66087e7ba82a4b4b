"""A calm yes/no question that returns True (yes) or False (no, or escape)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from copingkit.core.passphrase import is_short, short_warning
from copingkit.tui.widgets.footer import CopingkitFooter


class ConfirmModal(ModalScreen[bool]):
    """Ask one question; escape means no."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "answer(False)", "Back", id="confirm-back")]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no, id="confirm-no", variant="primary")
                yield Button(self.yes, id="confirm-yes")
        yield CopingkitFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def use_passphrase(app: App, passphrase: str, go: Callable[[str], object]) -> None:
    """Go on with a new passphrase, first asking "Use it anyway?" if it is short (the person decides)."""
    if not is_short(passphrase):
        go(passphrase)
        return

    def decided(use_it: bool | None) -> None:
        if use_it:
            go(passphrase)

    app.push_screen(
        ConfirmModal(f"{short_warning(passphrase)} Use it anyway?", yes="Use it anyway", no="Make it longer"), decided
    )
