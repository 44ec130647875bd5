# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Comparing what a playbook asks with what Datadog holds, as Datadog merges a PATCH."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.ddog.aws.plugins.module_utils import _accounts, _datadog
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogAPIError, DatadogClient
from ansible_collections.ddog.aws.tests.emulator import datadog_emulator as emulator

# As Datadog answered a create (2025-12), lists in its own order.
HELD = {
    'account_tags': ['key:value', 'env:prod'],
    'auth_config': {'role_name': 'DatadogIntegrationRole', 'external_id': 'a4e4a6b4c2cf4638a58b1febc6b856e9'},
    'aws_account_id': '123456789012', 'aws_partition': 'aws',
    'aws_regions': {'include_only': ['us-west-2', 'us-east-1']},
    'created_at': '2025-12-10T17:32:09.613Z',
    'logs_config': {'lambda_forwarder': {'lambdas': [], 'sources': ['s3', 'elb'], 'log_source_config': {
        'tag_filters': [{'source': 's3', 'tags': ['b:2', 'a:1']}]}}},
    'metrics_config': {'enabled': True, 'automute_enabled': True, 'collect_custom_metrics': False,
                       'collect_cloudwatch_alarms': False, 'tag_filters': [{'namespace': 'AWS/EC2', 'tags': None}],
                       'namespace_filters': {'exclude_only': ['AWS/SQS', 'AWS/ElasticMapReduce', 'AWS/Usage']}},
    'modified_at': '2025-12-10T17:32:09.613Z',
    'resources_config': {'cloud_security_posture_management_collection': False, 'extended_collection': True},
    'traces_config': {'xray_services': {'include_only': []}},
}


@pytest.mark.parametrize('desired', [
    {'account_tags': ['env:prod', 'key:value']},
    {'account_tags': ['env:prod', 'key:value', 'env:prod']},
    {'aws_regions': {'include_only': ['us-east-1', 'us-west-2']}},
    {'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/Usage', 'AWS/SQS', 'AWS/ElasticMapReduce']}}},
    {'metrics_config': {'enabled': True}},
    {'metrics_config': {'tag_filters': [{'namespace': 'AWS/EC2'}]}},
    {'metrics_config': {'tag_filters': [{'namespace': 'AWS/EC2', 'tags': []}]}},
    {'logs_config': {'lambda_forwarder': {'sources': ['elb', 's3']}}},
    {'logs_config': {'lambda_forwarder': {'log_source_config': {'tag_filters': [{'source': 's3', 'tags': ['a:1', 'b:2']}]}}}},
    {'traces_config': {'xray_services': {'include_only': []}}},
    {'auth_config': {'role_name': 'DatadogIntegrationRole'}},
    {},
])
def test_what_datadog_holds_in_another_order_is_no_change(desired):
    assert _accounts.changes(HELD, desired) is None


@pytest.mark.parametrize('desired, change', [
    ({'account_tags': ['env:prod']}, {'account_tags': ['env:prod']}),
    ({'account_tags': []}, {'account_tags': []}),
    ({'aws_regions': {'include_all': True}}, {'aws_regions': {'include_all': True}}),
    ({'metrics_config': {'enabled': True, 'collect_custom_metrics': True}}, {'metrics_config': {'collect_custom_metrics': True}}),
    ({'metrics_config': {'namespace_filters': {'include_only': ['AWS/EC2']}}},
     {'metrics_config': {'namespace_filters': {'include_only': ['AWS/EC2']}}}),
    ({'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/SQS']}}},
     {'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/SQS']}}}),
    ({'metrics_config': {'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['a:b']}]}},
     {'metrics_config': {'tag_filters': [{'namespace': 'AWS/EC2', 'tags': ['a:b']}]}}),
    ({'logs_config': {'lambda_forwarder': {'sources': ['s3'], 'lambdas': []}}},
     {'logs_config': {'lambda_forwarder': {'sources': ['s3']}}}),
    ({'resources_config': {'extended_collection': False}}, {'resources_config': {'extended_collection': False}}),
    ({'traces_config': {'xray_services': {'include_all': True}}}, {'traces_config': {'xray_services': {'include_all': True}}}),
    ({'auth_config': {'role_name': 'DatadogIntegrationRole', 'external_id': 'ffff'}}, {'auth_config': {'external_id': 'ffff'}}),
])
def test_a_difference_is_only_what_changed(desired, change):
    assert _accounts.changes(HELD, desired) == change


