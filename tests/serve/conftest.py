"""Fixtures every serve test module shares: one running `leafdeck serve` per module, and a client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.serve.server import Client, Served, serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A real `leafdeck serve` with one build worker, started once for the test module."""
    with serving(tmp_path_factory.mktemp("serve"), "--jobs", "1") as server:
        yield server


@pytest.fixture
def client(served: Served) -> Client:
    return Client(served.url)
