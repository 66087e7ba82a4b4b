"""A real vault file holds every table, and a vault written at an older schema opens and migrates."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from copingkit.core import schema
from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from copingkit.core.vault import format as fmt
from tests.support import reference_vault
from tests.support.export_normaliser import normalise
from tests.support.journal_data import START, fill

from .conftest import PASSPHRASE

LEGACY = Path(__file__).resolve().parents[2] / "legacy" / "build_v1.py"


def _legacy_v1_image() -> bytes:
    spec = importlib.util.spec_from_file_location("copingkit_legacy_build_v1_vault", LEGACY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_v1_image()


def test_every_table_round_trips_through_the_sealed_file(vault_path: Path):
    vault, recovery_key = Vault.create(vault_path, PASSPHRASE, kdf=TEST_KDF)
    services = Services(vault.database, clock=FixedClock(START))
    fill(services, vault.database)
    before = services.transfer.export_document()
    assert all(before["tables"].values()), "the journal should use every table"
    vault.close()
    for secret in ({"passphrase": PASSPHRASE}, {"recovery_key": recovery_key}):
        with Vault.open(vault_path, kdf=TEST_KDF, **secret) as reopened:
            after = Services(reopened.database, clock=FixedClock(START)).transfer.export_document()
        assert after == before
        assert normalise(after) == normalise(before)


def test_a_vault_written_at_schema_v1_opens_migrates_and_keeps_its_data(tmp_path: Path):
    path = tmp_path / "old.vault"
    secret = bytes(range(20))
    path.write_bytes(reference_vault.encode(_legacy_v1_image(), passphrase=PASSPHRASE, recovery_secret=secret))
    generation = fmt.parse_header(path.read_bytes()).generation
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert schema.user_version(vault.database.connection) == schema.latest_version() > 1
        services = Services(vault.database)
        assert [hit.entry_id for hit in services.journal.search("radiator")] == [2]
        assert services.journal.list()[1].title == "Monday"
    assert fmt.parse_header(path.read_bytes()).generation == generation + 1, "the migration was saved"
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        assert schema.user_version(vault.database.connection) == schema.latest_version()
