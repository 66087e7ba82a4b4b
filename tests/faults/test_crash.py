"""SIGKILL at hundreds of random moments while a writer saves: the vault always opens, holding the
last acknowledged save or the one after it, and the next open removes any stale temp files."""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from copingkit.core.vault.store import BACKUP_DIR, TEMP_MARK

from .conftest import subprocess_env
from .crash_worker import HOLDER_ID, PASSPHRASE

KILLS = 200
WORKER = Path(__file__).with_name("crash_worker.py")


class Lines:
    """Line reader over a pipe with a timeout, so a hung child fails the test instead of hanging it."""

    def __init__(self, stream) -> None:
        self.fd = stream.fileno()
        self.buffer = b""

    def next(self, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise AssertionError(f"no line from the crash worker within {timeout} s")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise AssertionError("the crash worker exited")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()


def temp_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if TEMP_MARK in path.name]


def read_state(path: Path) -> tuple[int, int, int]:
    """(counter in the holder entry, highest 'counter N' entry, number of entries) after a real open."""
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    try:
        connection = vault.database.connection
        (stored,) = connection.execute("SELECT body FROM journal_entry WHERE id = ?", (HOLDER_ID,)).fetchone()
        bodies = [body for (body,) in connection.execute("SELECT body FROM journal_entry WHERE id != ?", (HOLDER_ID,))]
        highest = max((int(body.split()[1]) for body in bodies), default=0)
        return int(stored), highest, len(bodies) + 1
    finally:
        vault.close(save=False)


def poll(lines: Lines, timeout: float) -> str | None:
    """The next line if one arrives within `timeout` seconds, else None."""
    if b"\n" in lines.buffer or select.select([lines.fd], [], [], max(timeout, 0))[0]:
        return lines.next()
    return None


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash worker forks its writers (POSIX only)")
def test_sigkill_during_saves_never_loses_an_acknowledged_save(tmp_path: Path):
    seed = int(os.environ.get("COPINGKIT_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    path = tmp_path / "data" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    assert Services(vault.database).journal.create("0").id == HOLDER_ID
    vault.close()

    (tmp_path / "worker").mkdir()
    worker = subprocess.Popen(
        [sys.executable, str(WORKER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=subprocess_env(),
        cwd=tmp_path / "worker",
    )
    lines = Lines(worker.stdout)
    assert lines.next(60) == "READY"
    period = 0.03  # seconds per edit-and-save cycle, learnt as the test runs
    started = time.monotonic()
    acknowledged = 0
    spent = dict.fromkeys(("fork and open", "writing", "reap", "check"), 0.0)
    landed = {"temp file left": 0, "saved but not acknowledged": 0, "before any save": 0, "backup write": 0}
    try:
        for kill in range(KILLS):
            context = f"seed {seed}, kill {kill}"
            if rng.random() < 0.3:
                shutil.rmtree(path.parent / BACKUP_DIR, ignore_errors=True)  # the next first save writes one
            mark = time.monotonic()
            worker.stdin.write(f"{path}\n".encode())
            worker.stdin.flush()
            kind, pid = lines.next().split()
            assert kind == "CHILD", context
            opened = lines.next()
            assert opened == f"OPEN {acknowledged}", (context, opened)
            spent["fork and open"] += time.monotonic() - mark
            mark = time.monotonic()
            # Kill at a uniform moment inside the first, second or third save cycle of this writer.
            cycles_before = rng.choice((0, 0, 1, 2))
            acks: list[int] = []
            last = time.monotonic()
            while len(acks) < cycles_before:
                line = lines.next()
                assert line.startswith("ACK "), (context, line)
                acks.append(int(line.split()[1]))
                now = time.monotonic()
                period = 0.8 * period + 0.2 * (now - last)
                last = now
            moment = last + rng.uniform(0, period * 1.2)
            while (line := poll(lines, moment - time.monotonic())) is not None:
                assert line.startswith("ACK "), (context, line)
                acks.append(int(line.split()[1]))
            os.kill(int(pid), signal.SIGKILL)
            spent["writing"] += time.monotonic() - mark
            mark = time.monotonic()
            while not (line := lines.next()).startswith("REAPED"):
                assert line.startswith("ACK "), (context, line)
                acks.append(int(line.split()[1]))
            assert acks == list(range(acknowledged + 1, acknowledged + 1 + len(acks))), context
            acknowledged = acks[-1] if acks else acknowledged

            spent["reap"] += time.monotonic() - mark
            mark = time.monotonic()
            left_behind = temp_files(path.parent)
            landed["temp file left"] += bool(left_behind)
            landed["backup write"] += any(temp.parent != path.parent for temp in left_behind)
            landed["before any save"] += not acks
            stored, highest, count = read_state(path)
            assert temp_files(path.parent) == [], f"{context}: stale temp files after open"
            assert stored in (acknowledged, acknowledged + 1), f"{context}: stored {stored}, acked {acknowledged}"
            assert highest == stored and count == stored + 1, f"{context}: a half-applied save"
            landed["saved but not acknowledged"] += stored == acknowledged + 1
            acknowledged = stored
            spent["check"] += time.monotonic() - mark
    finally:
        worker.stdin.close()
        worker.kill()
        worker.wait()
    elapsed = time.monotonic() - started
    print(
        f"crash test: seed {seed}, {KILLS} kills in {elapsed:.1f} s, {acknowledged} saves; landed: {landed}; "
        f"seconds spent: { {k: round(v, 1) for k, v in spent.items()} }"
    )
    assert acknowledged > KILLS / 2, "the writer hardly saved; the kills did not exercise saving"
    assert landed["temp file left"] >= KILLS // 40, f"too few kills landed inside a write: {landed}"
    assert landed["saved but not acknowledged"] >= 1, f"no kill landed between replace and acknowledgement: {landed}"


def test_open_removes_stale_temp_files_of_the_vault_its_backups_and_conflict_copies(tmp_path: Path):
    """What a kill during a backup copy or a conflict copy leaves behind goes too; other files stay."""
    from copingkit.core.vault.store import temp_name

    path = tmp_path / "journal.vault"
    Vault.create(path, PASSPHRASE, kdf=TEST_KDF)[0].close()
    (tmp_path / BACKUP_DIR / "journal").mkdir(parents=True, exist_ok=True)
    (tmp_path / BACKUP_DIR / "journal-work").mkdir()
    stale = [
        temp_name(path),
        temp_name(tmp_path / "journal.conflict-20261129T145300123456Z.vault"),
        temp_name(tmp_path / BACKUP_DIR / "journal-20261129.vault"),
        temp_name(tmp_path / BACKUP_DIR / "journal-20261129T145300Z.vault"),
        temp_name(tmp_path / BACKUP_DIR / "journal" / "journal-20261130.vault"),
        temp_name(tmp_path / BACKUP_DIR / "journal" / "journal-20261130T145300Z.vault"),
    ]
    others = [
        temp_name(tmp_path / "diary.vault"),
        tmp_path / BACKUP_DIR / "notes.txt",
        temp_name(tmp_path / BACKUP_DIR / "journal-work-20261129.vault"),
        temp_name(tmp_path / BACKUP_DIR / "journal-work" / "journal-work-20261130.vault"),
    ]
    for file in stale + others:
        file.write_bytes(b"half a save")
    Vault.open(path, PASSPHRASE, kdf=TEST_KDF).close()
    assert [file for file in stale if file.exists()] == []
    assert all(file.exists() for file in others)
