"""`copingkit pack import FILE [--yes]` and `copingkit share-strategy NAME --output card.toml`
in-process: the example pack imports (and adds nothing the second time), a pack with an unknown
field or a bad date is refused with the line named, and a card round-trips between two vaults
as "learned from my group"."""

from __future__ import annotations

from pathlib import Path

import pytest

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support.cli import PASSPHRASE, InProcessCli, make_home

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homework-pack.toml"


@pytest.fixture
def home(tmp_path: Path) -> InProcessCli:
    return make_home(tmp_path / "one")


def opened(home: InProcessCli):
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    return vault, Services(vault.database)


def test_the_example_pack_imports_with_a_summary_and_a_second_time_adds_nothing(home: InProcessCli) -> None:
    result = home.run("pack", "import", str(EXAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[:2] == [
        "Pack: Between sessions: noticing and settling",
        "From: Sam Rivera, counsellor",
    ]
    assert (
        "Homework: 2 prompts to write about, 2 strategies to practise, 2 questionnaires, check-ins 5 times a week"
        in result.stderr.splitlines()
    )
    assert "Questionnaires: PHQ-9 (every 2 weeks), GAD-7 (every 2 weeks)" in result.stderr.splitlines()
    vault, services = opened(home)
    try:
        items = services.homework.items()
        assert sorted((item.kind, item.cadence) for item in items) == [
            ("assessment", "every 2 weeks"),
            ("assessment", "every 2 weeks"),
            ("checkin", "5 times a week"),
            ("prompt", "once"),
            ("prompt", "once"),
            ("strategy", "3 times a week"),
            ("strategy", "every day"),
        ]
        assert {item.instrument for item in items if item.kind == "assessment"} == {"phq9", "gad7"}
        added = services.coping.get_by_slug("three-good-moments")
        assert added.source == "pack"
    finally:
        vault.close()
    again = home.run("pack", "import", str(EXAMPLE))
    assert again.exit_code == 0, again.stderr
    assert "Nothing new: homework-pack.toml is already in your journal." in again.stderr
    vault, services = opened(home)
    try:
        assert len(services.homework.items()) == 7
    finally:
        vault.close()


def test_on_a_terminal_it_asks_first_and_no_adds_nothing(home: InProcessCli) -> None:
    refused = home.run("pack", "import", str(EXAMPLE), input="n\n", terminal=True)
    assert refused.exit_code == 1
    assert "Add it to your journal?" in refused.stderr and "Nothing was added." in refused.stderr
    vault, services = opened(home)
    try:
        assert services.homework.items() == []
    finally:
        vault.close()
    agreed = home.run("pack", "import", str(EXAMPLE), "--yes", terminal=True)
    assert agreed.exit_code == 0 and "Add it to your journal?" not in agreed.stderr


def test_an_unknown_field_is_refused_with_its_line(home: InProcessCli, tmp_path: Path) -> None:
    bad = tmp_path / "week.toml"
    bad.write_text('kind = "pack"\ntitle = "Week 1"\n\n[[prompts]]\ntext = "What helped?"\ncolour = "blue"\n')
    result = home.run("pack", "import", str(bad))
    assert result.exit_code == 1
    assert result.stderr.strip() == "week.toml, line 6: field 'prompts[1].colour': unknown field"


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (
            '"next friday"',
            "week.toml, line 3: field 'due': must be a date like 2026-12-15, without quotes (got 'next friday')",
        ),
        ("2026-02-30", "week.toml, line 3: not valid TOML: Invalid date or datetime (column 7)."),
    ],
)
def test_a_bad_date_is_refused_with_its_line(home: InProcessCli, tmp_path: Path, due: str, message: str) -> None:
    bad = tmp_path / "week.toml"
    bad.write_text(f'kind = "pack"\ntitle = "Week 1"\ndue = {due}\n\n[[prompts]]\ntext = "What helped?"\n')
    result = home.run("pack", "import", str(bad))
    assert result.exit_code == 1
    assert result.stderr.strip() == message
    vault, services = opened(home)
    try:
        assert services.homework.items() == []
    finally:
        vault.close()


