"""Session report: a summary to bring to a therapist, previewed before it is written.

Choose the days (empty: everything), whether trends from all check-ins go in (numbers only), read
what the report will hold, then w (or ctrl+s) saves it: the path is asked with the plaintext
warning, an existing file is never replaced, and the file is 0600. Esc goes back.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from copingkit.core.errors import InvalidInput
from copingkit.core.services.report import SessionReport
from copingkit.tui.context import open_services
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.tick_box import TickBox
from copingkit.tui.widgets.when_input import WhenInput
from copingkit.tui.writes import write_file_or_say

PLAINTEXT_NOTICE = (
    "The report is plaintext, not encrypted: anyone who can open the file can read what is in it. "
    "Keep it somewhere private, or print it and delete the file."
)
DEFAULT_REPORT_NAME = "session-report.html"
LEAD = (
    "A summary to bring to a session. It holds only what you marked to share, trends as numbers, "
    "questionnaires, strategies you used, homework done and group sessions (never what others said)."
)


class ReportScreen(Screen[None]):
    """Days and trends at the top, the preview below; w saves."""

    CSS_PATH = "report.tcss"
    AUTO_FOCUS = "#report-preview"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="report-back"),
        Binding("ctrl+s", "save", "Save report", key_display="^s", id="report-save"),
        Binding("w", "save", "Save report", id="report-save-w", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: SessionReport | None = None

    def compose(self) -> ComposeResult:
        yield Static("Session report", id="report-title")
        yield Static(LEAD, id="report-lead")
        with Horizontal(id="report-options"):
            yield Static("From", classes="report-label")
            yield WhenInput(days=True, placeholder="first day", compact=True, id="report-from")
            yield Static("to", classes="report-label")
            yield WhenInput(days=True, placeholder="last day", compact=True, id="report-to")
            yield TickBox("Trends", value=True, compact=True, id="report-trends")
        yield Static("", id="report-problem", markup=False)
        with VerticalScroll(id="report-preview", can_focus=True):
            yield Static("", id="report-summary", markup=False)
        yield Static("tab moves between the days, trends and the preview · w or ctrl+s saves", id="report-keys")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.refresh_preview()

    @on(Input.Changed, "#report-from, #report-to")
    @on(Checkbox.Changed, "#report-trends")
    def options_changed(self) -> None:
        self.refresh_preview()

    def _options(self) -> tuple[object, object, bool] | None:
        problem = self.query_one("#report-problem", Static)
        try:
            start = self.query_one("#report-from", WhenInput).day()
            end = self.query_one("#report-to", WhenInput).day()
        except (ValueError, InvalidInput) as error:
            _say(problem, str(error))
            return None
        if start is not None and end is not None and end < start:
            _say(problem, "The last day comes before the first; nothing to show.")
            return None
        _say(problem, "")
        return start, end, self.query_one("#report-trends", TickBox).value

    def refresh_preview(self) -> None:
        options = self._options()
        if options is None:
            self.report = None
            self.query_one("#report-summary", Static).update("")
            return
        self._build(*options)

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-preview")
    def _build(self, start: object, end: object, trends: bool) -> None:
        report = open_services(self).report.build(date_from=start, date_to=end, trends=trends)  # type: ignore[arg-type]
        self.app.call_from_thread(self._show, report)

    def _show(self, report: SessionReport) -> None:
        self.report = report
        lines = [report.period, "", *report.summary()]
        if report.entries:
            lines += ["", "Entries that go in:"]
            lines += [f"  {entry.when}  {entry.title or _first_words(entry.body)}" for entry in report.entries]
        if report.checkins:
            lines += ["", "Check-ins that go in:"]
            lines += [f"  {checkin.when}  mood {checkin.mood} ({checkin.mood_word})" for checkin in report.checkins]
        self.query_one("#report-summary", Static).update("\n".join(lines))

    # -- saving ---------------------------------------------------------------------------------

    def action_save(self) -> None:
        from copingkit.tui.modals.text_prompt import TextPromptModal

        options = self._options()
        if options is None:
            self.notify("Fix the days first; nothing was written.", severity="warning")
            return

        def chosen(path_text: str | None) -> None:
            if path_text is None or not path_text.strip():
                return
            self._write(Path(path_text.strip()).expanduser(), *options)

        self.app.push_screen(
            TextPromptModal(
                "Save the session report to:", value=str(Path.home() / DEFAULT_REPORT_NAME), notice=PLAINTEXT_NOTICE
            ),
            callback=chosen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-write")
    def _write(self, path: Path, start: object, end: object, trends: bool) -> None:
        from copingkit.core.services.report import render_report_html

        page = render_report_html(open_services(self).report.build(date_from=start, date_to=end, trends=trends))  # type: ignore[arg-type]
        write_file_or_say(self, path, page, saved=f"Session report saved to {path} (plaintext).")

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)


def _say(line: Static, words: str) -> None:
    """A line that takes no room while it has nothing to say."""
    line.update(words)
    line.display = bool(words)


def _first_words(body: str, most: int = 48) -> str:
    words = " ".join(body.split())
    return words if len(words) <= most else words[: most - 1] + "…"
