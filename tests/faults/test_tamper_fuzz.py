"""Random and mutated vault files: only VaultError subtypes escape, each try is quick, and no KDF ever
runs with parameters outside the bounds of DESIGN.md §2.1. The parser agrees with the independent
reference parser on every input."""

from __future__ import annotations

import contextlib
import functools
import os
import random
import struct
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault, costs, crypto, unseal
from copingkit.core.vault import format as fmt
from copingkit.core.vault.errors import VaultError
from tests.support import reference_vault as ref

PASSPHRASE = "fuzzing is a calm activity"
CHEAP_M_KIB, CHEAP_T = 1024, 2
FUZZ = settings(
    max_examples=300,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=False,
)


@functools.cache
def valid_vault() -> tuple[bytes, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.vault"
        vault, recovery_key = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
        Services(vault.database).journal.create("a page under fuzzing")
        vault.close()
        return path.read_bytes(), recovery_key


@contextlib.contextmanager
def kdf_spy() -> Iterator[list[costs.KdfParams]]:
    """Every Argon2id call must be within bounds. In-bounds but costly parameters (a mutated header
    may ask for 2 GiB) are not run: a random key gives the same outcome (the slot cannot open)."""
    calls: list[costs.KdfParams] = []
    real = crypto.argon2id

    def spy(secret: bytes, salt: bytes, params: costs.KdfParams) -> bytes:
        calls.append(params)
        assert 1 <= params.p <= fmt.ARGON2_MAX_P, params
        assert 1 <= params.t <= fmt.ARGON2_MAX_T, params
        assert 8 * params.p <= params.m_kib <= fmt.ARGON2_MAX_M_KIB, params
        if params.m_kib > CHEAP_M_KIB or params.t > CHEAP_T:
            return os.urandom(32)
        return real(secret, salt, params)

    with mock.patch.object(crypto, "argon2id", spy):
        yield calls


def only_vault_errors(data: bytes) -> None:
    """Open `data` with the passphrase and with the recovery key; anything but a VaultError fails the test."""
    recovery_key = valid_vault()[1]
    for secret in ({"passphrase": PASSPHRASE}, {"recovery_key": recovery_key}):
        with contextlib.suppress(VaultError):
            unseal(data, **secret)


def parsers_agree(data: bytes) -> None:
    try:
        fmt.parse_header(data)
        copingkit_accepts = True
    except VaultError:
        copingkit_accepts = False
    try:
        ref.parse(data)
        reference_accepts = True
    except ref.ReferenceError:
        reference_accepts = False
    assert copingkit_accepts == reference_accepts, (copingkit_accepts, data[:64].hex())


# ---- strategies ----------------------------------------------------------------------------------

FIELDS = {  # offset: struct format, over the fixed header and the first two keyslots
    8: "<H",
    10: "<H",
    12: "<B",
    13: "<B",
    14: "<H",
    32: "<Q",
    40: "<Q",
    **{
        64 + 96 * s + off: f
        for s in (0, 1)
        for off, f in ((0, "<B"), (1, "<B"), (2, "<H"), (4, "<I"), (8, "<I"), (12, "<I"), (92, "<I"))
    },
}
INTERESTING = st.one_of(
    st.sampled_from(
        [
            0,
            1,
            2,
            3,
            4,
            5,
            7,
            8,
            15,
            16,
            17,
            31,
            32,
            64,
            160,
            255,
            256,
            1023,
            1024,
            65_536,
            2_097_151,
            2_097_152,
            2_097_153,
            2**31 - 1,
            2**32 - 1,
            2**63 - 1,
            2**64 - 1,
        ]
    ),
    st.integers(min_value=0, max_value=2**64 - 1),
)


@st.composite
def mutated_files(draw) -> bytes:
    data = bytearray(valid_vault()[0])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["field", "byte", "header byte", "truncate", "extend"]))
        if kind == "field":
            offset, form = draw(st.sampled_from(sorted(FIELDS.items())))
            if offset + struct.calcsize(form) > len(data):
                continue
            value = draw(INTERESTING) % (1 << (8 * struct.calcsize(form)))
            struct.pack_into(form, data, offset, value)
        elif kind == "byte" and data:
            data[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
        elif kind == "header byte" and data:
            data[draw(st.integers(0, min(len(data), 256) - 1))] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[draw(st.integers(0, len(data))) :]
        else:
            data += draw(st.binary(max_size=200))
    return bytes(data)


@st.composite
def structured_headers(draw) -> bytes:
    """Consistent lengths, arbitrary slots: these reach the KDF stage whenever the slots pass."""
    n = draw(st.integers(1, 4))
    body = draw(st.binary(min_size=36, max_size=300))
    header = bytearray(
        fmt.MAGIC
        + struct.pack("<HHBBH", 1, 64 + 96 * n, 1, n, 0)
        + os.urandom(16)
        + struct.pack("<QQ", draw(st.integers(0, 3)), len(body))
        + os.urandom(16)
    )
    for _ in range(n):
        kdf = draw(st.sampled_from([1, 1, 3, 0, 2]))
        m, t, p = (
            (draw(INTERESTING) % 2**32 for _ in range(3))
            if draw(st.booleans())
            else (draw(st.integers(0, 4096)), draw(st.integers(0, 20)), draw(st.integers(0, 20)))
        )
        header += struct.pack("<BBHIII", draw(st.sampled_from([1, 2, 0, 3])), kdf, 0, m, t, p)
        header += os.urandom(76) + b"\0\0\0\0"
    return bytes(header) + body


random_files = st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=400).map(lambda tail: fmt.MAGIC + tail),
)


