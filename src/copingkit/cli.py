"""The command line (DESIGN.md §4). Heavy imports live inside the commands; textual only in the TUI ones.

Every command reaches data through `copingkit.core.services`; errors are types mapped to words in
`copingkit.core.vault.errors.user_message` and to exit codes here.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click

from copingkit import __version__, paths

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_WRONG_SECRET = 3
EXIT_DAMAGED = 4
EXIT_LOCKED = 5
EXIT_CONFLICT = 6

KDF_PROFILE = None
"""The vault KDF profile; None is the real, calibrated one. Only the test suite's runner changes it."""

CLOCK = None
"""The clock "now" comes from; None is the system's. Tests inject a fixed one."""

PLAINTEXT_WARNING = "Exports are plaintext: anyone who can read {path} can read what is in it."


@dataclass
class Context:
    vault_path: Path
    passphrase_file: str | None
    trust_folder: bool = False
    allow_costly_kdf: bool = False
    _stdin_lines: list[str] | None = field(default=None, repr=False)

    def stdin_lines(self) -> list[str]:
        if self._stdin_lines is None:
            data = _read_capped(sys.stdin.buffer, "Standard input")
            self._stdin_lines = decode_input(data, "What came in on standard input").splitlines(keepends=True)
        return self._stdin_lines


INPUT_MAX_BYTES = 64 * 1024 * 1024
"""The most copingkit reads from standard input or an imported file (a ten-year journal exports to far less)."""


def _read_capped(stream: Any, what: str) -> bytes:
    data = stream.read(INPUT_MAX_BYTES + 1)
    if len(data) > INPUT_MAX_BYTES:
        from copingkit.core.errors import InvalidInput

        raise InvalidInput(
            f"{what} is more than copingkit reads at once ({INPUT_MAX_BYTES // 2**20} MiB); nothing was written."
        )
    return data


def decode_input(data: bytes, what: str) -> str:
    """Bytes a person gave, as UTF-8 text, or one calm InvalidInput: never a guess, never a traceback."""
    from copingkit.core.errors import InvalidInput

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{what} isn't valid text (UTF-8); nothing was written.") from None


def read_input_file(path: Path) -> str:
    """A file given as input (an import): read up to the ceiling (so /dev/zero stops too), decoded as strict UTF-8."""
    with path.open("rb") as handle:
        return decode_input(_read_capped(handle, str(path)), str(path))


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    click.echo(message, err=True)
    raise SystemExit(code)


class BadInput(click.ClickException):
    """Bad input found while click reads the command line: one calm line and exit 1, not click's usage text."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True)


class CheckedCommand(click.Command):
    """Checks every text argument before the command runs.

    Arguments that aren't UTF-8 arrive as lone surrogates, which would surface as a traceback from
    deep inside a save. Paths are exempt: a file name need not be text.
    """

    def invoke(self, ctx: click.Context) -> Any:
        for param in self.params:
            value = ctx.params.get(param.name or "")
            if isinstance(param.type, click.Path) or (param.name or "").endswith("_file"):
                continue
            for text in (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ():
                if isinstance(text, str) and not _is_utf8(text):
                    raise BadInput(f"{_label(param)} isn't valid text (UTF-8); nothing was changed.")
        return super().invoke(ctx)


def _label(param: click.Parameter) -> str:
    """How the person typed it: --tag for an option, TEXT for an argument."""
    return param.opts[0] if isinstance(param, click.Option) else param.human_readable_name


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class WholeNumber(click.types.IntParamType):
    """An integer that is refused in one line (exit 1) when it has more digits than Python converts."""

    DIGITS_MAX = 18

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        digits = value.strip().lstrip("+-").replace("_", "") if isinstance(value, str) else ""
        if digits.isdigit() and len(digits) > self.DIGITS_MAX:
            name = _label(param) if param is not None else "That number"
            raise BadInput(f"{name} is too big a number ({len(digits):,} digits); nothing was changed.")
        return super().convert(value, param, ctx)


class WholeRange(WholeNumber, click.IntRange):
    """click.IntRange with WholeNumber's one-line refusal of huge digits."""


def handles_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Map copingkit's error types to one calm line on stderr and the contract's exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from copingkit.core.errors import CopingkitError, InvalidInput, NotFound
        from copingkit.core.vault import errors

        try:
            return command(*args, **kwargs)
        except errors.SaveFailed as error:  # the process ends here: nothing is kept in memory
            detail = f" ({error.detail})" if error.detail else ""
            fail(
                f"Couldn't save{detail}. Nothing was changed; please try again once that is sorted out.",
                error.exit_code,
            )
        except errors.VaultError as error:
            fail(errors.user_message(error), error.exit_code)
        except (InvalidInput, NotFound) as error:
            fail(str(error), EXIT_BAD_INPUT)
        except CopingkitError as error:
            fail(str(error), EXIT_BAD_INPUT)
        except FileNotFoundError as error:
            fail(f"There is no file at {error.filename}.", EXIT_BAD_INPUT)
        except IsADirectoryError as error:
            fail(f"{error.filename} is a folder, not a file.", EXIT_BAD_INPUT)
        except PermissionError as error:
            fail(f"copingkit isn't allowed to use {error.filename or 'that file'}.", EXIT_BAD_INPUT)
        except OSError as error:  # a full disk, an I/O error: one calm line, not a traceback
            fail(f"copingkit couldn't use {error.filename or 'that file'}: {error.strerror or error}.", EXIT_BAD_INPUT)
        except UnicodeError:
            fail("Something given to copingkit isn't valid text (UTF-8); nothing was written.", EXIT_BAD_INPUT)
        except RecursionError:
            fail("That is nested too deeply for copingkit to read; nothing was written.", EXIT_BAD_INPUT)
        except MemoryError:
            fail("There isn't enough memory for that just now; nothing was written.", EXIT_BAD_INPUT)
        except OverflowError:
            fail("A number or a date in that is too large for copingkit to use; nothing was written.", EXIT_BAD_INPUT)

    return wrapper


