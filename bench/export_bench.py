#!/usr/bin/env python
"""The CSV export at 1,000 and 100,000 rows: rows per second and peak memory, beside PostgreSQL's
own `COPY (SELECT ...) TO STDOUT` of the same rows. A benchmark, not a test: run it on demand.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/earlall_bench
    .venv/bin/python bench/export_bench.py                  # 1,000 and 100,000 rows
    .venv/bin/python bench/export_bench.py --sizes 1000 10000 --heap

It expects a database already filled, e.g. by `bench/load_synthetic.py 100000` (`make bench`
does that first). Each size runs in a child process of its own, so the peak memory
(ru_maxrss) it reports belongs to that export alone; "+MB" is the growth over the same process
just before the export. Each size runs `--runs` times, export and COPY alternated, and the
medians are reported. The export goes through the public view's code (`csv_response` over
the list page's FilterSet, sliced to the size), and the whole response is read. COPY runs the
export's own SQL (`export_rows_queryset`), so the ratio measures what the Python side costs.
The machines are shared: compare the ratios, not single times.
"""

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = [1_000, 100_000]


def configure_django():
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_practices.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def practices_for(size: int):
    """The first `size` rows of the unfiltered list page, in its order."""
    from django.http import QueryDict

    from practices.browse.selectors import filter_practices

    return filter_practices(QueryDict()).qs[:size]


def measure_export(size: int) -> dict:
    """Time the export view's response for `size` rows, reading it to the end."""
    from django.test import RequestFactory

    from practices.exchange.export import base_url_of, csv_response

    request = RequestFactory().get("/practices/export.csv")
    queryset = practices_for(size)
    rows = queryset.count()
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    response = csv_response(queryset, base_url=base_url_of(request))
    size_bytes = 0
    for chunk in response.streaming_content:
        size_bytes += len(chunk)
    seconds = time.perf_counter() - started
    rss_after = peak_rss_mb()
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds if seconds else 0.0,
        "mb": size_bytes / 1024 / 1024,
        "peak_rss_mb": rss_after,
        "rss_growth_mb": rss_after - rss_before,
    }


def measure_python_heap(size: int) -> float:
    """The export's peak of Python allocations (tracemalloc), in MB: a second, slower pass."""
    import tracemalloc

    from practices.exchange.export import iter_csv

    tracemalloc.start()
    for _chunk in iter_csv(practices_for(size), base_url="http://testserver"):
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def measure_copy(size: int) -> dict | None:
    """PostgreSQL's COPY of the export's own SQL for the same rows; None on other databases."""
    from django.db import connection, transaction

    from practices.database import is_postgresql
    from practices.exchange.export import export_rows_queryset

    if not is_postgresql():
        return None
    sql, params = export_rows_queryset(practices_for(size)).query.sql_with_params()
    statement = f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH (FORMAT csv)"
    started = time.perf_counter()
    size_bytes = rows = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # as the export does: the same settings
        with cursor.copy(statement) as copy:
            for data in copy:
                size_bytes += len(data)
        rows = cursor.rowcount
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds if seconds else 0.0,
        "mb": size_bytes / 1024 / 1024,
    }


def median_of(runs: list[dict]) -> dict:
    """The run with the median time (its rows per second); the peak memory is the highest."""
    chosen = dict(sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2])
    if "peak_rss_mb" in chosen:
        chosen["peak_rss_mb"] = max(run["peak_rss_mb"] for run in runs)
        chosen["rss_growth_mb"] = max(run["rss_growth_mb"] for run in runs)
    return chosen


def child(size: int, runs: int, heap: bool) -> None:
    configure_django()
    from django.db import connection

    connection.ensure_connection()
    exports, copies = [], []
    for _ in range(runs):  # alternated, so both see the same load on a shared machine
        exports.append(measure_export(size))
        copies.append(measure_copy(size))
    result = {
        "size": size,
        "export": median_of(exports),
        "copy": median_of(copies) if copies[0] else None,
    }
    result["export"]["heap_mb"] = measure_python_heap(size) if heap else None
    print(json.dumps(result))


def run_child(size: int, runs: int, heap: bool) -> dict:
    command = [sys.executable, __file__, "--child", str(size), "--runs", str(runs)]
    completed = subprocess.run(
        [*command, *(["--heap"] if heap else [])],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"export benchmark for {size:,} rows failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def report(results: list[dict]) -> None:
    print(
        f"CSV export, median of the runs (load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores)"
    )
    print(
        f"{'rows':>9} {'export s':>9} {'rows/s':>9} {'MB':>7} {'peak RSS':>9} {'+MB':>6}"
        f" {'COPY s':>8} {'COPY rows/s':>12} {'export/COPY':>12}"
    )
    for result in results:
        export, copy = result["export"], result["copy"]
        line = (
            f"{export['rows']:>9,} {export['seconds']:>9.2f} {export['rows_per_s']:>9,.0f} "
            f"{export['mb']:>7.1f} {export['peak_rss_mb']:>7.1f}MB {export['rss_growth_mb']:>6.1f}"
        )
        if copy:
            ratio = export["rows_per_s"] / copy["rows_per_s"] if copy["rows_per_s"] else 0
            line += f" {copy['seconds']:>8.2f} {copy['rows_per_s']:>12,.0f} {ratio:>11.0%}"
        else:
            line += f" {'(COPY is PostgreSQL only)':>34}"
        if export.get("heap_mb") is not None:
            line += f"  Python heap peak {export['heap_mb']:.1f} MB"
        print(line)
    if len(results) > 1:
        small, large = results[0]["export"], results[-1]["export"]
        print(
            f"memory: {large['rows']:,} rows peak {large['peak_rss_mb']:.1f} MB, "
            f"{large['peak_rss_mb'] - small['peak_rss_mb']:+.1f} MB against {small['rows']:,} rows "
            "(goal: a few MB)"
        )
    last = results[-1]
    if last["copy"]:
        ratio = last["export"]["rows_per_s"] / last["copy"]["rows_per_s"]
        verdict = "met" if ratio >= 0.5 else "MISSED"
        print(f"speed: the export at {ratio:.0%} of COPY's rows/s (goal >= 50%): {verdict}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per size, export and COPY alternated (median)"
    )
    parser.add_argument(
        "--heap",
        action="store_true",
        help="also measure the peak of Python allocations (tracemalloc), in a second pass",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.runs, args.heap)
        return
    results = [run_child(size, args.runs, args.heap) for size in args.sizes]
    available = min(result["export"]["rows"] for result in results[-1:])
    if available < max(args.sizes):
        print(
            f"note: the database has only {available:,} published practices; fill it with "
            f"`bench/load_synthetic.py {max(args.sizes)}` for the full run."
        )
    report(results)


if __name__ == "__main__":
    main()
