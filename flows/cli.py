"""`chitieu` command line: refresh the warehouse, query it, audit a report."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from flows.settings import DEFAULT_DB, DEFAULT_SOURCE, quiet_prefect

app = typer.Typer(
    help="chitieu: Vietnamese local-government reports → a checked DuckDB warehouse of indicators.",
    no_args_is_help=True,
    add_completion=False,
)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def refresh(
    source: Annotated[Path, typer.Option("--source", help="Folder of report files to ingest.")] = DEFAULT_SOURCE,
    db: Annotated[Path, typer.Option("--db", help="DuckDB warehouse file to build.")] = DEFAULT_DB,
    full: Annotated[bool, typer.Option("--full", help="Re-parse every document in raw.")] = False,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Quarantine files larger than this.")] = 5.0,
    wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for another refresh to finish.")] = 0.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own log lines.")] = False,
) -> None:
    """Run the refresh flow (no Prefect server needed) and print a summary."""
    import os
    import time

    started = time.monotonic()
    quiet_prefect()
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if not source.is_dir():
        _fail(f"source folder not found: {source}")
    from flows.refresh import refresh as refresh_flow

    try:
        summary = refresh_flow(source_dir=str(source), db_path=str(db), full_refresh=full,
                               max_bytes=int(max_mb * 1024 * 1024), lock_timeout_s=wait)
    except Exception as err:  # one line for the user; the Prefect log has the trace
        _fail(str(err).splitlines()[0] if str(err) else type(err).__name__)
        return
    typer.echo("")
    for line in summary.lines():
        typer.echo(line)
    typer.echo(f"total: {time.monotonic() - started:.1f} s including Prefect start-up")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run, e.g. \"select * from marts.fct_indicators limit 5\".")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB warehouse file.")] = DEFAULT_DB,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Query the warehouse read-only."""
    import duckdb

    if not db.exists():
        _fail(f"warehouse not found: {db} (run `chitieu refresh` first)")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as err:
        _fail(f"cannot open {db}: {err}")
        return
    try:
        rel = con.sql(query)
        if rel is None:
            return
        if fmt is Format.table:
            rel.show(max_width=200, max_rows=200, max_col_width=60)
            return
        cols = rel.columns
        rows = rel.fetchall()
    except duckdb.Error as err:
        _fail(str(err).splitlines()[0])
        return
    finally:
        con.close()
    if fmt is Format.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
    else:
        for row in rows:
            typer.echo(json.dumps(dict(zip(cols, row, strict=True)), ensure_ascii=False, default=str))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
