"""Where the open journal is in its life: the session states, the moves between them, and what a
save that is under way leads to.

    LOCKED ──open──▶ UNLOCKED ──ctrl+l, ctrl+q──▶ LOCKING ──saved──▶ CLOSING ──closed──▶ LOCKED
                        │  ▲                         │                 ▲  │
                        │  └──────save failed────────┘                 │  └──closed, quit asked──▶ QUITTING
                        └──────────────────f12 (hide now)──────────────┘

- UNLOCKED: the journal is open and on screen.
- LOCKING: still open and on screen while a save runs first; only when it worked does the journal
  hide. A failed save goes back to UNLOCKED (nothing is lost: it is all still in memory).
- CLOSING: nothing personal on screen; the vault saves and closes behind the lock screen. If that
  save fails the journal stays held here, hidden, and the save is retried.
- LOCKED: no journal on screen; the way in (create or unlock) shows.
- QUITTING: the app is exiting (the journal closed, or a signal or crash saved it on the way out).

`intent` says what the save or close under way leads to: `AfterSave.LOCK` (show the lock screen)
or `AfterSave.QUIT` (exit once closed). An impossible move raises `InvalidMove`: it is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class SessionState(Enum):
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    LOCKING = "locking"
    CLOSING = "closing"
    QUITTING = "quitting"


class AfterSave(Enum):
    """What the save or close under way leads to."""

    LOCK = "lock"
    QUIT = "quit"


MOVES: dict[SessionState, frozenset[SessionState]] = {
    SessionState.LOCKED: frozenset({SessionState.UNLOCKED, SessionState.QUITTING}),
    SessionState.UNLOCKED: frozenset(
        {
            SessionState.LOCKING,  # lock or quit asked: save first, still on screen
            SessionState.CLOSING,  # f12: hide now
            SessionState.QUITTING,  # a signal or crash
        }
    ),
    SessionState.LOCKING: frozenset(
        {
            SessionState.LOCKING,  # quit asked while the lock's save runs
            SessionState.UNLOCKED,  # that save failed: stay open
            SessionState.CLOSING,  # it worked, or f12
            SessionState.LOCKED,  # the demo, which has nothing to save
            SessionState.QUITTING,
        }
    ),
    SessionState.CLOSING: frozenset(
        {
            SessionState.CLOSING,  # quit asked while held; the close retried
            SessionState.LOCKED,  # closed (or the demo's f12)
            SessionState.QUITTING,  # closed with quit asked, or a signal
        }
    ),
    SessionState.QUITTING: frozenset(),
}
"""The allowed moves, from each state."""

SHOWN = frozenset({SessionState.UNLOCKED, SessionState.LOCKING})
"""The states in which the open journal is on screen."""


class InvalidMove(RuntimeError):
    """A move the session doesn't allow: a bug in the lock or quit flow."""


@dataclass
class Session:
    """The app's one session: its state and what the save under way leads to."""

    state: SessionState = SessionState.LOCKED
    intent: AfterSave | None = None

    @property
    def shown(self) -> bool:
        """The journal may be on screen (the app adds: only while a vault is open)."""
        return self.state in SHOWN

    @property
    def quitting(self) -> bool:
        """Exit once the journal is closed."""
        return self.intent is AfterSave.QUIT

    def move(self, to: SessionState, intent: AfterSave | None = None) -> None:
        """Go to `to`; `intent` replaces what follows (None: nothing more is asked, in LOCKED and UNLOCKED)."""
        if to not in MOVES[self.state]:
            raise InvalidMove(f"{self.state.value} → {to.value}")
        self.state = to
        self.intent = intent

    def opened(self) -> None:
        self.move(SessionState.UNLOCKED)

    def saving_first(self, intent: AfterSave) -> None:
        """Lock or quit asked while on screen: a save runs before anything hides."""
        self.move(SessionState.LOCKING, intent)

    def hidden(self) -> None:
        """Off screen: the vault saves and closes now (a quit asked before still exits after)."""
        self.move(SessionState.CLOSING, self.intent if self.quitting else AfterSave.LOCK)

    def closed(self) -> None:
        """The vault is saved and closed: the lock screen, or the exit when quit was asked."""
        self.move(SessionState.QUITTING if self.quitting else SessionState.LOCKED)

    def quit_asked(self) -> None:
        """ctrl+q: on screen, save first; hidden and held, save and close again; either way exit after."""
        self.move(self.state if self.state is SessionState.CLOSING else SessionState.LOCKING, AfterSave.QUIT)

    def save_failed(self) -> None:
        """The save before a lock or quit failed: on screen, stay open; held, stay held (no quit)."""
        if self.state is SessionState.LOCKING:
            self.move(SessionState.UNLOCKED)
        elif self.state is SessionState.CLOSING:
            self.move(SessionState.CLOSING, AfterSave.LOCK)

    def exiting(self) -> None:
        """A signal or crash: the app exits now (a second signal changes nothing)."""
        if self.state is not SessionState.QUITTING:
            self.move(SessionState.QUITTING, AfterSave.QUIT)


__all__ = ["MOVES", "AfterSave", "InvalidMove", "Session", "SessionState"]
