"""Import: bring in what was written in jrnl, Daylio or Day One, or a copingkit export.

Choose the format, give the file (and, for an encrypted jrnl journal, its password), press enter to
see what it would add — how many entries and check-ins, how many are already here, and each record
that could not be read with its line — then ctrl+s imports it, a progress bar filling as it goes.
The file is only read, and an encrypted one is decrypted in memory; nothing plaintext is written.
A second import of the same file adds nothing. Esc goes back.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, ProgressBar, Select, Static

from copingkit.core.errors import CopingkitError
from copingkit.core.services.transfer import ImportPreview
from copingkit.tui.context import open_services
from copingkit.tui.widgets.footer import CopingkitFooter

FORMATS: tuple[tuple[str, str], ...] = (
    ("jrnl journal (plain text)", "jrnl-txt"),
    ("jrnl journal (encrypted)", "jrnl-encrypted"),
    ("jrnl JSON export", "jrnl-json"),
    ("Daylio CSV export", "daylio-csv"),
    ("Day One JSON or zip", "dayone-json"),
    ("copingkit export (JSON)", "copingkit-json"),
)
LEAD = (
    "Bring in what you wrote elsewhere. The file is only read (an encrypted one in memory), "
    "and nothing already here is added twice."
)
PROBLEMS_SHOWN = 50


class ImportScreen(Screen[None]):
    """Format, file and its options at the top; the preview below; ctrl+s imports."""

    CSS_PATH = "import_file.tcss"
    AUTO_FOCUS = "#import-path"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="import-back"),
        Binding("ctrl+s", "import", "Import", key_display="^s", id="import-run"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.preview: ImportPreview | None = None
        self.importing = False

    def compose(self) -> ComposeResult:
        yield Static("Import", id="import-title")
        yield Static(LEAD, id="import-lead")
        with Horizontal(classes="import-row"):
            yield Static("Format", classes="import-label")
            yield Select(FORMATS, value="jrnl-txt", allow_blank=False, compact=True, id="import-format")
        with Horizontal(classes="import-row"):
            yield Static("File", classes="import-label")
            yield Input(placeholder="path to the file", compact=True, id="import-path")
        with Horizontal(classes="import-row", id="import-password-row"):
            yield Static("Password", classes="import-label")
            yield Input(placeholder="the jrnl journal's password", password=True, compact=True, id="import-password")
        with Horizontal(classes="import-row", id="import-time-row"):
            yield Static("Time format", classes="import-label")
            yield Input(placeholder="only if jrnl's is its own", compact=True, id="import-time-format")
        with Horizontal(classes="import-row", id="import-moods-row"):
            yield Static("Your moods", classes="import-label")
            yield Input(placeholder="best first: rad, good, meh, bad, awful", compact=True, id="import-moods")
        yield Static("", id="import-problem", markup=False)
        with VerticalScroll(id="import-preview", can_focus=True):
            yield Static("Give a file and press enter to see what it would add.", id="import-summary", markup=False)
        yield ProgressBar(total=1, show_eta=False, id="import-progress")
        yield Static("enter shows what the file adds · ctrl+s imports it · tab moves", id="import-keys")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self._show_rows()

    # -- options --------------------------------------------------------------------------------

    @property
    def format(self) -> str:
        return str(self.query_one("#import-format", Select).value)

    def _show_rows(self) -> None:
        fmt = self.format
        unknown = self.preview is not None and bool(self.preview.unknown_moods)
        moods = fmt == "daylio-csv" and (unknown or bool(self.query_one("#import-moods", Input).value))
        for row, box, shown in (
            ("#import-password-row", "#import-password", fmt == "jrnl-encrypted"),
            ("#import-time-row", "#import-time-format", fmt in ("jrnl-txt", "jrnl-encrypted")),
            ("#import-moods-row", "#import-moods", moods),
        ):
            self.query_one(row).display = shown
            self.query_one(box, Input).display = shown  # a hidden row's box is hidden too (and out of tab order)

    @on(Select.Changed, "#import-format")
    def format_changed(self) -> None:
        self._forget_preview()
        self._show_rows()

    @on(Input.Changed)
    def option_changed(self) -> None:
        if not self.importing:
            self._forget_preview()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_preview()

    def _forget_preview(self) -> None:
        if self.preview is not None:
            self.preview = None
            self.query_one("#import-summary", Static).update("Press enter to see what the file adds.")

    # -- preview --------------------------------------------------------------------------------

    def action_preview(self) -> None:
        path_text = self.query_one("#import-path", Input).value.strip()
        if not path_text:
            self._problem("Give the file's path first.")
            return
        self._problem("")
        self.query_one("#import-summary", Static).update("Reading the file…")
        self._preview(
            Path(path_text).expanduser(),
            self.format,
            self.query_one("#import-password", Input).value or None,
            self.query_one("#import-time-format", Input).value.strip() or None,
            self.query_one("#import-moods", Input).value.strip(),
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-preview")
    def _preview(self, path: Path, fmt: str, password: str | None, time_format: str | None, moods_text: str) -> None:
        from copingkit.core.importers import MAX_FILE_BYTES, NEEDS_PASSPHRASE
        from copingkit.core.importers.daylio_csv import parse_mood_map

        services = open_services(self)
        try:
            if fmt in NEEDS_PASSPHRASE and not password:
                raise _Say("This jrnl journal is encrypted: give its password, then press enter.")
            data = _read(path, MAX_FILE_BYTES)
            moods = parse_mood_map(moods_text) if moods_text else None
            preview = services.transfer.preview_import(
                fmt, data, time_format=time_format, passphrase=password, moods=moods
            )
        except (CopingkitError, _Say) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show, preview)

    def _failed(self, words: str) -> None:
        self.preview = None
        self._problem(words)
        self.query_one("#import-summary", Static).update("")

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        lines = [_headline(preview)]
        if preview.unknown_moods:
            names = ", ".join(preview.unknown_moods)
            lines += [
                "",
                f"Daylio moods copingkit doesn't know: {names}. Type your five moods best first "
                "(or name=number, like sunny=5), then press enter.",
            ]
        if preview.left_out:
            lines += ["", preview.left_out]
        if preview.problems:
            lines += ["", "Could not be read (the rest will be imported):"]
            lines += [f"  {problem}" for problem in preview.problems[:PROBLEMS_SHOWN]]
            if len(preview.problems) > PROBLEMS_SHOWN:
                lines.append(f"  … and {len(preview.problems) - PROBLEMS_SHOWN} more")
        self.query_one("#import-summary", Static).update("\n".join(lines))
        self._show_rows()

    # -- importing ------------------------------------------------------------------------------

    def action_import(self) -> None:
        preview = self.preview
        if preview is None:
            self._problem("Press enter first to see what the file adds; nothing was imported.")
            return
        if preview.unknown_moods:
            self._problem("Give your Daylio moods first; nothing was imported.")
            return
        if preview.changes_nothing:
            self._problem("Nothing new to import: this journal already has everything in that file.")
            return
        if self.importing:
            return
        self.importing = True
        self._problem("")
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(1, preview.entries + preview.checkins), progress=0)
        bar.display = True
        self._apply(preview)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import-apply")
    def _apply(self, preview: ImportPreview) -> None:
        services = open_services(self)
        try:
            summary = services.transfer.apply_import(
                preview, progress=lambda done, total: self.app.call_from_thread(self._progress, done, total)
            )
        except CopingkitError as error:
            self.app.call_from_thread(self._done, None, str(error))
            return
        self.app.call_from_thread(self._done, summary.total, "")

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=max(1, total), progress=done)

    def _done(self, total: int | None, problem: str) -> None:
        self.importing = False
        self.preview = None
        self.query_one("#import-password", Input).value = ""
        if total is None:
            self._problem(problem)
            return
        words = f"Imported {total} record{'' if total == 1 else 's'}."
        self.query_one("#import-summary", Static).update(words + " Importing the same file again adds nothing.")
        self.notify(words, timeout=6)

    def _problem(self, words: str) -> None:
        self.query_one("#import-problem", Static).update(words)

    def action_back(self) -> None:
        if self.importing:
            self.notify("Importing; one moment.", timeout=3)
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)


class _Say(Exception):
    """Words for the person, from the worker."""


def _read(path: Path, most: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(most + 1)
    except FileNotFoundError:
        raise _Say(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise _Say(f"{path} is a folder; give the file inside it.") from None
    except OSError as error:
        raise _Say(f"Couldn't read {path}: {error.strerror or 'it could not be opened'}.") from None
    if len(data) > most:
        raise _Say(f"{path} is more than copingkit imports at once ({most // 2**20} MiB).")
    return data


def _headline(preview: ImportPreview) -> str:
    if preview.unknown_moods:
        return "Some of this file's moods need a number before it can be imported."
    if preview.changes_nothing:
        return "Nothing new: this journal already has everything in that file" + _tail(preview) + "."
    return "This file " + preview.describe() + ". Press ctrl+s to import it."


def _tail(preview: ImportPreview) -> str:
    return "" if not preview.problems else f" ({len(preview.problems)} could not be read)"
