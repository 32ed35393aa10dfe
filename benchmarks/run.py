"""POMOST API benchmark: `make benchmark` (or `.venv/bin/python -m benchmarks.run`).

Seeds PostgreSQL with 5,000 news pages and 500 organizations (once), serves the
app with gunicorn on 127.0.0.1, drives it with wrk for a fixed time per scenario
and prints throughput, p50/p95 latency and SQL queries per request for:
  (a) the portal's news list through GraphQL, response cache off,
  (b) the same content and fields through Wagtail's REST API v2,
  (c) the same GraphQL request served from the response cache,
  (d) a plain Django view returning the same bytes through the same stack,
with the ratios a/b (target >= 6) and c/d (target >= 0.8).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PORT = 8123
BASE_URL = f"http://127.0.0.1:{PORT}"


def ensure_database(url):
    """Create the benchmark's PostgreSQL database on first use."""
    if not url.startswith("postgres"):
        return
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def django_command(env, *args):
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True)


class Server:
    def __init__(self, env, workers):
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "cms.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(BASE_URL + "/bench/floor/", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def post(path, body=""):
    request = urllib.request.Request(
        BASE_URL + path,
        data=body.encode() or None,
        headers={"Content-Type": "application/json"} if body else {},
    )
    response = urllib.request.urlopen(request, timeout=60).read()
    if b'"errors"' in response:
        raise RuntimeError(f"{path}: {response[:300]!r}")


def wrk(path, seconds, connections, body=""):
    env = {**os.environ, "WRK_BODY": body}
    for _ in range(3 * connections):  # warm up: renditions, caches, every worker
        post(path, body)
    output = subprocess.run(
        [
            "wrk",
            "--threads",
            "1",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(Path(__file__).with_name("wrk.lua")),
            BASE_URL + path,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / result["seconds"]
    if result["errors"] or result["non_2xx"]:
        raise RuntimeError(f"{path}: {result['errors']} errors, {result['non_2xx']} non-2xx")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=15, help="load time per scenario")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per pair")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--news",
        type=int,
        default=5_000,
        help="news pages to seed (a database per size: pomost_bench_<N>)",
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")

    from benchmarks.scenarios import (
        FLOOR_PATH,
        GRAPHQL_BODY,
        GRAPHQL_PATH,
        PERSIST_BODY,
        PERSISTED_GET_PATH,
        REST_PATH,
        scale_bodies,
    )

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/pomost_bench_{options.news}"
    )
    ensure_database(database_url)
    floor_file = Path(tempfile.mkdtemp()) / "news.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "BENCH_DATABASE_URL": database_url,
        "BENCH_FLOOR_FILE": str(floor_file),
        "PYTHONPATH": str(ROOT),
        "BENCH_NEWS": str(options.news),
    }
    django_command(env, "-m", "benchmarks.seed")
    # Cached answers of another size's database must not answer for this one.
    redis.Redis.from_url(os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")).flushdb()
    measured = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", str(floor_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    queries = json.loads(measured.strip().splitlines()[-1])
    scale = scale_bodies(queries["page_path"], queries["organization_slug"])

    # Each pair is measured in alternating rounds and each figure is the median
    # of its rounds: a shared machine's speed drifts, and a ratio of two
    # figures taken minutes apart would measure the drift.
    runs = {key: [] for key in "abcdefg"}
    round_seconds = max(1, options.seconds // options.rounds)
    server = Server({**env, "API_RESPONSE_CACHE_SECONDS": "0"}, options.workers)
    try:
        for _ in range(options.rounds):
            runs["a"].append(wrk(GRAPHQL_PATH, round_seconds, options.connections, GRAPHQL_BODY))
            runs["b"].append(wrk(REST_PATH, round_seconds, options.connections))
        for _ in range(options.rounds):
            for key, body in scale.items():
                runs[key].append(wrk(GRAPHQL_PATH, round_seconds, options.connections, body))
    finally:
        server.stop()
    server = Server(env, options.workers)
    try:
        post(GRAPHQL_PATH, PERSIST_BODY)  # registers the persisted query
        for _ in range(options.rounds):
            runs["c"].append(wrk(PERSISTED_GET_PATH, round_seconds, options.connections))
            runs["d"].append(wrk(FLOOR_PATH, round_seconds, options.connections))
    finally:
        server.stop()
    results = {
        key: {
            figure: statistics.median(run[figure] for run in rounds)
            for figure in ("rps", "p50_ms", "p95_ms")
        }
        for key, rounds in runs.items()
    }

    labels = {
        "a": ("GraphQL news list, uncached", queries["graphql"]),
        "b": ("REST API v2, same fields", queries["rest"]),
        "c": ("GraphQL from cache, APQ GET", queries["graphql_cached"]),
        "d": ("plain Django view, same bytes", queries["floor"]),
        "e": ("news list with its total", queries["scale_sql"]["e"]),
        "f": ("a page by URL path", queries["scale_sql"]["f"]),
        "g": ("an organization by slug", queries["scale_sql"]["g"]),
    }
    print(
        f"\nPOMOST API benchmark — {platform.node()}, {os.cpu_count()} CPUs, "
        f"{options.workers} gunicorn workers, wrk {options.connections} connections, "
        f"{options.rounds} alternating rounds of {round_seconds} s, medians; "
        f"{queries['news_pages']} news pages; response {queries['graphql_bytes']} bytes"
    )
    print(f"{'scenario':<34}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'SQL/req':>10}")
    for key, (label, sql) in labels.items():
        r = results[key]
        print(
            f"({key}) {label:<30}{r['rps']:>10.1f}{r['p50_ms']:>10.2f}{r['p95_ms']:>10.2f}{sql:>10}"
        )
    ab = results["a"]["rps"] / results["b"]["rps"]
    cd = results["c"]["rps"] / results["d"]["rps"]
    print(f"\na/b = {ab:.2f} (target >= 6)   c/d = {cd:.2f} (target >= 0.8)")
    spread = [run["rps"] / other["rps"] for run, other in zip(runs["a"], runs["b"], strict=True)]
    print(f"a/b by round: {', '.join(f'{ratio:.2f}' for ratio in spread)}")


if __name__ == "__main__":
    main()
