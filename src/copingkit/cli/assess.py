"""Assessments: `copingkit assess INSTRUMENT [--answers a,b,…] [--difficulty N] [--format text|json]`.

The answers are checked before anything is asked or opened: a wrong number of answers or one out
of range is refused (exit 1) and nothing is stored. Without --answers, at a terminal, each question
is asked in turn; off a terminal --answers is needed. PHQ-9 item 9 above 0 shows the crisis text
(CONTENT.md) with the person's people, lines and plan before the total: on stderr when stdout is
JSON, so stdout holds one JSON document (DESIGN.md §4) and nothing else.
"""

from __future__ import annotations

from typing import Any

import click

from copingkit.cli import common, secrets
from copingkit.cli.common import Context, WholeNumber, command


def _echo_help(services: Any, *, err: bool) -> None:
    """The item-9 text, then Get help's sections for the terminal (own people first, then lines)."""
    from copingkit.core import assessments
    from copingkit.core import help as get_help

    settings = common.load_config()
    view = get_help.build_help(
        get_help.choose_country(settings.country),
        today=common.now().date(),
        contacts=services.safety.contacts(),
        plan=services.safety.plan(),
        private=True,
        hide=settings.hidden_lines,
        corrections=settings.corrected_lines,
    )
    click.echo("", err=err)
    click.echo(assessments.crisis_text(), err=err)
    for section in get_help.help_sections(view, "cli"):
        if section.id == "lead":
            continue
        click.echo("\n".join(["", *get_help.plain_text(section)]), err=err)
    click.echo("", err=err)
    click.echo(assessments.texts().crisis_after, err=err)
    click.echo("", err=err)


def _prompt_answer(text: str, top: int, *, optional: bool, err: bool) -> int | None:
    """Ask until the answer is a whole number 0..top (or empty, when `optional`); calm words, no "Error:"."""
    while True:
        raw = click.prompt(text, default="", show_default=False, err=err).strip()
        if not raw and optional:
            return None
        if raw.isascii() and raw.isdigit() and int(raw) <= top:
            return int(raw)
        skip = ", or just press enter to skip" if optional else ""
        click.echo(f"Please answer with a number from 0 to {top}{skip}.", err=err)


def _ask(form: Any, services: Any, *, err: bool) -> tuple[list[int], int | None, bool]:
    """Each question at the terminal; the crisis text the moment item 9 is answered above 0."""
    from copingkit.core import assessments

    if form.content_note:
        click.echo(assessments.texts().content_note_text, err=err)
        click.echo(
            "(`copingkit cope --for flashback` gives a grounding skill. Ctrl+C stops; nothing is kept.)", err=err
        )
    click.echo(form.stem, err=err)
    choices = "  ".join(f"{option.value} {option.label}" for option in sorted(form.options, key=lambda o: o.value))
    click.echo(choices, err=err)
    answers: list[int] = []
    shown = False
    for number, item in enumerate(form.items, start=1):
        answer = _prompt_answer(f"{number}/{len(form.items)}. {item}", form.top_answer, optional=False, err=err)
        assert answer is not None
        answers.append(answer)
        if not shown and assessments.crisis_item_answered(form, answers):
            _echo_help(services, err=err)
            shown = True
    difficulty = None
    if form.difficulty is not None:
        options = form.difficulty.options
        click.echo(form.difficulty.text, err=err)
        click.echo("  ".join(f"{o.value} {o.label}" for o in sorted(options, key=lambda o: o.value)), err=err)
        difficulty = _prompt_answer(
            "Your answer (enter to skip; it is not part of the total)",
            max(option.value for option in options),
            optional=True,
            err=err,
        )
    return answers, difficulty, shown


def _text_result(result: Any) -> list[str]:
    from copingkit.core import assessments

    form = assessments.instrument(result.instrument_id)
    if result.percent is not None:
        total = f"{result.percent}% (raw {result.score} of {result.max_score})"
    else:
        total = f"{result.score} of {result.max_score}"
    lines = [f"{result.name}: {total}" + (f" — {result.band}" if result.band else "")]
    if form.threshold is not None and form.threshold.flag in result.flags:
        lines.append(form.threshold.words)
    return lines


@command()
@click.argument("instrument")
@click.option("--answers", metavar="A,B,C…", help="Every answer, in order, separated by commas.")
@click.option("--difficulty", type=WholeNumber(), help="The unscored difficulty question (PHQ-9, GAD-7), 0-3.")
@common.format_option()
@click.pass_obj
def assess(ctx: Context, instrument: str, answers: str | None, difficulty: int | None, output: str) -> None:
    """Take an assessment: phq9, phq8, gad7, pcl5 or who5. A score is not a diagnosis."""
    from copingkit.core import assessments
    from copingkit.core.errors import InvalidInput

    form = assessments.instrument(instrument)
    as_json = output == "json"
    given = None
    if answers is not None:
        given = assessments.parse_answers(answers)
        assessments.score(form, given, difficulty=difficulty)  # refused here: nothing asked, opened or stored
    elif not secrets.on_terminal():
        raise InvalidInput(
            f"Give the answers with --answers (for {form.name}, {len(form.items)} numbers from "
            f"{form.answer_range}, separated by commas); off a terminal copingkit can't ask them."
        )
    else:
        assessments.check_difficulty(form, difficulty)
    with common.open_services(ctx) as (_, services):
        shown = False
        if given is None:
            given, asked_difficulty, shown = _ask(form, services, err=as_json)
            difficulty = asked_difficulty if difficulty is None else difficulty
        scored = services.assessments.check(form.id, given, difficulty=difficulty)
        if assessments.ITEM9 in scored.flags and not shown:
            _echo_help(services, err=as_json)
            shown = True
        result = services.assessments.record(
            form.id, given, difficulty=difficulty, crisis_shown_at=common.now() if shown else None
        )
        history = services.assessments.history(form.id)
    if as_json:
        common.emit_json(assessments.result_json(scored))
        click.echo(assessments.not_a_diagnosis(), err=True)
        return
    for line in _text_result(result):
        click.echo(line)
    latest = history.points[-1] if history.points else None
    if latest is not None and latest.result.id == result.id and latest.change is not None:
        click.echo(latest.change.words[0].upper() + latest.change.words[1:] + ".")
    click.echo(form.higher_means)
    if history.meaningful_rule:
        click.echo(history.meaningful_rule)
    click.echo(assessments.not_a_diagnosis())


COMMANDS = (assess,)
