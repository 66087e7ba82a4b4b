"""A person's correction to a bundled crisis line: kept in config.toml, applied by build_help,
marked "(your correction)" wherever help is shown; removing it brings the bundled one back."""

from __future__ import annotations

from datetime import date

from copingkit import config
from copingkit.core.help import (
    CountryChoice,
    build_help,
    corrections_text,
    help_sections,
    plain_text,
    read_corrections,
)

TODAY = date(2026, 11, 20)
GB = CountryChoice("GB", "settings")


def words(view, surface="cli") -> str:
    return "\n".join(line for section in help_sections(view, surface) for line in plain_text(section))


def fix(service: str, kind: str, value: str) -> config.LineCorrection:
    return config.LineCorrection(service=service, kind=kind, value=value)


def test_a_correction_replaces_the_bundled_way_and_is_marked() -> None:
    view = build_help(GB, today=TODAY, corrections=[fix("samaritans", "call", "116 999")])
    samaritans = next(line for line in view.lines if line.service == "Samaritans")
    assert [(way.kind, way.value) for way in samaritans.ways] == [("call", "116 999"), ("email", "jo@samaritans.org")]
    assert view.corrected == (("Samaritans", "call"),)
    text = words(view)
    assert "    Call: 116 999 (your correction)" in text.splitlines()
    assert "116 123" not in text
    assert "Your corrections: Samaritans (call). Settings (press ,) brings back the bundled ones." in text


def test_removing_the_correction_restores_the_bundled_line() -> None:
    build_help(GB, today=TODAY, corrections=[fix("Samaritans", "call", "116 999")])
    text = words(build_help(GB, today=TODAY))
    assert "    Call: 116 123 — Free to call." in text.splitlines()
    assert "your correction" not in text


def test_a_kind_the_line_lacks_is_added_and_every_way_of_a_corrected_kind_becomes_one() -> None:
    de = CountryChoice("DE", "settings")
    view = build_help(
        de,
        today=TODAY,
        corrections=[fix("TelefonSeelsorge", "call", "0800 000"), fix("TelefonSeelsorge", "text", "12345")],
    )
    line = view.lines[0]
    assert [(way.kind, way.value) for way in line.ways if way.kind in ("call", "text")] == [
        ("call", "0800 000"),
        ("text", "12345"),
    ]
    assert view.corrected == (("TelefonSeelsorge", "call"), ("TelefonSeelsorge", "text"))


def test_a_hidden_line_stays_hidden_and_another_countrys_correction_changes_nothing() -> None:
    view = build_help(
        GB, today=TODAY, hide=["Shout"], corrections=[fix("Shout", "text", "1"), fix("Lifeline", "call", "2")]
    )
    assert [line.service for line in view.lines] == ["Samaritans"]
    assert view.corrected == ()
    assert "your correction" not in words(view)


def test_the_app_and_print_surfaces_carry_the_mark() -> None:
    view = build_help(GB, today=TODAY, corrections=[fix("Shout", "text", "99999")])
    for surface in ("app", "print"):
        lines = next(s for s in help_sections(view, surface) if s.id == "lines")
        shout = next(item for item in lines.items if item.name == "Shout")
        assert [(way.value, way.mark) for way in shout.ways] == [("99999", " (your correction)")]


def test_corrections_typed_in_settings_name_a_bundled_line_and_say_what_was_not_kept() -> None:
    found, problems = read_corrections("samaritans: 116 999;  Shout: TEXT 85 258 ; Atlantis Line: 1; Shout:")
    assert found == (
        {"service": "Samaritans", "kind": "call", "value": "116 999"},
        {"service": "Shout", "kind": "text", "value": "85 258"},
    )
    assert problems == (
        'No bundled line is called "Atlantis Line"; that correction wasn\'t kept.',
        "Type the number after the name, like Shout: 85258.",
    )
    kept = config.parse({"corrected_lines": list(found)}).config.corrected_lines
    assert corrections_text(kept) == "Samaritans: call 116 999; Shout: text 85 258"
    assert read_corrections(corrections_text(kept))[0] == found
