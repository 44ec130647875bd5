# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ddog.aws.plugins.modules import datadog_aws_external_id_info

MODULE = datadog_aws_external_id_info  # what the run fixture runs

ACCOUNTS_PATH = '/api/v2/integration/aws/accounts'

# The module's calls go to a loopback server each test scripts (pytest-httpserver).
SERVER = 'httpserver'


def account(aws_account_id='123456789012', partition='aws', auth=None, config_id='78f57c22-7baf-433d-b7aa-5fa13c559a13'):
    """An account config shaped as Datadog returns it (extra attributes included)."""
    return {'id': config_id, 'type': 'account', 'attributes': {
        'account_tags': [], 'aws_account_id': aws_account_id, 'aws_partition': partition,
        'auth_config': auth or {'role_name': 'DatadogIntegrationRole', 'external_id': '526ec638f871448ca210d7faa3cbacb5'},
        'aws_regions': {'include_all': True}, 'metrics_config': {'enabled': True}}}


def serve_accounts(httpserver, accounts):
    httpserver.expect_request(ACCOUNTS_PATH, method='GET', query_string='aws_account_id=123456789012')\
        .respond_with_json({'data': accounts}, content_type='application/vnd.api+json')


def test_role_based_integration(run, httpserver):
    serve_accounts(httpserver, [account()])
    outcome = run({'aws_account_id': '123456789012'})
    result = outcome.result
    assert not outcome.failed and result['changed'] is False
    assert result['integrated'] is True and result['auth_type'] == 'role'
    assert result['external_id'] == '526ec638f871448ca210d7faa3cbacb5'
    assert result['role_name'] == 'DatadogIntegrationRole'
    assert result['account_config_id'] == '78f57c22-7baf-433d-b7aa-5fa13c559a13'
    assert result['aws_partition'] == 'aws'
    assert result['accounts'] == [dict(account()['attributes'], account_config_id=account()['id'])]
    assert result['datadog_principal'] == 'arn:aws:iam::464622532012:root'
    assert result['trust_policy']['Statement'][0]['Condition'] == {
        'StringEquals': {'sts:ExternalId': '526ec638f871448ca210d7faa3cbacb5'}}
    assert len(httpserver.log) == 1


def test_trust_policy_follows_the_site_and_the_integration_partition(run, httpserver):
    serve_accounts(httpserver, [account(partition='aws-us-gov')])
    result = run({'aws_account_id': '123456789012', 'site': 'us2.ddog-gov.com'}).result
    assert result['datadog_principal'] == 'arn:aws-us-gov:iam::486737091498:root'
    assert result['trust_policy']['Statement'][0]['Principal'] == {'AWS': 'arn:aws-us-gov:iam::486737091498:root'}


def test_no_trust_policy_when_the_site_does_not_serve_the_partition(run, httpserver):
    serve_accounts(httpserver, [account(partition='aws-us-gov')])
    result = run({'aws_account_id': '123456789012', 'site': 'datadoghq.eu'}).result
    assert result['external_id'] == '526ec638f871448ca210d7faa3cbacb5'
    assert 'trust_policy' not in result and 'datadog_principal' not in result
    assert 'aws-us-gov' in json.dumps(result['warnings'])


def test_not_integrated_is_an_empty_result_not_a_failure(run, httpserver):
    serve_accounts(httpserver, [])
    result = run({'aws_account_id': '123456789012'}).result
    assert 'failed' not in result
    assert result['integrated'] is False and result['accounts'] == []
    for key in ('external_id', 'role_name', 'auth_type', 'account_config_id', 'aws_partition', 'trust_policy'):
        assert key not in result
    assert result['datadog_principal'] == 'arn:aws:iam::464622532012:root'


def test_access_key_integration_has_no_external_id(run, httpserver):
    serve_accounts(httpserver, [account(auth={'access_key_id': 'AKIA123456789012'})])
    result = run({'aws_account_id': '123456789012'}).result
    assert result['integrated'] is True and result['auth_type'] == 'access_keys'
    assert 'external_id' not in result and 'role_name' not in result and 'trust_policy' not in result
    assert result['account_config_id'] == '78f57c22-7baf-433d-b7aa-5fa13c559a13'


def test_several_matches_warn_and_pick_none(run, httpserver):
    serve_accounts(httpserver, [account(), account(partition='aws-us-gov', config_id='other')])
    result = run({'aws_account_id': '123456789012'}).result
    assert result['integrated'] is True and len(result['accounts']) == 2
    assert 'external_id' not in result and 'account_config_id' not in result
    assert len(result['warnings']) == 1
    assert 'aws_partition' in json.dumps(result['warnings']) and '2 integrations' in json.dumps(result['warnings'])


def test_partition_picks_one_of_several(run, httpserver):
    gov = account(partition='aws-us-gov', config_id='gov-config',
                  auth={'role_name': 'GovRole', 'external_id': '0123456789abcdef0123456789abcdef'})
    serve_accounts(httpserver, [account(), gov])
    result = run({'aws_account_id': '123456789012', 'aws_partition': 'aws-us-gov', 'site': 'ddog-gov.com'}).result
    assert result['accounts'] == [dict(gov['attributes'], account_config_id='gov-config')]
    assert result['external_id'] == '0123456789abcdef0123456789abcdef' and result['role_name'] == 'GovRole'
    assert 'warnings' not in result


def test_other_accounts_are_ignored_if_the_api_ignores_the_filter(run, httpserver):
    serve_accounts(httpserver, [account(aws_account_id='999999999999'), account()])
    result = run({'aws_account_id': '123456789012'}).result
    assert [item['aws_account_id'] for item in result['accounts']] == ['123456789012']


def test_runs_in_check_mode(run, httpserver):
    serve_accounts(httpserver, [account()])
    outcome = run({'aws_account_id': '123456789012'}, check_mode=True)
    assert outcome.result['external_id'] == '526ec638f871448ca210d7faa3cbacb5'
    assert outcome.result['changed'] is False


@pytest.mark.parametrize('value', ['12345678901', '1234567890123', 'abcdefghijkl'])
def test_bad_account_id_fails_before_any_request(run, httpserver, value):
    outcome = run({'aws_account_id': value})
    assert outcome.failed and 'aws_account_id must be exactly 12 digits' in outcome.result['msg']
    assert httpserver.log == []


def test_forbidden_fails_with_status(run, httpserver):
    httpserver.expect_request(ACCOUNTS_PATH).respond_with_json({'errors': ['Forbidden']}, status=403)
    outcome = run({'aws_account_id': '123456789012'})
    assert outcome.failed and outcome.result['status'] == 403 and outcome.result['errors'] == ['Forbidden']


@pytest.mark.parametrize('body', [{}, {'data': {}}, []])
def test_unexpected_body_fails_clearly(run, httpserver, body):
    httpserver.expect_request(ACCOUNTS_PATH).respond_with_json(body)
    outcome = run({'aws_account_id': '123456789012'})
    assert outcome.failed and 'without a list of accounts' in outcome.result['msg']


def test_an_account_id_with_a_trailing_newline_is_refused_not_reported_unintegrated(run, httpserver):
    serve_accounts(httpserver, [account()])
    outcome = run({'aws_account_id': '123456789012\n'})
    assert outcome.failed and 'aws_account_id must be exactly 12 digits' in outcome.result['msg']
    assert 'integrated' not in outcome.result and httpserver.log == []
