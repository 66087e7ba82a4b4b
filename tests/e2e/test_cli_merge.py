"""`copingkit merge`, idempotent import and the shared-only export, through the real command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import Home


def _entries(h: Home, *vault: str) -> list[dict]:
    result = h.run(*vault, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["entries"]


def test_merging_a_sync_conflict_copy_gives_the_union_once(initialised: Home) -> None:
    h = initialised
    assert h.run("write", "Shared from before").returncode == 0
    copy = h.vault.with_name("journal.sync-conflict-20261201-101500-ABCDEF1.vault")
    shutil.copyfile(h.vault, copy)
    assert h.run("write", "Written on the desktop").returncode == 0
    assert h.run("--vault", str(copy), "write", "Written on the laptop").returncode == 0

    asked = h.run("merge", str(copy), input="")
    assert asked.returncode == 1
    assert "adds 1 entry" in asked.stderr and "needs --yes" in asked.stderr
    assert len(_entries(h)) == 2

    merged = h.run("merge", str(copy), "--yes")
    assert merged.returncode == 0, merged.stderr
    entries = _entries(h)
    assert sorted(e["preview"] for e in entries) == [
        "Shared from before",
        "Written on the desktop",
        "Written on the laptop",
    ]
    assert len({e["uid"] for e in entries}) == 3
    kept = h.vault.parent / "backups" / "journal" / copy.name
    assert not copy.exists() and kept.is_file()

    again = h.run("merge", str(kept), "--yes")
    assert again.returncode == 0, again.stderr
    assert "Nothing to merge" in again.stderr
    assert len(_entries(h)) == 3


def test_a_different_journal_is_refused_unless_asked_and_its_own_passphrase_is_used(
    initialised: Home, tmp_path: Path
) -> None:
    h = initialised
    other = tmp_path / "elsewhere" / "other.vault"
    other.parent.mkdir(mode=0o700)
    secret = tmp_path / "secrets" / "other"
    secret.write_text("a different long passphrase\n")
    assert h.run("--vault", str(other), "--passphrase-file", str(secret), "init").returncode == 0
    assert (
        h.run("--vault", str(other), "--passphrase-file", str(secret), "write", "From another journal").returncode == 0
    )

    refused = h.run("merge", str(other), "--yes")
    assert refused.returncode == 1 and "different journal" in refused.stderr
    wrong = h.run("merge", str(other), "--yes", "--any-vault", input="")
    assert wrong.returncode == 3 and "--other-passphrase-file" in wrong.stderr
    merged = h.run("merge", str(other), "--yes", "--any-vault", "--other-passphrase-file", str(secret))
    assert merged.returncode == 0, merged.stderr
    assert [e["preview"] for e in _entries(h)] == ["From another journal"]
    assert other.exists()  # not a conflict copy beside this journal: left where it is


def test_importing_the_same_export_twice_changes_no_counts(initialised: Home, tmp_path: Path) -> None:
    h = initialised
    assert h.run("write", "Worth keeping", "--tag", "calm").returncode == 0
    assert h.run("checkin", "3", "--note", "okay").returncode == 0
    export = tmp_path / "work" / "all.json"
    assert h.run("export", "--format", "json", "--output", str(export)).returncode == 0
    fresh = {"COPINGKIT_VAULT": str(tmp_path / "data" / "fresh" / "journal.vault")}
    assert h.run("init", env=fresh).returncode == 0
    first = h.run("import", "--format", "copingkit-json", str(export), env=fresh)
    assert first.returncode == 0 and "1 entry, 1 check-in" in first.stderr
    second = h.run("import", "--format", "copingkit-json", str(export), env=fresh)
    assert second.returncode == 0 and "Nothing new" in second.stderr
    assert len(_entries(h)) == 1
    assert json.loads(h.run("list", "--format", "json", env=fresh).stdout)["entries"][0]["uid"] == _entries(h)[0]["uid"]


def test_a_shared_only_export_leaves_out_an_unshared_check_in_and_its_note(initialised: Home, tmp_path: Path) -> None:
    h = initialised
    assert h.run("write", "An entry").returncode == 0
    assert h.run("checkin", "2", "--note", "the thing I told nobody").returncode == 0
    out = tmp_path / "work" / "therapist.json"
    result = h.run("export", "--format", "json", "--output", str(out), "--shared-only")
    assert result.returncode == 0, result.stderr
    assert "0 entries and 0 check-ins" in result.stderr
    text = out.read_text()
    assert "the thing I told nobody" not in text
    assert json.loads(text)["tables"]["mood_checkin"] == []


def test_a_conflict_copy_with_an_edit_and_a_deletion_merges_back(initialised: Home) -> None:
    from copingkit.core.services import Services
    from copingkit.core.vault import TEST_KDF, Vault

    from .conftest import PASSPHRASE

    h = initialised
    for text in ("Kept as it was", "To be edited", "To be deleted forever"):
        assert h.run("write", text).returncode == 0
    ids = {e["preview"]: e["id"] for e in _entries(h)}
    copy = h.vault.with_name("journal.conflict-20261201T101500123456Z.vault")
    shutil.copyfile(h.vault, copy)
    with Vault.open(copy, PASSPHRASE, kdf=TEST_KDF, backups_keep=0) as other:
        services = Services(other.database)
        services.journal.update(ids["To be edited"], body="Edited on the other device")
        services.journal.purge(ids["To be deleted forever"])
    assert h.run("write", "Written here meanwhile").returncode == 0

    merged = h.run("merge", str(copy), "--yes")
    assert merged.returncode == 0, merged.stderr
    assert "updates 1 entry; removes 1 entry" in merged.stderr
    assert sorted(e["preview"] for e in _entries(h)) == [
        "Edited on the other device",
        "Kept as it was",
        "Written here meanwhile",
    ]
    again = h.run("merge", str(h.vault.parent / "backups" / "journal" / copy.name), "--yes")
    assert again.returncode == 0 and "Nothing to merge" in again.stderr
    assert len(_entries(h)) == 3
