"""The app itself and the install: the TUI (no command), demo, doctor."""

from __future__ import annotations

import click

from copingkit import paths
from copingkit.cli import common
from copingkit.cli.common import Context, command
from copingkit.core.errors import ExitCode


def run_tui(ctx: Context, *, demo: bool) -> None:
    from copingkit.tui.app import CopingkitApp

    settings = common.load_config()
    demo_vault = None
    if demo:
        from copingkit.core.sample_data import build_demo_vault

        demo_vault = build_demo_vault()
    app = CopingkitApp(
        vault_path=None if demo else ctx.vault_path,
        config=settings,
        config_path=None if demo else paths.config_path(),
        kdf=common.KDF_PROFILE,
        demo_vault=demo_vault,
        trust_folder=ctx.trust_folder,
        allow_costly_kdf=ctx.allow_costly_kdf,
    )
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)


@command()
@click.pass_obj
def demo(ctx: Context) -> None:
    """Open the app on a throwaway journal with sample data; nothing is written to disk."""
    run_tui(ctx, demo=True)


@command()
@click.pass_obj
def doctor(ctx: Context) -> None:
    """Check the install, permissions, lock and backups. Prints no personal data."""
    from copingkit.doctor import run_checks

    problems = 0
    for ok, line in run_checks(ctx.vault_path):
        click.echo(("ok    " if ok else "check ") + line)
        problems += not ok
    raise SystemExit(ExitCode.OK if problems == 0 else ExitCode.BAD_INPUT)


COMMANDS = (demo, doctor)
