"""Moving data in and out: export, import, merge."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from copingkit.cli import common, secrets
from copingkit.cli.common import Context, command, fail
from copingkit.core.errors import ExitCode

IMPORT_FORMATS = ("copingkit-json", "jrnl-txt", "jrnl-json", "jrnl-encrypted", "daylio-csv", "dayone-json")
"""What `import --format` takes: core.importers.ALL_FORMATS (a test checks they agree), here so --help stays light."""
PLAINTEXT_WARNING = "Exports are plaintext: anyone who can read {path} can read what is in it."


@command()
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "csv", "html"]), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--from", "date_from", metavar="D")
@click.option("--to", "date_to", metavar="D")
@click.option("--shared-only", is_flag=True, help="Only the entries and check-ins marked to share with your therapist.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.pass_obj
def export(
    ctx: Context, fmt: str, output: Path, date_from: str | None, date_to: str | None, shared_only: bool, overwrite: bool
) -> None:
    """Export to a plaintext file (json, markdown, csv or html); csv is a zip of one CSV per table."""
    from copingkit.core.plaintext import write_plaintext

    if fmt == "csv" and output.suffix.lower() == ".csv":
        fail(
            f"A csv export is a zip of one CSV file per table, so {output.name} would not open as one CSV. "
            f"Name it {output.with_suffix('.zip').name} instead; nothing was written."
        )
    common.refuse_existing(output, overwrite)
    start, end = common.day_range(date_from, date_to)
    click.echo(PLAINTEXT_WARNING.format(path=output), err=True)
    with common.open_services(ctx) as (_, services):
        transfer = services.transfer
        if shared_only:
            entries, checkins = transfer.shared_counts(date_from=start, date_to=end)
            click.echo(f"It holds only what is marked to share: {_shared_words(entries, checkins)}.", err=True)
        data: str | bytes
        if fmt == "json":
            document = transfer.export_document(date_from=start, date_to=end, shared_only=shared_only)
            data = json.dumps(document, ensure_ascii=False, indent=2, default=str)
        elif fmt == "markdown":
            data = transfer.export_markdown(date_from=start, date_to=end, shared_only=shared_only)
        elif fmt == "csv":
            data = transfer.export_csv(date_from=start, date_to=end, shared_only=shared_only)
        else:
            data = transfer.export_html(date_from=start, date_to=end, shared_only=shared_only)
    try:
        write_plaintext(output, data, replace=overwrite)
    except FileExistsError:
        common.already_exists(output)
    click.echo(f"Exported to {output}.", err=True)


def _shared_words(entries: int, checkins: int) -> str:
    return f"{entries} entr{'y' if entries == 1 else 'ies'} and {checkins} check-in{'' if checkins == 1 else 's'}"


@command(name="import")
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), required=True, help="What kind of file PATH is.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--time-format", metavar="FMT", help="jrnl: the journal's own timeformat, when not one known on its own.")
@click.option(
    "--source-passphrase-file", metavar="PATH", help="jrnl-encrypted: read jrnl's password from PATH ('-': stdin)."
)
@click.option("--moods", metavar="LIST", help="daylio-csv: your own moods best first, or NAME=N,… (N 1-5).")
@click.option("--yes", is_flag=True, help="Import without asking.")
@click.pass_obj
def import_(
    ctx: Context,
    fmt: str,
    path: Path,
    time_format: str | None,
    source_passphrase_file: str | None,
    moods: str | None,
    yes: bool,
) -> None:
    """Import what you wrote in jrnl, Daylio or Day One, or a copingkit export; says what it adds first."""
    from copingkit.core.importers import NEEDS_PASSPHRASE, WrongSourcePassphrase
    from copingkit.core.importers.daylio_csv import parse_mood_map
    from copingkit.core.vault import errors

    document = _export_document(path) if fmt == "copingkit-json" else None
    data = b"" if document is not None else _read_import(path)
    mood_map = parse_mood_map(moods) if moods else None
    passphrase = secrets.passphrase(ctx)
    password = None
    if fmt in NEEDS_PASSPHRASE:
        if source_passphrase_file:
            password = secrets.read_secret_file(ctx, source_passphrase_file, "jrnl password")
        elif secrets.on_terminal():
            password = secrets.ask(f"jrnl's password for {path.name}")
        else:
            fail(
                f"{path} is encrypted by jrnl: give its password with --source-passphrase-file PATH "
                "('-' for standard input). Nothing was imported.",
                ExitCode.USAGE,
            )
    with common.open_services(ctx, passphrase=passphrase) as (vault, services):
        del passphrase
        if vault.read_only:
            raise errors.ReadOnly(str(vault.path))

        def preview_with(chosen: dict[str, int] | None, password: str | None) -> Any:
            if document is not None:
                return services.transfer.preview_document(document)
            try:
                return services.transfer.preview_import(
                    fmt, data, time_format=time_format, passphrase=password, moods=chosen
                )
            except WrongSourcePassphrase as error:
                fail(f"{error} Nothing was imported.", ExitCode.WRONG_SECRET)

        preview = preview_with(mood_map, password)
        if preview.unknown_moods:
            names = ", ".join(preview.unknown_moods)
            if not secrets.on_terminal():
                fail(
                    f"{path.name} has Daylio moods copingkit doesn't know ({names}). Give your moods best first "
                    "with --moods 'great,good,ok,low,awful', or each with --moods 'name=5,other=2'. Nothing was imported."
                )
            chosen = dict(mood_map or {})
            for name in preview.unknown_moods:
                chosen[name] = click.prompt(
                    f"Daylio's mood {name!r} is which mood here, 1 (very low) to 5 (very good)?",
                    type=click.IntRange(1, 5),
                    err=True,
                )
            preview = preview_with(chosen, password)
        password = None  # the jrnl password is not kept past the reading
        if preview.problems:
            n = len(preview.problems)
            click.echo(
                f"{n} record{'' if n == 1 else 's'} in {path.name} could not be read (the rest are imported):", err=True
            )
            for problem in preview.problems:
                click.echo(f"  {problem}", err=True)
        if preview.left_out:
            click.echo(preview.left_out, err=True)
        if preview.changes_nothing:
            click.echo(f"Nothing new: this journal already has everything in {path.name}.", err=True)
            return
        click.echo(f"Importing {path.name} {preview.describe()}.", err=True)
        if (
            not yes
            and secrets.on_terminal()
            and not click.confirm("Import it into your journal?", default=True, err=True)
        ):
            fail("Nothing was imported.")
        summary = services.transfer.apply_import(preview)
    click.echo(f"Imported: {summary}", err=True)


def _read_import(path: Path) -> bytes:
    """The file to import, read up to the import ceiling (so /dev/zero stops too)."""
    from copingkit.core.errors import InvalidInput
    from copingkit.core.importers import MAX_FILE_BYTES

    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"{path} is more than copingkit imports at once ({MAX_FILE_BYTES // 2**20} MiB); nothing was written."
        )
    return data


def _export_document(path: Path) -> Any:
    """A copingkit export's JSON, read and decoded the way every input file is."""
    from copingkit.core.errors import InvalidInput

    text = common.read_input_file(path)
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # not JSON, nested past Python's stack, an integer past int()'s digits
        raise InvalidInput(f"{path} is not a copingkit JSON export.") from None


