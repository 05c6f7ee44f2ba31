"""`cancu serve`: the web site and its API on a production WSGI server (waitress)."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import socket
import sys
import time
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `serve` verb to the `cancu` command line."""
    p = subparsers.add_parser(
        "serve", help="chạy trang web và API (waitress) / serve the web UI and API",
        description="Chạy trang tra cứu, trợ lý soạn thảo và API JSON trên waitress. "
                    "Lần đầu tự dựng kho tri thức mặc định. Serve the site and /api/.")
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="cổng (mặc định 5000; 0 = cổng trống)")
    p.add_argument("--kb", metavar="DIR", help="thư mục kho tri thức (mặc định $CANCU_HOME)")
    p.add_argument("--threads", type=int, default=8, help="số luồng mỗi tiến trình (mặc định 8)")
    p.add_argument("--workers", type=int, default=None,
                   help="số tiến trình phục vụ (mặc định: số lõi CPU, tối đa 4; là 1 khi bật "
                        "CANCU_WRITE_TOKEN) / worker processes")
    p.set_defaults(func=run)


def default_workers() -> int:
    """One process per core, at most 4. Python threads share one interpreter lock, so on a
    multi-core machine only processes make search and suggest run in parallel. With HTTP
    writes enabled a single process is used, so every request sees the KB it just changed."""
    if os.environ.get("CANCU_WRITE_TOKEN"):
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def warm(backend: Any, *, quiet: bool = False, drafting: bool = True) -> None:
    """Build the search index and the drafting indexes before the first visitor, so no
    request waits for them. A failure here is logged; the site still starts. Without
    `drafting`, the in-memory caches of lookups and suggestions are left to the process
    that serves (a parent that forks workers only writes the on-disk indexes)."""
    started = time.perf_counter()
    try:
        backend.search_index()
        if drafting:
            backend.warm_drafting()
        backend.suggest("ứng dụng công nghệ thông tin", k=1)
        backend.lint("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.")
        backend.stats()
    except Exception:  # noqa: BLE001 - warming is an optimisation
        logging.getLogger("cancu.webui").exception("warming the indexes failed")
    if not quiet:
        print(f"Đã chuẩn bị chỉ mục trong {time.perf_counter() - started:.1f} s", file=sys.stderr,
              flush=True)


def run(args: argparse.Namespace) -> int:
    """Open (or build) the KB and warm the indexes once, then serve until interrupted:
    in this process, or in `--workers` processes that share one listening socket."""
    from cancu.config import kb_dir
    from cancu.webui.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    directory = kb_dir(args.kb)
    print(f"Kho tri thức: {directory} (lần đầu sẽ dựng từ dữ liệu đi kèm)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    app = create_app(directory)
    print(f"Đã mở kho trong {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    workers = args.workers if args.workers is not None else default_workers()
    # Warming writes the on-disk indexes, so workers started afterwards only open them.
    warm(app.extensions["cancu"], drafting=workers <= 1)
    sock = socket.create_server((args.host, args.port), family=_family(args.host), backlog=1024)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    print(f"cancu đang chạy tại http://{shown}:{port}/  ({workers} tiến trình × {args.threads} luồng; "
          "Ctrl+C để dừng)", flush=True)
    if workers <= 1:
        return _serve(app, sock, args.threads)
    del app  # each worker opens its own KB: nothing is shared between processes but the socket
    return _supervise(sock, workers, lambda: _serve(create_app(directory), sock, args.threads, quiet=True))


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _serve(app: Any, sock: socket.socket, threads: int, *, quiet: bool = False) -> int:
    from waitress.server import create_server

    limits = app.extensions["cancu_limits"]
    if quiet:
        # Workers open the KB and warm their in-memory caches silently.
        warm(app.extensions["cancu"], quiet=True)
    # The KB and the warmed indexes are ~280,000 long-lived objects: a full cyclic-GC pass
    # over them held the GIL for ~0.1 s now and then under load (a p99 spike for every
    # request in flight). Freezing moves them out of the collector's sight; what requests
    # allocate is still collected as before. Not when writes are enabled: an ingest
    # replaces the KB's objects, and frozen cycles would never be freed.
    if not app.config.get("CANCU_WRITE_TOKEN"):
        gc.collect()
        gc.freeze()
    server: Any = create_server(
        app, sockets=[sock], threads=max(1, threads),
        max_request_header_size=limits.max_header_bytes,
        max_request_body_size=limits.max_body_bytes + 64 * 1024,
        channel_timeout=60, ident="cancu")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def _supervise(sock: socket.socket, workers: int, serve: Any) -> int:
    """Fork `workers` children that serve `sock`; restart one that dies; stop all on
    SIGINT/SIGTERM."""
    children: set[int] = set()
    stopping = False

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:  # child
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = 1
            try:
                code = serve()
            finally:
                os._exit(code)
        children.add(pid)

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for _ in range(workers):
        spawn()
    while children:
        try:
            pid, _status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:  # pragma: no cover - PEP 475 retries, kept for clarity
            continue
        children.discard(pid)
        if not stopping:
            logging.getLogger("cancu.webui").error("worker %s exited; starting another", pid)
            spawn()
    sock.close()
    return 0
