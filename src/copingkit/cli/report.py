"""The session report: `copingkit report [--from D] [--to D] [--no-trends] --output PATH [--overwrite]`."""

from __future__ import annotations

from pathlib import Path

import click

from copingkit.cli import common
from copingkit.cli.common import Context, command, fail

PLAINTEXT_WARNING = "The report is plaintext: anyone who can read {path} can read what is in it."


@command()
@click.option("--from", "date_from", metavar="D", help="First day (default: the journal's first).")
@click.option("--to", "date_to", metavar="D", help="Last day, included (default: today and later).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--no-trends", is_flag=True, help="Leave out the mood and coping-confidence trends.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.pass_obj
def report(
    ctx: Context, date_from: str | None, date_to: str | None, output: Path, no_trends: bool, overwrite: bool
) -> None:
    """Write a session report for your therapist (one HTML page to print or bring).

    It holds the entries and check-ins marked to share, trends from all check-ins as numbers only,
    questionnaire results, strategies used (distress before and after), homework done and group
    sessions (date, minutes, connectedness; never what others said)."""
    from copingkit.core.dates import parse_day
    from copingkit.core.plaintext import write_plaintext
    from copingkit.core.services.report import render_report_html

    common.refuse_existing(output, overwrite)
    moment = common.now()
    start = parse_day(date_from, moment) if date_from else None
    end = parse_day(date_to, moment) if date_to else None
    if start is not None and end is not None and end < start:
        fail(f"--to ({end}) is before --from ({start}); nothing was written.")
    click.echo(PLAINTEXT_WARNING.format(path=output), err=True)
    with common.open_services(ctx) as (_, services):
        summary = services.report.build(date_from=start, date_to=end, trends=not no_trends)
    click.echo(f"{summary.period}. It holds:", err=True)
    for line in summary.summary():
        click.echo(f"  {line}", err=True)
    try:
        write_plaintext(output, render_report_html(summary), replace=overwrite)
    except FileExistsError:
        common.already_exists(output)
    click.echo(f"Report written to {output}.", err=True)


COMMANDS = (report,)
