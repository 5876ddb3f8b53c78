"""The manifest decides what is up to date."""

from __future__ import annotations

import os
from pathlib import Path

from leafdeck.publish.manifest import Manifest, digest


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
