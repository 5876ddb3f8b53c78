"""Work done in a forked process while this one goes on: ``started(work)`` forks, the child runs
``work()`` and sends back what it returned (or raised), and ``result()`` waits for it.

The check uses it for its fit prediction: planning the fixed-size products and laying out those
not in the fit cache takes a core of its own while the check's rules run here (on the 2-core
machines the benchmarks run on, a warm ``leafdeck check`` takes about a sixth less time; its CPU
time is the same). Where processes cannot be forked, ``work`` runs at once, here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from multiprocessing import get_all_start_methods
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """A call under way in a forked child (or done already, here)."""

    def __init__(self, pid: int = 0, reading: int = -1, done: tuple[bool, object] | None = None) -> None:
        self._pid, self._reading, self._done = pid, reading, done

    @property
    def pid(self) -> int:
        """The child's process id; 0 once it has ended and been waited for, or when run here."""
        return self._pid

    def result(self) -> T:
        """What the call returned; raises what it raised (a bug in leafdeck), or RuntimeError when
        the child ended without saying (it was killed)."""
        if self._done is None:
            self._done = self._received()
        returned, value = self._done
        if not returned:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child and whatever it started (its own process group); ``result`` must not
        be asked for afterwards."""
        if self._pid:
            with contextlib.suppress(OSError):  # ended already
                os.killpg(self._pid, signal.SIGTERM)
            self._reaped()

    def _received(self) -> tuple[bool, object]:
        with os.fdopen(self._reading, "rb") as pipe:
            data = pipe.read()
        self._reaped()
        if not data:
            return False, RuntimeError("the fit prediction's process ended without a result")
        said: tuple[bool, object] = pickle.loads(data)
        return said

    def _reaped(self) -> None:
        pid, self._pid = self._pid, 0
        if pid:
            os.waitpid(pid, 0)


def started(work: Callable[[], T]) -> Background[T]:
    """``work()`` begun in a forked child (its own process group, Ctrl-C left to this process);
    without ``fork`` or a second core, run here at once."""
    if "fork" not in get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return Background(done=_outcome(work))
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reading)
        _child(work, writing)
    os.close(writing)
    with contextlib.suppress(OSError):  # as the child does: whichever runs first (or it has ended)
        os.setpgid(pid, pid)
    return Background(pid, reading)


def _child(work: Callable[[], object], writing: int) -> None:
    """Run ``work`` and send its outcome, then end without running this process's exit handlers
    (they belong to the parent)."""
    code = 0
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        outcome = _outcome(work)
        try:
            data = pickle.dumps(outcome)
        except Exception as exc:  # an exception that cannot be pickled: say what it was
            data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]} ({exc})")))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _outcome(work: Callable[[], object]) -> tuple[bool, object]:
    """(True, what ``work`` returned) or (False, what it raised)."""
    try:
        return True, work()
    except Exception as exc:
        exc.add_note("".join(traceback.format_exception(exc)).rstrip())  # the child's traceback, for the crash log
        return False, exc
