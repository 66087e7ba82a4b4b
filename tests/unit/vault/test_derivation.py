"""A costly derivation runs in a child process that cancel (quit, ctrl-c) ends at once (DESIGN.md §2.2).

No test here times anything: a derivation that would take many seconds is cancelled as soon as its
child exists, and the outcome (DerivationCancelled, the child gone) shows it was ended, not finished.
"""

from __future__ import annotations

import os
import signal
import threading

import pytest

from copingkit.core import derivation
from copingkit.core.error_words import full_words
from copingkit.core.vault import TEST_KDF, Vault, costs, crypto, errors
from copingkit.core.vault import format as fmt
from copingkit.core.vault.store import unseal

from .conftest import PASSPHRASE

COSTLY = costs.KdfParams(m_kib=262_144, t=16, p=1)  # within policy; many seconds of work


def _derive_in_thread(params: costs.KdfParams) -> tuple[threading.Thread, list]:
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(crypto.argon2id(b"the right passphrase", b"s" * 16, params))
        except BaseException as error:  # noqa: BLE001 - the outcome is what the test checks
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    assert derivation.wait_until_running(timeout=30)
    return thread, outcome


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_costly_derivation_is_ended_by_cancel_and_the_right_secret_still_derives():
    thread, outcome = _derive_in_thread(COSTLY)
    (pid,) = derivation.running_pids()
    assert crypto.cancel_derivations() == 1
    thread.join()
    assert isinstance(outcome[0], errors.DerivationCancelled)
    assert _gone(pid)
    assert derivation.running_pids() == []
    small = costs.KdfParams(m_kib=1024, t=65, p=1)  # above IN_PROCESS_WORK: derived in a child too
    in_child = crypto.argon2id(b"the right passphrase", b"s" * 16, small)
    derivation.IN_PROCESS_WORK, saved = 10**9, derivation.IN_PROCESS_WORK
    try:
        assert crypto.argon2id(b"the right passphrase", b"s" * 16, small) == in_child
    finally:
        derivation.IN_PROCESS_WORK = saved


def test_a_child_ended_by_the_system_is_not_enough_memory_never_a_wrong_secret():
    thread, outcome = _derive_in_thread(COSTLY)
    (pid,) = derivation.running_pids()
    os.kill(pid, signal.SIGKILL)  # what the OOM killer does
    thread.join()
    assert isinstance(outcome[0], errors.NotEnoughMemory)


def test_a_cancelled_unlock_says_stopped_and_leaves_the_journal_free(made_vault):
    path, recovery_key = made_vault
    header, dek, image = unseal(path.read_bytes(), passphrase=PASSPHRASE)
    costly = fmt.Keyslot(
        fmt.SLOT_PASSPHRASE, fmt.KDF_ARGON2ID, COSTLY.m_kib, COSTLY.t, COSTLY.p, b"k" * 16, b"n" * 12, b"w" * 48
    )
    header = header.with_changes(slots=(costly, *header.slots), body_salt=b"s" * 16)
    path.write_bytes(header.to_bytes() + crypto.seal_body(dek, header, image))
    outcome: list = []

    def unlock() -> None:
        try:
            outcome.append(Vault.open(path, PASSPHRASE, kdf=TEST_KDF))
        except BaseException as error:  # noqa: BLE001
            outcome.append(error)

    thread = threading.Thread(target=unlock)
    thread.start()
    assert derivation.wait_until_running(timeout=30)
    crypto.cancel_derivations()
    thread.join()
    assert isinstance(outcome[0], errors.DerivationCancelled)
    assert full_words(outcome[0]) == "Stopped before the journal was opened. Nothing was changed."
    Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF).close()


@pytest.fixture(autouse=True)
def _no_children_left():
    yield
    crypto.cancel_derivations()


def test_the_answer_is_read_as_the_child_gives_it_without_polling(monkeypatch):
    """The parent blocks on the child's answer (a cancel kills the child, which ends that read too),
    so no wait with a timeout sits between the answer and the unlock."""
    import subprocess

    timeouts: list = []
    real_wait = subprocess.Popen.wait

    def recording_wait(self, timeout=None):
        timeouts.append(timeout)
        return real_wait(self, timeout)

    monkeypatch.setattr(subprocess.Popen, "wait", recording_wait)
    key = derivation.derive(b"the right passphrase", b"s" * 16, 64, 1, 1)
    in_process = crypto.argon2id(b"the right passphrase", b"s" * 16, costs.KdfParams(m_kib=64, t=1, p=1))
    assert key == in_process
    assert timeouts and all(timeout is None for timeout in timeouts)
