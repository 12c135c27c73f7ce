"""Leave out the capabilities a generated project does not want.

Run by Copier after every copy and update, with the answers as a JSON object.
`.copier/capabilities.toml` names each capability that can be left out: its
Copier question, the files that are wholly its own and the npm packages it
adds. Code a capability shares a file with sits between two marker lines:

    # region capability: admin_panel
    ...
    # endregion capability: admin_panel

(`// #region capability: …` in TypeScript, `-- region capability: …` in Lua,
`{/* #region capability: … */}` in JSX, `<!-- #region capability: … -->` in Markdown; a table's row ends with
`<!-- capability: … -->` instead, as a block marker would break the table). A left-out capability's
files and marked lines are deleted; the marker lines of the capabilities kept
are deleted too, so a generated project carries no markers. Then the Alembic
chain is relinked over deleted migrations, and what is derived from the code
(the lock files, the API client, the route tree) is regenerated.

Usage: prune.py '{"admin_panel": false, ...}'      (Copier's task)
       prune.py --check                            (markers and manifest agree)
       prune.py --leftovers PROJECT NAME...        (a generated project holds no
                                                    trace of the capabilities named)
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = Path(".copier/capabilities.toml")
MARKER = re.compile(
    r"^\s*(?:#|//|--|\{/\*|<!--)\s*#?(?P<end>end)?region capability: (?P<name>[a-z_]+)\b"
)
# A single line of Markdown (a table's row) that belongs to a capability ends with
# "<!-- capability: NAME -->" (as an extra cell, which Markdown ignores): a block
# marker would break the table.
LINE_MARKER = re.compile(r"\s*<!-- capability: (?P<name>[a-z_]+) -->\s*\|?\s*$")
MIGRATIONS = Path("backend/app/alembic/versions")
REVISION = re.compile(r"^revision: str = [\"'](?P<id>\w+)[\"']", re.MULTILINE)
DOWN_REVISION = re.compile(
    r"^(?P<head>down_revision: str \| None = )[\"'](?P<id>\w+)[\"']", re.MULTILINE
)
# Regenerated from the code after pruning, or the generator's own: never checked for traces.
UNCHECKED = (
    "backend/uv.lock",
    "frontend/package-lock.json",
    "frontend/src/client/",
    "frontend/src/routeTree.gen.ts",
    "copier.yml",
    ".copier/",
    "scripts/suites/copier.sh",
    "bench-results/",
    ".github/workflows/test-generator.yml",
)
# A project's answers name what was left out, and a lock file may keep a
# package that another dependency still needs.
ANSWERS_AND_LOCKS = (".copier/.copier-answers.yml", "backend/uv.lock", "frontend/package-lock.json")
SKIPPED_DIRS = {".git", "node_modules", ".venv", "__pycache__", "data", "dist", ".tools"}
TEXT_SUFFIXES = {
    ".py", ".ts", ".tsx", ".mjs", ".js", ".json", ".md", ".toml", ".yml", ".yaml",
    ".sh", ".env", ".cfg", ".ini", ".html", ".css", ".mjml", ".txt", ".example", ".lua",
}  # fmt: skip


@dataclass(frozen=True)
class Capability:
    name: str
    summary: str
    paths: tuple[str, ...] = ()
    npm: tuple[str, ...] = ()
    traces: tuple[str, ...] = ()
    api: bool = False
    requires: tuple[str, ...] = field(default=())


def load_manifest(root: Path) -> dict[str, Capability]:
    raw = tomllib.loads((root / MANIFEST).read_text())
    return {
        name: Capability(
            name=name,
            summary=entry["summary"],
            paths=tuple(entry.get("paths", ())),
            npm=tuple(entry.get("npm", ())),
            traces=tuple(entry.get("traces", ())),
            requires=tuple(entry.get("requires", ())),
            api=bool(entry.get("api", False)),
        )
        for name, entry in raw.items()
    }


def with_dependents(names: set[str], capabilities: dict[str, Capability]) -> set[str]:
    """The capabilities named and every one that requires them, directly or not:
    a project without background jobs has no file storage either."""
    result = set(names)
    grown = True
    while grown:
        grown = False
        for capability in capabilities.values():
            if capability.name not in result and result.intersection(capability.requires):
                result.add(capability.name)
                grown = True
    return result


def text_files(root: Path) -> Iterator[Path]:
    """Every file a marker may sit in: source, docs and configuration."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part in SKIPPED_DIRS for part in relative.parts[:-1]):
            continue
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name in {".env", "Dockerfile"}):
            yield path


class MarkerError(ValueError):
    """Markers that do not pair up, or name no capability."""


