"""Bringing another copy of this journal in (DESIGN.md §2.3, §5).

Two ways in, one flow. After a save found the file changed outside copingkit (the conflicted state:
autosave paused), a banner offers to merge the file on disk or to keep this version as a copy. After
unlock, a conflict copy beside the vault (ours, Syncthing's, Dropbox's, Nextcloud's) is offered for
merging. Either way: read the other copy with this journal's own key (its passphrase when that key
doesn't open it), plan, show the summary, ask (no is the default), apply. Reading and planning run
in a thread worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from copingkit.tui.context import app_context

if TYPE_CHECKING:
    from textual.screen import Screen

    from copingkit.core.clock import Clock
    from copingkit.core.services import Services
    from copingkit.core.services.merge import MergePlan
    from copingkit.core.vault import Vault

BANNER_TEXT = (
    "This journal's file was changed outside copingkit. Your words are kept in memory, and saving "
    "is paused so nothing is overwritten."
)
MERGE_LABEL = "f5  Merge the file on disk"
COPY_LABEL = "f6  Save my version as a copy"
NEEDS_PASSPHRASE = "needs-passphrase"

AnyApp = App[Any]
"""Every function here takes the running app: Textual's API on it typed by Textual, copingkit's parts
read through `app_context(app)` (tui/context.py)."""


class DifferentJournal(Exception):
    """The file chosen to merge is another journal, not a copy of this one (told apart by type, not by words)."""


@dataclass(frozen=True)
class Prepared:
    """Another copy, read and planned: its bytes (for adopting the file on disk) and the merge plan."""

    source: Path
    data: bytes
    plan: MergePlan


class ConflictBanner(Vertical):
    """The conflicted state's banner, mounted on the screen in front while saving is paused."""

    DEFAULT_CSS = """
    ConflictBanner {
        dock: top; height: auto; padding: 0 1; background: $surface; border: round $warning;
    }
    ConflictBanner #conflict-buttons { height: auto; }
    ConflictBanner Button { margin-right: 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static(BANNER_TEXT, id="conflict-text", markup=False)
        with Horizontal(id="conflict-buttons"):
            yield Button(MERGE_LABEL, id="conflict-merge", variant="primary")
            yield Button(COPY_LABEL, id="conflict-copy")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "conflict-merge":
            merge_file_on_disk(self.app)
        else:
            save_as_copy(self.app)


# -- the banner follows the save state -------------------------------------------------------


def show_banner(app: AnyApp, screen: Screen[Any]) -> None:
    """Mount the banner on `screen` while saving is paused by a conflict; remove it otherwise."""
    from textual.screen import ModalScreen

    from copingkit.tui.saving import SaveState

    if not screen.is_attached or isinstance(screen, ModalScreen):
        return
    banners = screen.query(ConflictBanner)
    if app_context(app).saver.state is SaveState.CONFLICT:
        if not banners:
            screen.mount(ConflictBanner())
    else:
        banners.remove()


def save_state_changed(app: AnyApp) -> None:
    """Called on every save state change: the banner on the screen in front, and a kept copy's name."""
    from copingkit.core.vault.errors import Conflict
    from copingkit.tui.saving import SaveState

    context = app_context(app)
    show_banner(app, app.screen)
    if context.saver.state is SaveState.CONFLICT and context.conflict_copy_asked:
        context.conflict_copy_asked = False
        error = context.saver.last_error
        copy = error.conflict_copy if isinstance(error, Conflict) else None
        if copy is None:
            app.notify("Couldn't write a copy just now. Your words are still kept in memory.", severity="warning")
        else:
            app.notify(
                f"Your version is saved as a copy beside the journal: {copy}. Saving stays paused.",
                title="Copy saved",
                timeout=12,
            )


def save_as_copy(app: AnyApp) -> None:
    """Keep this version as a sealed copy beside the file (a save that finds the conflict writes one)."""
    context = app_context(app)
    context.conflict_copy_asked = True
    context.saver.save_now()


# -- reading another copy, in a thread -------------------------------------------------------


def merge_file_on_disk(app: AnyApp) -> None:
    """The banner's merge: the changed file becomes the other copy; afterwards it is adopted and saved over."""
    vault = app_context(app).vault
    if vault is None or vault.path is None or app_context(app).services is None:
        return
    _read(app, vault.path, _confirm_disk_merge)


def offer_conflict_copies(app: AnyApp) -> None:
    """After unlock: offer the first conflict copy beside this journal, if there is one."""
    from copingkit.core.vault.conflicts import conflict_copies

    vault = app_context(app).vault
    if vault is None or vault.path is None or vault.read_only or app_context(app).demo:
        return
    copies = conflict_copies(vault.path)
    if copies:
        _read(app, copies[0], _confirm_offer)


