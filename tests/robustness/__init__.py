"""Faults of the endpoint and bad input: typed errors, bounded retries, nothing leaked."""
