"""Locking: ctrl+l, the panic key, idle auto-lock, and a save that fails."""

from __future__ import annotations

import pytest

from copingkit.core.vault import TEST_KDF, Vault, errors, read_identity
from copingkit.tui.screens.unlock import UnlockScreen
from tests.support.stored import stored_bodies

CANARY = "canary-7f3a9q-lighthouse"
SIZE = (100, 32)


async def open_with_canary(pilot, ui) -> None:
    """Unlock, write the canary through the services, and show it in the journal list."""
    app = pilot.app
    await ui.unlock(pilot)
    assert app.unlocked
    app.services.journal.create(CANARY)
    app.request_save()
    app.go("journal")
    await ui.settle(pilot)


def assert_nothing_personal_left(app, ui, earlier_screens=()) -> None:
    assert isinstance(app.screen, UnlockScreen)
    assert list(app._screen_stacks) == ["_default"], "the unlocked mode and its screens are gone"
    assert not any(screen.is_attached for screen in earlier_screens)
    assert CANARY not in ui.dom_text(app)
    assert CANARY not in app.export_screenshot()
    assert app.vault is None and app.services is None
    assert [type(screen).__name__ for screen in app.screen_stack] == ["BlankScreen", "UnlockScreen"]


async def test_ctrl_l_saves_then_locks_and_leaves_no_journal_text(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_with_canary(pilot, ui)
        assert CANARY in app.export_screenshot(), "the canary should be on screen before the lock"
        earlier = list(app.screen_stack)
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert_nothing_personal_left(app, ui, earlier)
        assert "Lock" not in {binding.binding.description for binding in app.screen.active_bindings.values()}
    assert stored_bodies(existing_vault, ui.PASSPHRASE) == [CANARY]


async def test_unlock_after_lock_shows_the_journal_again(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_with_canary(pilot, ui)
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        await ui.unlock(pilot)
        assert app.unlocked
        assert [entry.body for entry in (app.services.journal.get(s.id) for s in app.services.journal.list())] == [
            CANARY
        ]


async def test_panic_key_hides_everything_at_once_then_saves(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_with_canary(pilot, ui)
        app.saver.debounce_seconds = 60
        app.services.journal.create(CANARY + "-unsaved")
        generation = read_identity(existing_vault)[1]
        await pilot.press("f12")
        # Before any save has had a chance to finish, nothing personal is on screen.
        assert isinstance(app.screen, UnlockScreen)
        assert CANARY not in ui.dom_text(app)
        assert app.services is None
        await ui.settle(pilot)
        assert_nothing_personal_left(app, ui)
        assert read_identity(existing_vault)[1] > generation
    assert sorted(stored_bodies(existing_vault, ui.PASSPHRASE)) == [CANARY, CANARY + "-unsaved"]


async def test_idle_auto_lock_saves_first_then_locks(make_app, existing_vault, clock, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_with_canary(pilot, ui)
        app.saver.debounce_seconds = 600  # only the idle lock can save now
        app.services.journal.create("written just before walking away")
        app.request_save()
        before = existing_vault.read_bytes()
        generation = read_identity(existing_vault)[1]
        clock.advance(minutes=9)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert app.unlocked, "nine idle minutes is not ten"
        clock.advance(minutes=1, seconds=1)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert_nothing_personal_left(app, ui)
        assert existing_vault.read_bytes() != before
        assert read_identity(existing_vault)[1] > generation
    assert "written just before walking away" in stored_bodies(existing_vault, ui.PASSPHRASE)


async def test_idle_check_runs_on_its_own_timer(make_app, existing_vault, clock, ui, test_time) -> None:
    from copingkit.tui.app import CopingkitApp

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        clock.advance(minutes=11)
        await test_time.advance(pilot, CopingkitApp.IDLE_CHECK_SECONDS)
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)


async def test_activity_keeps_it_open(make_app, existing_vault, clock, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        clock.advance(minutes=9)
        await pilot.press("j")
        clock.advance(minutes=9)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert app.unlocked


async def test_auto_lock_zero_means_never(make_app, existing_vault, clock, config, ui) -> None:
    app = make_app(config=config.with_changes(auto_lock_minutes=0))
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        clock.advance(hours=5)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert app.unlocked


def failing_save(*args, **kwargs):
    raise errors.SaveFailed("disk full")


async def test_failed_save_keeps_data_says_so_and_retry_succeeds(
    make_app, existing_vault, ui, monkeypatch, test_time
) -> None:
    from copingkit.tui.saving import SAVED, failed_text
    from copingkit.tui.widgets.save_status import SaveStatus

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.saver.retry_seconds = 60
        vault = app.vault
        monkeypatch.setattr(vault, "save", failing_save)
        app.services.journal.create(CANARY)
        app.request_save()
        await test_time.advance(pilot, app.saver.debounce_seconds)
        await ui.settle(pilot)
        status = app.screen.query_one(SaveStatus)
        assert str(status.render()) == failed_text(60)
        assert "your writing is safe in memory" in str(status.render())
        assert app.unlocked and app.vault is vault
        assert [s.body for s in (app.services.journal.get(e.id) for e in app.services.journal.list())] == [CANARY]

        monkeypatch.undo()
        app.saver.save_now()  # what the retry timer does
        await ui.settle(pilot)
        assert str(status.render()) == SAVED
    assert stored_bodies(existing_vault, ui.PASSPHRASE) == [CANARY]


async def test_failed_save_is_retried_by_timer(make_app, existing_vault, ui, monkeypatch, test_time) -> None:
    from copingkit.tui.saving import SaveState

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        calls = []
        real_save = app.vault.save

        def flaky(*args, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise errors.SaveFailed("busy")
            return real_save(*args, **kwargs)

        monkeypatch.setattr(app.vault, "save", flaky)
        app.services.journal.create(CANARY)
        app.request_save()
        await test_time.advance(pilot, app.saver.debounce_seconds)
        await ui.settle(pilot)
        assert app.saver.state is SaveState.FAILED
        assert len(calls) == 1
        await test_time.advance(pilot, app.saver.retry_seconds - 0.01)
        assert len(calls) == 1, "no retry before the retry interval"
        await test_time.advance(pilot, 0.01)
        await ui.settle(pilot)
        assert app.saver.state is SaveState.IDLE
        assert len(calls) == 2


async def test_lock_with_failing_save_stays_open_and_keeps_everything(
    make_app, existing_vault, ui, monkeypatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_with_canary(pilot, ui)
        await ui.settle(pilot)
        app.services.journal.create("not saved yet")
        monkeypatch.setattr(app.vault, "save", failing_save)
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert app.unlocked
        assert not isinstance(app.screen, UnlockScreen)
        assert not app.vault.closed
        assert any("Couldn't save just now" in str(n.message) for n in app._notifications)
        monkeypatch.undo()
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert_nothing_personal_left(app, ui)
    assert sorted(stored_bodies(existing_vault, ui.PASSPHRASE)) == sorted([CANARY, "not saved yet"])


async def test_panic_with_failing_save_hides_but_keeps_data_in_memory(
    make_app, existing_vault, ui, monkeypatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_with_canary(pilot, ui)
        await ui.settle(pilot)
        app.saver.retry_seconds = 60
        app.services  # noqa: B018
        vault = app.vault
        vault.database  # noqa: B018
        from copingkit.core.services import Services

        Services(vault.database).journal.create("held in memory")
        monkeypatch.setattr(vault, "save", failing_save)
        await pilot.press("f12")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert CANARY not in ui.dom_text(app)
        assert not vault.closed, "a failed save must not drop the data"
        assert "safe in memory" in app.held_vault_message()
        assert "safe in memory" in ui.screen_text(app), "the unlock screen says so, though it came first"
        monkeypatch.undo()
        await ui.unlock(pilot)  # tries the held save again first
        await ui.settle(pilot)
        assert vault.closed
        await ui.unlock(pilot)
        assert app.unlocked
    assert "held in memory" in stored_bodies(existing_vault, ui.PASSPHRASE)


async def test_save_runs_off_the_ui_thread_in_the_save_group(make_app, existing_vault, ui, monkeypatch) -> None:
    import threading

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        threads = []
        real_save = app.vault.save

        def spy(*args, **kwargs):
            threads.append(threading.current_thread())
            return real_save(*args, **kwargs)

        monkeypatch.setattr(app.vault, "save", spy)
        app.services.journal.create("x")
        app.saver.save_now()
        assert [worker.group for worker in app.workers] == ["save"]
        await ui.settle(pilot)
        assert threads and threads[0] is not threading.main_thread()


@pytest.mark.parametrize("key", ["ctrl+l", "f12"])
async def test_lock_keys_do_nothing_when_already_locked(make_app, existing_vault, ui, key) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert len(app.screen_stack) == 2


async def test_idle_lock_waits_for_a_failed_save_to_be_retried(
    make_app, existing_vault, clock, ui, monkeypatch, test_time
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.saver.retry_seconds = 60
        app.services.journal.create(CANARY)
        monkeypatch.setattr(app.vault, "save", failing_save)
        app.request_save()
        await test_time.advance(pilot, app.saver.debounce_seconds)
        await ui.settle(pilot)
        clock.advance(minutes=30)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert app.unlocked, "no lock attempt while the save is failing"
        assert not any("Still open" in str(n.title) for n in app._notifications)
        monkeypatch.undo()
        app.saver.save_now()
        await ui.settle(pilot)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
    assert stored_bodies(existing_vault, ui.PASSPHRASE) == [CANARY]


async def test_quit_after_a_failed_panic_save_can_still_quit(make_app, existing_vault, ui, monkeypatch) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.saver.retry_seconds = 60
        app.services.journal.create(CANARY)
        vault = app.vault
        monkeypatch.setattr(vault, "save", failing_save)
        await pilot.press("f12")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen) and not vault.closed
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
    assert vault.closed, "quitting anyway still drops the key and releases the lock"
    Vault.open(existing_vault, ui.PASSPHRASE, kdf=TEST_KDF).close()


async def test_vault_warnings_are_shown_calmly(make_app, existing_vault, ui) -> None:
    existing_vault.chmod(0o644)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert any("readable by others" in str(n.message) for n in app._notifications)
