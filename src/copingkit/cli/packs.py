"""Homework packs and strategy cards (docs/packs.md): `pack import FILE [--yes]` and
`share-strategy NAME --output card.toml`."""

from __future__ import annotations

from pathlib import Path

import click

from copingkit.cli import app, common
from copingkit.cli.common import Context, command, fail


@click.group(cls=app.CheckedGroup)
def pack() -> None:
    """Homework packs from a therapist or a group, and strategy cards (docs/packs.md)."""


@pack.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Add it without asking.")
@click.pass_obj
def import_pack(ctx: Context, file: Path, yes: bool) -> None:
    """Check a pack or card, say what it holds, and add it (asks first on a terminal)."""
    from copingkit.cli import secrets
    from copingkit.core.packs import read_pack_file
    from copingkit.core.vault import errors

    found = read_pack_file(file)
    with common.open_services(ctx) as (vault, services):
        if vault.read_only:
            raise errors.ReadOnly(str(vault.path))
        summary = services.homework.summary(found)
        for line in summary.lines():
            click.echo(line, err=True)
        if summary.already:
            click.echo(f"Nothing new: {file.name} is already in your journal.", err=True)
            return
        if not yes and secrets.on_terminal() and not click.confirm("Add it to your journal?", default=True, err=True):
            fail("Nothing was added.")
        services.homework.import_pack(found)
    if found.kind == "card":
        click.echo("Added to your library, as learned from my group.", err=True)
    else:
        click.echo("Added. Homework in the app shows what is due and what is done.", err=True)


@command(name="share-strategy")
@click.argument("name")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--from", "sender", metavar="WHO", help="Who it is from, as the card will say (a first name, a group).")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.pass_obj
def share_strategy(ctx: Context, name: str, output: Path, sender: str | None, overwrite: bool) -> None:
    """Write one strategy as a card (a one-item pack) to hand to someone in your group; nothing is sent.

    Without --from the card names nobody; a commented line in it shows where a name goes."""
    from copingkit.core.plaintext import write_plaintext

    common.refuse_existing(output, overwrite)
    with common.open_services(ctx) as (_, services):
        text = services.homework.card(name, sender=sender)
    try:
        write_plaintext(output, text, replace=overwrite)
    except FileExistsError:
        common.already_exists(output)
    click.echo(
        f"Card written to {output}. It holds only the strategy, no journal words; `copingkit pack import` reads it.",
        err=True,
    )


COMMANDS = (pack, share_strategy)
