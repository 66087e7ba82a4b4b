"""Import screen: enter previews what a file adds (and what could not be read, by line), ctrl+s imports it
with a progress bar from a worker, a second import adds nothing, an encrypted jrnl journal opens with its
password (cleared afterwards), and Daylio moods it doesn't know are asked for."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, ProgressBar, Select

from copingkit.tui.screens.import_file import ImportScreen

SIZE = (80, 24)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


async def open_import(pilot, ui) -> ImportScreen:
    await ui.settle(pilot)
    pilot.app.push_screen(ImportScreen())
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, ImportScreen)
    return pilot.app.screen


def summary(app) -> str:
    return str(app.screen.query_one("#import-summary").render())


async def preview(pilot, ui, fmt: str, path: Path) -> None:
    pilot.app.screen.query_one("#import-format", Select).value = fmt
    await ui.settle(pilot)
    await ui.type_into(pilot, "#import-path", str(path))
    await pilot.press("enter")
    await ui.settle(pilot)


async def test_preview_then_import_then_the_same_file_adds_nothing(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, ui)
        assert app.focused is screen.query_one("#import-path", Input)
        await preview(pilot, ui, "jrnl-txt", FIXTURES / "jrnl-default-time.txt")
        assert summary(app) == "This file adds 4 entries. Press ctrl+s to import it."
        told: list[tuple[int, int]] = []
        show = screen._progress
        screen._progress = lambda done, total: told.append((done, total)) or show(done, total)
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert told == [(4, 4)]
        bar = screen.query_one("#import-progress", ProgressBar)
        assert (bar.progress, bar.total) == (4, 4)
        assert summary(app).startswith("Imported 4 records.")
        assert sorted(entry.title or entry.preview for entry in services.journal.list()) == [
            "A long one.",
            "First morning.",
            "Hard evening",
            "Lunch outside",
        ]
        await pilot.press("enter")
        await ui.settle(pilot)
        assert summary(app).startswith("Nothing new: this journal already has everything in that file")
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert "Nothing new to import" in str(screen.query_one("#import-problem").render())
        assert len(services.journal.list()) == 4


async def test_an_encrypted_jrnl_journal_opens_with_its_password_which_is_then_cleared(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, ui)
        await preview(pilot, ui, "jrnl-encrypted", FIXTURES / "jrnl-v3.txt")
        assert "give its password" in str(screen.query_one("#import-problem").render())
        await ui.type_into(pilot, "#import-password", "not it")
        await pilot.press("enter")
        await ui.settle(pilot)
        assert str(screen.query_one("#import-problem").render()) == "That password didn't open the jrnl journal."
        await ui.type_into(pilot, "#import-password", "river stones 42")
        await pilot.press("enter")
        await ui.settle(pilot)
        assert summary(app) == "This file adds 4 entries. Press ctrl+s to import it."
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert len(services.journal.list()) == 4
        assert screen.query_one("#import-password", Input).value == ""


async def test_a_row_that_cant_be_read_is_shown_with_its_line(demo, ui, tmp_path: Path) -> None:
    app, services = demo()
    bad = tmp_path / "daylio.csv"
    bad.write_bytes((FIXTURES / "daylio.csv").read_bytes().replace(b"8:05 AM", b"8 o'clock"))
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot, ui)
        await preview(pilot, ui, "daylio-csv", bad)
        text = summary(app)
        assert text.startswith("This file adds 2 check-ins (1 could not be read).")
        assert 'line 6: "8 o\'clock" is not a time (like 21:30 or 9:30 PM)' in text
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert sorted(c.mood for c in services.checkins.list()) == [1, 5]


async def test_daylio_moods_it_doesnt_know_are_asked_for(demo, ui, tmp_path: Path) -> None:
    app, services = demo()
    custom = tmp_path / "custom.csv"
    custom.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2026-01-01,x,x,10:00,Sunny,,,\n2026-01-02,x,x,10:00,grey,,,\n",
        encoding="utf-8",
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, ui)
        assert not screen.query_one("#import-moods-row").display
        await preview(pilot, ui, "daylio-csv", custom)
        assert "Daylio moods copingkit doesn't know: sunny, grey." in summary(app)
        assert screen.query_one("#import-moods-row").display
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert services.checkins.list() == []
        await ui.type_into(pilot, "#import-moods", "sunny, bright, ok, grey, stormy")
        await pilot.press("enter")
        await ui.settle(pilot)
        assert summary(app) == "This file adds 2 check-ins. Press ctrl+s to import it."
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert sorted(c.mood for c in services.checkins.list()) == [2, 5]


async def test_import_is_one_key_from_home_and_in_the_palette(demo, ui) -> None:
    from copingkit.tui.navigation import CopingkitCommands

    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("m")
        await ui.settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert ("Import", "Move in from jrnl, Daylio, Day One") in [
            (name, words) for name, words, _ in CopingkitCommands(app.screen)._commands()
        ]


async def test_a_day_one_preview_says_how_many_photos_are_left_out(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot, ui)
        await preview(pilot, ui, "dayone-json", FIXTURES / "dayone-Journal.json")
        assert summary(app).splitlines()[:3] == [
            "This file adds 2 entries. Press ctrl+s to import it.",
            "",
            "1 photo was left out: copingkit keeps the words only, and the file you imported from still has them.",
        ]
