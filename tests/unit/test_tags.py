from __future__ import annotations

from copingkit.core.tags import split_tags


def test_commas_and_semicolons_split_and_hashes_and_blanks_go() -> None:
    assert split_tags(" sleep, #walk;family ,, # ;") == ["sleep", "walk", "family"]
