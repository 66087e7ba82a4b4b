"""The real entry point ends without the interpreter's teardown (copingkit.__main__.end): the exit
status, everything written to standard output and the atexit handlers are exactly as Python's own exit
would leave them; a closed pipe is 141, quietly; a thread still running is waited for."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.support.cli_home import initialise, make_home


def _entry(home, program_after: str = "", *args: str, **kwargs):
    program = textwrap.dedent(
        """
        import sys
        sys.argv = ["copingkit", *sys.argv[1:]]
        {after}
        from copingkit.__main__ import main
        main()
        """
    ).format(after=program_after)
    return subprocess.run(
        [sys.executable, "-c", program, *args], capture_output=True, env=home.env, cwd=home.root, timeout=120, **kwargs
    )


@pytest.fixture
def home(tmp_path):
    home = initialise(make_home(tmp_path))
    for n in range(3):
        done = home.run("write", f"entry number {n}")
        assert done.returncode == 0, done.stderr
    return home


def test_the_status_and_every_line_of_output_come_through(home):
    listed = _entry(home, "", "list", "--limit", "10", text=True)
    assert listed.returncode == 0, listed.stderr
    assert [line.split("  ")[-1] for line in listed.stdout.splitlines()] == [
        "entry number 2",
        "entry number 1",
        "entry number 0",
    ]
    usage = _entry(home, "", "list", "--limit", "0", text=True)
    assert usage.returncode == 2 and "Invalid value for '--limit'" in usage.stderr


def test_atexit_handlers_still_run(home):
    program = "import atexit\natexit.register(lambda: print('handler ran', file=sys.stderr))"
    done = _entry(home, program, "list", text=True)
    assert done.returncode == 0
    assert done.stderr.endswith("handler ran\n")


def test_a_reader_that_went_away_is_141_and_nothing_is_said(home):
    program = textwrap.dedent(
        """
        import os
        read, write = os.pipe()
        os.close(read)
        os.dup2(write, 1)
        """
    )
    done = _entry(home, program, "list", text=True)
    assert done.returncode == 141
    assert done.stderr == ""


def test_a_thread_still_running_is_waited_for(home, tmp_path):
    marker = tmp_path / "finished"
    program = textwrap.dedent(
        f"""
        import threading, time
        def later():
            time.sleep(0.3)
            open({str(marker)!r}, "w").close()
        threading.Thread(target=later).start()
        """
    )
    done = _entry(home, program, "list", text=True)
    assert done.returncode == 0, done.stderr
    assert marker.exists()


@pytest.mark.parametrize(("status", "code", "said"), [(None, 0, ""), (4, 4, ""), ("a message", 1, "a message\n")])
def test_a_status_means_what_system_exit_makes_of_it(status, code, said, capsys):
    from copingkit.__main__ import _exit_code

    assert _exit_code(status) == code
    assert capsys.readouterr().err == said
