"""A coping strategy: its head, then each step its own row beside its number."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from copingkit.core.services.readmodels import Strategy
from copingkit.tui.strategy_text import strategy_head


class StrategyBody(Vertical):
    """A strategy with each step its own row beside its number, so a step that wraps keeps its indent
    (the Learn bullets' mechanism)."""

    DEFAULT_CSS = """
    StrategyBody { height: auto; }
    StrategyBody .strategy-step { height: auto; }
    StrategyBody .strategy-step-number { width: 4; }
    StrategyBody .strategy-step-text { width: 1fr; }
    StrategyBody .strategy-head { margin-bottom: 1; }
    """

    def update(self, text: str | Content) -> None:
        """A plain message instead of a strategy."""
        self.remove_children()
        self.mount(Static(text))

    def show(self, strategy: Strategy, extra: Content | None = None) -> None:
        rows: list[Static | Horizontal] = [Static(strategy_head(strategy), classes="strategy-head")]
        for number, step in enumerate(strategy.steps, 1):
            rows.append(
                Horizontal(
                    Static(f"{number:>2}.", classes="strategy-step-number"),
                    Static(Content(step), classes="strategy-step-text"),
                    classes="strategy-step",
                )
            )
        tail = Content.styled(strategy.approach, "italic dim") if strategy.approach else Content("")
        if extra is not None:
            tail = Content.assemble(tail, extra)
        if tail.plain.strip():
            blank = len(tail.plain) - len(tail.plain.lstrip("\n"))
            rows.append(Static(Content.assemble("\n", tail[blank:]), classes="strategy-tail"))
        self.remove_children()
        self.mount(*rows)
