"""Changes to files that exist: imports, registrations, list entries. Each
function takes and returns a file's text, and raises SpecError when the
place it writes to is not where it expects, so that nothing is written."""

import ast
import re

from devtools.new_resource.spec import SpecError


def add_python_import(source: str, module: str, names: list[str], *, file: str) -> str:
    """`from module import ...names`, merged into the file's import of
    `module` when it has one (ruff's isort then orders the names)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == module and node.level == 0:
            present = {alias.name for alias in node.names}
            missing = [name for name in names if name not in present]
            if not missing:
                return source
            assert node.end_lineno is not None
            start, end = node.lineno - 1, node.end_lineno
            listed = [ast.unparse(alias) for alias in node.names] + missing
            if node.lineno == node.end_lineno:
                statement = f"from {module} import {', '.join(listed)}\n"
            else:
                statement = f"from {module} import (\n" + "".join(f"    {n},\n" for n in listed)
                statement += ")\n"
            return "".join(lines[:start]) + statement + "".join(lines[end:])
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    if not imports:
        raise SpecError(f"{file} has no imports to add `from {module} import ...` to")
    last = imports[-1].end_lineno
    assert last is not None
    statement = f"from {module} import {', '.join(names)}\n"
    return "".join(lines[:last]) + statement + "".join(lines[last:])


def append(source: str, text: str) -> str:
    return source.rstrip("\n") + "\n" + text.rstrip("\n") + "\n"


def insert_before_line(
    source: str, pattern: str, text: str, *, file: str, what: str, after: str | None = None
) -> str:
    """`text` inserted before the first line matching `pattern` (the first
    one after the line matching `after`, when given: the end of a block)."""
    start = 0
    if after is not None:
        opening = re.search(after, source, re.MULTILINE)
        if opening is None:
            raise SpecError(f"{file}: cannot find {what} to add the new resource to")
        start = opening.end()
    found = re.compile(pattern, re.MULTILINE).search(source, start)
    if found is None:
        raise SpecError(f"{file}: cannot find {what} to add the new resource to")
    at = source.rfind("\n", 0, found.start()) + 1
    return source[:at] + text + source[at:]


# The backend's line length (pyproject.toml, [tool.ruff]).
LINE_LENGTH = 100


def register_router(source: str, module: str, *, file: str) -> str:
    """The router module imported and included after the last router every
    environment gets (the ones under a condition stay last)."""
    found = re.search(r"^from app\.api\.routes import (?:\(([^)]*)\)|(.+))$", source, re.MULTILINE)
    if found is None:
        raise SpecError(f"{file}: cannot find the import of the route modules")
    listed = found[1] if found[1] is not None else found[2]
    modules = sorted({*(m.strip() for m in listed.split(",") if m.strip()), module})
    one_line = f"from app.api.routes import {', '.join(modules)}"
    if len(one_line) > LINE_LENGTH:  # as the formatter would write it
        one_line = "from app.api.routes import (\n" + "".join(f"    {m},\n" for m in modules) + ")"
    source = source[: found.start()] + one_line + source[found.end() :]
    includes = list(re.finditer(r"^api_router\.include_router\(\w+\.router\)\n", source, re.M))
    if not includes:
        raise SpecError(f"{file}: cannot find where the routers are included")
    at = includes[-1].end()
    return source[:at] + f"api_router.include_router({module}.router)\n" + source[at:]


def add_ts_named_import(source: str, module: str, name: str, *, file: str) -> str:
    """`name` added to `import { ... } from 'module'` (Biome orders it)."""
    found = re.search(r"import \{([^}]*)\} from '" + re.escape(module) + "'", source)
    if found is None:
        raise SpecError(f"{file}: cannot find the import from {module}")
    names = [n.strip() for n in found[1].split(",") if n.strip()]
    if name in names:
        return source
    return source[: found.start(1)] + " " + ", ".join([*names, name]) + " " + source[found.end(1) :]


def add_nav_item(source: str, entry: str, *, file: str) -> str:
    """A sidebar entry at the end of the list everybody sees, whether the
    formatter wrote that list on several lines or, short, on one."""
    one_line = re.search(r"^const EVERYONE: NavItem\[\] = \[(.+)\]$", source, re.M)
    if one_line is not None:
        listed = one_line[1].rstrip().rstrip(",")
        return source[: one_line.start(1)] + f"{listed}, {entry}" + source[one_line.end(1) :]
    found = re.search(r"^const EVERYONE: NavItem\[\] = \[\n(.*?)^\]", source, re.M | re.S)
    if found is None:
        raise SpecError(f"{file}: cannot find the EVERYONE list of the sidebar")
    settings = re.search(r"^  \{ to: '/settings',.*\n", found[0], re.M)
    at = found.start() + settings.start() if settings else found.end() - 1
    return source[:at] + f"  {entry},\n" + source[at:]


def add_accessibility_check(source: str, entry: str, *, file: str) -> str | None:
    """An entry in the scan's table of signed-in pages, when the scan keeps
    one keyed by the route tree's paths; None when it needs none."""
    found = re.search(
        r"^const SIGNED_IN_PAGES: Record<SignedInPath, PageCheck> = \{\n(.*?)^\}",
        source,
        re.M | re.S,
    )
    if found is None:
        if "SignedInPath" in source and "SIGNED_IN_PAGES" in source:
            raise SpecError(f"{file}: cannot find where SIGNED_IN_PAGES ends")
        return None
    at = found.end() - 1
    return source[:at] + f"  {entry},\n" + source[at:]
