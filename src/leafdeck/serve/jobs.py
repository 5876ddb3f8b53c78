"""A bounded pool of build workers with a bounded queue.

Builds are CPU-bound and use reportlab's process-wide font registry, so each runs in a worker
process (started by ``spawn``: the server's threads and event loop are not copied), at most
``workers`` at a time. Up to ``queue`` more wait their turn; beyond that a request is told the
server is busy (HTTP 503) instead of piling up. The event loop only awaits, so pages stay quick
while packs build."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

from leafdeck.serve import pack

T = TypeVar("T")


class Busy(Exception):
    """Every worker is building and the queue is full."""


class Builds:
    """The server's build workers: ``await builds.run(pack.download, spec)``."""

    def __init__(self, workers: int, queue: int) -> None:
        self.workers = workers
        self.limit = workers + queue
        self.active = 0
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("spawn"), initializer=_ignore_ctrl_c
        )

    async def warm(self) -> None:
        """Start every worker and import the build's machinery in it (before the first request)."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self.pool, pack.warm) for _ in range(self.workers)))

    async def run(self, function: Callable[[pack.PackSpec], T], spec: pack.PackSpec) -> T:
        """``function(spec)`` in a worker, after the builds ahead of it; raises Busy when
        ``workers + queue`` builds are running or waiting already."""
        if self.active >= self.limit:
            raise Busy
        self.active += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.pool, function, spec)
        finally:
            self.active -= 1

    def close(self) -> None:
        """Stop the workers: waiting builds are cancelled, running ones finish first."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def _ignore_ctrl_c() -> None:
    """In a worker: leave Ctrl-C to the server, which stops the pool (a terminal sends it to every
    process of the group; a worker would otherwise print a traceback of its own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
