# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""An HTTP(S) server on loopback that misbehaves on purpose, and remembers who sent it what.

Test tooling for the client's trust boundary: a redirect target, a proxy, a server that trickles, truncates,
floods or loses its answers. Every connection is journaled (the local address it reached, so a test can tell
127.0.0.1 from 127.0.0.2, the request line, every header) before it is answered by the next act of the script;
the last act repeats. Acts (JSON objects):

  {"status": 302, "headers": {"Location": "..."}, "body": "..." or {...}}   an ordinary answer
  {"drop": true}                    read the request, then close without a word (a lost answer)
  {"delay": 2.5, ...}               wait, then act
  {"trickle": 1.0, "body": "..."}   send the headers, then one byte of the body every 1.0 s
  {"trickle_headers": 1.0}          send even the status line and headers one byte at a time
  {"size": N, "gzip": true, "declare": false}
                                    a body of N bytes of JSON-looking filler (gzip-compressed, without
                                    Content-Length when declare is false, so it ends when the connection does)
  {"raw": "HTTP/1.1 200 OK\r\n..."} these bytes, verbatim

Command line (for integration targets):
  python misbehaving_server.py serve --state-dir DIR [--host 127.0.0.2] [--tls] [--act JSON ...]
      writes DIR/server.json (url, ca, pid) once listening; appends each journal entry to DIR/journal.jsonl,
      with the values of the key headers masked
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import gzip
import json
import os
import socket
import socketserver
import ssl
import sys
import threading
import time

KEY_HEADERS = ('dd-api-key', 'dd-application-key')
_MAX_HEADER_LINES = 200


def _payload(body):
    if body is None:
        return b''
    if isinstance(body, (dict, list)):
        return json.dumps(body).encode('utf-8')
    return body.encode('utf-8') if isinstance(body, str) else bytes(body)


def filler(size, compress=False):
    """size bytes of '{"data":"aaaa...' that never closes; gzip-compressed when asked (a few KiB per 10 MiB)."""
    text = (b'{"data":"' + b'a' * size)[:size]
    return gzip.compress(text, compresslevel=9) if compress else text


