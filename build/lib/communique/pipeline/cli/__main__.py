"""python -m communique.pipeline.cli: the `communique` command without the console script."""

from communique.pipeline.cli.app import app

app()
