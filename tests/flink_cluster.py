"""Set-up for the Flink test, cached between runs: Beam's Flink job server jar fetched with Maven, and
a standalone Flink cluster (one JobManager, one TaskManager with 2 slots, loopback only) unpacked
from the `apache-flink` and `apache-flink-libraries` PyPI wheels.

The wheels are unpacked, never installed: apache-flink pins old apache-beam versions and cannot
share newsbeam's environment. Its wheel carries the scripts and conf/, the libraries wheel the jars.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

CACHE = Path(os.environ.get("NEWSBEAM_FLINK_CACHE", Path.home() / ".cache" / "newsbeam-flink"))
# A maven-dependency-plugin whose `copy` goal runs without a project (Maven's default 2.8 may not).
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
# Distribution folders taken from the wheels' `pyflink/` package.
DIST_PARTS = ("bin", "conf", "lib", "opt", "plugins")


class Unavailable(RuntimeError):
    """What the Flink test needs cannot be fetched or started on this machine."""


def flink_version() -> str:
    """The newest Flink minor version the installed Beam publishes a job server for."""
    from apache_beam.options.pipeline_options import FlinkRunnerOptions

    return FlinkRunnerOptions.PUBLISHED_FLINK_VERSIONS[-1]


def job_server_jar(beam_version: str, flink: str, cache: Path = CACHE) -> Path:
    """`beam-runners-flink-<flink>-job-server-<beam>.jar`, copied by Maven into the cache once."""
    name = f"beam-runners-flink-{flink}-job-server"
    jar = cache / "jars" / f"{name}-{beam_version}.jar"
    if jar.exists():
        return jar
    if not shutil.which("mvn"):
        raise Unavailable("Maven (mvn) is not installed; it fetches Beam's Flink job server jar")
    coordinates = f"org.apache.beam:{name}:{beam_version}"
    done = subprocess.run(
        # -U: retry even if an earlier attempt's failure is cached in ~/.m2.
        ["mvn", "-B", "-q", "-U", f"{DEPENDENCY_PLUGIN}:copy", f"-Dartifact={coordinates}",
         f"-DoutputDirectory={jar.parent}"],
        capture_output=True, text=True, check=False)
    if done.returncode != 0 or not jar.exists():
        output = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout)  # Maven colours even in batch mode
        errors = [line for line in output.splitlines() if "ERROR" in line] or [done.stderr.strip()]
        raise Unavailable(f"Maven cannot fetch {coordinates}: {errors[0][:400]}")
    return jar


def distribution(flink: str, cache: Path = CACHE) -> Path:
    """A Flink distribution of the newest `<flink>.*` release, unpacked from the PyPI wheels once."""
    existing = sorted(cache.glob(f"flink-{flink}.*/lib/flink-dist-*.jar"))
    if existing:
        return existing[-1].parents[1]
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        libraries = _pip_download(f"apache-flink-libraries=={flink}.*", Path(tmp))
        release = libraries.name.split("-")[1]  # the jars' release; the scripts must match it
        scripts = _pip_download(f"apache-flink=={release}", Path(tmp))
        staging = Path(tmp) / "dist"
        for wheel in (scripts, libraries):
            with zipfile.ZipFile(wheel) as archive:
                members = [m for m in archive.namelist() if m.split("/")[:2][-1] in DIST_PARTS
                           and m.startswith("pyflink/")]
                archive.extractall(staging, members)
        home = cache / f"flink-{release}"
        (staging / "pyflink").rename(home)
    for script in (home / "bin").iterdir():
        script.chmod(0o755)
    return home


def _pip_download(requirement: str, into: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                           "--only-binary=:all:", "--dest", str(into), requirement],
                          capture_output=True, text=True, check=False)
    name = requirement.split("=")[0].replace("-", "_")
    wheels = sorted(into.glob(f"{name}-*.whl"))
    if done.returncode != 0 or not wheels:
        raise Unavailable(f"pip cannot download {requirement}: {done.stderr.strip()[-400:]}")
    return wheels[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A standalone Flink cluster on 127.0.0.1 with its conf, logs and pid files under `workdir`;
    a context manager that stops both daemons however the block ends."""

    def __init__(self, home: Path, workdir: Path, slots: int = 2):
        self.home, self.workdir, self.slots = home, workdir, slots
        self.rest_port = _free_port()
        self.env = {**os.environ, "FLINK_HOME": str(home), "FLINK_CONF_DIR": str(workdir / "conf"),
                    "FLINK_LOG_DIR": str(workdir / "log"), "FLINK_PID_DIR": str(workdir)}

    @property
    def master(self) -> str:
        return f"127.0.0.1:{self.rest_port}"

    def _configure(self) -> None:
        import yaml  # a dependency of apache-beam

        conf = self.workdir / "conf"
        (self.workdir / "log").mkdir(parents=True, exist_ok=True)
        shutil.copytree(self.home / "conf", conf, dirs_exist_ok=True)
        settings = yaml.safe_load((conf / "config.yaml").read_text()) or {}
        loopback = {
            "jobmanager": {"bind-host": "127.0.0.1", "rpc": {"address": "127.0.0.1", "port": _free_port()},
                           "memory": {"process": {"size": "1024m"}}},
            "taskmanager": {"bind-host": "127.0.0.1", "host": "127.0.0.1", "numberOfTaskSlots": self.slots,
                            "memory": {"process": {"size": "1536m"}}},
            "rest": {"address": "127.0.0.1", "bind-address": "127.0.0.1", "port": self.rest_port},
            "parallelism": {"default": self.slots},
        }
        (conf / "config.yaml").write_text(yaml.safe_dump(_merge(settings, loopback)))

    def _daemon(self, name: str, action: str) -> None:
        subprocess.run([str(self.home / "bin" / f"{name}.sh"), action], env=self.env,
                       capture_output=True, check=False, timeout=120)

    def overview(self) -> dict:
        with urllib.request.urlopen(f"http://{self.master}/overview", timeout=5) as answer:
            return json.load(answer)

    def __enter__(self):
        self._configure()
        try:
            self._daemon("jobmanager", "start")
            self._daemon("taskmanager", "start")
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if self.overview()["slots-total"] >= self.slots:
                        return self
                except OSError:
                    pass
                time.sleep(1)
            raise Unavailable(f"Flink cluster did not offer {self.slots} slots within 120 s:\n{self.log_tail()}")
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        """The daemons' own stop scripts, then SIGKILL for any pid of ours still alive."""
        pids = [int(p) for f in self.workdir.glob("*.pid") for p in f.read_text().split() if p.isdigit()]
        self._daemon("taskmanager", "stop")
        self._daemon("jobmanager", "stop")
        deadline = time.monotonic() + 20
        while (alive := [p for p in pids if _alive(p)]) and time.monotonic() < deadline:
            time.sleep(0.5)
        for pid in alive:
            os.kill(pid, signal.SIGKILL)

    def log_tail(self, lines: int = 30) -> str:
        logs = sorted((self.workdir / "log").glob("*.log"))
        return "\n".join(f"--- {log.name}\n" + "\n".join(log.read_text().splitlines()[-lines:]) for log in logs)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = _merge(merged.get(key) or {}, value) if isinstance(value, dict) else value
    return merged
