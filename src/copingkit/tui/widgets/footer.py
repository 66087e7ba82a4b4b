"""The footer, with Get help and Lock always first.

Textual's Footer lists the focused widget's and the screen's keys before the app's, so on a busy
screen at 100 columns the app's own keys fall off the end. Here the keys a person may need in a
hard moment come first and cannot be pushed out of sight, and a key that doesn't fit is left out
whole instead of being cut mid-word.

Textual's Footer removes and mounts all its keys again on every bindings refresh (each focus move,
each `refresh_bindings`), though most change nothing it shows; this one recomposes only when what
it would show has changed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported by textual.widgets; the one import of it here

__all__ = ["FIRST_ACTIONS", "CopingkitFooter", "FooterKey", "key_width"]

FIRST_ACTIONS = ("get_help", "lock", "panic_lock")


class CopingkitFooter(Footer):
    _shown: tuple[object, ...] | None = None
    """What the keys on show were composed from (see `_what_to_show`)."""

    def _what_to_show(self) -> tuple[object, ...]:
        """Everything `compose` reads: the shown bindings with their state, a modal's app keys, the width."""
        active = tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show
        )
        hidden = tuple(
            (binding, self.app.check_action(binding.action, ())) for binding in self._app_keys_a_modal_hides({})
        )
        return active, hidden, self.app.size.width

    def bindings_changed(self, screen: Screen) -> None:
        """Textual's, but the recompose (after the refresh, when the screen's widgets are there) is skipped
        when it would show the same keys."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self._still_showing():
            return
        if self._shown != self._what_to_show():
            await self.recompose()

    def _still_showing(self) -> bool:
        """Whether this footer is still on the screen a person sees, checked when the deferred recompose runs.

        By then the footer or its screen may be on its way out (a lock replaces every screen): its widgets
        are being removed, and asking the screen for its bindings would run its `check_action` against
        widgets that are gone. Textual's own `recompose` bails for a node being removed in the same way.
        A screen below another gets its bindings refreshed, and so this footer, when it is shown again.
        """
        if not self.is_attached or self._pruning or self._closing:
            return False
        screen = self.screen
        if screen._pruning or screen._closing or not screen.is_attached:
            return False
        return screen is self.app.screen

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
        self._shown = self._what_to_show()
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
            yield self._as_is(widget)
        yield from palette  # never bound to the footer's `compact`: Textual leaves it compact

    def _as_is(self, key: FooterKey) -> FooterKey:
        """A key bound to the footer's `compact`, set to it before it is mounted: a FooterKey starts compact
        and the binding flips it back once mounted, restyling every key twice on every recompose."""
        key.set_reactive(FooterKey.compact, self.compact)
        return key

    def on_resize(self) -> None:
        self.call_after_refresh(self._recompose_if_changed)  # the width is part of what is shown


def key_width(key: FooterKey) -> int:
    """Cells a footer key takes: " key " then "description "."""
    return len(key.key_display) + 2 + (len(key.description) + 1 if key.description else 0)
