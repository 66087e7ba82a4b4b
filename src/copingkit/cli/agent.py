"""The opt-in key agent: `unlock [--for 15m]` keeps the data key for a while, `lock` ends it (core/keyagent.py)."""

from __future__ import annotations

import re

import click

from copingkit.cli import common
from copingkit.cli.common import Context, command, fail

_DURATION = re.compile(r"(\d{1,4})([mh])")


def parse_duration(text: str) -> int:
    """'15m' or '2h' -> seconds, within 1 minute .. 8 hours (DESIGN.md §4); else a calm exit 1."""
    from copingkit.core import keyagent

    found = _DURATION.fullmatch(text.strip().lower())
    if found is None:
        fail("--for takes minutes or hours, like 15m or 2h.")
    seconds = int(found.group(1)) * (60 if found.group(2) == "m" else 3600)
    if not keyagent.MIN_SECONDS <= seconds <= keyagent.MAX_SECONDS:
        fail("--for is between 1m and 8h.")
    return seconds


@command()
@click.option("--for", "duration", default="15m", show_default=True, metavar="TIME", help="How long: 15m, 2h (1m..8h).")
@click.pass_obj
def unlock(ctx: Context, duration: str) -> None:
    """Keep the journal unlocked for commands for a while (off by default; `copingkit lock` ends it)."""
    from copingkit.core import keyagent

    seconds = parse_duration(duration)
    with common.open_services(ctx, use_agent=False) as (vault, _services):  # always the passphrase itself
        assert vault.path is not None and vault.vault_id is not None
        key = vault.unwrapped_key()
        try:
            keyagent.hold(vault.path, vault.vault_id, key, seconds)
        except keyagent.AgentUnavailable:
            fail("The journal could not be kept unlocked here; commands will ask for the passphrase as before.")
        finally:
            del key
    minutes = seconds // 60
    count, unit = (minutes // 60, "hour") if minutes >= 60 and not minutes % 60 else (minutes, "minute")
    shown = f"{count} {unit}{'' if count == 1 else 's'}"
    click.echo(
        f"Unlocked for commands for {shown}. Anyone who can run programs as you can read your journal "
        "until then; `copingkit lock` ends it now.",
        err=True,
    )


@command()
def lock() -> None:
    """Forget every key the agent holds and stop it (`copingkit unlock` started it)."""
    from copingkit.core import keyagent

    if keyagent.lock():
        click.echo("Locked. Commands will ask for the passphrase again.", err=True)
    else:
        click.echo("Nothing was unlocked.", err=True)


COMMANDS = (unlock, lock)
