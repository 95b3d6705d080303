"""Help text of positional arguments: a plain label (`INPUT...`), never a Python type.

Why a command class: typer 0.29 prints an argument's annotation after its
name (`inputs... <list[Path]>`), and `typer.Argument(metavar=...)` only
renames the name (`INPUT <list[Path]>`, usage `{INPUT}...`): the type is
added whatever the metavar. `LabelledCommand` shows an argument that has a
metavar by that metavar alone, in the usage line and in the Arguments
section; arguments without one and every option are left to typer.
"""

from __future__ import annotations

import click
from typer.core import TyperArgument, TyperCommand


def _label(param: click.Parameter) -> str | None:
    """The metavar of a positional argument, or None (typer's own rendering)."""
    if isinstance(param, TyperArgument) and param.metavar:
        return param.metavar
    return None


class LabelledCommand(TyperCommand):
    """A typer command whose arguments with a metavar read `INPUT...`, not `<list[Path]>`."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            label = _label(param)
            if label is None:
                pieces.extend(param.get_usage_pieces(ctx))
            else:
                pieces.append(label if param.required else f"[{label}]")
        return pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                label = _label(param)
                args.append((label, record[1]) if label else record)
            elif param.param_type_name == "option":
                opts.append(record)
        for title, records in (("Arguments", args), ("Options", opts)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)
