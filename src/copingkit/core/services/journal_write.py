"""Writing a new journal entry with plain SQL on the vault's own sqlite3 connection (DESIGN.md §1).

`copingkit write` adds one entry and exits: done here with the standard library, inside one
`Database.transaction` (the write lock, commit or roll back, the change heard by the vault so it
knows to save), it never imports SQLAlchemy or the models. The rules are the service layer's: the
text checked and cleaned here, tags named by `tag_names` and made by `tag_ids`, the time from the
service's clock, and every new row's uid and updated_at given by the database's own insert triggers
(schema v3), as for any row written without the ORM. `JournalService` inherits `create`, so the TUI
writes entries the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from copingkit.core.errors import InvalidInput
from copingkit.core.services._common import aware, optional_text, preview_of, tag_ids, tag_names
from copingkit.core.services.journal_models import ENTRY_KINDS, Entry
from copingkit.core.services.journal_read import JournalReader, entry_by_id
from copingkit.core.utc import to_utc_text

TITLE_MAX = 200
BODY_MAX = 1_000_000

_INSERT = (
    "INSERT INTO journal_entry (title, body, preview, kind, prompt_id, starred, shared_with_therapist, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


class JournalWriter(JournalReader):
    """The journal's reads and `create`, in plain SQL."""

    def create(
        self,
        body: str,
        *,
        title: str | None = None,
        tags: Iterable[str] = (),
        at: datetime | None = None,
        kind: str = "free",
        prompt_id: str | None = None,
        starred: bool = False,
        shared: bool = False,
    ) -> Entry:
        body = clean_body(body)
        title = clean_title(title)
        kind = clean_kind(kind)
        prompt = optional_text(prompt_id, "prompt")
        names = tag_names(tags)
        created = self.now() if at is None else aware(at, "entry time")
        row = (title, body, preview_of(body), kind, prompt, bool(starred), bool(shared), to_utc_text(created))
        with self.database.transaction() as connection:
            entry_id = connection.execute(_INSERT, row).lastrowid
            ids = tag_ids(connection, names)
            connection.executemany(
                "INSERT INTO entry_tag (entry_id, tag_id) VALUES (?, ?)", [(entry_id, ids[name]) for name in names]
            )
            return entry_by_id(connection, entry_id)


def clean_body(body: Any) -> str:
    if not isinstance(body, str) or not body.strip():
        raise InvalidInput("An entry needs some words.")
    if len(body) > BODY_MAX:
        raise InvalidInput("That entry is too long to keep in one piece; please split it.")
    return body


def clean_title(title: Any) -> str | None:
    title = optional_text(title, "title")
    if title is not None:
        title = " ".join(title.split())
        if len(title) > TITLE_MAX:
            raise InvalidInput(f"A title can be at most {TITLE_MAX} characters.")
    return title


def clean_kind(kind: Any) -> str:
    if kind not in ENTRY_KINDS:
        raise InvalidInput(f"An entry's kind is one of: {', '.join(ENTRY_KINDS)}.")
    return kind
