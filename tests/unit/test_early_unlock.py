"""The unlock begun as the process starts (copingkit/early_unlock.py): it reads the group's options as
click does, gives up wherever that isn't certain, and begins nothing it shouldn't."""

from __future__ import annotations

from pathlib import Path

import pytest

from copingkit import early_unlock
from copingkit.cli import main
from copingkit.core import derivation
from copingkit.core.vault import Vault, costs

ENV = {"COPINGKIT_VAULT": "/env/journal.vault", "COPINGKIT_PASSPHRASE_FILE": "/env/passphrase"}


@pytest.mark.parametrize(
    ("argv", "vault", "passphrase_file", "allow_costly"),
    [
        (["--vault", "/a.vault", "--passphrase-file", "/p", "list"], "/a.vault", "/p", False),
        (["--vault=/a.vault", "--passphrase-file=/p", "search", "x"], "/a.vault", "/p", False),
        (["--passphrase-file", "/p", "--allow-costly-kdf", "write", "hi"], "/env/journal.vault", "/p", True),
        (["--trust-folder", "list", "--limit", "3"], "/env/journal.vault", "/env/passphrase", False),
        (["--vault", "~/j.vault", "list"], str(Path("~/j.vault").expanduser()), "/env/passphrase", False),
        (["export", "--format", "json", "--output", "x.json"], "/env/journal.vault", "/env/passphrase", False),
    ],
)
def test_the_group_options_are_read_as_click_reads_them(argv, vault, passphrase_file, allow_costly, monkeypatch):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    request = early_unlock.parse(argv)
    assert request == early_unlock.Request(Path(vault), passphrase_file, allow_costly)
    params = main.make_context("copingkit", list(argv)).params  # click's own parse of the same words
    assert Path(params["vault_path"]).expanduser() == request.vault
    assert params["passphrase_file"] == request.passphrase_file
    assert params["allow_costly_kdf"] is request.allow_costly


@pytest.mark.parametrize(
    "argv",
    [
        [],  # the app: it asks for the passphrase itself
        ["--passphrase-file", "/p"],
        ["--help"],
        ["--version"],
        ["list", "--help"],
        ["write", "-h"],
        ["--passphrase-file", "-", "list"],  # standard input belongs to the command
        ["--unknown", "list"],
        ["--", "list"],
        ["--vault"],
        ["init"],
        ["recover"],
        ["doctor"],
        ["lock"],
        ["demo"],
    ],
)
def test_anything_uncertain_begins_nothing(argv):
    assert early_unlock.parse(argv, ENV) is None


def test_no_passphrase_file_anywhere_begins_nothing():
    assert early_unlock.parse(["list"], {}) is None


FLOOR_BELOW = costs.KdfProfile("in a child", costs.KdfParams(m_kib=8192, t=9, p=1), calibrate=False)


@pytest.fixture
def vault_and_passphrase(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "journal" / "journal.vault"
    vault, _ = Vault.create(path, "the passphrase of the early test", kdf=FLOOR_BELOW)
    vault.close()
    secret = tmp_path / "passphrase"
    secret.write_text("the passphrase of the early test\n")
    return path, secret


@pytest.fixture(autouse=True)
def _nothing_left_running():
    yield
    derivation.discard_ahead()
    assert derivation.running_pids() == []


def test_a_command_that_unlocks_is_begun_and_the_open_takes_it(vault_and_passphrase, tmp_path, monkeypatch):
    path, secret = vault_and_passphrase
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no agent there
    assert early_unlock.begin(["--vault", str(path), "--passphrase-file", str(secret), "list"], {})
    assert len(derivation._ahead) == 1 and len(derivation.running_pids()) == 1
    opened = Vault.open(path, "the passphrase of the early test", kdf=FLOOR_BELOW)
    opened.close(save=False)
    assert derivation._ahead == {}  # taken by the open


def test_nothing_is_begun_while_a_key_agent_may_hold_the_key(vault_and_passphrase, tmp_path, monkeypatch):
    path, secret = vault_and_passphrase
    folder = tmp_path / "copingkit-agent"
    folder.mkdir(mode=0o700)
    (folder / "agent.sock").touch()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert not early_unlock.begin(["--vault", str(path), "--passphrase-file", str(secret), "list"], {})
    assert derivation.running_pids() == [] and derivation._ahead == {}


def test_a_missing_file_or_passphrase_begins_nothing_and_says_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    secret = tmp_path / "passphrase"
    secret.write_text("anything\n")
    assert not early_unlock.begin(
        ["--vault", str(tmp_path / "none.vault"), "--passphrase-file", str(secret), "list"], {}
    )
    assert not early_unlock.begin(
        ["--vault", str(tmp_path / "none.vault"), "--passphrase-file", "/no/such", "list"], {}
    )
    assert derivation.running_pids() == []
    assert capsys.readouterr() == ("", "")
