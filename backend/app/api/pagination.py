"""Query parameters shared by the paginated lists."""

from typing import Annotated

from fastapi import Query

# Bounded above so that no value overflows the databases' 64-bit offsets.
Skip = Annotated[int, Query(ge=0, le=2_147_483_647)]
Limit = Annotated[int, Query(ge=1, le=100)]
