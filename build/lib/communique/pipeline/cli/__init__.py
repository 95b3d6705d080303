"""The command line, and the only room that imports typer and rich.

`app` (app.py) is the `communique` console script; each command is in the
module named after it (run.py, evaluate.py, review.py) and calls plain
functions of the rooms, which return data and never print.
"""

from communique.pipeline.cli.app import app

__all__ = ["app"]
