"""Peer-support group sessions: log one, look back at past ones, keep a strategy learned from others.

Every field is optional: an empty date is today, an empty group name is the group last attended,
minutes start at a typical 90. ctrl+s saves. Past sessions open with enter; d deletes one after asking.
A strategy learned from the group goes into the library marked "learned from my group".
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.validation import Number
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.services.groups import TYPICAL_MINUTES
from copingkit.core.services.readmodels import GroupSession
from copingkit.tui.context import app_context, open_services
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.row_options import fill_rows, highlighted_row_id
from copingkit.tui.widgets.when_input import WhenInput

PAST = 50
UNNAMED_GROUP = "My group"
TEXT_FIELDS = {
    "what_i_shared": "#groups-shared",
    "what_i_heard": "#groups-heard",
    "takeaways": "#groups-takeaways",
}


def session_day(session: GroupSession) -> str:
    return session.at.astimezone().strftime("%a %d %b %Y")


def session_prompt(session: GroupSession) -> Content:
    """One line for the list of past sessions: when, which group, and a glimpse of the rest."""
    details: list[str] = []
    if session.minutes is not None:
        details.append(f"{session.minutes} min")
    if session.connectedness is not None:
        details.append(f"felt connected {session.connectedness}/10")
    glimpse = session.takeaways or session.what_i_shared or session.what_i_heard
    if glimpse:
        details.append(f"“{' '.join(glimpse.split())}”")
    return Content.assemble(
        (session_day(session), "dim"), "  ", (session.group_name, "bold"), *(f" · {part}" for part in details)
    )


class PastSessions(OptionList):
    """Past sessions, newest first; its keys act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,delete", "screen.delete_session", "Delete", key_display="d", id="groups-delete-session"),
    ]


