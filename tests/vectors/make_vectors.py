"""Regenerate the committed test vectors (run once per format change, never in CI):

    python tests/vectors/make_vectors.py

Every later copingkit must open `good.vault` and refuse the others exactly as `manifest.toml` says.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from datetime import UTC, datetime
from pathlib import Path

from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault

HERE = Path(__file__).parent
PASSPHRASE = "copingkit test vector passphrase"


def main() -> None:
    good = HERE / "good.vault"
    for stale in HERE.glob("*.vault*"):
        stale.unlink()
    vault, recovery_key = Vault.create(good, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    services = Services(vault.database, clock=FixedClock(datetime(2026, 11, 29, 12, 0, tzinfo=UTC)))
    services.journal.create("The first entry of the test vector.", title="Vector", tags=["vector"])
    services.checkins.create(4, note="vector check-in")
    vault.close()
    (HERE / "good.vault.lock").unlink(missing_ok=True)
    data = good.read_bytes()

    tampered_header = bytearray(data)
    tampered_header[32] ^= 0x10  # generation: authenticated as the body's AAD and in its key
    (HERE / "tampered_header.vault").write_bytes(bytes(tampered_header))

    tampered_body = bytearray(data)
    tampered_body[len(data) // 2] ^= 0x01
    (HERE / "tampered_body.vault").write_bytes(bytes(tampered_body))

    (HERE / "truncated.vault").write_bytes(data[:-1000])

    bomb = bytearray(data)
    struct.pack_into("<I", bomb, 64 + 4, 4_194_304)  # 4 GiB of Argon2id memory: beyond the bound
    (HERE / "kdf_bomb.vault").write_bytes(bytes(bomb))

    (HERE / "recovery_key.txt").write_text(recovery_key + "\n")
    pinned = sorted([*HERE.glob("*.vault"), HERE / "recovery_key.txt"])
    sums = "".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in pinned)
    (HERE / "SHA256SUMS").write_text(sums)
    print("vectors written", file=sys.stderr)


if __name__ == "__main__":
    main()
