"""The coping picker takes the words people type: synonyms start the loop, anything else gets "did you mean"."""

from __future__ import annotations

from copingkit.tui.screens.coping import CopingScreen

SIZE = (100, 32)


async def type_words(pilot, ui, words: str) -> CopingScreen:
    await ui.settle(pilot)
    await pilot.press("o")
    await ui.settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CopingScreen)
    screen.query_one("#coping-words").focus()
    await pilot.pause()
    await pilot.press(*words, "enter")
    await pilot.pause()
    return screen


async def test_a_plain_word_starts_the_loop_for_its_reaction(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_words(pilot, ui, "panic")
        assert screen.stage == "before" and screen.reaction == "anxiety-panic"
        assert "Anxiety and panic" in ui.screen_text(app)


async def test_a_phrase_with_a_synonym_in_it_works_too(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_words(pilot, ui, "feeling on edge")
        assert (screen.stage, screen.reaction) == ("before", "on-edge")


async def test_anything_else_stays_on_the_list_and_says_did_you_mean(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_words(pilot, ui, "nightmear")
        assert screen.stage == "pick"
        text = " ".join(ui.screen_text(app).split())
        assert "Did you mean nightmares and poor sleep?" in text
        assert "Pick from the list above" in text
