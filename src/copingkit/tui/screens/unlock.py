"""The way back in: passphrase, or after three misses the recovery key and then a new passphrase.

A wrong passphrase is never called damage. Anything else that stops the journal opening goes to
the "locked-error" destination (`LockedErrorScreen`), which says why and what to do next.

This is the first screen painted, so it imports nothing of the vault (its crypto and storage are a
fifth of the start-up): a thread imports that once the screen is up, while the passphrase is typed.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Input, Label, LoadingIndicator, Static

from copingkit import paths
from copingkit.core.passphrase import passphrase_hint
from copingkit.tui.context import app_context
from copingkit.tui.saving import on_vault_thread
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.note import Note

if TYPE_CHECKING:
    from copingkit.core.vault import Vault

MISSES_BEFORE_RECOVERY = 3


def wrong_passphrase_words() -> str:
    """What a passphrase that didn't open says (the table's words, and time)."""
    from copingkit.core.error_words import words_for
    from copingkit.core.vault import errors

    return f"{words_for(errors.WrongSecret())} Take your time."


def import_the_vault() -> None:
    """Import what opening the journal needs (crypto, storage, the error table) ahead of Enter."""
    for module in ("copingkit.core.vault", "copingkit.core.error_words"):
        import_module(module)


class UnlockScreen(Screen["Vault | None"]):
    """Open the journal. Dismisses with the open vault."""

    CSS_PATH = "unlock.tcss"
    AUTO_FOCUS = "#passphrase"

    class Opened(Message):
        def __init__(self, vault: Vault, *, with_recovery: bool) -> None:
            super().__init__()
            self.vault = vault
            self.with_recovery = with_recovery

    class Failed(Message):
        def __init__(self, error: BaseException, *, with_recovery: bool) -> None:
            super().__init__()
            self.error = error
            self.with_recovery = with_recovery

    class PassphraseChanged(Message):
        def __init__(self, error: BaseException | None) -> None:
            super().__init__()
            self.error = error

    def __init__(self, vault_path: Path | None, *, demo: bool = False) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.demo = demo
        self.misses = 0
        self._vault: Vault | None = None

    def compose(self) -> ComposeResult:
        initial = "unlock-demo" if self.demo else "unlock-passphrase"
        with ContentSwitcher(initial=initial, id="unlock-steps"):
            with VerticalScroll(id="unlock-passphrase"):
                yield Static("Welcome back", classes="title")
                yield Static("Your journal is locked. Type your passphrase to open it.", classes="lead")
                yield Label("Passphrase", classes="field-label")
                yield Input(password=True, id="passphrase", placeholder="Your passphrase")
                yield Note("", id="unlock-message")
                with Horizontal(classes="buttons"):
                    yield Button("Open", id="open", variant="primary")
                    yield Button("Use my recovery key", id="use-recovery")
                yield Static(f"Journal: {paths.display_path(self.vault_path)}", id="unlock-where", classes="muted")
            with Vertical(id="unlock-working"):
                yield LoadingIndicator(id="unlock-spinner")
                yield Static("Opening your journal…", id="unlock-working-text")
            with VerticalScroll(id="unlock-recovery"):
                yield Static("Open with your recovery key", classes="title")
                yield Static(
                    "Type the recovery key you wrote down when you made this journal. "
                    "Capitals, spaces and dashes don't matter.",
                    classes="lead",
                )
                yield Label("Recovery key", classes="field-label")
                yield Input(id="recovery-key", placeholder="XXXX-XXXX-XXXX-…")
                yield Note("", id="recovery-message")
                with Horizontal(classes="buttons"):
                    yield Button("Open with recovery key", id="open-recovery", variant="primary")
                    yield Button("Back to passphrase", id="back-to-passphrase")
            with VerticalScroll(id="unlock-new-passphrase"):
                yield Static("You're in. Choose a new passphrase", classes="title")
                yield Static(
                    "Your journal is open. Pick a new passphrase for next time; your writing stays as it is.",
                    classes="lead",
                )
                yield Label("New passphrase", classes="field-label")
                yield Input(password=True, id="new-passphrase")
                yield Label("The same passphrase again", classes="field-label")
                yield Input(password=True, id="new-passphrase-again")
                yield Static(passphrase_hint(""), id="new-passphrase-hint", classes="muted")
                yield Note("", id="new-passphrase-message")
                with Horizontal(classes="buttons"):
                    yield Button("Save new passphrase", id="save-new-passphrase", variant="primary")
            with VerticalScroll(id="unlock-demo"):
                yield Static("The demo is locked", classes="title")
                yield Static(
                    "This is how copingkit looks when it locks. In the demo there is no passphrase: "
                    "nothing here is real, and nothing is saved.",
                    classes="lead",
                )
                with Horizontal(classes="buttons"):
                    yield Button("Open the demo again", id="open-demo", variant="primary")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.query_one("#use-recovery", Button).display = False
        held = self._held_message()
        if held:
            self._say(held)
        if self.demo:
            self.query_one("#open-demo", Button).focus()
        # Imported while the passphrase is typed, not after it; started once this screen is painted.
        self.call_after_refresh(self._import_ahead)

    def _import_ahead(self) -> None:
        self.run_worker(import_the_vault, thread=True, exit_on_error=False, group="preload", name="preload-vault")
        app_context(self).preload("home")

    def show_held_message(self, text: str) -> None:
        """A save after a panic failed while this screen was showing: the journal waits in memory."""
        self._say(text)

    def _held_message(self) -> str | None:
        return app_context(self).held_vault_message()

    def _step(self, step: str) -> None:
        self.query_one("#unlock-steps", ContentSwitcher).current = step

    def _say(self, text: str) -> None:
        self.query_one("#unlock-message", Note).say(text)

    @property
    def _kdf(self) -> Any:
        return app_context(self).kdf

    @property
    def _backups_keep(self) -> int:
        return app_context(self).config.backups_keep

    # -- passphrase -----------------------------------------------------------------------

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#open")
    def _open_pressed(self, event: Message) -> None:
        event.stop()
        box = self.query_one("#passphrase", Input)
        passphrase = box.value
        if not passphrase:
            self._say("Type your passphrase first.")
            return
        if app_context(self).vault is not None:
            # A panic lock whose save hasn't gone through yet still holds the journal.
            app_context(self).retry_held_save()
            self._say(self._held_message() or "Still saving what you wrote before the lock… try again in a moment.")
            return
        box.value = ""
        self._step("unlock-working")
        self._open_vault(passphrase=passphrase)

    @on(Input.Changed, "#passphrase")
    def _typing(self) -> None:
        if self.misses:
            self._say("")

    # -- recovery key ---------------------------------------------------------------------

    @on(Button.Pressed, "#use-recovery")
    def _use_recovery(self, event: Button.Pressed) -> None:
        event.stop()
        self._step("unlock-recovery")
        self.query_one("#recovery-key", Input).focus()

    @on(Button.Pressed, "#back-to-passphrase")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self._step("unlock-passphrase")
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#recovery-key")
    @on(Button.Pressed, "#open-recovery")
    def _open_recovery(self, event: Message) -> None:
        event.stop()
        box = self.query_one("#recovery-key", Input)
        key = box.value.strip()
        if not key:
            self.query_one("#recovery-message", Note).say("Type your recovery key first.")
            return
        if app_context(self).vault is not None:
            app_context(self).retry_held_save()
            self.query_one("#recovery-message", Note).say(
                self._held_message() or "Still saving what you wrote before the lock… try again in a moment."
            )
            return
        box.value = ""
        self._step("unlock-working")
        self._open_vault(recovery_key=key)

    # -- opening (thread) -----------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def _open_vault(self, *, passphrase: str | None = None, recovery_key: str | None = None) -> None:
        with_recovery = recovery_key is not None
        try:
            from copingkit.core.vault import Vault

            assert self.vault_path is not None
            vault = on_vault_thread(
                Vault.open,
                self.vault_path,
                passphrase,
                recovery_key=recovery_key,
                kdf=self._kdf,
                backups_keep=self._backups_keep,
                trust_folder=app_context(self).trust_folder,
                allow_costly_kdf=app_context(self).allow_costly_kdf,
            )
        except Exception as error:
            self.post_message(self.Failed(error, with_recovery=with_recovery))
        else:
            self.post_message(self.Opened(vault, with_recovery=with_recovery))

    def on_unlock_screen_opened(self, message: Opened) -> None:
        if message.with_recovery:
            self._vault = message.vault
            self._step("unlock-new-passphrase")
            self.query_one("#new-passphrase", Input).focus()
            return
        self._finish(message.vault)

    def on_unlock_screen_failed(self, message: Failed) -> None:
        from copingkit.core.error_words import words_for
        from copingkit.core.vault import errors

        error = message.error
        if isinstance(error, errors.WrongSecret):
            if message.with_recovery:
                self._step("unlock-recovery")
                self.query_one("#recovery-message", Note).say(words_for(error))
                self.query_one("#recovery-key", Input).focus()
                return
            self.misses += 1
            self._step("unlock-passphrase")
            self._say(wrong_passphrase_words())
            if self.misses >= MISSES_BEFORE_RECOVERY:
                self.query_one("#use-recovery", Button).display = True
            self.query_one("#passphrase", Input).focus()
            return
        self._step("unlock-recovery" if message.with_recovery else "unlock-passphrase")

        def back(_: bool | None) -> None:
            self.query_one("#passphrase", Input).focus()

        app_context(self).push_destination("locked-error", back, error=error, vault_path=self.vault_path)

    # -- a new passphrase after recovery --------------------------------------------------

    @on(Input.Changed, "#new-passphrase")
    def _new_typed(self, event: Input.Changed) -> None:
        self.query_one("#new-passphrase-hint", Static).update(passphrase_hint(event.value))

    @on(Input.Submitted, "#new-passphrase")
    def _new_next(self) -> None:
        self.query_one("#new-passphrase-again", Input).focus()

    @on(Input.Submitted, "#new-passphrase-again")
    @on(Button.Pressed, "#save-new-passphrase")
    def _save_new(self, event: Message) -> None:
        event.stop()
        first = self.query_one("#new-passphrase", Input).value
        second = self.query_one("#new-passphrase-again", Input).value
        say = self.query_one("#new-passphrase-message", Note).say
        if not first:
            say("Type a new passphrase first.")
            return
        if first != second:
            say("The two passphrases aren't the same yet. Type them again, slowly.")
            return
        from copingkit.tui.modals.confirm import use_passphrase

        use_passphrase(self.app, first, self._change)

    def _change(self, passphrase: str) -> None:
        if self._vault is None:
            return
        for widget_id in ("#new-passphrase", "#new-passphrase-again"):
            self.query_one(widget_id, Input).value = ""
        self.query_one("#unlock-working-text", Static).update("Saving your new passphrase…")
        self._step("unlock-working")
        self._change_passphrase(self._vault, passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def _change_passphrase(self, vault: Vault, passphrase: str) -> None:
        try:
            on_vault_thread(vault.change_passphrase, passphrase)
        except Exception as error:
            self.post_message(self.PassphraseChanged(error))
        else:
            self.post_message(self.PassphraseChanged(None))

    def on_unlock_screen_passphrase_changed(self, message: PassphraseChanged) -> None:
        from copingkit.core.error_words import words_for

        if message.error is not None:
            self._step("unlock-new-passphrase")
            self.query_one("#new-passphrase-message", Note).say(
                "Couldn't save the new passphrase just now. " + words_for(message.error)
            )
            return
        vault, self._vault = self._vault, None
        self._finish(vault)

    def _finish(self, vault: Vault | None) -> None:
        """Close anything opened on top (Get help, say) so this screen is the one dismissed."""
        self.pop_until_active()
        self.dismiss(vault)

    # -- demo -----------------------------------------------------------------------------

    @on(Button.Pressed, "#open-demo")
    def _open_demo(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(app_context(self).demo_vault)

    def on_unmount(self) -> None:
        from copingkit.core.vault.crypto import cancel_derivations

        cancel_derivations()  # quitting mid-derivation: end the child now rather than wait for it
        vault, self._vault = self._vault, None
        if vault is not None:
            on_vault_thread(vault.close)
