"""The build pool (``serve.jobs``): at most ``workers`` builds at once, ``queue`` more waiting,
and a request beyond that is told the server is busy instead of piling up."""

from __future__ import annotations

import asyncio
import time

import pytest

from leafdeck.serve.jobs import Builds, Busy


@pytest.mark.parametrize(("workers", "queue", "requests", "busy"), [(1, 1, 3, 1), (1, 0, 2, 1), (2, 2, 4, 0)])
def test_requests_beyond_the_workers_and_the_queue_are_told_the_server_is_busy(
    workers: int, queue: int, requests: int, busy: int
) -> None:
    async def scenario() -> list[object]:
        builds = Builds(workers, queue)
        try:
            runs = [builds.run(time.sleep, 0.5) for _ in range(requests)]  # type: ignore[arg-type]
            return await asyncio.gather(*runs, return_exceptions=True)
        finally:
            builds.close()

    outcomes = asyncio.run(scenario())
    assert sum(isinstance(o, Busy) for o in outcomes) == busy
    assert sum(o is None for o in outcomes) == requests - busy
