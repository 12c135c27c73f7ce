"""Tools for local development and end-to-end tests; never imported by the app."""
