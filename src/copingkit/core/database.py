"""The in-memory SQLite database that a vault decrypts into.

One `Database` owns one `sqlite3` connection. SQLModel runs on it through a
`StaticPool` engine whose connection cannot be closed by the pool, so
`engine.dispose()` never drops the data. Nothing here touches the disk.

SQLAlchemy and SQLModel are imported when the engine is first used (`engine`, `session`), never
before: opening a vault and reading it with plain SQL (the CLI's read paths) doesn't load them
(DESIGN.md §1).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from copingkit.core import schema
from copingkit.core.clock import Clock, system_now

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

PRAGMAS = (
    "PRAGMA temp_store=MEMORY",
    "PRAGMA secure_delete=ON",
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=MEMORY",
)


class IntegrityFailure(Exception):
    """The decrypted image is not a healthy SQLite database."""


class _GuardedConnection(sqlite3.Connection):
    """A connection the pool cannot close; only `Database.close` can."""

    def close(self) -> None:  # noqa: D401 - pool calls this; keep the data
        return None

    def really_close(self) -> None:
        super().close()


def _connect() -> _GuardedConnection:
    return sqlite3.connect(
        ":memory:",
        factory=_GuardedConnection,
        check_same_thread=False,
        isolation_level=None,
    )


class Database:
    """An in-memory SQLite image with a SQLModel engine and a write lock.

    `vault_id` names the journal the image belongs to: rows that exist when the identity migration
    runs get uids derived from it. `clock` stamps `updated_at` and tombstones (the services set it to
    their own clock, so tests and the demo control it).
    """

    def __init__(self, connection: _GuardedConnection, *, vault_id: bytes | None = None) -> None:
        self._connection = connection
        self.vault_id = vault_id
        self.clock: Clock = system_now
        self._register_functions()
        self.lock = threading.RLock()
        self._engine: Engine | None = None
        self._closed = False
        self.migrated = False
        """True when opening brought the image to a newer schema (so it needs saving)."""
        self._listeners: list[Callable[[], None]] = []

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine on this connection, made (and SQLAlchemy imported) on first use."""
        with self.lock:
            if self._engine is None:
                from sqlalchemy import event
                from sqlalchemy.pool import StaticPool
                from sqlmodel import create_engine

                engine = create_engine("sqlite://", creator=lambda: self._connection, poolclass=StaticPool)

                @event.listens_for(engine, "begin")
                def _begin(conn) -> None:  # pysqlite's own transaction handling is off
                    conn.exec_driver_sql("BEGIN")

                self._engine = engine
            return self._engine

    # -- noticing changes -----------------------------------------------------------------

    def add_change_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener` after every committed write (from the thread that wrote).

        This is how saving belongs to the vault rather than to each screen: whoever owns the save
        schedule (the TUI's save controller) listens here, so no caller has to remember to ask.
        """
        self._listeners.append(listener)

    def remove_change_listener(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self) -> None:
        for listener in tuple(self._listeners):
            listener()

    def _register_functions(self) -> None:
        schema.register_functions(self._connection, vault_id=self.vault_id, clock=lambda: self.clock())

    @classmethod
    def new(cls) -> Database:
        """An empty database with the current schema."""
        connection = _connect()
        database = cls(connection)
        database._prepare()
        return database

    @classmethod
    def from_image(
        cls, image: bytes, *, vault_id: bytes | None = None, before_migrating: Callable[[], None] | None = None
    ) -> Database:
        """A database deserialised from a SQLite image, checked and migrated.

        `before_migrating` runs only when the image is at an older schema, before anything changes
        (the vault writes a sealed copy of the file there). An image newer than this copingkit
        raises SchemaTooNew before it is called.
        """
        if not image:  # sqlite3 raises MemoryError for an empty image
            raise IntegrityFailure("the database image is empty")
        connection = _connect()
        try:
            connection.deserialize(image)
        except sqlite3.DatabaseError as error:
            connection.really_close()
            raise IntegrityFailure(str(error)) from error
        database = cls(connection, vault_id=vault_id)
        try:
            # The schema must parse. No page-by-page check (PRAGMA quick_check, ~100 ms at ten years)
            # on every open: the image comes out of a body AES-GCM just authenticated, so it is byte
            # for byte what a save sealed, and every save checked each sealed chunk before writing it (crypto.seal_to).
            # `check_integrity` runs the full check on request.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a damaged page can hold any bytes
            database.close()
            raise IntegrityFailure(str(error)) from error
        try:
            database._prepare(before_migrating)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # e.g. a migration that cannot apply to this image
            database.close()
            raise IntegrityFailure(str(error)) from error
        except BaseException:
            database.close()
            raise
        return database

    def _prepare(self, before_migrating: Callable[[], None] | None = None) -> None:
        for pragma in PRAGMAS:
            self._connection.execute(pragma)
        with self.lock:
            before = schema.user_version(self._connection)
            if before < schema.latest_version() and before_migrating is not None:
                schema.check_not_newer(self._connection)
                before_migrating()
            schema.migrate(self._connection)
            self.migrated = schema.user_version(self._connection) != before

    def check_integrity(self) -> None:
        """SQLite's own page-by-page check (PRAGMA quick_check); IntegrityFailure if it finds damage."""
        with self.lock:
            try:
                row = self._connection.execute("PRAGMA quick_check").fetchone()
            except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
                raise IntegrityFailure(str(error)) from error
        if row is None or row[0] != "ok":
            raise IntegrityFailure(str(row))

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for the schema module and integrity checks only."""
        return self._connection

    @property
    def changes(self) -> int:
        """A counter that grows with every row written; the vault uses it to know it is dirty."""
        return self._connection.total_changes

    @property
    def in_transaction(self) -> bool:
        return self._connection.in_transaction

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session holding the write lock; commits on success, rolls back on error.

        Listeners hear of the change after the lock is released, so one that saves never waits on it.
        """
        from sqlmodel import Session

        with self._writing():
            with Session(self.engine, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The raw connection inside one transaction holding the write lock, for a service's plain-SQL
        write (DESIGN.md §1): commits on success, rolls back on error, and is heard by the listeners
        (and counted in `changes`) exactly as a session's write is. SQLAlchemy is not imported."""
        with self._writing():
            connection = self._connection
            if connection.in_transaction:
                raise RuntimeError("a transaction is already open on this database")
            connection.execute("BEGIN")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the write lock around a write; after it, if any row changed, tell the listeners."""
        with self.lock:
            before = self._connection.total_changes
            yield
            changed = self._connection.total_changes != before
        if changed:
            self._notify()

    def image(self) -> bytes:
        """The serialised SQLite image; refused while a transaction is open."""
        with self.lock:
            if self._connection.in_transaction:
                raise RuntimeError("a transaction is open; refusing to serialise a half-written state")
            return self._connection.serialize()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._listeners.clear()
        if self._engine is not None:
            self._engine.dispose()
        self._connection.really_close()
