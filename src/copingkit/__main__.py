"""Entry point: harden the process first, begin the unlock's key derivation, hand over to the command
line, and end without the interpreter's teardown."""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn


def main() -> NoReturn:
    from copingkit import hardening

    hardening.apply()
    from copingkit import early_unlock

    early_unlock.begin(sys.argv[1:])  # before click and the rest load: they load while it runs
    from copingkit.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as done:
        end(done.code)
    end(0)


def end(status: object) -> NoReturn:
    """Exit with `status` as SystemExit would, without the interpreter's teardown.

    By the time a command returns, its work is done and saved (the vault is closed), and what is left
    is freeing every module and object one by one: 15-20 ms of every run, about a tenth of `list`
    with the key agent. So: standard output and error are flushed (a reader that went away is exit
    141, quietly, as everywhere), the atexit handlers run (a derivation child nobody took is ended
    there), and the process ends. Where another thread is still running, Python's own exit (which
    waits for it) is used instead.
    """
    code = _exit_code(status)
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # what Python itself runs at exit
    if threading.active_count() > 1 or run_exit_handlers is None:
        raise SystemExit(code)
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        code = _reader_went_away(code)
    except OSError as error:
        import errno

        if error.errno != errno.EPIPE:
            raise SystemExit(code) from None  # Python's exit says what it says about it
        code = _reader_went_away(code)
    run_exit_handlers()
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _exit_code(status: object) -> int:
    """SystemExit's rule: None is 0, a number is itself, anything else is printed and is 1."""
    if status is None:
        return 0
    if isinstance(status, int):
        return status
    print(status, file=sys.stderr)
    return 1


def _reader_went_away(code: int) -> int:
    """Standard output's reader closed the pipe: nothing more goes there, and the status says so."""
    from copingkit.cli.app import PIPE_CLOSED, stdout_to_null

    stdout_to_null()
    return PIPE_CLOSED if code == 0 else code


if __name__ == "__main__":
    main()
