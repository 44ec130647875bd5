# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ddog.aws.plugins.module_utils import _datadog
from ansible_collections.ddog.aws.plugins.modules import datadog_aws_external_id
from ansible_collections.ddog.aws.tests.emulator.misbehaving_server import MisbehavingServer
from ansible_collections.ddog.aws.tests.unit.utils import API_KEY, APP_KEY

MODULE = datadog_aws_external_id  # what the run fixture runs

V1_PATH = '/api/v1/integration/aws/generate_new_external_id'
V2_PATH = '/api/v2/integration/aws/generate_new_external_id'
# As recorded from Datadog in 2025: data.id equals the ID; earlier it was the literal "external_id".
V2_BODY = {'data': {'id': 'b6ec0b8a9ddf478e98b0134747bab2c5', 'type': 'external_id',
                    'attributes': {'external_id': 'b6ec0b8a9ddf478e98b0134747bab2c5'}}}
V1_BODY = {'external_id': 'd71656bcf0984f02848265fd12d01d97'}
V1_ARGS = dict(account_id='123456789012', role_name='DatadogIntegrationRole')

# The module's calls go to a loopback server each test scripts (pytest-httpserver).
SERVER = 'httpserver'


def test_argument_spec_declares_the_interface():
    spec = _datadog.datadog_argument_spec()
    assert spec['api_key']['no_log'] is True and spec['app_key']['no_log'] is True
    assert spec['api_key']['fallback'][1] == ['DD_API_KEY', 'DATADOG_API_KEY']
    assert spec['app_key']['fallback'][1] == ['DD_APP_KEY', 'DATADOG_APP_KEY']
    assert spec['site']['fallback'][1] == ['DD_SITE'] and spec['site']['default'] == 'datadoghq.com'
    assert spec['api_host']['fallback'][1] == ['DD_HOST', 'DATADOG_HOST']
    assert spec['validate_certs']['default'] is True


def test_without_account_calls_v2_with_no_body(run, httpserver):
    httpserver.expect_oneshot_request(V2_PATH, method='POST').respond_with_json(
        V2_BODY, content_type='application/vnd.api+json')
    outcome = run()
    assert not outcome.failed
    assert outcome.result['changed'] is True
    assert outcome.result['external_id'] == 'b6ec0b8a9ddf478e98b0134747bab2c5'
    assert outcome.result['api_version'] == 'v2'
    request, _response = httpserver.log[0]
    assert request.get_data() == b''
    assert len(httpserver.log) == 1


def test_v2_reads_the_id_from_attributes_not_data_id(run, httpserver):
    body = {'data': {'id': 'external_id', 'type': 'external_id',
                     'attributes': {'external_id': '46c7ca9418564d478f52b94479b3aae2'}}}
    httpserver.expect_oneshot_request(V2_PATH, method='POST').respond_with_json(body)
    assert run().result['external_id'] == '46c7ca9418564d478f52b94479b3aae2'


def test_with_account_and_role_calls_v1_with_exactly_those_fields(run, httpserver):
    httpserver.expect_oneshot_request(V1_PATH, method='PUT').respond_with_json(V1_BODY)
    outcome = run(V1_ARGS)
    assert outcome.result['external_id'] == 'd71656bcf0984f02848265fd12d01d97'
    assert outcome.result['api_version'] == 'v1'
    request, _response = httpserver.log[0]
    assert json.loads(request.get_data()) == V1_ARGS


@pytest.mark.parametrize('args', [{}, V1_ARGS])
def test_check_mode_reports_a_change_and_sends_nothing(run, httpserver, args):
    outcome = run(args, check_mode=True)
    assert not outcome.failed
    assert outcome.result['changed'] is True
    assert 'external_id' not in outcome.result
    assert outcome.result['api_version'] == ('v1' if args else 'v2')
    assert httpserver.log == []


@pytest.mark.parametrize('args, message', [
    ({'account_id': '123456789012'}, 'parameters are required together: account_id, role_name'),
    ({'role_name': 'DatadogIntegrationRole'}, 'parameters are required together: account_id, role_name'),
    (dict(V1_ARGS, account_id='12345678901'), 'account_id must be exactly 12 digits'),
    (dict(V1_ARGS, account_id='1234-5678-9012'), 'account_id must be exactly 12 digits'),
    (dict(V1_ARGS, role_name='Datadog Role'), 'role_name must be 1 to 64 characters'),
    (dict(V1_ARGS, role_name='R' * 65), 'role_name must be 1 to 64 characters'),
    ({'site': 'datadoghq.moon'}, 'value of site must be one of: datadoghq.com, us3.datadoghq.com'),
    ({'api_host': 'http://datadog.example.com'}, 'plain HTTP'),
    ({'retries': -1}, 'retries must be 0 to 20'),
    ({'timeout': 0}, 'timeout must be 1 to 600 seconds'),
])
@pytest.mark.parametrize('check_mode', [False, True])
def test_bad_input_fails_clearly_before_any_request(run, httpserver, args, message, check_mode):
    outcome = run(args, check_mode=check_mode)
    assert outcome.failed
    assert message in outcome.result['msg']
    assert httpserver.log == []


def test_unquoted_account_id_hint(run):
    outcome = run(dict(V1_ARGS, account_id='12345678901'))
    assert 'quote it' in outcome.result['msg']


