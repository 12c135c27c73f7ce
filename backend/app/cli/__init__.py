"""The management command line: `uv run app …` or `python -m app …`.

Built on Typer (the CLI library from FastAPI's author, already installed by
`fastapi[standard]`): commands are plain typed functions, `--help` and shell
completion come with it. Each command group is a module here; `main.py`
puts them together.
"""
