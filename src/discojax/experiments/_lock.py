"""One run at a time in an experiment's folder: an exclusive lock file, stale ones taken over.

Two runs writing into the same ``OUT/<name>/`` would interleave their ``metrics.jsonl`` lines
and checkpoints. :func:`folder_lock` creates ``OUT/<name>/.lock`` with ``O_CREAT | O_EXCL``
(atomic: of two processes, exactly one creates it), writes its process id and host into it,
and removes it when the run ends, by an error too. A second run finds the file and raises
:class:`~discojax.errors.FolderLockedError` naming the process that holds it. A lock left by a
process that died (``kill -9``: no chance to remove it) is stale: when its process id names no
live process on this host, the lock is taken over.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with folder_lock(folder):
...     with folder_lock(folder):
...         pass
Traceback (most recent call last):
...
discojax.errors.FolderLockedError: /.../.lock: another discojax run (process ... on ...) is ...
>>> with folder_lock(folder):  # released when the first run ended
...     pass
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from discojax.errors import FolderLockedError

LOCK = ".lock"


def _holder(lock: Path) -> tuple[int | None, str]:
    """The process id and host written in ``lock`` (``None``: unreadable, being written)."""
    try:
        pid, _, host = lock.read_text(encoding="utf-8").strip().partition(" ")
        return int(pid), host
    except (OSError, ValueError):
        return None, ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True


@contextlib.contextmanager
def folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold ``folder``'s lock for the duration of the ``with`` block (see the module).

    Args:
        folder: the experiment's folder (it must exist).

    Raises:
        FolderLockedError: a live process holds the lock (its id and host in the message), or
            the folder is not writable.
    """
    lock = Path(folder) / LOCK
    me = f"{os.getpid()} {socket.gethostname()}\n"
    for attempt in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            pid, host = _holder(lock)
            stale = pid is not None and host == socket.gethostname() and not _alive(pid)
            if stale and attempt == 0:
                lock.unlink(missing_ok=True)
                continue
            who = f"process {pid} on {host}" if pid is not None else "a process"
            raise FolderLockedError(
                f"another discojax run ({who}) is writing into this folder: wait for it to "
                f"finish, use another --out, or delete {lock} if no such run is alive",
                str(lock),
            ) from None
        except OSError as err:
            raise FolderLockedError(f"cannot create a lock: {err.strerror}", str(lock)) from None
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(me)
        break
    try:
        yield lock
    finally:
        with contextlib.suppress(OSError):
            if lock.read_text(encoding="utf-8") == me:
                lock.unlink()
