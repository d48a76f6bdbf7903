"""Sums py-spy's collapsed stacks (`--format raw`) by function: `python bench/profile_summary.py FILE [N]` prints
the N functions with the most samples anywhere on the stack (inclusive) and at the top (exclusive)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def main(path: Path, top: int) -> None:
    inclusive: Counter[str] = Counter()
    exclusive: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        total += samples
        frames = [frame.split(" (")[0] + " " + frame.split("/")[-1].rstrip(")") for frame in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += samples
        exclusive[frames[-1]] += samples
    print(f"{total} samples")
    for title, counter in (("inclusive", inclusive), ("exclusive", exclusive)):
        print(f"--- {title}")
        for frame, samples in counter.most_common(top):
            print(f"{samples / total:6.1%}  {frame}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 40)
