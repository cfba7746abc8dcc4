"""Class lists from school systems into a real database: preview, import, import again, update."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import roster_files as rf

from ikan_desktop.exchange.roster_csv import IGNORE, START_DATE
from ikan_desktop.store import open_store
from ikan_desktop.workflows import roster, roster_import


def _import(store, path: Path, **options) -> roster_import.ImportPlan:
    plan = roster_import.plan_import(store, roster_import.load_roster(path), **options)
    roster_import.commit_import(store, plan)
    return plan


def _by_name(store) -> dict[str, dict]:
    return {row["name"]: row for row in roster.student_rows(store)}


def test_etap_export_with_bom_title_line_and_empty_columns(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "etap.csv", rf.ETAP, "utf-8-sig")
    with open_store(data_dir) as store:
        preview = roster_import.plan_import(store, roster_import.load_roster(path))
        assert roster.student_rows(store) == []  # a preview writes nothing
        assert [e.line for e in preview.added] == [3, 4, 5, 6]
        _import(store, path)
        students = _by_name(store)
    mere = students["Mereana Tūhoe-Walker"]
    assert mere["preferred_name"] == "Mere"
    assert (mere["external_id"], mere["year_level"], mere["class"]) == ("1001", 3, "Room 12")
    assert mere["school_start_date"] == "2023-02-03"  # 3/02 in NZ is the 3rd of February
    assert students["Sione Taufa"]["year_level"] == 4
    assert students["Sione Taufa"]["school_start_date"] is None


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "etap.csv", rf.ETAP, "utf-8-sig")
    with open_store(data_dir) as store:
        _import(store, path)
        before = roster.student_rows(store)
        again = _import(store, path)
        assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 4)
        assert roster.student_rows(store) == before


def test_a_new_years_export_updates_year_and_class_keeping_the_child(
    tmp_path: Path, data_dir: Path
) -> None:
    path = rf.write(tmp_path, "etap.csv", rf.ETAP, "utf-8-sig")
    newer = rf.ETAP.replace("Y3,Room 12", "Y4,Room 14").replace("Year 3,Room 12", "Y4,Room 14")
    with open_store(data_dir) as store:
        _import(store, path)
        ids = {row["name"]: row["id"] for row in roster.student_rows(store)}
        plan = _import(store, rf.write(tmp_path, "etap-2026.csv", newer, "utf-8-sig"))
        assert {u.entry.name for u in plan.updated} == {"Mereana Tūhoe-Walker", "Liam O'Connor"}
        assert "Year 3 → 4" in plan.updated[0].changes
        students = _by_name(store)
    assert students["Liam O'Connor"]["id"] == ids["Liam O'Connor"]
    assert (students["Liam O'Connor"]["year_level"], students["Liam O'Connor"]["class"]) == (
        4,
        "Room 14",
    )
    assert students["Hūhana Kereama"]["class"] == "Room 12"  # not in the change, not moved


def test_kamar_semicolons_with_a_note_over_two_lines(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "kamar.csv", rf.KAMAR)
    with open_store(data_dir) as store:
        plan = _import(store, path)
        students = _by_name(store)
    assert [e.line for e in plan.added] == [2, 4, 5]  # the note's second line counts
    assert students["Tāne Ō'Brien-Pōtae"]["external_id"] == "0123456791"
    assert students["Aroha Ngata"]["school_start_date"] == "2024-02-02"  # entry date, not birthday
    assert students["Aroha Ngata"]["date_of_birth"] == "2018-08-14"  # kept for merges
    assert students["Aroha Ngata"]["class"] == "Rm 5"


def test_hero_unicode_text_is_utf16_with_tabs(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "hero.txt", rf.HERO, "utf-16")
    with open_store(data_dir) as store:
        _import(store, path)
        students = _by_name(store)
    assert students["Wiremu Te Whata"]["preferred_name"] == "Wiri"
    assert students["Anahera Pōmare"]["class"] == "Kōwhai"


def test_windows_1252_file_reads_without_a_crash(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "old.csv", rf.WINDOWS, "cp1252")
    with open_store(data_dir) as store:
        _import(store, path)
        assert set(_by_name(store)) == {"Zoë Müller", "Mereana Tuhoe"}


def test_powerschool_month_first_dates_are_proven_by_the_file(
    tmp_path: Path, data_dir: Path
) -> None:
    path = rf.write(tmp_path, "ps.csv", rf.POWERSCHOOL)
    with open_store(data_dir) as store:
        plan = _import(store, path)
        students = _by_name(store)
    assert plan.date_order == "mdy"
    assert students["Olivia Martinez"]["year_level"] == 0
    assert students["Olivia Martinez"]["school_start_date"] == "2025-08-26"
    assert students["Ethan Nguyen"]["year_level"] == 3


def test_xlsx_made_with_openpyxl(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write_xlsx(tmp_path)
    with open_store(data_dir) as store:
        plan = _import(store, path)
        students = _by_name(store)
    assert [e.line for e in plan.added] == [4, 5]  # spreadsheet row numbers
    assert students["Kauri Pōtae"]["external_id"] == "2001"
    assert students["Kauri Pōtae"]["school_start_date"] == "2022-02-03"
    assert students["Ngaio Whetū"]["year_level"] == 4


def test_ambiguous_dates_are_asked_about_then_remembered(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "names.csv", rf.FULL_NAME)
    with open_store(data_dir) as store:
        sheet = roster_import.load_roster(path)
        with pytest.raises(roster_import.DateOrderNeeded, match="3/2/2023"):
            roster_import.plan_import(store, sheet)
        us = roster_import.plan_import(store, sheet, date_order="mdy")
        assert us.added[0].school_start_date == date(2023, 3, 2)
        roster_import.remember_date_order(store, "dmy")
        plan = _import(store, path)
        students = _by_name(store)
    assert plan.added[0].school_start_date == date(2023, 2, 3)
    assert students["Mereana Tūhoe-Walker"]["year_level"] == 3  # "Surname, First" split


def test_duplicates_and_bad_rows_are_skipped_with_line_and_reason(
    tmp_path: Path, data_dir: Path
) -> None:
    text = (
        "ID,First name,Surname,Year\n"
        "7,Aroha,Ngata,Y2\n"
        ",,,\n"
        "7,Aroha,Ngata,Y2\n"
        "8,,,Y3\n"
        "9,Tama,Rewi,Year 20\n"
    )
    path = rf.write(tmp_path, "dups.csv", text)
    with open_store(data_dir) as store:
        plan = _import(store, path)
        assert len(roster.student_rows(store)) == 1
    reasons = {s.line: s.reason for s in plan.skipped}
    assert reasons[4] == "the same student as line 2"
    assert reasons[5] == "no name in this row"
    assert "Year 20" in reasons[6]


def test_same_name_in_another_class_is_another_child(tmp_path: Path, data_dir: Path) -> None:
    text = "First name,Surname,Room\nJack,Smith,Room 1\nJack,Smith,Room 2\n"
    path = rf.write(tmp_path, "two-jacks.csv", text)
    with open_store(data_dir) as store:
        assert len(_import(store, path).added) == 2
        assert len(_import(store, path).unchanged) == 2


def test_the_teachers_mapping_and_class_are_used(tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "kamar.csv", rf.KAMAR)
    with open_store(data_dir) as store:
        sheet = roster_import.load_roster(path)
        mapping = tuple(IGNORE if f == START_DATE else f for f in sheet.mapping)
        plan = _import(store, path, mapping=mapping, class_name="Room 5")
        assert all(e.school_start_date is None for e in plan.added)
        assert {row["class"] for row in roster.student_rows(store)} == {"Room 5"}
        assert replace(plan, added=()).new_classes == ("Room 5",)


def test_a_sheet_of_endless_rows_is_refused(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First name", "Surname"])
    sheet.cell(row=25_000, column=1, value="x")  # a stray cell far below the list
    path = tmp_path / "endless.xlsx"
    book.save(path)
    with pytest.raises(
        roster_import.TableFileError, match=r"endless\.xlsx has more than 20,000 rows"
    ):
        roster_import.load_roster(path)


def test_decomposed_macrons_from_a_mac_are_stored_composed(tmp_path: Path, data_dir: Path) -> None:
    decomposed = "First name,Surname\nTa\u0304ne,Po\u0304tae\n"
    path = rf.write(tmp_path, "mac.csv", decomposed)
    with open_store(data_dir) as store:
        _import(store, path)
        assert list(_by_name(store)) == ["Tāne Pōtae"]  # one letter each, as typed in search
