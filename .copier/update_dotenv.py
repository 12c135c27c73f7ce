"""Write the answers given to Copier into the generated project's .env.

Run by Copier after the first copy. Copier renders the answers, secrets
included, into .copier/dotenv-answers.json (a JSON object of variable names
and values); this script merges them into .env and deletes that file, so the
secrets live in .env only. Existing lines keep their place and comments;
variables the file does not have yet are appended at the end.
"""

import json
import re
from pathlib import Path

DOTENV = Path(".env")
ANSWERS = Path(".copier/dotenv-answers.json")
SMTP_VARIABLES = ("SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD")
ASSIGNMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)=")
PLAIN_VALUE = re.compile(r"^[A-Za-z0-9_@.:/+,=-]*$")


def quoted(value: str) -> str:
    """Single quotes keep the value literal for both Docker Compose and python-dotenv."""
    if PLAIN_VALUE.match(value):
        return value
    if "'" in value:
        raise SystemExit(f"cannot write a value containing a single quote to .env: {value!r}")
    return f"'{value}'"


def values_to_write(answers: dict[str, object]) -> dict[str, str]:
    values = {name: "" if value is None else str(value) for name, value in answers.items()}
    # Without an SMTP host the project keeps the local mail catcher it ships with.
    if not values.get("SMTP_HOST"):
        for name in SMTP_VARIABLES:
            values.pop(name, None)
    return values


def updated(lines: list[str], values: dict[str, str]) -> list[str]:
    pending = dict(values)
    result = []
    for line in lines:
        match = ASSIGNMENT.match(line)
        if match and match["name"] in pending:
            name = match["name"]
            line = f"{name}={quoted(pending.pop(name))}"
        result.append(line)
    result += [f"{name}={quoted(value)}" for name, value in pending.items()]
    return result


def main() -> None:
    values = values_to_write(json.loads(ANSWERS.read_text()))
    lines = DOTENV.read_text().splitlines() if DOTENV.exists() else []
    DOTENV.write_text("\n".join(updated(lines, values)) + "\n")
    ANSWERS.unlink()
    print(f"wrote {len(values)} settings to {DOTENV.resolve()}")


if __name__ == "__main__":
    main()
