"""How much work a vault file may ask of this machine (DESIGN.md §2.2).

Checked after the header parses and before any KDF runs or a byte of the body is read, so a file
inside the format's bounds but far beyond what copingkit ever writes (m = 2 GiB, t = 16, p = 16 in
four slots, or a 3 GiB body) costs nothing but a calm TooCostly.
"""

from __future__ import annotations

import os
import sys

from copingkit.core.vault import format as fmt
from copingkit.core.vault.costs import MAX_PASSPHRASE_SLOTS_TRIED, POLICY_MAX, KdfParams
from copingkit.core.vault.errors import CostReason, TooCostly

BODY_CEILING = 1 << 30
"""The largest body copingkit opens (a ten-year journal is about 25 MB)."""


def available_memory() -> int | None:
    """Bytes of memory free for a new allocation now, or None when the system doesn't say."""
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/meminfo", encoding="ascii") as meminfo:
                for line in meminfo:
                    if line.startswith("MemAvailable:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        return None


def body_ceiling(free: int | None) -> int:
    """1 GiB, or half the free memory when that is less (opening holds the body about twice)."""
    return BODY_CEILING if free is None else min(BODY_CEILING, free // 2)


def slot_params(slot: fmt.Keyslot) -> KdfParams:
    return KdfParams(slot.m_kib, slot.t, slot.p)


def slot_above_policy(slot: fmt.Keyslot) -> bool:
    return slot.kdf_id == fmt.KDF_ARGON2ID and not slot_params(slot).within(POLICY_MAX)


def check_body(header: fmt.Header, *, allow_costly: bool = False) -> None:
    """Refuse a body above the ceiling; `allow_costly` lifts only the lower, memory-based one."""
    if header.body_len > BODY_CEILING:
        raise TooCostly(CostReason.BODY_CEILING)
    if not allow_costly and header.body_len > body_ceiling(available_memory()):
        raise TooCostly(CostReason.BODY_MEMORY)


def check_slots_tried(header: fmt.Header, slot_type: int, *, allow_costly: bool = False) -> None:
    """Refuse before any KDF: more Argon2id slots of `slot_type` than are tried, or one above POLICY_MAX.

    Opening with a passphrase tries the passphrase slots; with a recovery key, the recovery slots
    (HKDF ones cost nothing, but the format lets a recovery slot use Argon2id too).
    """
    if allow_costly:
        return
    slots = [slot for slot in header.slots if slot.slot_type == slot_type and slot.kdf_id == fmt.KDF_ARGON2ID]
    if len(slots) > MAX_PASSPHRASE_SLOTS_TRIED:
        raise TooCostly(CostReason.SLOTS)
    if any(slot_above_policy(slot) for slot in slots):
        raise TooCostly(CostReason.KDF)
