"""Background and scheduled jobs.

A job is a row of the `job` table, written in the same transaction as the
change that causes it, and run by a worker through procrastinate's queue
(PostgreSQL in production, in memory on SQLite). docs/operations.md,
"Background jobs", says how it works and how to add a kind of job.
"""
