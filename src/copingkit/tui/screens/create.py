"""First run: choose a passphrase, make the vault, write down the recovery key once.

The recovery key is shown a single time and then forgotten: it lives only in the widget that shows
it, and that widget is emptied before the screen closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, ContentSwitcher, Input, Label, LoadingIndicator, Static

from copingkit import paths
from copingkit.core.content import generate_passphrase
from copingkit.core.error_words import words_for
from copingkit.core.passphrase import AIM, passphrase_hint
from copingkit.core.vault import Vault
from copingkit.core.vault.crypto import cancel_derivations
from copingkit.tui.context import app_context
from copingkit.tui.saving import on_vault_thread
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.note import Note, recovery_key_lines
from copingkit.tui.widgets.tick_box import TickBox

WORKING = "Making your journal safe… this takes a second"


class CreateScreen(Screen["Vault | None"]):
    """Make a new journal. Dismisses with the open vault once the recovery key is written down."""

    CSS_PATH = "create.tcss"
    AUTO_FOCUS = "#passphrase"
    BINDINGS = [Binding("escape", "leave_recovery_step", "Continue", id="create-leave", show=False)]

    class Created(Message):
        def __init__(self, vault: Vault, recovery_key: str) -> None:
            super().__init__()
            self.vault = vault
            self.recovery_key = recovery_key

    class Failed(Message):
        def __init__(self, error: BaseException) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        vault_path: Path,
        *,
        kdf: Any = None,
        trust_folder: bool = False,
        showing: tuple[Vault, str] | None = None,
    ) -> None:
        """`showing`: an open vault and its recovery key, to start at the recovery-key step."""
        super().__init__()
        self.vault_path = vault_path
        self.kdf = kdf
        self.trust_folder = trust_folder
        self._vault: Vault | None = None
        self._recovery_key: str | None = None
        self._showing = showing

    @classmethod
    def showing_key(cls, vault_path: Path, vault: Vault, recovery_key: str) -> CreateScreen:
        """Back at the recovery-key step after a lock that came before "I have written it down"."""
        return cls(vault_path, showing=(vault, recovery_key))

    @property
    def on_recovery_step(self) -> bool:
        """The key is on screen and not yet written down: it can never be shown again after this."""
        return self._recovery_key is not None

    def take_for_lock(self) -> tuple[Vault | None, str | None]:
        """Blank the key now and hand the open vault and the key to the app, which locks and keeps
        the key in memory (only) to show this step again after unlock."""
        self.query_one("#recovery-key", Static).update("")
        vault, self._vault = self._vault, None
        key, self._recovery_key = self._recovery_key, None
        return vault, key

    def action_leave_recovery_step(self) -> None:
        """esc before "I have written it down": ask, calmly; the safe answer is to stay."""
        if not self.on_recovery_step:
            return
        from copingkit.tui.modals.confirm import ConfirmModal

        def decided(leave: bool | None) -> None:
            if leave and self._vault is not None:
                self._forget_key()
                vault, self._vault = self._vault, None
                self._finish(vault)

        self.app.push_screen(
            ConfirmModal(
                "Go on without writing down your recovery key? It can't be shown again, but you can "
                "make a new one at any time in Settings.",
                yes="Go on without it",
                no="Stay and write it down",
            ),
            decided,
        )

    def _forget_key(self) -> None:
        self.query_one("#recovery-key", Static).update("")
        self._recovery_key = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="create-choose", id="create-steps"):
            with VerticalScroll(id="create-choose"):
                yield Static("Welcome to copingkit", id="create-title", classes="title")
                yield Static(
                    "Let's make your private journal. Everything you write is encrypted with a "
                    "passphrase only you know, in one file on this device. Nothing is sent anywhere.",
                    classes="lead",
                )
                yield Static(
                    f"It will live here: {paths.display_path(self.vault_path)}", id="create-where", classes="muted"
                )
                yield Label("Passphrase", classes="field-label")
                yield Input(password=True, id="passphrase", placeholder="Type a passphrase")
                yield Label("The same passphrase again", classes="field-label")
                yield Input(password=True, id="passphrase-again", placeholder="Type it again")
                yield Static(AIM, id="passphrase-hint", classes="muted")
                yield Note("", id="suggestion")
                yield Note("", id="create-message")
                with Horizontal(classes="buttons"):
                    yield Button("Create my journal", id="create", variant="primary")
                    yield Button("Suggest a passphrase", id="suggest")
            with Vertical(id="create-working"):
                yield LoadingIndicator(id="create-spinner")
                yield Static(WORKING, id="create-working-text")
            with VerticalScroll(id="create-recovery"):
                yield Static("Your recovery key", classes="title")
                yield Static(
                    "If you ever forget your passphrase, this key opens your journal. "
                    "It is shown only this once and copingkit keeps no copy. "
                    "Write it on paper and keep it somewhere safe, away from this device.",
                    classes="lead",
                )
                yield Static("", id="recovery-key")
                yield Static("", id="create-cost", classes="muted")
                yield TickBox("I have written it down", id="written-down")
                with Horizontal(classes="buttons"):
                    yield Button("Continue", id="continue", variant="primary", disabled=True)
        yield CopingkitFooter()

    def on_mount(self) -> None:
        if self._showing is not None:
            vault, key = self._showing
            self._showing = None
            self.post_message(self.Created(vault, key))

    # -- choosing -------------------------------------------------------------------------

    @on(Input.Changed, "#passphrase")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#passphrase-hint", Static).update(passphrase_hint(event.value))
        self._say("")

    @on(Input.Submitted, "#passphrase")
    def _next_field(self) -> None:
        self.query_one("#passphrase-again", Input).focus()

    @on(Input.Submitted, "#passphrase-again")
    @on(Button.Pressed, "#create")
    def _create_pressed(self, event: Message) -> None:
        event.stop()
        first = self.query_one("#passphrase", Input).value
        second = self.query_one("#passphrase-again", Input).value
        if not first:
            self._say("Type a passphrase first.")
            self.query_one("#passphrase", Input).focus()
            return
        if first != second:
            self._say("The two passphrases aren't the same yet. Type them again, slowly.")
            self.query_one("#passphrase-again", Input).focus()
            return
        from copingkit.tui.modals.confirm import use_passphrase

        use_passphrase(self.app, first, self._begin_create)

    @on(Button.Pressed, "#suggest")
    def _suggest(self, event: Button.Pressed) -> None:
        event.stop()
        words = generate_passphrase(words=6)
        self.query_one("#passphrase", Input).value = words
        self.query_one("#passphrase-again", Input).value = words
        self.query_one("#suggestion", Note).say(
            f"Suggested: {words}\nWrite it down somewhere safe — you'll type it to open your journal. "
            "You can change it first if you like; type both boxes again."
        )

    def _say(self, text: str) -> None:
        self.query_one("#create-message", Note).say(text)

    # -- making the vault -----------------------------------------------------------------

    def _begin_create(self, passphrase: str) -> None:
        for widget_id in ("#passphrase", "#passphrase-again"):
            self.query_one(widget_id, Input).value = ""
        self.query_one("#suggestion", Note).say("")
        self.query_one("#create-steps", ContentSwitcher).current = "create-working"
        backups_keep = app_context(self).config.backups_keep
        self._create_vault(passphrase, backups_keep)

    @work(thread=True, exclusive=True, exit_on_error=False, group="vault")
    def _create_vault(self, passphrase: str, backups_keep: int) -> None:
        try:
            vault, recovery_key = on_vault_thread(
                Vault.create,
                self.vault_path,
                passphrase,
                kdf=self.kdf,
                backups_keep=backups_keep,
                trust_folder=self.trust_folder,
            )
        except Exception as error:
            self.post_message(self.Failed(error))
        else:
            self.post_message(self.Created(vault, recovery_key))

    def on_create_screen_created(self, message: Created) -> None:
        self._vault = message.vault
        self._recovery_key = message.recovery_key
        self.query_one("#recovery-key", Static).update(recovery_key_lines(message.recovery_key))
        cost = message.vault.passphrase_params
        if cost is not None:
            self.query_one("#create-cost", Static).update(f"Your passphrase is protected by {cost.describe()}.")
        self.query_one("#create-steps", ContentSwitcher).current = "create-recovery"
        self.query_one("#written-down", Checkbox).focus()

    def on_create_screen_failed(self, message: Failed) -> None:
        self.query_one("#create-steps", ContentSwitcher).current = "create-choose"
        self._say(words_for(message.error))
        self.query_one("#passphrase", Input).focus()

    # -- the recovery key -----------------------------------------------------------------

    @on(Checkbox.Changed, "#written-down")
    def _written(self, event: Checkbox.Changed) -> None:
        self.query_one("#continue", Button).disabled = not event.value

    @on(Button.Pressed, "#continue")
    def _continue(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.query_one("#written-down", Checkbox).value:
            return
        self._forget_key()
        vault, self._vault = self._vault, None
        self._finish(vault)

    def _finish(self, vault: Vault | None) -> None:
        """Close anything opened on top (Get help, say) so this screen is the one dismissed."""
        self.pop_until_active()
        self.dismiss(vault)

    def on_unmount(self) -> None:
        cancel_derivations()  # quitting mid-derivation: end the child now rather than wait for it
        vault, self._vault = self._vault, None
        if vault is not None:
            on_vault_thread(vault.close)
