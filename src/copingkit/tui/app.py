"""The copingkit app: the composition root the CLI hands its settings and vault path to.

It holds the open vault, the services over it and the save controller, starts up (the way in, then
the unlocked mode), and puts its parts together: where it can go in tui/navigation.py (every screen
by name, the one-key places, the command palette), locking and quitting in tui/locking.py (over the
session states of tui/session.py), saving in tui/saving.py, what never leaves the screen in
tui/privacy.py. Screens reach the app only through `tui.context.AppContext` and never import it or
each other; anything slow runs in a thread worker.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from copingkit import paths
from copingkit.config import Config
from copingkit.core.clock import Clock, system_now
from copingkit.tui import drafts, merging, navigation
from copingkit.tui.locking import UNLOCKED_MODE, LockAndQuit
from copingkit.tui.messages import DatabaseChanged, SaveFinished
from copingkit.tui.navigation import CopingkitCommands, destination, load_screen_class, make_screen, place_bindings
from copingkit.tui.privacy import PrivateOutput
from copingkit.tui.saving import SaveController, SaveState
from copingkit.tui.stylesheet import KeptStylesheet
from copingkit.tui.themes import apply_theme, register_themes
from copingkit.tui.typing_guard import TYPING_NOTICE, KeyUse, TypingGuard, has_text_boxes

if TYPE_CHECKING:
    from copingkit.core.services import Services
    from copingkit.core.vault import Vault
    from copingkit.tui.context import AppContext
    from copingkit.tui.session import Session


class BlankScreen(Screen):
    """The bottom of the stack: holds nothing, so nothing can be left on it."""

    def compose(self) -> ComposeResult:
        yield from ()


class CopingkitApp(PrivateOutput):
    """copingkit's terminal app."""

    TITLE = "copingkit"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CopingkitCommands}
    MODES: ClassVar[dict[str, Any]] = {"_default": BlankScreen}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "get_help", "Get help", id="get-help", priority=True),
        Binding("ctrl+f", "get_help", "Get help", id="get-help-also", priority=True, show=False),
        Binding("ctrl+l", "lock", "Lock", id="lock", priority=True),
        Binding("f12", "panic_lock", "Panic lock", id="panic-lock", priority=True),
        *place_bindings(),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
        Binding("f5", "merge_conflict", "Merge", id="merge-conflict", priority=True),
        Binding("f6", "save_conflict_copy", "Save a copy", id="save-conflict-copy", priority=True),
        # Focus moves the moment tab is read, so a key typed straight after lands in the new box.
        Binding("tab", "focus_next", show=False, priority=True, id="focus-next"),
        Binding("shift+tab", "focus_previous", show=False, priority=True, id="focus-previous"),
    ]

    IDLE_CHECK_SECONDS: ClassVar[float] = 5.0

    save_status: reactive[str] = reactive("", init=False)
    """What the save status line says: "Saved", "Saving…", or why a save failed."""

    def __init__(
        self,
        *,
        vault_path: Path | None,
        config: Config,
        config_path: Path | None,
        clock: Clock = system_now,
        kdf: Any = None,
        demo_vault: Vault | None = None,
        trust_folder: bool = False,
        allow_costly_kdf: bool = False,
    ) -> None:
        super().__init__()
        self.stylesheet = KeptStylesheet(variables=self.get_css_variables())
        if vault_path is None and demo_vault is None:
            vault_path = paths.default_vault_path()
        self.vault_path = vault_path
        self.config = config
        self.config_path = config_path
        self.clock = clock
        self.kdf = kdf
        self.trust_folder = trust_folder
        """--trust-folder: open a journal whose folder someone else could change (DESIGN.md §2.3)."""
        self.allow_costly_kdf = allow_costly_kdf
        """--allow-costly-kdf: try key slots above copingkit's cost ceiling (DESIGN.md §2.2)."""
        self.demo = demo_vault is not None
        self.vault: Vault | None = None
        self.services: Services | None = None
        self.saver = SaveController(self, self._save_in_thread, self._save_status_changed)
        self.last_activity: datetime = clock()
        self.locking = LockAndQuit(self)
        """Lock, panic lock, idle lock, quit and the exit signals, over the session's states."""
        self._demo_vault = demo_vault
        self._warnings_shown = 0
        self.typing_guard = TypingGuard(clock)
        self._draft_timer: Any = None
        self.conflict_copy_asked = False
        """f6 in the conflicted state: say where the copy went when that save reports back (tui/merging.py)."""
        register_themes(self)
        apply_theme(self, config.theme)

    # -- properties screens use -----------------------------------------------------------

    @property
    def demo_vault(self) -> Vault | None:
        """The throwaway journal of `copingkit demo`, handed over by its unlock screen."""
        return self._demo_vault

    @property
    def session(self) -> Session:
        """Unlocked, locking, closing, locked or quitting (tui/session.py), kept by `locking`."""
        return self.locking.session

    @property
    def unlocked(self) -> bool:
        return self.vault is not None and self.services is not None and self.session.shown

    # -- start up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.set_interval(self.IDLE_CHECK_SECONDS, self.check_idle_lock, name="idle-check")
        if not self.is_headless:
            self.locking.install_signal_handlers()
        if self._demo_vault is not None:
            self.sub_title = "Demo — nothing is saved"
            self._open(self._demo_vault)
        else:
            self.show_door()

    def show_door(self) -> None:
        """The way in: create on first run, unlock after that."""
        if self.demo:
            from copingkit.tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(None, demo=True), callback=self._door_closed)
        elif self.vault_path is None or not self.vault_path.exists():
            from copingkit.tui.screens.create import CreateScreen

            self.push_screen(
                CreateScreen(self.vault_path, kdf=self.kdf, trust_folder=self.trust_folder), callback=self._created
            )
        else:
            from copingkit.tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(self.vault_path), callback=self._door_closed)

    def _door_closed(self, vault: Vault | None) -> None:
        if vault is None:
            return
        key = self.locking.take_pending_recovery_key()
        if key is not None:  # locked before "I have written it down": that step comes back first
            from copingkit.tui.screens.create import CreateScreen

            self.push_screen(CreateScreen.showing_key(self.vault_path, vault, key), callback=self._created)
            return
        self._open(vault)

    def _created(self, vault: Vault | None) -> None:
        """After the create flow: open the journal, then the skippable country step (if none is set)."""
        self._door_closed(vault)
        if vault is not None and not self.config.country:
            from copingkit.tui.screens.country import CountryScreen, remember_country

            self.call_next(self.push_screen, CountryScreen(), partial(remember_country, self))

    def _open(self, vault: Vault) -> None:
        from copingkit.core.services import Services

        self.vault = vault
        self.services = Services(vault.database, clock=self.clock)
        self.session.opened()
        self.saver.attach(vault, demo=self.demo)
        self.note_activity()
        self._warnings_shown = 0
        self.show_vault_warnings()
        self.call_next(self._enter_unlocked_mode)
        self.call_next(merging.offer_conflict_copies, self)

    def show_vault_warnings(self) -> None:
        """Things the vault fixed or couldn't do that don't stop it working (permissions, backups)."""
        warnings = list(self.vault.warnings) if self.vault is not None else []
        for warning in warnings[self._warnings_shown :]:
            self.notify(warning.text, title="About your journal's files", timeout=8)
        self._warnings_shown = len(warnings)

    async def _enter_unlocked_mode(self) -> None:
        if UNLOCKED_MODE in self._modes:
            await self.remove_mode(UNLOCKED_MODE)
        home = destination("home")
        assert home is not None
        self.add_mode(UNLOCKED_MODE, partial(make_screen, home))
        await self.switch_mode(UNLOCKED_MODE)

    # -- activity and idle lock -----------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            if not event.is_forwarded:
                self.note_activity()
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self.schedule_draft_flush()
        await super().on_event(event)

    def note_activity(self) -> None:
        self.last_activity = self.clock()

    def check_idle_lock(self) -> None:
        """Lock when nothing has happened for `auto_lock_minutes` (0 = never)."""
        self.locking.check_idle()

    # -- saving ---------------------------------------------------------------------------

    def request_save(self) -> None:
        """Save after a quiet moment. Writes through the services already do this by themselves."""
        self.saver.request()

    def on_database_changed(self, message: DatabaseChanged) -> None:
        if self.vault is not None:
            self.request_save()

    def schedule_draft_flush(self) -> None:
        """Typing happened: write what the screens hold within `drafts.FLUSH_SECONDS`."""
        if self.services is None:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(drafts.FLUSH_SECONDS, self.flush_drafts, name="draft-flush")

    def flush_drafts(self) -> None:
        """Ask every open screen that keeps drafts to write them through the services now."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.services is None:
            return
        for screen in self._open_screens():
            if isinstance(screen, drafts.KeepsDrafts):
                try:
                    screen.flush_drafts()
                except Exception as error:  # a screen's bug must not lose the other screens' words
                    self.log.error(f"flush_drafts failed: {type(error).__name__}")

    def _open_screens(self) -> list[Screen]:
        """Every screen of the open journal, in the unlocked mode's stack and on top of it."""
        stacks = [self._screen_stacks.get(UNLOCKED_MODE, []), self.screen_stack]
        seen: list[Screen] = []
        for stack in stacks:
            seen.extend(screen for screen in stack if screen not in seen)
        return seen

    @work(thread=True, exclusive=True, exit_on_error=False, group="save", name="save")
    def _save_in_thread(self, vault: Vault, close: bool) -> None:
        self.saver.run_blocking(vault, close)

    def _save_status_changed(self, state: SaveState, text: str) -> None:
        self.save_status = text
        if self.unlocked and self.screen_stack:
            merging.save_state_changed(self)

    def on_save_finished(self, message: SaveFinished) -> None:
        self.saver.finished(message)
        self.locking.save_finished(message)

    def commit_pending_edits(self) -> None:
        """Before a lock, quit or signal: drafts, then half-finished lines, written to the services."""
        self.flush_drafts()
        if self.services is None:
            return
        for screen in self._open_screens():
            if isinstance(screen, drafts.CommitsOnLeave):
                try:
                    screen.commit_pending_edits()
                except Exception as error:  # a screen's bug must not stop a lock
                    self.log.error(f"commit_pending_edits failed: {type(error).__name__}")

    # -- lock and quit (tui/locking.py) ---------------------------------------------------

    def action_lock(self) -> None:
        """Save; only when that worked, hide every screen, close the vault and drop the key."""
        self.locking.lock()

    async def action_panic_lock(self) -> None:
        """Blank the screen on the next frame, then save and lock."""
        await self.locking.panic_lock()

    def held_vault_message(self) -> str | None:
        """After a panic lock whose save failed: the calm words for the unlock screen."""
        return self.locking.held_vault_message()

    def retry_held_save(self) -> None:
        self.locking.retry_held_save()

    async def action_quit(self) -> None:
        self.locking.quit()

    def exit_on_signal(self, number: int = 0) -> None:
        """SIGHUP, SIGTERM or SIGINT: keep what was typed, save once, release the lock, exit (0, or 1
        when that last save failed)."""
        self.locking.exit_on_signal(number)

    def save_before_exit(self) -> bool:
        """Write drafts, save (after any save already running), close the vault. True when saved."""
        return self.locking.save_before_exit()

    def panic(self, *renderables: Any) -> None:
        """A crash, or the terminal gone from under the input thread: save what is in memory first."""
        with contextlib.suppress(Exception):
            self.save_before_exit()
        super().panic(*renderables)

    def on_unmount(self) -> None:
        self.locking.close_on_unmount()

    # -- navigation -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("lock", "panic_lock"):
            return self.locking.allows(action)
        if action in ("merge_conflict", "save_conflict_copy"):  # the conflicted state's two keys
            return self.unlocked and self.saver.state is SaveState.CONFLICT and not isinstance(self.screen, ModalScreen)
        if action in ("focus_next", "focus_previous"):
            return self.focused is None or not self.focused.check_consume_key("tab", "\t")
        if action == "go":
            if not self.unlocked or has_text_boxes(self.screen):
                return False  # on a screen with text boxes, letters are for writing
            target = destination(str(parameters[0])) if parameters else None
            return target is not None and target.is_place
        return True

    def on_key(self, event: events.Key) -> None:
        """Characters typed as words never act as keys (see typing_guard)."""
        use = self.typing_guard.use(event, self.screen)
        if use is KeyUse.TYPING_STARTED and self.unlocked:
            self.notify(TYPING_NOTICE, title="Typing?", timeout=6)
        if use is not KeyUse.KEY:
            event.prevent_default()

    def action_merge_conflict(self) -> None:
        merging.merge_file_on_disk(self)

    def action_save_conflict_copy(self) -> None:
        merging.save_as_copy(self)

    def action_go(self, name: str) -> None:
        self.go(name)

    def go(self, name: str) -> None:
        if self.unlocked:
            self.call_next(self._go, name)

    async def _go(self, name: str) -> None:
        target = destination(name)
        if target is None or not target.is_place or not self.unlocked or self.current_mode != UNLOCKED_MODE:
            return
        screen_class = load_screen_class(target)
        if isinstance(self.screen, screen_class):
            return
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        if name != "home":
            await self.push_screen(make_screen(target))

    def push_destination(self, name: str, /, callback: Callable[[Any], object] | None = None, **arguments: Any) -> None:
        """Open destination `name`'s screen on top of this one, built with `arguments`; `callback`
        gets what it dismisses with. Only a door screen (`Destination.door`) opens while locked."""
        target = destination(name)
        if target is None:
            raise ValueError(f"no destination called {name!r}")
        if self.unlocked or target.door:
            self.push_screen(make_screen(target, **arguments), callback=callback)

    def preload(self, name: str) -> None:
        """Import a destination's screen in a thread while the main thread stays free for typing.

        Only an optimisation: if the import fails, showing that screen later raises the same error.
        """
        self.run_worker(
            partial(navigation.preload, name), thread=True, exit_on_error=False, group="preload", name=f"preload-{name}"
        )

    def action_get_help(self) -> None:
        from copingkit.tui.screens.get_help import GetHelpScreen

        if isinstance(self.screen, GetHelpScreen):
            return
        self.push_screen(GetHelpScreen())

    def get_help_is_open(self) -> bool:
        from copingkit.tui.screens.get_help import GetHelpScreen

        return isinstance(self.screen, GetHelpScreen)

    def has_safety_plan(self) -> bool:
        return self.unlocked

    # -- settings -------------------------------------------------------------------------

    def apply_config(self, config: Config) -> None:
        """Use new preferences now (the settings screen has already written them to disk)."""
        self.config = config
        apply_theme(self, config.theme)
        self.note_activity()

    # -- the save status line on every screen --------------------------------------------

    def _screen_changed(self, screen: Screen) -> None:
        """A screen of the open journal (the unlocked mode, not a modal) gets the save status line."""
        if not self.unlocked or self.current_mode != UNLOCKED_MODE or isinstance(screen, ModalScreen):
            return
        self.call_after_refresh(self._ensure_save_status, screen)

    def _ensure_save_status(self, screen: Screen) -> None:
        from copingkit.tui.widgets.save_status import SaveStatus

        if screen.is_attached and not screen.query(SaveStatus):
            screen.mount(SaveStatus())
        merging.show_banner(self, screen)


__all__ = ["CopingkitApp"]


def _implements_the_context(app: CopingkitApp) -> AppContext:
    """Type-checked proof that the app gives screens everything `tui.context` promises."""
    return app
