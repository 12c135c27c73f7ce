"""Run the shell blocks that the documentation marks as runnable.

A fenced block whose info string is ``bash runnable`` (or ``sh runnable``) is
a promise that its commands work as written, from the repository root, on a
fresh checkout. Blocks without the marker (servers, Docker, a remote host) are
only read by people. An optional ``timeout=SECONDS`` follows the marker:

    ```bash runnable timeout=600
    cd backend && uv run pytest -q
    ```

Every block runs with ``bash -euo pipefail`` in its own process group, in the
directory given on the command line (a temporary copy of the repository), one
after the other in document order so that a later block may rely on an earlier
one, as a reader following the page would.

Usage: docs_commands.py WORK_TREE DOC...
Prints one line per block and exits 1 when any block fails.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
DEFAULT_TIMEOUT_SECONDS = 300
OUTPUT_TAIL_LINES = 30


@dataclass(frozen=True)
class Block:
    document: str
    line: int
    code: str
    timeout: int

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}"


def runnable_blocks(document: str, text: str) -> Iterator[Block]:
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, words = opening["fence"], opening["info"].split()
        body: list[str] = []
        index += 1
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index])
            index += 1
        start_line = index - len(body)
        index += 1
        if len(words) >= 2 and words[0] in ("bash", "sh") and words[1] == "runnable":
            options = dict(word.split("=", 1) for word in words[2:] if "=" in word)
            timeout = int(options.get("timeout", DEFAULT_TIMEOUT_SECONDS))
            yield Block(document, start_line, "\n".join(body), timeout)


def run(block: Block, work_tree: Path) -> tuple[bool, str]:
    environment = {**os.environ, "DOCS_COMMANDS_RUNNING": "1", "CI": os.environ.get("CI", "true")}
    process = subprocess.Popen(
        ["bash", "-euo", "pipefail", "-c", block.code],
        cwd=work_tree,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=block.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate()
        return False, f"{output}\n(timed out after {block.timeout}s)"
    finally:
        # Whatever the block left running in the background goes with it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    return process.returncode == 0, output


def main(work_tree: Path, documents: list[str]) -> int:
    blocks = [
        block
        for document in documents
        if (work_tree / document).is_file()
        for block in runnable_blocks(document, (work_tree / document).read_text())
    ]
    missing = [document for document in documents if not (work_tree / document).is_file()]
    for document in missing:
        print(f"note {document} does not exist")
    failures = 0
    for block in blocks:
        started = time.monotonic()
        passed, output = run(block, work_tree)
        seconds = time.monotonic() - started
        first_line = block.code.strip().splitlines()[0] if block.code.strip() else "(empty)"
        print(f"{'ok  ' if passed else 'FAIL'} {block.where} ({seconds:.1f}s) {first_line}")
        if not passed:
            failures += 1
            print("\n".join(f"     | {line}" for line in output.splitlines()[-OUTPUT_TAIL_LINES:]))
    counts = f"{len(blocks) - failures} passed, {failures} failed"
    print(f"docs-commands: {counts} ({len(blocks)} runnable blocks)")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
