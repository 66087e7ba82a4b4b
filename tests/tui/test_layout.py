"""Layout at 80×24, 100×32 and 160×50: nothing cut mid-word, wrapped lines keep their indent,
modals show their own keys, and tick boxes say their state in text."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from copingkit.tui.navigation import PLACES
from copingkit.tui.widgets.footer import CopingkitFooter

SIZES = [(80, 24), (100, 32), (160, 50)]
NAMES = [item.name for item in PLACES]


async def open_screen(pilot, ui, name: str):
    await ui.settle(pilot)
    if name != "home":
        pilot.app.go(name)
        await ui.settle(pilot)
    return pilot.app.screen


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("name", NAMES)
async def test_placeholders_and_footer_keys_are_never_cut(demo, ui, name: str, size) -> None:
    app, _ = demo()
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot, ui, name)
        for box in screen.query(Input):
            if box.display and box.placeholder and not box.value:
                assert len(box.placeholder) <= box.content_region.width, (box.id, box.placeholder)
        footer = screen.query_one(CopingkitFooter)
        keys = list(footer.query(FooterKey))
        palette = next(key for key in keys if key.has_class("-command-palette"))
        for key in keys:
            if key is not palette:
                assert key.region.right <= palette.region.x, (key.description, key.region, palette.region)
        assert [key.action for key in keys[:2]] == ["get_help", "lock"]
        assert keys[0].key_display == "f1/^f", "both Get help keys, as one item"


async def test_a_learn_bullet_that_wraps_stays_under_its_text(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ui, "learn")
        bullets = list(screen.query(".learn-bullet"))
        assert bullets
        wrapped = [b for b in bullets if b.query_one(".learn-bullet-text").region.height > 1]
        assert wrapped, "at 80 columns some bullets wrap"
        for bullet in wrapped:
            mark, text = bullet.query_one(".learn-bullet-mark"), bullet.query_one(".learn-bullet-text")
            assert text.region.x == mark.region.right


async def test_the_strategy_form_opens_at_its_title_with_its_own_keys(demo, ui) -> None:
    from copingkit.tui.modals.strategy_form import StrategyFormModal

    app, _ = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, ui, "library")
        await pilot.press("ctrl+e")
        await ui.settle(pilot)
        form = app.screen
        assert isinstance(form, StrategyFormModal)
        assert form.query_one("#strategy-form").scroll_y == 0
        keys = {key.action for key in form.query_one(CopingkitFooter).query(FooterKey)}
        assert {"cancel", "save"} <= keys


@pytest.mark.parametrize("modal", ["confirm", "delete-forever"])
async def test_every_modal_shows_its_own_keys(demo, ui, modal: str) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal
    from copingkit.tui.modals.confirm_delete_forever import ConfirmDeleteForever

    app, _ = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        app.push_screen(
            ConfirmModal("Delete it?") if modal == "confirm" else ConfirmDeleteForever("Hard night", "today")
        )
        await ui.settle(pilot)
        keys = {key.key for key in app.screen.query_one(CopingkitFooter).query(FooterKey)}
        assert "escape" in keys


@pytest.mark.parametrize("ticked", [False, True])
async def test_a_tick_box_says_its_state_in_text(demo, ui, monkeypatch, ticked: bool) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app, _ = demo(lambda services: services.journal.create("words", starred=ticked))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_screen(pilot, ui, "journal")
        await pilot.press("enter")
        await ui.settle(pilot)
        box = app.screen.query_one("#editor-starred")
        assert str(box.render()).startswith("▐X▌" if ticked else "▐ ▌")


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_homes_empty_chart_hint_is_whole(demo, ui, size) -> None:
    from copingkit.tui.widgets.mood_chart import MoodChart

    app, _ = demo()
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot, ui, "home")
        chart = screen.query_one(MoodChart)
        lines = str(chart.render()).splitlines()
        assert " ".join(" ".join(lines).split()).endswith(
            "No check-ins in these days yet. Press 1–5 whenever you like."
        )
        assert all(len(line) <= chart.content_region.width for line in lines)
        assert chart.content_region.height == len(lines)


async def test_learn_web_addresses_wrap_only_after_a_separator(demo, ui) -> None:
    from copingkit.tui.widgets.url_text import UrlText

    app, _ = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ui, "learn")
        wrapped = 0
        for index in range(len(screen.cards)):
            screen.show_card(index)
            await ui.settle(pilot)
            for address in screen.query(UrlText):
                lines = str(address.render()).splitlines()
                assert "".join(lines) == address.url
                assert all(line[-1] in "/?&-" for line in lines[:-1]), lines
                assert len(lines) == address.content_region.height
                wrapped += len(lines) > 1
        assert wrapped, "at 80 columns some addresses are longer than the card is wide"


async def _tick_box_text(pilot, selector: str) -> tuple[str, str]:
    box = pilot.app.screen.query_one(selector)
    before = str(box.render())[:3]
    box.value = True
    await pilot.pause()
    return before, str(box.render())[:3]


async def test_the_create_screens_written_down_box_says_its_state_in_text(
    make_app, vault_path, ui, monkeypatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        assert await _tick_box_text(pilot, "#written-down") == ("▐ ▌", "▐X▌")


async def test_the_change_keys_written_down_box_says_its_state_in_text(
    make_app, existing_vault, ui, monkeypatch
) -> None:
    from textual.widgets import Button

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.unlock(pilot)
        app.go("settings")
        await ui.settle(pilot)
        app.screen.query_one("#settings-passwd", Button).press()
        await ui.settle(pilot)
        assert await _tick_box_text(pilot, "#keys-written") == ("▐ ▌", "▐X▌")


async def test_home_latest_entries_show_the_whole_time_at_80_columns(demo, ui) -> None:
    app, services = demo(lambda services: services.journal.create("Walked by the river today", title="A walk"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ui, "home")
        latest = screen.query_one("#home-latest")
        first = services.journal.list(limit=1)[0]
        row = "".join(segment.text for segment in latest.render_line(0)).strip()
        assert row.startswith(first.created_at.astimezone().strftime("%H:%M")), row
        assert row.endswith("…"), "the row is narrower than its text: the date's end is what gives way"


async def test_a_get_help_line_that_wraps_stays_under_its_text(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        await ui.settle(pilot)
        await pilot.press("f1")
        await ui.settle(pilot)
        rows = list(app.screen.query(".help-item-line"))
        wrapped = [row for row in rows if row.query_one(".help-item-text").region.height > 1]
        assert wrapped, "at 80 columns some ways to reach a line wrap"
        for row in wrapped:
            name = row.parent.query(".help-item-name").first()
            assert row.query_one(".help-item-text").region.x == name.region.x + 4


@pytest.mark.parametrize("name", ["coping", "library"])
async def test_a_strategy_step_that_wraps_stays_under_its_text(demo, ui, name: str) -> None:
    app, _ = demo()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, ui, name)
        if name == "coping":
            from textual.widgets import OptionList

            options = screen.query_one("#coping-reactions", OptionList)
            options.focus()
            options.highlighted = options.get_option_index("anxiety-panic")
            await pilot.press("enter", "s")
            await ui.settle(pilot)
            assert screen.stage == "strategy"
        wrapped = []
        for _ in range(5):  # the next strategies, until one has a step long enough to wrap
            steps = list(screen.query(".strategy-step"))
            assert steps
            wrapped = [step for step in steps if step.query_one(".strategy-step-text").region.height > 1]
            if wrapped:
                break
            await pilot.press("n" if name == "coping" else "down")
            await ui.settle(pilot)
        assert wrapped, "at 80 columns some steps wrap"
        for step in wrapped:
            number, text = step.query_one(".strategy-step-number"), step.query_one(".strategy-step-text")
            assert text.region.x == number.region.right
