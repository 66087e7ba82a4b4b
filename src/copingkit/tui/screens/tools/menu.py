"""The list of guided tools."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from copingkit.tui.widgets.footer import CopingkitFooter


@dataclass(frozen=True)
class Tool:
    id: str
    title: str
    blurb: str
    make: Callable[[], Screen]
    strategies: tuple[str, ...] = ()


def _breathing(pattern_id: str) -> Callable[[], Screen]:
    def make() -> Screen:
        from copingkit.tui.screens.tools.breathing import BreathingScreen

        return BreathingScreen(pattern_id)

    return make


def _grounding() -> Screen:
    from copingkit.tui.screens.tools.grounding import GroundingScreen

    return GroundingScreen()


def _muscle() -> Screen:
    from copingkit.tui.screens.tools.muscle import MuscleRelaxationScreen

    return MuscleRelaxationScreen()


def _safe_place() -> Screen:
    from copingkit.tui.screens.tools.safe_place import SafePlaceScreen

    return SafePlaceScreen()


TOOLS: tuple[Tool, ...] = (
    Tool(
        "longer-out",
        "Longer breath out",
        "In 4, out 6, no holding. The one to start with.",
        _breathing("longer-out"),
        ("paced-breathing", "belly-breathing"),
    ),
    Tool(
        "short-hold",
        "Longer out, short pause",
        "In 4, pause 2, out 6. Skip the hold if it feels uncomfortable.",
        _breathing("short-hold"),
    ),
    Tool(
        "box",
        "Box breathing",
        "In 4, hold 4, out 4, hold 4. Skip the hold if it feels uncomfortable.",
        _breathing("box"),
        ("box-breathing",),
    ),
    Tool(
        "grounding",
        "5-4-3-2-1 grounding",
        "Come back to the room through your senses.",
        _grounding,
        ("five-four-three-two-one",),
    ),
    Tool(
        "muscle",
        "Tense and let go",
        "Progressive muscle relaxation, one part at a time.",
        _muscle,
        ("muscle-relaxation",),
    ),
    Tool("safe-place", "A calm place", "Picture a place where you feel calm.", _safe_place, ("calm-place",)),
)


class ToolsScreen(Screen[None]):
    """Pick a tool; each one can be left at any moment with escape."""

    CSS_PATH = "tools.tcss"
    AUTO_FOCUS = "#tools-list"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="tools-back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="tools-body"):
            yield Static("Guided tools", classes="tools-title")
            yield Static("Short, guided exercises. Stop any time something feels worse.", classes="tools-hint")
            yield OptionList(
                *(
                    Option(Content.assemble((tool.title, "bold"), ("\n" + tool.blurb, "dim")), id=tool.id)
                    for tool in TOOLS
                ),
                id="tools-list",
            )
        yield CopingkitFooter()

    @on(OptionList.OptionSelected, "#tools-list")
    def open_tool(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        tool = next(tool for tool in TOOLS if tool.id == event.option.id)
        self.app.push_screen(tool.make())

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
