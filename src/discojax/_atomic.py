"""Replacing a file atomically: every file a run leaves is either the old one or the new one.

:func:`write_atomically` writes the bytes to a temporary file beside the target, named after
the writing process (``NAME.<pid>.<random>.tmp``), flushes it to disk and renames it into place
(``os.replace``: atomic on POSIX), so a process killed at any moment leaves the previous file
or the new one, never half of one. A kill during the write leaves its temporary file; the next
write of the same name removes those of writers no longer alive
(:func:`remove_stale_temporaries`). Checkpoints, the supertagger's weights, each seed's
``summary.json`` and the reports and figures of a results folder are all written through it.

>>> import tempfile
>>> target = Path(tempfile.mkdtemp()) / "summary.json"
>>> write_atomically(target, b'{"seed": 0}')
>>> target.read_bytes(), [p.name for p in target.parent.iterdir()]
(b'{"seed": 0}', ['summary.json'])
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, data: bytes) -> None:
    """Replace ``path`` by ``data``: a temporary file named after this process, flushed,
    renamed; first remove the temporaries that killed writes of ``path`` left.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "report.md"
    >>> write_atomically(target, b"old"); write_atomically(target, b"new")
    >>> target.read_text(), oct(target.stat().st_mode & 0o777)
    ('new', '0o644')
    """
    path = Path(path)
    remove_stale_temporaries(path.parent, path.name)  # left by killed writes: they would pile up
    prefix = f"{path.name}.{os.getpid()}."  # the writer's id: a dead one's file is stale
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); keep the replaced file's mode, else 0644
        os.fchmod(fd, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with open(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before the rename, not only in the cache
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this host (another user's counts too).

    >>> alive(os.getpid()), alive(999_999_999), alive(10**30)
    (True, False, False)
    """
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; no such number
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: str | Path, name: str) -> list[Path]:
    """Delete the temporary files of writes of ``folder/name`` that were killed; return them.

    A write goes to ``NAME.<pid>.<random>.tmp`` first; a process killed during it (``kill -9``,
    a power cut) leaves that file behind, and one more for every such kill. Those of processes
    no longer running here (or from versions that did not name the writer) are removed; a
    running writer's, in the middle of its write, is kept.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "checkpoint.safetensors.999999999.ab12.tmp").write_bytes(b"half")
    >>> removed = remove_stale_temporaries(folder, "checkpoint.safetensors")
    >>> [p.name for p in removed], list(folder.iterdir())
    (['checkpoint.safetensors.999999999.ab12.tmp'], [])
    """
    removed = []
    for path in sorted(Path(folder).glob(f"{name}.*.tmp")):
        writer = path.name[len(name) + 1 :].split(".")[0]
        if writer.isdigit() and alive(int(writer)):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed
