"""Add or edit a strategy of my own: a name, steps (one per line), minutes, what it helps with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static, TextArea

from copingkit.core import content
from copingkit.core.services.readmodels import Strategy
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.tick_box import TickBox


@dataclass(frozen=True)
class StrategyDraft:
    title: str
    steps: tuple[str, ...]
    minutes: int | None
    reactions: tuple[str, ...]
    from_group: bool = False


class StrategyFormModal(ModalScreen[StrategyDraft | None]):
    """ctrl+s saves; escape closes without saving."""

    DEFAULT_CSS = """
    StrategyFormModal { align: center middle; background: $background 60%; }
    StrategyFormModal #strategy-form {
        width: 90; max-width: 100%; height: 90%; padding: 1 2;
        border: round $primary; background: $surface;
    }
    StrategyFormModal .form-label { margin-top: 1; color: $text-muted; }
    StrategyFormModal #strategy-steps { height: 8; }
    StrategyFormModal #strategy-reactions { height: 8; }
    StrategyFormModal #strategy-minutes { width: 16; }
    StrategyFormModal #strategy-error { color: $text-error; height: auto; }
    StrategyFormModal #strategy-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    StrategyFormModal #strategy-buttons Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="strategy-form-cancel"),
        Binding("ctrl+s", "save", "Save", id="strategy-form-save"),
    ]
    AUTO_FOCUS = "#strategy-title"

    def __init__(self, strategy: Strategy | None = None, *, from_group: bool = False) -> None:
        super().__init__()
        self.strategy = strategy
        self.from_group = from_group

    def compose(self) -> ComposeResult:
        strategy = self.strategy
        chosen = set(strategy.reactions) if strategy else set()
        with VerticalScroll(id="strategy-form"):
            yield Static("Edit strategy" if strategy else "A strategy of my own", classes="form-title")
            yield Label("Name", classes="form-label")
            yield Input(strategy.title if strategy else "", placeholder="e.g. Hold a warm mug", id="strategy-title")
            yield Label("Steps, one per line", classes="form-label")
            yield TextArea("\n".join(strategy.steps) if strategy else "", id="strategy-steps", soft_wrap=True)
            yield Label("About how many minutes (optional)", classes="form-label")
            yield Input(
                str(strategy.minutes) if strategy and strategy.minutes else "", type="integer", id="strategy-minutes"
            )
            yield Label("Helps with (optional)", classes="form-label")
            yield SelectionList[str](
                *((reaction.label, reaction.id, reaction.id in chosen) for reaction in content.load_reactions()),
                id="strategy-reactions",
            )
            if strategy is None:
                yield TickBox("Learned from my group", self.from_group, id="strategy-from-group")
            yield Static("", id="strategy-error")
            with Horizontal(id="strategy-buttons"):
                yield Button("Cancel", id="strategy-cancel")
                yield Button("Save", id="strategy-save", variant="primary")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        """Open at the top, with its heading in sight, whichever box has the focus."""
        self.call_after_refresh(self.query_one("#strategy-form").scroll_home, animate=False)

    def draft(self) -> StrategyDraft | None:
        title = self.query_one("#strategy-title", Input).value.strip()
        steps = tuple(
            line.strip() for line in self.query_one("#strategy-steps", TextArea).text.splitlines() if line.strip()
        )
        minutes_text = self.query_one("#strategy-minutes", Input).value.strip()
        error = self.query_one("#strategy-error", Static)
        if not title:
            error.update("It needs a name.")
            return None
        if not steps:
            error.update("It needs at least one step.")
            return None
        minutes = int(minutes_text) if minutes_text.isdigit() else None
        reactions = tuple(self.query_one("#strategy-reactions", SelectionList).selected)
        boxes = self.query("#strategy-from-group")
        from_group = bool(boxes and self.query_one("#strategy-from-group", Checkbox).value)
        return StrategyDraft(title, steps, minutes, reactions, from_group)

    def action_save(self) -> None:
        draft = self.draft()
        if draft is not None:
            self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#strategy-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#strategy-cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
