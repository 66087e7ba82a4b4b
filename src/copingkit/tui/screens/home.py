"""Today at a glance: a one-key check-in, recent mood, the latest entries, and where the journal lives.

No streaks and no counts to keep up: a day without a check-in is just an empty column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from copingkit.core import dates
from copingkit.core.help import checkin_follow_up
from copingkit.tui.context import app_context, open_services
from copingkit.tui.widgets.entry_list import EntryList
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.mood_chart import MoodChart
from copingkit.tui.widgets.mood_picker import MoodPicker, mood_keys, mood_word

if TYPE_CHECKING:
    from copingkit.core.vault import Vault

LATEST = 5
CHART_DAYS = 14


def privacy_text(vault: Vault | None) -> str:
    if vault is None or vault.path is None:
        return "Demo — nothing is saved. This journal lives only in memory and is gone when you quit."
    return f"Your journal is encrypted on this device: {vault.path}\nOnly your passphrase or recovery key opens it."


class HomeScreen(Screen):
    """One key records how you are; everything else here is optional."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#home-mood"

    BINDINGS = [
        *mood_keys("check_in", "Check in", "home-check-in"),
        Binding("c", "open_check_in", "More detail", id="home-open-check-in"),
        Binding("n", "new_entry", "Write", id="home-new-entry"),
        Binding("o", "open_coping", "Coping", id="home-open-coping"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.last_checkin_id: int | None = None
        self._away = False

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
            yield Static(privacy_text(app_context(self).vault), id="home-privacy")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        """Back from a screen on top: what was written there shows (the first resume, as the journal
        opens, follows the mount's own reads)."""
        if self._away:
            self._away = False
            self.refresh_data()

    def refresh_data(self) -> None:
        services = open_services(self)
        now = dates.to_local(app_context(self).clock())
        today = now.date()
        self.query_one("#home-today", Static).update(today.strftime("%A %d %B"))
        days = services.checkins.mood_by_day(days=CHART_DAYS)
        self.query_one(MoodChart).set_moods(((day.day, day.mean) for day in days), today)
        latest = services.journal.list(limit=LATEST)
        self.query_one("#home-latest", EntryList).show_page(latest, len(latest))
        empty = self.query_one("#home-latest-empty", Static)
        empty.update("" if latest else "Nothing written yet. Press n when you want to write.")
        empty.display = not latest
        self.query_one("#home-privacy", Static).update(privacy_text(app_context(self).vault))

    def action_check_in(self, mood: int) -> None:
        self.query_one(MoodPicker).choose(mood)

    @on(MoodPicker.Chosen)
    def record_mood(self, event: MoodPicker.Chosen) -> None:
        app_context(self).note_activity()
        checkin = open_services(self).checkins.create(event.mood)
        self.last_checkin_id = checkin.id
        at = checkin.at.astimezone().strftime("%H:%M")
        self.query_one("#home-checkin-note", Static).update(
            f"Noted: {event.mood} · {mood_word(event.mood)} at {at}. "
            "Thank you for checking in. Press c to add more, or leave it there."
            + (f"\n{follow_up}" if (follow_up := checkin_follow_up(event.mood)) else "")
        )
        self.refresh_data()

    def action_open_check_in(self) -> None:
        app_context(self).push_destination("checkin", checkin_id=self.last_checkin_id)

    def action_new_entry(self) -> None:
        app_context(self).push_destination("editor")

    def action_open_coping(self) -> None:
        app_context(self).go("coping")

    @on(EntryList.Opened)
    def open_entry(self, event: EntryList.Opened) -> None:
        app_context(self).push_destination("editor", entry_id=event.entry_id)