class CheckedGroup(click.Group):
    """Every subcommand is a CheckedCommand and runs inside the one error handler, with or without @handles_errors."""

    command_class = CheckedCommand
    group_class = type  # a nested group (e.g. `pack`) is a CheckedGroup too

    def invoke(self, ctx: click.Context) -> Any:
        return handles_errors(super().invoke)(ctx)


# ---- secrets -------------------------------------------------------------------------------


def _read_secret_file(ctx: Context, source: str, what: str) -> str:
    if source == "-":
        lines = ctx.stdin_lines()
        if not lines:
            fail(f"No {what} on standard input.", EXIT_USAGE)
        return lines.pop(0).rstrip("\r\n")
    try:
        with open(source, encoding="utf-8") as handle:
            line = handle.readline(SECRET_MAX_CHARS + 1)
    except FileNotFoundError:
        fail(f"There is no {what} file at {source}.", EXIT_USAGE)
    except (OSError, UnicodeDecodeError):
        fail(f"The {what} file {source} couldn't be read.", EXIT_USAGE)
    line = line.rstrip("\r\n")
    if len(line) > SECRET_MAX_CHARS:
        fail(f"The first line of {source} is longer than any {what} copingkit takes ({SECRET_MAX_CHARS:,} characters).")
    return line


SECRET_MAX_CHARS = 4096
"""A passphrase file is read one line, at most this long, so a huge file without a newline is never read whole."""


def _on_terminal() -> bool:
    """Whether a person is at the keyboard (standard input is a terminal)."""
    return sys.stdin.isatty()


def _prompt_secret(prompt: str, *, confirm: bool = False) -> str:
    if not _on_terminal():
        fail("No passphrase given. Use --passphrase-file PATH (or '-' for standard input).", EXIT_USAGE)
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)


def _passphrase(ctx: Context, *, confirm: bool = False) -> str:
    if ctx.passphrase_file:
        return _read_secret_file(ctx, ctx.passphrase_file, "passphrase")
    return _prompt_secret("Passphrase", confirm=confirm)


def _new_passphrase(ctx: Context, source: str | None) -> str:
    if source:
        value = _read_secret_file(ctx, source, "new passphrase")
    else:
        value = _prompt_secret("New passphrase", confirm=True)
    if not value.strip():
        fail("The new passphrase is empty; nothing was changed.")
    _guide_passphrase(value, typed=not source, refused="Nothing was changed.")
    return value


def _guide_passphrase(value: str, *, typed: bool, refused: str) -> None:
    """The app's passphrase rule (core.passphrase): a short one is named; typed at a terminal it needs a yes,
    read from a file the warning goes to stderr and the command goes on."""
    from copingkit.core.passphrase import is_short, short_warning

    if not is_short(value):
        return
    click.echo(short_warning(value), err=True)
    if typed and not click.confirm("Use it anyway?", default=False, err=True):
        fail(f"{refused} A longer passphrase, or a few words, is a good choice.")


# ---- opening the vault ---------------------------------------------------------------------


def _config():
    from copingkit import config

    return config.load()


@contextmanager
def open_services(ctx: Context, *, passphrase: str | None = None, recovery_key: str | None = None) -> Iterator[Any]:
    """Unlock the vault, yield (vault, services), save and close it afterwards."""
    from copingkit.core.services import Services
    from copingkit.core.vault import Vault, errors

    if not ctx.vault_path.exists():
        raise errors.VaultMissing(str(ctx.vault_path))
    if passphrase is None and recovery_key is None:
        passphrase = _passphrase(ctx)
    vault = Vault.open(
        ctx.vault_path,
        passphrase,
        recovery_key=recovery_key,
        kdf=KDF_PROFILE,
        backups_keep=_config().backups_keep,
        trust_folder=ctx.trust_folder,
        allow_costly_kdf=ctx.allow_costly_kdf,
    )
    passphrase = None
    for warning in vault.warnings:
        click.echo(warning, err=True)
    try:
        yield vault, Services(vault.database, clock=_now)
        vault.close()
    except BaseException:
        if not vault.closed:
            vault.close(save=False)
        raise
    for warning in vault.warnings:
        if warning.from_saving:
            click.echo(warning, err=True)


