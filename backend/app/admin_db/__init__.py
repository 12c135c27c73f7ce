"""The database admin panel at /admin-db: every table, for superusers, when
ADMIN_DB_ENABLED (on by default in local development only).

SQLAdmin rather than starlette-admin: both browse SQLAlchemy models with
search, filters and forms, and both ship their scripts and styles in the
package. But starlette-admin's pages run inline scripts on every page and
import a web font from a third party, so the panel's Content-Security-Policy
would have to allow inline scripts and another origin; SQLAdmin's run only
the scripts of its package. SQLAdmin also runs its queries on a session
maker we hand it, which is where the audit trail hooks in (`audit.py`), and
its authentication backend may answer any response, which lets the panel
use the dashboard's sessions instead of a login form of its own
(`access.py`). starlette-admin has CSRF tokens where SQLAdmin has none: the
panel's SameSite=Strict cookie stands in for them.

What the panel never shows nor edits: columns holding password hashes,
token hashes and secrets (`secrets.SECRET_WORDS`), and the primary keys of
tables keyed by a token hash.
"""
