# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Datadog API emulator answers as Datadog's recorded exchanges do, so its verdicts can be trusted."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess
import sys
import threading
import time

import pytest
import requests

from ansible_collections.ddog.aws.tests.emulator import datadog_emulator as emulator

V2_PATH = '/api/v2/integration/aws/generate_new_external_id'
V1_PATH = '/api/v1/integration/aws/generate_new_external_id'
ACCOUNTS_PATH = '/api/v2/integration/aws/accounts'
KEYS = {'DD-API-KEY': emulator.DEFAULT_API_KEY, 'DD-APPLICATION-KEY': emulator.DEFAULT_APP_KEY}
HEX32 = re.compile(r'^[0-9a-f]{32}$')


class Running:
    def __init__(self, server, ca_path):
        self.server = server
        self.url = server.url
        self.ca_path = ca_path
        self.state = server.state

    def call(self, method, path, keys=None, **kwargs):
        headers = KEYS if keys is None else keys
        return requests.request(method, self.url + path, headers=headers, verify=self.ca_path, timeout=10, **kwargs)

    def control(self, method, name, body=None):
        response = requests.request(method, self.url + '/_emulator/' + name, json=body, verify=self.ca_path,
                                    timeout=10)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def running(tmp_path):
    context, ca_path = emulator.make_tls(str(tmp_path))
    server = emulator.EmulatorServer(emulator.EmulatorState(), ssl_context=context)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05})
    thread.start()
    yield Running(server, ca_path)
    server.shutdown()
    server.server_close()
    thread.join()


def test_v2_mints_a_fresh_id_in_datadogs_shape(running):
    first = running.call('POST', V2_PATH)
    second = running.call('POST', V2_PATH)
    assert first.status_code == 200
    assert first.headers['Content-Type'] == 'application/vnd.api+json'
    assert re.match(r'^\{"data":\{"id":"[0-9a-f]{32}","type":"external_id","attributes":\{"external_id":"[0-9a-f]{32}"\}\}\}$',
                    first.text)
    ids = [response.json()['data']['attributes']['external_id'] for response in (first, second)]
    assert all(HEX32.match(value) for value in ids) and ids[0] != ids[1]
    minted = running.control('GET', 'state')['minted']
    assert [(entry['source'], entry['external_id']) for entry in minted] == [('v2', value) for value in ids]


@pytest.mark.parametrize('keys', [{}, {'DD-API-KEY': emulator.DEFAULT_API_KEY},
                                  {'DD-API-KEY': 'wrong', 'DD-APPLICATION-KEY': emulator.DEFAULT_APP_KEY},
                                  {'dd-api-key': emulator.DEFAULT_API_KEY, 'dd-application-key': 'wrong'}])
def test_wrong_or_missing_keys_get_datadogs_403(running, keys):
    response = running.call('POST', V2_PATH, keys=keys)
    assert response.status_code == 403
    assert response.json() == emulator.FORBIDDEN_BODY
    assert response.headers['Content-Type'] == 'application/json'
    assert response.headers['Via'] == 'haproxy'
    assert not [name for name in response.headers if name.lower().startswith('x-ratelimit')], 'none in the recording'
    assert running.control('GET', 'state')['minted'] == []


def test_wrong_keys_do_not_use_up_the_rate_limit(running):
    running.control('POST', 'rate_limit', {'limit': 2, 'period': 60})
    for _call in range(3):
        assert running.call('POST', V2_PATH, keys={'DD-API-KEY': 'wrong', 'DD-APPLICATION-KEY': 'wrong'}).status_code == 403
    first = running.call('POST', V2_PATH)
    assert first.status_code == 200 and first.headers['x-ratelimit-remaining'] == '1'
    assert running.call('POST', V2_PATH).status_code == 200
    assert running.call('POST', V2_PATH).status_code == 429


def test_a_key_without_the_routes_permission_gets_403(running):
    running.control('POST', 'accounts', {'aws_account_id': '123456789012', 'role_name': 'DatadogRole'})
    state = running.control('POST', 'permissions', {'permissions': ['aws_configuration_read']})
    assert state['permissions'] == ['aws_configuration_read']
    assert running.call('GET', ACCOUNTS_PATH).status_code == 200
    for method, path, body in (('POST', V2_PATH, None),
                               ('PUT', V1_PATH, {'account_id': '123456789012', 'role_name': 'DatadogRole'})):
        refused = running.call(method, path, json=body)
        assert refused.status_code == 403
        assert refused.json() == {'errors': ['Forbidden']}
        assert refused.headers['Content-Type'] == 'application/json'
    assert running.control('GET', 'state')['minted'][1:] == [], 'only the seeded ID'
    running.control('POST', 'permissions', {'permissions': ['aws_configuration_edit']})
    assert running.call('GET', ACCOUNTS_PATH).status_code == 403
    assert running.call('POST', V2_PATH).status_code == 200
    assert running.control('POST', 'reset')['permissions'] is None


