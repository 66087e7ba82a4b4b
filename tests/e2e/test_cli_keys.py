"""Keys from the command line: the cost shown at init, costs refused (exit 4), restore of an older backup."""

from __future__ import annotations

import json
from pathlib import Path

from copingkit.core.vault import format as fmt

from .conftest import PASSPHRASE, Home


def test_init_shows_the_chosen_cost(home: Home):
    result = home.run("init")
    assert result.returncode == 0, result.stderr
    assert "Your passphrase is protected by Argon2id, 32 KiB, 1 pass, 1 lane." in result.stderr


def _make_costly(h: Home) -> None:
    """Give the journal's passphrase slot the format's maximum cost (m = 2 GiB, t = 16, p = 16)."""
    data = bytearray(h.vault.read_bytes())
    header = fmt.parse_header(bytes(data))
    slot = header.slots[0]
    costly = fmt.Keyslot(
        slot.slot_type, slot.kdf_id, 2_097_152, 16, 16, slot.kdf_salt, slot.wrap_nonce, slot.wrapped_dek
    )
    data[: header.header_len] = header.with_changes(slots=(costly, header.slots[1])).to_bytes()
    h.vault.write_bytes(bytes(data))


def test_doctor_shows_each_slots_cost_and_warns_above_policy(initialised: Home):
    h = initialised
    calm = h.run("doctor").stdout.splitlines()
    assert (
        "check keyslot 1: passphrase, Argon2id, 32 KiB, 1 pass, 1 lane (below policy; strengthened next time you unlock with it)"
        in calm
    )
    assert "ok    keyslot 2: recovery key, HKDF-SHA256" in calm
    _make_costly(h)
    result = h.run("doctor")
    assert result.returncode == 1
    assert (
        "check keyslot 1: passphrase, Argon2id, 2048 MiB, 16 passes, 16 lanes: more work than copingkit allows "
        "(Argon2id, 1024 MiB, 16 passes, 8 lanes at most); it opens only with --allow-costly-kdf"
    ) in result.stdout.splitlines()


def test_a_journal_asking_too_much_work_is_exit_4_with_calm_words(initialised: Home):
    h = initialised
    _make_costly(h)
    result = h.run("list")
    assert result.returncode == 4
    assert result.stderr.startswith("This journal asks for more work than copingkit allows, so nothing was tried.")
    assert "Traceback" not in result.stderr


def test_restore_of_an_older_backup_asks_for_its_own_passphrase(initialised: Home, tmp_path: Path):
    h = initialised
    h.run("write", "from before the change")
    copy = tmp_path / "elsewhere.vault"  # a `backup PATH` copy outside the backups folder is not re-sealed
    assert h.run("backup", str(copy)).returncode == 0
    new = tmp_path / "new"
    new.write_text("the passphrase after the change\n")
    assert h.run("passwd", "--new-passphrase-file", str(new)).returncode == 0
    h.run("--passphrase-file", str(new), "write", "after the change")
    refused = h.run("--passphrase-file", str(new), "restore", str(copy), "--yes")
    assert refused.returncode == 3
    assert "doesn't open with your current passphrase" in refused.stderr
    restored = h.run(
        "--passphrase-file",
        "-",
        "restore",
        str(copy),
        "--yes",
        input=f"the passphrase after the change\n{PASSPHRASE}\n",
    )
    assert restored.returncode == 0, restored.stderr
    assert "opens with the passphrase it was made with" in restored.stderr
    listed = json.loads(h.run("list", "--format", "json").stdout)["entries"]
    assert [entry["preview"] for entry in listed] == ["from before the change"]


def test_merge_refuses_a_copy_asking_too_much_work(initialised: Home, tmp_path: Path):
    h = initialised
    other = tmp_path / "other.vault"
    other.write_bytes(h.vault.read_bytes())
    data = bytearray(other.read_bytes())
    header = fmt.parse_header(bytes(data))
    slot = header.slots[0]
    costly = fmt.Keyslot(
        slot.slot_type, slot.kdf_id, 2_097_152, 16, 16, slot.kdf_salt, slot.wrap_nonce, slot.wrapped_dek
    )
    data[: header.header_len] = header.with_changes(slots=(costly, header.slots[1])).to_bytes()
    other.write_bytes(bytes(data))
    result = h.run("merge", str(other), "--yes")
    assert result.returncode == 4
    assert result.stderr.startswith("This journal asks for more work than copingkit allows")
