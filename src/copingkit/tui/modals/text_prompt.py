"""Ask for one line of text (an edit, a file path). Enter gives it back; escape gives back None."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TextPromptModal(ModalScreen[str | None]):
    """One question, one line. `notice` is shown above the box (e.g. the plaintext warning)."""

    DEFAULT_CSS = """
    TextPromptModal { align: center middle; background: $background 60%; }
    TextPromptModal #text-prompt-dialog {
        width: 76; max-width: 100%; height: auto; padding: 1 2;
        border: round $primary; background: $surface;
    }
    TextPromptModal #text-prompt-question { text-style: bold; margin-bottom: 1; }
    TextPromptModal #text-prompt-notice { margin-bottom: 1; padding: 0 1; border-left: thick $warning; }
    TextPromptModal #text-prompt-keys { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="text-prompt-cancel")]
    AUTO_FOCUS = "#text-prompt-input"

    def __init__(
        self, question: str, *, value: str = "", notice: str = "", placeholder: str = "", password: bool = False
    ) -> None:
        super().__init__()
        self.password = password
        self.question = question
        self.value = value
        self.notice = notice
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="text-prompt-dialog"):
            yield Static(self.question, id="text-prompt-question", markup=False)
            if self.notice:
                yield Static(self.notice, id="text-prompt-notice", markup=False)
            yield Input(self.value, placeholder=self.placeholder, password=self.password, id="text-prompt-input")
            yield Static("enter  OK · escape  cancel", id="text-prompt-keys")

    @on(Input.Submitted, "#text-prompt-input")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
