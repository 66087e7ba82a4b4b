"""`copingkit insights`: the Insights figures and their sentences (DESIGN.md §4).

Read with plain SQL through `services.insights`, so it loads no ORM (DESIGN.md §1).
"""

from __future__ import annotations

import textwrap

import click

from copingkit.cli import common
from copingkit.cli.common import Context, command, format_option

LAST_DAYS = 14
"""Text output lists the most recent days of the year in pixels only (JSON has them all)."""


@command()
@click.option("--from", "date_from", metavar="D")
@click.option("--to", "date_to", metavar="D")
@format_option()
@click.pass_obj
def insights(ctx: Context, date_from: str | None, date_to: str | None, output: str) -> None:
    """Patterns in your check-ins, strategies, questionnaires and groups."""
    from copingkit.core.services.insights import TITLES

    start, end = common.day_range(date_from, date_to)
    with common.open_services(ctx) as (_, services):
        figures = services.insights.compute(date_from=start, date_to=end)
    if output == "json":
        common.emit_json(figures.as_json())
        return
    sentences = figures.sentences()
    for name, title in TITLES.items():
        click.echo(title)
        click.echo(textwrap.fill(sentences[name], width=78, initial_indent="  ", subsequent_indent="  "))
        for line in figures.table(name, last=LAST_DAYS if name == "year_in_pixels" else None):
            click.echo(f"  {line}")
        click.echo("")


COMMANDS = (insights,)