def test_api_error_becomes_fail_json_with_status_and_errors(run, httpserver):
    httpserver.expect_oneshot_request(V1_PATH).respond_with_json(
        {'errors': ["Required parameter 'account_id' is missing"]}, status=400)
    outcome = run(V1_ARGS)
    assert outcome.failed
    assert outcome.result['status'] == 400
    assert outcome.result['errors'] == ["Required parameter 'account_id' is missing"]
    assert 'HTTP 400' in outcome.result['msg'] and V1_PATH in outcome.result['msg']
    assert 'Traceback' not in outcome.stdout


def test_forbidden_leaks_no_key(run, httpserver):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_json(
        {'errors': ['Forbidden: key %s' % API_KEY]}, status=403)
    outcome = run()
    assert outcome.failed and outcome.result['status'] == 403
    assert API_KEY not in outcome.stdout and APP_KEY not in outcome.stdout


@pytest.mark.parametrize('body', [{}, {'data': {}}, {'data': {'attributes': {'external_id': ''}}}, [], 'text'])
def test_answer_without_an_id_fails_clearly(run, httpserver, body):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_json(body)
    outcome = run()
    assert outcome.failed
    assert 'without an external ID' in outcome.result['msg']


@pytest.mark.parametrize('args, principal', [
    ({}, 'arn:aws:iam::464622532012:root'),
    ({'site': 'ap1.datadoghq.com'}, 'arn:aws:iam::417141415827:root'),
    ({'site': 'ddog-gov.com', 'aws_partition': 'aws-us-gov'}, 'arn:aws-us-gov:iam::065115117704:root'),
])
def test_trust_policy_names_the_principal_of_the_site_even_through_api_host(run, httpserver, args, principal):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_json(V2_BODY)
    result = run(args).result
    assert result['datadog_principal'] == principal
    statement = result['trust_policy']['Statement'][0]
    assert statement['Principal'] == {'AWS': principal}
    assert statement['Action'] == 'sts:AssumeRole'
    assert statement['Condition'] == {'StringEquals': {'sts:ExternalId': result['external_id']}}
    assert result['trust_policy']['Version'] == '2012-10-17'


def test_check_mode_returns_the_principal_but_no_trust_policy(run, httpserver):
    result = run({'site': 'uk1.datadoghq.com'}, check_mode=True).result
    assert result['datadog_principal'] == 'arn:aws:iam::117348461845:root'
    assert 'trust_policy' not in result
    assert httpserver.log == []


@pytest.mark.parametrize('args, message', [
    ({'aws_partition': 'aws-cn'}, 'does not serve AWS accounts in the aws-cn partition'),
    ({'site': 'datadoghq.eu', 'aws_partition': 'aws-us-gov'},
     'Datadog site datadoghq.eu does not serve AWS accounts in the aws-us-gov partition'),
])
@pytest.mark.parametrize('check_mode', [False, True])
def test_unsupported_site_and_partition_fail_before_any_request(run, httpserver, args, message, check_mode):
    outcome = run(args, check_mode=check_mode)
    assert outcome.failed and message in outcome.result['msg']
    assert httpserver.log == []


@pytest.mark.parametrize('lost', [{'drop': True}, {'status': 502, 'body': ''}])
def test_a_lost_v1_answer_rotates_once_and_says_how_to_read_the_id_in_use(run_module, waits, lost):
    with MisbehavingServer([lost, {'status': 200, 'body': V1_BODY}]) as datadog:
        outcome = run_module(MODULE.main, dict(V1_ARGS, api_host=datadog.url))
    assert [entry['method'] for entry in datadog.journal] == ['PUT']
    assert outcome.failed and waits == []
    message = outcome.result['msg']
    assert 'may have reached Datadog, so it was not sent again' in message
    assert 'may already have rotated the external ID of AWS account 123456789012' in message
    assert 'ddog.aws.datadog_aws_external_id_info' in message


def test_a_lost_v2_answer_is_asked_again(run_module, waits):
    with MisbehavingServer([{'drop': True}, {'status': 200, 'body': V2_BODY}]) as datadog:
        outcome = run_module(MODULE.main, dict(api_host=datadog.url))
    assert [entry['method'] for entry in datadog.journal] == ['POST', 'POST']
    assert outcome.result['external_id'] == 'b6ec0b8a9ddf478e98b0134747bab2c5' and len(waits) == 1


@pytest.mark.parametrize('args', [dict(V1_ARGS, account_id='123456789012\n'), dict(V1_ARGS, role_name='Role\n')])
def test_a_trailing_newline_in_an_identifier_is_refused(run, httpserver, args):
    outcome = run(args)
    assert outcome.failed and httpserver.log == []


def test_an_unusable_answer_is_quoted_masked(run, httpserver):
    httpserver.expect_oneshot_request(V2_PATH).respond_with_json({'data': {'note': 'x' * 280 + API_KEY}})
    outcome = run()
    assert outcome.failed and 'without an external ID' in outcome.result['msg']
    assert API_KEY[:12] not in outcome.stdout


def test_aws_account_id_is_another_name_for_account_id(run_against_emulator, datadog):
    datadog.state.add_account('123456789012', role_name='DatadogIntegrationRole')
    outcome = run_against_emulator(MODULE.main, dict(aws_account_id='123456789012', role_name='DatadogIntegrationRole'))
    assert not outcome.failed and outcome.result['api_version'] == 'v1'
    assert [(entry['method'], entry['path']) for entry in datadog.state.journal] == [
        ('PUT', '/api/v1/integration/aws/generate_new_external_id')]