def _now() -> datetime:
    from copingkit.core.clock import system_now

    return (CLOCK or system_now)()


def _range(date_from: str | None, date_to: str | None) -> tuple[datetime | None, datetime | None]:
    """Local days (DESIGN.md §4): --from's first moment to --to's last; --to past the calendar is no limit."""
    from copingkit.core.dates import day_end, day_start, parse_day

    now = _now()
    start = day_start(parse_day(date_from, now)) if date_from else None
    end = day_end(parse_day(date_to, now)) if date_to else None
    return start, None if end is None else end - timedelta(microseconds=1)


def _when(value: str | None) -> datetime | None:
    from copingkit.core.dates import parse_when

    return parse_when(value, _now()) if value else None


def _emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def _local(moment: datetime) -> str:
    from copingkit.core.dates import to_local

    return to_local(moment).strftime("%Y-%m-%d %H:%M")


# ---- the group -----------------------------------------------------------------------------


@click.group(cls=CheckedGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--vault",
    "vault_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=paths.VAULT_ENV,
    help="The journal file (default: your data folder). Env: COPINGKIT_VAULT.",
)
@click.option(
    "--passphrase-file",
    envvar="COPINGKIT_PASSPHRASE_FILE",
    metavar="PATH",
    help="Read the passphrase from the first line of PATH ('-' for standard input). Env: COPINGKIT_PASSPHRASE_FILE.",
)
@click.option(
    "--trust-folder",
    is_flag=True,
    help="Use a journal folder that another user owns or anyone can change (only if you know it is safe).",
)
@click.option(
    "--allow-costly-kdf",
    is_flag=True,
    help="Open a journal whose keys ask for more work than copingkit allows (only for a file you trust).",
)
@click.version_option(__version__, prog_name="copingkit")
@click.pass_context
def main(
    click_ctx: click.Context,
    vault_path: Path | None,
    passphrase_file: str | None,
    trust_folder: bool,
    allow_costly_kdf: bool,
) -> None:
    """copingkit: a private journal, mood check-ins and coping skills, in one encrypted file.

    Run with no command to open the app.
    """
    click_ctx.obj = Context(
        vault_path=(vault_path or paths.default_vault_path()).expanduser(),
        passphrase_file=passphrase_file,
        trust_folder=trust_folder,
        allow_costly_kdf=allow_costly_kdf,
    )
    if click_ctx.invoked_subcommand is None:
        _run_tui(click_ctx.obj, demo=False)


def _run_tui(ctx: Context, *, demo: bool) -> None:
    from copingkit import config
    from copingkit.tui.app import CopingkitApp

    settings = config.load()
    demo_vault = None
    if demo:
        from copingkit.core.sample_data import build_demo_vault

        demo_vault = build_demo_vault()
    app = CopingkitApp(
        vault_path=None if demo else ctx.vault_path,
        config=settings,
        config_path=None if demo else paths.config_path(),
        kdf=KDF_PROFILE,
        demo_vault=demo_vault,
        trust_folder=ctx.trust_folder,
        allow_costly_kdf=ctx.allow_costly_kdf,
    )
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)


@main.command()
@click.pass_obj
def demo(ctx: Context) -> None:
    """Open the app on a throwaway journal with sample data; nothing is written to disk."""
    _run_tui(ctx, demo=True)


@main.command()
@click.pass_obj
@handles_errors
def init(ctx: Context) -> None:
    """Create a journal and print its recovery key (once)."""
    from copingkit.core.vault import Vault, errors

    if ctx.vault_path.exists():
        raise errors.AlreadyExists(str(ctx.vault_path))
    passphrase = _passphrase(ctx, confirm=True)
    if not passphrase.strip():
        fail("The passphrase is empty; no journal was made.")
    _guide_passphrase(passphrase, typed=not ctx.passphrase_file, refused="No journal was made.")
    click.echo("Making your journal safe… this takes a moment.", err=True)
    vault, recovery_key = Vault.create(
        ctx.vault_path,
        passphrase,
        kdf=KDF_PROFILE,
        backups_keep=_config().backups_keep,
        trust_folder=ctx.trust_folder,
    )
    passphrase = None
    for warning in vault.warnings:
        click.echo(warning, err=True)
    cost = vault.passphrase_params
    vault.close()
    click.echo(f"Your journal is ready and encrypted: {ctx.vault_path}", err=True)
    if cost is not None:
        click.echo(f"Your passphrase is protected by {cost.describe()}{_calibrated_note()}.", err=True)
    click.echo("Your recovery key opens it if you forget your passphrase. It is shown only this once:", err=True)
    click.echo(recovery_key)
    click.echo("Write it down and keep it somewhere safe. copingkit does not keep a copy.", err=True)
    del recovery_key


def _calibrated_note() -> str:
    from copingkit.core.vault import REAL_KDF

    return " (chosen to take about a second on this machine)" if (KDF_PROFILE or REAL_KDF).calibrate else ""


def _stdin_text(ctx: Context) -> str:
    return "".join(ctx.stdin_lines())


