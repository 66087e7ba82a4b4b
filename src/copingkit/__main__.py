"""Entry point: harden the process first, begin the unlock's key derivation, then hand over to the command line."""

from __future__ import annotations


def main() -> None:
    from copingkit import hardening

    hardening.apply()
    import sys

    from copingkit import early_unlock

    early_unlock.begin(sys.argv[1:])  # before click and the rest load: they load while it runs
    from copingkit.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
