"""The storage as a route dependency, so a test can swap it."""

from typing import Annotated

from fastapi import Depends

from app.files.storage import Storage, get_storage

StorageDep = Annotated[Storage, Depends(get_storage)]
