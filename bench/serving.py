"""The servers the load test starts and measures: gunicorn, and wrk against it.

Each is bounded: gunicorn runs in a process group of its own that is always
stopped, wrk runs for its duration, and the whole run stops itself after its
time limit (``stop_after``), or on SIGTERM.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: Every request says it came through the TLS proxy, as production's do.
PROXY_HEADER = ("X-Forwarded-Proto", "https")
STARTUP_SECONDS = 60
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class OutOfTime(Exception):
    pass


def stop_after(seconds):
    """Raise OutOfTime in the main thread after ``seconds``, wherever it waits.

    SIGTERM (``make`` interrupted, a CI timeout) stops the run the same way,
    so gunicorn is stopped and the database dropped then too.
    """

    def out_of_time(signum, frame):
        if signum == signal.SIGTERM:
            raise OutOfTime("stopped by SIGTERM")
        raise OutOfTime(f"stopped: the run took longer than its limit of {seconds} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, out_of_time)
    signal.alarm(seconds)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(workers, page_cache, port, log_path):
    """gunicorn as ``make serve-prod`` runs it, in a process group of its own.

    The project's config/gunicorn.py (access log, timeout, trusted proxy), on
    127.0.0.1 only, without its task worker: it would work through the
    demo's queued search-index tasks while wrk measures, and no public page
    waits for them.
    """
    env = {
        **os.environ,
        "PORT": str(port),
        "WORKERS": str(workers),
        "TASK_WORKER": "false",
    }
    if page_cache:
        env.pop("PAGE_CACHE_SECONDS")  # the default
    with log_path.open("w") as log:
        return subprocess.Popen(  # noqa: S603 - the project's own gunicorn, on 127.0.0.1
            [str(BIN / "gunicorn"), "config.wsgi", "--config", "config/gunicorn.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for(process, port, log_path, name="gunicorn"):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} stopped:\n{Path(log_path).read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{name} did not answer in {STARTUP_SECONDS} s")


def stop_group(process):
    """Stop a server started in a process group of its own (gunicorn, nginx, Varnish)."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def http_get(port, path, header="X-Page-Cache"):
    """(status, the response's ``header``) of one request to the server."""
    server = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        server.request("GET", path, headers=dict([PROXY_HEADER]))
        response = server.getresponse()
        response.read()
        return response.status, response.getheader(header)
    finally:
        server.close()


NGINX_CONF = """
worker_processes auto;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    types {{ text/css css; application/javascript js; image/svg+xml svg; }}
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ alias {static_root}/; expires max; }}
    }}
}}
"""


def start_nginx(port, static_root, workdir):
    """nginx serving ``static_root`` at /static/ on 127.0.0.1:``port``, in its own group."""
    conf = Path(workdir) / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workdir=workdir, port=port, static_root=static_root))
    log = (Path(workdir) / "nginx.log").open("w")
    return subprocess.Popen(  # noqa: S603 - Debian's nginx with our own configuration
        [_binary("nginx"), "-c", str(conf), "-p", str(workdir)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_varnish(port, backend_port, static_port, workdir):
    """Varnish as `make serve-varnish` starts it (config/varnish/serve.py), in its own group."""
    env = {
        **os.environ,
        "VARNISH_PORT": str(port),
        "VARNISH_PURGE_PORT": str(free_port()),
        "PORT": str(backend_port),
        "STATIC_BACKEND_PORT": str(static_port),
        "VARNISH_WORKDIR": str(Path(workdir) / "varnish"),
    }
    log = (Path(workdir) / "varnish.log").open("w")
    return subprocess.Popen(
        [sys.executable, "config/varnish/serve.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _binary(name):
    for folder in ("/usr/sbin", "/usr/bin", "/usr/local/sbin"):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} is not installed: `make bench-load` installs it (apt-get).")


def wrk(port, path, arguments):
    """Requests/s, p50 and p99 in ms, and any errors, from one wrk run."""
    result = subprocess.run(  # noqa: S603 - wrk against our own server on 127.0.0.1
        [
            arguments.wrk,
            f"-t{arguments.threads}",
            f"-c{arguments.connections}",
            f"-d{arguments.duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-H",
            f"{PROXY_HEADER[0]}: {PROXY_HEADER[1]}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=arguments.duration + 60,
        check=False,
    )
    output = result.stdout
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if result.returncode != 0 or not rate:
        raise SystemExit(f"wrk failed on {path}:\n{output}{result.stderr}")
    figures = {"rate": float(rate.group(1))}
    count = int(re.search(r"^\s*(\d+) requests in", output, re.MULTILINE).group(1))
    for percent in ("50", "99"):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        figures[f"p{percent}"] = float(found.group(1)) * UNITS_MS[found.group(2)]
    problems = [
        line.strip()
        for line in output.splitlines()
        if line.strip().startswith(("Non-2xx or 3xx responses", "Socket errors"))
    ]
    if 0 < count < 100:
        problems.append(
            f"only {count} requests: the p99 is about the slowest one (a longer --duration helps)"
        )
    figures["count"] = count
    return figures, problems
