"""Generated class lists — names with macrons and apostrophes, shuffled columns under any of
their usual headers, every encoding and delimiter school systems use — come back exactly from
`students --json` after `import-roster`."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikan_desktop.cli import main

LETTERS = "abcdefghijklmnopqrstuvwxyzāēīōūĀĒĪŌŪéëABCDEFGHIJKLMNOPRSTUVWY"
HEADERS = {
    "first": ["First name", "Given Name", "Legal First Name", "FIRST_NAME", "forename"],
    "last": ["Surname", "Last Name", "family name", "Legal_Surname", "LAST NAME"],
    "preferred": ["Preferred name", "Known As", "preferred"],
    "id": ["Student ID", "NSN", "ID Number", "State ID", "student_number"],
    "year": ["Year", "Year Level", "Grade", "yr level"],
    "class": ["Room", "Class", "Homeroom", "Form Class"],
}
YEAR_WORDS = ["{n}", "Y{n}", "Year {n}", "Grade {n}", "Yr {n}"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]

word = st.text(LETTERS, min_size=1, max_size=8).map(lambda w: w[0].upper() + w[1:])
name_part = st.lists(word, min_size=1, max_size=2).flatmap(
    lambda words: st.sampled_from(["-", " ", "'"]).map(lambda joint: joint.join(words))
)


@st.composite
def rosters(draw: st.DrawFn) -> tuple[list[dict], list[str], str, str, bool]:
    count = draw(st.integers(1, 12))
    ids = draw(st.lists(st.integers(1000, 99999), min_size=count, max_size=count, unique=True))
    children = []
    for number in ids:
        first = draw(name_part)
        last = draw(name_part)
        preferred = draw(st.one_of(st.just(""), word.filter(lambda w, f=first: w != f)))
        year = draw(st.one_of(st.none(), st.integers(0, 13)))
        children.append(
            {
                "first": first,
                "last": last,
                "preferred": preferred,
                "id": str(number),
                "year": year,
                "class": draw(st.sampled_from(["Room 1", "Rūma Kōwhai", "Room 12"])),
            }
        )
    columns = draw(st.permutations(list(HEADERS)))
    headers = [draw(st.sampled_from(HEADERS[c])) for c in columns]
    encoding = draw(st.sampled_from(ENCODINGS))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    title = draw(st.booleans())
    rows = [headers]
    for child in children:
        year = child["year"]
        words = "K" if year == 0 and draw(st.booleans()) else draw(st.sampled_from(YEAR_WORDS))
        cells = {**child, "year": "" if year is None else words.format(n=year)}
        rows.append([cells[c] for c in columns])
    out = io.StringIO()
    if title:
        out.write("Class list export" + delimiter * (len(columns) - 1) + "\r\n")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return children, headers, out.getvalue(), encoding, title


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    return code, out.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters())
def test_import_then_students_json_returns_exactly_them(roster: tuple) -> None:
    children, _headers, text, encoding, _title = roster
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")  # macrons cannot be Windows-1252; such files are UTF-8
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(data)
        code, _ = _run("import-roster", str(path), "--data-dir", folder)
        assert code == 0
        code, listed = _run("students", "--json", "--data-dir", folder)
        assert code == 0
        got = {
            (s["name"], s["preferred_name"], s["external_id"], s["year_level"], s["class"])
            for s in json.loads(listed)
        }
        again, report = _run("import-roster", str(path), "--json", "--data-dir", folder)
        assert again == 0 and json.loads(report)["added"] == []
        _, listed_after = _run("students", "--json", "--data-dir", folder)
    expected = {
        (f"{c['first']} {c['last']}", c["preferred"], c["id"], c["year"], c["class"])
        for c in children
    }
    assert got == expected
    assert len(json.loads(listed_after)) == len(children)  # importing twice adds nobody
