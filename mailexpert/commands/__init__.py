"""Sub-commands of the ``mailexpert`` command line, one module each (see mailexpert/cli.py)."""
