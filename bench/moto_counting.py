# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""moto in server mode on loopback, counting every AWS request by action: GET /_bench/counts reads the counts.

Usage: moto_counting.py PORT
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import io
import json
import sys
import threading
from urllib.parse import parse_qs

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

COUNTS = collections.Counter()
LOCK = threading.Lock()


def action_of(environ, body):
    """IAM and STS name the action in a form field; Organizations in the X-Amz-Target header."""
    target = environ.get('HTTP_X_AMZ_TARGET')
    if target:
        return target.rpartition('.')[2]
    return parse_qs(body.decode('utf-8', 'replace')).get('Action', [environ.get('PATH_INFO', '?')])[0]


def application(moto):
    def counting(environ, start_response):
        if environ.get('PATH_INFO') == '/_bench/counts':
            with LOCK:
                payload = json.dumps(dict(COUNTS)).encode()
            start_response('200 OK', [('Content-Type', 'application/json'), ('Content-Length', str(len(payload)))])
            return [payload]
        body = environ['wsgi.input'].read(int(environ.get('CONTENT_LENGTH') or 0))
        environ['wsgi.input'] = io.BytesIO(body)
        if not environ.get('PATH_INFO', '').startswith('/moto-api'):
            with LOCK:
                COUNTS[action_of(environ, body)] += 1
        return moto(environ, start_response)
    return counting


def main(port):
    server = make_server('127.0.0.1', int(port), application(DomainDispatcherApplication(create_backend_app)),
                         threaded=True)
    server.serve_forever()


if __name__ == '__main__':
    main(sys.argv[1])
