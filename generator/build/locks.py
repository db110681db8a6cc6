"""Advisory file locks, waited for with a deadline: a process that holds one for good delays others, never
hangs them."""
from __future__ import annotations

import errno
import fcntl
import time
from typing import IO, Callable

POLL = 0.02  # seconds between tries while another process holds the lock


def acquire(handle: IO, kind: int, seconds: float, record: bool = False,
            waiting: Callable[[], None] | None = None) -> bool:
    """Take the lock ``kind`` (``fcntl.LOCK_SH`` or ``LOCK_EX``) on the open file ``handle``, trying for at most
    ``seconds``; False when another process held it all that time.  ``record``: a POSIX record lock (lockf),
    which a process forked meanwhile does not inherit, instead of flock, which it does.  ``waiting()`` is
    called once, when the lock is found held."""
    take = fcntl.lockf if record else fcntl.flock
    deadline, told = time.monotonic() + seconds, False
    while True:
        try:
            take(handle, kind | fcntl.LOCK_NB)
            return True
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):  # (those two: held by another process)
                raise
        if not told and waiting is not None:
            waiting()
            told = True
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL)
