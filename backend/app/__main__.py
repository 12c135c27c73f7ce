"""`python -m app …`: the management command line (app/cli)."""

from app.cli.main import main

main()
