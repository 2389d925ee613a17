"""Runs every Gherkin feature in features/ end to end against the lab."""

from pytest_bdd import scenarios

scenarios(".")
