"""Known data sets: where to find them locally, and where to download them (with checksums).

:func:`locate` looks for a data set's folder, in order: the ``data_dir`` argument, the
``DISCOJAX_DATA`` environment variable, ``../shared/data`` and ``./data`` from the working
directory. :func:`download` fetches the files from their published source into a cache folder
and checks each file's SHA-256; it is never called by the tests.

>>> sorted(DATASETS)
['gs2011', 'gs2012', 'mc', 'ml2008', 'relpron', 'rp']
>>> DATASETS["mc"].files["train.txt"].sha256[:12]
'a6bbd09b3f50'
"""

from __future__ import annotations

import hashlib
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from discojax.errors import DataError

_LAMBEQ = "https://raw.githubusercontent.com/CQCL/lambeq-docs/main/docs/examples/datasets/"
_DMS = (
    "https://raw.githubusercontent.com/gijswijnholds/lexical-ambiguity-dms/master/code/evaluation/"
)

# RELPRON (Rimell et al. 2016) as the TCSfromDMRS repository keeps it, at a fixed commit.
_TCS = (
    "https://raw.githubusercontent.com/aaronlolo326/TCSfromDMRS/"
    "442d6dd6618909f73b8da1183589cbf4b56c56ae/eval_data_sets/relpron/"
)


@dataclass(frozen=True)
class RemoteFile:
    """A data file's download address and checksum."""

    url: str
    sha256: str


@dataclass(frozen=True)
class Dataset:
    """A data set: its folder name and files."""

    name: str
    files: dict[str, RemoteFile]


DATASETS = {
    "mc": Dataset("mc", {
        "train.txt": RemoteFile(_LAMBEQ + "mc_train_data.txt", "a6bbd09b3f50e7db667f1ab7678b5b2dd3ee5ed82d5a5f76da05658c3e6112e9"),
        "dev.txt": RemoteFile(_LAMBEQ + "mc_dev_data.txt", "1a81ff2b8459d83dc4a9a46f72085d8aadac8b3c3d15402c7a6fdd43048fd0b1"),
        "test.txt": RemoteFile(_LAMBEQ + "mc_test_data.txt", "39dc1762a06631ed7c0fa5abc933adbf646590b13f92af3abde7f632e7fdbb41"),
    }),
    "rp": Dataset("rp", {
        "train.txt": RemoteFile(_LAMBEQ + "rp_train_data.txt", "c5d45b0e9e278b2e054c44e6003ad9caa63effe597f033533300d569b07dccbd"),
        "test.txt": RemoteFile(_LAMBEQ + "rp_test_data.txt", "6bd4dabdd7b87bee54be8429e2e52cbd0f01a0f516ca69fad2aaa146e4c34985"),
    }),
    "ml2008": Dataset("ml2008", {
        "ML2008.txt": RemoteFile(_DMS + "ML2008.txt", "37cdf7e426dd8337caf4931c5d8ceba79a75614d0c881ed1e81944eb7b71f553"),
        "ML2008_sentences.csv": RemoteFile(_DMS + "ML2008_sentences.csv", "e7cdf372b468b55581e3599b906a3a72620ef117770b809da50db1b3a39e7cdf"),
    }),
    "gs2011": Dataset("gs2011", {
        "GS2011data.txt": RemoteFile(_DMS + "GS2011data.txt", "e733f60f0a10d9bd6feabe76470445f8baf2aa2c07e804eac9ea26cf8537e961"),
        "GS2011_sentences.csv": RemoteFile(_DMS + "GS2011_sentences.csv", "f5cdb56fe6ea619ed21e618de7947ff191599d198d205db249f8eb269813c897"),
    }),
    "gs2012": Dataset("gs2012", {
        "GS2012data.txt": RemoteFile(_DMS + "GS2012data.txt", "9d23eec088c7df3eddae72beebb492fe35eb01aeb06b70f2f753acb4dfe76c0f"),
        "GS2012_sentences.csv": RemoteFile(_DMS + "GS2012_sentences.csv", "562cf3ca79ff3a9874220a28525a8c62f0b486a1da89f1125ca11c6fbf1df73f"),
    }),
    "relpron": Dataset("relpron", {
        "relpron.dev": RemoteFile(_TCS + "relpron.dev", "ad5bb6b1666967f59d869e4d18b19f8c164c71e95ad1aa5c0facbdc092738102"),
        "relpron.test": RemoteFile(_TCS + "relpron.test", "3a336fb039593371fa7ead73ebdc3e42614f39b6dfa7aa162a0ad0ede6a0aed8"),
    }),
}  # fmt: skip


def candidate_dirs(data_dir: str | Path | None = None) -> list[Path]:
    """Folders searched for data sets, in order.

    >>> candidate_dirs("/data")[0]
    PosixPath('/data')
    """
    dirs = [Path(data_dir)] if data_dir else []
    if os.environ.get("DISCOJAX_DATA"):
        dirs.append(Path(os.environ["DISCOJAX_DATA"]))
    dirs += [Path("../shared/data"), Path("data")]
    return dirs


def locate(name: str, data_dir: str | Path | None = None) -> Path:
    """The folder holding data set ``name``, searched in :func:`candidate_dirs`.

    Raises:
        DataError: not found anywhere (the message lists where it looked and how to download).

    >>> locate("imdb")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: unknown data set 'imdb'; known: gs2011, gs2012, mc, ml2008, relpron, rp
    """
    if name not in DATASETS:
        raise DataError(f"unknown data set {name!r}; known: {', '.join(sorted(DATASETS))}")
    dirs = candidate_dirs(data_dir)
    for base in dirs:
        folder = base / name
        if all((folder / f).is_file() for f in DATASETS[name].files):
            return folder
    looked = ", ".join(str(d) for d in dirs)
    raise DataError(
        f"data set {name!r} not found in {looked}; set DISCOJAX_DATA or call "
        f"discojax.data.download({name!r})"
    )


def sha256(path: str | Path) -> str:
    """The SHA-256 of a file, in hex.

    >>> import tempfile
    >>> f = tempfile.NamedTemporaryFile(delete=False); _ = f.write(b"abc"); f.close()
    >>> sha256(f.name)[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def download(name: str, cache_dir: str | Path | None = None) -> Path:  # pragma: no cover
    """Download data set ``name`` into ``cache_dir`` (``~/.cache/discojax``), checking sums.

    Raises:
        DataError: an unknown data set, a folder that cannot be made, a download that fails
            (the network, the server), or a file whose checksum differs from the published one
            (it is deleted).
    """
    if name not in DATASETS:
        raise DataError(f"unknown data set {name!r}; known: {', '.join(sorted(DATASETS))}")
    root = Path(cache_dir or Path.home() / ".cache" / "discojax")
    folder = root / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DataError(f"cannot create the folder: {err.strerror}", str(folder)) from None
    for filename, remote in DATASETS[name].files.items():
        target = folder / filename
        if target.is_file() and sha256(target) == remote.sha256:
            continue
        partial = target.with_suffix(target.suffix + ".part")
        try:
            urllib.request.urlretrieve(remote.url, partial)
        except OSError as err:  # URLError and HTTPError are OSErrors
            partial.unlink(missing_ok=True)
            reason = getattr(err, "reason", None) or err.strerror or err
            raise DataError(f"cannot download {remote.url}: {reason}", str(target)) from None
        if sha256(partial) != remote.sha256:
            partial.unlink()
            raise DataError(f"checksum mismatch for {remote.url}", str(target))
        partial.replace(target)
    return folder
