# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures shared by the unit tests: fake keys, recorded waits, TLS servers of the tests' own, the emulator, moto."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import socket
import ssl
import threading

import pytest
import requests
import trustme
from pytest_httpserver import HTTPServer

from ansible_collections.ddog.aws.plugins.module_utils import _datadog
from ansible_collections.ddog.aws.tests.emulator import datadog_emulator as emulator


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


class RunningEmulator:
    """The project's Datadog API emulator, served over HTTPS from a thread of the test process."""

    def __init__(self, server, ca_path):
        self.server = server
        self.url = server.url
        self.ca_path = ca_path
        self.state = server.state
        # The connection options of a module that talks to it.
        self.connection = dict(api_key=emulator.DEFAULT_API_KEY, app_key=emulator.DEFAULT_APP_KEY,
                               api_host=server.url, ca_path=ca_path)

    def call(self, method, path, keys=None, **kwargs):
        """One API request; with the emulator's keys unless keys says otherwise."""
        headers = {'DD-API-KEY': emulator.DEFAULT_API_KEY, 'DD-APPLICATION-KEY': emulator.DEFAULT_APP_KEY} \
            if keys is None else keys
        return requests.request(method, self.url + path, headers=headers, verify=self.ca_path, timeout=10, **kwargs)

    def control(self, method, name, body=None):
        response = requests.request(method, self.url + '/_emulator/' + name, json=body, verify=self.ca_path,
                                    timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def calls(self):
        """(method, path) of every API request so far."""
        return [(entry['method'], entry['path']) for entry in self.state.journal]

    def bodies(self, method):
        """The JSON bodies of every request with that method, as journaled (secrets masked)."""
        return [json.loads(entry['body']) for entry in self.state.journal if entry['method'] == method]


@pytest.fixture
def datadog(tmp_path):
    context, ca_path = emulator.make_tls(str(tmp_path))
    server = emulator.EmulatorServer(emulator.EmulatorState(), ssl_context=context)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05})
    thread.start()
    yield RunningEmulator(server, ca_path)
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope='session')
def moto_url():
    """moto in server mode on loopback, in a thread of the test process, with AWS's managed policies loaded."""
    from moto.server import ThreadedMotoServer

    os.environ['MOTO_IAM_LOAD_MANAGED_POLICIES'] = 'true'  # read when an account's IAM is first used
    server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield 'http://%s:%d' % (host, port)
    server.stop()


@pytest.fixture
def aws_environment(monkeypatch, tmp_path):
    """An environment where AWS settings come only from what a test sets."""
    for name in ('AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_KEY', 'AWS_SESSION_TOKEN',
                 'AWS_SECURITY_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_URL', 'AWS_ENDPOINT_URL',
                 'AWS_ENDPOINT_URL_ORGANIZATIONS', 'AWS_REGION', 'AWS_DEFAULT_REGION'):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('AWS_CONFIG_FILE', str(tmp_path / 'no-aws-config'))
    monkeypatch.setenv('AWS_SHARED_CREDENTIALS_FILE', str(tmp_path / 'no-aws-credentials'))
    monkeypatch.setenv('AWS_EC2_METADATA_DISABLED', 'true')


@pytest.fixture
def moto(moto_url, aws_environment):
    """An empty moto."""
    requests.post(moto_url + '/moto-api/reset', timeout=10).raise_for_status()
    return moto_url
