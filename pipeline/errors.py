"""Errors a user can fix, shared by every command."""

EXIT_USAGE = 2


class UsageError(Exception):
    """A problem the user can fix (missing input, unwritable output, no model): exit status 2."""
