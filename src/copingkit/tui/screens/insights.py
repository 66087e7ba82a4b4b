"""Insights (i from anywhere): patterns in the person's own data, each figure with one plain sentence.

The figures are `services.insights` (the same as `copingkit insights`), computed in a worker thread
so the screen opens at once; mood and coping confidence over time also get a Sparkline. Esc goes back.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from copingkit.core.services.insights import TITLES, Insights
from copingkit.tui.context import app_context
from copingkit.tui.widgets.footer import CopingkitFooter

LEAD = "Patterns in what you have recorded. They show what tends to go together, not what causes what."
LAST_DAYS = 14
CHARTED = ("mood_over_time", "coping_confidence")


class InsightsScreen(Screen[None]):
    """One section per figure: heading, sentence, a small table (and a sparkline over time)."""

    CSS_PATH = "insights.tcss"
    AUTO_FOCUS = "#insights-figures"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="insights-back")]

    def __init__(self) -> None:
        super().__init__()
        self.figures: Insights | None = None

    def compose(self) -> ComposeResult:
        yield Static("Insights", id="insights-title")
        yield Static(LEAD, id="insights-lead")
        with VerticalScroll(id="insights-figures", can_focus=True):
            yield Static("Working out your patterns…", id="insights-waiting")
            for name, title in TITLES.items():
                yield Static(title, classes="insights-heading", id=f"insights-{name}-title")
                yield Static("", classes="insights-sentence", id=f"insights-{name}-sentence", markup=False)
                if name in CHARTED:
                    yield Sparkline([], id=f"insights-{name}-chart", classes="insights-chart")
                yield Static("", classes="insights-table", id=f"insights-{name}-table", markup=False)
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True, exit_on_error=False, group="insights")
    def _compute(self) -> None:
        services = app_context(self).services
        assert services is not None, "the insights screen opens only on an unlocked journal"
        figures = services.insights.compute()
        self.app.call_from_thread(self._show, figures)

    def _show(self, figures: Insights) -> None:
        self.figures = figures
        self.query_one("#insights-waiting", Static).display = False
        sentences = figures.sentences()
        document = figures.as_json()
        for name in TITLES:
            self.query_one(f"#insights-{name}-sentence", Static).update(sentences[name])
            lines = figures.table(name, last=LAST_DAYS if name == "year_in_pixels" else None)
            self.query_one(f"#insights-{name}-table", Static).update("\n".join(lines))
            if name in CHARTED:
                chart = self.query_one(f"#insights-{name}-chart", Sparkline)
                values = [item["average"] for item in document[name] if item["average"] is not None]
                chart.data = values
                chart.display = len(values) > 1

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
