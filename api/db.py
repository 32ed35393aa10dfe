"""A time limit on the SQL of one API request."""

import time
from contextlib import contextmanager

from django.db import DatabaseError, OperationalError, connection, transaction

SQLITE_CHECK_EVERY = 10_000  # SQLite virtual-machine instructions between deadline checks


@contextmanager
def statement_timeout(milliseconds):
    """Stop SQL that runs too long: on PostgreSQL any statement longer than
    `milliseconds` (`statement_timeout`, local to a transaction); on SQLite any
    statement still running `milliseconds` after the block began (from its
    progress handler)."""
    if connection.vendor == "postgresql":
        # A session setting rather than a transaction of our own: in autocommit every
        # statement is its own transaction, so one statement stopped does not doom the
        # others. Inside a caller's transaction, a savepoint keeps it usable afterwards.
        savepoint = transaction.savepoint() if connection.in_atomic_block else None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)", [f"{int(milliseconds)}ms"]
            )
        try:
            yield
        finally:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("RESET statement_timeout")
            except DatabaseError:
                if savepoint is None:
                    raise
                transaction.savepoint_rollback(savepoint)  # undoes the SET too
            else:
                if savepoint is not None:
                    transaction.savepoint_commit(savepoint)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        sqlite = connection.connection
        deadline = time.monotonic() + milliseconds / 1000
        sqlite.set_progress_handler(lambda: int(time.monotonic() > deadline), SQLITE_CHECK_EVERY)
        try:
            yield
        finally:
            sqlite.set_progress_handler(None, 0)
    else:
        yield


def is_statement_timeout(error):
    message = str(error)
    return isinstance(error, OperationalError) and (
        "statement timeout" in message or message == "interrupted"
    )
