#!/usr/bin/env python
"""A bounded load test: gunicorn with production settings on 127.0.0.1, concurrent keep-alive
clients, then requests per second, latency percentiles and the error count.

    .venv/bin/python bench/load.py [--seconds 15] [--connections 8] [--workers 3] [PATH ...]

It only ever talks to the gunicorn it starts on 127.0.0.1, stops after --seconds or
--max-requests, whichever comes first, and stops gunicorn on the way out. The database is the one
in DATABASE_URL (fill it first, e.g. with `bench/load_synthetic.py 100000`).
"""

import argparse
import http.client
import itertools
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ["/practices/"]


def production_env(**extra):
    """The production settings, with plain HTTP because the server runs on 127.0.0.1 only."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        AXES_ENABLED="0",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start listening on 127.0.0.1:{port}")


class Gunicorn:
    """Runs `gunicorn earlall_practices.wsgi` with production settings until the block ends."""

    def __init__(self, workers=3, **env):
        self.workers = workers
        self.env = env
        self.port = free_port()
        self.process = None

    def __enter__(self):
        env = production_env(**self.env)
        python = sys.executable
        subprocess.run(
            [python, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        gunicorn = Path(python).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "earlall_practices.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for_port(self.port)
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def warm_up(port, paths, *, connections=8, seconds=10.0):
    """Load the server, uncounted, so that each worker has filled its own catalogue cache: the
    figures are those of a server that has been up a while, not of one just started."""
    return run_load(port, paths, connections=connections, seconds=seconds)


def run_load(port, paths, *, connections=8, seconds=15.0, max_requests=200_000):
    """Request the paths round-robin from keep-alive clients, bounded in time and count."""
    latencies, errors, lock = [], [], threading.Lock()
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    def client(offset):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        while time.monotonic() < deadline and next(counter) < max_requests:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if response.status != 200:
                        errors.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{type(error).__name__} {path}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return summarise(latencies, errors, wall)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def summarise(latencies, errors, wall):
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "seconds": wall,
        "rps": len(latencies) / wall if wall else 0.0,
        "p50_ms": percentile(ordered, 0.50) * 1000,
        "p95_ms": percentile(ordered, 0.95) * 1000,
        "p99_ms": percentile(ordered, 0.99) * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000 if ordered else 0.0,
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
    }


def format_result(label, result):
    line = (
        f"{label:<28} {result['rps']:7.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
        f"p95 {result['p95_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  "
        f"{result['requests']:6d} requests  {result['errors']} errors"
    )
    if result["error_samples"]:
        line += f"  e.g. {', '.join(result['error_samples'])}"
    return line


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument(
        "--warm-up", type=float, default=10.0, help="seconds of uncounted load first (0: none)"
    )
    args = parser.parse_args(argv)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with Gunicorn(workers=args.workers) as server:
        if args.warm_up:
            warm_up(server.port, args.paths, connections=args.connections, seconds=args.warm_up)
        result = run_load(
            server.port,
            args.paths,
            connections=args.connections,
            seconds=args.seconds,
            max_requests=args.max_requests,
        )
    print(format_result(" ".join(args.paths)[:28], result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())


def first_requests_after_write(port, paths, write, *, requests=30):
    """The latencies of the first `requests` requests (one at a time, each on a new connection,
    so the workers take turns) after `write()` changed the catalogue: each worker recomputes the
    pages itself with the per-process cache, one does it for all with a shared one."""
    import http.client

    def get(path):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        return time.perf_counter() - started

    for _ in range(3 * len(paths) * 4):  # every worker has the pages cached
        for path in paths:
            get(path)
    write()
    return [get(paths[number % len(paths)]) for number in range(requests)]
