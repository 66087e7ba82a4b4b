"""What a save and an open hold and do (issue 13): no copies of the image beyond the one file-sized
buffer, one streaming verification, no page-by-page database check on open, no SQLAlchemy to open.

Memory is counted with tracemalloc (every bytes/bytearray the vault and `cryptography` make is a
Python allocation), never timed.
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
from copingkit.core.vault import TEST_KDF, Vault, crypto
from copingkit.core.vault import format as fmt

from .conftest import PASSPHRASE

MIB = 2**20


@pytest.fixture
def big_vault(made_vault) -> tuple[Path, int]:
    """A vault whose image is about 6 MiB of incompressible rows; (path, image length)."""
    path, _ = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        with vault.database.connection as conn:
            for _ in range(6):
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


def test_a_save_holds_the_image_and_one_file_sized_buffer_and_no_other_copy(big_vault):
    path, size = big_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    with vault.database.connection as conn:
        conn.execute("INSERT INTO probe VALUES ('one more')")
    peak = _peak_during(vault.save)
    vault.close()
    # the serialised image + the sealed file (image + < 64 KiB padding) + the verifier's 256 KiB chunks
    assert peak < 2 * size + MIB


def test_an_open_holds_the_file_and_the_decrypted_frame_and_no_copy_of_the_image(big_vault):
    path, size = big_vault
    opened: list[Vault] = []
    peak = _peak_during(lambda: opened.append(Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)))
    opened[0].close(save=False)
    # the file as read + the frame AES-GCM decrypts into; the image is a view into that frame
    assert peak < 2 * size + MIB


def test_a_save_verifies_in_one_streaming_pass_without_a_whole_body_decrypt(made_vault, monkeypatch):
    path, _ = made_vault
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    whole_decrypts: list[int] = []
    verified: list[int] = []
    real_decrypt, real_verify = AESGCM.decrypt, crypto.verify_sealed

    def counting_decrypt(self, nonce, data, associated_data):
        whole_decrypts.append(len(data))
        return real_decrypt(self, nonce, data, associated_data)

    def counting_verify(dek, data, image):
        verified.append(len(data))
        return real_verify(dek, data, image)

    monkeypatch.setattr(AESGCM, "decrypt", counting_decrypt)
    monkeypatch.setattr(crypto, "verify_sealed", counting_verify)
    with vault.database.connection as conn:
        conn.execute("INSERT INTO probe VALUES ('saved')")
    vault.save()
    vault.close()
    assert whole_decrypts == []
    assert verified == [path.stat().st_size]


def test_the_streamed_seal_is_the_bytes_one_shot_aes_gcm_gives(monkeypatch):
    """The seal writes pieces into one buffer; the file is still exactly AESGCM over the frame."""
    image = os.urandom(3 * crypto.PAD_TO + 17)
    header = fmt.Header(
        vault_id=b"v" * 16,
        generation=4,
        body_len=crypto.body_length_for(len(image)),
        body_salt=b"s" * 16,
        slots=(fmt.Keyslot(fmt.SLOT_RECOVERY, fmt.KDF_HKDF_SHA256, 0, 0, 0, b"k" * 16, b"n" * 12, b"w" * 48),),
    )
    dek, nonce = b"d" * 32, b"N" * fmt.NONCE_LEN
    monkeypatch.setattr(crypto.os, "urandom", lambda n: nonce)
    sealed = crypto.seal(dek, header, image)
    frame = bytearray(header.body_len - fmt.NONCE_LEN - fmt.TAG_LEN)
    frame[:8] = len(image).to_bytes(8, "little")
    frame[8 : 8 + len(image)] = image
    key = crypto.body_key(dek, header.body_salt, header.generation)
    assert bytes(sealed) == header.to_bytes() + nonce + AESGCM(key).encrypt(nonce, bytes(frame), header.to_bytes())


@pytest.mark.parametrize("where", ["prefix", "image", "padding", "tag"])
def test_verification_refuses_a_seal_changed_anywhere(where):
    image = os.urandom(crypto.VERIFY_CHUNK + 5)
    header = fmt.Header(
        vault_id=b"v" * 16,
        generation=1,
        body_len=crypto.body_length_for(len(image)),
        body_salt=b"s" * 16,
        slots=(fmt.Keyslot(fmt.SLOT_RECOVERY, fmt.KDF_HKDF_SHA256, 0, 0, 0, b"k" * 16, b"n" * 12, b"w" * 48),),
    )
    sealed = crypto.seal(b"d" * 32, header, image)
    crypto.verify_sealed(b"d" * 32, sealed, image)
    start = header.header_len + fmt.NONCE_LEN
    offset = {"prefix": start + 3, "image": start + 8 + crypto.VERIFY_CHUNK, "padding": len(sealed) - 20}
    sealed[offset.get(where, len(sealed) - 1)] ^= 0x40
    with pytest.raises(crypto.BodyFailed):
        crypto.verify_sealed(b"d" * 32, sealed, image)


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
