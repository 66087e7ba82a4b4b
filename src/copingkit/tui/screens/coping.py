"""The coping loop: what's happening → distress 0–10 (optional) → one strategy → re-rate → next.

Modelled on PTSD Coach. Each before/after pair is stored with `coping.record_use`; that record is
what puts the strategies that helped this person first next time (`coping.suggest`). "Reach out"
is one key away at every step.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option

from copingkit.core import content
from copingkit.core.help import REACH_OUT_FIRST, reach_out_first
from copingkit.core.services.readmodels import Strategy
from copingkit.tui.context import app_context, open_services
from copingkit.tui.guided_tools import tool_for_strategy
from copingkit.tui.strategy_text import ensure_builtin_strategies, grounds_first, reaction_label
from copingkit.tui.widgets.distress_scale import DistressScale
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.strategy_body import StrategyBody

ANY_REACTION = "something-else"


def result_words(before: int | None, after: int | None) -> str:
    """What to say after a re-rating: honest, kind, never a score to beat."""
    if before is None or after is None:
        return "Thank you for trying it."
    if after < before:
        return f"From {before} to {after}. Worth remembering: this one helped just now."
    if after == before:
        return f"Still {after}. That's OK — not every skill fits every moment."
    return f"From {before} to {after}. That happens, and it isn't your fault. Another skill, or reaching out, may fit better."


def result_keys(reach_out_first: bool) -> str:
    """The keys after a re-rating; reaching out comes first when distress rose or stays 8+."""
    reach = "r  reach out: your people, lines and safety plan"
    rest = ["n  try another strategy", "f  save this one as a favourite"]
    keys = [REACH_OUT_FIRST, reach, *rest] if reach_out_first else [*rest, reach]
    return "\n".join([*keys, "escape  finish for now"])


class CopingScreen(Screen[None]):
    """One strategy at a time for what is happening right now."""

    CSS_PATH = "coping.tcss"
    AUTO_FOCUS = "#coping-reactions"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="coping-back"),
        Binding("s", "skip", "Skip rating", id="coping-skip"),
        Binding("d,enter", "done", "Done, re-rate", key_display="d", id="coping-done"),
        Binding("n", "another", "Try another", id="coping-another"),
        Binding("f", "favourite", "Favourite", id="coping-favourite"),
        Binding("g", "guide", "Guide me", id="coping-guide"),
        Binding("b", "ground_first", "Ground first", id="coping-ground-first"),
        Binding("r", "reach_out", "Reach out", id="coping-reach-out"),
    ]

    def __init__(self, reaction: str | None = None) -> None:
        super().__init__()
        self.stage = "pick"
        self.reaction: str | None = None
        self.before: int | None = None
        self.after: int | None = None
        self.queue: list[Strategy] = []
        self.index = 0
        self.tried: list[int] = []
        self._start_reaction = reaction

    @property
    def strategy(self) -> Strategy | None:
        return self.queue[self.index] if self.queue else None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="coping-pick", id="coping-stages"):
            with Vertical(id="coping-pick"):
                yield Static("I'm struggling with…", classes="coping-title")
                yield Static("Pick what fits best. There is no wrong answer.", classes="coping-hint")
                yield OptionList(*self._reaction_options(), id="coping-reactions")
                yield Input(
                    placeholder="Or type it in your own words (anxiety, nightmare, lonely…) and press enter",
                    id="coping-words",
                    compact=True,
                )
                yield Static("", id="coping-words-message", classes="coping-hint")
            with Vertical(id="coping-before"):
                yield Static("", id="coping-before-title", classes="coping-title")
                yield Static(
                    "How strong is the distress right now? 0 is none, 10 is the most you can imagine.",
                    classes="coping-ask",
                )
                yield DistressScale(id="coping-before-scale")
                yield Static("Press a number (t for 10), or s to skip. Rating is optional.", classes="coping-hint")
            with VerticalScroll(id="coping-strategy"):
                yield StrategyBody(id="coping-strategy-body")
                yield Static(content.care_notice(), id="coping-notice", classes="coping-hint")
                yield Static("", id="coping-strategy-keys", classes="coping-keys")
            with Vertical(id="coping-after"):
                yield Static("", id="coping-after-title", classes="coping-title")
                yield Static("How strong is the distress now?", classes="coping-ask")
                yield DistressScale(id="coping-after-scale")
                yield Static("Press a number (t for 10), or s to skip.", classes="coping-hint")
            with Vertical(id="coping-result"):
                yield Static("", id="coping-result-text", classes="coping-title")
                yield Static("", id="coping-result-favourite", classes="coping-hint")
                yield Static(result_keys(False), id="coping-result-keys", classes="coping-keys")
        yield CopingkitFooter()

    def _reaction_options(self) -> list[Option]:
        options = [
            Option(Content.assemble((reaction.label, "bold"), ("\n" + reaction.description, "dim")), id=reaction.id)
            for reaction in content.load_reactions()
        ]
        options.append(Option(Content.assemble(("Something else, or not sure", "bold")), id=ANY_REACTION))
        return options

    def on_mount(self) -> None:
        ensure_builtin_strategies(app_context(self).services)
        if self._start_reaction is not None:
            self.start(self._start_reaction)

    # -- stages --------------------------------------------------------------------------

    def show(self, stage: str) -> None:
        self.stage = stage
        self.query_one(ContentSwitcher).current = f"coping-{stage}"
        focus = {
            "pick": "#coping-reactions",
            "before": "#coping-before-scale",
            "strategy": "#coping-strategy",
            "after": "#coping-after-scale",
            "result": "#coping-result",
        }[stage]
        target = self.query_one(focus)
        if target.focusable:
            target.focus()
        else:
            self.set_focus(None)
        self.refresh_bindings()

    def start(self, reaction: str | None) -> None:
        """Begin the loop for a reaction (None: anything)."""
        self.reaction = None if reaction in (None, ANY_REACTION) else reaction
        self.before = self.after = None
        self.tried = []
        self.query_one("#coping-before-title", Static).update(
            Content.assemble(("Struggling with: ", "dim"), (reaction_label(self.reaction), "bold"))
        )
        self.query_one("#coping-before-scale", DistressScale).reset()
        self.show("before")

    @on(OptionList.OptionSelected, "#coping-reactions")
    def reaction_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.start(event.option.id)

    @on(Input.Submitted, "#coping-words")
    def words_typed(self, event: Input.Submitted) -> None:
        """Plain words and synonyms ("panic", "can't sleep", "on edge"); anything else: did you mean."""
        event.stop()
        if not event.value.strip():
            return
        found = content.match_reaction(event.value)
        message = self.query_one("#coping-words-message", Static)
        if found is not None:
            message.update("")
            event.input.value = ""
            self.start(found.id)
            return
        close = content.reaction_suggestions(event.value)
        guess = f"Did you mean {' or '.join(r.label.lower() for r in close)}? " if close else ""
        message.update(
            f"copingkit doesn't know that one yet. {guess}Pick from the list above, "
            'or choose "Something else, or not sure".'
        )

    @on(DistressScale.Chosen, "#coping-before-scale")
    def before_chosen(self, event: DistressScale.Chosen) -> None:
        event.stop()
        self.before = event.value
        self.first_strategy()

    @on(DistressScale.Skipped, "#coping-before-scale")
    def before_skipped(self, event: DistressScale.Skipped) -> None:
        event.stop()
        self.before = None
        self.first_strategy()

    def first_strategy(self) -> None:
        self.queue = open_services(self).coping.suggest(self.reaction)
        self.index = 0
        if not self.queue:
            self.queue = open_services(self).coping.suggest(None)
        self.show_strategy()

    def show_strategy(self) -> None:
        strategy = self.strategy
        body = self.query_one("#coping-strategy-body", StrategyBody)
        keys = self.query_one("#coping-strategy-keys", Static)
        if strategy is None:
            body.update("There are no strategies to show yet. You can add your own in the library (l).")
            keys.update("r  reach out · escape  back")
        else:
            body.show(strategy)
            start = f"Starting from {self.before}. " if self.before is not None else ""
            guide = "g  guide me through it · " if tool_for_strategy(strategy.slug) is not None else ""
            if grounds_first(strategy):
                guide = "b  ground first (5-4-3-2-1) · " + guide
            keys.update(f"{start}When you've tried it, press d.\n{guide}n  another · f  favourite · r  reach out")
        self.query_one("#coping-strategy", VerticalScroll).scroll_home(animate=False)
        self.show("strategy")

    @on(DistressScale.Chosen, "#coping-after-scale")
    def after_chosen(self, event: DistressScale.Chosen) -> None:
        event.stop()
        self.finish_try(event.value)

    @on(DistressScale.Skipped, "#coping-after-scale")
    def after_skipped(self, event: DistressScale.Skipped) -> None:
        event.stop()
        self.finish_try(None)

    def finish_try(self, after: int | None) -> None:
        strategy = self.strategy
        if strategy is None:
            return
        self.after = after
        open_services(self).coping.record_use(
            strategy.id, reaction=self.reaction, distress_before=self.before, distress_after=after
        )
        self.tried.append(strategy.id)
        self.query_one("#coping-result-text", Static).update(result_words(self.before, after))
        self.query_one("#coping-result-keys", Static).update(
            result_keys(reach_out_first(self.before, after, len(self.tried)))
        )
        self._show_favourite_state()
        self.show("result")

    def _show_favourite_state(self) -> None:
        strategy = self.strategy
        words = ""
        if strategy is not None:
            words = f"“{strategy.title}” is in your favourites." if strategy.favourite else ""
        self.query_one("#coping-result-favourite", Static).update(words)

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        stage = self.stage
        if action == "skip":
            return stage in ("before", "after")
        if action == "done":
            return stage == "strategy" and self.strategy is not None
        if action in ("another", "favourite"):
            return stage in ("strategy", "result") and self.strategy is not None
        if action == "guide":
            return (
                stage == "strategy" and self.strategy is not None and tool_for_strategy(self.strategy.slug) is not None
            )
        if action == "ground_first":
            return stage == "strategy" and grounds_first(self.strategy)
        return True

    def action_skip(self) -> None:
        scale_id = "#coping-before-scale" if self.stage == "before" else "#coping-after-scale"
        self.query_one(scale_id, DistressScale).skip()

    def action_done(self) -> None:
        strategy = self.strategy
        if strategy is None:
            return
        self.query_one("#coping-after-title", Static).update(
            Content.assemble(("After ", "dim"), (strategy.title, "bold"))
        )
        self.query_one("#coping-after-scale", DistressScale).reset()
        self.show("after")

    def action_another(self) -> None:
        """The next strategy; after a re-rating, that rating is where the next one starts."""
        if self.stage == "result":
            self.before = self.after
            self.after = None
        if not self.queue:
            return
        untried = [
            position
            for position in range(len(self.queue))
            if position != self.index and self.queue[position].id not in self.tried
        ]
        later = [position for position in untried if position > self.index]
        if later or untried:
            self.index = (later or untried)[0]
        elif len(self.queue) > 1:
            self.index = (self.index + 1) % len(self.queue)
            self.notify("You've seen every strategy for this. Starting again from the top.", timeout=5)
        self.show_strategy()

    def action_favourite(self) -> None:
        strategy = self.strategy
        if strategy is None:
            return
        updated = open_services(self).coping.set_favourite(strategy.id, not strategy.favourite)
        self.queue[self.index] = updated
        if self.stage == "strategy":
            self.query_one("#coping-strategy-body", StrategyBody).show(updated)
        else:
            self._show_favourite_state()
        self.notify("Saved to your favourites." if updated.favourite else "Taken out of your favourites.", timeout=4)

    def action_guide(self) -> None:
        strategy = self.strategy
        tool = tool_for_strategy(strategy.slug) if strategy is not None else None
        if tool is not None:
            app_context(self).push_destination(tool.destination, **tool.arguments)

    def action_ground_first(self) -> None:
        if grounds_first(self.strategy):
            app_context(self).push_destination("grounding")

    def action_reach_out(self) -> None:
        app_context(self).action_get_help()

    def action_back(self) -> None:
        if self.stage in ("before", "strategy") and self._start_reaction is None:
            self.show("pick")
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
