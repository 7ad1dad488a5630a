"""Serves the repository root on 127.0.0.1 for the chapter page and the tests.

python3 scripts/serve.py [PORT [ROOT]]   (PORT: default $PORT, else 8000; 0 picks a free port.
                                         ROOT: the folder to serve, default the repository)
Prints the page's URL once it is listening. Sends the Content-Security-Policy the widgets are
meant to work under, and no caching, so that a rebuild shows at once.
"""
import http.server
import os
import sys

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data: blob:"
)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
    }

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
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
