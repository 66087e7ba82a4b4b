"""Insights (i from anywhere): patterns in the person's own data, each figure with one plain sentence.

The figures are `services.insights` (the same as `copingkit insights`), computed in a worker thread
so the screen opens at once. Mood, coping confidence and how connected group sessions felt over time,
and each questionnaire's scores, are line charts (widgets.trend_plot); mood by weekday and by tag,
strategies and sessions per period are bars with their numbers (widgets.bars); the last twelve months
are a year-in-pixels grid. `v` switches the figures over time between weeks, months and
years (it starts with the kind the data's span suggests, like the CLI). Esc goes back.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from copingkit.core import dates
from copingkit.core.services.insights import PERIODS, TITLES, Insights
from copingkit.tui.context import app_context, open_services
from copingkit.tui.widgets.bars import Bar, Bars
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.trend_plot import TrendPlot
from copingkit.tui.widgets.year_pixels import YearPixels

LEAD = "Patterns in what you have recorded. They show what tends to go together, not what causes what."
CHARTED = {"mood_over_time": (1, 5), "coping_confidence": (0, 10)}
"""The figures over time drawn as a line, on their scale (lowest, highest)."""
BARRED = ("mood_by_weekday", "mood_by_tag", "strategies", "groups")
"""The figures drawn as horizontal bars, their numbers beside each bar (instead of a table)."""
TAGS_SHOWN = 10
GROUP_PERIODS_SHOWN = 12
"""Group sessions: the connectedness line covers every period; the bars the latest this many."""


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
                    yield TrendPlot(id=f"insights-{name}-chart", classes="insights-chart")
                if name == "year_in_pixels":
                    yield YearPixels(id="insights-year-pixels")
                if name == "assessments":
                    yield Vertical(id="insights-assessment-charts")
                if name == "groups":
                    yield Static("", classes="insights-chart-label", id="insights-groups-chart-label", markup=False)
                    yield TrendPlot(id="insights-groups-chart", classes="insights-chart")
                    yield Static("", classes="insights-chart-label", id="insights-groups-bars-label", markup=False)
                if name in BARRED:
                    yield Bars(id=f"insights-{name}-bars", classes="insights-bars")
                yield Static("", classes="insights-table", id=f"insights-{name}-table", markup=False)
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True, exit_on_error=False, group="insights")
    def _compute(self) -> None:
        figures = open_services(self).insights.compute(period=self.period)
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
            lines = [] if name == "year_in_pixels" or name in BARRED else figures.table(name)
            self.query_one(f"#insights-{name}-table", Static).update("\n".join(lines))
            if name in CHARTED:
                chart = self.query_one(f"#insights-{name}-chart", TrendPlot)
                rows = [item for item in document[name] if item["average"] is not None]
                lowest, highest = CHARTED[name]
                chart.show(
                    [row["period"] for row in rows], [row["average"] for row in rows], lowest=lowest, highest=highest
                )
                chart.display = bool(rows)
        self._chart_assessments(figures.assessments)
        self.query_one("#insights-mood_by_weekday-bars", Bars).show(
            [Bar(item["weekday"], item["average"], _mood_note(item)) for item in figures.mood_by_weekday], highest=5
        )
        self.query_one("#insights-mood_by_tag-bars", Bars).show(
            [Bar(item["tag"], item["average"], _mood_note(item)) for item in figures.mood_by_tag[:TAGS_SHOWN]],
            highest=5,
        )
        self.query_one("#insights-strategies-bars", Bars).show(
            [Bar(item["name"], item["lowered_share"], _strategy_note(item)) for item in figures.strategies], highest=1
        )
        self._chart_groups(figures)

    def _chart_groups(self, figures: Insights) -> None:
        """How connected the person felt, a line over every period with a rated session; and the
        sessions in each of the latest periods that had one, as bars with their numbers."""
        rated = [item for item in figures.groups if item["average_connectedness"] is not None]
        chart = self.query_one("#insights-groups-chart", TrendPlot)
        chart.show(
            [item["period"] for item in rated], [item["average_connectedness"] for item in rated], lowest=0, highest=10
        )
        chart.display = bool(rated)
        label = self.query_one("#insights-groups-chart-label", Static)
        label.update(f"How connected you felt (0-10), averaged by {figures.period}")
        label.display = bool(rated)
        latest = figures.groups[-GROUP_PERIODS_SHOWN:]
        bars_label = self.query_one("#insights-groups-bars-label", Static)
        more = f", the latest {len(latest)}" if len(figures.groups) > len(latest) else ""
        bars_label.update(f"Sessions each {figures.period} you went{more}")
        bars_label.display = bool(latest)
        self.query_one("#insights-groups-bars", Bars).show(
            [Bar(item["period"], item["sessions"], _group_note(item)) for item in latest],
            highest=max((item["sessions"] for item in latest), default=1),
        )

    def _chart_assessments(self, results: list[dict]) -> None:
        """One line per questionnaire taken, with its band edges and threshold as level lines."""
        box = self.query_one("#insights-assessment-charts", Vertical)
        if box.children:  # drawn with the first figures; questionnaires don't depend on the period
            return
        by_instrument: dict[str, list[dict]] = {}
        for item in results:
            by_instrument.setdefault(item["instrument"], []).append(item)
        for instrument_id, items in sorted(by_instrument.items()):
            form = _instrument(instrument_id)
            chart = TrendPlot(id=f"insights-assessment-{instrument_id}", classes="insights-chart")
            label = Static(form.name if form else instrument_id.upper(), classes="insights-chart-label", markup=False)
            box.mount(label, chart)
            top = form.max_score if form else max(item["score"] for item in items)
            chart.show(
                [item["date"] for item in items],
                [item["score"] for item in items],
                lowest=0,
                highest=top,
                levels=_levels(form) if form else (),
            )

    def action_next_period(self) -> None:
        """Group the figures over time by the next kind of period: week, month, year, week …"""
        if self.period is None:
            return
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self._compute()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)


def _instrument(instrument_id: str):  # type: ignore[no-untyped-def]
    """The questionnaire's definition, or None for one this version doesn't know."""
    from copingkit.core.assessments import instrument
    from copingkit.core.errors import InvalidInput

    try:
        return instrument(instrument_id)
    except InvalidInput:
        return None


def _levels(form) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]  # noqa: ANN001
    """Where each band after the first starts, and the threshold, on the raw score's scale."""
    factor = form.percent_factor if form.band_on == "percent" and form.percent_factor else 1
    levels = [(band.low / factor, band.words) for band in sorted(form.bands, key=lambda band: band.low)[1:]]
    if form.threshold is not None:
        levels.append((form.threshold.at / factor, f"{form.threshold.at} or more"))
    return levels


def _mood_note(item: dict) -> str:
    count = item["count"]
    if not count:
        return "no check-ins"
    return f"{item['average']} · {count} check-in{'s' if count != 1 else ''}"


def _group_note(item: dict) -> str:
    sessions = f"{item['sessions']} session{'s' if item['sessions'] != 1 else ''}"
    if item["average_connectedness"] is None:
        return f"{sessions}, connectedness not rated"
    return f"{sessions}, connectedness {item['average_connectedness']}"


def _strategy_note(item: dict) -> str:
    uses = f"{item['uses']} use{'s' if item['uses'] != 1 else ''}"
    if item["lowered_share"] is None:
        return f"{uses}, none rated before and after"
    return f"{round(item['lowered_share'] * 100)}% lowered, {uses}, {item['average_change']:+}"