def test_a_strategy_card_round_trips_between_two_vaults_as_learned_from_my_group(
    home: InProcessCli, tmp_path: Path
) -> None:
    vault, services = opened(home)
    try:
        services.coping.create(
            "Cold hands, warm tea",
            ["Hold a warm mug.", "Notice the heat in your palms.", "Sip slowly."],
            minutes=4,
            reactions=["anxiety-panic", "not-a-reaction"],
            approach="Grounding through the senses.",
        )
        vault.save()
    finally:
        vault.close()
    card = tmp_path / "card.toml"
    shared = home.run("share-strategy", "cold hands, warm tea", "--output", str(card))
    assert shared.exit_code == 0, shared.stderr
    assert card.stat().st_mode & 0o777 == 0o600
    other = make_home(tmp_path / "two")
    result = other.run("pack", "import", str(card))
    assert result.exit_code == 0, result.stderr
    assert 'Adds "Cold hands, warm tea" to your library as learned from my group.' in result.stderr
    vault, services = opened(other)
    try:
        learned = [s for s in services.coping.strategies() if s.title == "Cold hands, warm tea"]
        assert [(s.source, s.steps, s.minutes, s.reactions, s.approach) for s in learned] == [
            (
                "group",
                ("Hold a warm mug.", "Notice the heat in your palms.", "Sip slowly."),
                4,
                ("anxiety-panic",),
                "Grounding through the senses.",
            )
        ]
        assert services.homework.items() == []
    finally:
        vault.close()
    again = other.run("pack", "import", str(card))
    assert "Nothing new: card.toml is already in your journal." in again.stderr
    assert "From:" not in result.stderr
    assert (
        '# from = "a first name, or your group\'s name"   (optional: remove the # to say who it is from)'
        in card.read_text(encoding="utf-8").splitlines()
    )


def test_a_card_says_who_it_is_from_only_when_asked(home: InProcessCli, tmp_path: Path) -> None:
    import tomllib

    from copingkit.core.services.homework import CARD_FROM_PLACEHOLDER

    vault, services = opened(home)
    try:
        services.coping.create("Feet on the floor", ["Press your feet down.", "Notice the floor."])
        vault.save()
    finally:
        vault.close()
    card = tmp_path / "signed.toml"
    shared = home.run(
        "share-strategy", "feet on the floor", "--from", " Ana,   Thursday circle ", "--output", str(card)
    )
    assert shared.exit_code == 0, shared.stderr
    text = card.read_text(encoding="utf-8")
    assert tomllib.loads(text)["from"] == "Ana, Thursday circle"
    assert CARD_FROM_PLACEHOLDER not in text
    other = make_home(tmp_path / "two")
    result = other.run("pack", "import", str(card))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[:2] == ["Strategy card: Feet on the floor", "From: Ana, Thursday circle"]

    unsigned = tmp_path / "unsigned.toml"
    assert home.run("share-strategy", "feet on the floor", "--output", str(unsigned)).exit_code == 0
    text = unsigned.read_text(encoding="utf-8")
    assert "from" not in tomllib.loads(text)
    signed_by_hand = tmp_path / "by-hand.toml"
    signed_by_hand.write_text(text.replace(CARD_FROM_PLACEHOLDER, 'from = "Jo"'), encoding="utf-8")
    later = make_home(tmp_path / "three").run("pack", "import", str(signed_by_hand))
    assert later.exit_code == 0, later.stderr
    assert "From: Jo" in later.stderr.splitlines()


def test_share_strategy_names_what_it_cannot_find_and_never_overwrites(home: InProcessCli, tmp_path: Path) -> None:
    missing = home.run("share-strategy", "no such thing", "--output", str(tmp_path / "x.toml"))
    assert missing.exit_code == 1 and not (tmp_path / "x.toml").exists()
    existing = tmp_path / "taken.toml"
    existing.write_text("mine")
    refused = home.run("share-strategy", "box breathing", "--output", str(existing))
    assert refused.exit_code == 1 and existing.read_text() == "mine"


def test_every_example_in_docs_packs_md_is_a_valid_pack() -> None:
    import re

    from copingkit.core.packs import read_pack

    docs = (Path(__file__).resolve().parents[2] / "docs" / "packs.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", docs, flags=re.DOTALL)
    assert [read_pack(block, file="docs").kind for block in blocks] == ["pack", "card"]
