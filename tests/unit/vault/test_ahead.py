"""A passphrase's key derived ahead of the open that needs it (core/vault/ahead.py, core/derivation.py):
the open takes the begun child's answer instead of starting its own, a wrong passphrase is as wrong as
before, a file the open would refuse begins nothing, and nothing is left running after the block."""

from __future__ import annotations

from pathlib import Path

import pytest

from copingkit.core import derivation
from copingkit.core.vault import Vault, ahead, costs, crypto, errors
from copingkit.core.vault import format as fmt
from copingkit.core.vault.store import unseal

from .conftest import PASSPHRASE

IN_A_CHILD = costs.KdfProfile("in a child", costs.KdfParams(m_kib=8192, t=9, p=1), calibrate=False)
"""Just above IN_PROCESS_WORK, so the derivation runs in a child, and still quick."""


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pid of every derivation child started."""
    pids: list[int] = []
    real = derivation._spawn

    def counting() -> derivation._Child:
        child = real()
        assert child.process is not None
        pids.append(child.process.pid)
        return child

    monkeypatch.setattr(derivation, "_spawn", counting)
    return pids


@pytest.fixture
def child_vault(tmp_path: Path) -> Path:
    path = tmp_path / "in-a-child" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=IN_A_CHILD)
    vault.close()
    return path


@pytest.fixture(autouse=True)
def _nothing_left_running():
    yield
    assert derivation.running_pids() == []


def test_begin_then_derive_takes_the_begun_childs_answer(spawned: list[int]):
    inputs = (b"the right passphrase", b"s" * 16, 8192, 9, 1)
    derivation.begin(*inputs)
    assert derivation.running_pids() == spawned
    key = derivation.derive(*inputs)
    assert len(spawned) == 1
    assert key == derivation.derive(*inputs)  # derived again, in a new child: the same key
    assert len(spawned) == 2


def test_a_begun_derivation_of_other_inputs_is_not_taken_and_is_ended_when_discarded(spawned: list[int]):
    derivation.begin(b"one passphrase", b"s" * 16, 8192, 9, 1)
    derivation.derive(b"another passphrase", b"s" * 16, 8192, 9, 1)
    assert len(spawned) == 2
    assert derivation.running_pids() == spawned[:1]
    derivation.discard_ahead()
    assert derivation.running_pids() == []


def test_cancel_ends_a_begun_derivation_and_its_derive_says_stopped(spawned: list[int]):
    inputs = (b"the right passphrase", b"s" * 16, 262_144, 16, 1)  # many seconds: cancelled long before
    derivation.begin(*inputs)
    assert derivation.cancel_all() == 1
    with pytest.raises(derivation.Stopped):
        derivation.derive(*inputs)
    assert len(spawned) == 1


def test_an_open_inside_unlocking_uses_the_derivation_begun_for_it(child_vault: Path, spawned: list[int]):
    with ahead.unlocking(child_vault, PASSPHRASE):
        assert len(spawned) == 1  # begun before the open was asked for
        vault = Vault.open(child_vault, PASSPHRASE, kdf=IN_A_CHILD)
    assert len(spawned) == 1
    assert vault.passphrase_params == IN_A_CHILD.minimum
    vault.close()


def test_a_wrong_passphrase_is_still_wrong_and_leaves_nothing_running(child_vault: Path, spawned: list[int]):
    with pytest.raises(errors.WrongSecret), ahead.unlocking(child_vault, "not the passphrase"):
        Vault.open(child_vault, "not the passphrase", kdf=IN_A_CHILD)
    assert len(spawned) == 1


def test_the_open_fails_first_and_the_begun_child_is_ended(child_vault: Path, spawned: list[int]):
    """A journal open in another window: the open stops at the lock, and the block ends the child."""
    other = Vault.open(child_vault, PASSPHRASE, kdf=IN_A_CHILD)
    spawned.clear()
    try:
        with pytest.raises(errors.Locked), ahead.unlocking(child_vault, PASSPHRASE):
            Vault.open(child_vault, PASSPHRASE, kdf=IN_A_CHILD)
    finally:
        other.close()
    assert len(spawned) == 1


def test_nothing_is_begun_for_a_file_the_open_would_refuse_or_a_derivation_done_here(
    tmp_path: Path, child_vault: Path, made_vault, spawned: list[int]
):
    damaged = tmp_path / "damaged.vault"
    damaged.write_bytes(child_vault.read_bytes()[:100])
    assert not ahead.begin(damaged, PASSPHRASE)
    assert not ahead.begin(tmp_path / "missing.vault", PASSPHRASE)
    assert spawned == []
    costly = tmp_path / "costly.vault"
    header, dek, image = unseal(child_vault.read_bytes(), passphrase=PASSPHRASE)
    above = fmt.Keyslot(fmt.SLOT_PASSPHRASE, fmt.KDF_ARGON2ID, 2_000_000, 3, 4, b"k" * 16, b"n" * 12, b"w" * 48)
    header = header.with_changes(slots=(above, *header.slots[1:]), body_salt=b"s" * 16)
    costly.write_bytes(header.to_bytes() + crypto.seal_body(dek, header, image))
    spawned.clear()  # unseal's own derivation
    assert not ahead.begin(costly, PASSPHRASE)  # above policy: no KDF runs before the open refuses it
    path, _ = made_vault
    assert not ahead.begin(path, PASSPHRASE)  # the test profile's tiny cost is derived in this process
    assert spawned == []


def _modules_loaded_by(code: str) -> set[str]:
    import subprocess
    import sys

    probe = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    return set(done.stdout.split())


def test_the_derivation_is_begun_before_cryptography_is_even_imported(child_vault: Path):
    """Checking the file's header and costs and starting the child need none of the crypto: importing it
    (~13 ms) happens while the child works, not before it starts."""
    loaded = _modules_loaded_by(
        "from pathlib import Path\n"
        "from copingkit.core import derivation\n"
        "from copingkit.core.vault import ahead\n"
        f"assert ahead.begin(Path({str(child_vault)!r}), {PASSPHRASE!r})\n"
        "derivation.discard_ahead()\n"
    )
    assert "copingkit.core.vault.policy" in loaded and "copingkit.core.derivation" in loaded
    assert not {name for name in loaded if name == "cryptography" or name.startswith("cryptography.")}
    assert "copingkit.core.vault.crypto" not in loaded


def test_the_child_imports_nothing_but_what_one_derivation_takes():
    """Every unlock waits for the child's interpreter to start: it loads no copingkit module beyond its
    own and none of the parent's machinery (subprocess, threading, dataclasses, typing)."""
    loaded = _modules_loaded_by("import copingkit.core.derivation_child")
    ours = {name for name in loaded if name.startswith("copingkit")}
    assert ours == {"copingkit", "copingkit.core", "copingkit.core.derivation_child"}
    assert not {"subprocess", "threading", "dataclasses", "typing"} & loaded


