"""Load test of `cancu serve` (issue #8, item 1).

Starts `cancu serve` on 127.0.0.1 (a free port) over the default knowledge base (the
national catalog plus the seeds), then runs C concurrent clients (default 50) for T seconds
(default 60), each sending its next request as soon as the previous one is answered (a
closed loop: the hardest case for the server), over a fixed mix of requests:

    search 40% · document 25% · chain 15% · suggest 20%

and prints throughput, p50/p95/p99 latency and the error count, per kind and overall, next
to a baseline measured in the same run: the same clients fetching a small static file,
which is the server's own floor. Targets: zero errors, p99 <= 300 ms.

The clients are asyncio streams speaking HTTP/1.1 with keep-alive, so one client process
can drive 50 connections without becoming the bottleneck. Only 127.0.0.1 is ever
contacted; every loop is bounded in time and count.

    python bench/load.py [--clients 50] [--seconds 60] [--pool 4000] [--kb DIR] [--url http://127.0.0.1:PORT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

SEARCHES = [
    "nghi dinh mot cua", "nd 61/2018", "qd 749 ttg", "luật an toàn thông tin mạng", "CNTT",
    "chinh phu dien tu", "chuyển đổi số quốc gia", "luat dat dai", "thủ tục hành chính",
    "kế hoạch ứng dụng công nghệ thông tin", "bao ve moi truong", "luat doanh nghiep",
    "văn thư", "chia sẻ dữ liệu", "an ninh mạng", "giao dịch điện tử", "thue thu nhap ca nhan",
    "dau tu cong", "KH 61 UBND 2019", "47/2020/NĐ-CP",
]
TASKS = [
    "Thuê dịch vụ vận hành Cổng thông tin điện tử tỉnh",
    "Nâng cấp hạ tầng trang thiết bị công nghệ thông tin tại Trung tâm Phục vụ hành chính công",
    "Triển khai hệ thống quản lý văn bản và điều hành",
    "Bảo đảm an toàn thông tin mạng cho hệ thống thông tin của tỉnh",
    "Số hóa kết quả giải quyết thủ tục hành chính",
    "Kế hoạch chuyển đổi số năm 2022",
]
DOC_IDS = ["cp/2018/nd/61", "cp/2020/nd/45", "cp/2020/nd/47", "vpcp/2018/tt/1", "ttg/2020/qd/749",
           "cp/2016/nd/85", "cp/2020/nd/30", "cp/2007/nd/64"]
MIX = [("search", 40), ("document", 25), ("chain", 15), ("suggest", 20)]


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    #: (monotonic finish time, latency) of every request: tails over time (cold vs warm).
    timeline: list[tuple[float, float]] = field(default_factory=list)

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        self.timeline.append((time.monotonic(), seconds))
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1


@dataclass
class Pools:
    """What the clients ask for. Besides the hand-written queries, thousands drawn from the
    knowledge base itself (title fragments, with and without diacritics; random documents),
    more than the server's answer cache holds (1024 answers per kind and worker), so that
    no cache can stand in for the real work: most requests are computed."""

    searches: list[str]
    doc_ids: list[str]
    tasks: list[str]

    @classmethod
    def from_kb(cls, kb_dir: str, rng: random.Random, size: int = 4000) -> Pools:
        from cancu.graph.kb import KnowledgeBase
        from cancu.graph.text import fold

        kb = KnowledgeBase.load(kb_dir)
        docs = [d for d in kb.documents() if d.title and d.symbol]
        rng.shuffle(docs)
        searches, tasks = list(SEARCHES), list(TASKS)
        for doc in docs[:size]:
            words = doc.title.split()
            if len(words) >= 3:
                start = rng.randrange(0, max(1, len(words) - 3))
                fragment = " ".join(words[start:start + rng.randint(2, 5)])
                searches.append(fold(fragment) if rng.random() < 0.5 else fragment)
            if len(words) >= 6 and len(tasks) < size // 2:
                tasks.append(doc.title)
        doc_ids = DOC_IDS + [d.id for d in docs[: size]]
        return cls(searches, doc_ids, tasks)


def make_request(kind: str, rng: random.Random, pools: Pools) -> tuple[str, str, bytes | None]:
    if kind == "search":
        q = urllib.parse.quote(rng.choice(pools.searches))
        return "GET", f"/api/search?q={q}&limit=10", None
    if kind == "document":
        return "GET", f"/api/documents/{rng.choice(pools.doc_ids)}", None
    if kind == "chain":
        doc_id = urllib.parse.quote(rng.choice(pools.doc_ids))
        return "GET", f"/api/chain?id={doc_id}&direction=down&depth=3", None
    if kind == "suggest":
        body = json.dumps({"text": rng.choice(pools.tasks), "province": "Quảng Ngãi", "k": 10}).encode()
        return "POST", "/api/suggest", body
    return "GET", "/static/favicon.svg", None


async def client(host: str, port: int, deadline: float, kinds: list[str], stats: Stats, seed: int,
                 pools: Pools) -> None:
    rng = random.Random(seed)
    reader = writer = None
    while time.monotonic() < deadline:
        kind = rng.choice(kinds)
        method, path, body = make_request(kind, rng, pools)
        head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        payload = head.encode() + b"\r\n" + (body or b"")
        started = time.monotonic()
        ok = False
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(payload)
            await writer.drain()
            status_line = await asyncio.wait_for(reader.readline(), timeout=30)
            status = int(status_line.split()[1])
            length, close = 0, False
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
                elif name.lower() == "connection" and value.strip().lower() == "close":
                    close = True
            await reader.readexactly(length)
            ok = status < 400
            if close:
                writer.close()
                reader = writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            if writer is not None:
                writer.close()
            reader = writer = None
        stats.add(kind, time.monotonic() - started, ok)


async def run_clients(host: str, port: int, clients: int, seconds: float, kinds: list[str],
                      pools: Pools) -> tuple[Stats, float]:
    stats = Stats()
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(client(host, port, deadline, kinds, stats, i, pools) for i in range(clients)))
    return stats, time.monotonic() - started


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(label: str, stats: Stats, elapsed: float) -> tuple[float, int]:
    every = [v for vs in stats.latencies.values() for v in vs]
    errors = sum(stats.errors.values())
    print(f"{label}: {len(every)} requests in {elapsed:.1f}s = {len(every) / elapsed:.1f} req/s, errors {errors}")
    for kind, values in sorted(stats.latencies.items()):
        print(f"  {kind:<9} n={len(values):>6}  p50 {pct(values, .5):7.1f} ms  p95 {pct(values, .95):7.1f} ms  "
              f"p99 {pct(values, .99):7.1f} ms  mean {statistics.fmean(values) * 1000:7.1f} ms  "
              f"errors {stats.errors.get(kind, 0)}")
    p99 = pct(every, .99)
    print(f"  {'overall':<9} p50 {pct(every, .5):7.1f} ms  p95 {pct(every, .95):7.1f} ms  p99 {p99:7.1f} ms")
    if stats.timeline and elapsed >= 20:
        # Diagnostics only: the same requests by when they finished, so a tail caused by
        # cold caches at the start can be told from one that lasts the whole run.
        start = min(t for t, _ in stats.timeline)
        width = elapsed / 6
        cells = []
        for i in range(6):
            window = [v for t, v in stats.timeline if i * width <= t - start < (i + 1) * width]
            cells.append(f"{i * width:.0f}-{(i + 1) * width:.0f}s {len(window) / width:.0f}/s p99 "
                         f"{pct(window, .99):.0f}")
        print("  by time: " + " | ".join(cells))
    return p99, errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen[bytes] | None, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"cancu serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/api/stats", timeout=5):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit("cancu serve did not become ready")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--kb", help="knowledge-base dir (default: a fresh one built from the package data); "
                                     "with --url, the KB that server uses (to draw queries from)")
    parser.add_argument("--url", help="an already running server on 127.0.0.1 (default: start one)")
    parser.add_argument("--pool", type=int, default=4000,
                        help="documents drawn for the query pools (searches ~ N, suggestion tasks ~ N/2)")
    parser.add_argument("--serve-args", default="", help="extra arguments for cancu serve, e.g. '--threads 16'")
    args = parser.parse_args(argv)

    proc = None
    kb = args.kb or tempfile.mkdtemp(prefix="cancu-load-")
    if args.url:
        parsed = urllib.parse.urlparse(args.url)
        if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("load tests only target this machine (127.0.0.1)")
        host, port, url = parsed.hostname, parsed.port or 80, args.url.rstrip("/")
    else:
        host, port = "127.0.0.1", free_port()
        url = f"http://{host}:{port}"
        cmd = [sys.executable, "-m", "cancu", "serve", "--host", host, "--port", str(port), "--kb", kb,
               *args.serve_args.split()]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        wait_ready(url, proc)
        pools = Pools.from_kb(kb, random.Random(1), args.pool)
        print(f"pools: {len(pools.searches)} searches, {len(pools.doc_ids)} documents, {len(pools.tasks)} tasks")
        # Warm up every kind once so first-use costs are not counted.
        asyncio.run(run_clients(host, port, 4, 3, [k for k, _ in MIX], pools))
        kinds = [k for k, w in MIX for _ in range(w)]
        print(f"server {url}, {args.clients} clients, {args.seconds:.0f} s, closed loop, mix {dict(MIX)}")
        base, base_elapsed = asyncio.run(run_clients(host, port, args.clients, min(args.seconds, 15), ["static"],
                                                     pools))
        report("baseline (static file)", base, base_elapsed)
        stats, elapsed = asyncio.run(run_clients(host, port, args.clients, args.seconds, kinds, pools))
        p99, errors = report("mix", stats, elapsed)
        ok = errors == 0 and p99 <= 300
        print(f"targets: errors 0 (got {errors}), p99 <= 300 ms (got {p99:.1f} ms): {'PASS' if ok else 'FAIL'}")
        return 0 if ok else 1
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    sys.exit(main())
