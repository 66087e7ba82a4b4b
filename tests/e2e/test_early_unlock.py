"""The real entry point (`copingkit` = copingkit.__main__:main) begins the passphrase's derivation
before click is imported, and the command's outcome is what it always was (copingkit/early_unlock.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from copingkit.core.vault import REAL_KDF, Vault, costs
from tests.support.cli_home import PASSPHRASE, make_home

PROGRAM = """
import sys
order = []
def hook(event, args):
    if event == "subprocess.Popen" and any("derivation_child" in str(a) for a in args[1]):
        order.append("derivation child")
    elif event == "import" and args[0] == "click":
        order.append("click")
sys.addaudithook(hook)
sys.argv = ["copingkit", *sys.argv[1:]]
import atexit
atexit.register(lambda: print("ORDER", ",".join(order), file=sys.stderr))
from copingkit.__main__ import main
main()
"""

FLOOR = costs.KdfParams(m_kib=65_536, t=3, p=4)
"""The policy's floor: derived in a child, and no slot to re-wrap at the open."""


@pytest.fixture
def floor_home(tmp_path):
    home = make_home(tmp_path)
    vault, _ = Vault.create(home.vault, PASSPHRASE, kdf=REAL_KDF, params=FLOOR)
    vault.close()
    return home


def _run(home, *args: str, passphrase_file: str | None = None):
    env = dict(home.env)
    if passphrase_file is not None:
        env["COPINGKIT_PASSPHRASE_FILE"] = passphrase_file
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, env=env, timeout=120, cwd=home.root
    )


def test_the_derivation_starts_before_click_loads_and_the_command_does_its_work(floor_home):
    wrote = _run(floor_home, "write", "the first words of the day")
    assert wrote.returncode == 0, wrote.stderr
    assert "ORDER derivation child,click" in wrote.stderr
    listed = _run(floor_home, "list", "--limit", "5")
    assert listed.returncode == 0, listed.stderr
    assert "the first words of the day" in listed.stdout
    assert listed.stderr.count("derivation child") == 1  # begun once: the open took it


def test_a_wrong_passphrase_is_refused_as_before(floor_home, tmp_path):
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    refused = _run(floor_home, "list", passphrase_file=str(wrong))
    assert refused.returncode == 3, refused.stderr
    assert "ORDER derivation child,click" in refused.stderr


def test_the_app_and_help_begin_nothing(floor_home):
    shown = _run(floor_home, "list", "--help")
    assert shown.returncode == 0
    assert "ORDER click" in shown.stderr and "derivation child" not in shown.stderr


def test_a_passphrase_given_through_a_pipe_is_left_for_the_command(floor_home, tmp_path):
    """`--passphrase-file <(pass show journal)`: a pipe gives its line once. Read early, the command
    would find it empty (or wait for a writer forever); it is left alone, and the command reads it."""
    import os
    import threading

    fifo = tmp_path / "passphrase.fifo"
    os.mkfifo(fifo)

    def give_it_once() -> None:
        with open(fifo, "w") as pipe:
            pipe.write(PASSPHRASE + "\n")

    writer = threading.Thread(target=give_it_once, daemon=True)
    writer.start()
    listed = _run(floor_home, "list", passphrase_file=str(fifo))
    writer.join(timeout=5)
    assert listed.returncode == 0, listed.stderr
    assert "ORDER click" in listed.stderr  # no child begun before click: the pipe wasn't read early
