"""What a save and an open hold and do (issue 13): a save streams the sealed file through a few small
buffers (never a file-sized one) and checks each chunk as it goes; an open reads the file a chunk at a
time into the frame and holds that frame and SQLite's copy, not the file as well; no page-by-page
database check on open, no SQLAlchemy to open.

Memory is counted (tracemalloc for what Python allocates, the peak resident size of a fresh process
for an open, whose frame is a mapping of its own), never timed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from copingkit.core import database as database_module
from copingkit.core.vault import TEST_KDF, Vault, crypto, store
from copingkit.core.vault import format as fmt
from copingkit.core.vault.errors import Tampered
from tests.support.seal_faults import FaultyEncryption

from .conftest import PASSPHRASE

MIB = 2**20
IMAGE_MIB = 16


@pytest.fixture
def big_vault(made_vault) -> tuple[Path, int]:
    """A vault whose image is about 16 MiB of incompressible rows; (path, image length)."""
    path, _ = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        with vault.database.connection as conn:
            for _ in range(IMAGE_MIB):
                conn.execute("INSERT INTO probe VALUES (?)", (os.urandom(MIB).hex()[:MIB],))
        size = len(vault.database.image())
    return path, size


def _peak_during(action) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        action()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def _one_more_row(vault: Vault) -> None:
    with vault.database.connection as conn:
        conn.execute("INSERT INTO probe VALUES ('one more')")


def test_a_save_holds_the_image_and_a_few_small_buffers_and_no_file_sized_sealed_one(big_vault):
    path, size = big_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    _one_more_row(vault)
    peak = _peak_during(vault.save)
    vault.close()
    assert size > IMAGE_MIB * MIB
    # the serialised image + the sink's buffers and the checker's chunk (about 1 MiB each); a sealed
    # buffer of the file's size would be another 16 MiB
    assert peak < size + 6 * MIB


def test_a_save_writes_the_file_a_chunk_at_a_time(big_vault, monkeypatch):
    path, _ = big_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    _one_more_row(vault)
    written: list[int] = []
    real_write = os.write

    def write(fd, data):
        if store.TEMP_MARK in os.readlink(f"/proc/self/fd/{fd}"):
            written.append(len(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    vault.save()
    vault.close()
    assert sum(written) == path.stat().st_size
    assert len(written) > IMAGE_MIB and max(written) <= crypto.SEAL_BUFFER


def test_a_save_lets_go_of_the_image_before_its_fsync(big_vault, monkeypatch):
    """The serialised image is freed once its last chunk is sealed, while the disk is still writing,
    not after the fsync: when the temp file is fsynced, no file-sized buffer is held."""
    path, size = big_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    _one_more_row(vault)
    held_at_fsync: list[int] = []
    real_fsync = os.fsync

    def fsync(fd):
        if store.TEMP_MARK in os.readlink(f"/proc/self/fd/{fd}"):
            held_at_fsync.append(tracemalloc.get_traced_memory()[0])
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        vault.save()
    finally:
        tracemalloc.stop()
    vault.close()
    assert len(held_at_fsync) == 1
    assert held_at_fsync[0] - before < size // 4


_OPEN_PEAK = """
import sys
from copingkit.core.vault import TEST_KDF, Vault

def peak():  # this process's own high-water mark (ru_maxrss would start at the parent's peak)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))

before = peak()
vault = Vault.open(sys.argv[1], sys.argv[2], kdf=TEST_KDF, backups_keep=0)
added = peak() - before
vault.close(save=False)
print(added)
"""


def test_an_open_holds_the_frame_and_sqlites_copy_and_not_the_whole_file_as_well(big_vault):
    """Measured in a fresh process (the frame is a mapping of its own, which tracemalloc doesn't see):
    the peak resident size an open adds is the decrypted frame and SQLite's copy of the image, about
    twice the file; holding the file's bytes as well would be three times."""
    path, size = big_vault
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_PEAK, str(path), PASSPHRASE], capture_output=True, text=True, env=env, check=True
    )
    added = int(result.stdout)
    file_size = path.stat().st_size
    assert file_size > IMAGE_MIB * MIB
    assert added < 2 * file_size + 8 * MIB


def test_an_open_gives_sqlite_nothing_before_the_tag_checks_out(big_vault, monkeypatch):
    """The tag is at the end: the body is decrypted chunk by chunk, and a change in its last chunk is
    found when the tag is checked, before the database is made from any of it."""
    path, _ = big_vault
    data = bytearray(path.read_bytes())
    data[-fmt.TAG_LEN - 1] ^= 0x01
    path.write_bytes(data)
    made: list[int] = []
    real = database_module.Database.from_image
    monkeypatch.setattr(
        database_module.Database, "from_image", staticmethod(lambda image, **kw: made.append(1) or real(image, **kw))
    )
    with pytest.raises(Tampered):
        Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    assert made == []


def test_a_save_checks_its_chunks_without_a_whole_body_decrypt(made_vault, monkeypatch):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    whole_decrypts: list[int] = []
    real_decrypt = AESGCM.decrypt

    def counting_decrypt(self, nonce, data, associated_data):
        whole_decrypts.append(len(data))
        return real_decrypt(self, nonce, data, associated_data)

    monkeypatch.setattr(AESGCM, "decrypt", counting_decrypt)
    _one_more_row(vault)
    vault.save()
    vault.close()
    assert whole_decrypts == []


