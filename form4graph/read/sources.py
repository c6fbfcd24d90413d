"""Finding inputs: files, folders (recursive), ``.zip`` and ``.gz`` archives, and standard input.

Yields :class:`Input` values (a source name and its bytes) or :class:`InputError` for what could not
be opened. Reading never stops at a bad file: the error is yielded and the walk goes on.
"""

from __future__ import annotations

import gzip
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from form4graph.errors import InputError, InputTooLargeError

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Largest single input (a file, an archive member, standard input) that is read: 50 MiB.
The largest real Form 4 submissions are a few MB; anything bigger is refused with an error."""

FILING_SUFFIXES = frozenset({".xml", ".txt", ".nc", ".htm", ".html"})
ARCHIVE_SUFFIXES = frozenset({".zip", ".gz"})
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """The bytes of one candidate filing. ``explicit`` is true when the user named it directly (not
    found by walking a folder or archive); ``path`` is the file on disk when there is one."""

    source: str
    data: bytes
    explicit: bool
    path: Path | None = None


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Input | InputError]:
    for raw in paths:
        if str(raw) == STDIN:
            yield _read_stream(sys.stdin.buffer, "<stdin>", explicit=True)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _is_candidate(child):
                    yield from _iter_file(child, explicit=False)
        elif path.exists():
            yield from _iter_file(path, explicit=True)
        else:
            yield InputError(str(path), "no such file or folder")


def _is_candidate(path: Path) -> bool:
    if any(part.startswith(".") for part in path.parts[-1:]):
        return False
    suffix = path.suffix.lower()
    return suffix in FILING_SUFFIXES or suffix in ARCHIVE_SUFFIXES


def _iter_file(path: Path, *, explicit: bool) -> Iterator[Input | InputError]:
    suffix = path.suffix.lower()
    source = str(path)
    try:
        size = path.stat().st_size
        if suffix == ".zip":
            yield from _iter_zip(path)
            return
        if suffix != ".gz" and size > MAX_INPUT_BYTES:
            yield InputTooLargeError(source, f"file is {size:,} bytes; the limit is {MAX_INPUT_BYTES:,}")
            return
        with path.open("rb") as handle:
            if suffix == ".gz":
                yield _read_stream(gzip.GzipFile(fileobj=handle), source, explicit=explicit, path=path)
            else:
                yield _read_stream(handle, source, explicit=explicit, path=path)
    except zipfile.BadZipFile as exc:
        yield InputError(source, f"not a readable zip archive ({exc})")
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputError(source, f"could not be read ({exc})")


def _read_stream(stream: IO[bytes] | gzip.GzipFile, source: str, *,
                 explicit: bool, path: Path | None = None) -> Input | InputError:
    try:
        data = stream.read(MAX_INPUT_BYTES + 1)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return InputError(source, f"could not be read ({exc})")
    if len(data) > MAX_INPUT_BYTES:
        return InputTooLargeError(source, f"more than {MAX_INPUT_BYTES:,} bytes; refused")
    return Input(source=source, data=data, explicit=explicit, path=path)


def _iter_zip(path: Path) -> Iterator[Input | InputError]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            member = Path(info.filename)
            source = f"{path}!{info.filename}"
            if member.suffix.lower() not in FILING_SUFFIXES:
                continue
            if info.file_size > MAX_INPUT_BYTES:
                yield InputTooLargeError(source, f"member is {info.file_size:,} bytes; the limit is {MAX_INPUT_BYTES:,}")
                continue
            try:
                with archive.open(info) as handle:
                    yield _read_stream(handle, source, explicit=False)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                yield InputError(source, f"could not be read from the archive ({exc})")
