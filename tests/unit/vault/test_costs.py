"""Bounded costs (DESIGN.md §2.2): the KDF policy ceiling, the body ceiling, memory, and which slot is re-wrapped."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from copingkit.core import derivation
from copingkit.core.error_words import exit_code_of, full_words
from copingkit.core.passphrase import normalise_passphrase
from copingkit.core.vault import TEST_KDF, Vault, costs, crypto, errors, policy
from copingkit.core.vault import format as fmt
from copingkit.core.vault.store import unseal

from .conftest import PASSPHRASE


def _reseal(path: Path, passphrase: str, slots_for) -> None:
    """Rewrite the vault at `path` with the slots `slots_for(header, dek)` returns, body re-sealed to match."""
    header, dek, image = unseal(path.read_bytes(), passphrase=passphrase)
    header = header.with_changes(slots=tuple(slots_for(header, dek)), body_salt=b"s" * 16)
    header = header.with_changes(body_len=crypto.body_length_for(len(image)))
    path.write_bytes(header.to_bytes() + crypto.seal_body(dek, header, image))


def _with_passphrase_slot(path: Path, params: costs.KdfParams, *, count: int = 1) -> None:
    """Replace the vault's passphrase slot with `count` slots of cost `params` and a wrap that opens
    nothing: these slots are for refusing (or trying, with a spy), never for opening."""
    slot = fmt.Keyslot(
        fmt.SLOT_PASSPHRASE, fmt.KDF_ARGON2ID, params.m_kib, params.t, params.p, b"k" * 16, b"n" * 12, b"w" * 48
    )
    _reseal(path, PASSPHRASE, lambda header, dek: [slot] * count + [header.slots[1]])


@pytest.fixture
def spy_kdf(monkeypatch):
    """Call it to start recording every Argon2id derivation asked for, here or in a child; none is run."""

    def start() -> list[tuple]:
        ran: list[tuple] = []
        monkeypatch.setattr(crypto, "argon2id", lambda *args: ran.append(args) or b"\0" * 32)
        monkeypatch.setattr(derivation, "derive", lambda *args: ran.append(args) or b"\0" * 32)
        return ran

    return start


def test_a_header_at_the_specs_maximum_cost_is_refused_without_running_the_kdf(made_vault, spy_kdf):
    path, _ = made_vault
    _with_passphrase_slot(path, costs.KdfParams(m_kib=2_097_152, t=16, p=16))
    spied_kdf = spy_kdf()
    with pytest.raises(errors.TooCostly) as caught:
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert spied_kdf == []
    assert exit_code_of(caught.value) == 4
    assert "asks for more work than copingkit allows" in full_words(caught.value)


@pytest.mark.parametrize(
    "params", [costs.KdfParams(1_048_577, 1, 1), costs.KdfParams(1024, 1, 9)], ids=["memory", "lanes"]
)
def test_each_cost_above_policy_is_refused(made_vault, spy_kdf, params):
    path, _ = made_vault
    _with_passphrase_slot(path, params)
    spied_kdf = spy_kdf()
    with pytest.raises(errors.TooCostly):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert spied_kdf == []


def test_the_policy_edge_is_tried(made_vault, spy_kdf):
    path, _ = made_vault
    _with_passphrase_slot(path, costs.POLICY_MAX)
    spied_kdf = spy_kdf()
    with pytest.raises(errors.WrongSecret):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert len(spied_kdf) == 1


def test_allow_costly_kdf_tries_a_costly_slot(made_vault, spy_kdf):
    path, _ = made_vault
    _with_passphrase_slot(path, costs.KdfParams(m_kib=2_097_152, t=16, p=16))
    spied_kdf = spy_kdf()
    with pytest.raises(errors.WrongSecret):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF, allow_costly_kdf=True)
    assert len(spied_kdf) == 1


def test_more_than_two_passphrase_slots_are_refused_before_any_kdf(made_vault, spy_kdf):
    path, _ = made_vault
    _with_passphrase_slot(path, TEST_KDF.minimum, count=3)
    spied_kdf = spy_kdf()
    with pytest.raises(errors.TooCostly):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert spied_kdf == []


def test_a_recovery_key_open_does_not_care_about_passphrase_costs(made_vault):
    path, recovery_key = made_vault
    header, dek, image = unseal(path.read_bytes(), passphrase=PASSPHRASE)
    costly = fmt.Keyslot(fmt.SLOT_PASSPHRASE, fmt.KDF_ARGON2ID, 2_097_152, 16, 16, b"k" * 16, b"n" * 12, b"w" * 48)
    _reseal(path, PASSPHRASE, lambda header, dek: [costly, header.slots[1]])
    Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF).close()


def test_a_costly_argon2id_recovery_slot_is_refused_before_any_kdf(made_vault, spy_kdf):
    path, recovery_key = made_vault
    costly = fmt.Keyslot(fmt.SLOT_RECOVERY, fmt.KDF_ARGON2ID, 2_097_152, 16, 16, b"k" * 16, b"n" * 12, b"w" * 48)
    _reseal(path, PASSPHRASE, lambda header, dek: [header.slots[0], costly])
    spied_kdf = spy_kdf()
    with pytest.raises(errors.TooCostly):
        Vault.open(path, recovery_key=recovery_key, kdf=TEST_KDF)
    assert spied_kdf == []


def test_a_crypto_library_failure_is_a_calm_error(made_vault, monkeypatch):
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.kdf import argon2

    path, _ = made_vault

    def unsupported(self, secret):
        raise UnsupportedAlgorithm("this OpenSSL has no Argon2id")

    monkeypatch.setattr(argon2.Argon2id, "derive", unsupported)
    with pytest.raises(errors.CryptoFailed) as caught:
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert exit_code_of(caught.value) == 1
    assert full_words(caught.value).startswith("copingkit's encryption library couldn't do this here")


def test_a_body_above_the_memory_ceiling_is_refused_before_any_kdf(made_vault, spy_kdf, monkeypatch):
    path, _ = made_vault
    body_len = fmt.parse_header(path.read_bytes()).body_len
    monkeypatch.setattr(policy, "available_memory", lambda: 2 * body_len - 2)
    spied_kdf = spy_kdf()
    with pytest.raises(errors.TooCostly) as caught:
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert spied_kdf == []
    assert "There isn't enough free memory for a journal this large just now" in full_words(caught.value)


def test_allow_costly_kdf_lifts_the_memory_ceiling_but_not_the_hard_one(made_vault, monkeypatch):
    path, _ = made_vault
    body_len = fmt.parse_header(path.read_bytes()).body_len
    monkeypatch.setattr(policy, "available_memory", lambda: 2 * body_len - 2)
    Vault.open(path, PASSPHRASE, kdf=TEST_KDF, allow_costly_kdf=True).close()
    monkeypatch.setattr(policy, "BODY_CEILING", body_len - 1)
    with pytest.raises(errors.TooCostly) as caught:
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF, allow_costly_kdf=True)
    assert "far larger than any journal copingkit makes" in full_words(caught.value)


@pytest.mark.parametrize(
    ("declared", "outcome"), [(3 << 30, "TooCostly"), (1 << 20, "Malformed")], ids=["declared", "disagrees"]
)
def test_a_3_gib_sparse_file_is_refused_without_reading_its_body(made_vault, tmp_path, declared, outcome):
    """Peak memory of the whole opening process stays under 100 MB: the body is never read."""
    path, _ = made_vault
    header = fmt.parse_header(path.read_bytes())
    huge = tmp_path / "huge.vault"
    with open(huge, "wb") as handle:
        handle.write(header.with_changes(body_len=declared).to_bytes())
        handle.truncate(header.header_len + (3 << 30))
    probe = textwrap.dedent(
        """
        import resource, sys
        from pathlib import Path
        from copingkit.core.vault import TEST_KDF, Vault, errors
        try:
            Vault.open(Path(sys.argv[1]), "any passphrase", kdf=TEST_KDF)
        except (errors.TooCostly, errors.Malformed) as error:
            # VmHWM is this program's own peak; ru_maxrss would also count the parent it was forked
            # from (Linux keeps the higher of the two across exec), so a big test runner failed it.
            try:
                status = Path("/proc/self/status").read_text()
                peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
            except (OSError, StopIteration):
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(type(error).__name__, peak)
        """
    )
    result = subprocess.run([sys.executable, "-c", probe, str(huge)], capture_output=True, text=True, timeout=300)
    got, peak_kib = result.stdout.split()
    assert got == outcome, result.stderr
    assert int(peak_kib) < 100 * 1024


def test_memory_error_while_opening_is_not_enough_memory(made_vault, monkeypatch):
    from copingkit.core.vault import store

    path, _ = made_vault

    def no_memory(image, **kwargs):
        raise MemoryError

    monkeypatch.setattr(store.Database, "from_image", staticmethod(no_memory))
    with pytest.raises(errors.NotEnoughMemory) as caught:
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    assert exit_code_of(caught.value) == 1
    assert full_words(caught.value).startswith("There is not enough memory to open this journal")


def test_unlocking_rewraps_only_the_slot_that_opened(tmp_path):
    """Two weak passphrase slots, A and B: opening with A strengthens A and leaves B opening with B."""
    path = tmp_path / "two.vault"
    weak = costs.KdfParams(m_kib=8, t=1, p=1)
    vault, recovery_key = Vault.create(path, "passphrase A", kdf=TEST_KDF, params=weak)
    vault.close()

    def add_b(header, dek):
        b = crypto.make_slot(fmt.SLOT_PASSPHRASE, header.vault_id, dek, normalise_passphrase("passphrase B"), weak)
        return [header.slots[0], b, header.slots[1]]

    _reseal(path, "passphrase A", add_b)
    before = fmt.parse_header(path.read_bytes()).slots
    Vault.open(path, "passphrase A", kdf=TEST_KDF).close()
    after = fmt.parse_header(path.read_bytes()).slots
    assert (after[0].m_kib, after[0].t, after[0].p) == (32, 1, 1)
    assert after[1] == before[1]
    Vault.open(path, "passphrase B", kdf=TEST_KDF).close()
    assert fmt.parse_header(path.read_bytes()).slots[0] == after[0]


def test_calibration_takes_the_median_of_three_timed_runs():
    asked: list[tuple[costs.KdfParams, int]] = []

    def timer(params, runs):
        asked.append((params, runs))
        return [0.05, 1.0, 0.25]  # one run slowed by other work, one sped up

    chosen = crypto.calibrate(costs.REAL_KDF, time_runs=timer)
    assert asked == [(costs.REAL_KDF.minimum, 3)]
    assert chosen == costs.KdfParams(m_kib=65_536, t=12, p=4)


def test_calibration_on_a_very_fast_machine_is_clamped_to_the_policy():
    chosen = crypto.calibrate(costs.REAL_KDF, time_runs=lambda params, runs: [0.0001] * runs)
    assert chosen == costs.KdfParams(m_kib=1_048_576, t=16, p=4)
    assert chosen.within(costs.POLICY_MAX)


def test_calibration_on_a_slow_machine_keeps_the_minimum():
    chosen = crypto.calibrate(costs.REAL_KDF, time_runs=lambda params, runs: [3.0] * runs)
    assert chosen == costs.REAL_KDF.minimum


def test_cost_in_words():
    assert costs.KdfParams(262_144, 4, 4).describe() == "Argon2id, 256 MiB, 4 passes, 4 lanes"
