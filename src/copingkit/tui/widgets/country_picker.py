"""A searchable list of country names: type part of a name (or its two letters), pick one.

Used by the first-run country step and by Settings, so both offer the same list.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from copingkit.core import content


class CountryPicker(Vertical):
    """An Input (id `input_id`) that filters the OptionList below it (id `<input_id>-list`)."""

    DEFAULT_CSS = """
    CountryPicker { height: auto; }
    CountryPicker OptionList { height: auto; max-height: 6; border: none; padding: 0; }
    """

    class Chosen(Message):
        def __init__(self, picker: CountryPicker, code: str) -> None:
            super().__init__()
            self.picker = picker
            self.code = code

    def __init__(self, code: str = "", *, input_id: str, placeholder: str = "Type a country's name") -> None:
        super().__init__()
        self.input_id = input_id
        self.initial = content.country_name(code) or "" if code else ""
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(self.initial, id=self.input_id, placeholder=self.placeholder, compact=True)
        yield OptionList(id=f"{self.input_id}-list", compact=True)

    def on_mount(self) -> None:
        self._fill(self.initial)
        self._show_list(False)

    def _show_list(self, shown: bool) -> None:
        """The list shows only while the picker has focus, so it never pushes a form's buttons away."""
        for options in self.query(OptionList):
            options.display = shown

    def on_descendant_focus(self) -> None:
        self._show_list(True)

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._blurred)

    def _blurred(self) -> None:
        if not self.is_attached:
            return
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors:
            self._show_list(False)

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(f"{country.name} ({country.code})", id=country.code) for country in content.search_countries(query)
        )
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        code = self.code
        if code:
            self.post_message(self.Chosen(self, code))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(self, event.option.id))

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value.strip()

    @property
    def code(self) -> str | None:
        """The highlighted country; "" when the box is empty (no country); None when nothing matches."""
        if not self.query_text:
            return ""
        options = self.query_one(OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id
