"""Files: finding inputs, reading them (compressed or not), and writing outputs atomically."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".zst")


@dataclass(frozen=True)
class Input:
    """A file to clean: where it is, and the relative name its output gets under -o DIR."""

    path: Path
    name: str


@dataclass(frozen=True)
class Skipped:
    """A path that will not be cleaned, and why (hidden, not found, ...). ``error`` counts as one."""

    path: Path
    reason: str
    error: bool


def is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def find_inputs(paths: list[Path], globs: tuple[str, ...] = ()) -> Iterator[Input | Skipped]:
    """Expand arguments into Inputs: files as given, directories walked in sorted order.

    Inside a directory, hidden files and folders are skipped (and reported), and ``globs``, when
    given, choose files by name or relative path. Symlinks to files are followed; symlinked
    directories are not walked (a loop would never end).
    """
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                rel_root = Path(root).relative_to(path)
                for hidden in [d for d in dirs if d.startswith(".")]:
                    yield Skipped(Path(root) / hidden, "hidden directory", error=False)
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in sorted(files):
                    relative = rel_root / name
                    if name.startswith("."):
                        yield Skipped(Path(root) / name, "hidden file", error=False)
                    elif not globs or any(
                        fnmatch.fnmatch(name, g) or fnmatch.fnmatch(relative.as_posix(), g)
                        for g in globs
                    ):
                        yield Input(Path(root) / name, relative.as_posix())
        elif path.exists():
            yield Input(path, path.name)
        else:
            yield Skipped(path, "no such file or directory", error=True)


def compression_of(path: Path | str) -> str | None:
    suffix = Path(path).suffix.lower()
    return suffix if suffix in COMPRESSED_SUFFIXES else None


def decompress(data: bytes, suffix: str | None, name: str) -> bytes:
    """Undo the compression the file name announces; a corrupt stream is an InputError."""
    if suffix is None:
        return data
    try:
        if suffix == ".gz":
            import gzip

            return gzip.decompress(data)
        if suffix == ".bz2":
            import bz2

            return bz2.decompress(data)
        if suffix == ".xz":
            import lzma

            return lzma.decompress(data)
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    except Exception as error:  # each library raises its own error type
        raise InputError(f"cannot decompress ({suffix}): {error}") from None


def compress(data: bytes, suffix: str | None) -> bytes:
    if suffix is None:
        return data
    if suffix == ".gz":
        import gzip

        return gzip.compress(data, mtime=0)  # mtime=0: the same input gives the same bytes
    if suffix == ".bz2":
        import bz2

        return bz2.compress(data)
    if suffix == ".xz":
        import lzma

        return lzma.compress(data)
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


def read_input(path: Path) -> bytes:
    """The bytes of a file, decompressed by its name; OS errors become InputErrors."""
    if path.is_dir():
        raise InputError("is a directory, expected a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    return decompress(data, compression_of(path), str(path))


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    A temporary file in the same directory is written, flushed and fsynced, given the original's
    permission bits, and renamed over the original. A symlink is not replaced: the file it points
    to is rewritten, so the link stays a link.
    """
    target = path.resolve() if path.is_symlink() else path
    directory = target.parent
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cleanse-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def output_path(output_dir: Path, name: str) -> Path:
    """Where an input named ``name`` lands under ``output_dir``; never outside it."""
    root = output_dir.resolve()
    target = (root / name).resolve()
    if root != target and root not in target.parents:
        raise InputError(f"output {name!r} would land outside {output_dir}")
    return target
