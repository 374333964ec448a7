"""The engines the store tests run on: the SQLite file, and a real PostgreSQL server in a throwaway cluster
(scripts/postgres-cluster; .ci/run installs the server's Debian packages when they are missing)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

CLUSTER = Path(__file__).resolve().parents[2] / "scripts/postgres-cluster"
NO_SERVER = 3  # what the script exits with where no PostgreSQL is installed


def start_cluster(folder: Path) -> str:
    """A PostgreSQL server of its own in `folder`; its URL. Skips where none is installed (fails in CI)."""
    run = subprocess.run([str(CLUSTER), "start", str(folder)], capture_output=True, text=True)
    if run.returncode == NO_SERVER:
        if os.environ.get("CI"):
            pytest.fail(f"CI has no PostgreSQL server: {run.stderr.strip()}")
        pytest.skip(run.stderr.strip())
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def stop_cluster(folder: Path, mode: str = "fast") -> None:
    subprocess.run([str(CLUSTER), "stop", str(folder), mode], check=True, capture_output=True)


def with_database(url: str, name: str) -> str:
    return url.replace("/postgres?", f"/{name}?")


def cluster_folder() -> Path:
    """A folder for a cluster, under /tmp itself: the server's user must reach it (pytest's folders are root's)."""
    return Path(tempfile.mkdtemp(prefix="marsad-pg-"))


@pytest.fixture(scope="session")
def postgres():
    """The URL of the tests' PostgreSQL server (its `postgres` database)."""
    folder = cluster_folder()
    url = start_cluster(folder)
    yield url
    stop_cluster(folder)
    shutil.rmtree(folder, ignore_errors=True)


def new_database(server: str) -> str:
    """A new, empty database on the server; its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"CREATE DATABASE {name}")  # (a name of ours)
    return with_database(server, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """An empty store of each engine."""
    if request.param == "sqlite":
        return str(tmp_path / "marsad.db")
    return new_database(request.getfixturevalue("postgres"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request) -> str:
    return request.param


def empty_store(engine: str, folder: Path, request) -> str:
    if engine == "sqlite":
        return str(folder / "marsad.db")
    return new_database(request.getfixturevalue("postgres"))
