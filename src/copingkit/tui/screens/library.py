"""The strategy library: browse by what's happening, search, favourites, my own, learned from my group.

Built-in strategies can be hidden (x) but not deleted; any can be edited (ctrl+e) and my own deleted (d).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from copingkit.core import content
from copingkit.core.services.readmodels import Strategy
from copingkit.tui.context import app_context, open_services
from copingkit.tui.guided_tools import tool_for_strategy
from copingkit.tui.strategy_text import ensure_builtin_strategies, grounds_first, reaction_label
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.strategy_body import StrategyBody
from copingkit.tui.writes import write_or_warn

VIEWS: tuple[tuple[str, str], ...] = (
    ("all", "all"),
    ("favourites", "favourites"),
    ("mine", "my own"),
    ("group", "learned from my group"),
    ("hidden", "hidden"),
)


class LibraryScreen(Screen[None]):
    """Every coping strategy in this journal."""

    CSS_PATH = "library.tcss"
    AUTO_FOCUS = "#library-list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="library-back"),
        Binding("slash", "focus_search", "Search", key_display="/", id="library-focus-search"),
        Binding("f", "favourite", "Favourite", id="library-favourite"),
        Binding("x", "hide", "Hide/show", id="library-hide"),
        Binding("n", "add", "Add my own", id="library-add"),
        Binding("ctrl+e", "edit", "Edit", id="library-edit"),
        Binding("d", "delete", "Delete", id="library-delete"),
        Binding("g", "guide", "Guide me", id="library-guide"),
        Binding("b", "ground_first", "Ground first", id="library-ground-first"),
        *(
            Binding(str(n), f"view('{view}')", words.capitalize(), show=False, id=f"library-view-{view}")
            for n, (view, words) in enumerate(VIEWS, 1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "all"
        self.reaction: str | None = None
        self.strategies: list[Strategy] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="library-body"):
            with Horizontal(id="library-filters"):
                yield Input(placeholder="/ search", id="library-search", compact=True)
                yield Select[str](
                    [(reaction.label, reaction.id) for reaction in content.load_reactions()],
                    prompt="Any reaction",
                    id="library-reaction",
                    compact=True,
                )
            yield Static("", id="library-views")
            with Horizontal(id="library-columns"):
                yield OptionList(id="library-list")
                with VerticalScroll(id="library-detail"):
                    yield StrategyBody(id="library-detail-body")
                    yield Static(content.care_notice(), id="library-notice")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        ensure_builtin_strategies(app_context(self).services)
        self.refresh_list()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    # -- the list --------------------------------------------------------------------------

    def refresh_list(self, *, select: int | None = None) -> None:
        coping = open_services(self).coping
        query = self.query_one("#library-search", Input).value
        found = coping.strategies(
            reaction=self.reaction,
            query=query if query.strip() else None,
            favourites=self.view == "favourites",
            include_hidden=self.view == "hidden",
        )
        if self.view == "mine":
            found = [s for s in found if s.source == "mine"]
        elif self.view == "group":
            found = [s for s in found if s.source == "group"]
        elif self.view == "hidden":
            found = [s for s in found if s.hidden]
        options = self.query_one("#library-list", OptionList)
        current = self.current
        keep = select if select is not None else (current.id if current else None)
        self.strategies = found
        options.clear_options()
        options.add_options([Option(self._label(s), id=f"strategy-{s.id}") for s in found])
        if found:
            index = next((i for i, s in enumerate(found) if s.id == keep), 0)
            options.highlighted = index
        self._show_views()
        self._show_detail()

    def _label(self, strategy: Strategy) -> Content:
        mark = "★ " if strategy.favourite else "  "
        tag = {"mine": "  (mine)", "group": "  (group)", "pack": "  (therapist)"}.get(strategy.source, "")
        return Content.assemble(mark, strategy.title, (tag, "dim"))

    def _show_views(self) -> None:
        parts: list[tuple[str, str] | str] = []
        for n, (view, words) in enumerate(VIEWS, 1):
            if parts:
                parts.append(" · ")
            parts.append((f"{n} {words}", "bold reverse" if view == self.view else "dim"))
        parts.append(f"\n{len(self.strategies)} shown")
        self.query_one("#library-views", Static).update(Content.assemble(*parts))

    @property
    def current(self) -> Strategy | None:
        options = self.query_one("#library-list", OptionList)
        if options.highlighted is None or not self.strategies or options.highlighted >= len(self.strategies):
            return None
        return self.strategies[options.highlighted]

    def _show_detail(self) -> None:
        body = self.query_one("#library-detail-body", StrategyBody)
        strategy = self.current
        if strategy is None:
            empty = {
                "favourites": "No favourites yet. Press f on a strategy to keep it here.",
                "mine": "None of your own yet. Press n to add one.",
                "group": "Nothing from your group yet. Press n and tick \u201clearned from my group\u201d.",
                "hidden": "Nothing hidden.",
            }.get(self.view, "Nothing matches. Try fewer words, or another reaction.")
            body.update(empty)
            return
        extra: list[tuple[str, str] | str] = []
        if strategy.reactions:
            extra.append(("\n\nHelps with: " + ", ".join(reaction_label(r) for r in strategy.reactions), "dim"))
        if strategy.uses:
            extra.append((f"\nUsed {strategy.uses} time{'s' if strategy.uses != 1 else ''}.", "dim"))
        if strategy.hidden:
            extra.append(("\nHidden from suggestions. Press x to show it again.", "dim"))
        keys = ["f favourite", "x hide" if not strategy.hidden else "x show", "ctrl+e edit"]
        if strategy.source != "builtin":
            keys.append("d delete")
        if tool_for_strategy(strategy.slug) is not None:
            keys.append("g guide me")
        if grounds_first(strategy):
            keys.insert(0, "b ground first")
        extra.append(("\n\n" + " · ".join(keys), "dim"))
        body.show(strategy, Content.assemble(*extra))

    @on(OptionList.OptionHighlighted, "#library-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(Input.Changed, "#library-search")
    def search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_list()

    @on(Input.Submitted, "#library-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#library-list", OptionList).focus()

    @on(Select.Changed, "#library-reaction")
    def reaction_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.reaction = event.value if isinstance(event.value, str) else None
        self.refresh_list()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        strategy = self.current
        if action in ("favourite", "hide", "edit"):
            return strategy is not None
        if action == "delete":
            return strategy is not None and strategy.source != "builtin"
        if action == "guide":
            return strategy is not None and tool_for_strategy(strategy.slug) is not None
        if action == "ground_first":
            return grounds_first(strategy)
        return True

    def action_view(self, view: str) -> None:
        self.view = view
        self.refresh_list()
        self.refresh_bindings()

    def action_focus_search(self) -> None:
        self.query_one("#library-search", Input).focus()

    def action_favourite(self) -> None:
        strategy = self.current
        if strategy is not None and write_or_warn(
            self, lambda: open_services(self).coping.set_favourite(strategy.id, not strategy.favourite)
        ):
            self.refresh_list(select=strategy.id)

    def action_hide(self) -> None:
        strategy = self.current
        if strategy is not None and write_or_warn(
            self, lambda: open_services(self).coping.set_hidden(strategy.id, not strategy.hidden)
        ):
            self.notify(
                f"\u201c{strategy.title}\u201d won't be suggested. It's under 5 hidden."
                if not strategy.hidden
                else f"\u201c{strategy.title}\u201d is back in the library.",
                timeout=5,
            )
            self.refresh_list()

    def action_add(self) -> None:
        from copingkit.tui.modals.strategy_form import StrategyDraft, StrategyFormModal

        def added(draft: StrategyDraft | None) -> None:
            if draft is None:
                return
            created: list[Strategy] = []
            if write_or_warn(
                self,
                lambda: created.append(
                    open_services(self).coping.create(
                        draft.title,
                        draft.steps,
                        minutes=draft.minutes,
                        reactions=draft.reactions,
                        source="group" if draft.from_group else "mine",
                    )
                ),
            ):
                self.view = "group" if draft.from_group else "mine"
                self.refresh_list(select=created[0].id)
                self.refresh_bindings()

        self.app.push_screen(StrategyFormModal(from_group=self.view == "group"), callback=added)

    def action_edit(self) -> None:
        from copingkit.tui.modals.strategy_form import StrategyDraft, StrategyFormModal

        strategy = self.current
        if strategy is None:
            return

        def edited(draft: StrategyDraft | None) -> None:
            if draft is not None and write_or_warn(
                self,
                lambda: open_services(self).coping.update(
                    strategy.id, title=draft.title, steps=draft.steps, minutes=draft.minutes, reactions=draft.reactions
                ),
            ):
                self.refresh_list(select=strategy.id)

        self.app.push_screen(StrategyFormModal(strategy), callback=edited)

    def action_delete(self) -> None:
        from copingkit.tui.modals.confirm import ConfirmModal

        strategy = self.current
        if strategy is None or strategy.source == "builtin":
            return

        def decided(yes: bool | None) -> None:
            if yes and write_or_warn(self, lambda: open_services(self).coping.delete(strategy.id)):
                self.refresh_list()

        self.app.push_screen(
            ConfirmModal(f"Delete \u201c{strategy.title}\u201d and its history?", yes="Delete", no="Keep it"),
            callback=decided,
        )

    def action_ground_first(self) -> None:
        if grounds_first(self.current):
            app_context(self).push_destination("grounding")

    def action_guide(self) -> None:
        strategy = self.current
        tool = tool_for_strategy(strategy.slug) if strategy is not None else None
        if tool is not None:
            app_context(self).push_destination(tool.destination, **tool.arguments)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)


__all__ = ["LibraryScreen"]
