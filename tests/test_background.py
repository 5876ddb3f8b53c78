"""``publish.background``: a call run in a forked child gives back what it returned or raised,
with the child's traceback for the crash log, and can be stopped."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from leafdeck.publish.background import started


def _value() -> object:
    return {"pid differs": os.getpid(), "data": [1, 2.5, "é"]}


def _fails() -> object:
    raise ValueError("a bug in the child")


def _unpicklable() -> object:
    class Local(Exception):
        pass

    raise Local("raised as a class defined in a function")


RESULTS: list[tuple[str, Callable[[], object], type[BaseException] | None, str]] = [
    # (case, work, what result() raises or None, text in the message or its notes)
    ("returns its value", _value, None, ""),
    ("raises what it raised, with the child's traceback", _fails, ValueError, "in _fails"),
    ("an exception that cannot be pickled is named", _unpicklable, RuntimeError, "Local"),
]


@pytest.mark.parametrize(("work", "raised", "said"), [r[1:] for r in RESULTS], ids=[r[0] for r in RESULTS])
def test_a_background_call_gives_back_its_outcome(
    work: Callable[[], object], raised: type[BaseException] | None, said: str
) -> None:
    pending = started(work)
    if raised is None:
        value = pending.result()
        assert isinstance(value, dict)
        assert value["data"] == [1, 2.5, "é"]
        assert value["pid differs"] != os.getpid()  # it ran in another process
        return
    with pytest.raises(raised) as caught:
        pending.result()
    assert said in str(caught.value) + "".join(getattr(caught.value, "__notes__", []))


def test_a_cancelled_call_stops_its_process(tmp_path: Path) -> None:
    flag = tmp_path / "finished"

    def slow() -> None:
        time.sleep(5)
        flag.write_text("done")

    pending = started(slow)
    child = pending.pid
    pending.cancel()
    with pytest.raises(ChildProcessError):  # reaped by cancel: it is gone
        os.waitpid(child, os.WNOHANG)
    assert not flag.exists()  # stopped before it finished
