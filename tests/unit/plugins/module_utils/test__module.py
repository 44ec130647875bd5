# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The way modules are put together: shared options, client, failures and masked output."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError
from ansible_collections.ddog.aws.plugins.module_utils import _module
from ansible_collections.ddog.aws.tests.emulator.misbehaving_server import MisbehavingServer
from ansible_collections.ddog.aws.tests.unit.utils import API_KEY, APP_KEY

# How a server could echo the keys: as sent, JSON-escaped, percent-encoded.
ECHOES = [API_KEY, APP_KEY.replace('-', '\\u002d'), API_KEY.replace('-', '%2D')]


def module_main(run):
    """A module's main() around ``run``, as a module file writes it."""
    def main():
        _module.run_module(dict(name=dict(type='str')), run, supports_check_mode=True)
    return main


def assert_no_key(text):
    for key in (API_KEY, APP_KEY):
        assert key not in text and key[:12] not in text


def test_results_warnings_and_failures_leave_masked(run_module):
    def run(module):
        module.warn('warned about %s' % API_KEY)
        return dict(changed=False, echoed=ECHOES, nested={'k': [{'v': API_KEY}]}, number=3)

    outcome = run_module(module_main(run), {})
    assert not outcome.failed and outcome.result['number'] == 3
    assert outcome.result['nested'] == {'k': [{'v': '********'}]}
    assert_no_key(outcome.stdout)


def test_a_datadog_api_error_becomes_fail_json_with_status_and_errors(run_module):
    def run(module):
        raise DatadogAPIError('Datadog said no to %s' % API_KEY, status=409, errors=['Account already exists'])

    outcome = run_module(module_main(run), {})
    assert outcome.failed
    assert outcome.result['msg'] == 'Datadog said no to ********'
    assert outcome.result['status'] == 409 and outcome.result['errors'] == ['Account already exists']


def test_an_unexpected_exception_is_a_clear_failure_not_a_bare_traceback(run_module):
    def run(module):
        raise KeyError('attributes %s' % API_KEY)

    outcome = run_module(module_main(run), {})
    assert outcome.failed
    assert outcome.result['msg'].startswith('Unexpected error in ddog.aws.test__module (please report it, without keys)')
    assert 'KeyError' in outcome.result['msg'] and 'Traceback' not in outcome.result['msg']
    assert_no_key(outcome.stdout)


def test_a_key_with_a_trailing_newline_works_and_warns_once(run_module):
    with MisbehavingServer([{'status': 200, 'body': {'data': []}}]) as datadog:
        outcome = run_module(module_main(lambda module: dict(changed=False, data=module.client.request('GET', '/api/v2/x'))),
                             dict(api_key=API_KEY + '\n', app_key='\r' + APP_KEY, api_host=datadog.url))
    assert not outcome.failed and outcome.result['data'] == {'data': []}
    warnings = json.dumps(outcome.result['warnings'])  # strings, or structured from ansible-core 2.19 on
    assert warnings.count(' had white space around it') == 2
    assert warnings.index('api_key had') < warnings.index('app_key had')
    assert dict(datadog.journal[0]['headers'])['DD-API-KEY'] == API_KEY
    assert_no_key(outcome.stdout)


@pytest.mark.parametrize('check_mode', [False, True])
def test_a_key_that_is_no_header_value_fails_before_any_request_naming_the_option(run_module, check_mode):
    with MisbehavingServer([{'status': 200, 'body': {}}]) as datadog:
        outcome = run_module(module_main(lambda module: dict(changed=False)),
                             dict(app_key=APP_KEY[:8] + '\x1b[2J' + APP_KEY[8:], api_host=datadog.url),
                             check_mode=check_mode)
    assert outcome.failed and outcome.result['msg'].startswith('app_key contains a control character.')
    assert datadog.journal == []
    assert_no_key(outcome.stdout)


@pytest.mark.parametrize('api_host', ['https://user:hunter2-password@api.datadoghq.eu',
                                      'https://api.datadoghq.eu/?api_key=hunter2-password'])
def test_credentials_written_into_api_host_are_not_echoed_by_ansible(run_module, api_host):
    outcome = run_module(module_main(lambda module: dict(changed=False)), dict(api_host=api_host))
    assert outcome.failed and outcome.result['msg'].startswith('api_host ')
    assert 'hunter2' not in outcome.stdout


# --- options every module shares, and where they come from -----------------------------------------------------

def calls_datadog(module):
    """What a module's run() does at its simplest: one request through the client."""
    return dict(changed=False, answer=module.client.request('GET', '/api/v2/integration/aws/iam_permissions'))


def serve(httpserver):
    httpserver.expect_oneshot_request('/api/v2/integration/aws/iam_permissions').respond_with_json({'data': []})


def test_missing_keys_name_the_options_and_the_variables(run_module, httpserver):
    outcome = run_module(module_main(calls_datadog), dict(api_host=httpserver.url_for('/')), with_keys=False)
    assert outcome.failed
    assert 'api_key' in outcome.result['msg'] and 'app_key' in outcome.result['msg']


@pytest.mark.parametrize('api_variable, app_variable', [('DD_API_KEY', 'DD_APP_KEY'),
                                                        ('DATADOG_API_KEY', 'DATADOG_APP_KEY')])
def test_keys_from_the_environment(run_module, httpserver, monkeypatch, api_variable, app_variable):
    monkeypatch.setenv(api_variable, 'env-api-key')
    monkeypatch.setenv(app_variable, 'env-app-key')
    serve(httpserver)
    outcome = run_module(module_main(calls_datadog), dict(api_host=httpserver.url_for('/')), with_keys=False)
    assert not outcome.failed
    request, _response = httpserver.log[0]
    assert request.headers['DD-API-KEY'] == 'env-api-key'
    assert request.headers['DD-APPLICATION-KEY'] == 'env-app-key'


@pytest.mark.parametrize('variable', ['DD_HOST', 'DATADOG_HOST'])
def test_api_host_from_the_environment(run_module, httpserver, monkeypatch, variable):
    monkeypatch.setenv(variable, httpserver.url_for('/'))
    serve(httpserver)
    assert not run_module(module_main(calls_datadog), {}).failed
    assert len(httpserver.log) == 1


def test_site_from_the_environment_is_validated(run_module, monkeypatch):
    monkeypatch.setenv('DD_SITE', 'datadoghq.moon')
    outcome = run_module(module_main(calls_datadog), {}, check_mode=True)
    assert outcome.failed and 'datadoghq.moon' in outcome.result['msg']


def test_the_user_agent_names_the_module(run_module, httpserver):
    serve(httpserver)
    from ansible_collections.ddog.aws.plugins.modules import datadog_aws_iam_permissions_info

    run_module(datadog_aws_iam_permissions_info.main, dict(api_host=httpserver.url_for('/')))
    request, _response = httpserver.log[0]
    assert request.headers['User-Agent'].endswith('; ddog.aws.datadog_aws_iam_permissions_info)')


def test_a_missing_requests_library_is_reported_not_raised(run_module, monkeypatch):
    monkeypatch.setattr(_module, 'HAS_REQUESTS', False)
    monkeypatch.setattr(_module, 'REQUESTS_IMPORT_ERROR', 'ImportError: No module named requests')
    outcome = run_module(module_main(calls_datadog), {})
    assert outcome.failed
    assert 'Failed to import the required Python library (requests)' in outcome.result['msg']
