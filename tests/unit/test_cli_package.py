"""The command line is a package: every command module is registered once, checked, and light to import."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from importlib import import_module

import click

from copingkit import cli
from copingkit.cli.app import CheckedGroup
from copingkit.cli.common import CheckedCommand

NEVER_A_BARRIER = {"help-now"}
"""Commands that run whatever bytes their arguments hold (plain click.Command)."""


def _module_commands() -> dict[str, list[click.Command]]:
    found: dict[str, list[click.Command]] = {}
    for info in pkgutil.iter_modules(cli.__path__):
        module = import_module(f"copingkit.cli.{info.name}")
        commands = [value for value in vars(module).values() if isinstance(value, click.Command)]
        nested = {id(sub) for group in commands if isinstance(group, click.Group) for sub in group.commands.values()}
        commands = [command for command in commands if id(command) not in nested]  # `pack import` is pack's
        if commands:
            found[info.name] = commands
    return found


def test_every_module_with_commands_is_a_registered_group_and_registers_all_of_them() -> None:
    found = _module_commands()
    found.pop("app")  # the group itself
    assert sorted(found) == sorted(cli.GROUPS)
    for name, commands in found.items():
        module = import_module(f"copingkit.cli.{name}")
        assert set(module.COMMANDS) == set(commands), name
        assert [command.name for command in module.COMMANDS] == list(cli.GROUPS[name]), name
    registered = {command.name for commands in found.values() for command in commands}
    assert set(cli.all_commands()) == registered


def test_a_command_imports_its_own_module_and_no_other_command_module() -> None:
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from copingkit.cli import main\n"
        "assert CliRunner().invoke(main, ['list', '--help']).exit_code == 0\n"
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    commands = {name for name in result.stdout.split() if name.removeprefix("copingkit.cli.") in cli.GROUPS}
    assert commands == {"copingkit.cli.journal"}


def test_every_command_but_help_now_checks_its_text_arguments() -> None:
    for name, command in cli.all_commands().items():
        if isinstance(command, click.Group):
            assert isinstance(command, CheckedGroup), name
        elif name in NEVER_A_BARRIER:
            assert type(command) is click.Command, name
        else:
            assert isinstance(command, CheckedCommand), name


def test_help_imports_neither_the_database_nor_the_crypto_nor_the_services() -> None:
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from copingkit.cli import main\n"
        "for args in (['--help'], ['write', '--help'], ['restore', '--help']):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0\n"
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(result.stdout.split())
    heavy = {"sqlmodel", "sqlalchemy", "cryptography", "textual", "copingkit.core.services", "copingkit.core.vault"}
    assert loaded & heavy == set()
