"""Journal commands: write, list, search.

`list` and `search` read through `services.reader` and `write` adds through `services.writer`, both in
plain SQL, so none of them loads the ORM (DESIGN.md §1).
"""

from __future__ import annotations

import sys

import click

from copingkit.cli import common
from copingkit.cli.common import Context, WholeRange, command, fail, format_option, local
from copingkit.core.errors import ExitCode


@command()
@click.argument("text", required=False)
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--at", "when", metavar="WHEN", help="Backdate: ISO date/time, today, yesterday, 'N days ago'.")
@click.option("--title", help="An optional title.")
@click.pass_obj
def write(ctx: Context, text: str | None, tags: tuple[str, ...], when: str | None, title: str | None) -> None:
    """Write a journal entry. TEXT '-' (or no TEXT with a pipe) reads standard input."""
    at = common.when(when)
    if text is None and sys.stdin.isatty():
        fail("What would you like to write? Give TEXT, or pipe it in.", ExitCode.USAGE)
    with common.open_services(ctx, uses=("writer",)) as (_, services):
        body = ctx.stdin_text() if text in (None, "-") else text
        entry = services.writer.create(body, title=title, tags=tags, at=at)
    click.echo(f"Saved entry {entry.id} ({local(entry.created_at)}).", err=True)


@command(name="list")
@click.option("--limit", type=WholeRange(1, 100_000), default=20, show_default=True)
@click.option("--from", "date_from", metavar="D")
@click.option("--to", "date_to", metavar="D")
@click.option("--tag")
@format_option()
@click.pass_obj
def list_entries(
    ctx: Context, limit: int, date_from: str | None, date_to: str | None, tag: str | None, output: str
) -> None:
    """List journal entries, newest first."""
    start, end = common.day_range(date_from, date_to)
    with common.open_services(ctx, uses=("reader",)) as (_, services):
        entries = services.reader.list(limit=limit, date_from=start, date_to=end, tag=tag)
    if output == "json":
        common.emit_json(
            {
                "entries": [
                    {
                        "id": e.id,
                        "uid": e.uid,
                        "created_at": e.created_at.isoformat(),
                        "title": e.title,
                        "preview": e.preview,
                        "tags": list(e.tags),
                        "starred": e.starred,
                        "shared": e.shared,
                        "kind": e.kind,
                    }
                    for e in entries
                ]
            }
        )
        return
    if not entries:
        click.echo("No entries here yet.", err=True)
    for e in entries:
        star = "★ " if e.starred else ""
        title = f"{e.title} — " if e.title else ""
        tags = f"  [{', '.join(e.tags)}]" if e.tags else ""
        click.echo(f"{e.id:>6}  {local(e.created_at)}  {star}{title}{e.preview}{tags}")


@command()
@click.argument("query")
@click.option("--limit", type=WholeRange(1, 10_000), default=20, show_default=True)
@format_option()
@click.pass_obj
def search(ctx: Context, query: str, limit: int, output: str) -> None:
    """Search entries, best matches first."""
    with common.open_services(ctx, uses=("reader",)) as (_, services):
        hits = services.reader.search(query, limit=limit)
    if output == "json":
        common.emit_json(
            {
                "query": query,
                "results": [
                    {
                        "id": h.entry_id,
                        "uid": h.uid,
                        "created_at": h.created_at.isoformat(),
                        "title": h.title,
                        "snippet": h.snippet,
                        "rank": h.rank,
                    }
                    for h in hits
                ],
            }
        )
        return
    if not hits:
        click.echo("Nothing matched.", err=True)
    for h in hits:
        title = f"{h.title} — " if h.title else ""
        click.echo(f"{h.entry_id:>6}  {local(h.created_at)}  {title}{h.snippet}")


COMMANDS = (write, list_entries, search)
