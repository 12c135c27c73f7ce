"""The resource generator: `scripts/new-resource.sh NAME FIELD... --owned` (or
`--org-scoped`) writes a resource in the shape of `items` (see development.md,
"Adding a resource")."""
