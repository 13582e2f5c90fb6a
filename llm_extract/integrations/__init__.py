"""Integrations with other frameworks, each behind its own optional extra.

Nothing in the core library imports this package; each module imports its framework lazily.
"""
