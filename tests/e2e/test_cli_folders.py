"""Folders through the real command line: nothing is created where a person named a folder that isn't
there, an existing folder keeps its mode, and a folder others could swap the journal in is refused
unless --trust-folder (DESIGN.md §2.3, Permissions)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .conftest import Home


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_export_and_backup_into_a_missing_folder_exit_1_and_create_nothing(initialised: Home, tmp_path: Path):
    h = initialised
    before = h.vault.read_bytes()
    missing = tmp_path / "no" / "such" / "dir"
    for args in (
        ("export", "--format", "json", "--output", str(missing / "x.json")),
        ("backup", str(missing / "b.vault")),
    ):
        result = h.run(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert f"There is no folder {missing}; nothing was written." in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()
    assert h.vault.read_bytes() == before


def test_backup_into_an_existing_shared_folder_keeps_its_sticky_and_setgid_bits(initialised: Home, tmp_path: Path):
    h = initialised
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o3775)
    result = h.run("backup", str(shared / "copy.vault"))
    assert result.returncode == 0, result.stderr
    assert _mode(shared) == 0o3775
    assert _mode(shared / "copy.vault") == 0o600


def test_a_vault_folder_owned_by_another_user_is_refused_unless_trust_folder(initialised: Home):
    h = initialised
    os.chown(h.vault.parent, 4242, -1)
    refused = h.run("list")
    assert refused.returncode == 1
    assert f"copingkit won't use the folder {h.vault.parent}: it belongs to another user (uid 4242)" in refused.stderr
    assert "--trust-folder" in refused.stderr
    doctor = h.run("doctor")
    assert f"journal folder {h.vault.parent}: it belongs to another user" in doctor.stdout
    trusted = h.run("--trust-folder", "write", "written in a folder I know is safe")
    assert trusted.returncode == 0, trusted.stderr
    assert "Using" in trusted.stderr and "because of --trust-folder" in trusted.stderr


def test_init_in_a_folder_anyone_can_change_is_refused_and_makes_nothing(home: Home, tmp_path: Path):
    open_folder = tmp_path / "open"
    open_folder.mkdir()
    os.chmod(open_folder, 0o777)
    result = home.run("init", env={"COPINGKIT_VAULT": str(open_folder / "journal.vault")})
    assert result.returncode == 1
    assert "anyone can change files in it (777)" in result.stderr
    assert list(open_folder.iterdir()) == []


def test_a_journal_reached_through_a_symlink_stays_a_link(initialised: Home, tmp_path: Path):
    h = initialised
    link = tmp_path / "work" / "journal.vault"
    link.symlink_to(h.vault)
    result = h.run("write", "through the link", env={"COPINGKIT_VAULT": str(link)})
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    listed = h.run("list")
    assert "through the link" in listed.stdout


def test_restore_through_a_symlink_replaces_the_real_file_and_keeps_the_link(initialised: Home, tmp_path: Path):
    h = initialised
    assert h.run("write", "in the backup").returncode == 0
    copies = tmp_path / "copies"
    copies.mkdir(mode=0o700)
    assert h.run("backup", str(copies / "b.vault")).returncode == 0
    assert h.run("write", "after the backup").returncode == 0
    link = tmp_path / "work" / "journal.vault"
    link.symlink_to(h.vault)
    restored = h.run("restore", str(copies / "b.vault"), "--yes", env={"COPINGKIT_VAULT": str(link)})
    assert restored.returncode == 0, restored.stderr
    assert link.is_symlink()
    assert h.vault.read_bytes() == (copies / "b.vault").read_bytes()
    assert list(h.vault.parent.glob("journal.before-restore-*.vault"))
