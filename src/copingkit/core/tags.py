"""Tags typed into one box: "sleep, #walk; family" is three tags."""

from __future__ import annotations


def split_tags(text: str) -> list[str]:
    """Comma- or semicolon-separated names, each without a leading # or spaces; empty ones dropped."""
    return [part.strip().lstrip("#") for part in text.replace(";", ",").split(",") if part.strip().lstrip("#")]