def test_key_header_names_are_case_insensitive(running):
    response = running.call('POST', V2_PATH, keys={name.lower(): value for name, value in KEYS.items()})
    assert response.status_code == 200


@pytest.mark.parametrize('body, missing', [({}, 'account_id'), ({'account_id': '123456789012'}, 'role_name')])
def test_v1_without_a_required_field_is_datadogs_400(running, body, missing):
    response = running.call('PUT', V1_PATH, json=body)
    assert response.status_code == 400
    assert response.headers['Content-Type'] == 'application/json'
    assert response.json() == {'errors': ["Required parameter '%s' is missing" % missing]}


def test_v1_rotates_the_id_of_an_integrated_account(running):
    account = running.control('POST', 'accounts', {'aws_account_id': '123456789012', 'role_name': 'DatadogRole'})
    previous = account['attributes']['auth_config']['external_id']
    response = running.call('PUT', V1_PATH, json={'account_id': '123456789012', 'role_name': 'DatadogRole'})
    assert response.status_code == 200
    assert response.headers['Content-Encoding'] == 'gzip', 'as recorded, v1 answers gzip when the client accepts it'
    new_id = response.json()['external_id']
    assert HEX32.match(new_id) and new_id != previous
    state = running.control('GET', 'state')
    assert state['rotations'] == [{'aws_account_id': '123456789012', 'role_name': 'DatadogRole',
                                   'previous': previous, 'external_id': new_id}]
    assert state['accounts'][0]['attributes']['auth_config']['external_id'] == new_id
    assert 'X-Ratelimit-Limit' in response.raw.headers.keys()


def test_v1_for_an_account_that_is_not_integrated_fails(running):
    response = running.call('PUT', V1_PATH, json={'account_id': '123456789012', 'role_name': 'DatadogRole'})
    assert response.status_code == 400
    assert 'not integrated' in response.json()['errors'][0]
    assert running.control('GET', 'state')['rotations'] == []


def test_account_listing_and_filter(running):
    running.control('POST', 'accounts', {'aws_account_id': '111111111111', 'role_name': 'DatadogIntegrationRole'})
    running.control('POST', 'accounts', {'aws_account_id': '222222222222', 'access_key_id': 'AKIA222222222222'})
    everything = running.call('GET', ACCOUNTS_PATH).json()['data']
    assert [item['attributes']['aws_account_id'] for item in everything] == ['111111111111', '222222222222']
    only = running.call('GET', ACCOUNTS_PATH, params={'aws_account_id': '222222222222'}).json()['data']
    assert len(only) == 1 and only[0]['type'] == 'account'
    assert only[0]['attributes']['auth_config'] == {'access_key_id': 'AKIA222222222222'}
    assert only[0]['attributes']['aws_partition'] == 'aws'
    assert running.call('GET', ACCOUNTS_PATH, params={'aws_account_id': '999999999999'}).json() == {'data': []}


def test_iam_permissions_endpoints(running):
    lists = {}
    for scope in ('', '/standard', '/resource_collection'):
        response = running.call('GET', '/api/v2/integration/aws/iam_permissions' + scope)
        assert response.status_code == 200
        body = response.json()
        assert body['data']['id'] == 'permissions' and body['data']['type'] == 'permissions'
        lists[scope] = body['data']['attributes']['permissions']
    assert 'ec2:Describe*' in lists['/standard']
    assert set(lists['']) == set(lists['/standard']) | set(lists['/resource_collection'])


