"""Test doubles that speak real protocols over loopback sockets (no network, no model)."""
