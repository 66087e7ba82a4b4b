"""The journal: a list that loads a page at a time, search as you type, filters, and gentle deletes.

Deleted entries wait in a second view of the same list (x), where they can be restored or
deleted forever, so nothing a person wrote is lost once the undo window has passed.

Reading the journal (a page, a count, a search) runs in thread workers so the screen stays
responsive at tens of thousands of entries; results come back as messages and stale ones
(from an older filter or query) are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.services.readmodels import Entry, EntrySummary, SearchHit
from copingkit.core.thought_record import KIND as RECORD_KIND
from copingkit.tui.context import app_context, open_services
from copingkit.tui.modals.confirm_delete_forever import ConfirmDeleteForever
from copingkit.tui.widgets.entry_list import EntryList, entry_label, when_text
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.search_results import SearchResults
from copingkit.tui.widgets.tag_filter import JournalFilter, TagFilter

PAGE_SIZE = 50
SEARCH_DELAY = 0.25
SEARCH_LIMIT = 50
UNDO_SECONDS = 12.0


class PageLoaded(Message):
    def __init__(
        self, generation: int, offset: int, entries: Sequence[EntrySummary], total: int | None, error: str = ""
    ) -> None:
        super().__init__()
        self.generation = generation
        self.offset = offset
        self.entries = entries
        self.total = total
        self.error = error


class SearchFinished(Message):
    def __init__(self, query: str, hits: Sequence[SearchHit], error: str = "") -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.error = error


def filter_arguments(value: JournalFilter) -> dict[str, Any]:
    """Local calendar days go to the service as days, which it reads as the person's local days."""
    arguments: dict[str, Any] = {"tag": value.tag, "starred": value.starred}
    if value.date_from is not None:
        arguments["date_from"] = value.date_from
    if value.date_to is not None:
        arguments["date_to"] = value.date_to
    return arguments


TRASH_NOTE = "Deleted entries — restore with r, or delete forever with ctrl+d. They stay here until you choose."


