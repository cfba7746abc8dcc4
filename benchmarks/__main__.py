"""Run every `benchmarks/bench_*.py` (or those named) and print a table of figures vs targets.

Each module has `run(quick: bool) -> list[Result]`. `--quick` shortens the long scenarios
(for a smoke run); the README's figures come from a full run.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time

import benchmarks
from benchmarks.common import Result


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. startup)")
    parser.add_argument("--quick", action="store_true", help="short runs, for a smoke test")
    args = parser.parse_args()
    modules = sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    if args.names:
        modules = [m for m in modules if m.removeprefix("bench_") in args.names]
    results: list[Result] = []
    for name in modules:
        started = time.monotonic()
        print(f"running {name} …", file=sys.stderr, flush=True)
        results += importlib.import_module(f"benchmarks.{name}").run(quick=args.quick)
        print(f"  done in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    print_table(results)
    return 0 if all(r.meets_target is not False for r in results) else 1


def print_table(results: list[Result]) -> None:
    print(f"\n| {'benchmark':<66} | {'figure':>12} | {'target':>12} | ok  |")
    print(f"|{'-' * 68}|{'-' * 14}|{'-' * 14}|-----|")
    for r in results:
        target = f"≤ {r.target:g} {r.unit}" if r.target is not None else "—"
        mark = {True: "yes", False: "NO", None: "—"}[r.meets_target]
        print(f"| {r.name:<66} | {r.figure:>9.3g} {r.unit:<2} | {target:>12} | {mark:<3} |")
        if r.detail:
            print(f"|   {r.detail:<64} |{'':14}|{'':14}|     |")


if __name__ == "__main__":
    sys.exit(main())
