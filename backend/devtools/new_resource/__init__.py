"""The resource generator: `scripts/new-resource.sh NAME FIELD... --owned`
writes a whole resource, from the table to the page and its tests (see
development.md, "Adding a resource")."""
