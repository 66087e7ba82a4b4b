"""The csv export: a zip of one CSV per table, with uids, ISO UTC times and escaped formula cells;
--from/--to and --shared-only shape every file; the CLI writes it 0600 and never over a file."""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from datetime import timedelta
from pathlib import Path

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.services.transfer_csv import COLUMNS
from copingkit.core.vault import TEST_KDF, Vault
from tests.support.cli import NOW, PASSPHRASE, make_home
from tests.support.journal_data import START, fill


def _read(data: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def _headers(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8-sig").splitlines()[0] for name in archive.namelist()}


def _iso(moment) -> str:
    return moment.isoformat(timespec="microseconds")


def test_the_zip_holds_one_csv_per_table_with_its_header(services: Services, database: Database) -> None:
    fill(services, database)
    data = services.transfer.export_csv()
    assert list(_headers(data)) == [
        "entries.csv", "checkins.csv", "strategies.csv", "strategy_uses.csv", "assessments.csv", "packs.csv",
        "homework.csv", "homework_done.csv", "group_sessions.csv", "safety_plan.csv", "support_contacts.csv",
    ]  # fmt: skip
    headers = _headers(data)
    assert headers["entries.csv"] == "uid,created_at,edited_at,title,body,kind,prompt_id,tags,starred,shared"
    assert headers["checkins.csv"] == (
        "uid,at,mood,mood_word,energy,sleep_hours,coping_confidence,emotions,note,tags,shared,created_at,edited_at"
    )
    assert headers["strategy_uses.csv"] == "uid,at,strategy_uid,strategy,reaction,distress_before,distress_after,note"
    assert headers == {name: ",".join(columns) for name, columns in COLUMNS.items()}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("entries.csv").startswith(b"\xef\xbb\xbfuid,")  # the BOM spreadsheets look for
        assert {stat.S_IMODE(info.external_attr >> 16) for info in archive.infolist()} == {0o600}
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 1, 9, 30, 0)}


def test_entries_and_check_ins_rows(services: Services, database: Database) -> None:
    ids = fill(services, database)
    first, second = services.journal.get(ids["first"]), services.journal.get(ids["second"])
    files = _read(services.transfer.export_csv())
    entries = files["entries.csv"]
    assert [row["body"] for row in entries] == [
        'Monday: the meeting went fine. <b>bold</b> & "quotes"',
        "'=SUM(A1) looks like a formula\nSecond line",  # a formula cell is escaped
        "Group thoughts",
    ]  # the trash and what was deleted forever are not in it
    assert entries[0] == {
        "uid": first.uid,
        "created_at": _iso(START - timedelta(days=3)),
        "edited_at": "",
        "title": "Mon",
        "body": 'Monday: the meeting went fine. <b>bold</b> & "quotes"',
        "kind": "free",
        "prompt_id": "",
        "tags": "win;work",
        "starred": "1",
        "shared": "1",
    }
    assert (entries[1]["uid"], entries[1]["kind"], entries[1]["prompt_id"], entries[1]["shared"]) == (
        second.uid,
        "prompt",
        "what-helped",
        "0",
    )
    checkins = files["checkins.csv"]
    assert [row["at"] for row in checkins] == [
        _iso(START - timedelta(days=2, hours=1)),
        _iso(START - timedelta(hours=3)),
    ]
    rough = checkins[0]
    assert {key: rough[key] for key in ("mood", "mood_word", "energy", "sleep_hours", "coping_confidence")} == {
        "mood": "2",
        "mood_word": "low",
        "energy": "2",
        "sleep_hours": "5.5",
        "coping_confidence": "4",
    }
    assert (rough["emotions"], rough["note"], rough["tags"], rough["shared"]) == (
        "anxious:7;tired:5",
        "rough start",
        "sleep;work",
        "0",
    )
    assert (checkins[1]["mood_word"], checkins[1]["energy"], checkins[1]["note"]) == ("good", "", "")


def test_the_other_tables_link_by_uid(services: Services, database: Database) -> None:
    ids = fill(services, database)
    files = _read(services.transfer.export_csv())
    strategies = {row["title"]: row for row in files["strategies.csv"]}
    assert set(strategies) == {"Box breathing", "Walk round the block"}  # bundled ones left as they came stay out
    box, walk = strategies["Box breathing"], strategies["Walk round the block"]
    assert (box["source"], box["favourite"], box["steps"], box["reactions"]) == (
        "builtin",
        "1",
        "In 4\nHold 4",
        "anxious",
    )
    assert (walk["source"], walk["steps"], walk["reactions"]) == ("mine", "Shoes on\nGo", "sad")
    uses = files["strategy_uses.csv"]
    assert [(u["strategy_uid"], u["strategy"], u["distress_before"], u["distress_after"]) for u in uses] == [
        (box["uid"], "Box breathing", "8", "4"),
        (walk["uid"], "Walk round the block", "5", ""),
    ]
    (result,) = files["assessments.csv"]
    assert (result["instrument"], result["answers"], result["score"], result["band"]) == (
        "phq9",
        "1;2;0;1;0;0;1;0;0",
        "5",
        "mild",
    )
    packs = {row["slug"]: row for row in files["packs.csv"]}
    assert set(packs) == {"sleep-week", "unused-pack"} and packs["sleep-week"]["author"] == "Dr R"
    (homework,) = files["homework.csv"]
    assert (homework["pack_uid"], homework["strategy_uid"], homework["title"], homework["times_per_week"]) == (
        packs["sleep-week"]["uid"],
        box["uid"],
        "Breathe before bed",
        "5",
    )
    done = files["homework_done.csv"]
    assert [(d["assignment_uid"], d["assignment"], d["note"]) for d in done] == [
        (homework["uid"], "Breathe before bed", "did it"),
        (homework["uid"], "Breathe before bed", "again"),
    ]
    assert done[0]["entry_uid"] == services.journal.get(ids["second"]).uid and done[1]["entry_uid"] == ""
    (group,) = files["group_sessions.csv"]
    assert (group["group_name"], group["minutes"], group["connectedness"]) == ("Thursday circle", "90", "8")
    assert [(p["step"], p["text"]) for p in files["safety_plan.csv"]] == [
        ("reasons_to_live", "My dog"),
        ("warning_signs", "Not replying to texts"),
    ]
    assert [(c["name"], c["how_to_reach"]) for c in files["support_contacts.csv"]] == [("Sam", "07700 900123")]


