import json
import uuid
from collections import namedtuple
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from app.api.responses import page_response, record_response

Row = namedtuple("Row", ["id", "name", "created_at", "total"])
ROWS = [
    Row(uuid.UUID(int=1), "first", datetime(2026, 1, 2, 3, 4, 5, 600000, tzinfo=UTC), 2),
    Row(uuid.UUID(int=2), "second", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), 2),
]


def page(model: type[BaseModel], rows: list[Row], count: int) -> Any:
    return json.loads(bytes(page_response(model, rows, count).body))


class Named(BaseModel):
    id: uuid.UUID
    name: str
    created_at: datetime


class OnlyName(BaseModel):
    name: str


def test_a_page_holds_the_models_fields_of_each_row_as_the_model_would_write_them() -> None:
    body = page(Named, ROWS, 2)
    expected = [json.loads(Named.model_validate(row._asdict()).model_dump_json()) for row in ROWS]
    assert body == {"data": expected, "count": 2}
    assert body["data"][0]["created_at"] == "2026-01-02T03:04:05.600000Z"


def test_a_one_field_model_and_an_empty_page_are_pages_too() -> None:
    assert page(OnlyName, ROWS, 2)["data"] == [
        {"name": "first"},
        {"name": "second"},
    ]
    assert page(OnlyName, [], 0) == {"data": [], "count": 0}


def test_a_record_holds_the_models_fields_as_the_model_would_write_them() -> None:
    fields = ROWS[0]._asdict() | {"unshown": "secret"}
    body = json.loads(bytes(record_response(Named, fields).body))
    assert body == json.loads(Named.model_validate(fields).model_dump_json())
    assert set(body) == {"id", "name", "created_at"}
