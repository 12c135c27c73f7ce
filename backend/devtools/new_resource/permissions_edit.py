"""The edit of backend/app/organizations/permissions.py an organization's
resource needs: its four permissions, given to the built-in roles the way
items' are (Viewers read; Members also add, change and delete their own;
Admins and Owners change and delete anybody's). Built-in roles live in code,
not in the database, so no migration carries them; custom roles pick from
the same list, so their checklist shows the new ones too."""

import re

from devtools.new_resource.spec import Names, SpecError

FILE = "backend/app/organizations/permissions.py"
ACTIONS = ("read", "write", "delete", "admin")


def member(names: Names, action: str) -> str:
    return f"{names.plural.upper()}_{action.upper()}"


def descriptions(names: Names) -> dict[str, str]:
    plural = names.human_plural
    return {
        "read": f"See every {names.human}",
        "write": f"Add {plural} and change one's own",
        "delete": f"Delete one's own {plural}",
        "admin": f"Change and delete anybody's {plural}",
    }


def find(pattern: str, source: str, what: str) -> re.Match[str]:
    found = re.search(pattern, source, re.MULTILINE | re.DOTALL)
    if found is None:
        raise SpecError(f"{FILE}: cannot find {what} to add the new permissions to")
    return found


def add_lines(source: str, pattern: str, entries: list[str], what: str, indent: str) -> str:
    """`entries`, one per line, inserted where `pattern`'s group 1 starts (the
    line closing a list or set literal): after whatever ends it, a trailing
    comma or a comment."""
    found = find(pattern, source, what)
    lines = "".join(f"{indent}{entry},\n" for entry in entries)
    return source[: found.start(1)] + lines + source[found.start(1) :]


def add_permissions(source: str, names: Names) -> str:
    if re.search(rf"^    {member(names, 'read')} = ", source, re.MULTILINE):
        raise SpecError(f"{FILE} already defines {member(names, 'read')}")
    enum = find(r"^class Permission\(StrEnum\):\n((?:    [^\n]*\n)+)", source, "Permission")
    lines = "".join(
        f'    {member(names, action)} = "{names.plural}:{action}"\n' for action in ACTIONS
    )
    source = source[: enum.end(1)] + lines + source[enum.end(1) :]
    p = {action: f"P.{member(names, action)}" for action in ACTIONS}
    # A Member's extra permissions may be none yet, which the formatter writes on one line.
    source = source.replace(
        "MEMBER = EVERYONE | frozenset([])", "MEMBER = EVERYONE | frozenset(\n    [\n    ]\n)"
    )
    list_end = r"(    \]\n\)$)"
    source = add_lines(
        source,
        rf"^EVERYONE = frozenset\(\n    \[\n.*?^{list_end}",
        [p["read"]],
        "the EVERYONE list",
        " " * 8,
    )
    source = add_lines(
        source,
        rf"^MEMBER = EVERYONE \| frozenset\(\n    \[\n.*?^{list_end}",
        [p["write"], p["delete"]],
        "the MEMBER list",
        " " * 8,
    )
    source = add_lines(source, r"^ADMIN = MEMBER \| \{\n.*?^(\}$)", [p["admin"]], "ADMIN", " " * 4)
    table = find(r"^DESCRIPTIONS: dict\[Permission, str\] = \{\n.*?^(\})", source, "DESCRIPTIONS")
    entries = "".join(
        f'    {p[action]}: "{text}",\n' for action, text in descriptions(names).items()
    )
    return source[: table.start(1)] + entries + source[table.start(1) :]