class GroupsScreen(Screen[None]):
    """Log a group session, or open a past one to change it."""

    CSS_PATH = "groups.tcss"
    AUTO_FOCUS = "#groups-when"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="groups-back", show=False),
        Binding("ctrl+s", "save", "Save", id="groups-save"),
        Binding("ctrl+n", "new_session", "New", id="groups-new-session", show=False),
        Binding("ctrl+r", "focus_past", "Past", id="groups-focus-past"),
        Binding("ctrl+t", "learn_strategy", "Learned a strategy", id="groups-learn-strategy"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.session_id: int | None = None
        self._saved_form: tuple[str, ...] | None = None
        self._loaded_when = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="groups-form"):
            yield Static("Group sessions", id="groups-title")
            yield Static(
                "A peer-support session, for you alone. Every field is optional.\n"
                "ctrl+s save · ctrl+n new · ctrl+r past sessions · ctrl+t a strategy I learned there",
                id="groups-lead",
            )
            with Horizontal(classes="groups-row"):
                with Vertical(classes="groups-cell"):
                    yield Label("When")
                    yield WhenInput(placeholder="today, or 3 days ago", id="groups-when")
                with Vertical(classes="groups-cell"):
                    yield Label("Group")
                    yield Input(id="groups-name")
                with Vertical(classes="groups-cell groups-small"):
                    yield Label("Minutes")
                    yield Input(
                        str(TYPICAL_MINUTES),
                        type="integer",
                        max_length=4,
                        validators=[Number(1, 24 * 60)],
                        valid_empty=True,
                        id="groups-minutes",
                    )
            yield Static("", id="groups-before", markup=False)
            yield Label("What I shared", classes="groups-label")
            yield TextArea(id="groups-shared", soft_wrap=True, classes="groups-text")
            yield Label("What I heard", classes="groups-label")
            yield TextArea(id="groups-heard", soft_wrap=True, classes="groups-text")
            yield Label("What I'm taking away", classes="groups-label")
            yield TextArea(id="groups-takeaways", soft_wrap=True, classes="groups-text")
            with Horizontal(classes="groups-row"):
                yield Label("How connected I felt, 0–10", id="groups-connected-label")
                yield Input(
                    placeholder="–",
                    type="integer",
                    max_length=2,
                    validators=[Number(0, 10)],
                    valid_empty=True,
                    id="groups-connected",
                    compact=True,
                )
            with Horizontal(id="groups-buttons"):
                yield Button("Save session", id="groups-save-button", variant="primary")
                yield Button("A strategy I learned from my group", id="groups-learn-button")
            yield Static("", id="groups-status", markup=False)
            yield Label("Past sessions — enter opens one, d deletes it", classes="groups-label")
            yield PastSessions(id="groups-past")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self._offer_group_names()
        self._load_past()
        self._saved_form = self._form_state()
        self._status("A new session.")

    # -- the form ---------------------------------------------------------------------------

    def _offer_group_names(self) -> None:
        """Suggest groups attended before; an empty name means the one attended last."""
        names = open_services(self).groups.groups()
        box = self.query_one("#groups-name", Input)
        box.suggester = SuggestFromList(names, case_sensitive=False) if names else None
        box.placeholder = f"{names[0]} — or another group" if names else UNNAMED_GROUP
        before = self.query_one("#groups-before", Static)
        before.update(f"Groups you've been to: {' · '.join(names[:4])}. Start typing; → takes a suggestion.")
        before.display = bool(names)

    @staticmethod
    def _default_group(names: list[str]) -> str:
        return names[0] if names else UNNAMED_GROUP

    def _form_state(self) -> tuple[str, ...]:
        """Everything on the form, to tell a real edit from the screen filling itself in."""
        inputs = tuple(box.value for box in self.query(Input))
        texts = tuple(area.text for area in self.query(TextArea))
        return (*inputs, *texts)

    @property
    def dirty(self) -> bool:
        return self._saved_form is not None and self._form_state() != self._saved_form

    def _set(self, selector: str, value: object) -> None:
        self.query_one(selector, Input).value = "" if value is None else str(value)

    def _fill(self, session: GroupSession | None) -> None:
        when = self.query_one("#groups-when", WhenInput)
        when.set_moment(session.at if session else None)
        self._loaded_when = when.value.strip()
        self._set("#groups-name", session.group_name if session else "")
        self._set("#groups-minutes", session.minutes if session else TYPICAL_MINUTES)
        self._set("#groups-connected", session.connectedness if session else None)
        for field, selector in TEXT_FIELDS.items():
            self.query_one(selector, TextArea).text = (getattr(session, field) or "") if session else ""
        self.session_id = session.id if session else None
        self._saved_form = self._form_state()

    def _read_form(self) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The form as service arguments, and any field that doesn't read clearly (selector, words)."""
        problems: list[tuple[str, str]] = []
        values: dict[str, Any] = {
            field: self.query_one(selector, TextArea).text.strip() or None for field, selector in TEXT_FIELDS.items()
        }
        values["group_name"] = self.query_one("#groups-name", Input).value.strip() or self._default_group(
            open_services(self).groups.groups()
        )

        def number(selector: str, low: int, high: int, message: str) -> int | None:
            text = self.query_one(selector, Input).value.strip()
            if not text:
                return None
            if text.isdigit() and low <= int(text) <= high:
                return int(text)
            problems.append((selector, message))
            return None

        values["minutes"] = number("#groups-minutes", 1, 24 * 60, "Minutes is a whole number from 1 to 1,440.")
        values["connectedness"] = number("#groups-connected", 0, 10, "How connected you felt is a number from 0 to 10.")
        try:
            values["at"] = self.query_one("#groups-when", WhenInput).when()
        except (ValueError, InvalidInput) as error:
            problems.append(("#groups-when", str(error)))
            values["at"] = None
        return values, problems

    def save(self, *, strict: bool = True) -> bool:
        """Log the session, or update the one open. `strict`: stop at a field that doesn't read clearly.

        Not strict (before a lock) keeps everything that does read, so no writing is lost.
        """
        values, problems = self._read_form()
        if problems and strict:
            selector, words = problems[0]
            self._status(f"{words} Nothing is lost; change it and press ctrl+s.")
            self.query_one(selector).focus()
            return False
        groups = open_services(self).groups
        when_text = self.query_one("#groups-when", WhenInput).value.strip()
        try:
            if self.session_id is None:
                session = groups.log(**values)
            else:
                if values["at"] is None or when_text == self._loaded_when:
                    values.pop("at")
                session = groups.update(self.session_id, **values)
        except InvalidInput as error:
            self._status(str(error))
            return False
        except NotFound:
            self.session_id = None
            return self.save(strict=strict)
        self.session_id = session.id
        self._loaded_when = when_text
        self._saved_form = self._form_state()
        self._offer_group_names()
        self._load_past(select=session.id)
        self._status(f"Saved: {session.group_name}, {session_day(session)}. ctrl+n starts a new one.")
        return True

    def flush_drafts(self) -> None:
        """The app's draft flush (and before a lock or quit): keep what was typed but not saved."""
        if self.dirty and app_context(self).services is not None:
            self.save(strict=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#groups-save-button")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.save()

    @on(Button.Pressed, "#groups-learn-button")
    def _learn_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_learn_strategy()

    def action_save(self) -> None:
        self.save()

    def action_new_session(self) -> None:
        if self.dirty and not self.save():
            return
        self._fill(None)
        self.query_one("#groups-when").focus()
        self._status("A new session. Every field is optional.")

    def action_back(self) -> None:
        if self.dirty and not self.save():
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)

    # -- past sessions ----------------------------------------------------------------------

    def _load_past(self, select: int | None = None) -> None:
        past = open_services(self).groups.list(limit=PAST)
        fill_rows(
            self.query_one("#groups-past", PastSessions),
            past,
            session_prompt,
            empty="No sessions logged yet.",
            select=select,
        )

    def _highlighted_id(self) -> int | None:
        return highlighted_row_id(self.query_one("#groups-past", PastSessions))

    def action_focus_past(self) -> None:
        self.query_one("#groups-past", PastSessions).focus()

    @on(OptionList.OptionSelected, "#groups-past")
    def _past_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not (event.option.id or "").isdigit():
            return
        if self.dirty and not self.save():
            return
        try:
            session = open_services(self).groups.get(int(event.option.id or 0))
        except NotFound:
            self._load_past()
            return
        self._fill(session)
        self.query_one("#groups-when").focus()
        self._status(f"Changing the session from {session_day(session)}. ctrl+s saves.")

    def action_delete_session(self) -> None:
        session_id = self._highlighted_id()
        if session_id is None:
            return
        try:
            session = open_services(self).groups.get(session_id)
        except NotFound:
            self._load_past()
            return
        from copingkit.tui.modals.confirm import ConfirmModal

        def decided(delete: bool | None) -> None:
            if not delete:
                return
            try:
                open_services(self).groups.delete(session_id)
            except NotFound:
                pass
            if self.session_id == session_id:
                self._fill(None)
            self._load_past()
            self._offer_group_names()
            self.query_one("#groups-past", PastSessions).focus()
            self._status(f"Deleted the session from {session_day(session)}.")

        self.app.push_screen(
            ConfirmModal(
                f"Delete the session with {session.group_name} from {session_day(session)}? This can't be undone.",
                yes="Delete",
                no="Keep it",
            ),
            callback=decided,
        )

    # -- a strategy learned from the group --------------------------------------------------

    def action_learn_strategy(self) -> None:
        from copingkit.tui.modals.strategy_form import StrategyDraft, StrategyFormModal

        def added(draft: StrategyDraft | None) -> None:
            if draft is None:
                return
            try:
                if draft.from_group:
                    strategy = open_services(self).groups.learn_strategy(
                        draft.title, draft.steps, minutes=draft.minutes, reactions=draft.reactions
                    )
                else:
                    strategy = open_services(self).coping.create(
                        draft.title, draft.steps, minutes=draft.minutes, reactions=draft.reactions
                    )
            except InvalidInput as error:
                self._status(str(error))
                return
            where = "marked “learned from my group”" if strategy.source == "group" else "under my own"
            self._status(f"“{strategy.title}” is in your library, {where}.")

        self.app.push_screen(StrategyFormModal(from_group=True), callback=added)

    def _status(self, text: str) -> None:
        self.query_one("#groups-status", Static).update(text)


__all__ = ["GroupsScreen"]
