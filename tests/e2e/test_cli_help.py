"""`copingkit help-now`: the country it is for, and help first on a terminal (real subprocesses)."""

from __future__ import annotations

import pytest

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support.terminal import run_on_a_terminal

from .conftest import PASSPHRASE, RUNNER, Home

NO_LOCALE = {"COPINGKIT_PASSPHRASE_FILE": "", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
PROMPT = b"(or just press enter to skip): "


def test_with_a_c_locale_and_no_country_there_is_no_us_number_but_the_directory_and_how_to_set_it(home: Home):
    result = home.run("help-now", env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "988" not in out and "911" not in out and "741741" not in out
    assert "International directory" in out and "https://findahelpline.com/" in out
    assert "copingkit doesn't know which country you are in" in out
    assert "To set your country: open `copingkit` and press , (Settings)" in out
    assert out.count("call your local emergency number") == 1


def test_a_country_without_bundled_lines_is_named_and_the_emergency_sentence_is_said_once(home: Home):
    result = home.run("help-now", "--country", "BR", env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "copingkit has no bundled crisis lines for Brazil (BR)." in out
    assert out.count("call your local emergency number") == 1
    assert "findahelpline.com" in out and "988" not in out


def test_a_locale_set_on_purpose_is_a_labelled_guess(home: Home):
    result = home.run("help-now", env={**NO_LOCALE, "LANG": "en_US.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert "United States (US, from your system's language setting — a guess)" in result.stdout
    assert "call 911." in result.stdout


def _seed_contact(home: Home) -> None:
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        Services(vault.database).safety.add_contact("Sam (sister)", how_to_reach="07700 900123")
    finally:
        vault.close()


def _on_a_terminal(home: Home, answer: bytes) -> str:
    config = home.root / "config" / "copingkit" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('country = "GB"\n')
    env = {**home.env, **NO_LOCALE}
    output = run_on_a_terminal(["python", str(RUNNER), "help-now"], env, home.root / "work", [(PROMPT, answer)])
    return output.decode("utf-8")


def test_on_a_terminal_the_lines_come_before_the_passphrase_question_and_enter_skips(initialised: Home):
    _seed_contact(initialised)
    out = _on_a_terminal(initialised, b"\r")
    assert "Samaritans" in out and "116 123" in out and "call 999" in out
    assert out.index("116 123") < out.index("call 999") < out.index("passphrase")
    assert "Sam (sister)" not in out
    assert out.index("passphrase") < out.index("one unlock away")


def test_on_a_terminal_the_passphrase_then_adds_own_people_and_plan(initialised: Home):
    _seed_contact(initialised)
    out = _on_a_terminal(initialised, PASSPHRASE.encode() + b"\r")
    assert out.index("116 123") < out.index("passphrase") < out.index("Sam (sister) — 07700 900123")
    assert PASSPHRASE not in out, "the passphrase is never echoed"
    assert out.index("Sam (sister)") < out.index("Your safety plan")


def test_cope_on_a_terminal_takes_an_empty_passphrase_as_skip_and_gives_the_bundled_strategy(initialised: Home):
    from copingkit.core import content

    env = {**initialised.env, **NO_LOCALE}
    argv = ["python", str(RUNNER), "cope", "--for", "nightmares-sleep"]
    out = run_on_a_terminal(argv, env, initialised.root / "work", [(PROMPT, b"\r")]).decode("utf-8")
    first = content.bundled_strategy(content.curated_order("nightmares-sleep")[0])
    assert out.count("Passphrase") == 1, "asked once, never again"
    assert first.title in out and f" 1. {first.steps[0]}" in out


@pytest.mark.parametrize("word", ["anxiety", "panic", "nightmare", "lonely"])
def test_cope_takes_the_words_people_type(home: Home, word: str):
    from copingkit.core import content

    result = home.run("cope", "--for", word, env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    titles = [s.title for s in content.load_strategies() if s.title in result.stdout.splitlines()[0]]
    assert len(titles) == 1, result.stdout
    strategy = next(s for s in content.load_strategies() if s.title == titles[0])
    assert content.match_reaction(word).id in strategy.reactions
    for number, step in enumerate(strategy.steps, 1):
        assert f"{number:>2}. {step}" in result.stdout


def test_cope_offers_did_you_mean_and_the_list_for_anything_else(home: Home):
    result = home.run("cope", "--for", "nightmear", env=NO_LOCALE)
    assert result.returncode == 1 and not result.stdout
    assert "Did you mean nightmares and poor sleep?" in result.stderr
    assert "Try a word like: flashback, nightmare, anxiety" in result.stderr and "anxiety-panic" in result.stderr


@pytest.mark.parametrize(
    ("word", "first"),
    [("avoidance", "One small pleasant thing"), ("trust", "Send one message"), ("anxiety", "Longer breath out")],
)
def test_someone_new_gets_the_reviewed_first_strategy_not_the_first_by_title(home: Home, word: str, first: str):
    result = home.run("cope", "--for", word, env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(first)


def test_cope_prints_a_strategys_content_note_before_its_steps(initialised: Home):
    def seed(services: Services) -> None:
        from copingkit.core.builtin_content import sync_builtin_content

        sync_builtin_content(services)
        step = services.coping.get_by_slug("small-step-toward")
        services.coping.record_use(step.id, reaction="avoidance", distress_before=6, distress_after=3)

    vault = Vault.open(initialised.vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        seed(Services(vault.database))
    finally:
        vault.close()
    result = initialised.run("cope", "--for", "avoiding")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0].endswith("— when you're calmer")
    assert out.index("Content note:") < out.index(" 1. Leaving is always fine")


def test_help_now_leaves_out_a_line_hidden_in_config_toml(home: Home):
    config = home.root / "config" / "copingkit" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('country = "GB"\nhidden_lines = ["Shout"]\n')
    result = home.run("help-now", env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    assert "85258" not in result.stdout and "116 123" in result.stdout
    assert "You chose to hide: Shout." in result.stdout
