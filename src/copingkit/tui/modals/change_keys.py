"""Change the passphrase, or make a new recovery key, from Settings (DESIGN.md §2.2).

Both make a new data key: the journal and its backups are re-sealed, so the old passphrase (or the
old recovery key) plus an old copy opens nothing newer. The KDF work runs first (`prepare_rotation`);
a new recovery key is shown once, and only after "I have written it down" is anything written
(`apply_rotation`). Leaving before that changes nothing: the old passphrase and key still work.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, ContentSwitcher, Input, Label, LoadingIndicator, Static

from copingkit.core.error_words import words_for
from copingkit.core.passphrase import passphrase_hint
from copingkit.core.vault import Vault, errors
from copingkit.core.vault.crypto import cancel_derivations
from copingkit.tui.saving import on_vault_thread
from copingkit.tui.widgets.note import Note, recovery_key_lines
from copingkit.tui.widgets.tick_box import TickBox

PASSPHRASE = "passphrase"
RECOVERY_KEY = "recovery-key"


class ChangeKeysModal(ModalScreen["str | None"]):
    """Dismisses with what was done, in words, or None when nothing changed."""

    CSS_PATH = "change_keys.tcss"
    AUTO_FOCUS = "#keys-current"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "Back", id="keys-back")]

    class Prepared(Message):
        def __init__(self, rotation: object) -> None:
            super().__init__()
            self.rotation = rotation

    class Finished(Message):
        def __init__(self, error: BaseException | None) -> None:
            super().__init__()
            self.error = error

    def __init__(self, vault: Vault, *, what: str = PASSPHRASE) -> None:
        super().__init__()
        self.vault = vault
        self.what = what
        self._rotation: object | None = None

    def compose(self) -> ComposeResult:
        changing_passphrase = self.what == PASSPHRASE
        with Vertical(id="keys-dialog"), ContentSwitcher(initial="keys-form", id="keys-steps"):
            with VerticalScroll(id="keys-form"):
                if changing_passphrase:
                    yield Static("Change your passphrase", classes="title")
                    yield Static(
                        "This makes a new key for your journal and re-seals its backups, "
                        "so the old passphrase opens none of them any more.",
                        classes="lead",
                    )
                else:
                    yield Static("Make a new recovery key", classes="title")
                    yield Static(
                        "Your old recovery key stops working. Your journal and its backups are "
                        "re-sealed under a new key; your passphrase stays the same.",
                        classes="lead",
                    )
                yield Label("Your passphrase now", classes="field-label")
                yield Input(password=True, id="keys-current", compact=True)
                if changing_passphrase:
                    yield Label("New passphrase", classes="field-label")
                    yield Input(password=True, id="keys-new", compact=True)
                    yield Label("The same new passphrase again", classes="field-label")
                    yield Input(password=True, id="keys-again", compact=True)
                    yield Static(passphrase_hint(""), id="keys-hint", classes="muted")
                    yield Label("Your recovery key, to keep it (or leave empty for a new one)", classes="field-label")
                    yield Input(id="keys-recovery", placeholder="XXXX-XXXX-XXXX-…", compact=True)
                yield Note("", id="keys-message")
                with Horizontal(classes="buttons"):
                    yield Button(
                        "Change passphrase" if changing_passphrase else "Make a new recovery key",
                        id="keys-go",
                        variant="primary",
                    )
                    yield Button("Cancel", id="keys-cancel")
            with Vertical(id="keys-working"):
                yield LoadingIndicator()
                yield Static("Making new keys… this takes a moment", id="keys-working-text")
            with VerticalScroll(id="keys-show"):
                yield Static("Your new recovery key", classes="title")
                yield Static(
                    "It is shown only this once and copingkit keeps no copy. Write it on paper and keep it "
                    "somewhere safe. Nothing is changed until you continue.",
                    classes="lead",
                )
                yield Static("", id="keys-recovery-key")
                yield TickBox("I have written it down", id="keys-written")
                with Horizontal(classes="buttons"):
                    yield Button("Continue", id="keys-continue", variant="primary", disabled=True)

    def _say(self, text: str) -> None:
        self.query_one("#keys-message", Note).say(text)

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value if self.query(selector) else ""

    @on(Input.Changed, "#keys-new")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#keys-hint", Static).update(passphrase_hint(event.value))

    @on(Input.Submitted)
    @on(Button.Pressed, "#keys-go")
    def _go(self, event: Message) -> None:
        event.stop()
        current = self._value("#keys-current")
        if not current:
            self._say("Type your passphrase first.")
            return
        new = current
        if self.what == PASSPHRASE:
            new = self._value("#keys-new")
            if not new.strip():
                self._say("Type a new passphrase.")
                return
            if new != self._value("#keys-again"):
                self._say("The two new passphrases aren't the same yet. Type them again, slowly.")
                return
        recovery = self._value("#keys-recovery").strip() or None
        if self.what == PASSPHRASE:
            from copingkit.tui.modals.confirm import use_passphrase

            use_passphrase(self.app, new, lambda new: self._begin(current, new, recovery))
            return
        self._begin(current, new, recovery)

    def _begin(self, current: str, new: str, recovery: str | None) -> None:
        for box in self.query(Input):
            box.value = ""
        self.query_one("#keys-steps", ContentSwitcher).current = "keys-working"
        self._prepare(current, new, recovery)

    @work(thread=True, exclusive=True, exit_on_error=False, group="keys")
    def _prepare(self, current: str, new: str, recovery: str | None) -> None:
        try:
            rotation = on_vault_thread(
                self.vault.prepare_rotation,
                new,
                recovery_key=recovery,
                new_recovery=self.what == RECOVERY_KEY,
                current_passphrase=current,
            )
        except Exception as error:
            self.post_message(self.Finished(error))
        else:
            self.post_message(self.Prepared(rotation))

    def on_change_keys_modal_prepared(self, message: Prepared) -> None:
        self._rotation = message.rotation
        key = getattr(message.rotation, "recovery_key", None)
        if key is None:
            self._apply()
            return
        self.query_one("#keys-recovery-key", Static).update(recovery_key_lines(key))
        self.query_one("#keys-steps", ContentSwitcher).current = "keys-show"
        self.query_one("#keys-written", Checkbox).focus()

    @on(Checkbox.Changed, "#keys-written")
    def _written(self, event: Checkbox.Changed) -> None:
        self.query_one("#keys-continue", Button).disabled = not event.value

    @on(Button.Pressed, "#keys-continue")
    def _continue(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.query_one("#keys-written", Checkbox).value:
            return
        self.query_one("#keys-recovery-key", Static).update("")
        self._apply()

    def _apply(self) -> None:
        self.query_one("#keys-working-text", Static).update("Re-sealing your journal and its backups…")
        self.query_one("#keys-steps", ContentSwitcher).current = "keys-working"
        rotation, self._rotation = self._rotation, None
        self._write(rotation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="keys")
    def _write(self, rotation: object) -> None:
        try:
            on_vault_thread(self.vault.apply_rotation, rotation)
        except Exception as error:
            self.post_message(self.Finished(error))
        else:
            self.post_message(self.Finished(None))

    def on_change_keys_modal_finished(self, message: Finished) -> None:
        error = message.error
        if error is None:
            resealed = [w for w in self.vault.warnings if w.kind is errors.WarningKind.BACKUPS_NOT_RESEALED]
            done = (
                "Passphrase changed."
                if self.what == PASSPHRASE
                else "New recovery key made; the old one no longer works."
            )
            self.dismiss(" ".join([done, *(str(w) for w in resealed[-1:])]))
            return
        self.query_one("#keys-steps", ContentSwitcher).current = "keys-form"
        if isinstance(error, errors.WrongSecret) and error.secret is not errors.Secret.RECOVERY_KEY:
            self._say("That isn't your passphrase now. Nothing was changed.")
        else:
            self._say(words_for(error))
        self.query_one("#keys-current", Input).focus()

    @on(Button.Pressed, "#keys-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_leave()

    def action_leave(self) -> None:
        if self.query_one("#keys-steps", ContentSwitcher).current == "keys-working":
            return
        self._rotation = None
        self.query_one("#keys-recovery-key", Static).update("")
        self.dismiss(None)

    def on_unmount(self) -> None:
        self._rotation = None
        cancel_derivations()
