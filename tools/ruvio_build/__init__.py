"""Catalog and generator of the ruv.io build."""
