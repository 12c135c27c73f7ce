"""The `whole_app` marker is what the resource generator's check runs after it
adds a resource (scripts/suites/generator.sh): the generated tests and every
test that reads all routes, schemas, tables or migrations, where a new
resource can break something that is not its own. A test module that reads
the whole application without the marker would be skipped there, so this
guards the marker against the modules' text."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
READS_THE_WHOLE_APP = re.compile(
    r"every_route\(|\.openapi\(|openapi\.json|iter_route_contexts|metadata\.tables"
)
MARKED = re.compile(r"^pytestmark = pytest\.mark\.whole_app$", re.MULTILINE)


def test_every_module_that_reads_the_whole_app_is_marked() -> None:
    unmarked = [
        str(path.relative_to(TESTS))
        for path in sorted(TESTS.rglob("test_*.py"))
        if path.name != Path(__file__).name
        and READS_THE_WHOLE_APP.search(text := path.read_text())
        and not MARKED.search(text)
    ]
    assert unmarked == []


def test_the_pattern_finds_the_modules_it_is_for() -> None:
    marked = [path for path in TESTS.rglob("test_*.py") if MARKED.search(path.read_text())]
    # The slimmest generated project still has its migrations, bodies and route tests.
    assert len(marked) >= 5
    assert all(READS_THE_WHOLE_APP.search(path.read_text()) for path in marked)
