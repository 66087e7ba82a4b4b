"""Homework: what a pack asks for, due first; one key marks an item done and it is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from copingkit.core.packs import read_pack
from copingkit.tui.screens.homework import HomeworkScreen

SIZE = (80, 24)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homework-pack.toml"


def seed(services) -> None:
    services.homework.import_pack(read_pack(EXAMPLE.read_text(encoding="utf-8")))


def rows(screen: HomeworkScreen) -> list[str]:
    options = screen.query_one("#homework-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_homework(pilot, ui) -> HomeworkScreen:
    await ui.settle(pilot)
    await pilot.press("w")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, HomeworkScreen)
    return pilot.app.screen


async def test_w_shows_what_is_due_and_d_marks_the_highlighted_one_done(demo, ui) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_homework(pilot, ui)
        shown = rows(screen)
        assert len(shown) == 7 and all(row.startswith("Due  ") for row in shown)
        first = screen.items[0]
        assert shown[0] == "Due  Write: Write about one moment this week that felt a bit lighter. · due by 2026-12-10"
        assert "Pack: Between sessions: noticing and settling from Sam Rivera, counsellor" in ui.screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        stored = next(item for item in services.homework.items() if item.id == first.id)
        assert (stored.due, stored.done_count) == (False, 1)
        assert rows(screen)[-1].startswith("Done Write: Write about one moment")
        assert app.saves >= 1


async def test_space_marks_done_too_and_a_cadence_counts_up(demo, ui) -> None:
    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_homework(pilot, ui)
        options = screen.query_one("#homework-list", OptionList)
        options.highlighted = next(i for i, item in enumerate(screen.items) if item.kind == "checkin")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        checkin = next(item for item in services.homework.items() if item.kind == "checkin")
        assert (checkin.status, checkin.due) == ("1 of 5 this week", True)


async def test_no_homework_says_how_a_pack_comes_in(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_homework(pilot, ui)
        assert "copingkit pack import FILE" in ui.screen_text(app)


async def _add(pilot, ui, path: Path) -> None:
    from copingkit.tui.modals.text_prompt import TextPromptModal

    await pilot.press("n")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, TextPromptModal)
    await ui.type_into(pilot, "#text-prompt-input", str(path))
    await pilot.press("enter")
    await ui.settle(pilot)


async def test_n_adds_a_pack_after_showing_what_it_holds(demo, ui) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal

    app, services = demo()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_homework(pilot, ui)
        await _add(pilot, ui, EXAMPLE)
        assert isinstance(app.screen, ConfirmModal)
        question = str(app.screen.query_one("#confirm-question").render())
        assert question.splitlines()[:2] == [
            "Pack: Between sessions: noticing and settling",
            "From: Sam Rivera, counsellor",
        ]
        assert "Questionnaires: PHQ-9 (every 2 weeks), GAD-7 (every 2 weeks)" in question.splitlines()
        assert question.endswith("Add it to your journal?")
        assert services.homework.items() == []  # nothing before the answer
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        assert app.screen is screen
        assert len(services.homework.items()) == 7 and len(rows(screen)) == 7
        await _add(pilot, ui, EXAMPLE)  # the same file again adds nothing and asks nothing
        assert app.screen is screen and len(services.homework.items()) == 7


async def test_not_now_adds_nothing(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_homework(pilot, ui)
        await _add(pilot, ui, EXAMPLE)
        await pilot.click("#confirm-no")
        await ui.settle(pilot)
        assert app.screen is screen and services.homework.items() == []


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('colour = "blue"', "week3.toml, line 6: field 'prompts[1].colour': unknown field"),
        (
            'due = "next week"',
            "week3.toml, line 6: field 'prompts[1].due': must be a date like 2026-12-15, without quotes (got 'next week')",
        ),
    ],
)
async def test_a_pack_with_a_mistake_is_refused_with_its_line(demo, ui, tmp_path: Path, line: str, said: str) -> None:
    bad = tmp_path / "week3.toml"
    bad.write_text(f'kind = "pack"\ntitle = "Week 3"\n\n[[prompts]]\ntext = "What helped?"\n{line}\n', encoding="utf-8")
    app, services = demo()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_homework(pilot, ui)
        await _add(pilot, ui, bad)
        assert app.screen is screen
        problem = str(screen.query_one("#homework-problem").render())
        assert problem == f"{said}\nNothing was added; the file needs changing first."
        assert services.homework.items() == []


async def test_a_card_goes_to_the_library_as_learned_from_my_group(demo, ui, tmp_path: Path) -> None:
    card = tmp_path / "card.toml"
    card.write_text(
        'kind = "card"\ntitle = "Cold hands, warm tea"\n\n[[strategies]]\ntitle = "Cold hands, warm tea"\n'
        'steps = ["Hold a warm mug.", "Sip slowly."]\n',
        encoding="utf-8",
    )
    app, services = demo()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_homework(pilot, ui)
        await _add(pilot, ui, card)
        question = str(app.screen.query_one("#confirm-question").render())
        assert 'Adds "Cold hands, warm tea" to your library as learned from my group.' in question.splitlines()
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        learned = [s for s in services.coping.strategies() if s.title == "Cold hands, warm tea"]
        assert [s.source for s in learned] == ["group"]


async def test_a_path_with_no_file_says_so(demo, ui, tmp_path: Path) -> None:
    app, _ = demo()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_homework(pilot, ui)
        await _add(pilot, ui, tmp_path / "nowhere.toml")
        problem = str(screen.query_one("#homework-problem").render())
        assert problem == f"There is no file at {tmp_path / 'nowhere.toml'}; nothing was added."
