"""The header format, byte for byte, and the parse order (DESIGN.md §2.1)."""

from __future__ import annotations

import struct

import pytest

from copingkit.core.vault import errors
from copingkit.core.vault import format as fmt
from copingkit.core.vault.store import unseal

from .conftest import PASSPHRASE


def _slot(slot_type=1, kdf_id=1, m=64, t=1, p=1) -> fmt.Keyslot:
    return fmt.Keyslot(slot_type, kdf_id, m, t, p, b"s" * 16, b"n" * 12, b"w" * 48)


def _file(slots=None, body_len=100, generation=1) -> bytes:
    header = fmt.Header(
        vault_id=b"v" * 16,
        generation=generation,
        body_len=body_len,
        body_salt=b"b" * 16,
        slots=tuple(slots or (_slot(), _slot(2, 3, 0, 0, 0))),
    )
    return header.to_bytes() + bytes(body_len)


def test_header_layout_matches_the_design_table():
    data = _file()
    assert data[:8] == bytes.fromhex("89434B560D0A1A0A")
    assert struct.unpack_from("<H", data, 8)[0] == 1
    assert struct.unpack_from("<H", data, 10)[0] == 64 + 96 * 2
    assert data[12] == 1 and data[13] == 2
    assert struct.unpack_from("<H", data, 14)[0] == 0
    assert data[16:32] == b"v" * 16
    assert struct.unpack_from("<Q", data, 32)[0] == 1
    assert struct.unpack_from("<Q", data, 40)[0] == 100
    assert data[48:64] == b"b" * 16
    slot = data[64:160]
    assert slot[0] == 1 and slot[1] == 1 and slot[2:4] == b"\0\0"
    assert struct.unpack_from("<III", slot, 4) == (64, 1, 1)
    assert slot[16:32] == b"s" * 16 and slot[32:44] == b"n" * 12 and slot[44:92] == b"w" * 48
    assert slot[92:96] == b"\0" * 4


def test_serialising_a_parsed_header_gives_back_the_same_bytes():
    data = _file()
    header = fmt.parse_header(data)
    assert header.to_bytes() == data[: header.header_len]


@pytest.mark.parametrize(
    ("mutate", "error"),
    [
        (lambda d: d[:63], errors.Malformed),
        (lambda d: b"", errors.NotAVault),
        (lambda d: b"PK\x03\x04" + d[4:], errors.NotAVault),
        (lambda d: d[:8] + struct.pack("<H", 2) + d[10:], errors.UnsupportedVersion),
        (lambda d: d[:14] + struct.pack("<H", 1) + d[16:], errors.Malformed),
        (lambda d: d[:12] + b"\x02" + d[13:], errors.Malformed),
        (lambda d: d[:13] + b"\x00" + d[14:], errors.Malformed),
        (lambda d: d[:13] + b"\x05" + d[14:], errors.Malformed),
        (lambda d: d[:10] + struct.pack("<H", 64) + d[12:], errors.Malformed),
        (lambda d: d + b"\x00", errors.Malformed),
        (lambda d: d[:-1], errors.Malformed),
        (lambda d: d[:32] + struct.pack("<Q", 0) + d[40:], errors.Malformed),
        (lambda d: d[:64] + b"\x07" + d[65:], errors.Malformed),
        (lambda d: d[:65] + b"\x02" + d[66:], errors.Malformed),
        (lambda d: d[:66] + b"\x01" + d[67:], errors.Malformed),
        (lambda d: d[:156] + b"\x01" + d[157:], errors.Malformed),
    ],
)
def test_malformed_headers_are_refused_with_the_right_error(mutate, error):
    with pytest.raises(error):
        fmt.parse_header(mutate(_file()))


@pytest.mark.parametrize(
    "slot",
    [
        _slot(m=2_097_153),
        _slot(m=7, p=1),
        _slot(m=64, p=9),
        _slot(t=0),
        _slot(t=17),
        _slot(p=0),
        _slot(p=17, m=2000),
        _slot(2, 3, 1, 0, 0),
        _slot(1, 3, 0, 0, 0),
    ],
)
def test_kdf_parameters_out_of_bounds_are_refused_without_running_a_kdf(slot, monkeypatch):
    from copingkit.core.vault import crypto

    ran = []
    monkeypatch.setattr(crypto, "argon2id", lambda *a: ran.append(a) or b"\0" * 32)
    data = _file(slots=(slot,))
    with pytest.raises(errors.Malformed):
        unseal(data, passphrase=PASSPHRASE)
    assert ran == []


def test_bounds_edges_are_accepted():
    for slot in (_slot(m=8, p=1), _slot(m=2_097_152, t=16, p=16)):
        fmt.parse_header(_file(slots=(slot,)))
