"""Command line: parse, check everything, then write (see __init__)."""

import argparse
import os
import sys
from pathlib import Path

from devtools.new_resource.apply import Snapshot, StepFailed, finish, write
from devtools.new_resource.render import plan
from devtools.new_resource.repo import Paths
from devtools.new_resource.spec import KINDS, SpecError, parse_resource

USAGE = """\
fields are NAME:TYPE[:DETAILS][?], `?` making the field optional (nullable):
  title:str:1-255    text of 1 to 255 characters (str alone: 1-255)
  notes:text         long text, up to 10,000 characters (text:MIN-MAX to change)
  estimate:int       whole number (int:MIN-MAX to bound it)
  done:bool          true or false, false unless given
  due:date           a calendar date
  priority:enum:low,normal,high
  project:ref:project  project_id, pointing to a row of a resource of the same scope
"""


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/new-resource.sh",
        description="Write a resource (models, crud, routes, migration, tests; with the "
        "dashboard, its client and page too).",
        epilog=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", help="singular snake_case name, e.g. project or time_entry")
    parser.add_argument("fields", nargs="*", help=f"NAME:TYPE ({', '.join(KINDS)})")
    parser.add_argument(
        "--owned", action="store_true", help="each row belongs to the user who created it"
    )
    # region capability: organizations
    parser.add_argument(
        "--org-scoped",
        action="store_true",
        help="each row belongs to an organization, reached through role permissions",
    )
    # endregion capability: organizations
    parser.add_argument("--plural", help="the plural when adding s is wrong (person: people)")
    parser.add_argument(
        "--dry-run", action="store_true", help="check and list the files, write nothing"
    )
    return parser.parse_intermixed_args(argv)


def repo_root() -> Path:
    return Path(os.environ.get("REPO_ROOT") or Path(__file__).resolve().parents[3])


def main(argv: list[str]) -> int:
    args = arguments(argv)
    paths = Paths(repo_root())
    try:
        resource = parse_resource(
            args.name,
            args.fields,
            owned=args.owned,
            # region capability: organizations
            org_scoped=args.org_scoped,
            # endregion capability: organizations
            plural=args.plural,
        )
        the_plan = plan(paths.root, resource)
    except SpecError as error:
        print(f"new-resource: {error}", file=sys.stderr)
        return 2
    listed = sorted(
        [f"changed {p.relative_to(paths.root)}" for p in the_plan.changed]
        + [f"created {p.relative_to(paths.root)}" for p in the_plan.created]
    )
    if args.dry_run:
        print("\n".join(listed))
        return 0
    snapshot = Snapshot(paths, the_plan)
    try:
        write(the_plan)
        migration = finish(paths, resource, the_plan)
    except (StepFailed, OSError, KeyboardInterrupt) as error:
        snapshot.restore()
        reason = "interrupted" if isinstance(error, KeyboardInterrupt) else str(error)
        print(f"new-resource: {reason}", file=sys.stderr)
        print("new-resource: every file is back as it was", file=sys.stderr)
        return 1
    listed.append(f"created {migration.relative_to(paths.root)}")
    if paths.has_dashboard:
        listed += [
            "changed frontend/src/client/ (regenerated)",
            "changed frontend/src/routeTree.gen.ts (regenerated)",
        ]
    print("\n".join(listed))
    print(f"new-resource: {resource.names.plural} written; run the checks (development.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
