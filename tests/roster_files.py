"""Class lists in the shapes school systems export them, written byte for byte as they arrive."""

from __future__ import annotations

from datetime import date
from pathlib import Path

# eTAP-style: UTF-8 with a byte-order mark, a title line above the header, trailing empty columns.
ETAP = (
    "Room 12 class list — printed 3/02/2025,,,,,,,,\r\n"
    "Student ID,Legal First Name,Preferred Name,Legal Surname,Year Level,Room,First Attendance,,\r\n"
    "1001,Mereana,Mere,Tūhoe-Walker,Y3,Room 12,3/02/2023,,\r\n"
    "1002,Liam,,O'Connor,Year 3,Room 12,25/1/2023,,\r\n"
    "1003,Hūhana,Hana,Kereama,3,Room 12,4/02/2023,,\r\n"
    "1004,Sione,,Taufa,Y4,Room 12,,,\r\n"
)

# Kāmar-style: semicolons, a quoted note that runs over two lines, date of birth beside entry date.
KAMAR = (
    "Surname;First Name;Preferred Name;NSN;Year Level;Form Class;Date of Birth;Entry Date;Notes\n"
    'Ngata;Aroha;;0123456789;Year 2;Rm 5;14/08/2018;2/02/2024;"Allergic to kiwifruit;\nsee office"\n'
    "Raman;Priya;;0123456790;Year 4;Rm 5;30/11/2016;5/02/2022;\n"
    "Ō'Brien-Pōtae;Tāne;;0123456791;Year 3;Rm 5;1/06/2017;7/02/2023;\n"
)

# Hero/LINC-ED style saved by Excel as "Unicode text": UTF-16 with a BOM, tab-separated.
HERO = (
    "Student Id\tLegal First Name\tLegal Last Name\tKnown As\tYear\tHomeroom\n"
    "H-77\tWiremu\tTe Whata\tWiri\tY5\tKōwhai\n"
    "H-78\tAnahera\tPōmare\t\tY5\tKōwhai\n"
)

# An older spreadsheet saved in Windows-1252: macrons were lost upstream, "Zoë" survives.
WINDOWS = "First name,Last name,Year,Class\r\nZoë,Müller,Y2,Room 3\r\nMereana,Tuhoe,Y2,Room 3\r\n"

# PowerSchool-style (US): month-first dates, grade levels, kindergarten as K.
POWERSCHOOL = (
    "Student_Number,First_Name,Last_Name,Grade_Level,Home_Room,EntryDate,DOB\n"
    "55501,Olivia,Martinez,K,101,8/26/2025,3/14/2020\n"
    "55502,Ethan,Nguyen,Grade 3,104,8/28/2022,12/1/2016\n"
)

# A one-column full name, "Surname, First", and an ambiguous date (3/2 could be either order).
FULL_NAME = (
    'Student Name,Year,Start Date\n"Tūhoe-Walker, Mereana",3,3/2/2023\nAna Lemalu,6,5/2/2020\n'
)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write a fixture the way the school system saves it (BOM included where it adds one)."""
    path = folder / name
    data = text.encode(encoding)
    if encoding == "utf-8-sig":
        data = text.encode("utf-8-sig")
    path.write_bytes(data)
    return path


def write_xlsx(folder: Path, name: str = "roster.xlsx") -> Path:
    """A workbook made with openpyxl: a title row, real date cells, numbers as numbers."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Class list Room 9"])
    sheet.append([])
    sheet.append(["First name", "Surname", "Student ID", "Year level", "Class", "Start date"])
    sheet.append(["Kauri", "Pōtae", 2001, 4, "Room 9", date(2022, 2, 3)])
    sheet.append(["Ngaio", "Whetū", 2002, "Y4", "Room 9", date(2022, 2, 7)])
    path = folder / name
    book.save(path)
    return path
