"""Pick a journal prompt. Prompts that touch on hard things say so first and offer to ground first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from copingkit.tui.widgets.footer import CopingkitFooter

DEFAULT_NOTE = (
    "This prompt touches on difficult experiences. Write only as much as feels OK, and stop whenever you like."
)


@dataclass(frozen=True)
class PromptChoice:
    prompt: Any
    ground_first: bool = False


def has_content_note(prompt: Any) -> bool:
    return bool(getattr(prompt, "content_note", False))


def note_text(prompt: Any, default: str = DEFAULT_NOTE) -> str:
    note = getattr(prompt, "content_note", None)
    return note if isinstance(note, str) and note.strip() else default


class PromptPicker(ModalScreen[PromptChoice | None]):
    """Enter uses the highlighted prompt; g grounds first; escape closes without choosing."""

    DEFAULT_CSS = """
    PromptPicker { align: center middle; }
    PromptPicker > #prompt-dialog {
        width: 84; max-width: 100%; height: 26; max-height: 100%; padding: 1 2;
        border: round $accent; background: $surface;
    }
    PromptPicker #prompt-heading { text-style: bold; margin-bottom: 1; }
    PromptPicker #prompt-list { height: 1fr; }
    PromptPicker #prompt-note { height: auto; min-height: 3; margin-top: 1; color: $text-warning; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="prompt-picker-close"),
        Binding("enter", "use", "Use prompt", id="prompt-picker-use", priority=False),
        Binding("g", "ground_first", "Ground first", id="prompt-picker-ground-first"),
    ]
    AUTO_FOCUS = "#prompt-list"

    def __init__(self, prompts: Sequence[Any], *, note: str = DEFAULT_NOTE) -> None:
        super().__init__()
        self.prompts = list(prompts)
        self.default_note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            yield Label("Start from a prompt — any of them, or none", id="prompt-heading")
            yield OptionList(
                *[Option(self._prompt_line(prompt), id=str(index)) for index, prompt in enumerate(self.prompts)],
                id="prompt-list",
            )
            yield Static("", id="prompt-note")
        yield CopingkitFooter()

    @staticmethod
    def _prompt_line(prompt: Any) -> Table:
        """The marker in a column of its own, so a prompt that wraps stays lined up under its text."""
        theme = str(getattr(prompt, "theme", "") or "").replace("-", " ")
        line = Table.grid(expand=True)
        line.add_column(width=8, no_wrap=True)
        line.add_column(ratio=1)
        marker = Text("◆ note", style="bold") if has_content_note(prompt) else Text("")
        line.add_row(
            marker, Text.assemble(str(getattr(prompt, "text", prompt)), (f"  · {theme}" if theme else "", "dim"))
        )
        return line

    @property
    def current(self) -> Any | None:
        option = self.query_one("#prompt-list", OptionList).highlighted_option
        return None if option is None or option.id is None else self.prompts[int(option.id)]

    @on(OptionList.OptionHighlighted)
    def show_note(self) -> None:
        prompt = self.current
        note = self.query_one("#prompt-note", Static)
        if prompt is not None and has_content_note(prompt):
            note.update(f"Content note: {note_text(prompt, self.default_note)}\nPress g to ground yourself first.")
        else:
            note.update("")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ground_first":
            prompt = self.current if self.is_mounted else None
            return prompt is not None and (has_content_note(prompt) or bool(getattr(prompt, "ground_first", False)))
        return True

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_use()

    def action_use(self) -> None:
        if self.current is not None:
            self.dismiss(PromptChoice(self.current))

    def action_ground_first(self) -> None:
        if self.current is not None:
            self.dismiss(PromptChoice(self.current, ground_first=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
