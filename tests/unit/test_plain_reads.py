"""The journal's read paths in plain SQL (DESIGN.md §1, issue 13): listing, counting and searching a
vault loads neither SQLAlchemy, SQLModel nor the models, and no other service's module."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault

PASSPHRASE = "plain reads are enough"


def test_reading_a_vault_through_the_reader_imports_no_orm_and_no_other_service(tmp_path: Path):
    path = tmp_path / "data" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
    Services(vault.database).journal.create("A slow breathing morning.", tags=["calm"])
    vault.close()
    program = (
        "import sys\n"
        "from copingkit.core.services import Services\n"
        "from copingkit.core.vault import TEST_KDF, Vault\n"
        f"vault = Vault.open({str(path)!r}, {PASSPHRASE!r}, kdf=TEST_KDF)\n"
        "reader = Services(vault.database).reader\n"
        "listed = reader.list(limit=10)\n"
        "found = reader.search('breath')\n"
        "print(len(listed), listed[0].tags, len(found), reader.count(tag='calm'))\n"
        "vault.close()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')]\n"
        "loaded += [m for m in sys.modules if m.startswith('copingkit.core.services.')]\n"
        "loaded += [m for m in sys.modules if m == 'copingkit.core.models']\n"
        "print(sorted(loaded))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.splitlines() == [
        "1 ('calm',) 1 1",
        "['copingkit.core.services._common', 'copingkit.core.services.journal_read',"
        " 'copingkit.core.services.readmodels']",
    ]


def test_the_reader_and_the_journal_service_list_the_same_rows(services: Services):
    """One implementation: JournalService inherits the reader's plain-SQL list, count and search."""
    for day in range(1, 4):
        services.journal.create(f"Day {day} by the river.", at=datetime(2026, 3, day, 9, tzinfo=UTC), tags=["walk"])
    services.journal.delete(services.journal.list()[0].id)
    assert services.reader.list(deleted=None) == services.journal.list(deleted=None)
    assert [entry.created_at.day for entry in services.reader.list()] == [2, 1]
    assert services.reader.count(tag="walk") == 2
    assert type(services.journal).list is type(services.reader).list
