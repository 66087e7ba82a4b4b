"""Typing never navigates by surprise (DESIGN.md §5).

The app applies two rules to every screen, so no screen has to remember them:

- On a screen with text boxes the app's single-letter keys (h Home, j Journal, …) are off: there,
  letters are for writing and only the screen's own keys act.
- A character that is no key on the current screen means the person is typing. From then on
  characters do nothing (neither the app's keys nor the screen's) until they pause for a moment
  or press a key that is not a character (esc, enter, tab, an arrow, f1).

Screens made for writing open with their first text box focused (`AUTO_FOCUS = FIRST_TEXT_BOX`),
so what is typed lands there. Text boxes take their characters before any of this is asked.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from textual import events
from textual.screen import Screen

from copingkit.core.clock import Clock

TEXT_BOXES = "Input, TextArea"
FIRST_TEXT_BOX = TEXT_BOXES
"""For `AUTO_FOCUS`: Textual focuses the first focusable match, in the order of the screen."""

TYPING_PAUSE = timedelta(seconds=1.5)
"""How long a pause ends typing, so that a key pressed on purpose afterwards works again."""

TYPING_NOTICE = (
    "Keys are paused while you type, so nothing opens by surprise. "
    "To write, move to a box with tab, or press n on Home for a journal entry."
)


class KeyUse(enum.Enum):
    """What a character key that no text box took is for."""

    KEY = "key"
    """A key of this screen (or of the app): it acts."""
    TYPING_STARTED = "typing-started"
    """No key here: the person is typing. It does nothing, and neither do the characters after it."""
    TYPING = "typing"
    """Typed while typing: it does nothing."""


def has_text_boxes(screen: Screen) -> bool:
    return bool(screen.query(TEXT_BOXES))


def is_character(event: events.Key) -> bool:
    return event.character is not None and event.character.isprintable()


class TypingGuard:
    """Tells a key pressed on purpose from a character typed as part of words."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._last_typed: datetime | None = None

    def use(self, event: events.Key, screen: Screen) -> KeyUse:
        """Called for every key that reached the app unhandled by a widget, before any binding."""
        if not is_character(event):
            self._last_typed = None
            return KeyUse.KEY
        now = self.clock()
        if self._last_typed is not None and now - self._last_typed < TYPING_PAUSE:
            self._last_typed = now
            return KeyUse.TYPING
        self._last_typed = None
        active = screen.active_bindings.get(event.key)
        if active is not None and active.enabled:
            return KeyUse.KEY
        self._last_typed = now
        return KeyUse.TYPING_STARTED
