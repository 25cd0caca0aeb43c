"""Helpers the test modules share, one module per topic; fixtures live in the conftest files."""
