"""SVG snapshots of the everyday screens: home, the journal list and search, the editor, check-in.

Plain `def` tests (snap_compare runs its own event loop), fixed size, theme, clock and time zone,
no animation, no cursor blink, and a demo vault seeded with the same few entries every time.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot

from copingkit.core.services import Services
from tests.support.snapshots import AT, demo_app, still
from tests.support.timers import TestTime

SIZE = (100, 32)


def seed(services: Services) -> None:
    journal, checkins = services.journal, services.checkins
    journal.create(
        "Walked by the river after group. Sam talked about sleeping with the light on and I didn't feel so odd.",
        title="After group",
        tags=["group", "walk"],
        at=AT - timedelta(hours=15),
        shared=True,
    )
    journal.create("Bad dream again. Did the 5-4-3-2-1 thing and made tea.", at=AT - timedelta(days=1, hours=6))
    journal.create(
        "Called my sister. We laughed about the old caravan.",
        title="Phone call",
        at=AT - timedelta(days=3),
        starred=True,
    )
    journal.create("Tired. Short walk anyway.", tags=["walk"], at=AT - timedelta(days=6))
    for days, mood in ((0, 3), (1, 2), (2, 2), (4, 3), (5, 4), (8, 3), (11, 4), (13, 5)):
        checkins.create(mood, at=AT - timedelta(days=days, hours=2))
    checkins.create(
        4,
        at=AT - timedelta(minutes=30),
        emotions={"calm": 6, "anxious": 3},
        energy=3,
        sleep_hours=6.5,
        coping_confidence=7,
        note="slept better",
    )


def make_app(home: Path, *, theme: str = "copingkit-calm"):  # type: ignore[no-untyped-def]
    return demo_app(seed, config_path=home / "config.toml", theme=theme)


def test_home(snap_compare, isolated_home: Path) -> None:
    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=still)


def test_home_after_a_one_key_check_in(snap_compare, isolated_home: Path) -> None:
    async def check_in(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("4")
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=check_in)


def test_journal_list(snap_compare, isolated_home: Path) -> None:
    async def open_journal(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("j")
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=open_journal)


def test_journal_search(snap_compare, isolated_home: Path) -> None:
    from copingkit.tui.screens.journal import SEARCH_DELAY

    app = make_app(isolated_home)

    async def search(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("j")
        await still(pilot)
        await pilot.press("slash", *"walk")
        await test_time.advance(pilot, SEARCH_DELAY)
        await still(pilot)

    with TestTime(app.clock).installed() as test_time:
        assert snap_compare(app, terminal_size=SIZE, run_before=search)


def test_delete_forever_question(snap_compare, isolated_home: Path) -> None:
    async def ask(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("j")
        await still(pilot)
        await pilot.press("d", "x")
        await still(pilot)
        await pilot.press("ctrl+d")
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=ask)


def test_editor_on_an_entry(snap_compare, isolated_home: Path) -> None:
    async def open_entry(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("j")
        await still(pilot)
        await pilot.press("enter")
        await still(pilot)
        pilot.app.screen.set_focus(None)  # a text cursor mid-blink would make the picture flaky
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=open_entry)


def test_check_in(snap_compare, isolated_home: Path) -> None:
    async def open_check_in(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("c")
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=open_check_in)


def test_prompt_picker_with_a_content_note(snap_compare, isolated_home: Path) -> None:
    from copingkit.core.content import load_prompts

    noted = next(index for index, prompt in enumerate(load_prompts()) if prompt.content_note)

    async def pick(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("n")
        await still(pilot)
        await pilot.press("ctrl+o")
        await still(pilot)
        pilot.app.screen.query_one("#prompt-list").highlighted = noted
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=pick)


def test_home_high_contrast(snap_compare, isolated_home: Path) -> None:
    app = make_app(isolated_home, theme="copingkit-high-contrast")
    assert snap_compare(app, terminal_size=SIZE, run_before=still)
