"""Load benchmark of the API against a minimal app on the same machine.

Run it with `scripts/bench.sh` (or `uv run python -m bench --help`).
"""