def test_available_namespaces_and_log_services_as_recorded(running):
    namespaces = running.call('GET', '/api/v2/integration/aws/available_namespaces')
    assert namespaces.status_code == 200 and namespaces.headers['Content-Type'] == 'application/vnd.api+json'
    assert namespaces.text.startswith('{"data":{"id":"namespaces","type":"namespaces","attributes":{"namespaces":['
                                      '"AWS/ApiGateway","AWS/AppRunner",')
    catalogue = namespaces.json()['data']['attributes']['namespaces']
    assert len(catalogue) == len(set(catalogue)) == 114
    assert catalogue != sorted(catalogue), 'catalogue order, not alphabetical'
    assert catalogue.index('AWS/ELB') == catalogue.index('AWS/CertificateManager') + 1
    assert {'Glue', 'WAF', '/aws/sagemaker/Endpoints', 'AWS/Usage'} <= set(catalogue)
    services = running.call('GET', '/api/v2/integration/aws/logs/services')
    assert services.text == ('{"data":{"id":"logs_services","type":"logs_services","attributes":{"logs_services":['
                             '"apigw-access-logs","apigw-execution-logs","cloudfront","elb","elbv2","lambda","redshift",'
                             '"s3","states","waf"]}}}')


def test_unknown_route_and_wrong_method(running):
    assert running.call('GET', '/api/v2/nothing').status_code == 404
    wrong_method = running.call('GET', V2_PATH)
    assert wrong_method.status_code == 405
    assert wrong_method.headers['Allow'] == 'POST'
    assert wrong_method.headers['Content-Type'] == 'application/json'
    assert wrong_method.json() == {'errors': ['Method Not Allowed']}


def test_rate_limit_answers_429_with_reset_headers_until_the_window_ends(running):
    running.control('POST', 'rate_limit', {'limit': 2, 'period': 2})
    statuses = [running.call('POST', V2_PATH) for _call in range(3)]
    assert [response.status_code for response in statuses] == [200, 200, 429]
    limited = statuses[2]
    assert limited.headers['X-RateLimit-Remaining'] == '0'
    assert limited.headers['X-RateLimit-Limit'] == '2' and limited.headers['X-RateLimit-Period'] == '2'
    assert 1 <= int(limited.headers['X-RateLimit-Reset']) <= 2
    assert limited.headers['X-RateLimit-Name'] == emulator.RATE_LIMIT_NAME
    assert limited.json() == {'errors': ['Too many requests']}
    time.sleep(int(limited.headers['X-RateLimit-Reset']) + 0.1)
    assert running.call('POST', V2_PATH).status_code == 200


def test_rate_limiter_windows():
    now = [100.0]
    limiter = emulator.RateLimiter(limit=2, period=5, clock=lambda: now[0])
    assert limiter.take()[0] and limiter.take()[0]
    allowed, headers = limiter.take()
    assert not allowed and headers['X-RateLimit-Reset'] == '5'
    now[0] = 103.2
    assert limiter.take()[1]['X-RateLimit-Reset'] == '2'
    now[0] = 105.0
    allowed, headers = limiter.take()
    assert allowed and headers['X-RateLimit-Remaining'] == '1'


def test_scripted_faults_are_served_once_each_in_order(running):
    running.control('POST', 'faults', {'faults': [
        {'status': 429, 'reset': 1},
        {'status': 502, 'html': True},
        {'status': 400, 'body': {'errors': [{'status': '400', 'title': 'Bad Request', 'detail': 'x'}], 'meta': {}},
         'content_type': 'application/vnd.api+json'},
    ]})
    limited = running.call('POST', V2_PATH)
    assert limited.status_code == 429 and limited.headers['x-ratelimit-reset'] == '1'
    gateway = running.call('POST', V2_PATH)
    assert gateway.status_code == 502 and gateway.headers['Content-Type'] == 'text/html'
    assert '<title>502 Bad Gateway</title>' in gateway.text
    bad = running.call('POST', V2_PATH)
    assert bad.status_code == 400 and bad.json()['errors'][0]['title'] == 'Bad Request'
    assert running.call('POST', V2_PATH).status_code == 200


def test_dropped_connection_and_delay(running):
    running.control('POST', 'faults', {'faults': [{'drop': True}, {'delay': 0.5}]})
    with pytest.raises(requests.exceptions.ConnectionError):
        running.call('POST', V2_PATH)
    started = time.time()
    assert running.call('POST', V2_PATH).status_code == 200
    assert time.time() - started >= 0.5


