"""Rich output shared by the commands: one grep-able stderr line per input error."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from communique.models import InputError


def print_input_error(console: Console, error: InputError) -> None:
    """`error: INPUT [DOC_ID]: REASON (hint: HINT)` on one line, markup in names escaped."""
    where = f"{error.input} [{error.doc_id}]" if error.doc_id else error.input
    hint = f" (hint: {error.hint})" if error.hint else ""
    line = escape(f"{where}: {error.reason}{hint}")  # file names may look like markup
    console.print(f"[red]error[/]: {line}", markup=True, highlight=False, soft_wrap=True)
