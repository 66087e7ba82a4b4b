"""Errors the services raise. Each message is one calm sentence a person can read."""

from __future__ import annotations


class CopingkitError(Exception):
    """Base for every error copingkit raises on purpose."""


class InvalidInput(CopingkitError, ValueError):
    """Input a person gave that cannot be stored; the message says what to change."""


class NotFound(CopingkitError, LookupError):
    """The thing asked for is not in this journal (any more)."""


class SchemaTooNew(CopingkitError):
    """The journal was written by a newer copingkit than this one."""


__all__ = ["CopingkitError", "InvalidInput", "NotFound", "SchemaTooNew"]
