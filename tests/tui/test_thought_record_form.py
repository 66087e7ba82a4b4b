"""The thought record form: reached from the journal (e), saved as you type, found by search, kept across a lock."""

from __future__ import annotations

from textual.widgets import Input, TextArea
from textual.widgets._footer import FooterKey

from copingkit.core.thought_record import Feeling, ThoughtRecord
from copingkit.tui.drafts import FLUSH_SECONDS
from copingkit.tui.screens.journal import SEARCH_DELAY, JournalScreen
from copingkit.tui.screens.thought_record import ThoughtRecordScreen
from copingkit.tui.widgets.entry_list import EntryList
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.search_results import SearchResults

SIZE = (100, 32)

TYPED = {
    "#record-situation": "Waiting for a reply after the meeting",
    "#record-automatic-thought": "They think my idea was useless",
    "#record-emotions": "anxious 80, ashamed 60",
    "#record-evidence-for": "Nobody answered for two hours",
    "#record-evidence-against": "Priya thanked me",
    "#record-balanced-thought": "Silence is not a verdict on me",
    "#record-emotions-after": "anxious 35, ashamed 20",
}
RECORD = ThoughtRecord(
    situation="Waiting for a reply after the meeting",
    automatic_thought="They think my idea was useless",
    emotions=(Feeling("anxious", 80), Feeling("ashamed", 60)),
    evidence_for="Nobody answered for two hours",
    evidence_against="Priya thanked me",
    balanced_thought="Silence is not a verdict on me",
    emotions_after=(Feeling("anxious", 35), Feeling("ashamed", 20)),
)


async def open_form(pilot, ui) -> ThoughtRecordScreen:
    """From home: j for the journal, then e for a new thought record."""
    await ui.settle(pilot)
    await pilot.press("j")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)
    shown = {(key.key, key.description) for key in pilot.app.screen.query_one(CopingkitFooter).query(FooterKey)}
    assert ("e", "Thought record") in shown, "e is shown in the journal's footer"
    await pilot.press("e")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, ThoughtRecordScreen)
    return pilot.app.screen


async def type_record(pilot, form: ThoughtRecordScreen) -> None:
    """Each part typed in order, moving on with tab as a person would."""
    for selector, text in TYPED.items():
        assert form.focused is form.query_one(selector), selector
        await pilot.press(*text, "tab")


async def test_a_typed_record_is_saved_as_a_journal_entry_and_found_by_search(demo, ui, test_time) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, ui)
        await type_record(pilot, form)
        await test_time.advance(pilot, FLUSH_SECONDS)
        assert form.entry_id is not None
        assert services.journal.thought_record(form.entry_id) == RECORD
        assert services.journal.get(form.entry_id).kind == "thought_record"

        await pilot.press("escape")
        await ui.settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        listed = journal.query_one(EntryList)
        assert listed.option_count == 1
        assert "Thought record" in str(listed.get_option_at_index(0).prompt), "listed like any entry, named by its kind"
        await pilot.press("slash", *"verdict")
        await test_time.advance(pilot, SEARCH_DELAY)
        await ui.settle(pilot)
        assert [hit.entry_id for hit in journal.query_one(SearchResults).hits] == [form.entry_id]


async def test_opening_a_record_from_the_journal_shows_its_form_filled_in(demo, ui, test_time) -> None:
    app, services = demo(lambda services: services.journal.create_thought_record(RECORD))
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("j")
        await ui.settle(pilot)
        await pilot.press("enter")
        await ui.settle(pilot)
        form = app.screen
        assert isinstance(form, ThoughtRecordScreen)
        assert form.query_one("#record-evidence-against", TextArea).text == "Priya thanked me"
        assert form.query_one("#record-emotions", Input).value == "anxious 80, ashamed 60"
        form.query_one("#record-balanced-thought", TextArea).focus()
        await pilot.press("end", *" today")
        await test_time.advance(pilot, FLUSH_SECONDS)
        assert services.journal.thought_record(form.entry_id).balanced_thought == "Silence is not a verdict on me today"
        assert services.journal.count() == 1, "the same entry, changed"


async def test_an_intensity_above_100_is_named_and_no_word_is_lost(demo, ui, test_time) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, ui)
        await pilot.press(*"On the bus", "tab", *"Everyone is staring", "tab", *"scared 150")
        await test_time.advance(pilot, FLUSH_SECONDS)
        assert "from 0 to 100" in str(form.query_one("#record-status").render())
        record = services.journal.thought_record(form.entry_id)
        assert (record.situation, record.automatic_thought) == ("On the bus", "Everyone is staring")
        assert record.other == "## Emotions\n\nscared 150"
        await pilot.press("backspace", "backspace")
        await test_time.advance(pilot, FLUSH_SECONDS)
        record = services.journal.thought_record(form.entry_id)
        assert (record.emotions, record.other) == ((Feeling("scared", 1),), "")


async def test_a_record_survives_lock_and_unlock(make_app, existing_vault, ui, test_time) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        form = await open_form(pilot, ui)
        await type_record(pilot, form)
        await pilot.press("ctrl+l")  # no pause first: the lock itself writes what is on the form
        await ui.settle(pilot)
        assert app.services is None and "verdict" not in app.export_screenshot()
        await ui.unlock(pilot)
        [summary] = app.services.journal.list()
        assert app.services.journal.thought_record(summary.id) == RECORD
        assert [hit.entry_id for hit in app.services.journal.search("Priya")] == [summary.id]
