"""The list of guided tools."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from copingkit.tui.context import app_context
from copingkit.tui.guided_tools import TOOLS
from copingkit.tui.widgets.footer import CopingkitFooter


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
        app_context(self).push_destination(tool.destination, **tool.arguments)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
