"""Errors the services raise. Each message is one calm sentence a person can read."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """DESIGN.md §4's exit codes. Which error gets which is in `copingkit.core.error_words`."""

    OK = 0
    BAD_INPUT = 1
    USAGE = 2
    WRONG_SECRET = 3
    DAMAGED = 4
    LOCKED = 5
    CONFLICT = 6


class CopingkitError(Exception):
    """Base for every error copingkit raises on purpose."""


class InvalidInput(CopingkitError, ValueError):
    """Input a person gave that cannot be stored; the message says what to change."""


class NotFound(CopingkitError, LookupError):
    """The thing asked for is not in this journal (any more)."""


class SchemaTooNew(CopingkitError):
    """The journal was written by a newer copingkit than this one."""


__all__ = ["CopingkitError", "ExitCode", "InvalidInput", "NotFound", "SchemaTooNew"]
