"""Learn: short, sourced cards about trauma reactions, peer support, finding a group and getting help."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from copingkit.core import content
from copingkit.tui.widgets.footer import CopingkitFooter


def card_content(card: content.LearnCard) -> Content:
    parts: list[tuple[str, str] | str] = [(card.title, "bold"), "\n"]
    for paragraph in card.body:
        if paragraph.startswith("- "):
            parts.append(f"\n  • {paragraph[2:]}")
        else:
            parts.append(f"\n\n{paragraph}" if len(parts) > 2 else f"\n{paragraph}")
    parts.append(("\n\nSources", "bold dim"))
    for source in card.sources:
        parts.append((f"\n  {source.name}" + (f"\n  {source.url}" if source.url else ""), "dim"))
    return Content.assemble(*parts)


class LearnScreen(Screen[None]):
    """Pick a card on the left; read it on the right."""

    CSS_PATH = "learn.tcss"
    AUTO_FOCUS = "#learn-list"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="learn-back")]

    def __init__(self) -> None:
        super().__init__()
        self.cards = content.load_learn_cards()

    def compose(self) -> ComposeResult:
        with Horizontal(id="learn-columns"):
            yield OptionList(*(Option(card.title, id=card.id) for card in self.cards), id="learn-list")
            with VerticalScroll(id="learn-card"):
                yield Static("", id="learn-card-body")
                yield Static(content.learn_notice(), id="learn-notice")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.show_card(0)

    def show_card(self, index: int) -> None:
        if 0 <= index < len(self.cards):
            self.query_one("#learn-card-body", Static).update(card_content(self.cards[index]))
            self.query_one("#learn-card", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#learn-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_card(event.option_index)

    @on(OptionList.OptionSelected, "#learn-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#learn-card", VerticalScroll).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#learn-card"):
            self.query_one("#learn-list", OptionList).focus()
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
