"""Persistence of the knowledge base in its directory: one gzip JSON file, written atomically,
guarded by a lock, read with clear errors.

Why these choices:
* gzip JSON, not pickle: a KB file may come from another machine or an older version;
  JSON cannot run code when loaded and stays readable with standard tools.
* Atomic save: the new state is written to a temporary file in the same directory,
  flushed and fsync'ed, then `os.replace`d over the old file (and the directory is
  fsync'ed). A crash at any moment leaves either the complete old file or the complete
  new one, never a mix.
* A lock (`fcntl.flock` on `kb.lock`): two `cancu ingest` at once would each load, change
  and save, and the second save would silently drop the first one's work. The kernel
  drops the lock when its holder dies, so a killed ingest never leaves a stale lock.
* A corrupt or truncated file is reported with the way to rebuild, never a traceback.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

KB_FILE = "kb.json.gz"
LOCK_FILE = "kb.lock"
FORMAT = "cancu-kb"
SCHEMA = 1
_TMP_PREFIX = ".kb-"
_TMP_SUFFIX = ".tmp"


class KBError(Exception):
    """A problem with the knowledge base a user can act on; `str()` is the message to show
    (Vietnamese first, then English)."""


class KBLockedError(KBError):
    pass


class KBCorruptError(KBError):
    pass


def kb_file(directory: Path) -> Path:
    return Path(directory) / KB_FILE


def rebuild_hint(directory: Path) -> str:
    return (
        f"Dựng lại kho: cancu ingest --rebuild --kb {directory}  (hoặc xóa thư mục {directory}).\n"
        f"To rebuild: cancu ingest --rebuild --kb {directory}  (or delete the directory)."
    )


def read_state(directory: Path) -> tuple[dict[str, Any] | None, float]:
    """The saved state and the seconds it took to read, or (None, 0) if there is no KB yet.
    Raises `KBCorruptError` for anything that is not a complete KB file of a known schema."""
    path = kb_file(directory)
    if not path.exists():
        return None, 0.0
    started = time.perf_counter()
    try:
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
        state = json.loads(raw.decode("utf-8"))
    except (EOFError, gzip.BadGzipFile, zlib.error, UnicodeDecodeError, json.JSONDecodeError, OSError) as exc:
        raise KBCorruptError(
            f"Kho tri thức bị hỏng hoặc bị cắt cụt, không đọc được: {path} ({type(exc).__name__}: {exc}).\n"
            f"The knowledge base file is corrupt or truncated.\n{rebuild_hint(Path(directory))}"
        ) from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise KBCorruptError(
            f"Tệp {path} không phải kho tri thức của cancu.\n"
            f"{path} is not a cancu knowledge base.\n{rebuild_hint(Path(directory))}"
        )
    if state.get("schema") != SCHEMA:
        raise KBCorruptError(
            f"Kho tri thức {path} có phiên bản định dạng {state.get('schema')!r}, bản cancu này đọc {SCHEMA}.\n"
            f"Unsupported knowledge-base schema.\n{rebuild_hint(Path(directory))}"
        )
    return state, time.perf_counter() - started


def write_state(directory: Path, state: dict[str, Any], *, compresslevel: int = 6) -> float:
    """Write `state` atomically; return the seconds it took."""
    started = time.perf_counter()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    state = {"format": FORMAT, "schema": SCHEMA, **state}
    payload = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX, dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            # mtime=0: equal states give equal bytes, which keeps diffs and tests honest.
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=compresslevel, mtime=0) as gz:
                gz.write(payload)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, kb_file(directory))
        _fsync_dir(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return time.perf_counter() - started


def remove_stale_temp_files(directory: Path) -> int:
    """Temporary files left by a save that was killed. Call only while holding the lock."""
    removed = 0
    for tmp in Path(directory).glob(f"{_TMP_PREFIX}*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def kb_lock(directory: Path, *, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the KB's write lock for the `with` block. Waits up to `wait_s`, then raises
    `KBLockedError` naming the process that holds it."""
    import fcntl

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOCK_FILE
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - closed in finally
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "?"
                    raise KBLockedError(
                        f"Kho tri thức {directory} đang được cập nhật bởi một tiến trình khác "
                        f"(pid {holder}); hãy chờ tiến trình đó xong rồi chạy lại.\n"
                        f"The knowledge base is being updated by another process (pid {holder}); "
                        "wait for it to finish and run the command again."
                    ) from None
                time.sleep(0.05)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        remove_stale_temp_files(directory)
        yield
    finally:
        with contextlib.suppress(OSError):
            fh.seek(0)
            fh.truncate()
        fh.close()  # closing the descriptor releases the flock
