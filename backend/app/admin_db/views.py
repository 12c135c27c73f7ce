"""One SQLAdmin view per table, made from the models themselves: a new
table appears in the panel without being listed anywhere."""

import types
from typing import Any

from sqladmin import ModelView
from sqladmin.filters import BooleanFilter, OperationColumnFilter
from sqlalchemy import JSON, Boolean, String, TypeDecorator, inspect
from sqlalchemy.orm import ColumnProperty
from sqlmodel.main import default_registry

from app.admin_db.account_rules import AccountRules
from app.admin_db.secrets import is_secret_column, secret_primary_key
from app.models import User

# Accounts are made through the dashboard or `app users create`, which give
# them what every account needs (a password or a link to choose one, and
# whatever else crud.create_user gives each); the panel only edits them.
NOT_CREATED_HERE = (User,)

# Views with rules of the app to keep, beyond what the database enforces.
GUARDED_VIEWS: dict[type[Any], type[ModelView]] = {User: AccountRules}


def table_models() -> list[type[Any]]:
    """Every model with a table, in table-name order."""
    models = [
        mapper.class_ for mapper in default_registry.mappers if mapper.local_table is not None
    ]
    return sorted(models, key=lambda model: model.__table__.name)


def visible_columns(model: type[Any]) -> list[ColumnProperty[Any]]:
    return [prop for prop in inspect(model).column_attrs if not is_secret_column(prop.key)]


def holds_text(prop: ColumnProperty[Any]) -> bool:
    column_type = prop.columns[0].type
    # SQLModel's strings are a TypeDecorator over String.
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    return isinstance(column_type, String)


def column_filter(model: type[Any], prop: ColumnProperty[Any]) -> Any:
    column = prop.columns[0]
    attribute = getattr(model, prop.key)
    if isinstance(column.type, Boolean):
        return BooleanFilter(attribute)
    if isinstance(column.type, JSON):
        return None
    return OperationColumnFilter(attribute)


def view_for(model: type[Any]) -> type[ModelView]:
    columns = visible_columns(model)
    attributes = [getattr(model, prop.key) for prop in columns]
    hidden = [
        getattr(model, prop.key) for prop in inspect(model).column_attrs if prop not in columns
    ]
    # When a row was made is its history, not data to edit (and the form,
    # which shows whole seconds, would shift it on every save).
    fixed = [model.created_at] if "created_at" in model.__table__.columns else []
    keyed_by_secret = secret_primary_key(model)
    searchable = [getattr(model, prop.key) for prop in columns if holds_text(prop)]
    filters = [f for prop in columns if (f := column_filter(model, prop)) is not None]
    settings: dict[str, Any] = {
        "name": model.__name__,
        "name_plural": model.__table__.name,
        "column_list": attributes,
        "column_details_list": attributes,
        "column_export_list": attributes,
        "column_sortable_list": attributes,
        "column_searchable_list": searchable,
        "column_filters": filters,
        "form_excluded_columns": hidden + fixed,
        "page_size": 25,
        "can_view_details": not keyed_by_secret,
        "can_edit": not keyed_by_secret,
        "can_delete": not keyed_by_secret,
        "can_create": not keyed_by_secret and model not in NOT_CREATED_HERE,
    }
    if "created_at" in model.__table__.columns:
        settings["column_default_sort"] = (model.created_at, True)
    return types.new_class(
        f"{model.__name__}Admin",
        (GUARDED_VIEWS.get(model, ModelView),),
        {"model": model},
        lambda namespace: namespace.update(settings),
    )