class _Handler(socketserver.StreamRequestHandler):

    def setup(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        socketserver.StreamRequestHandler.setup(self)

    def handle(self):
        while not self._exchange():
            pass

    def _exchange(self):
        """One request and its answer; True when the connection is done."""
        try:
            request_line = self.rfile.readline(65537).decode('latin-1').rstrip('\r\n')
        except OSError:
            return True
        if not request_line:
            return True
        headers = []
        while len(headers) < _MAX_HEADER_LINES:
            line = self.rfile.readline(65537).decode('latin-1').rstrip('\r\n')
            if not line:
                break
            name, _sep, value = line.partition(':')
            headers.append((name.strip(), value.strip()))
        length = next((value for name, value in headers if name.lower() == 'content-length'), '0')
        body = self.rfile.read(int(length)) if length.isdigit() and int(length) else b''
        method, _sep, rest = request_line.partition(' ')
        self.server.record({
            'local': '%s:%d' % self.request.getsockname()[:2],
            'peer': '%s:%d' % self.client_address[:2],
            'request_line': request_line,
            'method': method,
            'target': rest.rpartition(' ')[0],
            'headers': headers,
            'carried_keys': any(name.lower() in KEY_HEADERS for name, _value in headers),
            'body': body.decode('utf-8', 'replace'),
        })
        return self._act(self.server.next_act())

    def _act(self, act):
        if act.get('delay'):
            time.sleep(float(act['delay']))
        if act.get('drop'):
            self.request.shutdown(socket.SHUT_RDWR)
            return True
        if 'raw' in act:
            self.wfile.write(act['raw'].encode('latin-1'))
            return True
        if 'size' in act:
            payload = filler(int(act['size']), act.get('gzip', False))
        else:
            payload = _payload(act.get('body', {'errors': ['misbehaving server']}))
        status = int(act.get('status', 200))
        head = ['HTTP/1.1 %d %s' % (status, act.get('reason', 'Whatever'))]
        headers = {'Content-Type': 'application/json'}
        if act.get('gzip'):
            headers['Content-Encoding'] = 'gzip'
        if act.get('declare', True):
            headers['Content-Length'] = str(len(payload))
        else:
            headers['Connection'] = 'close'
        headers.update(act.get('headers') or {})
        head += ['%s: %s' % item for item in headers.items()]
        head_bytes = ('\r\n'.join(head) + '\r\n\r\n').encode('latin-1')
        try:
            self._send(head_bytes, act.get('trickle_headers'))
            self._send(payload, act.get('trickle') or act.get('trickle_headers'))
        except OSError:  # the client gave up: that is what some tests want to see
            return True
        return not act.get('declare', True)

    def _send(self, data, interval):
        if not interval:
            self.wfile.write(data)
            return
        for position in range(len(data)):
            self.wfile.write(data[position:position + 1])
            self.wfile.flush()
            time.sleep(float(interval))


class MisbehavingServer(socketserver.ThreadingTCPServer):
    """Serves acts in order on host:port (port 0 picks one); ``journal`` is every request, as received."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, acts=({'status': 502},), host='127.0.0.1', port=0, ssl_context=None, journal_path=None):
        socketserver.ThreadingTCPServer.__init__(self, (host, port), _Handler)
        self.acts = list(acts)
        self.journal = []
        self.journal_path = journal_path
        self.ssl_context = ssl_context
        self._lock = threading.Lock()

    def get_request(self):
        connection, address = socketserver.ThreadingTCPServer.get_request(self)
        if self.ssl_context is not None:
            connection = self.ssl_context.wrap_socket(connection, server_side=True, do_handshake_on_connect=False)
        return connection, address

    def next_act(self):
        with self._lock:
            return self.acts.pop(0) if len(self.acts) > 1 else self.acts[0]

    def record(self, entry):
        with self._lock:
            self.journal.append(entry)
            if self.journal_path:
                masked = dict(entry, headers=[(name, '********' if name.lower() in KEY_HEADERS else value)
                                              for name, value in entry['headers']])
                with open(self.journal_path, 'a') as handle:
                    handle.write(json.dumps(masked) + '\n')

    @property
    def url(self):
        host, port = self.server_address[:2]
        return '%s://%s:%d' % ('https' if self.ssl_context else 'http', host, port)

    def __enter__(self):
        threading.Thread(target=self.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.shutdown()
        self.server_close()


def tls_context(state_dir, host):
    """A server context for host with a CA of its own, written to state_dir/ca.pem."""
    import trustme  # only needed for TLS

    authority = trustme.CA(organization_name='ddog.aws misbehaving server')
    ca_path = os.path.join(state_dir, 'ca.pem')
    authority.cert_pem.write_to_path(ca_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(host).configure_cert(context)
    return context, ca_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('command', choices=('serve',))
    parser.add_argument('--state-dir', required=True)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--tls', action='store_true')
    parser.add_argument('--act', action='append', type=json.loads, help='an act (JSON); repeatable, in order')
    args = parser.parse_args(argv)
    os.makedirs(args.state_dir, exist_ok=True)
    context, ca_path = tls_context(args.state_dir, args.host) if args.tls else (None, None)
    server = MisbehavingServer(args.act or [{'status': 502}], args.host, ssl_context=context,
                               journal_path=os.path.join(args.state_dir, 'journal.jsonl'))
    settings = os.path.join(args.state_dir, 'server.json')
    with open(settings + '.tmp', 'w') as handle:
        json.dump({'url': server.url, 'ca': ca_path, 'pid': os.getpid()}, handle)
    os.replace(settings + '.tmp', settings)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


if __name__ == '__main__':
    sys.exit(main())
