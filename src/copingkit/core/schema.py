"""Schema migrations keyed on `PRAGMA user_version`.

Each version is one SQL file in `copingkit.core.migrations` (`0001_base.sql`, ...).
`migrate` applies the missing ones in order, each in its own transaction together
with the `user_version` bump, so an image is always at a whole version.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from copingkit.core.errors import SchemaTooNew

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def migrations() -> tuple[Migration, ...]:
    """Every shipped migration, in version order; versions must run 1, 2, 3, ... without gaps."""
    found: list[Migration] = []
    for item in resources.files("copingkit.core.migrations").iterdir():
        match = _NAME.match(item.name)
        if match:
            found.append(Migration(int(match.group(1)), item.name, item.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration {migration.name} breaks the sequence; expected version {expected}")
    return tuple(found)


def latest_version() -> int:
    return migrations()[-1].version


def user_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, *, target: int | None = None) -> int:
    """Bring the image to `target` (default: the newest version); returns the version reached.

    An image newer than this copingkit raises `SchemaTooNew` and is left untouched.
    """
    goal = latest_version() if target is None else target
    check_not_newer(connection)
    current = user_version(connection)
    if connection.in_transaction:
        raise RuntimeError("migrate needs a connection with no open transaction")
    for migration in migrations():
        if current < migration.version <= goal:
            apply(connection, migration)
            current = migration.version
    return current


def register_functions(
    connection: sqlite3.Connection, *, vault_id: bytes | None = None, clock: Callable[[], datetime] | None = None
) -> None:
    """The SQL functions the identity migration (v3) and its triggers call.

    ck_uid5(table, key, created): UUIDv5(vault_id, "table:key:created"), so copies of one journal
    that migrate apart agree; ck_uuid4(): a random uid; ck_now(): `clock` as fixed-width UTC text.
    """
    namespace = uuid.UUID(bytes=vault_id) if vault_id is not None else uuid.UUID(int=0)
    now_of = clock or (lambda: datetime.now(UTC))

    def uid5(table: str, key: object, created: str | None) -> str:
        return str(uuid.uuid5(namespace, f"{table}:{key}:{created or ''}"))

    def now() -> str:
        return now_of().astimezone(UTC).isoformat(timespec="microseconds")

    connection.create_function("ck_uid5", 3, uid5, deterministic=True)
    connection.create_function("ck_uuid4", 0, lambda: str(uuid.uuid4()))
    connection.create_function("ck_now", 0, now)


def check_not_newer(connection: sqlite3.Connection) -> None:
    """Raise SchemaTooNew for an image written by a newer copingkit; changes nothing."""
    if user_version(connection) > latest_version():
        raise SchemaTooNew("This journal was made by a newer copingkit; please update copingkit to open it.")


def apply(connection: sqlite3.Connection, migration: Migration) -> None:
    """Run one migration and its version bump in a single transaction."""
    script = f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version:d};\nCOMMIT;\n"
    try:
        connection.executescript(script)
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


__all__ = [
    "Migration",
    "apply",
    "check_not_newer",
    "register_functions",
    "latest_version",
    "migrate",
    "migrations",
    "user_version",
]