@command()
@click.argument("other", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--other-passphrase-file", metavar="PATH", help="Read OTHER's passphrase from PATH, if it differs.")
@click.option("--any-vault", is_flag=True, help="Merge even a journal that was made separately.")
@click.option("--yes", is_flag=True, help="Merge without asking.")
@click.pass_obj
def merge(ctx: Context, other: Path, other_passphrase_file: str | None, any_vault: bool, yes: bool) -> None:
    """Merge another copy of this journal into it: everything from both, nothing written lost."""
    from copingkit.core.services.merge import read_copy
    from copingkit.core.vault import conflicts, errors
    from copingkit.core.vault import format as fmt
    from copingkit.core.vault.store import read_sealed

    data = read_sealed(other, allow_costly=ctx.allow_costly_kdf)
    passphrase = secrets.passphrase(ctx)
    with common.open_services(ctx, passphrase=passphrase) as (vault, services):
        if vault.read_only:
            raise errors.ReadOnly(str(vault.path))
        if other.resolve() == vault.path:
            fail("That is this journal itself; there is nothing to merge.")
        header = fmt.parse_header(data)
        if header.vault_id != vault.vault_id and not any_vault:
            fail(
                f"{other} is a different journal, not a copy of this one; nothing was merged. "
                "To merge it anyway, add --any-vault."
            )
        try:
            _, document = read_copy(data, passphrase, common.now, allow_costly=ctx.allow_costly_kdf)
        except errors.WrongSecret:
            other_passphrase = secrets.other_passphrase(
                ctx,
                other_passphrase_file,
                other.name,
                missing=f"Your passphrase didn't open {other}. Give its own with --other-passphrase-file PATH.",
            )
            _, document = read_copy(data, other_passphrase, common.now, allow_costly=ctx.allow_costly_kdf)
            del other_passphrase
        del passphrase
        plan = services.merge.plan(document)
        if plan.summary.changes_nothing:
            click.echo(f"Nothing to merge: this journal already has everything in {other.name}.", err=True)
        else:
            click.echo(f"Merging {other.name} {plan.summary.describe()}.", err=True)
            if not yes:
                if not sys.stdin.isatty():
                    fail("Merging changes this journal, so without a terminal it needs --yes. Nothing was changed.")
                if not click.confirm("Merge it into your journal?", err=True, default=False):
                    fail("Nothing was changed.")
            services.merge.apply(plan)
    if not plan.summary.changes_nothing:
        click.echo("Merged.", err=True)
    if conflicts.is_conflict_copy(ctx.vault_path, other):
        kept = conflicts.file_away(ctx.vault_path, other)
        click.echo(f"The copy is kept with your backups, so it won't be offered again: {kept}", err=True)


COMMANDS = (export, import_, merge)
