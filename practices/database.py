"""What the code asks of the database it runs on, asked one way."""

from django.db import DEFAULT_DB_ALIAS, connections


def is_postgresql(using: str = DEFAULT_DB_ALIAS) -> bool:
    """PostgreSQL keeps facet counts and search vectors by trigger; SQLite counts and searches
    live. Everything that differs between the two asks this."""
    return connections[using].vendor == "postgresql"
