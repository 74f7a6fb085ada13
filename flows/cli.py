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

from flows.settings import DEFAULT_DB, DEFAULT_SOURCE, SEEDS_DIR, quiet_prefect

_typed = typer.core.TyperOption.display_type_rich


def _no_placeholder_for_flags(self: typer.core.TyperOption, ctx: typer.Context) -> str | None:
    """A flag (`--full`, `--help`) takes no value: no `<bool>` placeholder in `--help`."""
    return None if self.is_flag else _typed(self, ctx)


typer.core.TyperOption.display_type_rich = _no_placeholder_for_flags  # type: ignore[method-assign]

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


def _open_readonly(db: Path):  # noqa: ANN202 (duckdb is imported lazily: keep the CLI fast)
    """The warehouse opened read-only, or exit with one line saying why not."""
    import duckdb

    if not db.exists():
        _fail(f"warehouse not found: {db} (run `chitieu refresh` first)")
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as err:
        _fail(f"cannot open {db}: {str(err).splitlines()[0]}")


@app.command()
def refresh(
    source: Annotated[Path, typer.Option(
        "--source", help="Folder of report files (.txt, .html) to ingest, or a glob such as 'reports/**/*.html'."
    )] = DEFAULT_SOURCE,
    db: Annotated[Path, typer.Option("--db", help="DuckDB warehouse file to build.")] = DEFAULT_DB,
    full: Annotated[bool, typer.Option("--full", help="Re-read every file and re-parse every document.",
                                       metavar="")] = False,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Quarantine files larger than this "
                                          "(their bytes are kept in the lake).")] = 5.0,
    wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for another refresh to finish.")] = 0.0,
    force: Annotated[bool, typer.Option("--force", help="Replace --db even if it is not a chitieu warehouse.",
                                        metavar="")] = False,
    allow_removals: Annotated[bool, typer.Option(
        "--allow-removals", help="Let a scan remove more than half of the documents (refused by default: an "
        "emptied or unmounted source folder).", metavar="")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own log lines, and the "
                                          "traceback of a failure.", metavar="")] = False,
    alert_webhook: Annotated[str | None, typer.Option(
        "--alert-webhook", help="POST new failed checks, or a failed run, to this URL (default: "
        "$CHITIEU_ALERT_WEBHOOK).", show_default=False)] = None,
    task_runner: Annotated[str, typer.Option(
        "--task-runner", help="Where the parse shards run: default (worker processes) or dask.")] = "default",
    dask_address: Annotated[str | None, typer.Option(
        "--dask-address", help="A running Dask scheduler (tcp://host:8786); default: a local cluster.",
        show_default=False)] = None,
    shard_size: Annotated[int, typer.Option("--shard-size", help="Documents per parse task.")] = 2000,
) -> None:
    """Run the refresh flow (no Prefect server needed) and print a summary. A failure prints one line
    (exit 1); -v adds its traceback."""
    import os
    import time

    started = time.monotonic()
    quiet_prefect()
    if not verbose:  # Prefect would print its own traceback of a failure before ours
        os.environ["PREFECT_LOGGING_LEVEL"] = "CRITICAL"
        os.environ["CHITIEU_ECHO_STAGES"] = "1"  # the stage lines, which Prefect's log would have shown
        from prefect.settings import PREFECT_HOME

        from flows.ephemeral import quiet_temporary_server

        quiet_temporary_server(Path(PREFECT_HOME.value()) / "chitieu-temporary-server.log")
    from flows.checks import check_parameters

    max_bytes = int(max_mb * 1024 * 1024)
    try:
        if wait < 0:
            raise ValueError(f"--wait must be 0 or more seconds (got {wait:g})")
        if max_mb <= 0:
            raise ValueError(f"--max-mb must be positive (got {max_mb:g})")
        check_parameters(source, db, max_bytes, shard_size, force)
    except (ValueError, OSError, RuntimeError) as err:
        _fail(str(err), code=2 if isinstance(err, ValueError) else 1)
    from flows.refresh import with_task_runner

    try:
        refresh_flow = with_task_runner(task_runner, dask_address)
        summary = refresh_flow(source_dir=str(source), db_path=str(db), full_refresh=full, max_bytes=max_bytes,
                               lock_timeout_s=wait, alert_webhook=alert_webhook, shard_size=shard_size,
                               allow_removals=allow_removals, force=force)
    except Exception as err:  # one line for the user; -v (or the Prefect log) has the trace
        if verbose:
            import traceback

            traceback.print_exc()
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

    con = _open_readonly(db)
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
    _emit(cols, rows, fmt)


CHECKS_QUERY = """
select outcome, "check", source_files, message, check_id, reviewed, review_reason, expected, observed, tolerance,
    doc_ids, fact_ids
from marts.fct_consistency_checks
order by case outcome when 'fail' then 0 when 'warn' then 1 else 2 end, "check", source_files, message, check_id
"""


