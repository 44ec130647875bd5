# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""datadog_aws_account_ccm_config through its main(), against the project's Datadog API emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ddog.aws.plugins.modules import datadog_aws_account_ccm_config

MODULE = datadog_aws_account_ccm_config  # what the run fixture runs

ACCOUNT = '123456789012'
ACCOUNTS = '/api/v2/integration/aws/accounts'
LOOKUP = ('GET', ACCOUNTS)
VALIDATE = ('POST', '/api/v2/integration/aws/validate_ccm_config')
EXPORT = dict(bucket_name='billing', bucket_region='us-east-1', report_name='cost-and-usage-report',
              report_prefix='reports')
HELD = dict(EXPORT, report_type='CUR2.0')


def config(*exports):
    return dict(aws_account_id=ACCOUNT, ccm_config=dict(data_export_configs=list(exports)))


@pytest.fixture
def account(datadog):
    return datadog.state.add_account(ACCOUNT)['id']


@pytest.fixture
def run(run, account):
    """The shared run fixture, with the account integrated: a CCM config belongs to an integration."""
    return run


def calls(datadog, account):
    """The journal, with the CCM path of the account written as CCM."""
    return [(method, 'CCM' if path == '%s/%s/ccm_config' % (ACCOUNTS, account) else path)
            for method, path in datadog.calls()]


def held(datadog):
    return datadog.state.accounts[0]['ccm_config']


def test_create_rerun_update_delete(run, datadog, account):
    created = run(config(EXPORT), diff=True).result
    assert created['changed'] is True and created['account_config_id'] == account
    assert created['ccm_config'] == {'data_export_configs': [HELD]}
    assert created['diff'] == {'before': {}, 'after': {'ccm_config': {'data_export_configs': [HELD]}}}
    assert datadog.bodies('POST') == [{'data': {'type': 'ccm_config', 'attributes': {'ccm_config': {
        'data_export_configs': [HELD]}}}}]
    assert run(config(HELD)).result['changed'] is False
    moved = dict(HELD, bucket_name='billing-updated', bucket_region='us-west-2')
    updated = run(config(moved), diff=True).result
    assert updated['changed'] is True and updated['diff']['before']['ccm_config']['data_export_configs'] == [HELD]
    assert datadog.bodies('PATCH')[0]['data']['attributes']['ccm_config']['data_export_configs'] == [moved]
    assert held(datadog) == [{name: moved[name] for name in ('report_name', 'report_prefix', 'report_type',
                                                             'bucket_name', 'bucket_region')}]
    deleted = run(dict(aws_account_id=ACCOUNT, state='absent'), diff=True).result
    assert deleted['changed'] is True and deleted['ccm_config'] == {} and deleted['diff']['after'] == {}
    assert run(dict(aws_account_id=ACCOUNT, state='absent')).result['changed'] is False
    assert calls(datadog, account) == [LOOKUP, ('GET', 'CCM'), ('POST', 'CCM'),
                                       LOOKUP, ('GET', 'CCM'),
                                       LOOKUP, ('GET', 'CCM'), ('PATCH', 'CCM'),
                                       LOOKUP, ('GET', 'CCM'), ('DELETE', 'CCM'),
                                       LOOKUP, ('GET', 'CCM')]
    assert held(datadog) is None


def test_exports_compare_as_a_set_and_repeats_count_once(run, datadog):
    second = dict(EXPORT, report_name='other')
    assert run(config(EXPORT, second, EXPORT)).result['changed'] is True
    assert len(held(datadog)) == 2
    assert run(config(second, EXPORT)).result['changed'] is False
    assert run(config(second)).result['changed'] is True and len(held(datadog)) == 1


def test_check_mode_reads_only(run, datadog, account):
    preview = run(config(EXPORT), check_mode=True, diff=True).result
    assert preview['changed'] is True and held(datadog) is None
    real = run(config(EXPORT), diff=True).result
    assert preview['diff'] == real['diff'] and preview['ccm_config'] == real['ccm_config']
    assert run(dict(aws_account_id=ACCOUNT, state='absent'), check_mode=True).result['changed'] is True
    assert held(datadog) is not None
    assert [method for method, _path in datadog.calls()].count('POST') == 1
    assert 'PATCH' not in [method for method, _path in datadog.calls()]


def test_validation_before_a_write_only_and_its_issues_refuse_it(run, datadog):
    issue = {'code': 'EXPORT_NOT_FOUND', 'description': 'No CUR 2.0 export named cost-and-usage-report.'}
    datadog.control('POST', 'ccm_validation', {'bucket_name': 'billing', 'issues': [issue]})
    for check_mode in (True, False):
        outcome = run(dict(config(EXPORT), validate=True), check_mode=check_mode)
        assert outcome.failed and 'status' not in outcome.result
        assert outcome.result['errors'] == ['EXPORT_NOT_FOUND: No CUR 2.0 export named cost-and-usage-report. (the '
                                            'export cost-and-usage-report in the bucket billing)']
        assert 'Datadog cannot ingest the data export configs of AWS account %s' % ACCOUNT in outcome.result['msg']
    assert held(datadog) is None and [call for call in datadog.calls() if call[0] == 'POST'] == [VALIDATE] * 2
    assert datadog.bodies('POST')[0] == {'data': {'type': 'ccm_config_validation', 'attributes': dict(
        EXPORT, account_id=ACCOUNT)}}
    datadog.control('POST', 'ccm_validation', {'bucket_name': 'billing', 'issues': []})
    assert run(dict(config(EXPORT), validate=True)).result['changed'] is True
    del datadog.state.journal[:]
    assert run(dict(config(EXPORT), validate=True)).result['changed'] is False
    assert VALIDATE not in datadog.calls(), 'nothing to write, nothing to validate'


