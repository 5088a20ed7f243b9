"""Saving many rows at once from plain tuples, for the import and the fit.

`bulk_create(update_conflicts=True)` does the same job, but builds a model instance
per row and prepares every value through its field, and its multi-row INSERT costs
PostgreSQL about 150 µs a row here. On PostgreSQL, rows are therefore streamed with
COPY (into a temporary table, then INSERT … SELECT … ON CONFLICT for an upsert): about
ten times faster. Elsewhere (SQLite) a multi-row INSERT … ON CONFLICT is used. Both give
the same rows.

Only table and column names (quoted) are ever put in the SQL text; values are bound or
copied, hence the `noqa: S608` below.
"""

from contextlib import contextmanager

from django.db import connection, transaction

MAX_PARAMETERS = 30_000  # below SQLite's limit of 32,766 bound values per statement
MAX_ROWS = 1000


def quote(name):
    return connection.ops.quote_name(name)


def table_of(model):
    return model._meta.db_table


def upsert(model, columns, rows, unique=(), update=()):
    """Insert `rows` (tuples in the order of `columns`, which are column names); on a
    conflict on `unique`, update the `update` columns, or keep the row if none."""
    rows = list(rows)
    if not rows:
        return 0
    if not unique:
        append(table_of(model), columns, rows)
    else:
        with transaction.atomic(), staging(model, columns) as stage:
            append(stage, columns, rows)
            move(stage, model, columns, tail=_on_conflict(unique, update))
    return len(rows)


@contextmanager
def staging(model, columns):
    """A temporary table with `model`'s `columns` (types only, no constraints)."""
    stage = f"{table_of(model)}_stage"
    names = ", ".join(map(quote, columns))
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {quote(stage)} AS "  # noqa: S608
            f"SELECT {names} FROM {quote(table_of(model))} WHERE 1 = 0"
        )
    try:
        yield stage
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {quote(stage)}")


def append(table, columns, rows):
    """Add `rows` to `table` as they are: COPY on PostgreSQL, INSERT elsewhere."""
    names = ", ".join(map(quote, columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
        per_statement = max(1, min(MAX_ROWS, MAX_PARAMETERS // len(columns)))
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([row_sql] * len(chunk))
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES {values}"  # noqa: S608
            cursor.execute(sql, [value for row in chunk for value in row])


def move(stage, model, columns, order=(), tail=""):
    """INSERT the staged rows into `model`'s table, in `order` if given."""
    names = ", ".join(map(quote, columns))
    sql = f"INSERT INTO {quote(table_of(model))} ({names}) SELECT {names} FROM {quote(stage)}"  # noqa: S608
    if order:
        sql += " ORDER BY " + ", ".join(map(quote, order))
    elif tail:
        # SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT (parsing ambiguity).
        sql += " WHERE true"
    with connection.cursor() as cursor:
        cursor.execute(sql + tail)


def _on_conflict(unique, update):
    target = ", ".join(map(quote, unique))
    if not update:
        return f" ON CONFLICT ({target}) DO NOTHING"
    changes = ", ".join(f"{quote(name)} = EXCLUDED.{quote(name)}" for name in update)
    return f" ON CONFLICT ({target}) DO UPDATE SET {changes}"


def delete_all(model):
    """DELETE every row in one statement. QuerySet.delete() would fetch the rows first
    when any delete signal is connected (Wagtail connects some), which for millions of
    rows takes minutes. Only for tables nothing else points to."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(table_of(model))}")  # noqa: S608


def lock_for_transaction(key):
    """On PostgreSQL, wait until no other transaction holds `key` (an integer), and hold
    it until this one ends: two fits started at once then run one after the other."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def analyze(model):
    """Refresh PostgreSQL's statistics of a table just rewritten, so searches are
    planned for what it now holds (autovacuum would, but later)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {quote(table_of(model))}")


def date_value(day):
    """A date as the database driver wants it (a string for SQLite)."""
    return connection.ops.adapt_datefield_value(day)