def test_a_setting_an_older_integration_lacks_is_a_change():
    held = dict(HELD, resources_config={'cloud_security_posture_management_collection': False})
    assert _accounts.changes(held, {'resources_config': {'extended_collection': True}}) == {
        'resources_config': {'extended_collection': True}}


@pytest.mark.parametrize('sent, expected', [
    ({'aws_regions': {'include_all': True}}, {'include_all': True}),
    ({'metrics_config': {'namespace_filters': {'include_only': ['AWS/EC2']}}}, None),
])
def test_merge_switches_a_one_of_and_keeps_what_is_not_sent(sent, expected):
    after = _accounts.merged(HELD, sent)
    if expected is not None:
        assert after['aws_regions'] == expected
    else:
        assert after['metrics_config']['namespace_filters'] == {'include_only': ['AWS/EC2']}
        assert after['metrics_config']['enabled'] is True
    assert after['account_tags'] == HELD['account_tags'] and after['auth_config'] == HELD['auth_config']


def test_a_create_is_predicted_over_datadogs_defaults():
    sent = {'metrics_config': {'namespace_filters': {'include_only': ['AWS/EC2']}}, 'account_tags': ['a:b']}
    after = _accounts.merged(_accounts.DEFAULTS, sent)
    assert after['metrics_config']['namespace_filters'] == {'include_only': ['AWS/EC2']}
    assert after['metrics_config']['automute_enabled'] is True and after['aws_regions'] == {'include_all': True}
    assert _accounts.DEFAULTS['account_tags'] == [], 'the defaults are not changed by a prediction'


def test_the_diff_view_is_stable_and_holds_no_secret_or_timestamps():
    held = dict(HELD, auth_config={'access_key_id': 'AKIA', 'secret_access_key': 'never-shown'})
    view = _accounts.diff_view(held)
    assert view['account_tags'] == ['env:prod', 'key:value']
    assert view['traces_config'] == {'xray_services': {'include_only': []}}
    assert view['auth_config'] == {'access_key_id': 'AKIA'}
    assert 'created_at' not in view and 'modified_at' not in view


def test_shape_drops_the_secret_and_adds_the_config_id():
    item = {'id': '4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0', 'type': 'account',
            'attributes': dict(HELD, auth_config={'access_key_id': 'AKIA', 'secret_access_key': 's'})}
    shaped = _accounts.shape(item)
    assert shaped['auth_config'] == {'access_key_id': 'AKIA'}
    assert shaped['account_config_id'] == item['id']
    assert item['attributes']['auth_config']['secret_access_key'] == 's', 'the item is left as it was'


class ForbiddingClient:
    @staticmethod
    def request(method, path, **_kwargs):
        raise DatadogAPIError('Datadog API %s %s failed with HTTP 403 Forbidden.' % (method, path), status=403,
                              errors=['Forbidden'], method=method, path=path)


@pytest.mark.parametrize('method, expected', [
    ('GET', 'This call (GET) needs the application key permission aws_configuration_read.'),
    ('POST', 'This call (POST) needs the application key permission aws_configurations_manage.'),
    ('PATCH', 'This call (PATCH) needs the application key permission aws_configuration_edit.'),
    ('DELETE', 'This call (DELETE) needs the application key permission aws_configurations_manage.'),
])
def test_a_403_names_the_permission_of_the_method(method, expected):
    with pytest.raises(DatadogAPIError) as failed:
        _accounts.call(ForbiddingClient, method, '/p', '123456789012')
    assert failed.value.message == 'Datadog API %s /p failed with HTTP 403 Forbidden. %s' % (method, expected)
    assert failed.value.status == 403 and failed.value.errors == ['Forbidden']


