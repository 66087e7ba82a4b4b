"""Locking and quitting the open journal: the moves of tui/session.py's state machine, driven by the
lock keys, the idle timer, the saves reporting back, ctrl+q and the signals.

    ctrl+l, idle ─▶ save first (LOCKING) ─saved─▶ hide every screen, close behind the lock (CLOSING) ─▶ LOCKED
    f12 ─────────────────────────────────────────▶ hide now, then save and close (CLOSING) ──────────▶ LOCKED
    ctrl+q ──────▶ save first (LOCKING, quit) ─saved─▶ hide, close ─▶ exit (QUITTING)
    SIGHUP, SIGTERM, SIGINT, a crash ─▶ keep what was typed, save once, close, exit

A save that fails keeps the journal open (or, after f12, held hidden in memory and retried); a quit
then asks before leaving without it. `LockAndQuit` is one of the app's parts (tui/app.py makes one
and its lock, quit and signal handlers call it); it holds the session and what a lock must bring back
(Get help, a recovery key not yet written down).

Two screen modes keep the open journal apart from the way in: the default mode holds a blank base
and the create/unlock screens, `UNLOCKED_MODE` holds Home and whatever is pushed on it. Locking
switches to the default mode and removes the unlocked one with every screen in it, so no screen
holding personal text stays in the DOM (and none is resumed on the way out).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from copingkit.tui.saving import SaveState, on_vault_thread
from copingkit.tui.session import AfterSave, Session, SessionState

if TYPE_CHECKING:
    from copingkit.core.vault import Vault
    from copingkit.tui.app import CopingkitApp
    from copingkit.tui.messages import SaveFinished

UNLOCKED_MODE = "unlocked"
"""The screen mode holding the open journal's screens (the default mode holds the way in)."""

LOCK_FAILED = (
    "Couldn't save just now, so copingkit stayed open — your writing is safe in memory. Try locking again in a moment."
)


@runtime_checkable
class ShowsRecoveryKey(Protocol):
    """The first-run screen while its recovery key may be on screen (tui/screens/create.py).

    Found by this shape rather than by importing that screen: the app asks on every footer refresh,
    and unlocking needs none of the first-run screen's imports."""

    @property
    def on_recovery_step(self) -> bool:
        """The key is on screen: it can never be shown again once copingkit closes."""

    def take_for_lock(self) -> tuple[Vault | None, str | None]:
        """Blank the key now; hand over the open vault and the key, kept in memory to show again."""


