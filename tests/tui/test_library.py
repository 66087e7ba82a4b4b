"""Library: browse by reaction, search, favourite, hide, add and edit my own, learned from my group."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, OptionList, Select, SelectionList, TextArea

from copingkit.tui.screens.library import LibraryScreen

SIZE = (100, 32)


async def open_library(pilot, ui) -> LibraryScreen:
    await ui.settle(pilot)
    await pilot.press("l")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, LibraryScreen)
    return pilot.app.screen


def shown(screen: LibraryScreen) -> list[str]:
    return [s.title for s in screen.strategies]


async def select_title(pilot, screen: LibraryScreen, title: str) -> None:
    options = screen.query_one("#library-list", OptionList)
    options.focus()
    options.highlighted = shown(screen).index(title)
    await pilot.pause()


async def test_builtin_strategies_arrive_and_filter_by_reaction_and_search(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, ui)
        assert len(shown(screen)) >= 40 and "Box breathing" in shown(screen)
        screen.query_one("#library-reaction", Select).value = "nightmares-sleep"
        await pilot.pause()
        assert "After a nightmare" in shown(screen) and "Box breathing" not in shown(screen)
        assert all("nightmares-sleep" in s.reactions for s in screen.strategies)
        screen.query_one("#library-reaction", Select).clear()
        await pilot.press("slash")
        await pilot.press(*"breath")
        await pilot.pause()
        assert [s.id for s in screen.strategies] == [s.id for s in app.services.coping.strategies(query="breath")]
        assert "Box breathing" in shown(screen)


async def test_favourite_and_hide_are_stored(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, ui)
        await select_title(pilot, screen, "Box breathing")
        await pilot.press("f")
        await pilot.pause()
        box = services.coping.get_by_slug("box-breathing")
        assert box.favourite and shown(screen)[0] == "Box breathing"
        await pilot.press("2")
        await pilot.pause()
        assert shown(screen) == ["Box breathing"]
        await pilot.press("1")
        await select_title(pilot, screen, "Worry time")
        await pilot.press("x")
        await pilot.pause()
        assert services.coping.get_by_slug("worry-time").hidden
        assert "Worry time" not in shown(screen)
        assert all(s.slug != "worry-time" for s in services.coping.suggest("anxiety-panic"))
        await pilot.press("5")
        await pilot.pause()
        assert shown(screen) == ["Worry time"]
        await pilot.press("x")
        await pilot.pause()
        assert not services.coping.get_by_slug("worry-time").hidden
        assert app.saves >= 3


async def test_add_edit_and_delete_my_own_and_one_learned_from_my_group(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, ui)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#strategy-title", Input).value = "Hold a warm mug"
        form.query_one("#strategy-steps", TextArea).text = "Make a hot drink\n\nHold it with both hands\n"
        form.query_one("#strategy-minutes", Input).value = "5"
        form.query_one("#strategy-reactions", SelectionList).select("numb-disconnected")
        form.query_one("#strategy-from-group", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [learned] = [s for s in services.coping.strategies() if s.title == "Hold a warm mug"]
        assert (learned.source, learned.steps, learned.minutes, learned.reactions) == (
            "group",
            ("Make a hot drink", "Hold it with both hands"),
            5,
            ("numb-disconnected",),
        )
        assert screen.view == "group" and shown(screen) == ["Hold a warm mug"]
        assert "learned from my group" in ui.screen_text(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#strategy-title", Input).value == "Hold a warm mug"
        form.query_one("#strategy-title", Input).value = "Hold a warm cup"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert services.coping.get(learned.id).title == "Hold a warm cup"
        # my own (from the "all" view, so not ticked as from the group), then delete it
        await pilot.press("1", "n")
        await pilot.pause()
        app.screen.query_one("#strategy-title", Input).value = "Text Jo"
        app.screen.query_one("#strategy-steps", TextArea).text = "Open messages\nSay hi"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.view == "mine" and shown(screen) == ["Text Jo"]
        assert services.coping.get_by_slug("text-jo").source == "mine"
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert all(s.title != "Text Jo" for s in services.coping.strategies(include_hidden=True))


async def test_editing_a_builtin_keeps_it_and_marks_it_edited(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_library(pilot, ui)
        await select_title(pilot, screen, "Box breathing")
        assert not screen.check_action("delete", ())
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#strategy-steps", TextArea).text = "In for 3\nOut for 5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = services.coping.get_by_slug("box-breathing")
        assert edited.steps == ("In for 3", "Out for 5") and edited.user_edited and edited.source == "builtin"
