"""What every command group shares: the run's settings, the context, opening the vault, reading input, dates.

Only click and the standard library at import time; the core is imported inside the functions.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

import click

from copingkit.core.errors import ExitCode

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_WRONG_SECRET = (
    ExitCode.OK,
    ExitCode.BAD_INPUT,
    ExitCode.USAGE,
    ExitCode.WRONG_SECRET,
)
EXIT_DAMAGED, EXIT_LOCKED, EXIT_CONFLICT = ExitCode.DAMAGED, ExitCode.LOCKED, ExitCode.CONFLICT
"""Names for core.errors.ExitCode's members, kept for command modules written before it (use ExitCode)."""

KDF_PROFILE = None
"""The vault KDF profile; None is the real, calibrated one. Only the test suite's runner changes it."""

CLOCK = None
"""The clock "now" comes from; None is the system's. Tests inject a fixed one."""

INPUT_MAX_BYTES = 64 * 1024 * 1024
"""The most copingkit reads from standard input or an imported file (a ten-year journal exports to far less)."""


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

    def stdin_text(self) -> str:
        return "".join(self.stdin_lines())


def fail(message: str, code: int = ExitCode.BAD_INPUT) -> NoReturn:
    click.echo(message, err=True)
    raise SystemExit(code)


# ---- input a person gives ------------------------------------------------------------------


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


# ---- command-line values -------------------------------------------------------------------


class BadInput(click.ClickException):
    """Bad input found while click reads the command line: one calm line and exit 1, not click's usage text."""

    exit_code = ExitCode.BAD_INPUT

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True)


def label(param: click.Parameter) -> str:
    """How the person typed it: --tag for an option, TEXT for an argument."""
    return param.opts[0] if isinstance(param, click.Option) else param.human_readable_name


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
                    raise BadInput(f"{label(param)} isn't valid text (UTF-8); nothing was changed.")
        return super().invoke(ctx)


def command(name: str | None = None, **settings: Any) -> Callable[..., click.Command]:
    """`@click.command`, checked: every command module makes its commands with this."""
    return click.command(name, cls=CheckedCommand, **settings)


class WholeNumber(click.types.IntParamType):
    """An integer that is refused in one line (exit 1) when it has more digits than Python converts."""

    DIGITS_MAX = 18

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        digits = value.strip().lstrip("+-").replace("_", "") if isinstance(value, str) else ""
        if digits.isdigit() and len(digits) > self.DIGITS_MAX:
            name = label(param) if param is not None else "That number"
            raise BadInput(f"{name} is too big a number ({len(digits):,} digits); nothing was changed.")
        return super().convert(value, param, ctx)


class WholeRange(WholeNumber, click.IntRange):
    """click.IntRange with WholeNumber's one-line refusal of huge digits."""


def format_option() -> Callable[..., Any]:
    return click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)


# ---- opening the vault ---------------------------------------------------------------------


def load_config():
    from copingkit import config

    return config.load()


@contextmanager
def open_services(
    ctx: Context,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    use_agent: bool = True,
    uses: tuple[str, ...] = (),
) -> Iterator[Any]:
    """Unlock the vault, yield (vault, services), save and close it afterwards.

    With no secret given, the key agent's key (`copingkit unlock`) is tried first unless `use_agent` is
    False: commands that change the keys or start the agent always check the passphrase itself.
    `uses` names the services the command will call (`("reader",)`): their modules are imported while
    the passphrase's key is being derived, rather than after."""
    from copingkit.cli import secrets
    from copingkit.core.vault import errors

    if not ctx.vault_path.exists():
        raise errors.VaultMissing(str(ctx.vault_path))
    settings = {
        "kdf": KDF_PROFILE,
        "backups_keep": lambda: load_config().backups_keep,  # read at the first save: a read needs no config
        "trust_folder": ctx.trust_folder,
        "allow_costly_kdf": ctx.allow_costly_kdf,
    }
    vault = None
    if passphrase is None and recovery_key is None and use_agent:
        vault = _open_with_agent(ctx, settings)
    if vault is None and passphrase is None and recovery_key is None:
        passphrase = secrets.passphrase(ctx)
    if vault is None:
        vault = _open(ctx, settings, passphrase, recovery_key, uses)
    passphrase = None
    for warning in vault.warnings:
        click.echo(warning, err=True)
    from copingkit.core.services import Services

    try:
        yield vault, Services(vault.database, clock=now)
        vault.close()
    except BaseException:
        if not vault.closed:
            vault.close(save=False)
        raise
    for warning in vault.warnings:
        if warning.from_saving:
            click.echo(warning, err=True)


