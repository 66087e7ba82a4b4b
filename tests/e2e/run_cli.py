"""Run the real command line with the test KDF profile (tiny Argon2id cost) in a subprocess.

Everything else is the shipped entry point: hardening first, then click.
"""

from copingkit import cli, hardening
from copingkit.cli import common
from copingkit.core.vault import TEST_KDF

if __name__ == "__main__":
    hardening.apply()
    common.KDF_PROFILE = TEST_KDF
    cli.main(prog_name="copingkit")