class JournalScreen(Screen):
    """Every entry, newest first; / searches, f filters, n writes, x shows the deleted ones."""

    CSS_PATH = "journal.tcss"
    AUTO_FOCUS = "#journal-list"

    BINDINGS = [
        Binding("n", "new_entry", "New", id="journal-new-entry"),
        Binding("e", "new_thought_record", "Thought record", id="journal-new-thought-record"),
        Binding("enter", "open_entry", "Open", id="journal-open-entry"),
        Binding("s", "toggle_star", "Star", id="journal-toggle-star"),
        Binding("t", "toggle_share", "Share", id="journal-toggle-share"),
        Binding("d", "delete", "Delete", id="journal-delete-entry"),
        Binding("u", "undo", "Undo", id="journal-undo-delete"),
        Binding("r", "restore", "Restore", id="journal-restore-entry"),
        Binding("ctrl+d", "delete_forever", "Delete forever", id="journal-delete-forever"),
        # Not in the footer: at 100 columns it would push f1 Get help off the edge. The delete
        # message and the README name it; inside the trash, x is shown as the way back.
        Binding("x", "show_trash(True)", "Deleted", id="journal-show-deleted"),
        Binding("x", "show_trash(False)", "Journal", id="journal-show-entries"),
        Binding("slash", "focus_search", "Search", id="journal-focus-search"),
        Binding("f", "focus_filters", "Filter", id="journal-focus-filters"),
        Binding("escape", "back", "Back", show=False, id="journal-back"),
        Binding("down", "focus_list", "To the list", show=False, id="journal-focus-list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = JournalFilter()
        self._generation = 0
        self._search_timer: Timer | None = None
        self._undo_timer: Timer | None = None
        self.undo_stack: list[tuple[int, str]] = []
        self._stale = False
        self._reselect: int | None = None
        self.trash = False
        """True while the list shows deleted entries instead of the journal."""

    def compose(self) -> ComposeResult:
        with Vertical(id="journal-body"):
            with Horizontal(id="journal-top"):
                yield Input(placeholder="Search your journal  ( / )", id="journal-search")
                yield Static("", id="journal-count")
            yield TagFilter(id="journal-filter")
            yield Static(TRASH_NOTE, id="journal-trash-note")
            with ContentSwitcher(initial="journal-list", id="journal-views"):
                yield EntryList(id="journal-list")
                yield SearchResults(id="journal-results")
            yield Static("", id="journal-message")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self._load_tags()
        self.reload()

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self._load_tags()
            self.reload()
            self._rerun_search()

    # -- loading --------------------------------------------------------------------------------

    @property
    def entry_list(self) -> EntryList:
        return self.query_one("#journal-list", EntryList)

    @property
    def results(self) -> SearchResults:
        return self.query_one("#journal-results", SearchResults)

    @property
    def searching(self) -> bool:
        return self.query_one(ContentSwitcher).current == "journal-results"

    def _load_tags(self) -> None:
        names = [tag.name for tag in open_services(self).tags.list() if tag.entries]
        self.query_one(TagFilter).set_tags(sorted(names))

    def reload(self) -> None:
        """Start again from the first page of the current filter."""
        self._generation += 1
        self.load_page(self._generation, 0, self.filter, self.trash)

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal-page")
    def load_page(self, generation: int, offset: int, value: JournalFilter, trash: bool = False) -> None:
        journal = open_services(self).journal
        arguments = filter_arguments(value) | {"deleted": trash}
        try:
            entries = journal.list(limit=PAGE_SIZE, offset=offset, **arguments)
            total = journal.count(**arguments) if offset == 0 else None
        except InvalidInput as error:
            entries, total, message = [], 0, str(error)
        else:
            message = ""
        if not get_current_worker().is_cancelled:
            self.post_message(PageLoaded(generation, offset, entries, total, message))

    @on(PageLoaded)
    def page_loaded(self, event: PageLoaded) -> None:
        if event.generation != self._generation:
            return
        entry_list = self.entry_list
        if event.offset == 0:
            entry_list.show_page(event.entries, event.total or 0)
            if self._reselect is not None:
                entry_list.select_entry(self._reselect)
                self._reselect = None
        elif event.offset == entry_list.loaded:
            entry_list.append_page(event.entries, entry_list.total)
        else:
            entry_list.retry()
        self._show_count()
        self.refresh_bindings()
        if event.error:
            self._message(event.error)
        elif not entry_list.total and self.trash:
            self._message(
                "No deleted entries match these filters."
                if self.filter.active
                else "No deleted entries. Anything you delete waits here until you bring it back or let it go."
            )
        elif not entry_list.total and not self.searching:
            self._message(
                "No entries match these filters." if self.filter.active else "Nothing here yet. Press n to write."
            )

    @on(Worker.StateChanged)
    def worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "journal-page" and event.state is WorkerState.ERROR:
            self.entry_list.give_up()
            self._message("Couldn't load more entries just now; scroll again to retry.")
        elif event.worker.group == "journal-search" and event.state is WorkerState.ERROR:
            self._message("Search didn't work just now; try again in a moment.")

    @on(EntryList.NeedMore)
    def need_more(self, event: EntryList.NeedMore) -> None:
        self.load_page(self._generation, event.offset, self.filter, self.trash)

    def _show_count(self) -> None:
        total = self.entry_list.total
        if self.trash:
            text = f"{total:,} deleted"
        else:
            text = f"{total:,} {'entry' if total == 1 else 'entries'}"
        self.query_one("#journal-count", Static).update(text)

    @on(TagFilter.Changed)
    def filter_changed(self, event: TagFilter.Changed) -> None:
        app_context(self).note_activity()
        self.filter = event.value
        self._message("")
        self.reload()

    # -- search ---------------------------------------------------------------------------------

    @on(Input.Changed, "#journal-search")
    def search_changed(self, event: Input.Changed) -> None:
        event.stop()
        app_context(self).note_activity()
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        query = event.value.strip()
        if not query:
            self.query_one(ContentSwitcher).current = "journal-list"
            self._message("")
            self.refresh_bindings()
            return
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self.run_search(query), name="journal-search")

    def _rerun_search(self) -> None:
        query = self.query_one("#journal-search", Input).value.strip()
        if query:
            self.run_search(query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal-search")
    def run_search(self, query: str) -> None:
        try:
            hits, message = open_services(self).journal.search(query, limit=SEARCH_LIMIT), ""
        except InvalidInput as error:
            hits, message = [], str(error)
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(query, hits, message))

    @on(SearchFinished)
    def search_finished(self, event: SearchFinished) -> None:
        if event.query != self.query_one("#journal-search", Input).value.strip():
            return
        self.results.show_hits(event.query, event.hits)
        self.query_one(ContentSwitcher).current = "journal-results"
        self.refresh_bindings()
        if event.error:
            self._message(event.error)
        elif event.hits:
            more = " (the best 50)" if len(event.hits) >= SEARCH_LIMIT else ""
            self._message(f"{len(self.results.hits)} found{more}, best first. Enter opens one; escape clears.")
        else:
            self._message(f"Nothing found for “{event.query}”.")

    @on(Input.Submitted, "#journal-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        (self.results if self.searching else self.entry_list).focus()

    # -- the entry under the cursor ---------------------------------------------------------------

    def _current_id(self) -> int | None:
        if self.searching:
            return self.results.current_id
        entry = self.entry_list.current
        return None if entry is None else entry.id

    def _current_summary(self) -> EntrySummary | None:
        entry_id = self._current_id()
        return None if entry_id is None else self.entry_list.entries.get(entry_id)

    def _label(self, entry_id: int) -> tuple[str, str]:
        """(title or first words, when) for messages and the delete-forever question."""
        entry: EntrySummary | Entry | None = self.entry_list.entries.get(entry_id)
        if entry is None:
            entry = open_services(self).journal.get(entry_id)
        return entry_label(entry), when_text(entry.created_at)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_trash":
            return bool(parameters and parameters[0]) != self.trash
        if self.trash and action in ("new_entry", "open_entry", "toggle_star", "toggle_share", "delete", "undo"):
            return False
        if not self.trash and action in ("restore", "delete_forever"):
            return False
        if action == "focus_search":
            return not self.trash
        if action == "undo":
            return bool(self.undo_stack)
        if action in ("open_entry", "toggle_star", "toggle_share", "delete", "delete_forever", "restore"):
            return not self.is_mounted or self._current_id() is not None
        return True

    @on(EntryList.OptionHighlighted)
    @on(SearchResults.OptionHighlighted)
    def _highlight_moved(self) -> None:
        self.refresh_bindings()

    def action_open_entry(self) -> None:
        entry_id = self._current_id()
        if entry_id is not None:
            self._open(entry_id)

    @on(EntryList.Opened)
    @on(SearchResults.Opened)
    def opened(self, event: EntryList.Opened | SearchResults.Opened) -> None:
        if self.trash:
            self._message("To read or change it, bring it back with r first.")
            return
        self._open(event.entry_id)

    def _open(self, entry_id: int) -> None:
        try:
            kind = open_services(self).journal.get(entry_id).kind
        except NotFound:
            self.reload()
            return
        self._stale = True
        self._reselect = entry_id
        form = "thought-record" if kind == RECORD_KIND else "editor"
        app_context(self).push_destination(form, entry_id=entry_id)

    def action_new_thought_record(self) -> None:
        """A thought record in its own form; it is listed and searched with the other entries."""
        self._stale = True
        app_context(self).push_destination("thought-record")

    def action_new_entry(self) -> None:
        self._stale = True
        app_context(self).push_destination("editor")

    def _toggle(self, field: str) -> None:
        entry_id = self._current_id()
        if entry_id is None:
            return
        app_context(self).note_activity()
        journal = open_services(self).journal
        try:
            entry = journal.get(entry_id)
            entry = journal.update(entry_id, **{field: not getattr(entry, field)})
        except NotFound:
            self._message("That entry is no longer in your journal.")
            return
        summary = self.entry_list.entries.get(entry_id)
        if summary is not None:
            self.entry_list.update_entry(replace(summary, starred=entry.starred, shared=entry.shared))
        label, _ = self._label(entry_id)
        if field == "starred":
            self._message(f"Starred “{label}”." if entry.starred else f"Took the star off “{label}”.")
        else:
            self._message(
                f"“{label}” is marked to share with your therapist."
                if entry.shared
                else f"“{label}” is no longer marked to share."
            )

    def action_toggle_star(self) -> None:
        self._toggle("starred")

    def action_toggle_share(self) -> None:
        self._toggle("shared")

    def action_delete(self) -> None:
        entry_id = self._current_id()
        if entry_id is None:
            return
        app_context(self).note_activity()
        label, _ = self._label(entry_id)
        try:
            open_services(self).journal.delete(entry_id)
        except NotFound:
            return
        self._forget(entry_id)
        self.undo_stack.append((entry_id, label))
        self._message(f"Deleted “{label}”. Press u to undo; x shows deleted entries any time.")
        if self._undo_timer is not None:
            self._undo_timer.stop()
        self._undo_timer = self.set_timer(UNDO_SECONDS, self._undo_expired, name="journal-undo")
        self.refresh_bindings()

    def _undo_expired(self) -> None:
        self.undo_stack.clear()
        self._undo_timer = None
        self._message("")
        self.refresh_bindings()

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        app_context(self).note_activity()
        entry_id, label = self.undo_stack.pop()
        try:
            open_services(self).journal.restore(entry_id)
        except NotFound:
            self._message("That entry can't be brought back.")
            return
        self._message(f"Brought back “{label}”.")
        self.refresh_bindings()
        self.reload()
        self._rerun_search()

    def action_restore(self) -> None:
        """Bring a deleted entry back into the journal, long after the undo window."""
        entry_id = self._current_id()
        if not self.trash or entry_id is None:
            return
        app_context(self).note_activity()
        label, _ = self._label(entry_id)
        try:
            open_services(self).journal.restore(entry_id)
        except NotFound:
            self._message("That entry can't be brought back.")
            return
        self._forget(entry_id)
        self.undo_stack = [item for item in self.undo_stack if item[0] != entry_id]
        self._message(f"Brought back “{label}”. It is in your journal again.")

    def action_show_trash(self, trash: bool) -> None:
        """Switch the list between the journal and the deleted entries."""
        if trash == self.trash:
            return
        app_context(self).note_activity()
        self.trash = trash
        self.set_class(trash, "-trash")
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        search = self.query_one("#journal-search", Input)
        search.value = ""
        search.disabled = trash
        self.query_one(ContentSwitcher).current = "journal-list"
        self._message("")
        self.entry_list.show_page([], 0)
        self._show_count()
        self.entry_list.focus()
        self.refresh_bindings()
        self.reload()

    def action_delete_forever(self) -> None:
        entry_id = self._current_id()
        if entry_id is None:
            return
        app_context(self).note_activity()
        label, when = self._label(entry_id)

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                self._message("Kept it.")
                return
            try:
                open_services(self).journal.purge(entry_id)
            except NotFound:
                pass
            self._forget(entry_id)
            self.undo_stack = [item for item in self.undo_stack if item[0] != entry_id]
            self.refresh_bindings()
            self._message(f"“{label}” is gone for good.")

        self.app.push_screen(ConfirmDeleteForever(label, when), done)

    def _forget(self, entry_id: int) -> None:
        self.entry_list.remove_entry(entry_id)
        self.results.remove_entry(entry_id)
        self._show_count()
        self.refresh_bindings()

    # -- focus and leaving ---------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_focus_list(self) -> None:
        (self.results if self.searching else self.entry_list).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#filter-tag").focus()

    def action_back(self) -> None:
        """Escape clears a search, then returns to the list, then leaves the deleted entries, then the journal."""
        search = self.query_one("#journal-search", Input)
        if search.value:
            search.value = ""
            self.entry_list.focus()
            return
        if self.focused not in (None, self.entry_list, self.results):
            self.entry_list.focus()
            return
        if self.trash:
            self.action_show_trash(False)
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def _message(self, text: str) -> None:
        self.query_one("#journal-message", Static).update(text)
