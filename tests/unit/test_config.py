"""config.toml: defaults, validation, a private file written atomically."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

from copingkit import config


def test_missing_or_broken_file_gives_defaults(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert config.load(tmp_path / "missing.toml").theme == "copingkit-calm"
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


def test_any_text_round_trips_through_the_toml_writer(tmp_path: Path):
    path = tmp_path / "c" / "config.toml"
    odd = 'say "hi" \\ back\\slash\nnew line\ttab ü 日本 \U0001f331 \\"\\n'
    config.save(config.Config(theme=odd, hidden_lines=("Shout", 'quote " and \\ slash', "Ünïcødé ✓")), path)
    loaded = config.load(path)
    assert loaded.theme == odd
    assert loaded.hidden_lines == ("Shout", 'quote " and \\ slash', "Ünïcødé ✓")
    assert tomllib.loads(path.read_text(encoding="utf-8"))["theme"] == odd


def test_out_of_range_and_wrong_typed_values_are_adjusted_with_a_note(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = 7\nauto_lock_minutes = 999\nbackups_keep = -3\ncountry = "gb"\nhidden_lines = "Shout"\n',
        encoding="utf-8",
    )
    loaded = config.load_with_notes(path)
    assert loaded.config == config.Config(theme="copingkit-calm", auto_lock_minutes=240, backups_keep=1, country="GB")
    assert loaded.notes == (
        "theme: 7 isn't a theme name; using the default.",
        "auto_lock_minutes: 999 is above 240; using 240.",
        "backups_keep: -3 is below 1; using 1.",
        "hidden_lines: should be a list of service names; none hidden.",
    )
    path.write_text('auto_lock_minutes = "ten"\nbackups_keep = true\n', encoding="utf-8")
    assert config.load_with_notes(path).notes == (
        "auto_lock_minutes: 'ten' isn't a whole number; using 10.",
        "backups_keep: True isn't a whole number; using 7.",
    )


def test_a_broken_file_is_noted_and_a_missing_one_is_not(tmp_path: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text("theme = [unclosed")
    loaded = config.load_with_notes(broken)
    assert loaded.config == config.Config()
    assert len(loaded.notes) == 1 and loaded.notes[0].startswith("broken.toml isn't valid TOML (")
    assert config.load_with_notes(tmp_path / "missing.toml").notes == ()


def test_unknown_keys_are_ignored_and_not_written_back(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "copingkit-dark"\nfuture_setting = "yes"\n[table]\nx = 1\n', encoding="utf-8")
    loaded = config.load_with_notes(path)
    assert loaded.config.theme == "copingkit-dark" and loaded.notes == ()
    config.save(loaded.config, path)
    assert set(tomllib.loads(path.read_text(encoding="utf-8"))) == {
        "theme",
        "auto_lock_minutes",
        "country",
        "backups_keep",
    }


def test_the_config_file_can_be_named_by_the_environment(tmp_path: Path, monkeypatch):
    elsewhere = tmp_path / "elsewhere" / "my.toml"
    monkeypatch.setenv("COPINGKIT_CONFIG_FILE", str(elsewhere))
    config.save(config.Config(country="IE"))
    assert elsewhere.is_file()
    assert config.load().country == "IE"


def test_with_changes_keeps_the_rules_and_changes_noted_says_what_changed():
    start = config.Config(country="GB")
    assert start.with_changes(auto_lock_minutes=-5).auto_lock_minutes == 0
    noted = start.changes_noted(auto_lock_minutes=500, backups_keep=3)
    assert noted.config.auto_lock_minutes == 240 and noted.config.backups_keep == 3
    assert noted.notes == ("auto_lock_minutes: 500 is above 240; using 240.",)


def test_corrected_lines_round_trip_and_odd_ones_are_left_out_with_a_note(tmp_path: Path):
    path = tmp_path / "c" / "config.toml"
    fixes = [
        {"service": "Samaritans", "kind": "call", "value": '116 "999" \\ ü'},
        {"service": "Shout", "kind": "fax", "value": "1"},
        {"service": "Samaritans", "kind": "call", "value": "2"},
        {"service": "", "kind": "call", "value": "3"},
        "not a table",
    ]
    loaded = config.parse({"corrected_lines": fixes})
    assert loaded.config.corrected_lines == (
        config.LineCorrection(service="Samaritans", kind="call", value='116 "999" \\ ü'),
    )
    assert loaded.notes == (
        "corrected_lines: 'fax' isn't one of call, text, chat, email, web; the correction to Shout was left out.",
        "corrected_lines: two corrections to Samaritans (call); the first is used.",
        "corrected_lines: a correction needs a service name and a value; one was left out.",
        "corrected_lines: each correction is a table with service, kind and value; one was left out.",
    )
    config.save(loaded.config, path)
    assert config.load(path).corrected_lines == loaded.config.corrected_lines
    config.save(loaded.config.with_changes(corrected_lines=()), path)
    assert "corrected_lines" not in path.read_text(encoding="utf-8")
