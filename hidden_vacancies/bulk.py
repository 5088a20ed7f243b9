"""Saving many rows at once from plain tuples, for the import and the fit.

`bulk_create(update_conflicts=True)` does the same job, but builds a model instance
per row and prepares every value through its field, and its multi-row INSERT costs
PostgreSQL about 150 µs a row here. On PostgreSQL, rows are therefore streamed with
COPY (into a temporary table, then INSERT … SELECT … ON CONFLICT for an upsert): about
ten times faster. Elsewhere (SQLite) a multi-row INSERT … ON CONFLICT is used. Both give
the same rows.
"""

from django.db import connection, transaction

MAX_PARAMETERS = 30_000  # below SQLite's limit of 32,766 bound values per statement
MAX_ROWS = 1000


def upsert(model, columns, rows, unique=(), update=()):
    """Insert `rows` (tuples in the order of `columns`, which are column names); on a
    conflict on `unique`, update the `update` columns, or keep the row if none."""
    rows = list(rows)
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        return _copy(model, columns, rows, unique, update)
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 - quoted names only
    tail = _on_conflict(unique, update, quote)
    per_statement = max(1, min(MAX_ROWS, MAX_PARAMETERS // len(columns)))
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            # Only table and column names (quoted) are put in the text; values are bound.
            sql = head + ", ".join([row_sql] * len(chunk)) + tail  # noqa: S608
            cursor.execute(sql, [value for row in chunk for value in row])
    return len(rows)


def _copy(model, columns, rows, unique, update):
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    target = table if not unique else "hidden_vacancies_stage"
    with transaction.atomic(), connection.cursor() as cursor:
        if unique:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {target} AS SELECT {names} FROM {table} WITH NO DATA"  # noqa: S608
            )
        with cursor.cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if unique:
            tail = _on_conflict(unique, update, quote)
            cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {target}{tail}")  # noqa: S608
            cursor.execute(f"DROP TABLE {target}")
    return len(rows)


def _on_conflict(unique, update, quote):
    if not unique:
        return ""
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
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def date_value(day):
    """A date as the database driver wants it (a string for SQLite)."""
    return connection.ops.adapt_datefield_value(day)


def analyze(model):
    """Refresh PostgreSQL's statistics of a table just rewritten, so searches are
    planned for what it now holds (autovacuum would, but later)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
