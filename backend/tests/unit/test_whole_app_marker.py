"""The `whole_app` marker is what the resource generator's check runs after it
adds a resource (scripts/suites/generator.sh): the generated tests and every
test that reads all routes, schemas, tables or migrations, where a new
resource can break something that is not its own. A test that reads the whole
application without the marker would be skipped there, so this guards the
marker against the tests' text. The one other way out is `switch_routes`: a
test that starts the app with a setting that turns a capability off or on and
asserts only on that capability's own routes, which a new resource does not
add to; those start the app in another process, the slowest tests there are,
so the generator's check leaves them to the backend suites.

A test is marked itself, through its class, or through its module's
`pytestmark`. Reading the whole application in a test (its decorators
included) asks for a marker on that test; in a helper function, on every
test that names the helper (a fixture too); anywhere else (a constant, a
script held in a string, a class's helper), on the whole module."""

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
READS_THE_WHOLE_APP = re.compile(
    r"every_route\(|\.openapi\(|openapi\.json|iter_route_contexts|metadata\.tables"
)
WHOLE_APP = "pytest.mark.whole_app"
SWITCH_ROUTES = "pytest.mark.switch_routes"
MARKERS = (WHOLE_APP, SWITCH_ROUTES)

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Case:
    name: str
    reads_the_whole_app: bool
    marker: str | None

    @property
    def marked(self) -> bool:
        return self.marker is not None


@dataclass(frozen=True)
class Module:
    path: Path
    marker: str | None
    reads_the_whole_app_outside_functions: bool
    tests: list[Case]

    @property
    def marked(self) -> bool:
        return self.marker is not None


def text_of(node: ast.stmt, lines: list[str]) -> str:
    """A statement's source, decorators included."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return "\n".join(lines[first - 1 : node.end_lineno])


def marker_of(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str | None:
    decorators = {ast.unparse(decorator) for decorator in node.decorator_list}
    return next((marker for marker in MARKERS if marker in decorators), None)


def module_marker(tree: ast.Module) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            value = ast.unparse(node.value)
            return next((marker for marker in MARKERS if marker in value), None)
    return None


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        a.arg for a in ast.walk(node) if isinstance(a, ast.arg)
    }


def read_module(path: Path) -> Module:
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    marker = module_marker(tree)
    helpers: set[str] = set()
    candidates: list[tuple[Function, str | None]] = []
    elsewhere = False
    for node in tree.body:
        reads = bool(READS_THE_WHOLE_APP.search(text_of(node, lines)))
        if isinstance(node, Function) and node.name.startswith("test_"):
            candidates.append((node, None))
        elif isinstance(node, Function) and reads:
            helpers.add(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for member in node.body:
                member_reads = bool(READS_THE_WHOLE_APP.search(text_of(member, lines)))
                if isinstance(member, Function) and member.name.startswith("test_"):
                    candidates.append((member, marker_of(node)))
                elif member_reads:
                    elsewhere = True
        elif reads:
            elsewhere = True
    tests = [
        Case(
            name=node.name,
            reads_the_whole_app=bool(READS_THE_WHOLE_APP.search(text_of(node, lines)))
            or bool(helpers & names_in(node)),
            marker=marker_of(node) or class_marker or marker,
        )
        for node, class_marker in candidates
    ]
    return Module(path, marker, elsewhere, tests)


@cache
def every_test_module() -> tuple[Module, ...]:
    """Each test module read once, for every test here."""
    return tuple(
        read_module(path)
        for path in sorted(TESTS.rglob("test_*.py"))
        if path.name != Path(__file__).name
    )


def test_every_test_that_reads_the_whole_app_is_marked() -> None:
    unmarked = [
        f"{module.path.relative_to(TESTS)}::{test.name}"
        for module in every_test_module()
        for test in module.tests
        if test.reads_the_whole_app and not test.marked
    ]
    unmarked_modules = [
        str(module.path.relative_to(TESTS))
        for module in every_test_module()
        if module.reads_the_whole_app_outside_functions and not module.marked
    ]
    assert unmarked == []
    assert unmarked_modules == []


def test_the_markers_are_only_where_the_whole_app_is_read() -> None:
    marked_modules = [module for module in every_test_module() if module.marked]
    marked_tests = [
        test
        for module in every_test_module()
        if not module.marked
        for test in module.tests
        if test.marked
    ]
    assert all(
        module.reads_the_whole_app_outside_functions
        or any(test.reads_the_whole_app for test in module.tests)
        for module in marked_modules
    )
    assert all(test.reads_the_whole_app for test in marked_tests)
    # The slimmest generated project still has its migrations, bodies and route tests.
    whole_app = [m for m in marked_modules if m.marker == WHOLE_APP] + [
        t for t in marked_tests if t.marker == WHOLE_APP
    ]
    assert len(whole_app) >= 5


def test_a_helper_that_reads_the_whole_app_marks_the_tests_that_name_it(tmp_path: Path) -> None:
    module = tmp_path / "test_example.py"
    module.write_text(
        "import pytest\n"
        "def paths(): return app.openapi()['paths']\n"
        "def test_uses_the_helper(): assert paths()\n"
        "@pytest.mark.whole_app\n"
        "def test_marked(): assert paths()\n"
        "def test_unrelated(): assert True\n"
        "@pytest.mark.switch_routes\n"
        "def test_switch(): assert paths()\n"
        "class TestGroup:\n"
        "    @pytest.mark.parametrize('route', every_route())\n"
        "    def test_each(self, route): assert route\n"
    )
    tests = {test.name: test for test in read_module(module).tests}
    helper_user = tests["test_uses_the_helper"]
    assert (helper_user.reads_the_whole_app, helper_user.marked) == (True, False)
    assert (tests["test_marked"].reads_the_whole_app, tests["test_marked"].marked) == (True, True)
    assert tests["test_unrelated"].reads_the_whole_app is False
    assert tests["test_switch"].marker == SWITCH_ROUTES
    assert tests["test_each"].reads_the_whole_app is True
    assert read_module(module).reads_the_whole_app_outside_functions is False
