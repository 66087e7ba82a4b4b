"""`copingkit doctor`: checks of the install, permissions, lock and backups. No personal data is read."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from copingkit import __version__, paths


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _slot_checks(header) -> Iterator[tuple[bool, str]]:
    """Each keyslot's cost, read from the header alone (no KDF runs), against the policy (DESIGN.md §2.2)."""
    from copingkit.core.vault import format as fmt
    from copingkit.core.vault import policy
    from copingkit.core.vault.costs import MAX_PASSPHRASE_SLOTS_TRIED, POLICY_MAX, REAL_KDF

    passphrase_slots = 0
    for number, slot in enumerate(header.slots, 1):
        if slot.slot_type == fmt.SLOT_RECOVERY:
            kdf = "HKDF-SHA256" if slot.kdf_id == fmt.KDF_HKDF_SHA256 else policy.slot_params(slot).describe()
            yield not policy.slot_above_policy(slot), f"keyslot {number}: recovery key, {kdf}"
            continue
        passphrase_slots += 1
        params = policy.slot_params(slot)
        if not params.within(POLICY_MAX):
            yield (
                False,
                (
                    f"keyslot {number}: passphrase, {params.describe()}: more work than copingkit allows "
                    f"({POLICY_MAX.describe()} at most); it opens only with --allow-costly-kdf"
                ),
            )
        elif not params.at_least(REAL_KDF.minimum):
            yield (
                False,
                f"keyslot {number}: passphrase, {params.describe()} (below policy; strengthened next time you unlock with it)",
            )
        else:
            yield True, f"keyslot {number}: passphrase, {params.describe()}"
    if passphrase_slots > MAX_PASSPHRASE_SLOTS_TRIED:
        yield (
            False,
            (
                f"{passphrase_slots} passphrase keyslots: copingkit tries at most {MAX_PASSPHRASE_SLOTS_TRIED} "
                "(the others open only with --allow-costly-kdf)"
            ),
        )
    body_ok = header.body_len <= policy.body_ceiling(policy.available_memory())
    size = f"{header.body_len // 1024**2} MiB" if header.body_len >= 1024**2 else f"{header.body_len // 1024} KiB"
    yield body_ok, f"journal body {size}" + ("" if body_ok else ": larger than copingkit opens on this machine now")


def run_checks(vault_path: Path) -> Iterator[tuple[bool, str]]:
    """(ok, line) for each check, in order."""
    yield True, f"copingkit {__version__} on Python {sys.version.split()[0]}"
    try:
        import cryptography
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        yield True, f"cryptography {cryptography.__version__} with {Argon2id.__name__}"
    except ImportError as error:
        yield False, f"cryptography without Argon2id ({error}); reinstall copingkit"
    import sqlite3

    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        yield True, f"SQLite {sqlite3.sqlite_version} with full-text search"
    except sqlite3.Error:
        yield False, f"SQLite {sqlite3.sqlite_version} lacks FTS5; search will not work"
    from copingkit.core.vault.folders import can_write, untrusted_reason
    from copingkit.core.vault.store import list_backups, read_header, stale_temp_files

    if not vault_path.exists():
        yield True, f"no journal yet at {vault_path} (run `copingkit` or `copingkit init`)"
        return
    real = vault_path.resolve()
    yield True, f"journal file: {vault_path}" + (f" (a link to {real})" if real != vault_path.absolute() else "")
    vault_path = real
    if sys.platform != "win32":
        file_mode, dir_mode = _mode(vault_path), _mode(vault_path.parent)
        yield file_mode & 0o077 == 0, f"journal file permissions {file_mode:o} (want 600)"
        reason = untrusted_reason(vault_path.parent)
        if reason is not None:
            yield False, f"journal folder {vault_path.parent}: {reason}; copingkit refuses it unless --trust-folder"
        yield (
            dir_mode & 0o077 == 0,
            f"journal folder permissions {dir_mode:o} (want 700)"
            + ("; others can look in, and copingkit leaves it as it is" if dir_mode & 0o077 else ""),
        )
    if not can_write(vault_path):
        yield False, "the journal or its folder can't be written here: it opens read-only, changes can't be saved"
    try:
        header = read_header(vault_path)
    except Exception as error:  # noqa: BLE001 - report, never crash the doctor
        yield False, f"journal header does not check out ({type(error).__name__}); see `copingkit restore`"
    else:
        yield True, f"journal header ok (format {header.format_major}, {len(header.slots)} keyslots)"
        yield from _slot_checks(header)
    from filelock import FileLock, Timeout

    lock = FileLock(str(vault_path) + ".lock")
    try:
        lock.acquire(blocking=False)
        lock.release()
        yield True, "not open in another window"
    except Timeout:
        yield True, "open in another window right now"
    stale = stale_temp_files(vault_path)
    yield (
        not stale,
        f"{len(stale)} unfinished save file(s) beside the journal" + (" (removed at next unlock)" if stale else ""),
    )
    backups = list_backups(vault_path)
    if backups:
        newest = datetime.fromtimestamp(backups[-1].stat().st_mtime, UTC)
        age = (datetime.now(UTC) - newest).days
        yield age <= 7, f"{len(backups)} backup(s); newest {age} day(s) old"
    else:
        yield False, "no backups yet (one is made the first time you save on a new day)"
    config = paths.config_path()
    if config.exists():
        yield _mode(config) & 0o077 == 0 if sys.platform != "win32" else True, f"config file: {config}"
        from copingkit.config import load_with_notes

        for note in load_with_notes(config).notes:
            yield False, f"config file: {note}"
    leaked = [name for name in os.environ if name.upper().startswith("TEXTUAL") and name != "TEXTUAL_ANIMATIONS"]
    yield (
        not leaked,
        "no TEXTUAL debugging variables reach the app"
        if not leaked
        else f"TEXTUAL variables set: {', '.join(leaked)} (copingkit removes them at start)",
    )
