"""Organizations, their members, roles and invitations.

Everything a user keeps lives in an organization; each user has a personal
one. A route inside an organization sits under `/orgs/{org_id}/` and takes
`require_permission("feature:action")` (app.organizations.access), which
answers 404 to non-members and 403 to members whose role lacks the
permission. development.md, "Organizations", says how to use it.
"""
