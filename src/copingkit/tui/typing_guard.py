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
import weakref
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


_text_boxes: weakref.WeakKeyDictionary[Screen, tuple[int, bool]] = weakref.WeakKeyDictionary()
"""Each screen's answer, with the count of changes to its widget tree it was found at."""


def has_text_boxes(screen: Screen) -> bool:
    """Whether the screen holds an Input or a TextArea anywhere (shown or not).

    Asked for every place key each time the footer or a key checks the bindings, so the answer is
    kept until the screen's tree changes. Textual counts every mount and removal anywhere below a
    node in `node._nodes._updates` (its own `query_one` cache is keyed on it); a box mounted later,
    however deep, bumps the screen's count, and the query runs again.
    """
    tree_changes = screen._nodes._updates
    known = _text_boxes.get(screen)
    if known is not None and known[0] == tree_changes:
        return known[1]
    answer = bool(screen.query(TEXT_BOXES))
    _text_boxes[screen] = (tree_changes, answer)
    return answer


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
