"""A check-in: mood in one key, and only if wanted, emotions, energy, sleep, confidence and a note.

Picking a mood saves the check-in at once; anything added afterwards updates it about a second
later, so there is never a "submit" step to forget.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Static

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.help import checkin_follow_up
from copingkit.core.services.readmodels import CheckIn
from copingkit.core.tags import split_tags
from copingkit.tui.context import app_context, open_services
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.mood_picker import MoodPicker, mood_keys, mood_word
from copingkit.tui.widgets.number_box import NumberBox
from copingkit.tui.widgets.row_options import fill_rows, highlighted_row_id
from copingkit.tui.widgets.when_input import WhenInput

EMOTIONS = ("anxious", "sad", "angry", "ashamed", "lonely", "numb", "calm", "hopeful")
RECENT = 20
UNDO_SECONDS = 12.0


def emotion_id(name: str) -> str:
    return f"emotion-{name.replace(' ', '-')}"


def checkin_prompt(checkin: CheckIn) -> Content:
    when = checkin.at.astimezone().strftime("%a %d %b  %H:%M")
    details: list[str] = []
    if checkin.emotions:
        details.append(", ".join(f"{item.name} {item.intensity}" for item in checkin.emotions))
    if checkin.energy is not None:
        details.append(f"energy {checkin.energy}/5")
    if checkin.sleep_hours is not None:
        details.append(f"slept {checkin.sleep_hours:g} h")
    if checkin.coping_confidence is not None:
        details.append(f"confidence {checkin.coping_confidence}/10")
    if checkin.note:
        details.append(f"“{' '.join(checkin.note.split())}”")
    if checkin.shared:
        details.append("shared")
    return Content.assemble(
        (when, "dim"), "  ", (f"{checkin.mood} {mood_word(checkin.mood)}".ljust(12), "bold"), " · ".join(details)
    )


class CheckInScreen(Screen):
    """A new check-in, or an earlier one when `checkin_id` is set (or picked from the list)."""

    CSS_PATH = "checkin.tcss"
    AUTO_FOCUS = ""
    """Nothing focused at first, so the form isn't scrolled to a field; 1–5 work from the screen."""

    BINDINGS = [
        *mood_keys("mood", "Mood", "checkin-mood"),
        Binding("ctrl+s", "save_now", "Save now", id="checkin-save-now"),
        Binding("ctrl+n", "new_checkin", "New check-in", id="checkin-new-checkin"),
        Binding("ctrl+t", "toggle_share", "Share", id="checkin-toggle-share"),
        Binding("r", "focus_recent", "Recent", id="checkin-focus-recent"),
        Binding("delete", "delete_checkin", "Delete", key_display="del", id="checkin-delete-checkin"),
        Binding("u", "undo", "Undo", id="checkin-undo-delete-checkin"),
        Binding("escape", "back", "Back", id="checkin-back"),
        Binding("enter", "next_box", "Next", show=False, priority=True, id="checkin-next-box"),
    ]

    def __init__(self, checkin_id: int | None = None) -> None:
        """A new check-in, or more detail on the check-in `checkin_id`."""
        super().__init__()
        self.checkin_id = checkin_id
        self.mood: int | None = None
        self._deleted: CheckIn | None = None
        self._undo_timer: Timer | None = None
        self._saved_form: tuple[object, ...] | None = None
        self._loaded_when = ""

    @classmethod
    def for_checkin(cls, checkin_id: int | None) -> CheckInScreen:
        return cls(checkin_id=checkin_id)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="checkin-form", can_focus=False):
            yield Label("How are you right now? One key is enough; the rest is optional.", id="checkin-ask")
            yield MoodPicker(id="checkin-mood")
            yield Static("", id="checkin-status")
            yield Label("Emotions, if you like — how strong, 0 to 10", classes="checkin-heading")
            with Grid(id="checkin-emotions"):
                for name in EMOTIONS:
                    with Horizontal(classes="checkin-emotion"):
                        yield Label(name, classes="checkin-emotion-name")
                        yield self._number(emotion_id(name), 0, 10, f"{name.capitalize()} is a number from 0 to 10.")
            with Horizontal(id="checkin-numbers"):
                with Vertical(classes="checkin-number"):
                    yield Label("Energy 1–5")
                    yield self._number("checkin-energy", 1, 5, "Energy is a number from 1 to 5.")
                with Vertical(classes="checkin-number"):
                    yield Label("Sleep, hours")
                    yield self._number("checkin-sleep", 0, 24, "Sleep is a number of hours from 0 to 24.", decimal=True)
                with Vertical(classes="checkin-number"):
                    yield Label("Coping confidence 0–10")
                    yield self._number("checkin-confidence", 0, 10, "Coping confidence is a number from 0 to 10.")
            yield Input(placeholder="A note (optional)", id="checkin-note")
            with Horizontal(id="checkin-extra"):
                yield Input(placeholder="tags, comma separated", id="checkin-tags")
                yield WhenInput(id="checkin-when")
            yield Label("Recent check-ins — enter edits one, delete removes it", classes="checkin-heading")
            yield OptionList(id="checkin-recent")
        yield CopingkitFooter()

    @staticmethod
    def _number(field_id: str, low: int, high: int, refusal: str, *, decimal: bool = False) -> NumberBox:
        return NumberBox(low, high, refusal=refusal, decimal=decimal, id=field_id, classes="checkin-detail")

    def on_mount(self) -> None:
        self._load_recent()
        if self.checkin_id is not None:
            self._edit(self.checkin_id)
        else:
            self._status("Press 1–5 to save how you are. Nothing else is needed.")

    # -- the form -------------------------------------------------------------------------------

    def _edit(self, checkin_id: int) -> None:
        try:
            checkin = open_services(self).checkins.get(checkin_id)
        except NotFound:
            self.checkin_id = None
            return
        self.checkin_id = checkin.id
        self.mood = checkin.mood
        self.query_one(MoodPicker).selected = checkin.mood
        intensities = {item.name: item.intensity for item in checkin.emotions}
        for name in EMOTIONS:
            value = intensities.get(name)
            self.query_one(f"#{emotion_id(name)}", Input).value = "" if value is None else str(value)
        self._set("#checkin-energy", checkin.energy)
        self._set("#checkin-sleep", None if checkin.sleep_hours is None else f"{checkin.sleep_hours:g}")
        self._set("#checkin-confidence", checkin.coping_confidence)
        self._set("#checkin-note", checkin.note)
        self._set("#checkin-tags", ", ".join(checkin.tags))
        when = self.query_one("#checkin-when", WhenInput)
        when.set_moment(checkin.at)
        self._loaded_when = when.value.strip()
        self._saved_form = self._form_state()
        self._status(f"Editing the check-in from {checkin.at.astimezone():%a %d %b, %H:%M}. Changes save as you go.")

    def _form_state(self) -> tuple[object, ...]:
        """Everything on the form, to tell a real edit from the screen filling itself in."""
        return (self.mood, *(field.value for field in self.query(Input)))

    def _set(self, selector: str, value: object) -> None:
        self.query_one(selector, Input).value = "" if value is None else str(value)

    def _clear(self) -> None:
        self._loaded_when = ""
        self.checkin_id = None
        self.mood = None
        self.query_one(MoodPicker).selected = None
        for field in self.query(Input):
            field.value = ""
        self._saved_form = self._form_state()

    def _read_form(self) -> tuple[dict[str, Any], list[str]]:
        """The form as service arguments; a field that doesn't read clearly is left out and named."""
        values: dict[str, Any] = {
            "note": self.query_one("#checkin-note", Input).value.strip() or None,
            "tags": split_tags(self.query_one("#checkin-tags", Input).value),
        }
        problems: list[str] = []

        def number(selector: str, low: float, high: float, message: str, kind: type = int) -> Any:
            text = self.query_one(selector, Input).value.strip()
            if not text:
                return None
            try:
                value = kind(text)
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                problems.append(message)
                return None
            return value

        emotions: dict[str, int] = {}
        for name in EMOTIONS:
            value = number(f"#{emotion_id(name)}", 0, 10, f"{name.capitalize()} is a number from 0 to 10.")
            if value is not None:
                emotions[name] = value
        values["emotions"] = emotions
        values["energy"] = number("#checkin-energy", 1, 5, "Energy is a number from 1 to 5.")
        values["sleep_hours"] = number("#checkin-sleep", 0, 24, "Sleep is a number of hours from 0 to 24.", float)
        values["coping_confidence"] = number(
            "#checkin-confidence", 0, 10, "Coping confidence is a number from 0 to 10."
        )
        try:
            values["at"] = self.query_one("#checkin-when", WhenInput).when()
        except ValueError as error:
            problems.append(str(error))
            values["at"] = None
        return values, problems

    def save(self) -> bool:
        """Create (once a mood is picked) or update the check-in from the form."""
        if self.mood is None:
            self._status("Pick a mood with 1–5 and this check-in is saved.")
            return False
        values, problems = self._read_form()
        checkins = open_services(self).checkins
        try:
            if self.checkin_id is None:
                checkin = checkins.create(self.mood, **{k: v for k, v in values.items() if v is not None})
                self.checkin_id = checkin.id
                self._loaded_when = self.query_one("#checkin-when", WhenInput).value.strip()
            else:
                unchanged = self.query_one("#checkin-when", WhenInput).value.strip() == self._loaded_when
                if values.get("at") is None or unchanged:
                    values.pop("at", None)
                else:
                    self._loaded_when = self.query_one("#checkin-when", WhenInput).value.strip()
                checkin = checkins.update(self.checkin_id, mood=self.mood, **values)
        except InvalidInput as error:
            self._status(str(error))
            return False
        except NotFound:
            self.checkin_id = None
            return self.save()
        self._saved_form = self._form_state()
        if problems:
            self._status(f"{problems[0]} Everything else is saved.")
        else:
            self._status(
                f"Saved: {checkin.mood} · {mood_word(checkin.mood)}, {checkin.at.astimezone():%a %d %b %H:%M}. "
                "Anything you add is saved too."
                + (f" {follow_up}" if (follow_up := checkin_follow_up(checkin.mood)) else "")
            )
        self._load_recent(select=checkin.id)
        return True

    @property
    def dirty(self) -> bool:
        """A mood is picked and the form holds something the journal doesn't have yet."""
        return self.mood is not None and self._form_state() != self._saved_form

    def flush_drafts(self) -> None:
        """The app's draft flush (a moment after the last key, and before a lock or quit): the one
        way typing on this form reaches the journal."""
        if self.dirty and app_context(self).services is not None:
            self.save()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self._form_state() == self._saved_form:
            return
        app_context(self).note_activity()
        if self.mood is None:
            self._status("Pick a mood with 1–5 and this check-in is saved, with what you add here.")
            return
        app_context(self).schedule_draft_flush()  # also for changes made with the mouse

    @on(NumberBox.Refused)
    def _refused(self, event: NumberBox.Refused) -> None:
        self._status(f"{event.box.refusal} “{event.text}” wasn't added.")

    def action_next_box(self) -> None:
        """Enter in a box moves on at once, so a digit typed straight after lands in the next box."""
        if not isinstance(self.focused, Input):
            raise SkipAction()
        self.focus_next()

    def action_mood(self, mood: int) -> None:
        self.query_one(MoodPicker).choose(mood)

    @on(MoodPicker.Chosen)
    def mood_chosen(self, event: MoodPicker.Chosen) -> None:
        app_context(self).note_activity()
        self.mood = event.mood
        self.save()

    def action_save_now(self) -> None:
        self.save()

    def action_new_checkin(self) -> None:
        self._clear()
        self.query_one(MoodPicker).focus()
        self._status("A new check-in. Press 1–5 to save how you are.")

    def action_back(self) -> None:
        if self.dirty:
            self.save()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- recent check-ins -----------------------------------------------------------------------

    def _load_recent(self, select: int | None = None) -> None:
        recent = open_services(self).checkins.list(limit=RECENT)
        fill_rows(
            self.query_one("#checkin-recent", OptionList),
            recent,
            checkin_prompt,
            empty="No check-ins yet.",
            select=select,
        )

    def _recent_id(self) -> int | None:
        return highlighted_row_id(self.query_one("#checkin-recent", OptionList))

    @on(OptionList.OptionSelected, "#checkin-recent")
    def recent_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.dirty:
            self.save()
        if event.option.id not in (None, "none"):
            self._edit(int(event.option.id))
            self.query_one(MoodPicker).focus()

    def action_toggle_share(self) -> None:
        """Mark the check-in (the highlighted one in the list, else the one on the form) to share, or not."""
        in_list = self.focused is self.query_one("#checkin-recent")
        checkin_id = self._recent_id() if in_list else self.checkin_id
        if checkin_id is None:
            self._status("Pick a mood with 1–5 first; then ctrl+t marks this check-in to share.")
            return
        if not in_list and self.dirty:
            self.save()
        try:
            checkin = open_services(self).checkins.get(checkin_id)
            checkin = open_services(self).checkins.update(checkin_id, shared=not checkin.shared)
        except NotFound:
            return
        app_context(self).request_save()
        self._load_recent(select=checkin.id)
        self._status(
            "Marked to share with your therapist (export --shared-only)."
            if checkin.shared
            else "No longer marked to share."
        )

    def action_focus_recent(self) -> None:
        self.query_one("#checkin-recent", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_checkin":
            return self.is_mounted and self.focused is self.query_one("#checkin-recent")
        if action == "undo":
            return self._deleted is not None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_delete_checkin(self) -> None:
        checkin_id = self._recent_id()
        if checkin_id is None:
            return
        app_context(self).note_activity()
        try:
            checkin = open_services(self).checkins.get(checkin_id)
            open_services(self).checkins.delete(checkin_id)
        except NotFound:
            return
        self._deleted = checkin
        if checkin_id == self.checkin_id:
            self._clear()
        self._load_recent()
        self._status(f"Deleted the check-in from {checkin.at.astimezone():%a %d %b, %H:%M}. Press u to undo.")
        if self._undo_timer is not None:
            self._undo_timer.stop()
        self._undo_timer = self.set_timer(UNDO_SECONDS, self._undo_expired, name="checkin-undo")
        self.refresh_bindings()

    def _undo_expired(self) -> None:
        self._deleted = None
        self._undo_timer = None
        self.refresh_bindings()

    def action_undo(self) -> None:
        checkin = self._deleted
        if checkin is None:
            return
        self._deleted = None
        restored = open_services(self).checkins.create(
            checkin.mood,
            note=checkin.note,
            tags=checkin.tags,
            at=checkin.at,
            emotions=checkin.emotions,
            energy=checkin.energy,
            sleep_hours=checkin.sleep_hours,
            coping_confidence=checkin.coping_confidence,
            shared=checkin.shared,
        )
        self._load_recent(select=restored.id)
        self._status("Brought it back.")
        self.refresh_bindings()

    def _status(self, text: str) -> None:
        self.query_one("#checkin-status", Static).update(text)


def _whole(text: str, low: int, high: int, message: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(message) from None
    if not low <= value <= high:
        raise ValueError(message)
    return value
