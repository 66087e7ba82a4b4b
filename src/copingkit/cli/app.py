"""The `copingkit` click group, its global options, and the one mapping of errors to words and exit codes.

Every subcommand, in whichever module it lives, runs inside `handles_errors` (CheckedGroup does
that) and has its text arguments checked (CheckedCommand); the command groups are registered in
`copingkit.cli.__init__`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from copingkit import __version__, paths
from copingkit.cli.common import CheckedCommand, Context, fail


def handles_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Map copingkit's error types to one calm line on stderr and the contract's exit code.

    The words and codes are core.error_words' table; it is imported only once something went wrong, so `copingkit write --help` stays light.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click's own: --help, a usage error, ctrl-c at a prompt
        except Exception as error:
            said = words_and_exit_code(error)
            if said is None:
                raise
            fail(*said)

    return wrapper


def words_and_exit_code(error: Exception) -> tuple[str, int] | None:
    """The one calm line and the exit code for an error (from the one table, core.error_words); None for
    what isn't ours to say. The process ends right after, so a failed save says nothing was kept."""
    from copingkit.core.error_words import explain

    said = explain(error, process_ends=True)
    return None if said is None else (said.full, said.exit_code)


class CheckedGroup(click.Group):
    """Every subcommand is a CheckedCommand and runs inside the one error handler.

    A command module makes its commands with `common.command()` (a CheckedCommand) and a nested group
    (`pack import …`) with `@click.group(cls=CheckedGroup)`, whose `@group.command()`s are checked too.
    """

    command_class = CheckedCommand
    group_class = type  # a nested group (e.g. `pack`) is a CheckedGroup too

    def invoke(self, ctx: click.Context) -> Any:
        return handles_errors(super().invoke)(ctx)


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
        from copingkit.cli.system import run_tui

        run_tui(click_ctx.obj, demo=False)


def register(commands: tuple[click.Command, ...]) -> None:
    """Add a command module's COMMANDS (commands or nested groups) to `copingkit`."""
    for command in commands:
        main.add_command(command)
