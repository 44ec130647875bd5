# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by the unit tests: fake keys, recorded waits, a TLS server of the tests' own."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket
import ssl

import pytest
import trustme
from pytest_httpserver import HTTPServer

from ansible_collections.ddog.aws.plugins.module_utils import _datadog

# Obvious fakes, long enough that a leak would be unmistakable in any output.
API_KEY = 'fake-api-key-0123456789-never-printed'
APP_KEY = 'fake-app-key-9876543210-never-printed'


@pytest.fixture
def waits(monkeypatch):
    """The seconds the client would have slept, in order; nothing actually sleeps."""
    recorded = []
    monkeypatch.setattr(_datadog, '_sleep', recorded.append)
    return recorded


@pytest.fixture(autouse=True)
def no_datadog_environment(monkeypatch):
    """Tests see only the environment they set, whatever the developer's shell exports."""
    for name in ('DD_API_KEY', 'DATADOG_API_KEY', 'DD_APP_KEY', 'DATADOG_APP_KEY', 'DD_SITE', 'DD_HOST',
                 'DATADOG_HOST', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'HTTPS_PROXY', 'https_proxy',
                 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope='session')
def test_ca():
    return trustme.CA()


@pytest.fixture
def tls_server(test_ca, tmp_path):
    """An HTTPS server on loopback whose certificate only the tests' own CA vouches for."""
    ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    test_ca.issue_cert('localhost', '127.0.0.1').configure_cert(ssl_context)
    server = HTTPServer(host='localhost', ssl_context=ssl_context)
    server.start()
    ca_file = tmp_path / 'ca.pem'
    test_ca.cert_pem.write_to_path(str(ca_file))
    server.ca_path = str(ca_file)
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on."""
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port
