"""Assessments screen (a from anywhere, or the palette): one key per answer, back and forth, nothing required; PHQ-9 item 9 above 0
shows the crisis screen before any total and that is stored; history with its trend; 80x24."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from copingkit.core import assessments
from copingkit.core.services import Services
from copingkit.tui.screens.assessments import AssessmentCrisisScreen, AssessmentFormScreen, AssessmentsScreen
from copingkit.tui.widgets.footer import CopingkitFooter

SIZE = (80, 24)


async def open_assessments(pilot, ui) -> AssessmentsScreen:
    await ui.settle(pilot)
    await pilot.press("a")  # from Home, one key
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, AssessmentsScreen)
    return pilot.app.screen


async def take(pilot, ui, instrument_id: str) -> AssessmentFormScreen:
    screen = await open_assessments(pilot, ui)
    index = assessments.instrument_ids().index(instrument_id)
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await ui.settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, AssessmentFormScreen)
    assert screen.highlighted.id == instrument_id
    return form


def footer_actions(app) -> list[str]:
    """The footer keys shown whole inside the window, in order."""
    footer = app.screen.query_one(CopingkitFooter)
    return [key.action for key in footer.query(FooterKey) if key.region.width > 0 and key.region.right <= SIZE[0]]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_phq9_item9_above_zero_shows_the_crisis_screen_before_the_total(demo, ui, clock) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        form = await take(pilot, ui, "phq9")
        await pilot.press("1", "2", "1", "2", "1", "2", "1", "2")
        assert services.assessments.count() == 0
        await pilot.press("1")  # item 9: several days
        await ui.settle(pilot)
        assert isinstance(app.screen, AssessmentCrisisScreen)
        shown = ui.screen_text(app)
        assert assessments.crisis_text() in shown
        assert "Samaritans" in shown  # the person's country's lines (GB in the test config)
        assert "13 of 27" not in ui.dom_text(app)
        assert services.assessments.count() == 0
        await pilot.press("enter")
        await ui.settle(pilot)
        assert app.screen is form
        assert "one more question" in text_of(app, "#assessment-title")
        await pilot.press("1")  # difficulty: somewhat difficult
        await pilot.press("enter")  # finish
        await ui.settle(pilot)
        [result] = services.assessments.list()
        assert (result.score, result.band, result.flags, result.difficulty) == (13, "moderate", ("item9",), 1)
        assert result.crisis_shown_at == clock()
        shown = text_of(app, "#assessment-result")
        assert "13 of 27 · moderate" in shown
        assert assessments.not_a_diagnosis() in shown


async def test_item9_at_zero_shows_no_crisis_screen_and_never_says_safe(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, ui, "phq9")
        await pilot.press(*"000000000")
        await ui.settle(pilot)
        assert isinstance(app.screen, AssessmentFormScreen)
        await pilot.press("enter", "enter")  # past the difficulty item, then finish
        await ui.settle(pilot)
        [result] = services.assessments.list()
        assert (result.score, result.flags, result.crisis_shown_at) == (0, (), None)
        assert "safe" not in text_of(app, "#assessment-result").lower()


async def test_back_and_forth_and_a_blank_is_kept_without_a_total(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        form = await take(pilot, ui, "gad7")
        await pilot.press("3", "3")  # items 1 and 2
        await pilot.press("left", "left", "1")  # back to item 1, change it to 1
        assert form.answers[:2] == [1, 3]
        assert form.page == 1
        await pilot.press("right", "2", "left", "backspace")  # skip item 2, answer then clear item 3
        assert form.answers[:3] == [1, 3, None]
        await pilot.press("right", "right", "right", "right", "right")  # skip to the difficulty item
        assert form.page == form.difficulty_page
        await pilot.press("right", "enter")
        await ui.settle(pilot)
        [result] = services.assessments.list()
        assert result.answers == (1, 3, None, None, None, None, None)
        assert (result.score, result.band, result.complete) == (None, None, False)
        assert "not scored (2 of 7 answered)" in text_of(app, "#assessment-result")


async def test_answer_keys_outside_the_range_do_nothing(demo, ui) -> None:
    app, _services = demo()
    async with app.run_test(size=SIZE) as pilot:
        form = await take(pilot, ui, "phq8")
        await pilot.press("4")  # PHQ-8's answers go to 3: nothing, and the next key still counts
        assert (form.page, form.answers[0]) == (0, None)
        await pilot.press("3")
        assert (form.page, form.answers[0]) == (1, 3)


async def test_pcl5_starts_with_a_content_note_and_flags_the_threshold(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, ui, "pcl5")
        assert assessments.texts().content_note_text in text_of(app, "#assessment-stem")
        await pilot.press("enter")
        await pilot.press(*("2" * 16), "1", "0", "0", "0", "enter")
        await ui.settle(pilot)
        [result] = services.assessments.list()
        assert (result.score, result.band, result.flags) == (33, None, ("pcl5_threshold",))
        shown = text_of(app, "#assessment-result")
        assert "33 of 80" in shown
        assert "probable PTSD" in shown


async def test_who5_result_shows_percent_and_raw(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, ui, "who5")
        await pilot.press("3", "3", "2", "2", "2", "enter")
        await ui.settle(pilot)
        assert "48% (raw 12 of 25) · poor well-being" in text_of(app, "#assessment-result")
        assert services.assessments.list()[0].percent == 48


def two_pcl5(services: Services) -> None:
    start = datetime(2026, 10, 1, 9, tzinfo=UTC)
    services.assessments.record("pcl5", [3] * 15 + [0] * 5, at=start)
    services.assessments.record("pcl5", [3] * 10 + [2] + [0] * 9, at=start + timedelta(weeks=2))


async def test_history_shows_each_result_the_change_and_the_trend(demo, ui) -> None:
    app, _services = demo(seed=two_pcl5)
    async with app.run_test(size=SIZE) as pilot:
        await open_assessments(pilot, ui)
        for _ in range(3):
            await pilot.press("down")
        await ui.settle(pilot)
        shown = text_of(app, "#assessments-history")
        assert "15 Oct 2026  32 of 80  — 13 lower than last time — a meaningful change (10 or more)" in shown
        assert "01 Oct 2026  45 of 80" in shown
        assert "Trend, oldest first: 45 → 32" in shown
        assert "A change of 10 or more counts as meaningful; 5 or more as a response." in shown


async def test_leaving_a_started_form_asks_first(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        form = await take(pilot, ui, "gad7")
        await pilot.press("2", "escape")
        await ui.settle(pilot)
        await pilot.press("escape")  # the question: esc means stay
        await ui.settle(pilot)
        assert app.screen is form
        await pilot.press("escape")
        await ui.settle(pilot)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        assert isinstance(app.screen, AssessmentsScreen)
        assert services.assessments.count() == 0


async def test_get_help_and_lock_are_in_the_footer_and_nothing_is_cut_at_80x24(demo, ui) -> None:
    app, _services = demo(seed=two_pcl5)
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, ui, "phq9")
        await ui.settle(pilot)
        assert footer_actions(app)[:2] == ["get_help", "lock"]
        assert {"move(-1)", "leave"} <= set(footer_actions(app))
        question = app.screen.query_one("#assessment-question", Static)
        assert question.region.right <= SIZE[0]
        await pilot.press(*"00000000", "1")
        await ui.settle(pilot)
        assert isinstance(app.screen, AssessmentCrisisScreen)
        assert footer_actions(app)[:2] == ["get_help", "lock"]
        assert {"continue", "safety_plan"} <= set(footer_actions(app))


async def test_the_palette_opens_assessments(demo, ui) -> None:
    from textual.command import CommandPalette

    app, _services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"assessments")
        await ui.settle(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert isinstance(app.screen, AssessmentsScreen)


async def test_a_place_key_asks_before_leaving_a_started_form(demo, ui) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal

    app, _services = demo()
    async with app.run_test(size=SIZE) as pilot:
        form = await take(pilot, ui, "gad7")
        await pilot.press("2", "c")  # one answer, then the check-in key
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # stay
        await ui.settle(pilot)
        assert app.screen is form
        assert form.answers[0] == 2
        await pilot.press("h")
        await ui.settle(pilot)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_place_key_on_an_untouched_form_just_goes(demo, ui) -> None:
    app, _services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await take(pilot, ui, "who5")
        await pilot.press("h")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
