"""config.toml: defaults, validation, a private file written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from copingkit import config


def test_missing_or_broken_file_gives_defaults(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert config.load(tmp_path / "missing.toml").theme == config.Config.theme
    broken = tmp_path / "broken.toml"
    broken.write_text("theme = [unclosed")
    loaded = config.load(broken)
    assert loaded.auto_lock_minutes == 10
    assert loaded.country == "", "the locale is a guess made (and labelled) where help is shown, never a setting"


def test_round_trip_and_bounds(tmp_path: Path):
    path = tmp_path / "c" / "config.toml"
    config.save(config.Config(theme='odd "name"', auto_lock_minutes=999, country="nz", backups_keep=0), path)
    loaded = config.load(path)
    assert loaded.theme == 'odd "name"' and loaded.auto_lock_minutes == 240
    assert loaded.country == "NZ" and loaded.backups_keep == 1


def test_saved_file_is_private_even_with_a_loose_leftover(tmp_path: Path):
    path = tmp_path / "c" / "config.toml"
    path.parent.mkdir()
    leftover = path.with_name("config.toml.tmp")
    leftover.write_text("x")
    os.chmod(leftover, 0o644)
    old = os.umask(0)
    try:
        config.save(config.Config(), path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob(".config.toml.tmp-*"))


def test_hidden_lines_round_trip_and_odd_names_are_dropped(tmp_path: Path):
    path = tmp_path / "c" / "config.toml"
    config.save(config.Config(hidden_lines=("Shout", "  Shout ", "", "a\x00b", 'say "hi"')), path)
    assert config.load(path).hidden_lines == ("Shout", 'say "hi"')
    config.save(config.Config(), path)
    assert "hidden_lines" not in path.read_text()
