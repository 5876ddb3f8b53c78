"""The manifest decides what is up to date."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leafdeck.publish.manifest import Manifest, digest, package_fingerprint


def test_fresh_only_with_same_inputs_and_untouched_file(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"pdf")
    manifest = Manifest(tmp_path / "manifest.json")
    manifest.record("k", "h1", target)
    assert manifest.fresh("k", "h1", target)
    assert not manifest.fresh("k", "h2", target)
    assert not manifest.fresh("other", "h1", target)
    target.write_bytes(b"edited by hand")
    assert not manifest.fresh("k", "h1", target)
    target.unlink()
    assert not manifest.fresh("k", "h1", target)


def test_save_merges_with_what_another_shard_wrote(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    (tmp_path / "a").write_bytes(b"a")
    (tmp_path / "b").write_bytes(b"b")
    first, second = Manifest.load(path), Manifest.load(path)
    first.record("a", "1", tmp_path / "a")
    second.record("b", "2", tmp_path / "b")
    first.save()
    second.save()
    assert {key for key in Manifest.load(path).entries if not key.startswith("#")} == {"a", "b"}


def test_unreadable_manifest_means_rebuild_everything(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text("{not json")
    assert Manifest.load(path).entries == {}


def test_digest_depends_on_every_part_and_order() -> None:
    assert digest("a", "b") != digest("b", "a")
    assert digest("a", "b") == digest("a", "b")
    assert os.environ.get("LEAFDECK_UNSET") is None


def _recorded(tmp_path: Path) -> tuple[Manifest, Path]:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"as leafdeck wrote it")
    manifest = Manifest(tmp_path / "manifest.json")
    manifest.record("k", "h", target)
    return manifest, target


def _edit(target: Path) -> None:
    target.write_bytes(b"as someone edited it")


def _touch(target: Path) -> None:
    os.utime(target, (1, 1))


def _same_size_edit(target: Path) -> None:
    target.write_bytes(b"AS LEAFDECK WROTE IT")


@pytest.mark.parametrize(
    ("change", "changed"),
    [(None, False), (_edit, True), (_touch, False), (_same_size_edit, True), (Path.unlink, False)],
    ids=["untouched", "edited", "touched only", "edited, same size", "deleted"],
)
def test_changed_tells_a_hand_edit_by_the_bytes(tmp_path: Path, change: object, changed: bool) -> None:
    manifest, target = _recorded(tmp_path)
    if callable(change):
        change(target)
    assert manifest.changed(target) is changed
    manifest.save()
    assert Manifest.load(manifest.path).changed(target) is changed


def test_changed_without_a_record_cannot_tell(tmp_path: Path) -> None:
    target = tmp_path / "unknown.pdf"
    target.write_bytes(b"someone's")
    assert not Manifest(tmp_path / "manifest.json").changed(target)


def test_save_never_puts_back_a_stale_entry(tmp_path: Path) -> None:
    """Two builds load the manifest; the first rebuilds ``a``, the second only ``b``: ``a`` stays new."""
    path = tmp_path / "manifest.json"
    for name in ("a", "b"):
        (tmp_path / name).write_bytes(name.encode())
    start = Manifest.load(path)
    start.record("a", "old", tmp_path / "a")
    start.save()
    first, second = Manifest.load(path), Manifest.load(path)
    first.record("a", "new", tmp_path / "a")
    second.record("b", "2", tmp_path / "b")
    first.save()
    second.save()
    assert Manifest.load(path).entries["a"]["inputs"] == "new"


def test_a_file_about_to_be_published_is_known_as_leafdecks(tmp_path: Path) -> None:
    """A build killed after ``expect`` and before ``record``: the new file is not a hand edit."""
    manifest, target = _recorded(tmp_path)
    staged = tmp_path / "staged.pptx"
    staged.write_bytes(b"the next version")
    manifest.expect(target, staged)
    manifest.save()
    staged.replace(target)
    assert not Manifest.load(manifest.path).changed(target)
    _edit(target)
    assert Manifest.load(manifest.path).changed(target)


def test_an_output_made_by_other_leafdeck_code_is_not_up_to_date(tmp_path: Path) -> None:
    """An edit to leafdeck's own files (a ``git pull`` without a new version number) changes the
    fingerprint every output's key mixes in; byte caches do not."""

    package = tmp_path / "leafdeck"
    (package / "render" / "__pycache__").mkdir(parents=True)
    module = package / "render" / "talk.py"
    module.write_text("SLIDES = 20\n")
    before = package_fingerprint(package, "0.1.0")
    (package / "render" / "__pycache__" / "talk.cpython-311.pyc").write_bytes(b"\0" * 9)
    assert package_fingerprint(package, "0.1.0") == before
    module.write_text("SLIDES = 19\n")
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed = package_fingerprint(package, "0.1.0")
    assert changed != before
    assert package_fingerprint(package, "0.2.0") != changed
