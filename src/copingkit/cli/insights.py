"""`copingkit insights`: the Insights figures and their sentences (DESIGN.md §4).

Read with plain SQL through `services.insights`, so it loads no ORM (DESIGN.md §1).
"""

from __future__ import annotations

import textwrap
from typing import Any

import click

from copingkit.cli import common
from copingkit.cli.common import Context, command, format_option

_TITLES = {
    "mood_over_time": "Mood over time",
    "coping_confidence": "Coping confidence over time",
    "year_in_pixels": "Days with a check-in",
    "mood_by_weekday": "Mood by weekday",
    "mood_by_tag": "Mood by tag",
    "strategies": "What helps: strategies",
    "assessments": "Questionnaires",
    "groups": "Group sessions",
}
_COLUMNS = {
    "mood_over_time": ("period", "average", "count"),
    "coping_confidence": ("period", "average", "count"),
    "mood_by_weekday": ("weekday", "average", "count"),
    "mood_by_tag": ("tag", "average", "count"),
    "strategies": ("name", "uses", "average_change", "lowered_share"),
    "assessments": ("instrument", "date", "score", "band"),
    "groups": ("period", "sessions", "average_connectedness"),
}
_HEADINGS = {"average_change": "change", "lowered_share": "lowered", "average_connectedness": "connectedness"}
_LAST_DAYS = 14
"""Text output lists the most recent days of the year in pixels only (JSON has them all)."""


@command()
@click.option("--from", "date_from", metavar="D")
@click.option("--to", "date_to", metavar="D")
@format_option()
@click.pass_obj
def insights(ctx: Context, date_from: str | None, date_to: str | None, output: str) -> None:
    """Patterns in your check-ins, strategies, questionnaires and groups."""
    start, end = common.day_range(date_from, date_to)
    with common.open_services(ctx) as (_, services):
        figures = services.insights.compute(date_from=start, date_to=end)
    document = figures.as_json()
    if output == "json":
        common.emit_json(document)
        return
    sentences = figures.sentences()
    for name, title in _TITLES.items():
        click.echo(title)
        click.echo(textwrap.fill(sentences[name], width=78, initial_indent="  ", subsequent_indent="  "))
        rows = document[name]
        if name == "year_in_pixels":
            rows = rows[-_LAST_DAYS:]
            columns: tuple[str, ...] = ("date", "average")
        else:
            columns = _COLUMNS[name]
        if rows:
            for line in _table(rows, columns):
                click.echo(f"  {line}")
        click.echo("")


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[str]:
    headings = [_HEADINGS.get(column, column) for column in columns]
    cells = [[_cell(row[column]) for column in columns] for row in rows]
    widths = [max(len(headings[i]), *(len(line[i]) for line in cells)) for i in range(len(columns))]
    lines = ["  ".join(text.ljust(widths[i]) for i, text in enumerate(headings)).rstrip()]
    lines += ["  ".join(text.ljust(widths[i]) for i, text in enumerate(line)).rstrip() for line in cells]
    return lines


COMMANDS = (insights,)
