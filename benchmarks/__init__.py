"""Timed scenarios, run by `make bench`. Timings live here, never in pass/fail tests."""