@main.command()
@click.argument("text", required=False)
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--at", "when", metavar="WHEN", help="Backdate: ISO date/time, today, yesterday, 'N days ago'.")
@click.option("--title", help="An optional title.")
@click.pass_obj
@handles_errors
def write(ctx: Context, text: str | None, tags: tuple[str, ...], when: str | None, title: str | None) -> None:
    """Write a journal entry. TEXT '-' (or no TEXT with a pipe) reads standard input."""
    at = _when(when)
    if text is None and sys.stdin.isatty():
        fail("What would you like to write? Give TEXT, or pipe it in.", EXIT_USAGE)
    with open_services(ctx) as (_, services):
        body = _stdin_text(ctx) if text in (None, "-") else text
        entry = services.journal.create(body, title=title, tags=tags, at=at)
    click.echo(f"Saved entry {entry.id} ({_local(entry.created_at)}).", err=True)


@main.command()
@click.argument("mood", type=WholeNumber())
@click.option("--note", help="An optional note.")
@click.option("--tag", "tags", multiple=True, help="A tag or activity (repeatable).")
@click.option("--at", "when", metavar="WHEN", help="Backdate: ISO date/time, today, yesterday, 'N days ago'.")
@click.pass_obj
@handles_errors
def checkin(ctx: Context, mood: int, note: str | None, tags: tuple[str, ...], when: str | None) -> None:
    """Record a mood check-in, MOOD from 1 (very low) to 5 (very good)."""
    from copingkit.core.errors import InvalidInput

    if not 1 <= mood <= 5:
        raise InvalidInput("Mood is a number from 1 (very low) to 5 (very good).")
    at = _when(when)
    with open_services(ctx) as (_, services):
        saved = services.checkins.create(mood, note=note, tags=tags, at=at)
    click.echo(f"Checked in: {saved.mood} ({saved.mood_word}) at {_local(saved.at)}.", err=True)


def _format_option() -> Callable[..., Any]:
    return click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)


@main.command(name="list")
@click.option("--limit", type=WholeRange(1, 100_000), default=20, show_default=True)
@click.option("--from", "date_from", metavar="D")
@click.option("--to", "date_to", metavar="D")
@click.option("--tag")
@_format_option()
@click.pass_obj
@handles_errors
def list_entries(
    ctx: Context, limit: int, date_from: str | None, date_to: str | None, tag: str | None, output: str
) -> None:
    """List journal entries, newest first."""
    start, end = _range(date_from, date_to)
    with open_services(ctx) as (_, services):
        entries = services.journal.list(limit=limit, date_from=start, date_to=end, tag=tag)
    if output == "json":
        _emit_json(
            {
                "entries": [
                    {
                        "id": e.id,
                        "uid": e.uid,
                        "created_at": e.created_at.isoformat(),
                        "title": e.title,
                        "preview": e.preview,
                        "tags": list(e.tags),
                        "starred": e.starred,
                        "shared": e.shared,
                        "kind": e.kind,
                    }
                    for e in entries
                ]
            }
        )
        return
    if not entries:
        click.echo("No entries here yet.", err=True)
    for e in entries:
        star = "★ " if e.starred else ""
        title = f"{e.title} — " if e.title else ""
        tags = f"  [{', '.join(e.tags)}]" if e.tags else ""
        click.echo(f"{e.id:>6}  {_local(e.created_at)}  {star}{title}{e.preview}{tags}")


@main.command()
@click.argument("query")
@click.option("--limit", type=WholeRange(1, 10_000), default=20, show_default=True)
@_format_option()
@click.pass_obj
@handles_errors
def search(ctx: Context, query: str, limit: int, output: str) -> None:
    """Search entries, best matches first."""
    with open_services(ctx) as (_, services):
        hits = services.journal.search(query, limit=limit)
    if output == "json":
        _emit_json(
            {
                "query": query,
                "results": [
                    {
                        "id": h.entry_id,
                        "uid": h.uid,
                        "created_at": h.created_at.isoformat(),
                        "title": h.title,
                        "snippet": h.snippet,
                        "rank": h.rank,
                    }
                    for h in hits
                ],
            }
        )
        return
    if not hits:
        click.echo("Nothing matched.", err=True)
    for h in hits:
        title = f"{h.title} — " if h.title else ""
        click.echo(f"{h.entry_id:>6}  {_local(h.created_at)}  {title}{h.snippet}")


def _refuse_existing(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        fail(f"{path} already exists; nothing was written. Choose another name or add --overwrite.")
    folder = path.absolute().parent
    if not folder.is_dir():
        fail(f"There is no folder {folder}; nothing was written. Make it first, or choose a folder that exists.")


def _write_private(path: Path, data: bytes) -> None:
    from copingkit.core.vault.store import write_file_atomically

    write_file_atomically(path, data)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "csv", "html"]), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--from", "date_from", metavar="D")