def test_a_prespawned_child_takes_the_next_derivation(spawned: list[int]):
    """prespawn starts the interpreter before the request is known; the next derivation goes to it."""
    derivation.prespawn()
    derivation.prespawn()  # one waiting child is enough
    assert len(spawned) == 1
    inputs = (b"the right passphrase", b"s" * 16, 8192, 9, 1)
    key = derivation.derive(*inputs)
    assert len(spawned) == 1
    assert key == derivation.derive(*inputs)  # a new child for the next one: the same key
    assert len(spawned) == 2


def test_a_prespawned_child_nobody_asks_is_ended_by_discard(spawned: list[int]):
    derivation.prespawn()
    assert derivation.running_pids() == spawned
    derivation.discard_ahead()
    assert derivation.running_pids() == []


def test_a_prespawned_child_that_died_waiting_is_replaced_not_reported(spawned: list[int]):
    """Killed before it was asked anything (a system under memory pressure, say): its end says nothing
    about the derivation, which runs in a fresh child and gives the right key."""
    import os
    import signal

    inputs = (b"the right passphrase", b"s" * 16, 8192, 9, 1)
    expected = derivation.derive(*inputs)
    spawned.clear()
    derivation.prespawn()
    os.kill(spawned[0], signal.SIGKILL)
    derivation._waiting[0].process.wait()
    assert derivation.derive(*inputs) == expected
    assert len(spawned) == 2


def test_beginning_the_same_derivation_twice_keeps_the_first_child(spawned: list[int]):
    """The command line begins as the process starts and again before the open: one child, not two."""
    inputs = (b"the right passphrase", b"s" * 16, 8192, 9, 1)
    derivation.begin(*inputs)
    derivation.begin(*inputs)
    assert len(spawned) == 1
    derivation.derive(*inputs)
    assert len(spawned) == 1
