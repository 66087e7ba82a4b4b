"""What a key derivation costs: Argon2id's parameters, the profiles slots are made with, and the
ceiling no slot may exceed (DESIGN.md §2.2).

Apart from the crypto so that checking a file's costs (policy.py, before any work) and starting a
derivation early (ahead.py) need not import `cryptography` first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, iterations, lanes."""

    m_kib: int
    t: int
    p: int

    def at_least(self, other: KdfParams) -> bool:
        return self.m_kib >= other.m_kib and self.t >= other.t and self.p >= other.p

    def within(self, ceiling: KdfParams) -> bool:
        return self.m_kib <= ceiling.m_kib and self.t <= ceiling.t and self.p <= ceiling.p

    def describe(self) -> str:
        """The cost in words a person can check: "Argon2id, 256 MiB, 4 passes, 4 lanes"."""
        memory = f"{self.m_kib // 1024} MiB" if self.m_kib >= 1024 else f"{self.m_kib} KiB"
        return f"Argon2id, {memory}, {self.t} pass{'es' * (self.t != 1)}, {self.p} lane{'s' * (self.p != 1)}"


@dataclass(frozen=True)
class KdfProfile:
    """How passphrase slots are made: the policy minimum and whether to calibrate to a target time."""

    name: str
    minimum: KdfParams
    calibrate: bool
    target_seconds: float = 1.0


REAL_KDF = KdfProfile("real", KdfParams(m_kib=65_536, t=3, p=4), calibrate=True, target_seconds=1.0)
TEST_KDF = KdfProfile("test", KdfParams(m_kib=32, t=1, p=1), calibrate=False)

POLICY_MAX = KdfParams(m_kib=1_048_576, t=16, p=8)
"""The most work copingkit asks of a machine for one slot (checked before any KDF; DESIGN.md §2.2)."""
MAX_PASSPHRASE_SLOTS_TRIED = 2
