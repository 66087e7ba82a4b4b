"""The journal file, its keys and backups: init, passwd, recover, backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from copingkit.cli import common, secrets
from copingkit.cli.common import Context, command, fail, local


@command()
@click.pass_obj
def init(ctx: Context) -> None:
    """Create a journal and print its recovery key (once)."""
    from copingkit.core.vault import Vault, errors

    if ctx.vault_path.exists():
        raise errors.AlreadyExists(str(ctx.vault_path))
    passphrase = secrets.passphrase(ctx, confirm=True)
    if not passphrase.strip():
        fail("The passphrase is empty; no journal was made.")
    secrets.guide_passphrase(passphrase, typed=not ctx.passphrase_file, refused="No journal was made.")
    click.echo("Making your journal safe… this takes a moment.", err=True)
    vault, recovery_key = Vault.create(
        ctx.vault_path,
        passphrase,
        kdf=common.KDF_PROFILE,
        backups_keep=common.load_config().backups_keep,
        trust_folder=ctx.trust_folder,
    )
    passphrase = None
    for warning in vault.warnings:
        click.echo(warning, err=True)
    cost = vault.passphrase_params
    vault.close()
    click.echo(f"Your journal is ready and encrypted: {ctx.vault_path}", err=True)
    if cost is not None:
        click.echo(f"Your passphrase is protected by {cost.describe()}{_calibrated_note()}.", err=True)
    click.echo("Your recovery key opens it if you forget your passphrase. It is shown only this once:", err=True)
    click.echo(recovery_key)
    click.echo("Write it down and keep it somewhere safe. copingkit does not keep a copy.", err=True)
    del recovery_key


def _calibrated_note() -> str:
    from copingkit.core.vault import REAL_KDF

    return " (chosen to take about a second on this machine)" if (common.KDF_PROFILE or REAL_KDF).calibrate else ""


@command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup(ctx: Context, path: Path) -> None:
    """Write an encrypted copy of the journal to PATH (it opens with the same passphrase)."""
    common.refuse_existing(path, False)
    with common.open_services(ctx) as (vault, _):
        target = vault.backup_now(path)
    click.echo(f"Encrypted backup written to {target}.", err=True)


def _describe(services: Any) -> list[str]:
    entries = services.journal.count()
    checkins = services.checkins.count()
    latest = services.journal.list(limit=1)
    newest = local(latest[0].created_at) if latest else "none"
    return [f"  entries: {entries}", f"  check-ins: {checkins}", f"  newest entry: {newest}"]


@command()
@click.argument("path", type=click.Path(dir_okay=False, exists=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace without asking.")
@click.pass_obj
def restore(ctx: Context, path: Path, yes: bool) -> None:
    """Show what a backup holds, then replace the journal with it (the current one is kept beside it)."""
    from copingkit.core.database import Database
    from copingkit.core.services import Services
    from copingkit.core.vault import Vault, errors
    from copingkit.core.vault.restore import Backup, replace_with, restore_missing

    backup = Backup.read(path, allow_costly=ctx.allow_costly_kdf)
    if ctx.vault_path.exists() and not backup.is_of(ctx.vault_path):
        fail("That backup is of a different journal; nothing was changed.")
    passphrase = secrets.passphrase(ctx)
    try:
        image = backup.open(passphrase, allow_costly=ctx.allow_costly_kdf)
    except errors.WrongSecret:
        own = secrets.backup_passphrase(ctx)
        image = backup.open(own, allow_costly=ctx.allow_costly_kdf)
        del own
        click.echo("That backup opens with the passphrase it was made with; after restoring, use that one.", err=True)
    database = Database.from_image(image)
    try:
        click.echo(f"The backup {path} holds:", err=True)
        for line in _describe(Services(database)):
            click.echo(line, err=True)
    finally:
        database.close()
    if not ctx.vault_path.exists():
        restore_missing(ctx.vault_path, backup, trust_folder=ctx.trust_folder)
        click.echo("Restored.", err=True)
        return
    current = Vault.open(
        ctx.vault_path,
        passphrase,
        kdf=common.KDF_PROFILE,
        trust_folder=ctx.trust_folder,
        allow_costly_kdf=ctx.allow_costly_kdf,
    )
    del passphrase
    try:
        if current.read_only:
            raise errors.ReadOnly(str(current.path))
        if not yes and not click.confirm("Replace your journal with this backup?", err=True, default=False):
            fail("Nothing was changed.")
        kept = replace_with(current, backup)
    finally:
        current.close(save=False)
    click.echo(f"Restored. Your previous journal is kept at {kept}.", err=True)


def _rotate(vault: Any, new_passphrase: str, recovery_key: str | None) -> str | None:
    """Make the new keys, show a new recovery key before anything is written, then write and re-seal."""
    click.echo("Making new keys and re-sealing your backups… this takes a moment.", err=True)
    rotation = vault.prepare_rotation(new_passphrase, recovery_key=recovery_key)
    if rotation.recovery_key:
        click.echo("Your new recovery key. It is shown only this once; write it down now:", err=True)
        click.echo(rotation.recovery_key)
        click.echo("Your old recovery key stops working once this change is saved.", err=True)
    try:
        vault.apply_rotation(rotation)
    except BaseException:
        if rotation.recovery_key:
            click.echo(
                "The change wasn't saved: the recovery key above isn't in use. Your old ones still work.", err=True
            )
        raise
    return rotation.recovery_key


@command()
@click.option("--new-passphrase-file", metavar="PATH", help="Read the new passphrase from PATH ('-' for stdin).")
@click.option(
    "--recovery-key-file",
    metavar="PATH",
    help="Your current recovery key, to keep it ('-' for stdin). Without it a new one is made and shown once.",
)
@click.pass_obj
def passwd(ctx: Context, new_passphrase_file: str | None, recovery_key_file: str | None) -> None:
    """Change the passphrase. This makes a new data key: your journal and its backups are re-sealed,
    and the old passphrase opens none of them any more."""
    with common.open_services(ctx, use_agent=False) as (vault, _):  # the current passphrase, always
        new = secrets.new_passphrase(ctx, new_passphrase_file)
        key = secrets.current_recovery_key(ctx, recovery_key_file)
        _rotate(vault, new, key)
        del new, key
    click.echo("Passphrase changed. Your journal and its backups are sealed under a new key.", err=True)


@command()
@click.option("--recovery-key-file", metavar="PATH", help="Read the recovery key from PATH ('-' for stdin).")
@click.option("--new-passphrase-file", metavar="PATH", help="Read the new passphrase from PATH ('-' for stdin).")
@click.pass_obj
def recover(ctx: Context, recovery_key_file: str | None, new_passphrase_file: str | None) -> None:
    """Open the journal with the recovery key and choose a new passphrase (a new data key, as passwd)."""
    key = secrets.recovery_key(ctx, recovery_key_file)
    with common.open_services(ctx, recovery_key=key) as (vault, _):
        new = secrets.new_passphrase(ctx, new_passphrase_file)
        _rotate(vault, new, key)
        del key, new
    click.echo("Your journal is open again with the new passphrase. Your recovery key still works.", err=True)


COMMANDS = (init, passwd, recover, backup, restore)
