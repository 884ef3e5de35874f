"""Shared fixtures. Factories live beside the tests of their app (tests/<app>/factories.py)."""
