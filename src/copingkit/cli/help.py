"""When it's hard: cope (one coping strategy) and help-now (crisis lines and your safety plan).

help-now is never a barrier: it is a plain click.Command (odd bytes in --country still show every
line), and a passphrase that can't be read or doesn't open the journal only leaves out your own part.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from copingkit.cli import common, secrets
from copingkit.cli.common import Context, command


def _can_unlock(ctx: Context) -> bool:
    """Whether a passphrase can be had without surprising anyone: a file, or a person at a terminal."""
    return ctx.vault_path.exists() and (bool(ctx.passphrase_file) or sys.stdin.isatty())


def _reaction_id(value: str | None) -> str | None:
    """What someone typed ("anxiety", "nightmare", "on edge", an id) -> a reaction id; else the list."""
    from copingkit.core import content
    from copingkit.core.errors import InvalidInput

    if value is None:
        return None
    found = content.match_reaction(value)
    if found is not None:
        return found.id
    close = content.reaction_suggestions(value)
    guess = f" Did you mean {' or '.join(r.label.lower() for r in close)}?" if close else ""
    examples = ", ".join(r.words[0] for r in content.load_reactions() if r.words)
    ids = ", ".join(r.id for r in content.load_reactions())
    shown = value if value.isprintable() and len(value) <= 40 else "that"
    raise InvalidInput(
        f'copingkit doesn\'t know "{shown}" as something that is happening.{guess}'
        f" Try a word like: {examples}; or one of: {ids}."
    )


def _print_strategy(
    title: str, steps: tuple[str, ...] | list[str], minutes: int | None, note: str = "", slug: str | None = None
) -> None:
    """The strategy, its steps and the care notice; a builtin's content note and "when calmer" mark first."""
    from copingkit.core import content

    marks = content.bundled_strategy(slug) if slug else None
    calmer = f" — {content.WHEN_CALMER}" if marks is not None and marks.when_calmer else ""
    click.echo(title + (f"  (about {minutes} min)" if minutes else "") + calmer)
    if note:
        click.echo(note)
    if marks is not None and marks.content_note:
        click.echo(f"\n{content.strategy_note_text()} (`copingkit cope --for flashback` gives a grounding skill.)")
    click.echo()
    for number, step in enumerate(steps, 1):
        click.echo(f"{number:>2}. {step}")
    click.echo()
    click.echo(content.care_notice())


@command()
@click.option(
    "--for",
    "reaction",
    metavar="WORDS",
    help="What's happening, in your words: anxiety, panic, nightmare, lonely, on edge…",
)
@click.pass_obj
def cope(ctx: Context, reaction: str | None) -> None:
    """Print one coping strategy with its steps; what helped you before comes first.

    Without a passphrase (no --passphrase-file and no terminal) it prints a bundled strategy.
    """
    from copingkit.core import content

    wanted = _reaction_id(reaction)
    found = _own_strategies(ctx, wanted) if _can_unlock(ctx) else None
    if found:
        best = found[0]
        note = ""
        if best.mean_drop is not None and best.mean_drop > 0:
            note = f"This helped you before: distress down {best.mean_drop:.1f} on average."
        _print_strategy(best.title, best.steps, best.minutes, note, best.slug if best.source == "builtin" else None)
        click.echo("When you've tried it, `copingkit` (press o) can note how it went.", err=True)
        return
    strategy = content.bundled_strategy(content.curated_order(wanted)[0])
    assert strategy is not None
    _print_strategy(strategy.title, strategy.steps, strategy.minutes, slug=strategy.slug)


def _own_strategies(ctx: Context, wanted: str | None) -> list[Any] | None:
    """What helped this person, from the journal; None (the bundled strategy) when skipped.

    At a terminal an empty answer skips, and a passphrase that doesn't open the journal falls back
    too: nobody is kept from a coping step by a question. A passphrase file keeps its exit codes.
    """
    from copingkit.core.builtin_content import sync_builtin_content
    from copingkit.core.error_words import full_words
    from copingkit.core.vault import errors

    passphrase = None
    if not ctx.passphrase_file:
        passphrase = secrets.ask_optional(
            "Passphrase, to start with what helped you before (or just press enter to skip)"
        )
        if not passphrase:
            return None
    try:
        with common.open_services(ctx, passphrase=passphrase) as (_, services):
            sync_builtin_content(services)
            return services.coping.suggest(wanted)
    except errors.WrongSecret as error:
        if ctx.passphrase_file:
            raise
        click.echo(f"({full_words(error)} Here is a bundled strategy.)", err=True)
        return None


def _private_help(ctx: Context, passphrase: str | None) -> tuple[list[Any], Any] | None:
    """(contacts, safety plan) from the journal, or None with one calm line on stderr."""
    from copingkit.core.error_words import full_words
    from copingkit.core.errors import CopingkitError
    from copingkit.core.vault import errors

    if not passphrase or not ctx.vault_path.exists():
        return None
    try:
        with common.open_services(ctx, passphrase=passphrase) as (_, services):
            return services.safety.contacts(), services.safety.plan()
    except errors.VaultError as error:
        click.echo(f"({full_words(error)} Showing the bundled lines only.)", err=True)
    except CopingkitError:
        click.echo("(Your journal couldn't be read just now. Showing the bundled lines only.)", err=True)
    return None


def _echo_sections(sections: Any) -> None:
    from copingkit.core.help import plain_text

    for section in sections:
        click.echo("\n".join(["", *plain_text(section)]) if section.id != "lead" else section.text[0])


@click.command(name="help-now")  # never a barrier: odd bytes in --country show every line
@click.option("--country", metavar="CC", help="Two-letter country code, e.g. GB, US (default: from your settings).")
@click.pass_obj
def help_now(ctx: Context, country: str | None) -> None:
    """Crisis lines, the emergency number and your safety plan. Works without a passphrase.

    At a terminal with a journal and no passphrase file, the lines come first; then it offers to
    add your own people and plan (press enter to skip).
    """
    from copingkit.core import help as get_help

    settings = common.load_config()
    choice = get_help.choose_country(settings.country, asked=country)
    today = common.now().date()
    has_journal = ctx.vault_path.exists()
    lines = {"hide": settings.hidden_lines, "corrections": settings.corrected_lines}
    public = get_help.build_help(choice, today=today, has_journal=has_journal, **lines)
    if not ctx.passphrase_file and has_journal and sys.stdin.isatty():
        sections = get_help.help_sections(public, "cli")
        _echo_sections(s for s in sections if s.id not in ("plan", "nothing-sent"))
        click.echo("")
        passphrase = secrets.ask_optional(
            "To add your own people and plan, type your passphrase (or just press enter to skip)"
        )
        private = _private_help(ctx, passphrase)
        passphrase = None
        if private is None:
            _echo_sections(s for s in sections if s.id in ("plan", "nothing-sent"))
            return
        view = get_help.build_help(choice, today=today, contacts=private[0], plan=private[1], private=True, **lines)
        _echo_sections(s for s in get_help.help_sections(view, "cli") if s.id in ("contacts", "plan", "nothing-sent"))
        return
    private = _private_help(ctx, secrets.passphrase_if_given(ctx)) if ctx.passphrase_file else None
    view = public
    if private is not None:
        view = get_help.build_help(choice, today=today, contacts=private[0], plan=private[1], private=True, **lines)
    _echo_sections(get_help.help_sections(view, "cli"))


COMMANDS = (cope, help_now)
