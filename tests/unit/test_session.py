"""The session's states and moves (tui/session.py): the lock and quit flow's rules, one at a time."""

from __future__ import annotations

import pytest

from copingkit.tui.session import MOVES, AfterSave, InvalidMove, Session, SessionState


def at(state: SessionState, intent: AfterSave | None = None) -> Session:
    return Session(state=state, intent=intent)


def test_a_lock_saves_first_then_hides_then_closes_to_the_lock_screen() -> None:
    session = Session()
    session.opened()
    session.saving_first(AfterSave.LOCK)
    assert (session.state, session.intent, session.shown) == (SessionState.LOCKING, AfterSave.LOCK, True)
    session.hidden()
    assert (session.state, session.intent, session.shown) == (SessionState.CLOSING, AfterSave.LOCK, False)
    session.closed()
    assert (session.state, session.intent) == (SessionState.LOCKED, None)


def test_a_quit_exits_once_closed() -> None:
    session = at(SessionState.UNLOCKED)
    session.quit_asked()
    assert (session.state, session.intent) == (SessionState.LOCKING, AfterSave.QUIT)
    session.hidden()
    assert (session.state, session.intent) == (SessionState.CLOSING, AfterSave.QUIT)
    session.closed()
    assert session.state is SessionState.QUITTING


def test_f12_during_a_quit_still_exits_after_the_close() -> None:
    session = at(SessionState.LOCKING, AfterSave.QUIT)
    session.hidden()
    assert session.intent is AfterSave.QUIT


def test_f12_hides_at_once_and_leads_to_the_lock_screen() -> None:
    session = at(SessionState.UNLOCKED)
    session.hidden()
    assert (session.state, session.intent) == (SessionState.CLOSING, AfterSave.LOCK)


def test_a_failed_save_before_a_lock_stays_open() -> None:
    session = at(SessionState.LOCKING, AfterSave.LOCK)
    session.save_failed()
    assert (session.state, session.intent) == (SessionState.UNLOCKED, None)


def test_a_failed_close_while_hidden_stays_held_and_forgets_the_quit() -> None:
    session = at(SessionState.CLOSING, AfterSave.QUIT)
    session.save_failed()
    assert (session.state, session.intent) == (SessionState.CLOSING, AfterSave.LOCK)


def test_quit_while_held_retries_the_close_and_exits_after_it() -> None:
    session = at(SessionState.CLOSING, AfterSave.LOCK)
    session.quit_asked()
    assert (session.state, session.intent) == (SessionState.CLOSING, AfterSave.QUIT)


def test_a_signal_exits_from_anywhere_and_a_second_one_changes_nothing() -> None:
    for state in (SessionState.LOCKED, SessionState.UNLOCKED, SessionState.LOCKING, SessionState.CLOSING):
        session = at(state)
        session.exiting()
        assert session.state is SessionState.QUITTING
    session.exiting()
    assert session.state is SessionState.QUITTING


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (SessionState.LOCKED, SessionState.LOCKING),
        (SessionState.LOCKED, SessionState.CLOSING),
        (SessionState.UNLOCKED, SessionState.LOCKED),
        (SessionState.CLOSING, SessionState.UNLOCKED),
        (SessionState.QUITTING, SessionState.UNLOCKED),
    ],
)
def test_a_move_the_flow_never_makes_is_a_bug(start: SessionState, to: SessionState) -> None:
    with pytest.raises(InvalidMove):
        at(start).move(to)


def test_every_state_has_its_moves_listed() -> None:
    assert set(MOVES) == set(SessionState)