class _Collected:
    """A crypto.Sink that keeps what it is given."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def take(self) -> bytearray:
        return bytearray(crypto.SEAL_BUFFER)

    def give(self, buffer: bytearray, length: int) -> None:
        self.chunks.append(bytes(buffer[:length]))


def _header(image: bytes) -> fmt.Header:
    return fmt.Header(
        vault_id=b"v" * 16,
        generation=4,
        body_len=crypto.body_length_for(len(image)),
        body_salt=b"s" * 16,
        slots=(fmt.Keyslot(fmt.SLOT_RECOVERY, fmt.KDF_HKDF_SHA256, 0, 0, 0, b"k" * 16, b"n" * 12, b"w" * 48),),
    )


def test_the_streamed_seal_is_the_bytes_one_shot_aes_gcm_gives(monkeypatch):
    """The file is made a chunk at a time; it is still exactly AESGCM over the whole frame, the format of
    DESIGN.md §2.1 byte for byte (and what `seal` gives in one buffer)."""
    image = os.urandom(3 * crypto.STREAM_CHUNK + 17)
    header = _header(image)
    dek, nonce = b"d" * 32, b"N" * fmt.NONCE_LEN
    monkeypatch.setattr(crypto.os, "urandom", lambda n: nonce)
    sink = _Collected()
    tag = crypto.seal_to(sink, dek, header, image)
    frame = bytearray(header.body_len - fmt.NONCE_LEN - fmt.TAG_LEN)
    frame[:8] = len(image).to_bytes(8, "little")
    frame[8 : 8 + len(image)] = image
    key = crypto.body_key(dek, header.body_salt, header.generation)
    expected = header.to_bytes() + nonce + AESGCM(key).encrypt(nonce, bytes(frame), header.to_bytes())
    assert len(sink.chunks) == 4
    assert b"".join(sink.chunks) == expected == bytes(crypto.seal(dek, header, image))
    assert tag == expected[-fmt.TAG_LEN :]


@pytest.mark.parametrize(
    ("where", "call", "chunks_given"), [("prefix", 1, 0), ("image", 3, 1), ("padding", 6, 3), ("tag", None, 3)]
)
def test_a_chunk_that_would_not_open_is_never_given_to_the_sink(monkeypatch, where, call, chunks_given):
    """Chunk 0 is the length prefix (encryption call 1) and the image's start (2), chunks 1 and 2 are
    image (3, 4), chunk 3 the image's end (5) and the zero padding (6); the tag comes last."""
    image = os.urandom(3 * crypto.STREAM_CHUNK + 17)
    fault = FaultyEncryption(monkeypatch).flip(call=call, where="tag" if where == "tag" else "data")
    sink = _Collected()
    with pytest.raises(crypto.SealNotVerified):
        crypto.seal_to(sink, b"d" * 32, _header(image), image)
    assert fault.flipped == 1
    assert len(sink.chunks) == chunks_given


def test_opening_runs_no_page_by_page_database_check(made_vault, monkeypatch):
    path, _ = made_vault
    statements: list[str] = []
    real_connect = database_module._connect

    def traced():
        connection = real_connect()
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(database_module, "_connect", traced)
    Vault.open(path, PASSPHRASE, kdf=TEST_KDF).close(save=False)
    assert statements
    assert [s for s in statements if "quick_check" in s or "integrity_check" in s] == []


def test_the_full_database_check_is_still_there_on_request(made_vault):
    path, _ = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        vault.database.check_integrity()


def test_opening_and_reading_a_vault_imports_no_sqlalchemy(made_vault):
    """DESIGN.md §1: SQLAlchemy and SQLModel only on the paths that use them; opening is not one."""
    path, _ = made_vault
    program = (
        "import sys\n"
        "from copingkit.core.vault import TEST_KDF, Vault\n"
        f"vault = Vault.open({str(path)!r}, {PASSPHRASE!r}, kdf=TEST_KDF)\n"
        "rows = vault.database.connection.execute('SELECT x FROM probe').fetchall()\n"
        "vault.close()\n"
        "print(rows, sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "[('hello vault',)] []"


def test_the_backup_setting_is_read_at_the_first_save_and_not_by_a_read(made_vault):
    """The CLI hands the config file's value as a function: a command that only reads never loads
    the config for it; one that saves reads it once."""
    path, _ = made_vault
    shutil.rmtree(path.parent / "backups")  # the fixture's own save wrote today's
    asked: list[int] = []

    def keep() -> int:
        asked.append(1)
        return 3

    Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=keep).close()
    assert asked == []
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=keep) as vault:
        for word in ("first", "second"):
            with vault.database.connection as conn:
                conn.execute("INSERT INTO probe VALUES (?)", (word,))
            vault.save()
    assert asked == [1]
    assert len(vault.backups()) == 1


def test_an_open_with_a_passphrase_touches_the_frame_before_waiting_for_the_key(made_vault, monkeypatch):
    """The frame's first-touch page faults (and any compaction the system does to give huge pages,
    seen at ~0.1 s) happen while the key derivation runs, not after it; with a known key there is no
    wait to hide them behind, and the frame is left to be touched by the decryption itself."""
    path, _ = made_vault
    order: list[str] = []
    real_frame_for, real_argon2id = crypto.frame_for, crypto.argon2id

    def frame_for(header, *, touched=False):
        order.append(f"frame touched={touched}")
        return real_frame_for(header, touched=touched)

    def argon2id(*args, **kwargs):
        order.append("key derived")
        return real_argon2id(*args, **kwargs)

    monkeypatch.setattr(crypto, "frame_for", frame_for)
    monkeypatch.setattr(crypto, "argon2id", argon2id)
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    key = vault.unwrapped_key()
    vault.close()
    assert order[:2] == ["frame touched=True", "key derived"]
    order.clear()
    Vault.open(path, data_key=key, kdf=TEST_KDF).close()
    assert order == ["frame touched=False"]
