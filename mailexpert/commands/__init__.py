"""The command line's code: one module per sub-command (``diagnose``, ``demo``, ``replay``,
``explain``, ``rules``; see mailexpert/cli.py), and what only the command line uses --
terminal questions and progress (``interactive``, ``progress``), rule documentation,
example runs and scaffolding (``ruledocs``, ``ruletest``, ``scaffold``), report output."""
