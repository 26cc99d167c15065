extension ScriptedHTTPServer {
    /// The server: Python's `http.server`, one thread per connection, HTTP/1.1. It writes
    /// its port to the first file, reads the script of responses from the second before
    /// every answer, and appends each request as a JSON line to the third; given a
    /// certificate and key (fourth and fifth), it speaks HTTPS.
    static let script = #"""
    import json, socket, sys, threading, time, urllib.parse
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    port_file, responses_file, requests_file = sys.argv[1], sys.argv[2], sys.argv[3]
    certificate = sys.argv[4:6]
    lock = threading.Lock()
    state = {"version": None, "next": 0}

    def next_response():
        with open(responses_file, encoding="utf-8") as source:
            document = json.load(source)
        with lock:
            if document["version"] != state["version"]:
                state["version"], state["next"] = document["version"], 0
            responses = document["responses"]
            response = responses[min(state["next"], len(responses) - 1)]
            state["next"] += 1
        return response

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            url = urllib.parse.urlsplit(self.path)
            form = {}
            if (self.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
                form = dict(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            record = {
                "method": self.command, "path": url.path,
                "query": dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)),
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body.decode("utf-8", "replace"), "form": form,
                "clientPort": self.client_address[1],
            }
            with lock:
                with open(requests_file, "a", encoding="utf-8") as sink:
                    sink.write(json.dumps(record) + "\n")
            response = next_response()
            if response["delay"]:
                time.sleep(response["delay"])
            if response["action"] == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            payload = response["body"].encode("utf-8")
            self.send_response(response["status"])
            for name, value in response["headers"].items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            if response["action"] == "close":
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()
            if response["action"] in ("close", "hang-up"):
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if certificate:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate[0], certificate[1])
        # A client that refuses the certificate makes accept() fail; the server goes on.
        server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(port_file + ".tmp", "w") as sink:
        sink.write("%d\n" % server.server_address[1])
    import os
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()
    """#
}
