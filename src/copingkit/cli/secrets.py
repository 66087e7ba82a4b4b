"""The one reader of secrets: passphrases and recovery keys from a file, standard input or a hidden prompt.

A secret file is read one line (core/secret_file.py: at most SECRET_MAX_CHARS long); '-' takes the next line of standard
input (so one pipe can carry a passphrase and then a second one). Prompts never echo.
"""

from __future__ import annotations

import sys

import click

from copingkit.cli.common import Context, fail
from copingkit.core.errors import ExitCode
from copingkit.core.secret_file import SecretNotRead, first_line


def _read_line(ctx: Context, source: str, what: str) -> str:
    if source == "-":
        lines = ctx.stdin_lines()
        if not lines:
            raise SecretNotRead(f"No {what} on standard input.", ExitCode.USAGE)
        return lines.pop(0).rstrip("\r\n")
    return first_line(source, what)


def read_secret_file(ctx: Context, source: str, what: str) -> str:
    """The first line of `source` ('-': the next line of standard input), or one calm line and an exit."""
    try:
        return _read_line(ctx, source, what)
    except SecretNotRead as problem:
        fail(str(problem), problem.exit_code)


def on_terminal() -> bool:
    """Whether a person is at the keyboard (standard input is a terminal)."""
    return sys.stdin.isatty()


def ask(prompt: str, *, confirm: bool = False) -> str:
    """A hidden prompt on stderr (the caller knows a person is there)."""
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)


def ask_optional(prompt: str) -> str:
    """A hidden prompt that an empty answer skips ("" back)."""
    return click.prompt(prompt, hide_input=True, default="", show_default=False, err=True)


def prompt_secret(prompt: str, *, confirm: bool = False) -> str:
    if not on_terminal():
        fail("No passphrase given. Use --passphrase-file PATH (or '-' for standard input).", ExitCode.USAGE)
    return ask(prompt, confirm=confirm)


def passphrase(ctx: Context, *, confirm: bool = False) -> str:
    if ctx.passphrase_file:
        return read_secret_file(ctx, ctx.passphrase_file, "passphrase")
    return prompt_secret("Passphrase", confirm=confirm)


def passphrase_if_given(ctx: Context) -> str | None:
    """The passphrase from --passphrase-file for help-now, or None: never an error, never a barrier."""
    if ctx.passphrase_file == "-" and not ctx.stdin_lines():
        return None
    try:
        return _read_line(ctx, str(ctx.passphrase_file), "passphrase")
    except SecretNotRead:
        click.echo("(The passphrase file couldn't be read; showing the bundled lines only.)", err=True)
        return None


def new_passphrase(ctx: Context, source: str | None) -> str:
    if source:
        value = read_secret_file(ctx, source, "new passphrase")
    else:
        value = prompt_secret("New passphrase", confirm=True)
    if not value.strip():
        fail("The new passphrase is empty; nothing was changed.")
    guide_passphrase(value, typed=not source, refused="Nothing was changed.")
    return value


def guide_passphrase(value: str, *, typed: bool, refused: str) -> None:
    """The app's passphrase rule (core.passphrase): a short one is named; typed at a terminal it needs a yes,
    read from a file the warning goes to stderr and the command goes on."""
    from copingkit.core.passphrase import is_short, short_warning

    if not is_short(value):
        return
    click.echo(short_warning(value), err=True)
    if typed and not click.confirm("Use it anyway?", default=False, err=True):
        fail(f"{refused} A longer passphrase, or a few words, is a good choice.")


def backup_passphrase(ctx: Context) -> str:
    """The passphrase an older backup was made with: the next line of '-', or asked at a terminal."""
    if ctx.passphrase_file == "-" and ctx.stdin_lines():
        return read_secret_file(ctx, "-", "passphrase")
    if not sys.stdin.isatty():
        fail(
            "That backup doesn't open with your current passphrase. Run restore at a terminal to type the "
            "passphrase it was made with (or give it as the next line of --passphrase-file -). Nothing was changed.",
            ExitCode.WRONG_SECRET,
        )
    return ask("This backup was made with another passphrase. Its passphrase")


def other_passphrase(ctx: Context, source: str | None, name: str, missing: str) -> str:
    """Another journal's passphrase: from `source`, asked at a terminal, else `missing` and exit 3."""
    if source:
        return read_secret_file(ctx, source, "other passphrase")
    if not sys.stdin.isatty():
        fail(missing, ExitCode.WRONG_SECRET)
    return ask(f"Passphrase for {name}")


def recovery_key(ctx: Context, source: str | None) -> str:
    """The recovery key that opens the journal: from `source`, or asked at a terminal."""
    if source:
        return read_secret_file(ctx, source, "recovery key")
    if not on_terminal():
        fail("No recovery key given. Use --recovery-key-file PATH.", ExitCode.USAGE)
    return ask("Recovery key")


def current_recovery_key(ctx: Context, source: str | None) -> str | None:
    """The current recovery key to keep: from `source`, or asked at a terminal (enter makes a new one)."""
    if source:
        return read_secret_file(ctx, source, "recovery key")
    if not sys.stdin.isatty():
        return None
    typed = ask_optional("Your current recovery key, to keep using it (or press enter to get a new one)")
    return typed.strip() or None
