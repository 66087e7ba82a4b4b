"""Deriving a passphrase's key while the rest of an unlock gets ready (the command line's opens).

`Vault.open` reads the file, then runs Argon2id (in a child, core/derivation.py), then decrypts. A
command that is about to open a vault with a passphrase knows enough to start that derivation at
once: `unlocking(path, passphrase)` reads and checks the file's header as an open does (parsed in
the documented order, the body's size and every slot's cost within policy, DESIGN.md §2.2) and hands
the first passphrase slot's derivation to a child, whose start, import of `cryptography` and Argon2id
then run while this process loads the store and the services and reads the file. The open's own
derivation with the same passphrase and slot takes the child's answer. Whatever it finds wrong with
the file, it begins nothing and says nothing: the open that follows reports it. Leaving the block
ends whatever the open didn't take. (The header is read with format.read_file_header, without
importing the store: that import is part of what the derivation hides.)

It changes when the work starts, not what is done: the same slots are tried in the same order, and a
wrong passphrase is as wrong as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from copingkit.core import derivation


@contextmanager
def unlocking(path: Path, passphrase: str, *, allow_costly: bool = False) -> Iterator[None]:
    """Around `Vault.open(path, passphrase, ...)`: its key derivation begun before it is asked for."""
    try:
        begin(path, passphrase, allow_costly=allow_costly)
        yield
    finally:
        derivation.discard_ahead()


def begin(path: Path, passphrase: str, *, allow_costly: bool = False) -> bool:
    """Begin deriving the key of the vault's first passphrase slot; whether anything was begun."""
    from copingkit.core.passphrase import normalise_passphrase
    from copingkit.core.vault import format as fmt
    from copingkit.core.vault import policy
    from copingkit.core.vault.errors import VaultError

    try:
        header = fmt.read_file_header(path)
        policy.check_body(header, allow_costly=allow_costly)
        policy.check_slots_tried(header, fmt.SLOT_PASSPHRASE, allow_costly=allow_costly)
    except (OSError, VaultError):
        return False  # the open reads the file again and says what is wrong
    for slot in header.slots:
        if slot.slot_type != fmt.SLOT_PASSPHRASE or slot.kdf_id != fmt.KDF_ARGON2ID:
            continue
        if slot.m_kib * slot.t <= derivation.IN_PROCESS_WORK:
            return False  # derived in this process, in well under 0.1 s: nothing to gain
        secret = normalise_passphrase(passphrase)
        derivation.begin(secret, slot.kdf_salt, slot.m_kib, slot.t, slot.p)
        return True
    return False
