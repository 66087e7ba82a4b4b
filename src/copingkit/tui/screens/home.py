"""Today at a glance: a one-key check-in, recent mood, the latest entries, and where the journal lives.

No streaks and no counts to keep up: a day without a check-in is just an empty column.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from copingkit.core import dates
from copingkit.core.help import checkin_follow_up
from copingkit.tui.widgets.entry_list import EntryList
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.mood_chart import MoodChart
from copingkit.tui.widgets.mood_picker import MoodPicker, mood_word

LATEST = 5
CHART_DAYS = 14


def can_go(app: App, name: str) -> bool:
    """Whether the app has a screen called `name` to go to (its `go` action is enabled for it)."""
    go = getattr(app, "go", None)
    return callable(go) and bool(app.check_action("go", (name,)))


def go_or_get_help(app: App, *names: str) -> None:
    """Go to the first of `names` that exists; otherwise open Get help, which always exists."""
    for name in names:
        if can_go(app, name):
            app.go(name)  # type: ignore[attr-defined]
            return
    get_help = getattr(app, "action_get_help", None)
    if callable(get_help):
        get_help()
    else:
        app.notify("Get help isn't available here yet.", timeout=4)


def privacy_text(app: App) -> str:
    vault = getattr(app, "vault", None)
    path: Path | None = getattr(vault, "path", None)
    if path is None:
        return "Demo — nothing is saved. This journal lives only in memory and is gone when you quit."
    return f"Your journal is encrypted on this device: {path}\nOnly your passphrase or recovery key opens it."


class HomeScreen(Screen):
    """One key records how you are; everything else here is optional."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#home-mood"

    BINDINGS = [
        Binding("1", "check_in(1)", "Check in", key_display="1–5", id="home-check-in-1"),
        Binding("2", "check_in(2)", "Check in 2", show=False, id="home-check-in-2"),
        Binding("3", "check_in(3)", "Check in 3", show=False, id="home-check-in-3"),
        Binding("4", "check_in(4)", "Check in 4", show=False, id="home-check-in-4"),
        Binding("5", "check_in(5)", "Check in 5", show=False, id="home-check-in-5"),
        Binding("c", "open_check_in", "More detail", id="home-open-check-in"),
        Binding("n", "new_entry", "Write", id="home-new-entry"),
        Binding("o", "open_coping", "Coping", id="home-open-coping"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.last_checkin_id: int | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="home-body"):
            yield Static(id="home-today")
            yield Label("How are you right now? One key is enough.", id="home-ask")
            yield MoodPicker(id="home-mood")
            yield Static("", id="home-checkin-note")
            with Horizontal(id="home-columns"):
                with Vertical(id="home-mood-panel"):
                    yield Label(f"Mood, last {CHART_DAYS} days", classes="home-heading")
                    yield MoodChart(CHART_DAYS, id="home-chart")
                with Vertical(id="home-latest-panel"):
                    yield Label("Latest entries", classes="home-heading")
                    yield EntryList(id="home-latest")
                    yield Static("", id="home-latest-empty")
            yield Static(privacy_text(self.app), id="home-privacy")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        services = self.app.services
        now = dates.to_local(self.app.clock())
        today = now.date()
        self.query_one("#home-today", Static).update(today.strftime("%A %d %B"))
        days = services.checkins.mood_by_day(days=CHART_DAYS)
        self.query_one(MoodChart).set_moods(((day.day, day.mean) for day in days), today)
        latest = services.journal.list(limit=LATEST)
        self.query_one("#home-latest", EntryList).show_page(latest, len(latest))
        empty = self.query_one("#home-latest-empty", Static)
        empty.update("" if latest else "Nothing written yet. Press n when you want to write.")
        empty.display = not latest
        self.query_one("#home-privacy", Static).update(privacy_text(self.app))

    def action_check_in(self, mood: int) -> None:
        self.query_one(MoodPicker).choose(mood)

    @on(MoodPicker.Chosen)
    def record_mood(self, event: MoodPicker.Chosen) -> None:
        self.app.note_activity()
        checkin = self.app.services.checkins.create(event.mood)
        self.last_checkin_id = checkin.id
        at = checkin.at.astimezone().strftime("%H:%M")
        self.query_one("#home-checkin-note", Static).update(
            f"Noted: {event.mood} · {mood_word(event.mood)} at {at}. "
            "Thank you for checking in. Press c to add more, or leave it there."
            + (f"\n{follow_up}" if (follow_up := checkin_follow_up(event.mood)) else "")
        )
        self.refresh_data()

    def action_open_check_in(self) -> None:
        from copingkit.tui.screens.checkin import CheckInScreen

        self.app.push_screen(CheckInScreen.for_checkin(self.last_checkin_id))

    def action_new_entry(self) -> None:
        from copingkit.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen())

    def action_open_coping(self) -> None:
        go_or_get_help(self.app, "coping")

    @on(EntryList.Opened)
    def open_entry(self, event: EntryList.Opened) -> None:
        from copingkit.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen.for_entry(event.entry_id))