class LockAndQuit:
    """The app's lock and quit flow, over its session (`session`) and save controller."""

    EXIT_SIGNALS: ClassVar[tuple[signal.Signals, ...]] = tuple(
        getattr(signal, name) for name in ("SIGHUP", "SIGTERM", "SIGINT") if hasattr(signal, name)
    )

    def __init__(self, app: CopingkitApp) -> None:
        self._app = app
        self.session = Session()
        """Unlocked, locking, closing, locked or quitting, and what the save under way leads to."""
        self.pending_recovery_key: str | None = None
        """A recovery key locked away before "I have written it down": shown again after unlock."""
        self._help_open_at_lock = False
        self._signals_installed: list[signal.Signals] = []

    # -- the first run's recovery-key step ------------------------------------------------

    def recovery_step(self) -> ShowsRecoveryKey | None:
        """The first-run screen while it shows the recovery key (not yet written down), if it is open."""
        return next(
            (
                screen
                for screen in self._app.screen_stack
                if isinstance(screen, ShowsRecoveryKey) and screen.on_recovery_step
            ),
            None,
        )

    async def lock_recovery_step(self) -> None:
        """f12 or the idle lock on the recovery-key step: blank it now, lock, show it again after unlock."""
        app = self._app
        screen = self.recovery_step()
        if screen is None:
            return
        vault, self.pending_recovery_key = screen.take_for_lock()
        while len(app.screen_stack) > 1:
            await app.pop_screen()
        if vault is not None:
            with contextlib.suppress(Exception):
                on_vault_thread(vault.close)
        app.show_door()

    def take_pending_recovery_key(self) -> str | None:
        key, self.pending_recovery_key = self.pending_recovery_key, None
        return key

    # -- what the keys may do now ---------------------------------------------------------

    def allows(self, action: str) -> bool:
        """Whether "lock" or "panic_lock" can run now (check_action)."""
        if action == "panic_lock" and self.recovery_step() is not None:
            return True
        return self._app.unlocked

    # -- the idle lock --------------------------------------------------------------------

    def check_idle(self) -> None:
        """Lock when nothing has happened for `auto_lock_minutes` (0 = never)."""
        app = self._app
        minutes = app.config.auto_lock_minutes
        idle = minutes and app.clock() - app.last_activity >= timedelta(minutes=minutes)
        if minutes and self.recovery_step() is not None:
            if idle:
                app.call_next(self.lock_recovery_step)
            return
        if not minutes or not app.unlocked or self.session.state is not SessionState.UNLOCKED:
            return
        if app.saver.state is SaveState.FAILED:
            return  # the save retry comes first; locking now would only fail again
        if idle:
            self.lock()

    # -- lock -----------------------------------------------------------------------------

    def lock(self) -> None:
        """Save; only when that worked, hide every screen, close the vault and drop the key."""
        app = self._app
        if not app.unlocked or self.session.state is not SessionState.UNLOCKED:
            return
        self.session.saving_first(AfterSave.LOCK)
        self._help_open_at_lock = app.get_help_is_open()
        app.commit_pending_edits()
        if app.demo:
            app.call_next(self._lock_demo)
            return
        app.saver.save_now()

    async def panic_lock(self) -> None:
        """Blank the screen on the next frame; keep every key typed before; then save and lock.

        Keys typed before f12 may still wait in the focused box's queue (the app forwards them
        there before it reads the next one), so the rest runs from that queue, after them.
        """
        app = self._app
        if app.vault is None and self.recovery_step() is not None:
            await self.lock_recovery_step()
            return
        if app.vault is None or not self.session.shown:
            return
        focused = app.focused
        self.session.hidden()
        if app.current_mode == UNLOCKED_MODE:
            await app.switch_mode("_default")
        if focused is not None and focused.is_attached:
            # Hop back to the app's queue from there: the box may not await its own removal.
            focused.call_later(app.call_later, self._panic_continue)
        else:
            app.call_later(self._panic_continue)

    async def _panic_continue(self) -> None:
        self._app.commit_pending_edits()
        if self._app.demo:
            await self._lock_demo()
            return
        await self._hide_then_close()

    async def _hide_then_close(self) -> None:
        """Nothing personal on screen from here on; the vault closes behind the lock screen.

        If that last save fails the data stays in memory (the vault stays open, hidden) and the
        save is retried; the unlock screen says so.
        """
        app = self._app
        if app.vault is None:
            return
        self.session.hidden()
        app.services = None
        await self._lock_screens()
        app.saver.save_and_close()

    async def _lock_demo(self) -> None:
        self._app.services = None
        self.session.move(SessionState.LOCKED)
        await self._lock_screens()

    async def _lock_screens(self) -> None:
        """Leave the unlocked mode, show the way back in, then remove every screen of that mode."""
        app = self._app
        app.clear_notifications()
        if app.current_mode == UNLOCKED_MODE:
            await app.switch_mode("_default")
        while len(app.screen_stack) > 1:
            await app.pop_screen()
        if not app.demo:
            app.services = None
        app.show_door()
        if self._help_open_at_lock:  # the lock and idle lock keep Get help's bundled lines (never the panic key)
            self._help_open_at_lock = False
            app.action_get_help()
        if UNLOCKED_MODE in app._modes:
            await app.remove_mode(UNLOCKED_MODE)

    def held_vault_message(self) -> str | None:
        """After a panic lock whose save failed: the calm words for the unlock screen."""
        app = self._app
        if app.vault is not None and self.session.state is SessionState.CLOSING and app.saver.state is SaveState.FAILED:
            return app.saver.status_text()
        return None

    def retry_held_save(self) -> None:
        if self._app.vault is not None and self.session.state is SessionState.CLOSING:
            self._app.saver.save_and_close()

    # -- a save reporting back ------------------------------------------------------------

    def save_finished(self, message: SaveFinished) -> None:
        """What a finished save (already told to the save controller) means for the session."""
        app = self._app
        if message.closed:
            self._vault_closed()
            return
        session = self.session
        if message.ok:
            if session.state is SessionState.LOCKING:  # saved before a lock or quit: hide, then close
                session.hidden()
                app.call_next(self._hide_then_close)
            elif app.unlocked:
                app.show_vault_warnings()
            return
        if session.quitting:
            if session.state is SessionState.LOCKING:
                app.saver.cancel_close()
            session.save_failed()
            self._offer_quit_anyway()
        elif session.state is SessionState.LOCKING:
            session.save_failed()
            app.notify(LOCK_FAILED, title="Still open", severity="warning", timeout=10)
        held = self.held_vault_message()
        if held is not None:  # hidden after a panic: the unlock screen already showing says so now
            from copingkit.tui.screens.unlock import UnlockScreen

            for screen in app.screen_stack:
                if isinstance(screen, UnlockScreen):
                    screen.show_held_message(held)

    def _vault_closed(self) -> None:
        """The vault is saved and closed: drop every reference to it."""
        app = self._app
        app.vault = None
        app.services = None
        self.session.closed()
        if self.session.state is SessionState.QUITTING:
            app.exit()

    # -- quit -----------------------------------------------------------------------------

    def quit(self) -> None:
        """ctrl+q: save first (the journal closes, then copingkit exits); asks when that can't be done."""
        app = self._app
        if app.vault is None and self.recovery_step() is not None:
            self._ask_before_quitting_the_recovery_step()
            return
        if app.vault is None or app.demo:
            app.exit()
            return
        self.session.quit_asked()
        if self.session.state is SessionState.CLOSING:  # held after a failed save: try that close again
            app.saver.save_and_close()
            return
        app.commit_pending_edits()
        app.saver.save_now()

    def _ask_before_quitting_the_recovery_step(self) -> None:
        self._confirm_exit(
            "Your recovery key can't be shown again after copingkit closes. Your journal is made "
            "and saved; you can make a new recovery key at any time in Settings. Quit now?",
            yes="Quit now",
            no="Stay and write it down",
        )

    def _offer_quit_anyway(self) -> None:
        self._confirm_exit(
            "Couldn't save just now. Your writing is safe in memory while copingkit stays open; "
            "if you quit now, changes since the last save will be lost.",
            yes="Quit anyway",
            no="Stay open",
        )

    def _confirm_exit(self, question: str, *, yes: str, no: str) -> None:
        from copingkit.tui.modals.confirm import ConfirmModal

        app = self._app

        def decided(leave: bool | None) -> None:
            if leave:
                app.exit()

        app.push_screen(ConfirmModal(question, yes=yes, no=no), callback=decided)

    # -- signals: the window closed, the system asks us to stop; a crash -------------------

    def install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for number in self.EXIT_SIGNALS:
            try:
                loop.add_signal_handler(number, self._app.exit_on_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
                continue
            self._signals_installed.append(number)

    def exit_on_signal(self, number: int = 0) -> None:
        """SIGHUP, SIGTERM or SIGINT: keep what was typed, save once, release the lock, exit.

        Exits 0, or 1 when that last save failed (the previous file is intact, as after any failed save).
        After SIGHUP (the window was closed) the process ends right after the save: the terminal is
        gone, so there is nothing to restore on it, and Textual's own shutdown would write to it: its
        output thread has died on the hung-up terminal, and once its queue of 30 writes is full the
        next write waits forever (seen: the program never ended, about one window close in four).
        """
        saved = self.save_before_exit()
        self.session.exiting()
        code = 0 if saved else 1
        if number == getattr(signal, "SIGHUP", None):
            from copingkit.core.vault.crypto import cancel_derivations

            cancel_derivations()  # an unlock's key derivation, in its child
            end_process(code)
        self._app.exit(return_code=code)

    def save_before_exit(self) -> bool:
        """Write drafts, save (after any save already running), close the vault. True when saved."""
        app = self._app
        vault = app.vault
        if vault is None or app.demo:
            return True
        with contextlib.suppress(Exception):
            app.commit_pending_edits()
        app.saver.detach()
        app.vault = app.services = None
        try:
            on_vault_thread(vault.close)
        except Exception as error:
            app.log.error(f"the last save failed: {type(error).__name__}")
            with contextlib.suppress(Exception):
                on_vault_thread(partial(vault.close, save=False))
            return False
        return True

    def close_on_unmount(self) -> None:
        """The app is going: stop hearing signals; save and close a journal still open."""
        app = self._app
        loop = asyncio.get_running_loop()
        for number in self._signals_installed:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(number)
        vault, app.vault, app.services = app.vault, None, None
        if vault is not None and not app.demo:
            try:
                on_vault_thread(vault.close)
            except Exception as error:
                app.log.error(f"closing the vault failed: {type(error).__name__}")
                # The person chose to quit without saving: still drop the key and release the lock.
                with contextlib.suppress(Exception):
                    on_vault_thread(partial(vault.close, save=False))


def end_process(code: int) -> None:
    """End now, as after a hang-up: nothing is left to write anywhere (os._exit; a test replaces it)."""
    os._exit(code)


__all__ = ["LOCK_FAILED", "UNLOCKED_MODE", "LockAndQuit", "ShowsRecoveryKey"]
