"""A cleanly closed database opens without the full page-by-page check; anything else is checked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store.clean_close import closed_cleanly
from ikan_desktop.store.location import DB_NAME


def test_the_mark_of_a_clean_close_is_used_once(data_dir: Path) -> None:
    open_store(data_dir).close()
    target = data_dir / DB_NAME
    marker = data_dir / (DB_NAME + ".closed-cleanly")
    assert marker.exists() and oct(marker.stat().st_mode & 0o777) == "0o600"
    assert closed_cleanly(target)
    store = open_store(data_dir)  # open for work: a crash from here on must get the full check
    assert not marker.exists() and not closed_cleanly(target)
    store.close()
    assert closed_cleanly(target)


def test_a_file_changed_after_a_clean_close_gets_the_full_check(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        store.db.execute("CREATE TABLE filler (x TEXT)")
        store.db.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 400)
    target = data_dir / DB_NAME
    stat = target.stat()
    data = bytearray(target.read_bytes())
    for offset in range(2 * 4096, len(data) - 4096, 4096):
        data[offset : offset + 64] = b"\xff" * 64
    target.write_bytes(bytes(data))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert caught.value.title == "The database is damaged"
