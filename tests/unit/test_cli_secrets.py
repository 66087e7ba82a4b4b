"""init, passwd and recover follow the app's passphrase rule, and a mistyped recovery key is told apart from a wrong one.

In-process (click's CliRunner) with the test KDF profile; `terminal=True` answers the prompts a
person would see at a terminal from the runner's input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from copingkit.core import passphrase
from copingkit.core.vault import TEST_KDF, Vault, errors
from tests.support.cli import PASSPHRASE, InProcessCli, make_home

SHORT_ONE = "abc"
WARNING = "This passphrase is short (3 characters)"


@pytest.fixture
def fresh(tmp_path: Path) -> InProcessCli:
    return make_home(tmp_path, with_vault=False)


@pytest.fixture
def journal(tmp_path: Path) -> InProcessCli:
    return make_home(tmp_path)


def _opens_with(vault: Path, secret: str) -> bool:
    try:
        Vault.open(vault, secret, kdf=TEST_KDF).close(save=False)
    except errors.WrongSecret:
        return False
    return True


def _secret_file(home: InProcessCli, name: str, text: str) -> str:
    path = home.root / "secrets" / name
    path.write_text(text + "\n")
    return str(path)


def test_the_cli_and_the_app_share_one_rule() -> None:
    from copingkit.tui.screens import create

    assert create.passphrase_hint is passphrase.passphrase_hint
    assert (passphrase.is_short("a" * 7), passphrase.is_short("a" * 8)) == (True, False)


def test_init_from_a_file_warns_about_a_short_passphrase_on_stderr_and_goes_on(fresh: InProcessCli) -> None:
    fresh.passphrase_file.write_text(SHORT_ONE + "\n")
    result = fresh.run("init")
    assert result.exit_code == 0, result.output
    assert WARNING in result.stderr and WARNING not in result.stdout
    assert _opens_with(fresh.vault, SHORT_ONE)


def test_init_at_a_terminal_asks_before_using_a_short_passphrase_and_no_makes_nothing(fresh: InProcessCli) -> None:
    result = fresh.run(
        "init", input=f"{SHORT_ONE}\n{SHORT_ONE}\nn\n", env={"COPINGKIT_PASSPHRASE_FILE": None}, terminal=True
    )
    assert result.exit_code == 1
    assert WARNING in result.stderr and "Use it anyway?" in result.stderr
    assert "No journal was made." in result.stderr
    assert not fresh.vault.exists()


def test_init_at_a_terminal_uses_a_short_passphrase_once_confirmed(fresh: InProcessCli) -> None:
    result = fresh.run(
        "init", input=f"{SHORT_ONE}\n{SHORT_ONE}\ny\n", env={"COPINGKIT_PASSPHRASE_FILE": None}, terminal=True
    )
    assert result.exit_code == 0, result.output
    assert _opens_with(fresh.vault, SHORT_ONE)


def test_init_at_a_terminal_asks_nothing_about_a_good_passphrase(fresh: InProcessCli) -> None:
    result = fresh.run(
        "init", input=f"{PASSPHRASE}\n{PASSPHRASE}\n", env={"COPINGKIT_PASSPHRASE_FILE": None}, terminal=True
    )
    assert result.exit_code == 0, result.output
    assert "short" not in result.stderr and "Use it anyway?" not in result.stderr


def test_passwd_from_a_file_warns_and_changes_it(journal: InProcessCli) -> None:
    result = journal.run("passwd", "--new-passphrase-file", _secret_file(journal, "new", SHORT_ONE))
    assert result.exit_code == 0, result.output
    assert WARNING in result.stderr
    assert _opens_with(journal.vault, SHORT_ONE)


def test_passwd_at_a_terminal_keeps_everything_when_the_short_one_is_declined(journal: InProcessCli) -> None:
    before = journal.vault.read_bytes()
    result = journal.run("passwd", input=f"{SHORT_ONE}\n{SHORT_ONE}\nn\n", terminal=True)
    assert result.exit_code == 1
    assert WARNING in result.stderr and "Nothing was changed." in result.stderr
    assert journal.vault.read_bytes() == before


def test_recover_applies_the_rule_to_the_new_passphrase(journal: InProcessCli) -> None:
    result = journal.run(
        "recover",
        "--recovery-key-file",
        _secret_file(journal, "key", journal.recovery_key),
        "--new-passphrase-file",
        _secret_file(journal, "new", SHORT_ONE),
    )
    assert result.exit_code == 0, result.output
    assert WARNING in result.stderr
    assert _opens_with(journal.vault, SHORT_ONE)


@pytest.mark.parametrize(
    "typed", ["ABCD-EFGH", "not a key at all", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-456!" + "7" * 9]
)
def test_a_recovery_key_of_the_wrong_shape_has_its_own_words_and_exit_1(journal: InProcessCli, typed: str) -> None:
    before = journal.vault.read_bytes()
    result = journal.run(
        "recover",
        "--recovery-key-file",
        _secret_file(journal, "key", typed),
        "--new-passphrase-file",
        _secret_file(journal, "new", PASSPHRASE),
    )
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("That doesn't look like a recovery key: it is 8 groups of 4")
    assert journal.vault.read_bytes() == before


def test_a_well_formed_recovery_key_that_is_not_this_journals_is_exit_3(journal: InProcessCli) -> None:
    other = make_home(journal.root / "other")
    before = journal.vault.read_bytes()
    result = journal.run(
        "recover",
        "--recovery-key-file",
        _secret_file(journal, "key", other.recovery_key),
        "--new-passphrase-file",
        _secret_file(journal, "new", PASSPHRASE),
    )
    assert result.exit_code == 3
    assert "That recovery key didn't open this journal." in result.stderr
    assert journal.vault.read_bytes() == before


def test_a_recovery_key_typed_at_the_terminal_with_a_typo_in_shape_is_exit_1(journal: InProcessCli) -> None:
    result = journal.run(
        "recover",
        "--new-passphrase-file",
        _secret_file(journal, "new", PASSPHRASE),
        input="ABCD-EFGH-IJKL\n",
        terminal=True,
    )
    assert result.exit_code == 1
    assert "That doesn't look like a recovery key" in result.stderr


def test_passwd_keeping_a_recovery_key_of_the_wrong_shape_is_exit_1_and_changes_nothing(journal: InProcessCli) -> None:
    before = journal.vault.read_bytes()
    result = journal.run(
        "passwd",
        "--new-passphrase-file",
        _secret_file(journal, "new", PASSPHRASE + " again"),
        "--recovery-key-file",
        _secret_file(journal, "key", "ABCD-EFGH"),
    )
    assert result.exit_code == 1
    assert "That doesn't look like a recovery key" in result.stderr
    assert journal.vault.read_bytes() == before
