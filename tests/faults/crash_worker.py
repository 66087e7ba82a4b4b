"""A fork server for the crash test: imports copingkit once, then forks one writer per request.

stdin, one line per request: a vault path. For each request it forks a child that opens the vault
(TEST_KDF), then loops forever through the services: add an entry "counter N", set the holder
entry's body to N, save,
and print "ACK N" (one write, flushed) only after `save()` returned. The parent SIGKILLs the child
whenever it likes. The child itself prints "CHILD <pid>" before it opens the vault (from the server, the
line raced the child's own "OPEN" once opening got fast), and this server prints "REAPED <pid> <status>"
once it is gone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault

PASSPHRASE = "crash test passphrase"
HOLDER_ID = 1  # the first entry holds the counter


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def writer(path: Path) -> None:
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=3)
    services = Services(vault.database)
    (body,) = vault.database.connection.execute("SELECT body FROM journal_entry WHERE id = ?", (HOLDER_ID,)).fetchone()
    count = int(body)
    say(f"OPEN {count}")
    while True:
        count += 1
        services.journal.create(f"counter {count}")
        services.journal.update(HOLDER_ID, body=str(count))
        vault.save()
        say(f"ACK {count}")


def warm_up() -> None:
    """One open-edit-save cycle on a scratch vault, so forked writers start with SQLAlchemy configured."""
    scratch = Path("crash-worker-warm-up.vault")
    vault, _ = Vault.create(scratch, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    Services(vault.database).journal.create("0")
    vault.close()
    vault = Vault.open(scratch, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    services = Services(vault.database)
    services.journal.create("counter 1")
    services.journal.update(HOLDER_ID, body="1")
    vault.close()
    for leftover in Path().glob("crash-worker-warm-up*"):
        leftover.unlink()


def main() -> None:
    warm_up()
    say("READY")
    for line in sys.stdin:
        path = Path(line.strip())
        pid = os.fork()
        if pid == 0:
            try:
                say(f"CHILD {os.getpid()}")
                writer(path)
            except BaseException as error:  # a failure in the child is a finding: report it
                say(f"ERROR {type(error).__name__}: {error}")
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        say(f"REAPED {pid} {status}")


if __name__ == "__main__":
    main()
