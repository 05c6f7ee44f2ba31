"""Kill `cancu ingest` with SIGKILL at random points, and while the KB is being saved
(issue #8, item 3); then check what a user would: the KB still loads, it holds either the
state before the ingest or the state after it (never a mix), and a re-run completes.
Also: two ingests at once (the second is refused with a clear message, nothing is lost)
and a truncated KB file (a clear error naming the way to rebuild, no traceback).

    python bench/faults.py [--runs 20] [--files DIR] [--seed N]

Prints one line per run and the totals next to their targets; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILES = REPO.parent / "shared" / "corpus" / "tvpl-fulltext" / "docs"


def cancu(*args: str, kb: Path) -> list[str]:
    return [sys.executable, "-m", "cancu", *args, "--kb", str(kb)]


def fingerprint(kb_dir: Path) -> tuple[int, int, tuple[str, ...]]:
    """What distinguishes the old state from the new one: counts and the ingested files."""
    from cancu.graph.kb import KnowledgeBase

    kb = KnowledgeBase.load(kb_dir)
    sources = tuple(sorted(Path(s.key).name for s in kb.sources() if s.kind == "text"))
    return len(kb), kb.graph.number_of_edges(), sources


def pick_files(folder: Path, count: int, rng: random.Random) -> list[Path]:
    files = sorted(p for p in folder.glob("*.txt") if p.stat().st_size < 400_000)
    return rng.sample(files, min(count, len(files)))


def run_kill(work: Path, batch: Path, *, delay: float | None, during_save: bool) -> str:
    """Start an ingest and kill it; return where it was killed."""
    proc = subprocess.Popen(cancu("ingest", str(batch), kb=work), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    where = "finished before kill"
    if during_save:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if any(work.glob(".kb-*.tmp")):
                time.sleep(random.uniform(0, 0.05))
                where = "during save"
                break
            time.sleep(0.002)
    else:
        assert delay is not None
        time.sleep(delay)
        where = f"after {delay:.2f}s"
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    else:
        where = "finished before kill"
    return where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--files", type=Path, default=DEFAULT_FILES, help="folder of .txt documents to ingest")
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    random.seed(args.seed)
    root = Path(tempfile.mkdtemp(prefix="cancu-faults-"))
    failures: list[str] = []
    try:
        first, second = root / "first", root / "second"
        first.mkdir()
        second.mkdir()
        chosen = pick_files(args.files, 12, rng)
        for p in chosen[:4]:
            shutil.copy(p, first / p.name)
        for p in chosen[4:]:
            shutil.copy(p, second / p.name)

        old_kb = root / "old"
        subprocess.run(cancu("ingest", str(first), kb=old_kb), check=True, capture_output=True)
        old = fingerprint(old_kb)
        new_kb = root / "new"
        shutil.copytree(old_kb, new_kb)
        started = time.monotonic()
        subprocess.run(cancu("ingest", str(second), kb=new_kb), check=True, capture_output=True)
        full_time = time.monotonic() - started
        new = fingerprint(new_kb)
        assert old != new, "the second batch must change the KB"
        print(f"old state: {old[0]} nodes, {old[1]} edges; new state: {new[0]} nodes, {new[1]} edges; "
              f"full ingest {full_time:.2f}s")

        outcomes = {"old": 0, "new": 0}
        for run in range(args.runs):
            work = root / f"run{run}"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(old_kb, work)
            during_save = run % 2 == 1
            where = run_kill(work, second, delay=rng.uniform(0.05, full_time), during_save=during_save)
            try:
                got = fingerprint(work)
            except Exception as exc:  # noqa: BLE001 - any failure to load is the defect we look for
                failures.append(f"run {run} ({where}): KB does not load: {exc}")
                print(f"run {run:2d}  killed {where:<22} LOAD FAILED: {exc}")
                continue
            state = "old" if got == old else "new" if got == new else "MIXED"
            if state == "MIXED":
                failures.append(f"run {run} ({where}): state is neither old nor new: {got}")
            else:
                outcomes[state] += 1
            rerun = subprocess.run(cancu("ingest", str(second), kb=work), capture_output=True, text=True)
            rerun_ok = rerun.returncode == 0 and fingerprint(work) == new
            if not rerun_ok:
                failures.append(f"run {run}: re-run did not complete: {rerun.stderr[-300:]}")
            print(f"run {run:2d}  killed {where:<22} loads: yes  state: {state:<5}  re-run: {'ok' if rerun_ok else 'FAILED'}")

        # Two ingests at once: one waits or is refused with a message; the KB stays whole.
        both = root / "both"
        shutil.copytree(old_kb, both)
        procs = [subprocess.Popen(cancu("ingest", str(second), kb=both), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [p.communicate() + (p.returncode,) for p in procs]
        refused = [r for r in results if r[2] != 0]
        concurrent_ok = fingerprint(both) == new and all("Traceback" not in r[1] for r in results)
        lock_words = ("khóa", "lock", "tiến trình khác", "another process")
        if refused and not all(any(w in r[1].lower() for w in lock_words) for r in refused):
            concurrent_ok = False
        if not concurrent_ok:
            failures.append(f"concurrent ingests: {results}")
        print(f"two ingests at once: {len(refused)} refused with a lock message, KB whole: {concurrent_ok}")

        # A truncated KB file: a clear error with the rebuild command, no traceback.
        broken = root / "broken"
        shutil.copytree(old_kb, broken)
        kb_file = broken / "kb.json.gz"
        kb_file.write_bytes(kb_file.read_bytes()[: kb_file.stat().st_size // 2])
        shown = subprocess.run(cancu("show", "61/2018/NĐ-CP", kb=broken), capture_output=True, text=True)
        clear = shown.returncode != 0 and "Traceback" not in shown.stderr and "--rebuild" in shown.stderr
        if not clear:
            failures.append(f"truncated KB: {shown.stderr[-300:]}")
        print(f"truncated KB file: clear error with rebuild hint: {clear}")

        print(f"\nkills: {args.runs} (target 20)  loadable afterwards: {outcomes['old'] + outcomes['new']}/{args.runs} "
              f"(target all)  old state: {outcomes['old']}  new state: {outcomes['new']}  mixed: "
              f"{args.runs - outcomes['old'] - outcomes['new']} (target 0)")
        print("RESULT:", "FAIL" if failures else "PASS")
        for f in failures:
            print("  ", f)
        return 1 if failures else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