@click.option("--to", "date_to", metavar="D")
@click.option("--shared-only", is_flag=True, help="Only the entries and check-ins marked to share with your therapist.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.pass_obj
@handles_errors
def export(
    ctx: Context, fmt: str, output: Path, date_from: str | None, date_to: str | None, shared_only: bool, overwrite: bool
) -> None:
    """Export to a plaintext file (json, markdown, csv or html)."""
    _refuse_existing(output, overwrite)
    start, end = _range(date_from, date_to)
    click.echo(PLAINTEXT_WARNING.format(path=output), err=True)
    with open_services(ctx) as (_, services):
        transfer = services.transfer
        if shared_only:
            entries, checkins = transfer.shared_counts(date_from=start, date_to=end)
            click.echo(f"It holds only what is marked to share: {_shared_words(entries, checkins)}.", err=True)
        if fmt == "json":
            document = transfer.export_document(date_from=start, date_to=end, shared_only=shared_only)
            text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
        elif fmt == "markdown":
            text = transfer.export_markdown(date_from=start, date_to=end, shared_only=shared_only)
        elif fmt == "csv":
            text = transfer.export_csv(date_from=start, date_to=end, shared_only=shared_only)
        else:
            text = transfer.export_html(date_from=start, date_to=end, shared_only=shared_only)
    _write_private(output, text.encode("utf-8"))
    click.echo(f"Exported to {output}.", err=True)


def _shared_words(entries: int, checkins: int) -> str:
    return f"{entries} entr{'y' if entries == 1 else 'ies'} and {checkins} check-in{'' if checkins == 1 else 's'}"


@main.command(name="import")
@click.option("--format", "fmt", type=click.Choice(["copingkit-json"]), required=True)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
@handles_errors
def import_(ctx: Context, fmt: str, path: Path) -> None:
    """Import entries from a file (a copingkit JSON export)."""
    from copingkit.core.errors import InvalidInput

    text = read_input_file(path)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, nested past Python's stack, an integer past int()'s digits
        raise InvalidInput(f"{path} is not a copingkit JSON export.") from None
    with open_services(ctx) as (_, services):
        summary = services.transfer.import_document(document)
    if summary.total == 0:
        click.echo(f"Nothing new: this journal already has everything in {path}.", err=True)
    else:
        click.echo(f"Imported: {summary}", err=True)


@main.command()
@click.argument("other", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--other-passphrase-file", metavar="PATH", help="Read OTHER's passphrase from PATH, if it differs.")
@click.option("--any-vault", is_flag=True, help="Merge even a journal that was made separately.")
@click.option("--yes", is_flag=True, help="Merge without asking.")
@click.pass_obj
@handles_errors
def merge(ctx: Context, other: Path, other_passphrase_file: str | None, any_vault: bool, yes: bool) -> None:
    """Merge another copy of this journal into it: everything from both, nothing written lost."""
    from copingkit.core.services.merge import read_copy
    from copingkit.core.vault import conflicts, errors
    from copingkit.core.vault import format as fmt
    from copingkit.core.vault.store import read_sealed

    data = read_sealed(other, allow_costly=ctx.allow_costly_kdf)
    passphrase = _passphrase(ctx)
    with open_services(ctx, passphrase=passphrase) as (vault, services):
        if vault.read_only:
            raise errors.ReadOnly(str(vault.path))
        if other.resolve() == vault.path:
            fail("That is this journal itself; there is nothing to merge.")
        header = fmt.parse_header(data)
        if header.vault_id != vault.vault_id and not any_vault:
            fail(
                f"{other} is a different journal, not a copy of this one; nothing was merged. "
                "To merge it anyway, add --any-vault."
            )
        try:
            _, document = read_copy(data, passphrase, _now, allow_costly=ctx.allow_costly_kdf)
        except errors.WrongSecret:
            if other_passphrase_file:
                other_passphrase = _read_secret_file(ctx, other_passphrase_file, "other passphrase")
            elif sys.stdin.isatty():
                other_passphrase = click.prompt(f"Passphrase for {other.name}", hide_input=True, err=True)
            else:
                fail(
                    f"Your passphrase didn't open {other}. Give its own with --other-passphrase-file PATH.",
                    EXIT_WRONG_SECRET,
                )
            _, document = read_copy(data, other_passphrase, _now, allow_costly=ctx.allow_costly_kdf)
            del other_passphrase
        del passphrase
        plan = services.merge.plan(document)
        if plan.summary.changes_nothing:
            click.echo(f"Nothing to merge: this journal already has everything in {other.name}.", err=True)
        else:
            click.echo(f"Merging {other.name} {plan.summary.describe()}.", err=True)
            if not yes:
                if not sys.stdin.isatty():
                    fail("Merging changes this journal, so without a terminal it needs --yes. Nothing was changed.")
                if not click.confirm("Merge it into your journal?", err=True, default=False):
                    fail("Nothing was changed.")
            services.merge.apply(plan)
    if not plan.summary.changes_nothing:
        click.echo("Merged.", err=True)
    if conflicts.is_conflict_copy(ctx.vault_path, other):
        kept = conflicts.file_away(ctx.vault_path, other)
        click.echo(f"The copy is kept with your backups, so it won't be offered again: {kept}", err=True)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
@handles_errors
def backup(ctx: Context, path: Path) -> None:
    """Write an encrypted copy of the journal to PATH (it opens with the same passphrase)."""
    _refuse_existing(path, False)
    with open_services(ctx) as (vault, _):
        target = vault.backup_now(path)
    click.echo(f"Encrypted backup written to {target}.", err=True)


def _describe(services: Any) -> list[str]:
    entries = services.journal.count()
    checkins = services.checkins.count()
    latest = services.journal.list(limit=1)
    newest = _local(latest[0].created_at) if latest else "none"
    return [f"  entries: {entries}", f"  check-ins: {checkins}", f"  newest entry: {newest}"]


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, exists=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace without asking.")
@click.pass_obj
@handles_errors
def restore(ctx: Context, path: Path, yes: bool) -> None:
    """Show what a backup holds, then replace the journal with it (the current one is kept beside it)."""
    from copingkit.core.database import Database
    from copingkit.core.services import Services
    from copingkit.core.vault import Vault, errors, unseal
    from copingkit.core.vault import format as fmt
    from copingkit.core.vault.store import read_header, read_sealed, write_file_atomically

    backup_bytes = read_sealed(path, allow_costly=ctx.allow_costly_kdf)
    backup_id = fmt.parse_header(backup_bytes).vault_id
    if ctx.vault_path.exists() and read_header(ctx.vault_path).vault_id != backup_id:
        fail("That backup is of a different journal; nothing was changed.")
    passphrase = _passphrase(ctx)
    try:
        _, _, image = unseal(backup_bytes, passphrase=passphrase, allow_costly=ctx.allow_costly_kdf)
    except errors.WrongSecret:
        own = _backup_passphrase(ctx)
        _, _, image = unseal(backup_bytes, passphrase=own, allow_costly=ctx.allow_costly_kdf)
        del own
        click.echo("That backup opens with the passphrase it was made with; after restoring, use that one.", err=True)
    database = Database.from_image(image)
    try:
        click.echo(f"The backup {path} holds:", err=True)
        for line in _describe(Services(database)):
            click.echo(line, err=True)
    finally:
        database.close()
    if ctx.vault_path.exists():
        current = Vault.open(
            ctx.vault_path,
            passphrase,
            kdf=KDF_PROFILE,
            trust_folder=ctx.trust_folder,
            allow_costly_kdf=ctx.allow_costly_kdf,
        )
        try:
            if current.read_only:
                raise errors.ReadOnly(str(current.path))
            if not yes and not click.confirm("Replace your journal with this backup?", err=True, default=False):
                fail("Nothing was changed.")
            current.save()
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
            real = current.path  # through a symlink: the real file is replaced, the link stays
            kept = real.with_name(f"{real.stem}.before-restore-{stamp}.vault")
            write_file_atomically(kept, real.read_bytes())
            write_file_atomically(real, backup_bytes)
        finally:
            current.close(save=False)
        click.echo(f"Restored. Your previous journal is kept at {kept}.", err=True)
    else:
        from copingkit.core.vault.folders import check_folder

        real = ctx.vault_path.resolve()  # a dangling link gets its target, and stays a link
        if real.parent.exists():
            check_folder(real.parent, trust=ctx.trust_folder)
        paths.ensure_private_dir(real.parent)
        write_file_atomically(real, backup_bytes)
        click.echo("Restored.", err=True)
    del passphrase


def _backup_passphrase(ctx: Context) -> str:
    """The passphrase an older backup was made with: the next line of '-', or asked at a terminal."""
    if ctx.passphrase_file == "-" and ctx.stdin_lines():
        return ctx.stdin_lines().pop(0).rstrip("\r\n")
    if not sys.stdin.isatty():
        fail(
            "That backup doesn't open with your current passphrase. Run restore at a terminal to type the "
            "passphrase it was made with (or give it as the next line of --passphrase-file -). Nothing was changed.",
            EXIT_WRONG_SECRET,
        )
    return click.prompt("This backup was made with another passphrase. Its passphrase", hide_input=True, err=True)


def _current_recovery_key(ctx: Context, source: str | None) -> str | None:
    """The current recovery key to keep: from `source`, or asked at a terminal (enter makes a new one)."""
    if source:
        return _read_secret_file(ctx, source, "recovery key")
    if not sys.stdin.isatty():
        return None
    typed = click.prompt(
        "Your current recovery key, to keep using it (or press enter to get a new one)",
        hide_input=True,
        default="",
        show_default=False,
        err=True,
    )
    return typed.strip() or None


def _rotate(vault: Any, new_passphrase: str, recovery_key: str | None) -> str | None:
    """Make the new keys, show a new recovery key before anything is written, then write and re-seal."""
    click.echo("Making new keys and re-sealing your backups… this takes a moment.", err=True)
    rotation = vault.prepare_rotation(new_passphrase, recovery_key=recovery_key)
    if rotation.recovery_key:
        click.echo("Your new recovery key. It is shown only this once; write it down now:", err=True)
        click.echo(rotation.recovery_key)
        click.echo("Your old recovery key stops working once this change is saved.", err=True)
    try:
        vault.apply_rotation(rotation)
    except BaseException:
        if rotation.recovery_key:
            click.echo(
                "The change wasn't saved: the recovery key above isn't in use. Your old ones still work.", err=True
            )
        raise
    return rotation.recovery_key


@main.command()
@click.option("--new-passphrase-file", metavar="PATH", help="Read the new passphrase from PATH ('-' for stdin).")
@click.option(
    "--recovery-key-file",
    metavar="PATH",
    help="Your current recovery key, to keep it ('-' for stdin). Without it a new one is made and shown once.",
)
@click.pass_obj
@handles_errors
def passwd(ctx: Context, new_passphrase_file: str | None, recovery_key_file: str | None) -> None:
    """Change the passphrase. This makes a new data key: your journal and its backups are re-sealed,
    and the old passphrase opens none of them any more."""
    with open_services(ctx) as (vault, _):
        new = _new_passphrase(ctx, new_passphrase_file)
        key = _current_recovery_key(ctx, recovery_key_file)
        _rotate(vault, new, key)
        del new, key
    click.echo("Passphrase changed. Your journal and its backups are sealed under a new key.", err=True)


@main.command()
@click.option("--recovery-key-file", metavar="PATH", help="Read the recovery key from PATH ('-' for stdin).")
@click.option("--new-passphrase-file", metavar="PATH", help="Read the new passphrase from PATH ('-' for stdin).")
@click.pass_obj
@handles_errors
def recover(ctx: Context, recovery_key_file: str | None, new_passphrase_file: str | None) -> None:
    """Open the journal with the recovery key and choose a new passphrase (a new data key, as passwd)."""
    if recovery_key_file:
        key = _read_secret_file(ctx, recovery_key_file, "recovery key")
    else:
        if not _on_terminal():
            fail("No recovery key given. Use --recovery-key-file PATH.", EXIT_USAGE)
        key = click.prompt("Recovery key", hide_input=True, err=True)
    with open_services(ctx, recovery_key=key) as (vault, _):
        new = _new_passphrase(ctx, new_passphrase_file)
        _rotate(vault, new, key)
        del key, new
    click.echo("Your journal is open again with the new passphrase. Your recovery key still works.", err=True)


# ---- coping and safety --------------------------------------------------------------------


def _can_unlock(ctx: Context) -> bool:
    """Whether a passphrase can be had without surprising anyone: a file, or a person at a terminal."""
    return ctx.vault_path.exists() and (bool(ctx.passphrase_file) or sys.stdin.isatty())


def _reaction_id(value: str | None) -> str | None:
    """What someone typed ("anxiety", "nightmare", "on edge", an id) -> a reaction id; else the list."""
    from copingkit.core import content
    from copingkit.core.errors import InvalidInput

    if value is None:
        return None
    found = content.match_reaction(value)
    if found is not None:
        return found.id
    close = content.reaction_suggestions(value)
    guess = f" Did you mean {' or '.join(r.label.lower() for r in close)}?" if close else ""
    examples = ", ".join(r.words[0] for r in content.load_reactions() if r.words)
    ids = ", ".join(r.id for r in content.load_reactions())
    shown = value if value.isprintable() and len(value) <= 40 else "that"
    raise InvalidInput(
        f'copingkit doesn\'t know "{shown}" as something that is happening.{guess}'
        f" Try a word like: {examples}; or one of: {ids}."
    )


def _print_strategy(
    title: str, steps: tuple[str, ...] | list[str], minutes: int | None, note: str = "", slug: str | None = None
) -> None:
    """The strategy, its steps and the care notice; a builtin's content note and "when calmer" mark first."""
    from copingkit.core import content

    marks = content.bundled_strategy(slug) if slug else None
    calmer = f" — {content.WHEN_CALMER}" if marks is not None and marks.when_calmer else ""
    click.echo(title + (f"  (about {minutes} min)" if minutes else "") + calmer)
    if note:
        click.echo(note)
    if marks is not None and marks.content_note:
        click.echo(f"\n{content.strategy_note_text()} (`copingkit cope --for flashback` gives a grounding skill.)")
    click.echo()
    for number, step in enumerate(steps, 1):
        click.echo(f"{number:>2}. {step}")
    click.echo()
    click.echo(content.care_notice())


@main.command()
@click.option(
    "--for",
    "reaction",
    metavar="WORDS",
    help="What's happening, in your words: anxiety, panic, nightmare, lonely, on edge…",
)
@click.pass_obj
@handles_errors
def cope(ctx: Context, reaction: str | None) -> None:
    """Print one coping strategy with its steps; what helped you before comes first.

    Without a passphrase (no --passphrase-file and no terminal) it prints a bundled strategy.
    """
    from copingkit.core import content

    wanted = _reaction_id(reaction)
    found = _own_strategies(ctx, wanted) if _can_unlock(ctx) else None
    if found:
        best = found[0]
        note = ""
        if best.mean_drop is not None and best.mean_drop > 0:
            note = f"This helped you before: distress down {best.mean_drop:.1f} on average."
        _print_strategy(best.title, best.steps, best.minutes, note, best.slug if best.source == "builtin" else None)
        click.echo("When you've tried it, `copingkit` (press o) can note how it went.", err=True)
        return
    strategy = content.bundled_strategy(content.curated_order(wanted)[0])
    assert strategy is not None
    _print_strategy(strategy.title, strategy.steps, strategy.minutes, slug=strategy.slug)


def _help_passphrase_from_file(ctx: Context) -> str | None:
    """The passphrase from --passphrase-file for help-now, or None: never an error, never a barrier."""
    if ctx.passphrase_file == "-":
        lines = ctx.stdin_lines()
        return lines.pop(0).rstrip("\r\n") if lines else None
    try:
        with open(str(ctx.passphrase_file), encoding="utf-8") as handle:
            return handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        click.echo("(The passphrase file couldn't be read; showing the bundled lines only.)", err=True)
        return None


def _own_strategies(ctx: Context, wanted: str | None) -> list[Any] | None:
    """What helped this person, from the journal; None (the bundled strategy) when skipped.

    At a terminal an empty answer skips, and a passphrase that doesn't open the journal falls back
    too: nobody is kept from a coping step by a question. A passphrase file keeps its exit codes.
    """
    from copingkit.core.builtin_content import sync_builtin_content
    from copingkit.core.vault import errors

    passphrase = None
    if not ctx.passphrase_file:
        passphrase = click.prompt(
            "Passphrase, to start with what helped you before (or just press enter to skip)",
            hide_input=True,
            default="",
            show_default=False,
            err=True,
        )
        if not passphrase:
            return None
    try:
        with open_services(ctx, passphrase=passphrase) as (_, services):
            sync_builtin_content(services)
            return services.coping.suggest(wanted)
    except errors.WrongSecret as error:
        if ctx.passphrase_file:
            raise
        click.echo(f"({errors.user_message(error)} Here is a bundled strategy.)", err=True)
        return None


def _private_help(ctx: Context, passphrase: str | None) -> tuple[list[Any], Any] | None:
    """(contacts, safety plan) from the journal, or None with one calm line on stderr."""
    from copingkit.core.errors import CopingkitError
    from copingkit.core.vault import errors

    if not passphrase or not ctx.vault_path.exists():
        return None
    try:
        with open_services(ctx, passphrase=passphrase) as (_, services):
            return services.safety.contacts(), services.safety.plan()
    except errors.VaultError as error:
        click.echo(f"({errors.user_message(error)} Showing the bundled lines only.)", err=True)
    except CopingkitError:
        click.echo("(Your journal couldn't be read just now. Showing the bundled lines only.)", err=True)
    return None


def _echo_sections(sections: Any) -> None:
    from copingkit.core.help import plain_text

    for section in sections:
        click.echo("\n".join(["", *plain_text(section)]) if section.id != "lead" else section.text[0])


@main.command(name="help-now", cls=click.Command)  # never a barrier: odd bytes in --country show every line
@click.option("--country", metavar="CC", help="Two-letter country code, e.g. GB, US (default: from your settings).")
@click.pass_obj
def help_now(ctx: Context, country: str | None) -> None:
    """Crisis lines, the emergency number and your safety plan. Works without a passphrase.

    At a terminal with a journal and no passphrase file, the lines come first; then it offers to
    add your own people and plan (press enter to skip).
    """
    from copingkit.core import help as get_help

    settings = _config()
    choice = get_help.choose_country(settings.country, asked=country)
    today = _now().date()
    has_journal = ctx.vault_path.exists()
    hide = settings.hidden_lines
    public = get_help.build_help(choice, today=today, has_journal=has_journal, hide=hide)
    if not ctx.passphrase_file and has_journal and sys.stdin.isatty():
        sections = get_help.help_sections(public, "cli")
        _echo_sections(s for s in sections if s.id not in ("plan", "nothing-sent"))
        click.echo("")
        passphrase = click.prompt(
            "To add your own people and plan, type your passphrase (or just press enter to skip)",
            hide_input=True,
            default="",
            show_default=False,
            err=True,
        )
        private = _private_help(ctx, passphrase)
        passphrase = None
        if private is None:
            _echo_sections(s for s in sections if s.id in ("plan", "nothing-sent"))
            return
        view = get_help.build_help(choice, today=today, contacts=private[0], plan=private[1], private=True, hide=hide)
        _echo_sections(s for s in get_help.help_sections(view, "cli") if s.id in ("contacts", "plan", "nothing-sent"))
        return
    private = _private_help(ctx, _help_passphrase_from_file(ctx)) if ctx.passphrase_file else None
    view = public
    if private is not None:
        view = get_help.build_help(choice, today=today, contacts=private[0], plan=private[1], private=True, hide=hide)
    _echo_sections(get_help.help_sections(view, "cli"))


@main.command()
@click.pass_obj
def doctor(ctx: Context) -> None:
    """Check the install, permissions, lock and backups. Prints no personal data."""
    from copingkit.doctor import run_checks

    problems = 0
    for ok, line in run_checks(ctx.vault_path):
        click.echo(("ok    " if ok else "check ") + line)
        problems += not ok
    raise SystemExit(EXIT_OK if problems == 0 else EXIT_BAD_INPUT)


def shell_complete_help() -> str:
    return 'eval "$(_COPINGKIT_COMPLETE=bash_source copingkit)"'