def _emit(cols: list[str], rows: list[tuple], fmt: Format) -> None:
    """Rows as CSV (lists joined with `;`) or as one JSON object per line."""
    if fmt is Format.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        w.writerows([[";".join(map(str, v)) if isinstance(v, list) else v for v in r] for r in rows])
        sys.stdout.write(buf.getvalue())
    else:
        for row in rows:
            typer.echo(json.dumps(dict(zip(cols, row, strict=True)), ensure_ascii=False, default=str))


def _doc_matches(arg: str, source_file: str, source_path: str | None) -> bool:
    """`--doc` names a report as ingested (its relative path), by its basename, or by a path ending
    in the relative path (`seeds/documents/001_....txt`)."""
    arg = arg.replace("\\", "/").removeprefix("./")
    rel = source_file.replace("\\", "/")
    if arg in (rel, source_path):
        return True
    if "/" not in arg:
        return arg == rel.rsplit("/", 1)[-1]
    return arg.endswith("/" + rel)


@app.command()
def checks(
    failed: Annotated[bool, typer.Option("--failed", help="Show failures (fail) only.")] = False,
    warned: Annotated[bool, typer.Option(
        "--warned", help="Show warnings (warn); with --failed, failures and warnings.")] = False,
    doc: Annotated[str | None, typer.Option(
        "--doc", help="Only findings about this report: its file name or its path as ingested.",
        show_default=False)] = None,
    db: Annotated[Path, typer.Option("--db", help="DuckDB warehouse file.")] = DEFAULT_DB,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """List the consistency findings (marts.fct_consistency_checks), most severe first: fail, warn,
    pass. Opens the warehouse read-only; exits 0 whatever it finds."""
    import duckdb

    con = _open_readonly(db)
    try:
        rel = con.sql(CHECKS_QUERY)
        cols = rel.columns
        rows = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
        docs = con.execute("select doc_id, source_file, source_path from cleaned.documents").fetchall()
    except duckdb.Error as err:
        _fail(f"{db}: {str(err).splitlines()[0]}")
        return
    finally:
        con.close()
    outcomes = {o for o, on in (("fail", failed), ("warn", warned)) if on}
    if outcomes:
        rows = [r for r in rows if r["outcome"] in outcomes]
    if doc is not None:
        wanted = {d for d, f, p in docs if _doc_matches(doc, f, p)}
        if not wanted:
            typer.echo(f"no document in {db} matches {doc}", err=True)
        rows = [r for r in rows if wanted & set(r["doc_ids"] or [])]
    if fmt is not Format.table:
        _emit(cols, [tuple(r.values()) for r in rows], fmt)
    else:
        width = max((len(r["check"]) for r in rows), default=0)
        for r in rows:
            files = ", ".join(r["source_files"]) or "-"
            message = r["message"] or ""
            if len(r["source_files"]) == 1:  # the file is in its own column
                message = message.removeprefix(f"{files}: ")
            note = f"  [reviewed: {r['review_reason']}]" if r["reviewed"] else ""
            typer.echo(f"{r['outcome'].upper():<4}  {r['check']:<{width}}  {files}  {message}{note}")


@app.command()
def report(
    db: Annotated[Path, typer.Option("--db", help="DuckDB warehouse file.")] = DEFAULT_DB,
    out: Annotated[Path | None, typer.Option(
        "--out", help="HTML file to write (default: report.html next to the warehouse).", show_default=False)] = None,
) -> None:
    """Write one static HTML page (works offline): the documents, every failed or warned consistency
    finding with its sentences, and a chart per locality and indicator. Prints the page's path."""
    import time

    import duckdb

    from flows.report_page import build_report, default_report_path, write_report

    started = time.monotonic()
    con = _open_readonly(db)
    try:
        page = build_report(con, db_path=db)
    except duckdb.Error as err:
        _fail(f"{db}: {str(err).splitlines()[0]}")
        return
    finally:
        con.close()
    path = write_report(page, out if out is not None else default_report_path(db))
    typer.echo(str(path))
    typer.echo(f"built in {time.monotonic() - started:.1f} s", err=True)


@app.command()
def explain(
    file: Annotated[Path | None, typer.Argument(
        help="Report file to audit, read with the same decoding as ingest (UTF-8, UTF-16, Windows-1258).",
        show_default=False)] = None,
    text: Annotated[str | None, typer.Option(
        "--text", help="Audit this text instead of a file.", show_default=False)] = None,
    json_out: Annotated[bool, typer.Option(
        "--json", help="One JSON object per number read (offsets into the cleaned text).", metavar="")] = False,
    color: Annotated[bool | None, typer.Option(
        "--color/--no-color", help="Colour the marks; default: when stdout is a terminal.",
        show_default=False)] = None,
) -> None:
    """Show every number read in a report: each sentence with its numbers marked (⟦fact⟧, ⟨other⟩),
    then per number the fact it became (metric, role, value, period, status, base, scope, parent)
    or why it is not a fact. Needs no warehouse."""
    from transforms.explain import doc_id_of, render_json, render_text
    from transforms.explain import explain as explain_text
    from transforms.ingest import DEFAULT_MAX_BYTES, decode_source

    if (file is None) == (text is None):
        _fail("give either a FILE or --text \"...\", not both" if file is not None
              else "give a FILE or --text \"...\" to explain", code=2)
    if file is not None:
        try:
            if file.stat().st_size > DEFAULT_MAX_BYTES:
                _fail(f"{file}: larger than the {DEFAULT_MAX_BYTES} byte limit ({file.stat().st_size} bytes)")
            with file.open("rb") as fh:
                data = fh.read()
        except OSError as err:
            _fail(f"{file}: {err.strerror or err}")
            return
        decoded, _ = decode_source(file.name, data, DEFAULT_MAX_BYTES)  # exactly as a refresh ingests it
        if decoded.reason is not None or decoded.text is None:
            _fail(f"{file}: {decoded.reason or 'not readable as text'}")
            return
        raw, doc_id, name = decoded.text, doc_id_of(data), file.name
    else:
        assert text is not None
        if not text.strip():
            _fail("--text is empty")
        raw, doc_id, name = text, None, ""
    from transforms.reference import load_reference

    try:
        ref = load_reference(SEEDS_DIR)
    except (OSError, ValueError, KeyError) as err:
        _fail(f"cannot load the reference data: {err}")
        return
    expl = explain_text(raw, ref, doc_id, name)
    if json_out:
        for rec in render_json(expl):
            typer.echo(json.dumps(rec, ensure_ascii=False))
        return
    use_color = sys.stdout.isatty() if color is None else color
    typer.echo(render_text(expl, color=use_color), color=use_color)


@app.command()
def serve(
    cron: Annotated[str, typer.Option("--cron", help="When to refresh (cron, in --timezone).")] = "0 6 * * *",
    timezone: Annotated[str, typer.Option("--timezone", help="IANA timezone of --cron.")] = "Asia/Ho_Chi_Minh",
    no_schedule: Annotated[bool, typer.Option(
        "--no-schedule", help="No schedule: runs start from the UI only.")] = False,
    source: Annotated[Path, typer.Option("--source", help="Default folder (or glob) of reports.")] = DEFAULT_SOURCE,
    db: Annotated[Path, typer.Option("--db", help="Default DuckDB warehouse file.")] = DEFAULT_DB,
    full: Annotated[bool, typer.Option("--full", help="Default: re-parse every document.")] = False,
    alert_webhook: Annotated[str | None, typer.Option(
        "--alert-webhook", help="Webhook for alerts, as a deployment parameter (shown in the UI; "
        "$CHITIEU_ALERT_WEBHOOK keeps it out of the UI).", show_default=False)] = None,
    api_url: Annotated[str | None, typer.Option(
        "--api-url", help="Prefect API (default: $PREFECT_API_URL, the Prefect profile's, else "
        "http://127.0.0.1:4200/api).", show_default=False)] = None,
) -> None:
    """Serve the refresh flow as the Prefect deployment `refresh/refresh`: a cron schedule (default
    06:00 Asia/Ho_Chi_Minh) and parameters editable in the UI. Needs `prefect server start`; runs
    until Ctrl-C (which pauses the schedule)."""
    import os

    quiet_prefect()
    from flows.serve import DEFAULT_API_URL, check_schedule, server_health

    try:
        check_schedule(None if no_schedule else cron, timezone)
    except ValueError as err:
        _fail(str(err), code=2)
    if api_url is None and not os.environ.get("PREFECT_API_URL"):
        from prefect.settings import get_current_settings

        api_url = get_current_settings().api.url or DEFAULT_API_URL
    if api_url is not None:
        os.environ["PREFECT_API_URL"] = api_url  # before Prefect's settings are read for the runs
    url = os.environ["PREFECT_API_URL"]
    problem = server_health(url)
    if problem is not None:
        _fail(f"no Prefect server at {url} ({problem}); start one with `uv run prefect server start`")
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.serve import serve_refresh

    schedule = "no schedule" if no_schedule else f"cron {cron!r} in {timezone}"
    typer.echo(f"serving refresh/refresh on {url.removesuffix('/api')} ({schedule}); Ctrl-C to stop", err=True)
    with temporary_settings({PREFECT_API_URL: url}):
        serve_refresh(None if no_schedule else cron, timezone, source, db, full, alert_webhook)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