def _open(
    ctx: Context, settings: dict[str, Any], passphrase: str | None, recovery_key: str | None, uses: tuple[str, ...]
) -> Any:
    """Vault.open with a passphrase (its key derivation begun before the store and the services are even
    imported: core/vault/ahead.py) or a recovery key."""
    from copingkit.core.vault import ahead

    early = (
        ahead.unlocking(ctx.vault_path, passphrase, allow_costly=ctx.allow_costly_kdf)
        if passphrase is not None
        else nullcontext()
    )
    with early:
        from copingkit.core.services import import_service_modules
        from copingkit.core.vault import Vault

        import_service_modules(*uses)
        from copingkit.core import dates

        dates.local_zone()  # tzlocal's import and the system's zone, read now rather than at the first time shown
        return Vault.open(ctx.vault_path, passphrase, recovery_key=recovery_key, **settings)


def _open_with_agent(ctx: Context, settings: dict[str, Any]) -> Any:
    """The vault opened with the key agent's data key (`copingkit unlock`), skipping the KDF; None when
    there is no agent, it holds no key for this vault, or its key no longer opens it (then it is told to
    forget it) — the caller goes on with the passphrase. With no agent nothing heavier than the header
    is read here: the store is imported only to open with a key."""
    from copingkit.core import keyagent
    from copingkit.core.vault import errors
    from copingkit.core.vault.format import read_file_header

    try:
        vault_id = read_file_header(ctx.vault_path).vault_id
    except (OSError, errors.VaultError):
        return None  # the passphrase path reports what is wrong with the file
    key = keyagent.key_for(ctx.vault_path, vault_id)
    if key is None:
        return None
    from copingkit.core.vault import Vault

    try:
        return Vault.open(ctx.vault_path, data_key=key, **settings)
    except errors.KeyNotAccepted:
        keyagent.forget(ctx.vault_path, vault_id)
        return None
    finally:
        del key


# ---- time and output -----------------------------------------------------------------------


def now() -> datetime:
    from copingkit.core.clock import system_now

    return (CLOCK or system_now)()


def day_range(date_from: str | None, date_to: str | None) -> tuple[datetime | None, datetime | None]:
    """Local days (DESIGN.md §4): --from's first moment to --to's last; --to past the calendar is no limit."""
    from copingkit.core.dates import day_end, day_start, parse_day

    moment = now()
    start = day_start(parse_day(date_from, moment)) if date_from else None
    end = day_end(parse_day(date_to, moment)) if date_to else None
    return start, None if end is None else end - timedelta(microseconds=1)


def when(value: str | None) -> datetime | None:
    from copingkit.core.dates import parse_when

    return parse_when(value, now()) if value else None


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def local(moment: datetime) -> str:
    from copingkit.core.dates import to_local

    return to_local(moment).strftime("%Y-%m-%d %H:%M")


# ---- files the CLI writes ------------------------------------------------------------------


def already_exists(path: Path) -> NoReturn:
    """The one refusal of a file that is already there (checked first, or found by the exclusive create)."""
    from copingkit.core.error_words import file_already_there

    fail(file_already_there(path, or_else=" or add --overwrite"))


def refuse_existing(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        already_exists(path)
    folder = path.absolute().parent
    if not folder.is_dir():
        fail(f"There is no folder {folder}; nothing was written. Make it first, or choose a folder that exists.")