def test_journal_records_api_requests_with_keys_masked(running):
    running.call('POST', V2_PATH)
    running.call('PUT', V1_PATH, json={'account_id': '123456789012'}, params={'x': '1'})
    running.call('POST', V2_PATH, keys={'DD-API-KEY': 'wrong', 'DD-APPLICATION-KEY': 'wrong'})
    journal = running.control('GET', 'journal')['requests']
    expected = [('POST', V2_PATH), ('PUT', V1_PATH), ('POST', V2_PATH)]
    assert [(entry['method'], entry['path']) for entry in journal] == expected
    assert journal[0]['body'] == '' and json.loads(journal[1]['body']) == {'account_id': '123456789012'}
    assert journal[1]['query'] == {'x': ['1']}
    assert [entry['authenticated'] for entry in journal] == [True, True, False]
    assert journal[0]['headers']['DD-API-KEY'] == '********'
    assert emulator.DEFAULT_API_KEY not in json.dumps(journal) and emulator.DEFAULT_APP_KEY not in json.dumps(journal)


def test_clock_moves_journal_times_and_minted_at(running):
    running.call('POST', V2_PATH)
    state = running.control('POST', 'clock', {'advance': 48 * 3600})
    assert state['clock']['advanced_by'] == 48 * 3600
    assert state['clock']['now'] - time.time() > 48 * 3600 - 60
    running.call('POST', V2_PATH)
    journal = running.control('GET', 'journal')['requests']
    assert journal[1]['time'] - journal[0]['time'] >= 48 * 3600
    minted = running.control('GET', 'state')['minted']
    assert minted[1]['minted_at'] - minted[0]['minted_at'] >= 48 * 3600
    response = requests.post(running.url + '/_emulator/clock', json={'advance': 'soon'}, verify=running.ca_path,
                             timeout=10)
    assert response.status_code == 400


def test_seeded_accounts_external_ids_count_as_minted(running):
    account = running.control('POST', 'accounts', {'aws_account_id': '123456789012', 'external_id': 'a' * 32})
    assert account['attributes']['auth_config']['external_id'] == 'a' * 32
    assert [(entry['source'], entry['external_id']) for entry in running.control('GET', 'state')['minted']] == [
        ('seed', 'a' * 32)]


def test_reset_forgets_everything(running):
    running.control('POST', 'accounts', {'aws_account_id': '111111111111'})
    running.control('POST', 'faults', {'faults': [{'status': 500}]})
    running.control('POST', 'rate_limit', {'limit': 1, 'period': 60})
    running.control('POST', 'clock', {'advance': 3600})
    running.control('POST', 'permissions', {'permissions': []})
    running.call('POST', V2_PATH)
    state = running.control('POST', 'reset')
    assert abs(state.pop('clock')['now'] - time.time()) < 60
    assert state == {'accounts': [], 'minted': [], 'rotations': [], 'pending_faults': 0,
                     'rate_limit': {'limit': None, 'period': 60}, 'requests': 0, 'permissions': None}


def test_command_line_start_and_stop(tmp_path):
    script = emulator.__file__
    state_dir = str(tmp_path / 'state')
    started = subprocess.run([sys.executable, script, 'start', '--state-dir', state_dir, '--account',
                              '123456789012:DatadogIntegrationRole'],
                             stdout=subprocess.PIPE, check=True, timeout=60)
    settings = json.loads(started.stdout)
    try:
        assert settings['emulator_url'].startswith('https://127.0.0.1:')
        response = requests.get(settings['emulator_url'] + ACCOUNTS_PATH, headers=KEYS, verify=settings['emulator_ca'],
                                timeout=10)
        assert response.json()['data'][0]['attributes']['auth_config']['role_name'] == 'DatadogIntegrationRole'

        def cli(*args):
            return subprocess.run([sys.executable, script] + list(args) + ['--state-dir', state_dir],
                                  stdout=subprocess.PIPE, check=True, timeout=60).stdout.decode().strip()

        assert cli('setting', 'emulator_url') == settings['emulator_url']
        cli('control', 'accounts', '--body', '{"aws_account_id": "222222222222"}')
        state = json.loads(cli('control', 'state'))
        integrated = [account['attributes']['aws_account_id'] for account in state['accounts']]
        assert integrated == ['123456789012', '222222222222']
        assert json.loads(cli('journal'))['requests'][0]['path'] == ACCOUNTS_PATH
    finally:
        subprocess.run([sys.executable, script, 'stop', '--state-dir', state_dir], check=True, timeout=60)
    assert not os.path.exists(os.path.join(state_dir, 'emulator.json'))
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(settings['emulator_url'], verify=settings['emulator_ca'], timeout=5)
