"""newsarchive: raw article captures in, a durable, searchable archive site out."""

__version__ = "0.1.0"
