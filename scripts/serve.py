"""Serves the repository root on 127.0.0.1 for the chapter page and the tests.

python3 scripts/serve.py [PORT [ROOT]]   (PORT: default $PORT, else 8000; 0 picks a free port.
                                         ROOT: the folder to serve, default the repository)
Prints the page's URL once it is listening. Sends the Content-Security-Policy the widgets are
meant to work under, and no caching, so that a rebuild shows at once.

A page of the repository with equations (data-tex) is sent as scripts/typeset.mjs wrote it to
target/pages/ (scripts/build.sh does, for every such page), and so are the stylesheet and fonts
it wrote beside them (/equations.css, /fonts/); a page edited since is typeset again first.

For the end-to-end tests only (tests/e2e/harness.mjs sets them; the files on disk never change):
  NNDL_TEST_PROBE=FILE   every .html page is sent with <script src="/__nndl-test-probe.js"> as
                         the first thing in its <head>, and that path serves FILE. A browser
                         whose driver reports no console (WebKitGTK) gets the page's errors and
                         CSP violations from it; a same-origin file, because the CSP refuses inline
                         scripts and a driver cannot run a script before the page's own.
  NNDL_TEST_PKG=FOLDER   /pkg/ is served from FOLDER (the test-hooks build, for the panic test).
"""
import http.server
import os
import re
import subprocess
import sys
import threading

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data: blob:"
)


def csp_for(host):
    """The policy, with this server's origin named beside each 'self': WebKit matches 'self' to
    nothing in a frame sandboxed without allow-same-origin (an opaque origin), where Chromium and
    Firefox match it to the page's URL. For any other page the two say the same."""
    if not host or not re.fullmatch(r"[A-Za-z0-9.\-]+(:[0-9]+)?|\[[0-9A-Fa-f:]+\](:[0-9]+)?", host):
        return CSP
    return CSP.replace("'self'", f"'self' http://{host}")

PROBE = os.environ.get("NNDL_TEST_PROBE")
PROBE_PATH = "/__nndl-test-probe.js"
PKG = os.environ.get("NNDL_TEST_PKG")
REPO = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TYPESET = os.path.join(REPO, "target", "pages")
TYPESETTING = threading.Lock()


def typeset(path):
    """The file to send for the URL path `path` when it is one of what scripts/typeset.mjs builds
    from the repository's pages with equations (the pages themselves, equations.css, fonts/),
    brought up to date first; None for any other path."""
    name = path.lstrip("/") or "index.html"
    page = name.endswith(".html") and "/" not in name
    if not (page or name == "equations.css" or name.startswith("fonts/")):
        return None
    pages = [
        os.path.join(REPO, p)
        for p in sorted(os.listdir(REPO))
        if p.endswith(".html") and b"data-tex=" in open(os.path.join(REPO, p), "rb").read()
    ]
    if page and os.path.join(REPO, name) not in pages:
        return None
    stylesheet = os.path.join(TYPESET, "equations.css")
    with TYPESETTING:
        if not os.path.isfile(stylesheet) or any(os.path.getmtime(stylesheet) < os.path.getmtime(p) for p in pages):
            subprocess.run(["node", os.path.join(REPO, "scripts", "typeset.mjs"), TYPESET, *pages], check=True)
    return os.path.join(TYPESET, os.path.normpath(name))


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".woff2": "font/woff2",
    }

    def do_GET(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if PROBE and path == PROBE_PATH:
            return self.send_bytes(open(PROBE, "rb").read(), "text/javascript")
        if os.path.realpath(self.directory) == REPO and ".." not in path.split("/"):
            try:
                built = typeset(path)
            except subprocess.CalledProcessError:
                return self.send_error(500, "the pages' equations could not be typeset (see the server's output)")
            if built and os.path.isfile(built):
                with open(built, "rb") as f:
                    body = f.read()
                return self.send_page(body) if built.endswith(".html") else self.send_bytes(body, self.guess_type(built))
        if path.endswith(".html") or path.endswith("/"):
            file = self.translate_path(path)
            if os.path.isdir(file):
                file = os.path.join(file, "index.html")
            if os.path.isfile(file):
                with open(file, "rb") as f:
                    return self.send_page(f.read())
        return super().do_GET()

    def translate_path(self, path):
        if PKG and path.split("?", 1)[0].startswith("/pkg/"):
            return os.path.join(PKG, os.path.basename(path.split("?", 1)[0]))
        return super().translate_path(path)

    def send_page(self, html):
        """An HTML page, with the test probe first in its head when the tests ask for it."""
        if PROBE:
            tag = f'<script src="{PROBE_PATH}"></script>'.encode()
            html = html.replace(b"<head>", b"<head>" + tag, 1)
        return self.send_bytes(html, "text/html; charset=utf-8")

    def send_bytes(self, body, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        # (No headers yet when the request line itself was refused.)
        host = self.headers.get("Host") if getattr(self, "headers", None) else None
        self.send_header("Content-Security-Policy", csp_for(host))
        # A page in a frame sandboxed without allow-same-origin has an opaque origin: its module
        # scripts and the wasm are fetched with CORS, and need this.
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        if os.environ.get("NNDL_SERVE_LOG"):
            super().log_message(format, *args)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("PORT", "8000"))
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    handler = lambda *a, **kw: Handler(*a, directory=root, **kw)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"nndl-widgets: serving http://127.0.0.1:{server.server_address[1]}/index.html", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
