"""`copingkit cope` and `copingkit help-now`: real subprocesses, with and without a passphrase."""

from __future__ import annotations

from copingkit.core import content
from copingkit.core.builtin_content import sync_builtin_content
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault

from .conftest import PASSPHRASE, Home

NO_PASSPHRASE = {"COPINGKIT_PASSPHRASE_FILE": ""}


def test_help_now_gb_lists_samaritans_without_a_journal(home: Home):
    result = home.run("help-now", "--country", "GB", env=NO_PASSPHRASE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Samaritans" in out and "116 123" in out and "999" in out
    assert "Rarely, when a life is at immediate risk" in out
    assert "988" not in out
    assert "1. Warning signs" in out and "6. Making my surroundings safer" in out and "Reasons to keep going" in out


def test_help_now_us_lists_988_and_911(home: Home):
    result = home.run("help-now", "--country", "US", env=NO_PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert "988 Suicide & Crisis Lifeline" in result.stdout and "988" in result.stdout and "911" in result.stdout
    assert "Samaritans" not in result.stdout


def test_help_now_without_a_passphrase_never_fails(initialised: Home):
    result = initialised.run("help-now", "--country", "GB", env=NO_PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert "Samaritans" in result.stdout and "Your people" not in result.stdout
    assert "open `copingkit` and press p" in result.stdout


def test_help_now_with_a_wrong_passphrase_still_shows_lines(initialised: Home):
    wrong = initialised.root / "secrets" / "wrong"
    wrong.write_text("not it\n")
    result = initialised.run("help-now", "--country", "GB", env={"COPINGKIT_PASSPHRASE_FILE": str(wrong)})
    assert result.returncode == 0
    assert "Samaritans" in result.stdout and "bundled lines only" in result.stderr


def _seed(home: Home, seed) -> None:
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        seed(Services(vault.database))
    finally:
        vault.close()


def test_help_now_with_the_passphrase_puts_own_people_first_then_lines_then_plan(initialised: Home):
    def seed(services: Services) -> None:
        services.safety.add_contact("Sam (sister)", how_to_reach="07700 900123")
        services.safety.set_items("reasons_to_live", ["My dog, Biscuit"])

    _seed(initialised, seed)
    result = initialised.run("help-now", "--country", "GB")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("Sam (sister) — 07700 900123") < out.index("Samaritans") < out.index("Your safety plan")
    assert out.index("Reasons to keep going") < out.index("My dog, Biscuit")


def test_help_now_takes_the_country_from_settings(home: Home):
    config = home.root / "config" / "copingkit" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('country = "AU"\n')
    result = home.run("help-now", env=NO_PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert "Lifeline" in result.stdout and "13 11 14" in result.stdout and "000" in result.stdout


def test_cope_without_a_passphrase_prints_a_bundled_strategy(home: Home):
    result = home.run("cope", "--for", "nightmares-sleep", env=NO_PASSPHRASE)
    assert result.returncode == 0, result.stderr
    expected = content.bundled_strategy(content.curated_order("nightmares-sleep")[0])
    assert expected.title in result.stdout and f" 1. {expected.steps[0]}" in result.stdout
    assert "not a substitute for professional care" in result.stdout


def test_cope_with_the_passphrase_offers_what_helped_first(initialised: Home):
    def seed(services: Services) -> None:
        sync_builtin_content(services)
        helped = services.coping.get_by_slug("after-a-nightmare")
        services.coping.record_use(helped.id, reaction="nightmares-sleep", distress_before=8, distress_after=3)

    _seed(initialised, seed)
    result = initialised.run("cope", "--for", "Nightmares sleep")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("After a nightmare") and "distress down 5.0" in result.stdout


def test_cope_refuses_an_unknown_reaction(home: Home):
    result = home.run("cope", "--for", "zebras", env=NO_PASSPHRASE)
    assert result.returncode == 1 and "anxiety-panic" in result.stderr and not result.stdout
