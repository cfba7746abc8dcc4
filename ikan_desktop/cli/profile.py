"""`profile`: print one student's progression profile, or a whole class's, to PDF files.

reportlab is imported only when the command runs: every start of the app builds this parser.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.location import data_dir

if TYPE_CHECKING:
    from ikan_desktop.workflows import profiles


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "profile",
        help="write one-page progression profiles (PDF) for a student or a class",
        description="Write one-page progression profiles for parent conferences. "
        "Files are written whole (through a temporary file); no audio is ever included.",
    )
    data_dir_option(parser)
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--student", metavar="ID", help="the student's id (see `students`)")
    who.add_argument("--class", dest="class_name", metavar="NAME", help="every student in a class")
    parser.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="the PDF file for --student (or a folder); the folder for --class",
    )
    parser.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a PDF that is already there (without it: a --out file that exists is "
        "refused, and in a folder the new file gets a numbered name)",
    )
    parser.set_defaults(run=run_profile)


def run_profile(args: argparse.Namespace) -> int:
    from ikan_desktop.domain.content_errors import ContentFileError
    from ikan_desktop.workflows import profiles

    page_size = "Letter" if args.letter else "A4"
    out = Path(args.out).expanduser()
    try:
        with open_store(data_dir(args.data_dir)) as store:
            sources = profiles.load_profile_sources()
            if args.student:
                return _one(store, args.student, out, page_size, sources, force=args.force)
            return _class(store, args.class_name, out, page_size, sources, force=args.force)
    except StoreError as error:
        raise CommandError(error.one_line()) from error
    except (profiles.UnknownStudent, profiles.UnknownClass) as error:
        raise CommandError(error.message) from error
    except profiles.NoConfirmedJudgement as error:
        raise CommandError(error.message) from error
    except ContentFileError as error:
        first = error.errors[0] if error.errors else error
        raise CommandError(
            f"A content file has a problem, so no profile was made: {first}"
        ) from error
    except FileExistsError as error:
        raise CommandError(_exists(Path(error.filename or out))) from error
    except OSError as error:
        raise CommandError(
            f"Could not write to {out} ({error.strerror or error}). Nothing was overwritten; "
            "choose a folder you can write to."
        ) from error


def _one(
    store: Any,
    student_id: str,
    out: Path,
    page_size: str,
    sources: profiles.ProfileSources,
    *,
    force: bool,
) -> int:
    from ikan_desktop.reports.profile import profile_file_name
    from ikan_desktop.store import students as student_store
    from ikan_desktop.workflows import profiles
    from ikan_desktop.workflows.export_log import note_export

    if out.is_dir():
        data = profiles.profile_for_student(store, student_id, sources=sources)
        taken = set() if force else {path.name.lower() for path in out.iterdir()}
        out = out / profile_file_name(data, taken=taken)
    elif out.suffix.lower() != ".pdf":
        raise CommandError(f"--out should name a .pdf file or a folder, not {out}")
    elif out.exists() and not force:
        raise CommandError(_exists(out))
    profiles.save_student_profile(
        store, student_id, out, page_size=page_size, sources=sources, replace=force
    )
    name = student_store.get_student(store, student_id).name
    note_export(store, f"{name}'s profile", out)
    print(f"Wrote the profile to {out}")
    return 0


def _exists(out: Path) -> str:
    return (
        f"{out} already exists, so nothing was written. Choose another name, "
        "or add --force to replace it."
    )


def _class(
    store: Any,
    class_name: str,
    out: Path,
    page_size: str,
    sources: profiles.ProfileSources,
    *,
    force: bool,
) -> int:
    from ikan_desktop.workflows import profiles
    from ikan_desktop.workflows.deletion import plural
    from ikan_desktop.workflows.export_log import note_export

    if out.exists() and not out.is_dir():
        raise CommandError(f"--out for a class must be a folder; {out} is a file")
    result = profiles.save_class_profiles(
        store, class_name, out, page_size=page_size, sources=sources, replace=force
    )
    if not result.written:
        if not result.skipped:
            raise CommandError(f"The class {class_name!r} has no students.")
        raise CommandError(
            f"No student in {class_name!r} has a confirmed stage yet, so no profile was made. "
            "Confirm stages in Review first."
        )
    note_export(
        store,
        f"the profiles of {plural(len(result.written), 'child', 'children')} of {class_name}",
        out,
    )
    print(f"Wrote {len(result.written)} profiles to {out}")
    if result.skipped:
        names = ", ".join(name for name, _ in result.skipped)
        print(f"Not printed (no confirmed stage yet): {names}")
    return 0
