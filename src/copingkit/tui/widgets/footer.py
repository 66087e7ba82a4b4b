"""The footer, with Get help and Lock always first.

Textual's Footer lists the focused widget's and the screen's keys before the app's, so on a busy
screen at 100 columns the app's own keys fall off the end. Here the keys a person may need in a
hard moment come first and cannot be pushed out of sight, and a key that doesn't fit is left out
whole instead of being cut mid-word.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST_ACTIONS = ("get_help", "lock", "panic_lock")


class CopingkitFooter(Footer):
    def _app_keys_a_modal_hides(self, found: dict) -> list[Binding]:
        """A modal screen leaves the app's keys out of its bindings though they still work: show them."""
        if not isinstance(self.screen, ModalScreen):
            return []
        keys = [b for b in self.app.BINDINGS if isinstance(b, Binding) and b.show and b.action in FIRST_ACTIONS]
        return [b for b in keys if b.action not in found and self.app.check_action(b.action, ()) is not False]

    def _key_display(self, binding: Binding) -> str:
        """Every key of one of the first actions, as one item ("f1/^f"): the second key costs no room."""
        keys = [b for b in self.app.BINDINGS if isinstance(b, Binding) and b.action == binding.action]
        shown = [self.app.get_key_display(b) for b in keys] or [self.app.get_key_display(binding)]
        return "/".join(dict.fromkeys(shown))

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        first = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action in FIRST_ACTIONS and binding.action not in first:
                first[binding.action] = FooterKey(
                    binding.key,
                    self._key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip,
                ).data_bind(compact=Footer.compact)
        for binding in self._app_keys_a_modal_hides(first):
            first[binding.action] = FooterKey(
                binding.key,
                self._key_display(binding),
                binding.description,
                binding.action,
                disabled=not self.app.check_action(binding.action, ()),
            ).data_bind(compact=Footer.compact)
        room = self.app.size.width
        rest: list[FooterKey] = []
        palette: list[FooterKey] = []
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in first:
                continue
            if isinstance(widget, FooterKey) and widget.has_class("-command-palette"):
                room -= key_width(widget)  # docked right, over the last cells
                palette.append(widget)
            elif isinstance(widget, FooterKey) and not widget.has_class("-grouped"):
                rest.append(widget)
            else:
                yield widget
        # A key that doesn't fit is left out whole, never cut mid-word ("D Delete foreve").
        for widget in (*(first[action] for action in FIRST_ACTIONS if action in first), *rest):
            room -= key_width(widget)
            if room < 0:
                break
            yield widget
        yield from palette

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)


def key_width(key: FooterKey) -> int:
    """Cells a footer key takes: " key " then "description "."""
    return len(key.key_display) + 2 + (len(key.description) + 1 if key.description else 0)
