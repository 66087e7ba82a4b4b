"""The one passphrase rule, for the app's create and new-passphrase screens and for `init`, `passwd`, `recover`,
and the one form a passphrase is used in (`normalise_passphrase`, DESIGN.md §2.2).

Guidance, never a score to beat: a short passphrase is allowed once the person has been told and
has chosen it anyway.
"""

from __future__ import annotations

import unicodedata

GOOD_LENGTH = 12
GOOD_WORDS = 4
SHORT = 8
"""Fewer characters than this is "short": warned about, and kept only when the person confirms."""

AIM = "A good aim: 12 or more characters, or 4 or more words. Spaces are fine."


def passphrase_hint(passphrase: str) -> str:
    """Gentle guidance while typing."""
    if not passphrase:
        return AIM
    if len(passphrase) >= GOOD_LENGTH or len(passphrase.split()) >= GOOD_WORDS:
        return "That's a good length."
    if is_short(passphrase):
        return "Still short. A few more characters or words make it much harder to guess."
    return "Getting there. 12 or more characters, or 4 or more words, is a good aim."


def is_short(passphrase: str) -> bool:
    return len(passphrase) < SHORT


def short_warning(passphrase: str) -> str:
    """What to say about a short passphrase before it is used."""
    return (
        f"This passphrase is short ({len(passphrase)} characters). A longer one is much harder "
        "for someone else to guess."
    )


def normalise_passphrase(passphrase: str) -> bytes:
    """What Argon2id is given: the passphrase NFC-normalised, in UTF-8 (DESIGN.md §2.2)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")
