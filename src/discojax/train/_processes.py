"""Training across processes: ``jax.distributed`` with a coordinator, one data-parallel model.

:func:`launch` starts ``N`` local Python processes of one script, each told its place through
the environment (``DISCOJAX_COORDINATOR``, ``DISCOJAX_PROCESSES``, ``DISCOJAX_PROCESS_ID``
and, to give each process forced CPU devices, ``XLA_FLAGS``). In each, :func:`join_processes`
calls ``jax.distributed.initialize`` (CPU collectives through Gloo), after which
``jax.devices()`` lists every process's devices: :func:`~discojax.train.data_mesh` over them
and ``fit(..., mesh=mesh)`` train one model, each process contracting its share of every
minibatch, the gradients all-reduced by XLA. Every process runs the same program on the same
data; only process 0 should write files (:func:`is_writer`).

A failed process ends the others (their exit codes and last lines of error are in the raised
:class:`~discojax.errors.TrainingError`), and so does ``timeout``: never a hang. On several
hosts, start the same script once per host with the three variables set by hand
(``docs/scale.md``).

>>> join_processes({}) is False  # no coordinator in the environment: one process
True
>>> is_writer()
True
"""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from discojax.errors import TrainingError

COORDINATOR = "DISCOJAX_COORDINATOR"
PROCESSES = "DISCOJAX_PROCESSES"
PROCESS_ID = "DISCOJAX_PROCESS_ID"


def join_processes(environ: Mapping[str, str] = os.environ, timeout: int = 60) -> bool:
    """Join the processes the environment names (see the module); ``False`` if it names none.

    Call it before any other JAX call. On the CPU, collectives go through Gloo.
    """
    if COORDINATOR not in environ:
        return False
    import jax

    # CPU collectives across processes (Gloo); devices of other platforms bring their own
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    jax.distributed.initialize(
        environ[COORDINATOR],
        num_processes=int(environ[PROCESSES]),
        process_id=int(environ[PROCESS_ID]),
        initialization_timeout=timeout,
    )
    return True


def is_writer() -> bool:
    """Whether this process writes files (checkpoints, logs, reports): process 0, or the only
    one.

    >>> is_writer()
    True
    """
    if COORDINATOR not in os.environ:
        return True
    import jax

    return jax.process_index() == 0


def free_port() -> int:
    """A TCP port free on this machine now, for a local coordinator.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def launch(
    argv: Sequence[str],
    processes: int,
    devices: int | None = None,
    timeout: float | None = 600.0,
    python: str = sys.executable,
    echo: TextIO | None = None,
) -> list[str]:
    """Run ``python ARGV`` as ``processes`` cooperating processes; return each one's stdout.

    Args:
        argv: the script and its arguments (the script calls :func:`join_processes` first).
        processes: how many processes.
        devices: forced CPU devices per process (``--xla_force_host_platform_device_count``).
        timeout: seconds for the whole run (``None``: no limit; a failed process still ends
            the others).
        python: the interpreter.
        echo: a stream that receives process 0's standard error line by line as it is written
            (its progress records), not only at the end.

    Raises:
        TrainingError: a process failed (the others are ended) or the run took longer than
            ``timeout``.

    >>> launch(["-c", "import sys; sys.exit(3)"], 2, timeout=60)
    Traceback (most recent call last):
    ...
    discojax.errors.TrainingError: process ... of 2 exited with 3; the others were ended
    >>> import io
    >>> stream = io.StringIO()
    >>> launch(["-c", "import sys; print('hello', file=sys.stderr)"], 2, timeout=60, echo=stream)
    ['', '']
    >>> stream.getvalue()
    'hello\\n'
    """
    env = dict(os.environ, **{COORDINATOR: f"127.0.0.1:{free_port()}", PROCESSES: str(processes)})
    if devices:
        env["XLA_FLAGS"] = f"--xla_force_host_platform_device_count={devices}"
    with tempfile.TemporaryDirectory() as folder:  # files, not pipes: a full pipe would block
        outs = [open(Path(folder) / f"{k}.out", "w+") for k in range(processes)]
        errs = [open(Path(folder) / f"{k}.err", "w+") for k in range(processes)]
        children = [
            subprocess.Popen(
                [python, *argv], env={**env, PROCESS_ID: str(k)}, stdout=out, stderr=err
            )
            for k, (out, err) in enumerate(zip(outs, errs))
        ]
        try:
            _wait(children, errs, timeout, echo)
            return [Path(out.name).read_text() for out in outs]
        finally:
            for child in children:
                if child.poll() is None:
                    child.kill()
                child.wait()
            for file in (*outs, *errs):
                file.close()


def _wait(
    children: list[subprocess.Popen], errs: list, timeout: float | None, echo: TextIO | None
) -> None:
    """Wait for every child; the first failure or the timeout ends them all (an error).
    Process 0's new lines of error go to ``echo`` as they come."""
    deadline = math.inf if timeout is None else time.monotonic() + timeout
    shown = 0  # bytes of process 0's standard error copied to echo
    while True:
        codes = [child.poll() for child in children]
        if echo is not None:
            shown = _copy_lines(Path(errs[0].name), shown, echo, everything=codes[0] is not None)
        failed = [k for k, code in enumerate(codes) if code not in (None, 0)]
        if failed:
            k = failed[0]
            tail = "\n".join(Path(errs[k].name).read_text().strip().splitlines()[-5:])
            raise TrainingError(
                f"process {k} of {len(children)} exited with {codes[k]}; the others were ended"
                + (f":\n{tail}" if tail else "")
            )
        if all(code == 0 for code in codes):
            return
        if time.monotonic() > deadline:
            raise TrainingError(
                f"{len(children)} processes did not finish in {timeout:g} s; they were ended"
            )
        time.sleep(0.05)


def _copy_lines(path: Path, start: int, stream: TextIO, everything: bool = False) -> int:
    """Copy the whole lines of ``path`` from byte ``start`` (the rest too if ``everything``)
    to ``stream``; return the byte after the last one copied.

    >>> import io, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "0.err"
    >>> _ = path.write_bytes(b"epoch 1\\nepo")
    >>> stream = io.StringIO()
    >>> _copy_lines(path, 0, stream), stream.getvalue()
    (8, 'epoch 1\\n')
    """
    with open(path, "rb") as file:
        file.seek(start)
        data = file.read()
    if not everything:
        data = data[: data.rfind(b"\n") + 1]  # a line half written waits for its end
    if data:
        stream.write(data.decode("utf-8", errors="replace"))
        stream.flush()
    return start + len(data)
