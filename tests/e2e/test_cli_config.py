"""config.toml from the command line: a value out of range or of the wrong type is adjusted, said
calmly by `doctor`, and never stops a command; COPINGKIT_CONFIG_FILE names another file."""

from __future__ import annotations

from .conftest import Home


def test_doctor_names_each_adjusted_value_and_help_now_still_works(initialised: Home):
    h = initialised
    config = h.root / "elsewhere" / "my-config.toml"
    config.parent.mkdir()
    config.write_text('country = "GB"\nauto_lock_minutes = 999\nbackups_keep = "lots"\n', encoding="utf-8")
    env = {"COPINGKIT_CONFIG_FILE": str(config), "LANG": "C.UTF-8"}
    result = h.run("doctor", env=env)
    lines = result.stdout.splitlines()
    assert "check config file: auto_lock_minutes: 999 is above 240; using 240." in lines
    assert "check config file: backups_keep: 'lots' isn't a whole number; using 7." in lines
    assert result.returncode == 1
    shown = h.run("help-now", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "116 123" in shown.stdout


NO_LOCALE = {"COPINGKIT_PASSPHRASE_FILE": "", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def test_help_now_shows_a_corrected_line_marked_and_the_bundled_one_once_removed(home: Home):
    config = home.root / "config" / "copingkit" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        'country = "GB"\n[[corrected_lines]]\nservice = "Samaritans"\nkind = "call"\nvalue = "116 999"\n',
        encoding="utf-8",
    )
    result = home.run("help-now", env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "    Call: 116 999 (your correction)" in lines
    assert "116 123" not in result.stdout
    assert "Your corrections: Samaritans (call). Settings (press ,) brings back the bundled ones." in lines
    config.write_text('country = "GB"\n', encoding="utf-8")
    restored = home.run("help-now", env=NO_LOCALE)
    assert "    Call: 116 123 — Free to call." in restored.stdout.splitlines()
    assert "your correction" not in restored.stdout
