"""Ctrl-C and SIGTERM during a run: a flag checked where stopping is safe.

Raising from inside a signal handler could leave a lock of the process pool
held, so the handler only sets a flag; the run checks it between documents
and stops with `Interrupted`, leaving the output folder as it was.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class Interrupted(BaseException):
    """SIGTERM (or Ctrl-C) arrived: the run stops and its outputs are discarded."""


_STOP = threading.Event()


def check_stop() -> None:
    """Raise Interrupted at a safe point once Ctrl-C or SIGTERM has arrived."""
    if _STOP.is_set():
        raise Interrupted("interrupted")


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Ctrl-C and SIGTERM set a flag that the run acts on between documents.

    Raising from inside a signal handler could leave a lock of the process
    pool held; a flag is checked where stopping is safe. A second signal
    stops at once.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        if _STOP.is_set():
            raise KeyboardInterrupt
        _STOP.set()

    _STOP.clear()
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old_handler in previous.items():
            signal.signal(sig, old_handler)
        _STOP.clear()
