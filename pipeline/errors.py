"""Errors a user can fix, shared by every command, and the exit status each one gives.

    0    success (a --skip-existing run with nothing new included)
    1    the run or check finished but failed: no article written, too many dead letters, counts
         that do not reconcile, files that disagree with their manifest
    2    a problem to fix before anything runs: bad flags, missing input, unsafe or unwritable output
    130  interrupted (Ctrl-C)
"""

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """A problem the user can fix (missing input, unwritable output, no model): exit status 2."""


class CheckFailed(Exception):
    """Work that finished but must not be trusted (a run with no article, files that disagree with
    their manifest): exit status 1, the message says why."""
