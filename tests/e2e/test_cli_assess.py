"""`copingkit assess` as a real process: stdout holds DESIGN §4's JSON and nothing else, the item-9
text goes to stderr, and a wrong answer count is exit 1 with nothing stored."""

from __future__ import annotations

import json

from copingkit.core import assessments
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault

from .conftest import PASSPHRASE, Home


def test_item9_json_on_stdout_crisis_text_on_stderr_and_a_bad_count_stores_nothing(initialised: Home):
    bad = initialised.run("assess", "phq9", "--answers", "1,1,1", "--format", "json")
    assert bad.returncode == 1
    assert "PHQ-9 has 9 questions; 3 answers given" in bad.stderr
    assert bad.stdout == ""

    result = initialised.run("assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,3", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "instrument": "phq9",
        "version": "1",
        "score": 3,
        "band": "minimal",
        "flags": ["item9"],
    }
    assert assessments.crisis_text() in result.stderr
    assert assessments.not_a_diagnosis() in result.stderr

    vault = Vault.open(initialised.vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        [stored] = Services(vault.database).assessments.list()
    finally:
        vault.close(save=False)
    assert (stored.score, stored.flags) == (3, ("item9",))
    assert stored.crisis_shown_at is not None
