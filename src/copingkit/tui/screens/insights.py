"""Insights (i from anywhere): patterns in the person's own data, each figure with one plain sentence.

The figures are `services.insights` (the same as `copingkit insights`), computed in a worker thread
so the screen opens at once; mood and coping confidence over time also get a Sparkline, and the
last twelve months a year-in-pixels grid. `v` switches the figures over time between weeks, months and
years (it starts with the kind the data's span suggests, like the CLI). Esc goes back.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from copingkit.core import dates
from copingkit.core.services.insights import PERIODS, TITLES, Insights
from copingkit.tui.context import app_context
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.year_pixels import YearPixels

LEAD = "Patterns in what you have recorded. They show what tends to go together, not what causes what."
CHARTED = ("mood_over_time", "coping_confidence")


class InsightsScreen(Screen[None]):
    """One section per figure: heading, sentence, a small table (and a sparkline over time)."""

    CSS_PATH = "insights.tcss"
    AUTO_FOCUS = "#insights-figures"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="insights-back"),
        Binding("v", "next_period", "Period", id="insights-period"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.figures: Insights | None = None
        self.period: str | None = None
        """The kind of period asked for; None until the first figures pick one from the data."""

    def compose(self) -> ComposeResult:
        yield Static("Insights", id="insights-title")
        yield Static(LEAD, id="insights-lead")
        yield Static("", id="insights-period", markup=False)
        with VerticalScroll(id="insights-figures", can_focus=True):
            yield Static("Working out your patterns…", id="insights-waiting")
            for name, title in TITLES.items():
                yield Static(title, classes="insights-heading", id=f"insights-{name}-title")
                yield Static("", classes="insights-sentence", id=f"insights-{name}-sentence", markup=False)
                if name in CHARTED:
                    yield Sparkline([], id=f"insights-{name}-chart", classes="insights-chart")
                if name == "year_in_pixels":
                    yield YearPixels(id="insights-year-pixels")
                yield Static("", classes="insights-table", id=f"insights-{name}-table", markup=False)
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True, exit_on_error=False, group="insights")
    def _compute(self) -> None:
        services = app_context(self).services
        assert services is not None, "the insights screen opens only on an unlocked journal"
        figures = services.insights.compute(period=self.period)
        self.app.call_from_thread(self._show, figures)

    def _show(self, figures: Insights) -> None:
        self.figures = figures
        self.period = figures.period
        self.query_one("#insights-waiting", Static).display = False
        self.query_one("#insights-period", Static).update(f"Over time: by {figures.period} (v for week, month or year)")
        today = dates.to_local(app_context(self).clock()).date()
        self.query_one(YearPixels).set_days(
            ((date.fromisoformat(item["date"]), item["average"]) for item in figures.year_in_pixels), today
        )
        sentences = figures.sentences()
        document = figures.as_json()
        for name in TITLES:
            self.query_one(f"#insights-{name}-sentence", Static).update(sentences[name])
            # The year in pixels is its grid here; the CLI prints its last days as a table.
            lines = [] if name == "year_in_pixels" else figures.table(name)
            self.query_one(f"#insights-{name}-table", Static).update("\n".join(lines))
            if name in CHARTED:
                chart = self.query_one(f"#insights-{name}-chart", Sparkline)
                values = [item["average"] for item in document[name] if item["average"] is not None]
                chart.data = values
                chart.display = len(values) > 1

    def action_next_period(self) -> None:
        """Group the figures over time by the next kind of period: week, month, year, week …"""
        if self.period is None:
            return
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self._compute()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
