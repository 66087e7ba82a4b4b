"""`copingkit import --format F PATH` in-process: it says what it adds before adding, asks only at a
terminal, reports each record it could not read by line and imports the rest, adds nothing the second
time, reads an encrypted jrnl journal with its password (exit 3 for a wrong one), and asks for Daylio
moods it doesn't know."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support.cli import PASSPHRASE, InProcessCli, make_home

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
JRNL_PASSWORD = "river stones 42"
UTC = {"TZ": "UTC"}


@pytest.fixture
def home(tmp_path: Path) -> InProcessCli:
    return make_home(tmp_path)


def entries(home: InProcessCli) -> list[dict]:
    result = home.run("list", "--format", "json", "--limit", "100")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["entries"]


def checkins(home: InProcessCli) -> list[tuple[int, str | None, tuple[str, ...]]]:
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        found = Services(vault.database).checkins.list(limit=100)
        return sorted((c.mood, c.note, tuple(c.tags)) for c in found)
    finally:
        vault.close(save=False)


def test_jrnl_txt_says_what_it_adds_then_adds_nothing_the_second_time(home: InProcessCli) -> None:
    path = str(FIXTURES / "jrnl-default-time.txt")
    first = home.run("import", "--format", "jrnl-txt", path, env=UTC)
    assert first.exit_code == 0, first.stderr
    assert "Importing jrnl-default-time.txt adds 4 entries." in first.stderr
    assert "Imported: 4 entries, 0 check-ins" in first.stderr
    kept = sorted((e["created_at"], e["title"], sorted(e["tags"]), e["starred"]) for e in entries(home))
    assert kept == [
        ("2026-01-01T09:00:00+00:00", "First morning.", ["calm", "maya"], False),
        ("2026-01-02T21:15:00+00:00", None, [], True),
        ("2026-01-03T07:30:00+00:00", "A long one.", ["work"], False),
        ("2026-01-04T13:05:00+00:00", "Lunch outside", ["calm"], True),
    ]
    second = home.run("import", "--format", "jrnl-txt", path, env=UTC)
    assert second.exit_code == 0
    assert "Nothing new: this journal already has everything in jrnl-default-time.txt." in second.stderr
    assert len(entries(home)) == 4


def test_at_a_terminal_it_asks_first_and_no_imports_nothing(home: InProcessCli) -> None:
    path = str(FIXTURES / "jrnl-minutes.txt")
    refused = home.run("import", "--format", "jrnl-txt", path, input="n\n", terminal=True, env=UTC)
    assert refused.exit_code == 1
    assert "Import it into your journal?" in refused.stderr and "Nothing was imported." in refused.stderr
    assert entries(home) == []
    agreed = home.run("import", "--format", "jrnl-txt", path, input="y\n", terminal=True, env=UTC)
    assert agreed.exit_code == 0 and len(entries(home)) == 4


def test_a_malformed_daylio_row_is_reported_with_its_line_and_the_rest_imported(home: InProcessCli, tmp_path: Path):
    bad = tmp_path / "daylio.csv"
    bad.write_bytes((FIXTURES / "daylio.csv").read_bytes().replace(b"2026-01-02,January 2", b"2026-01-32,January 32"))
    result = home.run("import", "--format", "daylio-csv", str(bad), env=UTC)
    assert result.exit_code == 0, result.stderr
    assert "1 record in daylio.csv could not be read (the rest are imported):" in result.stderr
    assert "  line 6: '2026-01-32' is not a date (Daylio's full_date is like 2026-01-31)" in result.stderr
    assert "Importing daylio.csv adds 2 check-ins (1 could not be read)." in result.stderr
    assert checkins(home) == [
        (1, "Could not sleep\nTried the breathing", ()),
        (5, "A good day\n\nSaw Sam at the park.\nWe laughed a lot.\n\nHome by nine.", ("friends", "good meal", "walk")),
    ]
    again = home.run("import", "--format", "daylio-csv", str(bad), env=UTC)
    assert "Nothing new" in again.stderr and len(checkins(home)) == 2


def test_daylio_moods_it_doesnt_know_are_asked_at_a_terminal_or_given_with_moods(home: InProcessCli, tmp_path: Path):
    custom = tmp_path / "custom.csv"
    custom.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2026-01-01,x,x,10:00,sunny,,,one\n2026-01-02,x,x,10:00,grey,,,two\n",
        encoding="utf-8",
    )
    refused = home.run("import", "--format", "daylio-csv", str(custom))
    assert refused.exit_code == 1 and "moods copingkit doesn't know (sunny, grey)" in refused.stderr
    asked = home.run("import", "--format", "daylio-csv", str(custom), input="5\n2\ny\n", terminal=True)
    assert asked.exit_code == 0, asked.stderr
    assert "Daylio's mood 'sunny' is which mood here" in asked.stderr
    assert checkins(home) == [(2, "two", ()), (5, "one", ())]
    other = tmp_path / "other.csv"
    other.write_text(custom.read_text(encoding="utf-8").replace("one", "three"), encoding="utf-8")
    given = home.run("import", "--format", "daylio-csv", str(other), "--moods", "sunny, bright, ok, grey, stormy")
    assert given.exit_code == 0, given.stderr
    assert checkins(home) == [(2, "two", ()), (5, "one", ()), (5, "three", ())]


def test_an_encrypted_jrnl_journal_imports_with_its_password(home: InProcessCli, tmp_path: Path) -> None:
    path = str(FIXTURES / "jrnl-v3.txt")
    missing = home.run("import", "--format", "jrnl-encrypted", path)
    assert missing.exit_code == 2 and "--source-passphrase-file" in missing.stderr
    wrong_file = tmp_path / "wrong"
    wrong_file.write_text("not it\n")
    wrong = home.run("import", "--format", "jrnl-encrypted", path, "--source-passphrase-file", str(wrong_file))
    assert wrong.exit_code == 3 and "That password didn't open the jrnl journal." in wrong.stderr
    both = home.run(
        "--passphrase-file", "-", "import", "--format", "jrnl-encrypted", path, "--source-passphrase-file", "-",
        input=f"{PASSPHRASE}\n{JRNL_PASSWORD}\n", env=UTC,
    )  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert sorted(e["title"] or e["preview"] for e in entries(home)) == [
        "A long one.",
        "First morning.",
        "Hard evening",
        "Lunch outside",
    ]
    asked = home.run("import", "--format", "jrnl-encrypted", path, input=f"{JRNL_PASSWORD}\n", terminal=True)
    assert asked.exit_code == 0 and "Nothing new" in asked.stderr
    assert JRNL_PASSWORD not in asked.stderr + asked.stdout


def test_a_day_one_zip_imports_once(home: InProcessCli, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Journal.json", (FIXTURES / "dayone-Journal.json").read_bytes())
        archive.writestr("photos/abc.jpeg", b"\xff\xd8")
    export = tmp_path / "Export.zip"
    export.write_bytes(buffer.getvalue())
    first = home.run("import", "--format", "dayone-json", str(export))
    assert first.exit_code == 0 and "adds 2 entries" in first.stderr
    assert "1 photo was left out: copingkit keeps the words only" in first.stderr
    by_time = {e["created_at"]: (sorted(e["tags"]), e["starred"]) for e in entries(home)}
    assert by_time == {
        "2026-03-01T08:15:00+00:00": (["gratitude", "morning"], True),
        "2026-03-02T19:45:00+00:00": ([], False),
    }
    second = home.run("import", "--format", "dayone-json", str(export))
    assert "Nothing new" in second.stderr and len(entries(home)) == 2


def test_a_file_that_is_not_the_format_says_so(home: InProcessCli) -> None:
    result = home.run("import", "--format", "daylio-csv", str(FIXTURES / "jrnl-minutes.txt"))
    assert result.exit_code == 1
    assert "That file is not a Daylio export: it has no 'full_date' or 'time' or 'mood' column" in result.stderr


def test_the_cli_offers_every_format_the_core_reads() -> None:
    from copingkit.cli.transfer import IMPORT_FORMATS
    from copingkit.core.importers import ALL_FORMATS

    assert sorted(IMPORT_FORMATS) == sorted(ALL_FORMATS)