Then = Callable[[AnyApp, Prepared], None]
"""What to do with another copy once it is read and planned: ask, then merge."""


def _read(app: AnyApp, source: Path, then: Then, passphrase: str | None = None) -> None:
    context = app_context(app)
    vault, services, clock, costly = context.vault, context.services, context.clock, context.allow_costly_kdf
    if vault is None or services is None:
        return

    def work() -> None:
        try:
            result = _prepare(vault, services, clock, source, passphrase, costly)
        except Exception as error:  # every failure is one calm line; nothing was changed
            app.call_from_thread(_could_not_read, app, source, error)
            return
        if isinstance(result, Prepared):
            app.call_from_thread(then, app, result)
        else:
            app.call_from_thread(_ask_passphrase, app, source, then)

    app.run_worker(work, thread=True, exit_on_error=False, group="merge", name="merge-read")


def _prepare(
    vault: Vault, services: Services, clock: Clock, source: Path, passphrase: str | None, costly: bool = False
) -> Prepared | str:
    from copingkit.core.services.merge import document_of_image, read_copy
    from copingkit.core.vault import format as fmt
    from copingkit.core.vault.store import read_sealed

    data = bytes(read_sealed(source, allow_costly=costly))
    header = fmt.parse_header(data)
    if header.vault_id != vault.vault_id:
        raise DifferentJournal(source)
    if passphrase is None:
        image = vault.open_copy(data)
        if image is None:
            return NEEDS_PASSPHRASE
        document = document_of_image(image, header.vault_id, clock)
    else:
        _, document = read_copy(data, passphrase, clock, allow_costly=costly)
    return Prepared(source, data, services.merge.plan(document))


def _could_not_read(app: AnyApp, source: Path, error: BaseException) -> None:
    from copingkit.core.vault.errors import WrongSecret

    if not app_context(app).unlocked:  # locked meanwhile: nothing to say on the way back in
        return
    if isinstance(error, WrongSecret):
        text = f"That passphrase didn't open {source.name}. Nothing was changed."
    elif isinstance(error, DifferentJournal):
        text = f"{source.name} is a different journal, not a copy of this one. Nothing was changed."
    else:
        text = f"Couldn't read {source.name}, so nothing was changed."
    app.notify(text, title="Not merged", severity="warning", timeout=10)


def _ask_passphrase(app: AnyApp, source: Path, then: Then) -> None:
    from copingkit.tui.modals.text_prompt import TextPromptModal

    if not app_context(app).unlocked:
        return

    def given(passphrase: str | None) -> None:
        if passphrase and app_context(app).vault is not None:
            _read(app, source, then, passphrase)

    app.push_screen(
        TextPromptModal(
            f"{source.name} was saved with another passphrase. Type that passphrase to merge it.",
            password=True,
        ),
        callback=given,
    )


# -- asking, then merging --------------------------------------------------------------------


def _confirm_disk_merge(app: AnyApp, prepared: Prepared) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal

    def decided(yes: bool | None) -> None:
        context = app_context(app)
        vault, services = context.vault, context.services
        if not yes or vault is None or services is None:
            return
        services.merge.apply(prepared.plan)
        vault.adopt_disk_copy(prepared.data)
        context.saver.resume_after_conflict()
        app.notify("Merged: the file's changes and yours are together now, and saving is back on.", title="Merged")

    app.push_screen(
        ConfirmModal(
            f"Merging the file on disk {prepared.plan.summary.describe()}. Everything you wrote here is kept. "
            "Merge it, then save over the file?",
            yes="Merge",
            no="Not now",
        ),
        callback=decided,
    )


def _confirm_offer(app: AnyApp, prepared: Prepared) -> None:
    from copingkit.core.vault.conflicts import file_away
    from copingkit.tui.modals.confirm import ConfirmModal

    def decided(yes: bool | None) -> None:
        context = app_context(app)
        vault, services = context.vault, context.services
        if not yes or vault is None or vault.path is None or services is None:
            return
        services.merge.apply(prepared.plan)
        try:
            kept = file_away(vault.path, prepared.source)
        except OSError:
            app.notify(f"Merged. {prepared.source.name} couldn't be moved, so it may be offered again.")
            return
        app.notify(f"Merged. The copy is kept with your backups, so it won't be offered again: {kept}", title="Merged")
        offer_conflict_copies(app)  # the next one, if another sits beside it

    app.push_screen(
        ConfirmModal(
            f"Another copy of this journal sits beside it: {prepared.source.name} (left by a sync tool or an "
            f"earlier save). Merging it {prepared.plan.summary.describe()}. Nothing you wrote is lost either way. "
            "Merge it now?",
            yes="Merge",
            no="Not now",
        ),
        callback=decided,
    )


__all__ = ["ConflictBanner", "merge_file_on_disk", "offer_conflict_copies", "save_as_copy", "save_state_changed"]
