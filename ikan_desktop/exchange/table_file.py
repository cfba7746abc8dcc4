"""A spreadsheet or CSV file as rows of text, whatever shape the school system saved it in.

Encodings are decided by explicit checks, not guessed: a byte-order mark names UTF-8 or UTF-16
for certain; without one, UTF-16 shows itself by a NUL in every other byte; then a strict UTF-8
decode is tried, which practically never succeeds on text in another encoding that holds any
accented letter; and only then Windows-1252, the one other encoding Windows spreadsheet
programs save in. Statistical detectors guess wrongly on short files of names (a class list is a
few kilobytes of proper nouns), and a wrong guess silently turns "Kāmar" into mojibake.

The delimiter is sniffed (`csv.Sniffer`), but the sniffer is easily fooled by commas inside a
title line or quoted names, so its answer is only kept when the header-like line agrees;
otherwise the delimiter is the one that occurs most in that line.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # a school of 2,000 is about 300 KB; this leaves plenty of room
MAX_COLUMNS = 100
MAX_ROWS = 20_000  # a large school is 3,000; a sheet of a million formatted rows is not a roll
DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_XLSX_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


class TableFileError(ValueError):
    """A file that cannot be read as a table; the message names the file (and the line)."""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the file, with the line number (or spreadsheet row) a teacher can look up."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a file and how it was read (shown in the import dialog)."""

    rows: tuple[TableRow, ...]
    encoding: str
    delimiter: str

    @property
    def description(self) -> str:
        """How the file was read, in a teacher's words: "UTF-8, semicolon-separated"."""
        if self.delimiter == "xlsx":
            return "Excel workbook, first sheet"
        names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
        return f"{self.encoding}, {names.get(self.delimiter, 'comma')}-separated"


def read_table(path: Path) -> Table:
    """The rows of a CSV, TSV or .xlsx file; TableFileError with a one-line reason otherwise."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TableFileError(
                f"{path.name} is {size / 1024 / 1024:.0f} MB, far more than a class list "
                f"(the limit is {MAX_BYTES // 1024 // 1024} MB). Export only the students you "
                "need, as CSV."
            )
        data = path.read_bytes()
    except OSError as error:
        raise TableFileError(f"{path.name} cannot be read ({error.strerror or error}).") from None
    if not data.strip():
        raise TableFileError(f"{path.name} is empty. Export the class list again and retry.")
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(path, data)
    if data.startswith(_OLD_EXCEL_MAGIC):
        raise TableFileError(
            f"{path.name} is an old-style Excel (.xls) file. Open it in a spreadsheet and "
            "save it as .xlsx or CSV, then import that."
        )
    text, encoding = decode(data, path.name)
    return parse_text(text, encoding=encoding, name=path.name)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a file and the name of its encoding, by explicit checks (see above)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name), "UTF-16" if "16" in codec else "UTF-8"
    head = data[:4000]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return _strict(data, "utf-16-le", name), "UTF-16"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return _strict(data, "utf-16-be", name), "UTF-16"
    if b"\x00" in head:
        raise TableFileError(f"{name} is not a text table (it holds binary data).")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def parse_text(text: str, *, encoding: str = "UTF-8", name: str = "the file") -> Table:
    """Rows from delimited text, line numbers kept (quoted cells may span lines)."""
    if _looks_binary(text):
        raise TableFileError(f"{name} is not a text table (it holds binary data).")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[TableRow] = []
    line = 1
    try:
        for cells in reader:
            rows.append(_row(line, cells, name))
            line = reader.line_num + 1
            _check_length(len(rows), name)
    except csv.Error as error:
        raise TableFileError(f"{name}, line {line}: cannot be read as a table ({error}).") from None
    return Table(tuple(r for r in rows if r.cells), encoding, delimiter)


def sniff_delimiter(text: str) -> str:
    """The delimiter: the sniffer's answer when the header-like line agrees, else a count."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    busiest = max(lines, key=lambda line: sum(line.count(d) for d in DELIMITERS))
    counts = {d: _count_outside_quotes(busiest, d) for d in DELIMITERS}
    counted = max(DELIMITERS, key=lambda d: counts[d])
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in counts and counts[sniffed] >= counts[counted] and counts[sniffed] > 0:
        return sniffed
    return counted if counts[counted] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _row(line: int, cells: Sequence[str], name: str) -> TableRow:
    cleaned = [cell.strip() for cell in cells]
    while cleaned and not cleaned[-1]:
        cleaned.pop()  # spreadsheets pad rows with empty trailing columns
    if len(cleaned) > MAX_COLUMNS:
        raise TableFileError(
            f"{name}, line {line}: {len(cleaned)} columns, more than a class list has "
            f"(at most {MAX_COLUMNS}). Check that this is the class list export."
        )
    return TableRow(line, tuple(cleaned))


def _check_length(rows: int, name: str) -> None:
    if rows > MAX_ROWS:
        raise TableFileError(
            f"{name} has more than {MAX_ROWS:,} rows, far more than a school's roll. Export "
            "only the students you need."
        )


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    return "\x00" in sample or controls > max(8, len(sample) // 50)


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise TableFileError(
            f"{name} says it is {codec.upper().replace('-SIG', '')} text but is not. Export "
            "the class list again as CSV."
        ) from None


def _read_xlsx(path: Path, data: bytes) -> Table:
    try:
        import openpyxl  # only when a workbook is imported: it takes a while to load
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise TableFileError(
            f"{path.name}: reading .xlsx needs the openpyxl package. Save the sheet as CSV instead."
        ) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise TableFileError(
            f"{path.name} is not a spreadsheet the app can read ({type(error).__name__}). "
            "Save it as .xlsx or CSV again."
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append(_row(number, [_cell_text(v) for v in values], path.name))
            _check_length(number, path.name)
    finally:
        book.close()
    return Table(tuple(r for r in rows if r.cells), "Excel", "xlsx")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # year levels and ids saved as numbers
    return str(value)