def strip_regions(text: str, dropped: set[str], known: set[str], where: str) -> str:
    """`text` without the dropped capabilities' regions and without any marker line."""
    kept: list[str] = []
    open_regions: list[str] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        marker = MARKER.match(line)
        if marker is None:
            owner = LINE_MARKER.search(line)
            if owner is not None:
                if owner["name"] not in known:
                    raise MarkerError(f"{where}:{number}: no capability named {owner['name']!r} in {MANIFEST}")
                if owner["name"] in dropped:
                    continue
                line = line[: owner.start()] + "\n"
            if not any(name in dropped for name in open_regions):
                kept.append(line)
            continue
        name = marker["name"]
        if name not in known:
            raise MarkerError(f"{where}:{number}: no capability named {name!r} in {MANIFEST}")
        if marker["end"]:
            if not open_regions or open_regions[-1] != name:
                raise MarkerError(f"{where}:{number}: endregion {name!r} closes nothing open")
            open_regions.pop()
            if any(n in dropped for n in [*open_regions, name]):
                drop_extra_blank_line(kept, text.splitlines(keepends=True), number)
        else:
            open_regions.append(name)
    if open_regions:
        raise MarkerError(f"{where}: region {open_regions[-1]!r} is never closed")
    return "".join(kept)


def drop_extra_blank_line(kept: list[str], lines: list[str], end_line_number: int) -> None:
    """A region cut out between two blank lines leaves one blank line, not two."""
    following = lines[end_line_number] if end_line_number < len(lines) else "x"
    if kept and not kept[-1].strip() and not following.strip():
        kept.pop()


def relink_migrations(root: Path, parents: dict[str, str | None]) -> None:
    """Point each migration whose parent was deleted at the nearest surviving ancestor."""
    versions = root / MIGRATIONS
    if not versions.is_dir():
        return
    files: dict[str, Path] = {}
    for path in versions.glob("*.py"):
        source = path.read_text()
        revision = REVISION.search(source)
        if revision:
            files[revision["id"]] = path
    for revision, path in files.items():
        source = path.read_text()
        down = DOWN_REVISION.search(source)
        if down is None or down["id"] in files:
            continue
        ancestor: str | None = down["id"]
        while ancestor is not None and ancestor not in files:
            ancestor = parents.get(ancestor)
        replacement = f"{down['head']}{ancestor!r}" if ancestor else f"{down['head']}None"
        path.write_text(source[: down.start()] + replacement + source[down.end() :])


def migration_parents(root: Path) -> dict[str, str | None]:
    """Each revision's parent, as the template has them before anything is pruned."""
    parents: dict[str, str | None] = {}
    for path in (root / MIGRATIONS).glob("*.py"):
        source = path.read_text()
        revision = REVISION.search(source)
        if revision:
            down = DOWN_REVISION.search(source)
            parents[revision["id"]] = down["id"] if down else None
    return parents


def remove_npm_packages(root: Path, packages: Iterable[str]) -> bool:
    manifest_path = root / "frontend/package.json"
    wanted = set(packages)
    if not wanted or not manifest_path.exists():
        return False
    manifest = json.loads(manifest_path.read_text())
    changed = False
    for section in ("dependencies", "devDependencies"):
        for package in wanted & set(manifest.get(section, {})):
            del manifest[section][package]
            changed = True
    if changed:
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return changed


def prune(root: Path, answers: dict[str, object]) -> tuple[list[str], list[str]]:
    """Apply the answers to the project at `root`; return what must be
    regenerated, and the files that held markers."""
    capabilities = load_manifest(root)
    dropped = with_dependents(
        {name for name in capabilities if answers.get(name) is False}, capabilities
    )
    parents = migration_parents(root)
    for name in sorted(dropped):
        for relative in capabilities[name].paths:
            target = root / relative
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    changed: set[str] = set()
    marked: set[str] = set()
    for path in text_files(root):
        text = path.read_text()
        if "capability: " not in text:
            continue
        where = str(path.relative_to(root))
        pruned = strip_regions(text, dropped, set(capabilities), where)
        path.write_text(pruned)
        marked.add(where)
        if pruned != strip_regions(text, set(), set(capabilities), where):
            changed.add(where)
    relink_migrations(root, parents)
    npm_changed = remove_npm_packages(
        root, (package for name in dropped for package in capabilities[name].npm)
    )
    regenerate: list[str] = []
    if "backend/pyproject.toml" in changed:
        regenerate.append("uv-lock")
    if npm_changed:
        regenerate.append("npm-lock")
    if any(capabilities[name].api for name in dropped) and (root / "frontend").is_dir():
        regenerate.append("client")
    return regenerate, sorted(marked)


