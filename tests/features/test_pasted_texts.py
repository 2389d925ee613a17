"""Runs features/pasted-texts.feature: real texts from mail programs, libraries and servers,
explained offline (the steps are the shared ones of tests/features/conftest.py)."""

from pytest_bdd import scenarios

scenarios("pasted-texts.feature")