def test_from_and_to_apply_to_every_file_with_a_time(services: Services, database: Database) -> None:
    fill(services, database)
    since = _read(services.transfer.export_csv(date_from=START.date()))
    assert since["entries.csv"] == []
    assert [row["mood"] for row in since["checkins.csv"]] == ["4"]
    assert [row["strategy"] for row in since["strategy_uses.csv"]] == ["Walk round the block"]
    assert since["assessments.csv"] == since["homework_done.csv"] == since["group_sessions.csv"] == []
    assert len(since["homework.csv"]) == 1 and len(since["safety_plan.csv"]) == 2  # no time of their own: whole
    until = _read(services.transfer.export_csv(date_to=(START - timedelta(days=2)).date()))
    assert [row["title"] for row in until["entries.csv"]] == ["Mon", ""]
    assert [row["mood"] for row in until["checkins.csv"]] == ["2"]
    assert [row["note"] for row in until["homework_done.csv"]] == ["did it"]


def test_shared_only_holds_only_what_is_marked_to_share(services: Services, database: Database) -> None:
    fill(services, database)
    services.checkins.create(3, note="for my therapist", shared=True, at=START - timedelta(hours=2))
    files = _read(services.transfer.export_csv(shared_only=True))
    assert list(files) == ["entries.csv", "checkins.csv"]
    assert [row["body"] for row in files["entries.csv"]] == [
        'Monday: the meeting went fine. <b>bold</b> & "quotes"',
        "Group thoughts",
    ]
    assert [row["note"] for row in files["checkins.csv"]] == ["for my therapist"]


# --- the command -------------------------------------------------------------------------------


def _home(tmp_path: Path):
    home = make_home(tmp_path)
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    services = Services(vault.database, clock=FixedClock(NOW))
    services.journal.create("+44 is how the number starts", title="Call", at=NOW - timedelta(days=1))
    services.checkins.create(4, note="steady", at=NOW - timedelta(hours=2))
    vault.close()
    return home


def test_export_csv_writes_a_private_zip(tmp_path: Path) -> None:
    home = _home(tmp_path)
    output = tmp_path / "journal.zip"
    result = home.run("export", "--format", "csv", "--output", str(output))
    assert result.exit_code == 0, result.output
    assert f"Exports are plaintext: anyone who can read {output} can read what is in it." in result.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    files = _read(output.read_bytes())
    assert list(files) == list(COLUMNS)
    assert [(row["title"], row["body"]) for row in files["entries.csv"]] == [("Call", "'+44 is how the number starts")]
    assert [row["note"] for row in files["checkins.csv"]] == ["steady"]


def test_export_never_writes_over_a_file_that_is_there(tmp_path: Path) -> None:
    home = _home(tmp_path)
    output = tmp_path / "journal.zip"
    output.write_bytes(b"my own file")
    refused = home.run("export", "--format", "csv", "--output", str(output))
    assert refused.exit_code == 1
    assert f"{output} already exists; nothing was written. Choose another name or add --overwrite." in refused.stderr
    assert output.read_bytes() == b"my own file"
    replaced = home.run("export", "--format", "csv", "--output", str(output), "--overwrite")
    assert replaced.exit_code == 0, replaced.output
    assert zipfile.is_zipfile(output) and stat.S_IMODE(output.stat().st_mode) == 0o600


def test_a_csv_name_for_the_zip_is_refused_with_the_name_to_use(tmp_path: Path) -> None:
    home = _home(tmp_path)
    output = tmp_path / "journal.csv"
    refused = home.run("export", "--format", "csv", "--output", str(output))
    assert refused.exit_code == 1
    assert (
        "A csv export is a zip of one CSV file per table, so journal.csv would not open as one CSV. "
        "Name it journal.zip instead; nothing was written."
    ) in refused.stderr
    assert not output.exists()


def test_any_other_name_is_used_as_given(tmp_path: Path) -> None:
    home = _home(tmp_path)
    output = tmp_path / "for-me"
    assert home.run("export", "--format", "csv", "--output", str(output)).exit_code == 0
    assert zipfile.is_zipfile(output) and not (tmp_path / "for-me.zip").exists()


def test_shared_only_zip_from_the_command(tmp_path: Path) -> None:
    home = _home(tmp_path)
    output = tmp_path / "shared.zip"
    result = home.run("export", "--format", "csv", "--shared-only", "--output", str(output))
    assert result.exit_code == 0, result.output
    assert "It holds only what is marked to share: 0 entries and 0 check-ins." in result.stderr
    assert _read(output.read_bytes()) == {"entries.csv": [], "checkins.csv": []}
