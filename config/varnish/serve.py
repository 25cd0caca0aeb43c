"""Start Varnish in front of gunicorn with config/varnish/default.vcl (`make serve-varnish`).

Reads from the environment:

- ``VARNISH_PORT`` (8080): where Varnish listens, on 127.0.0.1 unless
  ``VARNISH_LISTEN`` names another address.
- ``VARNISH_PURGE_PORT`` (``VARNISH_PORT`` + 1): where it takes the app's
  purges, on 127.0.0.1 only; ``VARNISH_URL`` names this port.
- ``PORT`` (8000): the app server, gunicorn from `make serve-prod`.
- ``ALLOWED_HOSTS``: its first host goes in the health probe's ``Host`` header.
- ``STATIC_BACKEND_PORT`` (none): a web server (nginx) on 127.0.0.1 that
  serves ``/static/`` instead of the app's WhiteNoise.
- ``VARNISH_MEMORY`` (256m): the cache's size; ``VARNISH_TTL`` (300): seconds
  a page is kept when the app does not say, as ``PAGE_CACHE_SECONDS``.
- ``VARNISH_WORKDIR`` (a folder under the system's temporary folder, one per
  port): Varnish's working folder, which ``varnishadm -n`` and ``varnishlog
  -n`` need.

Varnish runs in the foreground and stops with Ctrl-C or SIGTERM. VCL cannot
read the environment, so the values are written into a copy of the VCL in
the working folder.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

STATIC_BACKEND = """
backend static {{
    .host = "127.0.0.1";
    .port = "{port}";
}}
"""


def render(template, *, backend_port, host_header, static_port=None):
    """The VCL with its @...@ values filled in."""
    static_backend = static_route = ""
    if static_port:
        static_backend = STATIC_BACKEND.format(port=int(static_port))
        static_route = "        set req.backend_hint = static;"
    return (
        template.replace("@BACKEND_PORT@", str(int(backend_port)))
        .replace("@HOST_HEADER@", host_header)
        .replace("@STATIC_BACKEND@", static_backend)
        .replace("@STATIC_ROUTE@", static_route)
    )


def main():
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not os.access(varnishd, os.X_OK):
        sys.exit("varnishd is missing: apt-get install varnish (make serve-varnish does it)")
    port = int(os.environ.get("VARNISH_PORT", "8080"))
    listen = os.environ.get("VARNISH_LISTEN", "127.0.0.1")
    purge_port = int(os.environ.get("VARNISH_PURGE_PORT") or port + 1)
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host_header = (hosts[0].lstrip(".") if hosts else "") or "127.0.0.1"
    workdir = Path(
        os.environ.get("VARNISH_WORKDIR") or Path(tempfile.gettempdir()) / f"varnish-{port}"
    )
    workdir.mkdir(parents=True, exist_ok=True)
    # Started as root, Varnish compiles the VCL and serves as its own users,
    # which must be able to read it (each folder above it must let them in).
    workdir.chmod(0o755)
    vcl = workdir / "default.vcl"
    vcl.write_text(
        render(
            (HERE / "default.vcl").read_text(),
            backend_port=os.environ.get("PORT", "8000"),
            host_header=host_header,
            static_port=os.environ.get("STATIC_BACKEND_PORT"),
        )
    )
    command = [
        varnishd,
        "-F",  # in the foreground, stopped with its caller
        "-n", str(workdir),
        "-a", f"{listen}:{port}",
        "-a", f"purge=127.0.0.1:{purge_port}",
        "-f", str(vcl),
        "-s", f"malloc,{os.environ.get('VARNISH_MEMORY', '256m')}",
        "-t", os.environ.get("VARNISH_TTL", "300"),
        # No management port on the network: varnishadm -n uses the folder.
        "-T", "none",
    ]  # fmt: skip
    backend = os.environ.get("PORT", "8000")
    sys.stdout.write(
        f"Varnish on http://{listen}:{port}/ in front of 127.0.0.1:{backend}, "
        f"purges on 127.0.0.1:{purge_port}\n"
    )
    sys.stdout.flush()
    os.execv(varnishd, command)  # noqa: S606 - Debian's varnishd with our own VCL


if __name__ == "__main__":
    main()
