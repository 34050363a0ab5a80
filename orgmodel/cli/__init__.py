"""The ``orgmodel`` command line: validate, import, export and compare charts, without Qt.

One module per command (each adds its subcommand with ``register``), the
shared options and messages in ``common``. Exit codes: 0 no error-severity
finding (or success), 1 error findings, 2 the input or the arguments cannot
be used (message on stderr).
"""

from orgmodel.cli.main import main

__all__ = ["main"]
