"""``python -m mailexpert``: the same as the ``mailexpert`` command."""

from mailexpert.cli import run

run()
