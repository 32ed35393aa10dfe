"""A third-party GraphQL fuzzer (schemathesis) against the app served on
loopback with production settings: no generated query, valid or not, may end
in a server error — a 5xx, or an error that the query met while running (an
error with a `path`), which the input rules exist to prevent. Bounded (60 s)
and seeded; run once, on PostgreSQL (`pytest -m fuzz`)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from .servers import ROOT, served, site_environment

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="fuzzed on PostgreSQL only"),
]

SECONDS = 60
SEED = 2012


def test_the_schema_fuzzer_finds_no_server_error():
    with site_environment("pomost_fuzz", "redis://127.0.0.1:6379/12") as env, served(env) as [port]:
        result = subprocess.run(
            [
                str(Path(sys.executable).with_name("st")),
                "--no-color",
                "run",
                "schema.graphql",
                "--url",
                f"http://127.0.0.1:{port}/graphql/",
                "--checks",
                "not_a_server_error",
                "--max-time",
                str(SECONDS),
                "--seed",
                str(SEED),
            ],
            cwd=ROOT,
            env={**env, "SCHEMATHESIS_HOOKS": "tests.fuzz_hooks", "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
        )
    report = result.stdout[-4000:]
    assert result.returncode == 0, report
    generated, passed = map(int, re.search(r"(\d+) generated, (\d+) passed", report).groups())
    assert generated == passed and generated > 200, report
    print(report)
