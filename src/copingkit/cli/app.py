"""The `copingkit` click group, its global options, and the one mapping of errors to words and exit codes.

Every subcommand, in whichever module it lives, runs inside `handles_errors` (CheckedGroup does
that) and has its text arguments checked (CheckedCommand); the command groups are registered in
`copingkit.cli.__init__`, each module imported only when one of its commands is asked for
(`CommandLine`), so `copingkit list` never loads the importers, the report or the assessments.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import Any, NoReturn

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
            result = command(*args, **kwargs)
            sys.stdout.flush()  # a reader that went away is found here, not at the interpreter's exit
            return result
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click's own: --help, a usage error, ctrl-c at a prompt
        except Exception as error:
            if reader_went_away(error):
                end_quietly()
            said = words_and_exit_code(error)
            if said is None:
                raise
            fail(*said)

    return wrapper


PIPE_CLOSED = 141
"""The exit status when whatever read our output stopped reading (`copingkit list | head -1`): 128 + SIGPIPE,
what a shell shows for any program a closed pipe ended (with `set -o pipefail`, the pipeline's status)."""


def reader_went_away(error: BaseException) -> bool:
    """A write to standard output that failed because its reader closed the pipe (EPIPE)."""
    return isinstance(error, BrokenPipeError) or (isinstance(error, OSError) and error.errno == errno.EPIPE)


def end_quietly() -> NoReturn:
    """End without a word when the reader of our output has gone: nothing on stderr, no traceback."""
    stdout_to_null()
    raise SystemExit(PIPE_CLOSED)


def stdout_to_null() -> None:
    """Point standard output at the null device, so the last flush of what is still buffered finds
    somewhere to go instead of printing "Exception ignored ... BrokenPipeError"."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError):  # no real file descriptor (a test runner's stdout): nothing is left to flush
        pass


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


class CommandLine(CheckedGroup):
    """The `copingkit` group: each command module is imported when one of its commands is asked for
    (`--help` and completion list them all, so they import them all).

    `register_lazily(module, names)` says which commands a module in copingkit.cli holds (its
    COMMANDS); a test checks that every module's COMMANDS are the names it was registered with.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}
        """command name -> the module in copingkit.cli that holds it, until it is imported."""

    def register_lazily(self, module: str, names: Iterable[str]) -> None:
        for name in names:
            self.lazy[name] = module

    def load(self, module: str) -> None:
        """Import one command module and add its COMMANDS."""
        for command in import_module(f"copingkit.cli.{module}").COMMANDS:
            self.add_command(command)
        self.lazy = {name: home for name, home in self.lazy.items() if home != module}

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = self.lazy.get(cmd_name)
        if module is not None:
            self.load(module)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """click's parsing, where the group's own `--help` and `--version` are printed: a reader that
        went away meanwhile ends quietly too (click alone would exit 1)."""
        try:
            return super().make_context(*args, **kwargs)
        except OSError as error:
            if not reader_went_away(error):
                raise
            end_quietly()

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's main, with standard output flushed inside it: what is still buffered at the end
        (`--help`'s text) meets a reader that went away here, and ends quietly."""
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()
        except OSError as error:
            if not reader_went_away(error):
                raise
            end_quietly()


@click.group(cls=CommandLine, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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


def register(module: str, names: Iterable[str]) -> None:
    """Say that the module `copingkit.cli.<module>` holds the commands `names` (its COMMANDS); it is
    imported the first time one of them is asked for."""
    main.register_lazily(module, names)


def all_commands() -> dict[str, click.Command]:
    """Every top-level command by name, every module imported (for tests and tools, not for a run)."""
    context = click.Context(main)
    found = {name: main.get_command(context, name) for name in main.list_commands(context)}
    return {name: command for name, command in found.items() if command is not None}
