"""``python -m orgmodel.cli``: the ``orgmodel`` command."""

from orgmodel.cli.main import main

raise SystemExit(main())