def test_an_account_datadog_does_not_integrate(run, datadog):
    outcome = run(dict(config(EXPORT), aws_account_id='210987654321'))
    assert outcome.failed and 'Datadog does not integrate AWS account 210987654321 in the aws partition' in \
        outcome.result['msg']
    absent = run(dict(aws_account_id='210987654321', state='absent')).result
    assert absent['changed'] is False and 'account_config_id' not in absent
    assert datadog.calls() == [LOOKUP, LOOKUP]


def test_a_create_whose_answer_is_lost_is_read_back(run, datadog, account, waits):
    datadog.state.faults.extend([{}, {}, {'lose_answer': True}])
    outcome = run(config(EXPORT))
    assert not outcome.failed and outcome.result['changed'] is True
    assert calls(datadog, account) == [LOOKUP, ('GET', 'CCM'), ('POST', 'CCM'), ('GET', 'CCM')]
    assert 'read back' in json.dumps(outcome.result['warnings'])


def test_a_409_because_another_run_created_it_is_compared(run, datadog, account, waits):
    conflict = {'errors': [{'status': '409', 'title': 'Account already exists',
                            'detail': 'CCM config already exists for this account'}]}
    datadog.state.faults.extend([{}, {}, {'status': 409, 'act': True, 'body': conflict}])
    outcome = run(config(EXPORT))
    assert not outcome.failed and outcome.result['changed'] is False
    assert calls(datadog, account) == [LOOKUP, ('GET', 'CCM'), ('POST', 'CCM'), ('GET', 'CCM')]


def test_an_update_datadog_applied_but_answered_502_is_a_change_inferred_from_the_read_back(
        run, datadog, account, waits):
    run(config(EXPORT))
    datadog.state.faults.extend([{}, {}, {'status': 502, 'act': True}])
    moved = dict(EXPORT, bucket_name='billing-eu')
    outcome = run(dict(config(moved), retries=0), diff=True)
    assert held(datadog)[0]['bucket_name'] == 'billing-eu', 'Datadog acted on the PATCH'
    assert not outcome.failed and outcome.result['changed'] is True
    assert calls(datadog, account)[-4:] == [LOOKUP, ('GET', 'CCM'), ('PATCH', 'CCM'), ('GET', 'CCM')]
    assert outcome.result['diff']['after'] == {'ccm_config': {'data_export_configs': [dict(HELD, bucket_name='billing-eu')]}}
    assert 'reported as changed by this run, which is inferred' in json.dumps(outcome.result['warnings'])


def test_a_404_to_a_delete_fails_when_datadog_still_holds_the_config_else_is_a_change(run, datadog, account):
    """As Terraform recorded: Datadog answered 404 "Account not found" to the DELETE of a config it had just listed."""
    run(config(EXPORT))
    not_found = {'errors': [{'status': '404', 'title': 'Account not found',
                             'detail': 'AWS account with provided id is not integrated'}]}
    datadog.state.faults.extend([{}, {}, {'status': 404, 'body': not_found}])
    outcome = run(dict(aws_account_id=ACCOUNT, state='absent'))
    assert outcome.failed and outcome.result['status'] == 404
    assert outcome.result['msg'].endswith('Datadog still holds the CCM config of AWS account %s: nothing was deleted.'
                                          % ACCOUNT)
    # Terraform's cassette TestAccIntegrationAwsAccountCcmConfigBasic: Datadog deleted it, and answered 404.
    datadog.state.faults.extend([{}, {}, {'status': 404, 'act': True, 'body': not_found}])
    outcome = run(dict(aws_account_id=ACCOUNT, state='absent'), diff=True)
    assert held(datadog) is None, "this run's DELETE removed it"
    assert not outcome.failed and outcome.result['changed'] is True
    assert outcome.result['diff'] == {'before': {'ccm_config': {'data_export_configs': [HELD]}}, 'after': {}}
    assert 'got no usable answer (Datadog answered it with HTTP 404) and a read-back found it gone: reported as ' \
        'deleted by this run, which is inferred.' in json.dumps(outcome.result['warnings'])
    assert calls(datadog, account)[-4:] == [LOOKUP, ('GET', 'CCM'), ('DELETE', 'CCM'), ('GET', 'CCM')]


def test_datadogs_refusal_is_quoted_with_the_status(run, datadog):
    outcome = run(config(dict(EXPORT, bucket_region='invalid-region')))
    assert outcome.failed and outcome.result['status'] == 400
    assert 'invalid bucket region: invalid-region' in outcome.result['msg']


@pytest.mark.parametrize('granted, args, permission', [
    (['aws_configuration_read'], config(EXPORT), 'aws_configuration_edit'),
    (['aws_configuration_read', 'aws_configuration_edit'], dict(config(EXPORT), validate=True),
     'cloud_cost_management_read or cloud_cost_management_write'),
])
def test_a_missing_permission_is_named(run, datadog, granted, args, permission):
    datadog.control('POST', 'permissions', {'permissions': granted})
    outcome = run(args)
    assert outcome.failed and outcome.result['status'] == 403
    assert 'needs the application key permission %s' % permission in outcome.result['msg']


@pytest.mark.parametrize('args, message', [
    (dict(aws_account_id=ACCOUNT), 'state is present but all of the following are missing: ccm_config'),
    (config(dict(bucket_name='b')), 'missing required arguments: bucket_region, report_name, report_prefix found in '
                                    'ccm_config -> data_export_configs'),
    (dict(config(EXPORT), aws_account_id='x'), 'aws_account_id must be exactly 12 digits'),
])
def test_bad_input_fails_clearly_before_any_request(run, datadog, args, message):
    outcome = run(args)
    assert outcome.failed and message in outcome.result['msg']
    assert datadog.calls() == []
