"""The database admin panel at /admin-db: every table, for superusers, when
ADMIN_DB_ENABLED (on by default in local development only).

SQLAdmin rather than starlette-admin: both browse SQLAlchemy models with
search, filters and forms, but SQLAdmin ships its scripts and styles in the
package (starlette-admin's pages load theirs from a CDN, which the panel's
Content-Security-Policy would have to allow), runs its own queries on an
async session maker we hand it, which is where the audit trail hooks in
(`audit.py`), and its authentication backend may answer any response,
which lets the panel use the dashboard's sessions instead of a login form
of its own (`access.py`).

What the panel never shows nor edits: columns holding password hashes,
token hashes and secrets (`views.SECRET_WORDS`), and the primary keys of
tables keyed by a token hash.
"""
