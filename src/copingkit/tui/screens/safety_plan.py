"""My safety plan: the six steps and reasons to keep going, plus my people, all editable.

Type in a step's box and press enter to add a line. On a line: e edits, delete removes, shift+↑/↓ moves it.
w writes a one-page printable copy (plaintext, said before writing; the file is 0600).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from copingkit.core.services.readmodels import SafetyPlan, SupportContact
from copingkit.tui.context import app_context, open_services
from copingkit.tui.typing_guard import FIRST_TEXT_BOX
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.writes import write_file_or_say, write_or_warn

PLAINTEXT_NOTICE = (
    "The printable copy is plaintext, not encrypted: anyone who can open the file can read your plan. "
    "Keep it somewhere private, or print it and delete the file."
)
DEFAULT_EXPORT_NAME = "safety-plan.html"
CONTACTS = "contacts"


def list_id(key: str) -> str:
    return f"plan-{key.replace('_', '-')}"


def add_id(key: str) -> str:
    return f"plan-add-{key.replace('_', '-')}"


def contact_content(contact: SupportContact) -> Content:
    parts: list[Any] = [(contact.name, "bold")]
    if contact.how_to_reach:
        parts.append(f" — {contact.how_to_reach}")
    if contact.note:
        parts.append((f"  ({contact.note})", "dim"))
    return Content.assemble(*parts)


class PlanList(OptionList):
    """The lines of one step (or the contacts); its bindings act on the highlighted line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_line", "Edit", id="safety-plan-edit"),
        Binding("delete", "screen.remove_line", "Remove", key_display="del", id="safety-plan-remove"),
        Binding("shift+up", "screen.move_line(-1)", "Move up", key_display="⇧↑", id="safety-plan-move-up"),
        Binding("shift+down", "screen.move_line(1)", "Move down", key_display="⇧↓", id="safety-plan-move-down"),
    ]

    def __init__(self, key: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.section = key


class SafetyPlanScreen(Screen[None]):
    """The plan, in the order it is used: start at step 1, go on while things don't ease."""

    CSS_PATH = "safety_plan.tcss"
    AUTO_FOCUS = FIRST_TEXT_BOX

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="safety-plan-back"),
        Binding("w", "export", "Printable copy", id="safety-plan-export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: SafetyPlan | None = None
        self.contacts: list[SupportContact] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan-body"):
            yield Static("My safety plan", id="plan-title")
            yield Static(
                "For hard moments. Start at step 1; if things don't ease, go on to the next step.",
                id="plan-lead",
            )
            for step in open_services(self).safety.plan().steps:
                heading = f"{step.number}. {step.title}" if step.number is not None else step.title
                yield Static(heading, classes="plan-heading", markup=False)
                yield Static(step.prompt, classes="plan-prompt", markup=False)
                yield PlanList(step.key, id=list_id(step.key), classes="plan-list")
                yield Input(
                    placeholder="+ add a line, then enter", id=add_id(step.key), classes="plan-add", compact=True
                )
                if step.key == "people_to_ask":
                    yield from self._contacts_section()
            yield Static(
                "e edit · del remove · shift+↑/↓ move · w printable copy. Get help (f1) shows your people first.",
                id="plan-keys",
            )
        yield CopingkitFooter()

    def _contacts_section(self) -> ComposeResult:
        yield Static("My people", classes="plan-heading")
        yield Static("Who to call or text. Get help shows them first, before any line.", classes="plan-prompt")
        yield PlanList(CONTACTS, id="plan-contacts", classes="plan-list")
        with Horizontal(id="plan-contact-row"):
            yield Input(placeholder="+ name", id="plan-contact-name", compact=True)
            yield Input(placeholder="how to reach them, then enter", id="plan-contact-reach", compact=True)

    def on_mount(self) -> None:
        self.refresh_plan()

    def refresh_plan(self, *, keep: dict[str, int] | None = None) -> None:
        services = open_services(self)
        self.plan = services.safety.plan()
        self.contacts = services.safety.contacts()
        for step in self.plan.steps:
            self._fill(list_id(step.key), [(f"item-{item.id}", Content(item.text)) for item in step.items], keep)
        self._fill("plan-contacts", [(f"contact-{c.id}", contact_content(c)) for c in self.contacts], keep)

    def _fill(self, widget_id: str, rows: list[tuple[str, Content]], keep: dict[str, int] | None) -> None:
        options = self.query_one(f"#{widget_id}", PlanList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(prompt, id=option_id) for option_id, prompt in rows])
        options.display = bool(rows)
        if keep and widget_id in keep and rows:
            options.highlighted = max(0, min(keep[widget_id], len(rows) - 1))
        elif highlighted is not None and rows:
            options.highlighted = min(highlighted, len(rows) - 1)

    # -- adding ----------------------------------------------------------------------------

    @on(Input.Submitted, ".plan-add")
    def add_line(self, event: Input.Submitted) -> None:
        event.stop()
        key = next(step.key for step in self.plan.steps if add_id(step.key) == event.input.id) if self.plan else None
        if key is None or not event.value.strip():
            return
        if write_or_warn(self, lambda: open_services(self).safety.add_item(key, event.value)):
            event.input.value = ""
            self.refresh_plan()

    @on(Input.Submitted, "#plan-contact-name, #plan-contact-reach")
    def add_contact(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#plan-contact-name", Input)
        reach = self.query_one("#plan-contact-reach", Input)
        if event.input is name and not reach.value.strip():
            reach.focus()
            return
        if not name.value.strip():
            name.focus()
            return
        if write_or_warn(
            self, lambda: open_services(self).safety.add_contact(name.value, how_to_reach=reach.value or None)
        ):
            name.value = reach.value = ""
            name.focus()
            self.refresh_plan()

    def commit_pending_edits(self) -> None:
        """Called before a lock: keep any line typed but not yet added."""
        if self.plan is None:
            return
        for step in self.plan.steps:
            box = self.query_one(f"#{add_id(step.key)}", Input)
            if box.value.strip():
                open_services(self).safety.add_item(step.key, box.value)
                box.value = ""
        name = self.query_one("#plan-contact-name", Input)
        if name.value.strip():
            reach = self.query_one("#plan-contact-reach", Input)
            open_services(self).safety.add_contact(name.value, how_to_reach=reach.value or None)
            name.value = reach.value = ""

    # -- editing the highlighted line --------------------------------------------------------

    def _selected(self) -> tuple[PlanList, str, int] | None:
        focused = self.focused
        if not isinstance(focused, PlanList) or focused.highlighted is None:
            return None
        option = focused.get_option_at_index(focused.highlighted)
        kind, _, number = (option.id or "").partition("-")
        return focused, kind, int(number)

    def action_edit_line(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        options, kind, row_id = selected
        from copingkit.tui.modals.text_prompt import TextPromptModal

        if kind == "item":
            current = next(i.text for s in self.plan.steps for i in s.items if i.id == row_id)  # type: ignore[union-attr]

            def edited(text: str | None) -> None:
                if text is not None and text.strip():
                    if write_or_warn(self, lambda: open_services(self).safety.update_item(row_id, text)):
                        self.refresh_plan()
                        options.focus()

            self.app.push_screen(TextPromptModal("Change this line", value=current), callback=edited)
        else:
            contact = next(c for c in self.contacts if c.id == row_id)
            current = contact.name + (f" — {contact.how_to_reach}" if contact.how_to_reach else "")

            def edited_contact(text: str | None) -> None:
                if text is None or not text.strip():
                    return
                name, _, reach = text.partition(" — ")
                if write_or_warn(
                    self,
                    lambda: open_services(self).safety.update_contact(row_id, name=name, how_to_reach=reach or None),
                ):
                    self.refresh_plan()
                    options.focus()

            self.app.push_screen(
                TextPromptModal("Change this contact (name — how to reach them)", value=current),
                callback=edited_contact,
            )

    def action_remove_line(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        options, kind, row_id = selected
        safety = open_services(self).safety
        index = options.highlighted or 0
        if write_or_warn(self, lambda: safety.remove_item(row_id) if kind == "item" else safety.remove_contact(row_id)):
            self.refresh_plan(keep={options.id or "": index})
            if options.display:
                options.focus()
            else:
                self.focus_next()

    def action_move_line(self, offset: int) -> None:
        selected = self._selected()
        if selected is None:
            return
        options, kind, row_id = selected
        safety = open_services(self).safety
        index = (options.highlighted or 0) + offset
        if write_or_warn(
            self, lambda: safety.move_item(row_id, offset) if kind == "item" else safety.move_contact(row_id, offset)
        ):
            self.refresh_plan(keep={options.id or "": index})

    # -- printable copy ---------------------------------------------------------------------

    def action_export(self) -> None:
        from copingkit.tui.modals.text_prompt import TextPromptModal

        default = str(Path.home() / DEFAULT_EXPORT_NAME)

        def chosen(path_text: str | None) -> None:
            if path_text is None or not path_text.strip():
                return
            path = Path(path_text.strip()).expanduser()
            config = app_context(self).config
            country = (config.country or "").upper()
            page = open_services(self).safety.export_html(
                country=country or None, hide=config.hidden_lines, corrections=config.corrected_lines
            )
            self._write_export(path, page)

        self.app.push_screen(
            TextPromptModal("Save a printable copy of your plan to:", value=default, notice=PLAINTEXT_NOTICE),
            callback=chosen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="safety-plan-export")
    def _write_export(self, path: Path, page: str) -> None:
        write_file_or_say(self, path, page, saved=f"Printable copy saved to {path} (plaintext).", make_folder=True)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
