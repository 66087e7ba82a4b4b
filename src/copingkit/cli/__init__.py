"""The command line (DESIGN.md §4): the `copingkit` click group and one module per command group.

Layout:
- `app.py`: the group `main` (global options, the TUI when no command is given) and the one place
  errors become a calm line and an exit code (`handles_errors`, run around every subcommand).
- `common.py`: the run's settings (KDF_PROFILE, CLOCK), `Context`, `open_services`, reading input,
  dates, `command()` (a click command whose text arguments are checked), `fail`.
- `secrets.py`: the one reader of passphrases and recovery keys (file, '-' for stdin, hidden prompt).
- command groups: `journal` (write, list, search), `checkins` (checkin), `transfer` (export,
  import, merge), `keys` (init, passwd, recover, backup, restore), `help` (cope, help-now),
  `system` (demo, doctor), `agent` (unlock, lock: the opt-in key agent).

Adding a command group (e.g. `assess`, `pack`, `report`):
1. Write `src/copingkit/cli/<group>.py`: commands made with `@common.command()` (or a nested group
   with `@click.group(cls=app.CheckedGroup)` and its `@group.command()`s), taking `Context` with
   `@click.pass_obj`, reaching data only through `with common.open_services(ctx) as (vault, services)`,
   secrets only through `secrets`, and importing the core inside the command bodies so that
   `copingkit --help` stays light. Raise the core's error types; never print a traceback or choose an
   exit code by hand for them. End the module with `COMMANDS = (one, two)`.
2. Add the module and its commands' names to `GROUPS` below: that one line registers them, and the
   module is imported only when one of them runs (a test checks the names against COMMANDS).
3. Tests: in-process with `tests/support/cli.py` (`make_home(tmp_path).run(...)`), end to end with
   `tests/e2e/run_cli.py`; the README's command list gets its line.
"""

from __future__ import annotations

from copingkit.cli.app import all_commands, main, register

GROUPS: dict[str, tuple[str, ...]] = {
    "journal": ("write", "list", "search"),
    "checkins": ("checkin",),
    "transfer": ("export", "import", "merge"),
    "keys": ("init", "passwd", "recover", "backup", "restore"),
    "help": ("cope", "help-now"),
    "system": ("demo", "doctor"),
    "assess": ("assess",),
    "report": ("report",),
    "packs": ("pack", "share-strategy"),
    "insights": ("insights",),
    "agent": ("unlock", "lock"),
}
"""Each command module and the names of the commands in its COMMANDS; a new group is one more line here.
`copingkit NAME` imports only NAME's module."""

for _group, _names in GROUPS.items():
    register(_group, _names)

__all__ = ["GROUPS", "all_commands", "main"]
