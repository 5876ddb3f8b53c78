"""Publishing a run's staged files: all of them or none (publish/replace.py), and what a killed
run left swept (publish/files.py). Real files in a temporary folder; the failures are real ones
(a missing staged file, a folder in a file's place)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.publish.files import STAGING, staging_folder, sweep
from leafdeck.publish.replace import Guard, Swap, replace_all

TODAY = dt.date(2026, 12, 7)


def published(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` but the staging folder's."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and STAGING not in p.parts)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in files}


def staged(out: Path, staging: Path, files: dict[str, bytes]) -> list[Swap]:
    swaps = []
    for number, (name, data) in enumerate(files.items()):
        path = staging / f"{number}.new"
        path.write_bytes(data)
        swaps.append(Swap(path, out / name))
    return swaps


@pytest.fixture
def out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a" / "one.pdf").write_bytes(b"old one")
    (out / "a" / "two.pdf").write_bytes(b"old two")
    return out


NEW = {"a/one.pdf": b"new one", "a/two.pdf": b"new two", "b/three.pdf": b"new three"}


def test_every_staged_file_is_put_in_place(out: Path) -> None:
    staging = staging_folder(out)
    assert replace_all(staged(out, staging, NEW), staging) == {}
    assert published(out) == {**NEW}


@pytest.mark.parametrize(
    ("spoil", "named"),
    [
        (lambda out, swaps: swaps[2].staged.unlink(), "b/three.pdf"),  # fails while renaming: undone
        (lambda out, swaps: (out / "a" / "two.pdf").unlink() or (out / "a" / "two.pdf").mkdir(), "a/two.pdf"),
    ],
    ids=["a rename fails halfway", "a folder in a file's place"],
)
def test_one_failure_replaces_nothing_and_names_the_file(out: Path, spoil: object, named: str) -> None:
    staging = staging_folder(out)
    swaps = staged(out, staging, NEW)
    assert callable(spoil)
    spoil(out, swaps)
    before = published(out)
    with pytest.raises(InputError) as raised:
        replace_all(swaps, staging)
    assert [p.file.endswith(named) for p in raised.value.problems] == [True]
    assert raised.value.problems[0].rule == "PUB-001"
    assert published(out) == before
    assert not (out / "b").exists(), "a folder made for a new file was left behind"


def edited(target: Path) -> bool:
    return target.name == "one.pdf"


@pytest.mark.parametrize("force", [False, True])
def test_a_hand_edited_target_is_refused_or_kept_under_a_dated_name(out: Path, force: bool) -> None:
    staging = staging_folder(out)
    guard = Guard(edited, keep_edits=force, today=TODAY)
    if not force:
        with pytest.raises(InputError) as raised:
            replace_all(staged(out, staging, NEW), staging, guard)
        [problem] = raised.value.problems
        assert (problem.rule, problem.file.endswith("a/one.pdf")) == ("PUB-002", True)
        assert "--force to keep it as one-edited-2026-12-07.pdf" in problem.message
        assert published(out) == {"a/one.pdf": b"old one", "a/two.pdf": b"old two"}
        return
    kept = replace_all(staged(out, staging, NEW), staging, guard)
    assert kept == {out / "a" / "one.pdf": out / "a" / "one-edited-2026-12-07.pdf"}
    assert published(out) == {**NEW, "a/one-edited-2026-12-07.pdf": b"old one"}
    again = replace_all(staged(out, staging, {"a/one.pdf": b"newer"}), staging, guard)
    assert again == {out / "a" / "one.pdf": out / "a" / "one-edited-2026-12-07-2.pdf"}
    assert (out / "a" / "one-edited-2026-12-07-2.pdf").read_bytes() == b"new one"


def test_the_sweep_removes_only_what_dead_runs_and_old_versions_left(out: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / STAGING / f"{dead.pid}-abc123").mkdir(parents=True)
    (out / STAGING / f"{dead.pid}-abc123" / "x.tmp").write_bytes(b"half")
    live = staging_folder(out)  # this process's own
    (out / "a" / ".one.pdf.k3j4h5.tmp").write_bytes(b"half")  # staged beside the target by an old version
    (out / "a" / "tmpab12cd34").mkdir()
    (out / "a" / "tmpab12cd34" / "pages.pdf").write_bytes(b"pages")
    (out / "a" / "tmp-notes").mkdir()  # the user's own
    (out / "a" / ".notes.tmp").write_bytes(b"the user's own")
    removed = sweep(out, [out / "a" / "one.pdf", out / "a" / "two.pdf"])
    assert sorted(p.relative_to(out).as_posix() for p in removed) == [
        f"{STAGING}/{dead.pid}-abc123",
        "a/.one.pdf.k3j4h5.tmp",
        "a/tmpab12cd34",
    ]
    assert live.is_dir()
    assert (out / "a" / "tmp-notes").is_dir()
    assert (out / "a" / ".notes.tmp").is_file()
    assert os.getpid() == int(live.name.split("-")[0])


def test_without_hard_links_the_previous_files_are_copied_aside(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without hard links (FAT on a USB stick): the fault is injected, as this
    machine has no such file system to write to; the failure halfway is a real one."""

    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    staging = staging_folder(out)
    swaps = staged(out, staging, NEW)
    swaps[2].staged.unlink()
    with pytest.raises(InputError):
        replace_all(swaps, staging)
    assert published(out) == {"a/one.pdf": b"old one", "a/two.pdf": b"old two"}
    forced = Guard(edited, keep_edits=True, today=TODAY)
    assert replace_all(staged(out, staging, NEW), staging, forced) == {
        out / "a" / "one.pdf": out / "a" / "one-edited-2026-12-07.pdf"
    }
    assert published(out) == {**NEW, "a/one-edited-2026-12-07.pdf": b"old one"}
