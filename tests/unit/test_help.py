"""The one help model: which country, its lines, the emergency sentence once, the words per surface."""

from __future__ import annotations

from datetime import date

import pytest

from copingkit.core import content
from copingkit.core.help import CountryChoice, build_help, choose_country, help_sections, locale_country, plain_text

TODAY = date(2026, 11, 20)
LEAD_LINE = "You don't have to go through this alone."


def words(view, surface="cli") -> str:
    return "\n".join(line for section in help_sections(view, surface) for line in plain_text(section))


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"LANG": "C"},
        {"LANG": "C.UTF-8"},
        {"LANG": "POSIX"},
        {"LANG": ""},
        {"LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"},
    ],
)
def test_a_c_posix_or_unset_locale_is_unknown_never_us(environ: dict[str, str]) -> None:
    assert locale_country(environ) == ""
    assert choose_country("", environ=environ) == CountryChoice("", "unknown")


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({"LANG": "en_US.UTF-8"}, "US"),
        ({"LANG": "de_DE@euro"}, "DE"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "GB"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "C"}, "FR"),
        ({"LANG": "en_ZZ.UTF-8"}, ""),
    ],
)
def test_a_real_locale_gives_a_guess_labelled_as_one(environ: dict[str, str], code: str) -> None:
    choice = choose_country("", environ=environ)
    assert (choice.code, choice.source) == ((code, "locale") if code else ("", "unknown"))


def test_the_setting_wins_over_the_locale_and_the_option_over_both() -> None:
    us = {"LANG": "en_US.UTF-8"}
    assert choose_country("NZ", environ=us) == CountryChoice("NZ", "settings")
    assert choose_country("NZ", asked="br", environ=us) == CountryChoice("BR", "option")
    assert choose_country("uk", environ=us) == CountryChoice("GB", "settings")


def test_a_code_nobody_knows_is_unknown_and_says_so() -> None:
    choice = choose_country("", asked="ZZ", environ={})
    assert (choice.code, choice.source) == ("", "unknown")
    assert choice.problem == "ZZ isn't a country code copingkit knows."
    assert words(build_help(choice, today=TODAY)).startswith(LEAD_LINE)


def test_unknown_country_gets_the_directory_the_emergency_sentence_once_and_how_to_set_it() -> None:
    view = build_help(CountryChoice("", "unknown"), today=TODAY)
    assert view.lines == () and view.emergency is None
    assert [line.service for line in view.anywhere] == ["Find A Helpline"]
    text = words(view)
    assert "988" not in text and "911" not in text and "Samaritans" not in text
    assert "International directory" in text and "findahelpline.com" in text
    assert text.count("call your local emergency number") == 1
    assert "To set your country: open `copingkit` and press , (Settings)" in text


def test_a_country_with_no_bundled_lines_is_named() -> None:
    text = words(build_help(CountryChoice("BR", "option"), today=TODAY))
    assert "copingkit has no bundled crisis lines for Brazil (BR)." in text
    assert text.count("call your local emergency number") == 1


def test_a_known_country_names_itself_its_number_and_how_to_change_it() -> None:
    view = build_help(CountryChoice("GB", "settings"), today=TODAY)
    text = words(view)
    assert "Showing help for United Kingdom (GB), from your settings." in text
    assert "To change it: open `copingkit` and press , (Settings)." in text
    assert "Crisis lines in United Kingdom" in text and "Samaritans" in text
    assert "call 999 (112 also works in the UK)." in text
    assert "local emergency number" not in text
    guess = words(build_help(CountryChoice("US", "locale"), today=TODAY))
    assert "US, from your system's language setting" in guess and "call 911." in guess


def test_every_view_names_the_country_on_every_surface() -> None:
    for surface in ("cli", "app", "print"):
        for choice in (CountryChoice("GB", "settings"), CountryChoice("", "unknown"), CountryChoice("JP", "locale")):
            sections = {s.id: s for s in help_sections(build_help(choice, today=TODAY), surface)}
            text = " ".join(sections["country"].text)
            assert (choice.name in text) if choice.known else ("know which country" in text), (surface, choice)
            assert "Settings" in text, (surface, choice)


def test_stale_data_is_said_once_and_only_when_old() -> None:
    assert "last checked more than a year ago" not in words(build_help(CountryChoice("GB", "settings"), today=TODAY))
    old = words(build_help(CountryChoice("GB", "settings"), today=date(2028, 6, 1)))
    assert old.count("last checked more than a year ago") == 1


def test_own_people_come_first_and_only_when_private() -> None:
    from copingkit.core.services.readmodels import SupportContact

    sam = SupportContact(id=1, name="Sam (sister)", how_to_reach="07700 900123", note=None, position=0)
    locked = build_help(CountryChoice("GB", "settings"), today=TODAY, contacts=[sam])
    assert "Sam (sister)" not in words(locked) and "Your people" not in words(locked)
    text = words(build_help(CountryChoice("GB", "settings"), today=TODAY, contacts=[sam], private=True))
    assert text.index("Sam (sister) — 07700 900123") < text.index("Samaritans") < text.index("Emergency")


def test_the_emergency_sentence_uses_the_shipped_number() -> None:
    assert (
        content.emergency_sentence(None)
        == "If you or someone else is in immediate danger, call your local emergency number."
    )
    assert content.emergency_sentence(content.emergency_number("AU")) == (
        "If you or someone else is in immediate danger, call 000."
    )


def test_the_country_list_is_searchable_by_name_code_and_other_names() -> None:
    assert content.country_name("GB") == "United Kingdom" and content.country_name("uk") == "United Kingdom"
    assert content.country_name("ZZ") is None
    assert [c.code for c in content.search_countries("uk")][:1] == ["GB"]
    assert [c.code for c in content.search_countries("england")] == ["GB"]
    assert content.search_countries("braz")[0].code == "BR"
    assert content.search_countries("cote d'iv")[0].code == "CI"
    assert len(content.search_countries("")) == len(content.load_countries()) > 240


def test_a_hidden_bundled_line_is_left_out_and_named_but_the_directory_stays() -> None:
    view = build_help(CountryChoice("GB", "settings"), today=TODAY, hide=["shout", "Find A Helpline"])
    assert [line.service for line in view.lines] == ["Samaritans"]
    assert [line.service for line in view.anywhere] == ["Find A Helpline"]
    text = words(view)
    assert "Text SHOUT" not in text
    assert "You chose to hide: Shout. Settings (press ,) shows them again." in text
    everything_hidden = words(build_help(CountryChoice("GB", "settings"), today=TODAY, hide=["Shout", "Samaritans"]))
    assert "no bundled crisis lines" not in everything_hidden and "findahelpline.com" in everything_hidden
