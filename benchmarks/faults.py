"""Faults under load: `.venv/bin/python -m benchmarks.faults` (never in CI).

Starts its own PostgreSQL and Redis on other ports (never the shared ones) in a
temporary directory, the app under gunicorn with the production settings and
the task worker, and drives GraphQL GETs at it from a few threads on loopback
while it, in turn:

1. restarts PostgreSQL (fast shutdown, start again);
2. stops Redis for a while, then starts it again;
3. kills one gunicorn worker with SIGKILL.

It reports the requests sent, the errors by kind, and for each fault the
seconds from the fault to the first of a run of successful answers. Bounded:
about a minute of load, everything on 127.0.0.1, everything it started stopped
and removed at the end.
"""

import argparse
import collections
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = next(Path("/usr/lib/postgresql").glob("*/bin"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Ports of its own, never the shared PostgreSQL's or Redis's.
PG_PORT, REDIS_PORT, APP_PORT = free_port(), free_port(), free_port()
QUERIES = [
    "{ news(limit: 5) { total items { title } } }",
    '{ page(urlPath: "/historia/") { title } }',
    '{ organization(slug: "fundacja-arche") { name } }',
]
HEALTHY_RUN = 5  # successful answers in a row that count as recovered


class Load:
    """Threads sending GETs; every outcome recorded with its time."""

    def __init__(self, threads):
        self.outcomes = []  # (monotonic time, "ok" or error kind)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.run, args=(number,), daemon=True)
            for number in range(threads)
        ]

    def run(self, number):
        sequence = 0
        while not self.stop.is_set():
            sequence += 1
            # Half the requests vary, so that they reach the database.
            query = QUERIES[sequence % len(QUERIES)]
            if sequence % 2:
                query = query.replace("{", f"{{ __typename n{number}x{sequence}: __typename ", 1)
            url = f"http://127.0.0.1:{APP_PORT}/graphql/?" + urllib.parse.urlencode(
                {"query": query}
            )
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    kind = "ok" if response.status == 200 else f"http {response.status}"
            except urllib.error.HTTPError as error:
                kind = f"http {error.code}"
            except OSError as error:
                kind = type(getattr(error, "reason", error)).__name__
            with self.lock:
                self.outcomes.append((time.monotonic(), kind))
            if kind != "ok":
                time.sleep(0.05)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)

    def recovered_at(self, since):
        """When the first run of HEALTHY_RUN successes after `since` began (the
        seconds to recover: from the fault to the answers after its last error)."""
        with self.lock:
            after = [(at, kind) for at, kind in self.outcomes if at >= since]
        streak = []
        for at, kind in after:
            streak = [*streak, at] if kind == "ok" else []
            if len(streak) == HEALTHY_RUN:
                return streak[0]
        return None


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{result.stderr[-2000:]}")
    return result


def as_postgres(*command):
    return ["runuser", "-u", "postgres", "--", *map(str, command)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--redis-down", type=float, default=8.0, help="seconds without Redis")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pomost-faults-"))
    shutil.chown(work, "postgres")
    data = work / "pg"
    processes = []
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "faults-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/pomost",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    pg_ctl = [PG_BIN / "pg_ctl", "-D", data, "-w", "-o", f"-p {PG_PORT} -k {work} -h 127.0.0.1"]
    try:
        print("starting PostgreSQL and Redis of its own…", flush=True)
        run(as_postgres(PG_BIN / "initdb", "-D", data, "-A", "trust", "-U", "postgres"))
        run(as_postgres(*pg_ctl, "-l", work / "pg.log", "start"))
        run(as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", PG_PORT, "pomost"))
        redis = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--save", "", "--bind", "127.0.0.1"],
            stdout=subprocess.DEVNULL,
        )
        processes.append(redis)
        manage = [sys.executable, "manage.py"]
        for command in (["migrate", "--no-input", "-v0"], ["load_pomost"]):
            run([*manage, *command], cwd=ROOT, env=env)
        app = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{APP_PORT}",
                "--workers",
                str(options.workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(work / "gunicorn.log").open("w"),
        )
        processes.append(app)
        worker = subprocess.Popen(
            [*manage, "db_worker", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(worker)
        wait_until_ready()

        faults = {}
        with Load(options.threads) as load:
            time.sleep(5)  # a steady state first

            started = time.monotonic()
            # Its output to the log: a server holding our pipe would block the read.
            run(as_postgres(*pg_ctl, "-l", work / "pg.log", "-m", "fast", "restart"))
            faults["PostgreSQL restart"] = started
            time.sleep(8)

            started = time.monotonic()
            redis.terminate()
            redis.wait(timeout=10)
            time.sleep(options.redis_down)
            redis = subprocess.Popen(
                ["redis-server", "--port", str(REDIS_PORT), "--save", "", "--bind", "127.0.0.1"],
                stdout=subprocess.DEVNULL,
            )
            processes.append(redis)
            faults[f"Redis stopped for {options.redis_down:g} s"] = started
            time.sleep(5)

            children = run(["pgrep", "-P", str(app.pid)]).stdout.split()
            started = time.monotonic()
            os.kill(int(children[0]), signal.SIGKILL)
            faults["gunicorn worker killed"] = started
            time.sleep(8)
        report(load, faults)
        alive = "yes" if worker.poll() is None else f"no (exit {worker.returncode})"
        print(f"\ntask worker still running after the faults: {alive}")
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        subprocess.run(as_postgres(*pg_ctl, "-m", "immediate", "stop"), capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def wait_until_ready():
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{APP_PORT}/readyz", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the app did not become ready")


def report(load, faults):
    kinds = collections.Counter(kind for _, kind in load.outcomes)
    print(f"\nrequests sent: {len(load.outcomes)}")
    for kind, count in kinds.most_common():
        print(f"  {kind}: {count}")
    moments = sorted(faults.items(), key=lambda item: item[1])
    ends = [at for _, at in moments[1:]] + [float("inf")]
    print("\nfault                          errors   seconds to recover")
    for (name, at), end in zip(moments, ends, strict=True):
        failed = [when for when, kind in load.outcomes if at <= when < end and kind != "ok"]
        recovered = load.recovered_at(failed[-1]) if failed else at
        seconds = f"{recovered - at:.1f}" if recovered is not None else "never"
        print(f"{name:<30} {len(failed):>6}   {seconds}")


if __name__ == "__main__":
    main()
