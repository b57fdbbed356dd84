"""Cleaning time against input size: shows that the pipeline is linear (issue 6).

    python -m benchmarks.clean_scaling [MB ...]     (default: 1 2 5 10 20)

Runs the whole pipeline (decode, clean, checks, structure, both editions) on synthetic articles made
from our sources (benchmarks/synthetic.py) and prints seconds and seconds per MB, median of 3 runs.
"""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks.synthetic import big_text
from pipeline.document.article import process_bytes


def seconds(data: bytes, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        process_bytes(data, "synthetic.txt", script="hans")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    sizes = [float(a) for a in argv] or [1, 2, 5, 10, 20]
    process_bytes(big_text(100_000).encode(), "warm-up.txt", script="hans")  # load jieba and OpenCC once
    print("| MB | seconds | seconds/MB |\n|---:|---:|---:|")
    for mb in sizes:
        data = big_text(int(mb * 1_000_000)).encode()
        s = seconds(data)
        print(f"| {len(data) / 1e6:.1f} | {s:.2f} | {s / (len(data) / 1e6):.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