# ---- tests ---------------------------------------------------------------------------------------


@FUZZ
@given(random_files)
def test_random_bytes(data: bytes) -> None:
    with kdf_spy():
        only_vault_errors(data)
    parsers_agree(data)


@FUZZ
@given(mutated_files())
def test_mutated_vaults(data: bytes) -> None:
    with kdf_spy():
        only_vault_errors(data)
    parsers_agree(data)


@FUZZ
@given(structured_headers())
def test_structured_headers_never_run_an_out_of_bounds_kdf(data: bytes) -> None:
    with kdf_spy():
        only_vault_errors(data)
    parsers_agree(data)


def test_the_spy_sees_the_kdf_of_a_good_file() -> None:
    """The spy is wired in: opening the valid file runs Argon2id once, with the test profile's cost."""
    with kdf_spy() as calls:
        unseal(valid_vault()[0], passphrase=PASSPHRASE)
    assert calls == [TEST_KDF.minimum]


@functools.cache
def valid_image() -> bytes:
    return ref.decode(valid_vault()[0], passphrase=PASSPHRASE).image


IMAGE_DAMAGE = st.one_of(  # small descriptions, so a failing example prints briefly
    st.tuples(st.just("user_version"), st.sampled_from([0, 1, 2, 3, 99, 2**31 - 1, 2**32 - 1])),
    st.tuples(
        st.just("bytes"), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)
    ),
    st.tuples(st.just("page"), st.integers(0, 10**3), st.integers(0, 2**32)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
)


def damaged_image(damage: tuple) -> bytes:
    data = bytearray(valid_image())
    kind = damage[0]
    if kind == "user_version":
        struct.pack_into(">I", data, 60, damage[1])
    elif kind == "bytes":
        for offset, value in damage[1]:
            data[offset % len(data)] = value
    elif kind == "page":
        page = damage[1] % (len(data) // 4096)
        data[page * 4096 : (page + 1) * 4096] = random.Random(damage[2]).randbytes(4096)
    else:
        del data[damage[1] % len(data) :]
    return bytes(data)


@settings(max_examples=150, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])
@given(IMAGE_DAMAGE)
def test_an_authentic_file_holding_a_damaged_database_is_a_vault_error(damage: tuple) -> None:
    """A file sealed correctly (by the reference encoder) around a damaged or foreign SQLite image:
    opening it raises a VaultError, never a raw sqlite3 or migration error."""
    image = damaged_image(damage)
    sealed = ref.encode(image, passphrase=PASSPHRASE, recovery_secret=bytes(20))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.vault"
        path.write_bytes(sealed)
        try:
            Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0).close(save=False)
        except VaultError:
            pass
