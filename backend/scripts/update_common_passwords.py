"""Regenerate app/core/data/common-passwords.txt from zxcvbn's frequency list.

Run: uv run --with zxcvbn==4.5.0 python scripts/update_common_passwords.py
Only passwords long enough to pass the length rule are kept: shorter ones
are refused before the list is consulted.
"""

from pathlib import Path

from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]  # untyped one-off tool

MIN_LENGTH = 8
TARGET = Path(__file__).resolve().parents[1] / "app" / "core" / "data" / "common-passwords.txt"

words = sorted({w.lower() for w in FREQUENCY_LISTS["passwords"] if len(w) >= MIN_LENGTH})
TARGET.write_text("\n".join(words) + "\n")
print(f"wrote {len(words)} passwords to {TARGET}")