@pytest.mark.parametrize('status, errors, expected', [
    (400, ['Bad Request: invalid External ID'], 'expires 48 hours after Datadog mints it'),
    (409, ['Account already exists: AWS account with provided id already exists'],
     'Another run created the integration of AWS account 123456789012 meanwhile'),
])
def test_errors_are_explained(status, errors, expected):
    error = DatadogAPIError('Datadog API POST failed.', status=status, errors=errors, method='POST', path='/p')
    explained = _accounts.explain(error, '123456789012')
    assert explained.message.startswith('Datadog API POST failed.') and expected in explained.message
    assert explained.status == status and explained.errors == errors


def test_other_errors_are_left_as_they_are():
    error = DatadogAPIError('x', status=400, errors=['Bad Request: invalid value (aws_partition: invalid partition: y)'])
    assert _accounts.explain(error, '123456789012') is error


class FakeClient:
    describe = staticmethod(repr)


@pytest.mark.parametrize('config_id', ['../../v1/integration/aws', '4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0/x', None, 7, ''])
def test_only_a_uuid_goes_into_a_path(config_id):
    with pytest.raises(DatadogAPIError, match='not a UUID'):
        _accounts.config_path(FakeClient, {'id': config_id})


def test_a_uuid_does():
    path = _accounts.config_path(FakeClient, {'id': '4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0'})
    assert path == '/api/v2/integration/aws/accounts/4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0'


def test_unshape_gives_back_the_item_shape_made():
    item = {'id': '4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0', 'type': 'account', 'attributes': dict(HELD)}
    assert _accounts.unshape(_accounts.shape(item)) == item


def _client(datadog):
    return DatadogClient(api_key=emulator.DEFAULT_API_KEY, app_key=emulator.DEFAULT_APP_KEY, api_host=datadog.url,
                         ca_path=datadog.ca_path)


def test_concurrent_creates_answered_conflicting_updates_all_land_once(datadog, monkeypatch):
    """Datadog answered overlapping writes with 500 "conflicting updates": each is read back, then sent again."""
    monkeypatch.setattr(_datadog, 'BACKOFF_BASE', 0.2)  # real waits, shorter than a run's
    datadog.state.conflict_hold = 0.1
    accounts = ['%012d' % number for number in range(1, 5)]
    outcomes, failures, warnings = {}, [], []

    def create(account):
        client = _client(datadog)
        try:
            current = _accounts.find(client, account, 'aws')
            outcomes[account] = _accounts.apply_present(
                client, current, _accounts.Desired(account, role_name='DatadogIntegrationRole'), warnings.append)
        except DatadogAPIError as exc:  # pragma: no cover - reported below
            failures.append(exc.message)

    threads = [threading.Thread(target=create, args=(account,)) for account in accounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(item['attributes']['aws_account_id'] for item in datadog.state.accounts) == accounts
    assert all(changed for changed, _after in outcomes.values())
    assert datadog.state.conflicts >= 1 and any('HTTP 500' in warning for warning in warnings)
    creates = [entry for entry in datadog.state.journal if entry['method'] == 'POST']
    assert len(creates) == len(accounts) + datadog.state.conflicts, 'a create is sent again only after a refusal'


def test_a_create_held_by_another_role_after_a_409_is_refused(datadog):
    client = _client(datadog)
    datadog.state.add_account('123456789012', role_name='SomeoneElsesRole')
    with pytest.raises(DatadogAPIError, match='with the role SomeoneElsesRole, not with the role DatadogIntegrationRole'):
        # What a stale listing leads to: Datadog has it, the run thought it had not.
        _accounts.apply_present(client, None, _accounts.Desired('123456789012', role_name='DatadogIntegrationRole'),
                                lambda warning: None)
    assert [entry['method'] for entry in datadog.state.journal] == ['POST', 'GET']
