"""Check-in commands: checkin."""

from __future__ import annotations

import click

from copingkit.cli import common
from copingkit.cli.common import Context, WholeNumber, command, local


@command()
@click.argument("mood", type=WholeNumber())
@click.option("--note", help="An optional note.")
@click.option("--tag", "tags", multiple=True, help="A tag or activity (repeatable).")
@click.option("--at", "when", metavar="WHEN", help="Backdate: ISO date/time, today, yesterday, 'N days ago'.")
@click.pass_obj
def checkin(ctx: Context, mood: int, note: str | None, tags: tuple[str, ...], when: str | None) -> None:
    """Record a mood check-in, MOOD from 1 (very low) to 5 (very good)."""
    from copingkit.core.errors import InvalidInput

    if not 1 <= mood <= 5:
        raise InvalidInput("Mood is a number from 1 (very low) to 5 (very good).")
    at = common.when(when)
    with common.open_services(ctx) as (_, services):
        saved = services.checkins.create(mood, note=note, tags=tags, at=at)
    click.echo(f"Checked in: {saved.mood} ({saved.mood_word}) at {local(saved.at)}.", err=True)


COMMANDS = (checkin,)
