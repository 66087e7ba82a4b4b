"""Learn: short, sourced cards about trauma reactions, peer support, finding a group and getting help."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from copingkit.core import content
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.url_text import UrlText


def card_widgets(card: content.LearnCard) -> list[Widget]:
    """The card as lines of its own, so a bullet that wraps keeps its indent under the text."""
    widgets: list[Widget] = [Static(Content.styled(card.title, "bold"), classes="learn-title")]
    for paragraph in card.body:
        if paragraph.startswith("- "):
            widgets.append(
                Horizontal(
                    Static("•", classes="learn-bullet-mark"),
                    Static(Content(paragraph[2:]), classes="learn-bullet-text"),
                    classes="learn-bullet",
                )
            )
        else:
            widgets.append(Static(Content(paragraph), classes="learn-paragraph"))
    widgets.append(Static(Content.styled("Sources", "bold dim"), classes="learn-sources"))
    for source in card.sources:
        widgets.append(Static(Content.styled(source.name, "dim"), classes="learn-source"))
        if source.url:
            widgets.append(UrlText(source.url, style="dim", classes="learn-source learn-url"))
    return widgets


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
                yield Vertical(id="learn-card-body")
                yield Static(content.learn_notice(), id="learn-notice")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.show_card(0)

    def show_card(self, index: int) -> None:
        if 0 <= index < len(self.cards):
            body = self.query_one("#learn-card-body", Vertical)
            with self.app.batch_update():
                body.remove_children()
                body.mount_all(card_widgets(self.cards[index]))
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