def run_regeneration(root: Path, steps: list[str], marked: list[str]) -> None:
    """Bring lock files, API client, route tree and formatting in line with the pruned code."""
    backend, frontend = root / "backend", root / "frontend"
    commands: dict[str, tuple[list[str], Path]] = {
        "uv-lock": (["uv", "lock", "--quiet"], backend),
        "npm-lock": (
            ["npm", "install", "--package-lock-only", "--no-audit", "--no-fund", "--silent"],
            frontend,
        ),
        "client": (["bash", "scripts/generate-client.sh"], root),
        "routes": (["npm", "run", "--silent", "routes"], frontend),
    }
    for step in [*steps, *(["routes"] if "client" in steps else [])]:
        command, cwd = commands[step]
        if shutil.which(command[0]) is None:
            print(f"note: {command[0]} is not installed; run `{' '.join(command)}` in {cwd}")
            continue
        subprocess.run(command, cwd=cwd, check=True)
    # Marker lines gone, the formatters put blank lines and imports back in order.
    python = [str(root / where) for where in marked if where.endswith(".py")]
    if python and shutil.which("uv"):
        # The project's own Ruff, without installing the whole project for it.
        ruff = ["uv", "tool", "run", "--quiet", f"ruff@{locked_version(backend, 'ruff')}"]
        subprocess.run([*ruff, "check", "--select", "I", "--fix", "--quiet", *python], cwd=backend, check=True)
        subprocess.run([*ruff, "format", "--quiet", *python], cwd=backend, check=True)
    typescript = [
        str(root / where)
        for where in marked
        if where.startswith("frontend/") and where.endswith((".ts", ".tsx", ".md"))
    ]
    biome = frontend / "node_modules/.bin/biome"
    if typescript and biome.exists():
        subprocess.run([str(biome), "check", "--write", "--log-level=error", *typescript], cwd=frontend, check=True)


def locked_version(backend: Path, package: str) -> str:
    lock = (backend / "uv.lock").read_text()
    found = re.search(rf'^name = "{re.escape(package)}"\nversion = "([^"]+)"', lock, re.MULTILINE)
    if found is None:
        raise SystemExit(f"backend/uv.lock does not lock {package}")
    return found[1]


def check(root: Path) -> list[str]:
    """Problems with the markers or the manifest, as lines for people.

    Besides the markers pairing up, each capability left out on its own must
    leave none of its traces (the names in the manifest) in any file outside
    the derived ones, which the generator regenerates: so code added to a
    capability outside its files and regions is caught here.
    """
    problems: list[str] = []
    capabilities = load_manifest(root)
    known = set(capabilities)
    questions = (root / "copier.yml").read_text()
    files = {str(path.relative_to(root)): path.read_text() for path in text_files(root)}
    for capability in capabilities.values():
        if not re.search(rf"^{capability.name}:\n(?:  .*\n)*?  type: bool$", questions, re.MULTILINE):
            problems.append(f"{capability.name}: copier.yml has no yes/no question of that name")
        for relative in capability.paths:
            if not (root / relative).exists():
                problems.append(f"{capability.name}: {relative} does not exist")
        for required in capability.requires:
            if required not in capabilities:
                problems.append(f"{capability.name}: requires unknown {required!r}")
    for where, text in files.items():
        if "capability: " in text:
            try:
                strip_regions(text, set(), known, where)
            except MarkerError as error:
                problems.append(str(error))
    if problems:
        return problems
    for capability in capabilities.values():
        traces = [re.compile(trace) for trace in capability.traces]
        dropped = with_dependents({capability.name}, capabilities)
        for where, text in files.items():
            if where.startswith(UNCHECKED) or any(
                owned_by(where, capabilities[name]) for name in dropped
            ):
                continue
            remaining = strip_regions(text, dropped, known, where)
            for number, line in enumerate(remaining.splitlines(), start=1):
                if any(trace.search(line) for trace in traces):
                    problems.append(
                        f"{capability.name}: left out, it still shows in {where}: {line.strip()[:100]}"
                    )
    return problems


def leftovers(project: Path, capabilities: list[Capability]) -> list[str]:
    """Lines of a generated project that still show a left-out capability, or a marker."""
    problems: list[str] = []
    traces = [(c.name, re.compile(trace)) for c in capabilities for trace in c.traces]
    for path in text_files(project):
        where = str(path.relative_to(project))
        if where.startswith(ANSWERS_AND_LOCKS):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if MARKER.match(line) or LINE_MARKER.search(line):
                problems.append(f"{where}:{number}: a marker is left: {line.strip()}")
            problems.extend(
                f"{where}:{number}: {name} was left out but shows: {line.strip()[:100]}"
                for name, trace in traces
                if trace.search(line)
            )
    return problems


def owned_by(relative: str, capability: Capability) -> bool:
    return any(relative == path or relative.startswith(f"{path}/") for path in capability.paths)


def main(arguments: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    if arguments == ["--check"]:
        problems = check(root)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    if arguments[:1] == ["--leftovers"] and len(arguments) >= 2:
        capabilities = load_manifest(root)
        named = [capabilities[name] for name in arguments[2:]]
        problems = leftovers(Path(arguments[1]), named)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    if len(arguments) != 1:
        print(__doc__)
        return 2
    answers = json.loads(arguments[0])
    steps, marked = prune(root, answers)
    run_regeneration(root, steps, marked)
    for leftover in (MANIFEST, Path(".copier/prune.py")):
        (root / leftover).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
