"""What an organization's resource adds beyond its own files: its
permissions (permissions_edit), and its routes' rows in the authorization
matrix with the rows of the world they are tried on."""

from typing import TYPE_CHECKING, Any

from devtools.new_resource import edits, permissions_edit
from devtools.new_resource.repo import Paths
from devtools.new_resource.spec import Resource, SpecError

if TYPE_CHECKING:
    from devtools.new_resource.render import Plan


def add_organization_parts(result: "Plan", paths: Paths, resource: Resource, render: Any) -> None:
    """An organization's resource: its permissions, and its routes' rows in
    the authorization matrix with the rows of the world they are tried on."""
    names = resource.names
    if not paths.permissions.exists():
        raise SpecError("backend/app/organizations/permissions.py is missing: no organizations")
    result.change(
        paths.permissions, permissions_edit.add_permissions(paths.permissions.read_text(), names)
    )
    file = "backend/tests/organizations/test_authorization_matrix.py"
    matrix = edits.insert_before_line(
        paths.matrix.read_text(),
        r"^\}",
        render("matrix_rows.py.j2"),
        file=file,
        what="the end of MATRIX",
        after=r"^MATRIX: dict\[str, Row\] = \{$",
    )
    result.change(paths.matrix, matrix)
    file = "backend/tests/organizations/world.py"
    world = edits.insert_before_line(
        paths.world.read_text(),
        r"^    await db\.commit\(\)\n    return World\(",
        render("world_rows.py.j2"),
        file=file,
        what="the end of build_world",
    )
    world = edits.add_python_import(
        world, "tests.factories", [f"create_{names.singular}"], file=file
    )
    result.change(paths.world, world)
