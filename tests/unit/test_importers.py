"""Reading jrnl, Daylio and Day One files (core/importers) and storing them (TransferService.preview/apply_import)."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from copingkit.core import importers
from copingkit.core.errors import InvalidInput
from copingkit.core.importers import Options, PassphraseNeeded, WrongSourcePassphrase, daylio_csv, jrnl_encrypted
from copingkit.core.services import Services
from tests.support.jrnl_legacy import jrnl_v1, jrnl_v2

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
PASSWORD = "river stones 42"
UTC_ZONE = ZoneInfo("UTC")
OPTIONS = Options(zone=UTC_ZONE)
JRNL_SHAPE = [
    (datetime(2026, 1, 1, 9, 0, tzinfo=UTC), "First morning.", ("maya", "calm"), False),
    (datetime(2026, 1, 2, 21, 15, tzinfo=UTC), None, (), True),
    (datetime(2026, 1, 3, 7, 30, tzinfo=UTC), "A long one.", ("work",), False),
    (datetime(2026, 1, 4, 13, 5, tzinfo=UTC), "Lunch outside", ("calm",), True),
]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def shape(parsed: importers.Parsed) -> list[tuple]:
    return [(e.at, e.title, e.tags, e.starred) for e in parsed.entries]


# --- jrnl ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jrnl-default-time.txt", "jrnl-minutes.txt"])
def test_jrnl_txt_both_time_formats_are_recognised_on_their_own(name: str):
    parsed = importers.parse("jrnl-txt", fixture(name), OPTIONS)
    assert parsed.problems == ()
    assert shape(parsed) == JRNL_SHAPE


def test_jrnl_txt_keeps_a_multi_paragraph_body_and_a_title_only_entry_as_its_words():
    entries = importers.parse("jrnl-txt", fixture("jrnl-default-time.txt"), OPTIONS).entries
    assert entries[2].body == "First paragraph, with a #Work tag.\n\nSecond paragraph after a blank line."
    assert entries[1].body == "Hard evening"


def test_jrnl_txt_reads_local_times_in_the_given_zone():
    entries = importers.parse("jrnl-txt", fixture("jrnl-minutes.txt"), Options(zone=ZoneInfo("Europe/Berlin"))).entries
    assert entries[0].at == datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def test_jrnl_txt_another_time_format_needs_and_takes_time_format():
    text = b"[01.02.2026 18:30] Evening.\nBody words.\n\n[02.02.2026 07:00] Morning *\n"
    with pytest.raises(InvalidInput, match="--time-format"):
        importers.parse("jrnl-txt", text, OPTIONS)
    parsed = importers.parse("jrnl-txt", text, Options(zone=UTC_ZONE, time_format="%d.%m.%Y %H:%M"))
    assert [(e.at, e.starred) for e in parsed.entries] == [
        (datetime(2026, 2, 1, 18, 30, tzinfo=UTC), False),
        (datetime(2026, 2, 2, 7, 0, tzinfo=UTC), True),
    ]


def test_jrnl_txt_a_time_format_with_month_names():
    text = b"[Feb 01 2026 18:30] Evening.\n[x] a box\n\n[Feb 02 2026 07:00] Morning\n"
    parsed = importers.parse("jrnl-txt", text, Options(zone=UTC_ZONE, time_format="%b %d %Y %H:%M"))
    assert [(e.at, e.title, e.body) for e in parsed.entries] == [
        (datetime(2026, 2, 1, 18, 30, tzinfo=UTC), "Evening.", "[x] a box"),
        (datetime(2026, 2, 2, 7, 0, tzinfo=UTC), None, "Morning"),
    ]


def test_jrnl_txt_a_bad_date_is_reported_with_its_line_and_the_rest_are_read():
    text = (
        b"[2026-01-01 09:00] One.\nfirst body\n\n"
        b"[2026-13-45 09:00] Broken.\nits body\n\n"
        b"[2026-01-03 10:00] Three.\n- [x] a done box stays body text\n"
    )
    parsed = importers.parse("jrnl-txt", text, OPTIONS)
    assert [str(p) for p in parsed.problems] == [
        "line 4: '2026-13-45 09:00' is not a date copingkit can read "
        "(if the journal uses its own time format, give it with --time-format)"
    ]
    assert [e.title for e in parsed.entries] == ["One.", "Three."]
    assert parsed.entries[1].body == "- [x] a done box stays body text"


def test_jrnl_json_export_reads_like_the_journal_it_came_from():
    parsed = importers.parse("jrnl-json", fixture("jrnl-export.json"), OPTIONS)
    txt = importers.parse("jrnl-txt", fixture("jrnl-default-time.txt"), OPTIONS)
    assert parsed.problems == ()
    assert [(e.at, e.title, e.body, e.tags, e.starred) for e in parsed.entries] == [
        (e.at, e.title, e.body, e.tags, e.starred) for e in txt.entries
    ]


def test_jrnl_json_a_bad_entry_is_reported_by_its_number():
    doc = b'{"entries": [{"title": "ok", "body": "", "date": "2026-01-01", "time": "09:00"}, {"title": "x", "date": "soon"}]}'
    parsed = importers.parse("jrnl-json", doc, OPTIONS)
    assert [e.body for e in parsed.entries] == ["ok"]
    assert [p.where for p in parsed.problems] == ["entry 2"]


def test_jrnl_v3_made_by_jrnl_opens_with_its_password():
    parsed = importers.parse("jrnl-encrypted", fixture("jrnl-v3.txt"), Options(zone=UTC_ZONE, passphrase=PASSWORD))
    assert shape(parsed) == JRNL_SHAPE


@pytest.mark.parametrize("build", [jrnl_v2, jrnl_v1], ids=["v2", "v1"])
def test_jrnl_v2_and_v1_open_with_their_password(build):
    plain = fixture("jrnl-minutes.txt").decode()
    parsed = importers.parse("jrnl-encrypted", build(plain, "pässword"), Options(zone=UTC_ZONE, passphrase="pässword"))
    assert shape(parsed) == JRNL_SHAPE


@pytest.mark.parametrize(
    "data",
    [fixture("jrnl-v3.txt"), jrnl_v2("[2026-01-01 09:00] x\n", PASSWORD), jrnl_v1("[2026-01-01 09:00] x\n", PASSWORD)],
    ids=["v3", "v2", "v1"],
)
def test_a_wrong_jrnl_password_is_said_so(data: bytes):
    with pytest.raises(WrongSourcePassphrase):
        importers.parse("jrnl-encrypted", data, Options(passphrase="not it"))


def test_an_encrypted_jrnl_journal_needs_a_password():
    with pytest.raises(PassphraseNeeded):
        importers.parse("jrnl-encrypted", fixture("jrnl-v3.txt"), OPTIONS)


@pytest.mark.parametrize(
    "data",
    [
        b"JRNLv3" + (5000).to_bytes(2, "big") + b"e" * 5000 + b"gAAAAA",  # a header longer than jrnl writes
        b"JRNLv3" + (44).to_bytes(2, "big") + b"eyJzYWx0IjoiUVVGQlFRPT0ifQ==" + b"=" * 16 + b"gAAAAA",  # 4-byte salt
        b"JRNLv3\x00",  # cut short
    ],
    ids=["long-header", "short-salt", "cut"],
)
def test_a_jrnl_v3_header_is_checked_before_any_key_is_derived(data: bytes, monkeypatch):
    derived = []
    monkeypatch.setattr(jrnl_encrypted, "fernet_key", lambda *args: derived.append(args))
    with pytest.raises(InvalidInput, match="damaged"):
        importers.parse("jrnl-encrypted", data, Options(passphrase=PASSWORD))
    assert derived == []


def test_a_jrnl_v3_key_is_derived_with_jrnls_fixed_work_once(monkeypatch):
    calls = []
    real = jrnl_encrypted.fernet_key
    monkeypatch.setattr(
        jrnl_encrypted, "fernet_key", lambda secret, salt: calls.append(len(salt)) or real(secret, salt)
    )
    importers.parse("jrnl-encrypted", fixture("jrnl-v3.txt"), Options(zone=UTC_ZONE, passphrase=PASSWORD))
    assert calls == [16]
    assert jrnl_encrypted.ITERATIONS == 100_000


# --- Daylio -------------------------------------------------------------------------------------


def test_daylio_eight_columns_twelve_hour_times_moods_activities_and_quoted_newlines():
    parsed = importers.parse("daylio-csv", fixture("daylio.csv"), OPTIONS)
    assert parsed.problems == ()
    assert [(c.at, c.mood_name, c.tags) for c in parsed.checkins] == [
        (datetime(2026, 1, 3, 21, 30, tzinfo=UTC), "rad", ("friends", "walk", "good meal")),
        (datetime(2026, 1, 2, 8, 5, tzinfo=UTC), "meh", ("work",)),
        (datetime(2026, 1, 1, 0, 15, tzinfo=UTC), "awful", ()),
    ]
    assert parsed.checkins[0].note == "A good day\n\nSaw Sam at the park.\nWe laughed a lot.\n\nHome by nine."
    assert parsed.checkins[1].note is None
    assert parsed.checkins[2].note == "Could not sleep\nTried the breathing"


def test_daylio_with_a_scales_column_and_twenty_four_hour_times():
    parsed = importers.parse("daylio-csv", fixture("daylio-scales.csv"), OPTIONS)
    assert parsed.problems == ()
    assert [(c.at, c.mood_name, c.tags, c.note) for c in parsed.checkins] == [
        (datetime(2026, 2, 2, 21, 40, tzinfo=UTC), "good", ("reading", "tea"), "Quiet evening, a chapter and tea."),
        (datetime(2026, 2, 1, 7, 10, tzinfo=UTC), "bad", ("bad sleep",), "Woke at four."),
    ]
    assert [c.extra for c in parsed.checkins] == [None, "Daylio scales: sleep 2"]


def test_daylio_scales_are_kept_as_the_last_paragraph_of_the_note(services: Services):
    text = (
        b"full_date,date,weekday,time,mood,activities,note_title,note,scales\n"
        b'2026-02-03,February 3,Tuesday,20:00,meh,,,"Long day.","sleep: 2 | stress:4 | calm"\n'
        b"2026-02-04,February 4,Wednesday,20:00,good,,,,energy: 5\n"
    )
    preview = services.transfer.preview_import("daylio-csv", text, zone=UTC_ZONE)
    services.transfer.apply_import(preview)
    assert sorted((c.mood, c.note) for c in services.checkins.list()) == [
        (3, "Long day.\n\nDaylio scales: sleep 2; stress 4; calm"),
        (4, "Daylio scales: energy 5"),
    ]
    again = services.transfer.preview_import("daylio-csv", text, zone=UTC_ZONE)
    assert (again.checkins, again.already) == (0, 2)


def test_a_daylio_file_imported_before_scales_were_kept_is_not_imported_again(services: Services):
    without = fixture("daylio-scales.csv").replace(b',"sleep: 2"', b',""')
    services.transfer.apply_import(services.transfer.preview_import("daylio-csv", without, zone=UTC_ZONE))
    again = services.transfer.preview_import("daylio-csv", fixture("daylio-scales.csv"), zone=UTC_ZONE)
    assert (again.checkins, again.already) == (0, 2)


def test_daylio_a_malformed_row_is_reported_with_the_line_it_starts_on(services: Services):
    text = fixture("daylio.csv").replace(b"2026-01-02,January 2", b"2026-01-32,January 32")
    preview = services.transfer.preview_import("daylio-csv", text, zone=UTC_ZONE)
    assert [str(p) for p in preview.problems] == [
        "line 6: '2026-01-32' is not a date (Daylio's full_date is like 2026-01-31)"
    ]
    services.transfer.apply_import(preview)
    assert sorted(c.mood for c in services.checkins.list()) == [1, 5]


def test_daylio_moods_map_to_one_to_five(services: Services):
    preview = services.transfer.preview_import("daylio-csv", fixture("daylio.csv"), zone=UTC_ZONE)
    services.transfer.apply_import(preview)
    assert [(c.mood, c.tags) for c in services.checkins.list()] == [
        (5, ("friends", "good meal", "walk")),
        (3, ("work",)),
        (1, ()),
    ]
    assert [c.at for c in services.checkins.list()] == [  # stored at the file's times
        datetime(2026, 1, 3, 21, 30, tzinfo=UTC),
        datetime(2026, 1, 2, 8, 5, tzinfo=UTC),
        datetime(2026, 1, 1, 0, 15, tzinfo=UTC),
    ]


def test_daylio_custom_moods_are_asked_for_then_mapped_by_order(services: Services):
    text = b"full_date,date,weekday,time,mood,activities,note_title,note\n2026-01-01,x,x,10:00,Sunny,,,\n2026-01-02,x,x,10:00,foggy,,,\n"
    preview = services.transfer.preview_import("daylio-csv", text, zone=UTC_ZONE)
    assert preview.unknown_moods == ("sunny", "foggy")
    with pytest.raises(InvalidInput):
        services.transfer.apply_import(preview)
    moods = daylio_csv.parse_mood_map("sunny, bright, foggy, grey, stormy")
    preview = services.transfer.preview_import("daylio-csv", text, zone=UTC_ZONE, moods=moods)
    services.transfer.apply_import(preview)
    assert sorted(c.mood for c in services.checkins.list()) == [3, 5]
    assert daylio_csv.parse_mood_map("sunny=5,foggy=2") == {"sunny": 5, "foggy": 2}


# --- Day One ------------------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_dayone_json_text_date_tags_stars_and_escapes():
    parsed = importers.parse("dayone-json", fixture("dayone-Journal.json"), OPTIONS)
    assert parsed.problems == ()
    first, second = parsed.entries
    assert (first.at, first.tags, first.starred) == (
        datetime(2026, 3, 1, 8, 15, tzinfo=UTC),
        ("morning", "gratitude"),
        True,
    )
    assert first.body == "Coffee on the balcony\n\nThree good things: the light, the quiet, a message from Jo."
    assert (second.at, second.starred, second.body) == (
        datetime(2026, 3, 2, 19, 45, tzinfo=UTC),
        False,
        "A heavier day. I went for a walk anyway!",
    )


def test_dayone_a_date_without_offset_is_read_in_the_entrys_time_zone():
    doc = (
        b'{"entries": [{"uuid": "A1", "creationDate": "2026-07-01T12:00:00", "timeZone": "Asia/Tokyo", "text": "hi"}]}'
    )
    assert importers.parse("dayone-json", doc, OPTIONS).entries[0].at == datetime(2026, 7, 1, 3, 0, tzinfo=UTC)


def test_dayone_zip_as_day_one_makes_it(services: Services):
    data = _zip({"Journal.json": fixture("dayone-Journal.json"), "photos/abc.jpeg": b"\xff\xd8"})
    parsed = importers.parse("dayone-json", data, OPTIONS)
    assert [e.source_id for e in parsed.entries] == [
        "dayone:6A7C1E2B3D4F45A6B7C8D9E0F1A2B3C4",
        "dayone:0B1C2D3E4F5A46B7C8D9E0F1A2B3C4D5",
    ]


def test_dayone_zip_declaring_more_than_the_ceiling_is_refused_before_reading(monkeypatch):
    from copingkit.core.importers import dayone_json

    monkeypatch.setattr(dayone_json, "MAX_FILE_BYTES", 1000)
    data = _zip({"Journal.json": b'{"entries": []}' + b" " * 5000})
    read = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: read.append(args))
    with pytest.raises(InvalidInput, match="more than copingkit imports"):
        importers.parse("dayone-json", data, OPTIONS)
    assert read == []


def test_dayone_photos_left_out_are_counted_and_said(services: Services):
    doc = (
        b'{"entries": ['
        b'{"uuid": "A", "creationDate": "2026-01-01T00:00:00Z", "text": "two", "photos": [{"md5": "1"}, {"md5": "2"}]},'
        b'{"uuid": "B", "creationDate": "2026-01-02T00:00:00Z", "text": "x ![](dayone-moment:/video/V1)", "videos": [{}]},'
        b'{"uuid": "C", "creationDate": "2026-01-03T00:00:00Z", "text": "a ![](dayone-moment://P9) b"},'
        b'{"uuid": "D", "creationDate": "2026-01-04T00:00:00Z", "photos": [{}]}'
        b"]}"
    )
    parsed = importers.parse("dayone-json", doc, OPTIONS)
    assert parsed.left_out == (("photo", 4), ("video", 1))
    preview = services.transfer.preview_import("dayone-json", doc, zone=UTC_ZONE)
    assert preview.left_out == (
        "4 photos and 1 video were left out: copingkit keeps the words only, "
        "and the file you imported from still has them."
    )
    assert [p.where for p in preview.problems] == ["entry 4"]  # the photo-only entry is named too
    fixture_preview = services.transfer.preview_import("dayone-json", fixture("dayone-Journal.json"), zone=UTC_ZONE)
    assert fixture_preview.left_out.startswith("1 photo was left out: ")
    jrnl = services.transfer.preview_import("jrnl-txt", fixture("jrnl-minutes.txt"), zone=UTC_ZONE)
    assert jrnl.left_out == ""


def test_dayone_a_photo_only_entry_is_reported_and_the_rest_read():
    doc = b'{"entries": [{"uuid": "A", "creationDate": "2026-01-01T00:00:00Z"}, {"uuid": "B", "creationDate": "2026-01-01T00:00:00Z", "text": "words"}]}'
    parsed = importers.parse("dayone-json", doc, OPTIONS)
    assert [p.where for p in parsed.problems] == ["entry 1"]
    assert [e.body for e in parsed.entries] == ["words"]


# --- bounds -------------------------------------------------------------------------------------


def test_more_records_than_the_ceiling_are_refused(monkeypatch):
    monkeypatch.setattr(importers, "MAX_RECORDS", 3)
    with pytest.raises(InvalidInput, match="more than 3 records"):
        importers.parse("jrnl-txt", fixture("jrnl-minutes.txt"), OPTIONS)


def test_a_file_past_the_ceiling_is_refused(monkeypatch):
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 100)
    with pytest.raises(InvalidInput, match="more than copingkit imports"):
        importers.parse("jrnl-txt", fixture("jrnl-minutes.txt"), OPTIONS)


# --- storing: idempotent, dates, tags, stars ----------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "entries", "checkins"),
    [
        ("jrnl-txt", "jrnl-default-time.txt", 4, 0),
        ("jrnl-json", "jrnl-export.json", 4, 0),
        ("daylio-csv", "daylio.csv", 0, 3),
        ("daylio-csv", "daylio-scales.csv", 0, 2),
        ("dayone-json", "dayone-Journal.json", 2, 0),
    ],
)
def test_importing_the_same_file_twice_adds_nothing_the_second_time(services: Services, fmt, name, entries, checkins):
    first = services.transfer.preview_import(fmt, fixture(name), zone=UTC_ZONE)
    assert (first.entries, first.checkins, first.already) == (entries, checkins, 0)
    services.transfer.apply_import(first)
    second = services.transfer.preview_import(fmt, fixture(name), zone=UTC_ZONE)
    assert (second.entries, second.checkins, second.already, second.changes_nothing) == (0, 0, entries + checkins, True)
    assert services.transfer.apply_import(second).total == 0
    assert (len(services.journal.list()), len(services.checkins.list())) == (entries, checkins)


def test_imported_jrnl_entries_keep_dates_tags_and_stars(services: Services):
    services.transfer.apply_import(
        services.transfer.preview_import("jrnl-txt", fixture("jrnl-minutes.txt"), zone=UTC_ZONE)
    )
    kept = sorted((e.created_at, e.title, tuple(sorted(e.tags)), e.starred) for e in services.journal.list())
    assert kept == sorted((at, title, tuple(sorted(tags)), starred) for at, title, tags, starred in JRNL_SHAPE)


def test_a_journal_imported_as_text_is_known_again_from_its_json_export(services: Services):
    services.transfer.apply_import(
        services.transfer.preview_import("jrnl-txt", fixture("jrnl-minutes.txt"), zone=UTC_ZONE)
    )
    again = services.transfer.preview_import("jrnl-json", fixture("jrnl-export.json"), zone=UTC_ZONE)
    assert (again.entries, again.already) == (0, 4)


def test_an_entry_written_here_by_hand_is_not_imported_again(services: Services):
    services.journal.create(
        "Sun on my face. #calm", title="Lunch outside", at=datetime(2026, 1, 4, 13, 5, 30, tzinfo=UTC)
    )
    preview = services.transfer.preview_import("jrnl-txt", fixture("jrnl-minutes.txt"), zone=UTC_ZONE)
    assert (preview.entries, preview.already) == (3, 1)


def test_an_imported_entry_deleted_forever_stays_deleted_on_a_second_import(services: Services):
    services.transfer.apply_import(
        services.transfer.preview_import("dayone-json", fixture("dayone-Journal.json"), zone=UTC_ZONE)
    )
    entry = services.journal.list()[0]
    services.journal.delete(entry.id)
    services.journal.purge(entry.id)
    again = services.transfer.preview_import("dayone-json", fixture("dayone-Journal.json"), zone=UTC_ZONE)
    assert (again.entries, again.already) == (0, 2)


def test_an_edited_dayone_entry_is_still_known_by_its_uuid(services: Services):
    services.transfer.apply_import(
        services.transfer.preview_import("dayone-json", fixture("dayone-Journal.json"), zone=UTC_ZONE)
    )
    edited = fixture("dayone-Journal.json").replace(b"A heavier day", b"A heavy day")
    again = services.transfer.preview_import("dayone-json", edited, zone=UTC_ZONE)
    assert (again.entries, again.already) == (0, 2)


def test_progress_is_told_as_the_rows_are_written(services: Services, monkeypatch):
    from copingkit.core.services import transfer

    monkeypatch.setattr(transfer, "_BATCH", 2)
    seen: list[tuple[int, int]] = []
    preview = services.transfer.preview_import("jrnl-txt", fixture("jrnl-minutes.txt"), zone=UTC_ZONE)
    services.transfer.apply_import(preview, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 4), (4, 4)]


def test_an_imported_entry_can_be_found_by_search(services: Services):
    services.transfer.apply_import(
        services.transfer.preview_import("jrnl-txt", fixture("jrnl-minutes.txt"), zone=UTC_ZONE)
    )
    assert [hit.title for hit in services.journal.search("river")] == ["First morning."]


def test_a_copingkit_export_previews_as_a_merge_and_imports_once(services: Services, clock):
    import json

    from copingkit.core.database import Database

    other = Services(Database.new(), clock=clock)
    other.journal.create("From my other copy", title="Elsewhere")
    other.checkins.create(4, note="fine")
    data = json.dumps(other.transfer.export_document()).encode()
    first = services.transfer.preview_import("copingkit-json", data)
    assert (first.entries, first.checkins, first.changes_nothing) == (1, 1, False)
    assert first.describe() == "adds 1 entry and 1 check-in"
    assert services.transfer.apply_import(first).total == 2
    assert services.transfer.preview_import("copingkit-json", data).changes_nothing
