"""A resource written by scripts/new-resource.sh, measured beside the app's
own routes: what a user's first resource gets without any tuning.

scripts/bench.sh writes it into a scratch copy of the tree (`python -m
bench.generated` prints the generator's arguments) and sets
BENCH_GENERATED_RESOURCE; without that variable only the app's routes are
measured. The seed reaches the generated code by name, since this tree does
not hold it.
"""

import os
import uuid
from typing import Any

from bench.scenarios import API, Endpoint

SINGULAR = "project"
PLURAL = "projects"
ARGUMENTS = (SINGULAR, "name:str:1-100", "description:text?", "--owned")
ENABLED = os.environ.get("BENCH_GENERATED_RESOURCE") == SINGULAR

LIST = Endpoint(f"GET /{PLURAL}/?limit=100", f"{API}/{PLURAL}/?limit=100", identity="reader")
READ = Endpoint(
    f"GET /{PLURAL}/{{id}}", f"{API}/{PLURAL}/{{reader_{SINGULAR}_id}}", identity="reader"
)
# The writer creates, so that the reader's list keeps its 100 rows.
CREATE = Endpoint(
    f"POST /{PLURAL}/",
    f"{API}/{PLURAL}/",
    method="POST",
    identity="writer",
    content_type="application/json",
    body='{{"name":"Benchmark project","description":"Written under load"}}',
)
ENDPOINTS = (READ, LIST, CREATE) if ENABLED else ()


async def add_rows(session: Any, owner_id: uuid.UUID, count: int) -> uuid.UUID:
    """`count` rows owned by `owner_id` through the generated crud; the last one's id."""
    from app import crud, models  # the generated names exist only in the copy

    create = getattr(crud, f"create_{SINGULAR}")
    create_model = getattr(models, f"{SINGULAR.capitalize()}Create")
    row: Any = None
    for number in range(count):
        body = create_model(name=f"Project {number}", description=f"Project {number}, seeded")
        row = await create(session=session, owner_id=owner_id, body=body)
    assert row is not None, "count must be positive"
    return uuid.UUID(str(row.id))


def main() -> None:
    print(" ".join(ARGUMENTS))


if __name__ == "__main__":
    main()
