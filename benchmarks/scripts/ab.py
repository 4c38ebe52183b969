#!/usr/bin/env python3
"""Alternating A/B timing of whole commands: each round runs every command once, in turn, so drift of the machine
(this VM's speed wanders by up to 30% within an hour) falls on all of them alike. Prints median, minimum and first
quartile of the wall times.

usage: python3 benchmarks/scripts/ab.py ROUNDS 'command one' ';;' 'command two' [';;' ...]
"""
import statistics
import subprocess
import sys
import time


def main() -> None:
    rounds = int(sys.argv[1])
    commands = ' '.join(sys.argv[2:]).split(' ;; ')
    times: dict[str, list[float]] = {c: [] for c in commands}
    for c in commands:  # one warm-up each (page cache, rule caches)
        subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(rounds):
        for c in commands:
            start = time.perf_counter()
            subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[c].append(time.perf_counter() - start)
    for c in commands:
        t = sorted(times[c])
        print(f'median {statistics.median(t):.3f}  min {t[0]:.3f}  q1 {t[len(t) // 4]:.3f}  {c}')


if __name__ == '__main__':
    main()
