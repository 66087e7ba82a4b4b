"""Assessments: pick a questionnaire, see its history with the trend, take it one key per answer.

Three screens, all here (screens never import each other's modules):

- `AssessmentsScreen` (the destination): the instruments, and the highlighted one's history —
  each result, its change from the one before, and the change that counts as meaningful where
  CONTENT.md gives one. enter takes the highlighted one.
- `AssessmentFormScreen`: one question at a time. A digit answers and moves on; ← and → go back
  and forth; backspace clears an answer; nothing is required (a form left partly blank is kept
  without a total). PCL-5 starts with a content note and "ground first".
- `AssessmentCrisisScreen`: PHQ-9 item 9 above "not at all" opens it at once, before any total:
  the person's people, crisis lines and safety plan (Get help's own sections). When it was shown
  is stored with the result.

Every result says that a score is not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from copingkit.core import assessments, dates
from copingkit.core.help import help_sections
from copingkit.core.services.readmodels import AssessmentHistory, AssessmentResult
from copingkit.tui.context import app_context, open_services
from copingkit.tui.modals.confirm import ConfirmModal
from copingkit.tui.navigation import PLACES
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.help_sections import help_view_of, section_widgets

HISTORY_SHOWN = 12
"""The most recent results listed under an instrument (the box scrolls: tab to it)."""
TREND_SHOWN = 10
"""The most recent scored values on the trend line."""
MARKER = "▸"


def when(at: datetime) -> str:
    return dates.to_local(at).strftime("%d %b %Y")


def result_line(result: AssessmentResult) -> str:
    """ "12 of 27 · moderate", "raw 13 of 25 · 52% · poor well-being", or "not scored"."""
    if result.score is None:
        answered = sum(answer is not None for answer in result.answers)
        return f"not scored ({answered} of {len(result.answers)} answered)"
    if result.percent is not None:
        text = f"{result.percent}% (raw {result.score} of {result.max_score})"
    else:
        text = f"{result.score} of {result.max_score}"
    return text + (f" · {result.band}" if result.band else "")


def history_text(history: AssessmentHistory) -> str:
    """The history block: the trend and what the numbers mean first, then each result (newest first)
    with its change from the one before."""
    if not history.points:
        return "Not taken yet. Press enter to take it."
    lines = []
    if len(history.trend) > 1:
        shown = history.trend[-TREND_SHOWN:]
        label = "Trend, oldest first" if len(shown) == len(history.trend) else f"Trend, the last {len(shown)}"
        lines.append(f"{label}: " + " → ".join(str(value) for value in shown))
        if history.since_first is not None and len(history.trend) > 2:
            lines.append(escape(history.since_first.words.capitalize()) + ".")
    lines.append(
        escape(history.higher_means) + (f" {escape(history.meaningful_rule)}" if history.meaningful_rule else "")
    )
    lines.append("")
    for point in reversed(history.points[-HISTORY_SHOWN:]):
        line = f"{when(point.result.at)}  {result_line(point.result)}"
        if point.change is not None:
            line += f"  — {point.change.words}"
        lines.append(escape(line))
    earlier = len(history.points) - HISTORY_SHOWN
    if earlier > 0:
        lines.append(f"… and {earlier} earlier")
    return "\n".join(lines)


class AssessmentsScreen(Screen[None]):
    """The questionnaires, and the highlighted one's history with its trend."""

    CSS_PATH = "assessments.tcss"
    AUTO_FOCUS = "#assessments-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "take", "Take it", id="assessments-take", priority=True),  # over the list's own enter
        Binding("escape", "back", "Back", id="assessments-back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.instruments = assessments.load_instruments()

    def compose(self) -> ComposeResult:
        with Vertical(id="assessments-body"):
            yield Static("Assessments", id="assessments-title", classes="title")
            yield Static(
                "Short questionnaires you can repeat to see change over time. Pick one, then enter.",
                id="assessments-lead",
            )
            yield OptionList(
                *(
                    Option(f"{item.name:<6} {escape(item.about)}", id=f"instrument-{item.id}")
                    for item in self.instruments
                ),
                id="assessments-list",
            )
            yield Static("", id="assessments-history-title", classes="heading")
            with VerticalScroll(id="assessments-history-box"):
                yield Static("", id="assessments-history")
            yield Static(escape(assessments.not_a_diagnosis()), id="assessments-note", classes="muted")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.show_history()

    def on_screen_resume(self) -> None:
        self.show_history()

    @property
    def highlighted(self) -> assessments.Instrument:
        index = self.query_one("#assessments-list", OptionList).highlighted or 0
        return self.instruments[index]

    @on(OptionList.OptionHighlighted, "#assessments-list")
    def _highlighted(self) -> None:
        self.show_history()

    @on(OptionList.OptionSelected, "#assessments-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_take()

    def show_history(self) -> None:
        form = self.highlighted
        history = open_services(self).assessments.history(form.id)
        self.query_one("#assessments-history-title", Static).update(f"History: {escape(form.name)}")
        self.query_one("#assessments-history", Static).update(history_text(history))

    def action_take(self) -> None:
        self.app.push_screen(AssessmentFormScreen(self.highlighted.id))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)


class AssessmentFormScreen(Screen[None]):
    """One question at a time; a digit answers. The last pages: the difficulty item, then finish."""

    CSS_PATH = "assessments.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(value), f"answer({value})", "Answer", show=False, id=f"answer-{value}") for value in range(6)),
        # One footer item for both arrows (and enter said on the screen), so all fits at 80 columns.
        Binding("left", "move(-1)", "Move", key_display="←/→", id="assessment-previous"),
        Binding("right", "move(1)", "Next", show=False, id="assessment-next"),
        Binding("backspace", "clear", "Clear", show=False, id="assessment-clear"),
        Binding("enter", "enter", "Continue", show=False, id="assessment-enter"),
        Binding("escape", "leave", "Leave", id="assessment-leave"),
        Binding("up", "scroll_body(-1)", "Scroll up", show=False, id="assessment-scroll-up"),
        Binding("down", "scroll_body(1)", "Scroll down", show=False, id="assessment-scroll-down"),
        # The app's one-key places (h Home, c Check in, …) ask first here, so a stray letter never
        # throws away the answers given so far.
        *(
            Binding(place.key, f"leave_to('{place.name}')", place.label, show=False, id=f"assessment-to-{place.name}")
            for place in PLACES
            if place.key is not None
        ),
    ]

    def __init__(self, instrument_id: str) -> None:
        super().__init__()
        self.form = assessments.instrument(instrument_id)
        self.answers: list[int | None] = [None] * len(self.form.items)
        self.difficulty: int | None = None
        self.crisis_shown_at: datetime | None = None
        self.result: AssessmentResult | None = None
        self.page = -1 if self.form.content_note else 0
        """-1 the content note, 0..n-1 the items, then the difficulty item (if any), then finish."""

    # -- pages ---------------------------------------------------------------------------------

    @property
    def difficulty_page(self) -> int | None:
        return len(self.form.items) if self.form.difficulty is not None else None

    @property
    def finish_page(self) -> int:
        return len(self.form.items) + (1 if self.form.difficulty is not None else 0)

    def compose(self) -> ComposeResult:
        # Not focusable: its own arrow keys would take ← and → from the form (↑/↓ scroll it).
        with VerticalScroll(id="assessment-body", can_focus=False):
            yield Static("", id="assessment-title", classes="title")
            yield Static("", id="assessment-stem", classes="muted")
            yield Static("", id="assessment-question")
            yield Static("", id="assessment-options")
            yield Static("", id="assessment-status", classes="muted")
            yield Static("", id="assessment-result")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.render_page()

    def render_page(self) -> None:
        title = self.query_one("#assessment-title", Static)
        stem = self.query_one("#assessment-stem", Static)
        question = self.query_one("#assessment-question", Static)
        options = self.query_one("#assessment-options", Static)
        status = self.query_one("#assessment-status", Static)
        result = self.query_one("#assessment-result", Static)
        result.display = self.result is not None
        for widget in (stem, question, options, status):
            widget.display = self.result is None
        count = len(self.form.items)
        if self.result is not None:
            title.update(f"{escape(self.form.name)} — your result")
            result.update(self.result_text(self.result))
        elif self.page == -1:
            title.update(escape(self.form.title))
            stem.update(escape(assessments.texts().content_note_text))
            question.update("Press enter to begin, or t to ground yourself first (Tools); esc leaves.")
            options.update("")
            status.update(f"{count} questions, {escape(self.form.period)}. Nothing is required.")
        elif self.page < count:
            title.update(f"{escape(self.form.name)} · question {self.page + 1} of {count}")
            stem.update(escape(self.form.stem))
            question.update(f"[b]{escape(self.form.items[self.page])}[/b]")
            options.update(self.options_text(self.form.options, self.answers[self.page]))
            status.update(self.status_text())
        elif self.page == self.difficulty_page and self.form.difficulty is not None:
            title.update(f"{escape(self.form.name)} · one more question (not part of the total)")
            stem.update("")
            question.update(f"[b]{escape(self.form.difficulty.text)}[/b]")
            options.update(self.options_text(self.form.difficulty.options, self.difficulty))
            status.update(self.status_text())
        else:
            answered = sum(answer is not None for answer in self.answers)
            title.update(f"{escape(self.form.name)} · finish")
            stem.update("")
            text = f"You answered {answered} of {count} questions."
            if answered < count:
                text += " " + escape(assessments.texts().partial_text)
            question.update(text)
            options.update("Press enter to see your result and keep it in your journal, or ← to go back.")
            status.update("")
        stem.display = self.result is None and bool(str(stem.render()))
        self.refresh_bindings()

    def options_text(self, options: tuple[assessments.OptionModel, ...], chosen: int | None) -> str:
        lines = []
        for option in sorted(options, key=lambda option: option.value):
            mark = MARKER if option.value == chosen else " "
            lines.append(f"{mark} [b]{option.value}[/b]  {escape(option.label)}")
        return "\n".join(lines)

    def status_text(self) -> str:
        answered = sum(answer is not None for answer in self.answers)
        top = self.top_value()
        return (
            f"Answered {answered} of {len(self.answers)}. Press 0–{top} to answer · ← back · → or enter: next,"
            " or skip it · backspace clears · nothing is required."
        )

    def result_text(self, result: AssessmentResult) -> str:
        lines = [f"{when(result.at)}", "", f"[b]{escape(result_line(result))}[/b]"]
        if not result.complete:
            lines.append(escape(assessments.texts().partial_text))
        if self.form.threshold is not None and self.form.threshold.flag in result.flags:
            lines.append(escape(self.form.threshold.words))
        history = open_services(self).assessments.history(self.form.id)
        if history.points and history.points[-1].result.id == result.id and history.points[-1].change:
            lines.append(escape(history.points[-1].change.words.capitalize()) + ".")
        lines.append(escape(self.form.higher_means))
        if history.meaningful_rule:
            lines.append(escape(history.meaningful_rule))
        if assessments.ITEM9 in result.flags:
            lines.append("")
            lines.append("Your people, crisis lines and safety plan are one key away: f1.")
        lines.append("")
        lines.append(escape(assessments.not_a_diagnosis()))
        lines.append("")
        lines.append(f"[dim]{escape(self.form.licence)}[/dim]")
        lines.append("")
        lines.append("Press enter or esc to go back to Assessments.")
        return "\n".join(lines)

    def top_value(self) -> int:
        if self.page == self.difficulty_page and self.form.difficulty is not None:
            return max(option.value for option in self.form.difficulty.options)
        return self.form.top_answer

    # -- keys ------------------------------------------------------------------------------------

    def on_question(self) -> bool:
        return self.result is None and (0 <= self.page < len(self.form.items) or self.page == self.difficulty_page)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            # Always enabled, even where a digit is no answer: a disabled key would count as typing
            # (tui/typing_guard.py) and swallow the right answer pressed straight after it.
            return True
        if action == "clear":
            return self.on_question()
        if action == "move":
            return self.result is None
        return True

    def action_answer(self, value: int) -> None:
        if not self.on_question():
            return
        if value > self.top_value():
            self.notify(f"The answers here go from 0 to {self.top_value()}.", timeout=4)
            return
        if self.page == self.difficulty_page:
            self.difficulty = value
            self.action_move(1)
            return
        self.answers[self.page] = value
        crisis = assessments.crisis_item_answered(self.form, self.answers)
        if crisis and self.page == (self.form.crisis_item or 0) - 1 and self.crisis_shown_at is None:
            self.crisis_shown_at = app_context(self).clock()
            self.page += 1
            self.render_page()
            self.app.push_screen(AssessmentCrisisScreen())
            return
        self.action_move(1)

    def action_scroll_body(self, lines: int) -> None:
        self.query_one("#assessment-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_clear(self) -> None:
        if self.page == self.difficulty_page:
            self.difficulty = None
        elif 0 <= self.page < len(self.answers):
            self.answers[self.page] = None
        self.render_page()

    def action_move(self, step: int) -> None:
        if self.result is not None:
            return
        first = -1 if self.form.content_note else 0
        self.page = max(first, min(self.finish_page, self.page + step))
        self.render_page()

    def action_enter(self) -> None:
        if self.result is not None:
            self.dismiss(None)
        elif self.page == self.finish_page:
            self.finish()
        else:
            self.action_move(1)

    def finish(self) -> None:
        self.result = open_services(self).assessments.record(
            self.form.id,
            self.answers,
            difficulty=self.difficulty,
            allow_blank=True,
            crisis_shown_at=self.crisis_shown_at,
        )
        self.render_page()

    def action_leave(self) -> None:
        self._leave_then(lambda: self.dismiss(None))

    def action_leave_to(self, name: str) -> None:
        self._leave_then(lambda: app_context(self).go(name))

    def _leave_then(self, leave_now: Callable[[], object]) -> None:
        if self.result is not None or (all(answer is None for answer in self.answers) and self.difficulty is None):
            leave_now()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                leave_now()

        self.app.push_screen(
            ConfirmModal("Leave this questionnaire? The answers so far are not kept.", yes="Leave", no="Stay"),
            callback=answered,
        )


class AssessmentCrisisScreen(Screen[None]):
    """Shown the moment PHQ-9 item 9 is answered above "not at all", before any total."""

    CSS_PATH = "assessments.tcss"
    AUTO_FOCUS = "#crisis-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", "Continue", id="crisis-continue"),
        Binding("escape", "continue", "Continue", show=False, id="crisis-continue-esc"),
        Binding("s", "safety_plan", "Safety plan", id="crisis-safety-plan"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="crisis-body"):
            yield Static("Support, right now", id="crisis-title", classes="title")
            yield Static(escape(assessments.crisis_text()), id="crisis-text", classes="lead")
            for section in help_sections(help_view_of(self), "app"):
                if section.id != "lead":  # the item-9 text above says it already
                    yield from section_widgets(section)
            yield Static(escape(assessments.texts().crisis_after), id="crisis-after", classes="muted")
        yield CopingkitFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "safety_plan":
            return app_context(self).has_safety_plan()
        return True

    def action_continue(self) -> None:
        self.dismiss(None)

    def action_safety_plan(self) -> None:
        app_context(self).push_destination("safety-plan")


__all__ = ["AssessmentCrisisScreen", "AssessmentFormScreen", "AssessmentsScreen"]
