"""`cancu serve`: the web site and its API on a production WSGI server (waitress)."""

from __future__ import annotations

import argparse
import logging
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
    p.add_argument("--threads", type=int, default=8, help="số luồng phục vụ (mặc định 8)")
    p.set_defaults(func=run)


def warm(backend: Any) -> None:
    """Build the search index and the drafting indexes before the first visitor, so no
    request waits for them. A failure here is logged; the site still starts."""
    started = time.perf_counter()
    try:
        backend.search_index()
        backend.suggest("ứng dụng công nghệ thông tin", k=1)
        backend.lint("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.")
        backend.stats()
    except Exception:  # noqa: BLE001 - warming is an optimisation
        logging.getLogger("cancu.webui").exception("warming the indexes failed")
    print(f"Đã chuẩn bị chỉ mục trong {time.perf_counter() - started:.1f} s", file=sys.stderr,
          flush=True)


def run(args: argparse.Namespace) -> int:
    """Open (or build) the KB, then serve until interrupted."""
    from waitress.server import create_server

    from cancu.config import kb_dir
    from cancu.webui.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    directory = kb_dir(args.kb)
    print(f"Kho tri thức: {directory} (lần đầu sẽ dựng từ dữ liệu đi kèm)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    app = create_app(directory)
    limits = app.extensions["cancu_limits"]
    print(f"Đã mở kho trong {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    warm(app.extensions["cancu"])
    server: Any = create_server(
        app, host=args.host, port=args.port, threads=max(1, args.threads),
        max_request_header_size=limits.max_header_bytes,
        max_request_body_size=limits.max_body_bytes + 64 * 1024,
        channel_timeout=60, ident="cancu")
    host, port = server.effective_host, server.effective_port
    shown = f"[{host}]" if ":" in str(host) else host
    print(f"cancu đang chạy tại http://{shown}:{port}/  (Ctrl+C để dừng)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
