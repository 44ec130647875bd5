# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""datadog_aws_account_info through its main(), against the project's Datadog API emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest

from ansible_collections.ddog.aws.plugins.modules import datadog_aws_account as account_module
from ansible_collections.ddog.aws.plugins.modules import datadog_aws_account_info
from ansible_collections.ddog.aws.tests.unit.utils import AWS_SECRET

MODULE = datadog_aws_account_info  # what the run fixture runs


@pytest.fixture
def integrated(run_against_emulator):
    """Three integrations: two with a role, one with keys in aws-cn."""
    for account_id in ('111111111111', '222222222222'):
        assert not run_against_emulator(account_module.main, dict(aws_account_id=account_id, role_name='Role')).failed
    assert not run_against_emulator(account_module.main, dict(
        aws_account_id='333333333333', aws_partition='aws-cn', access_key_id='AKIAIOSFODNN7EXAMPLE',
        secret_access_key=AWS_SECRET)).failed


def test_every_integration_with_one_request_and_no_secret(run, datadog, integrated):
    datadog.state.journal.clear()
    outcome = run({}, check_mode=True)
    accounts = outcome.result['accounts']
    assert not outcome.failed and outcome.result['changed'] is False
    assert sorted(account['aws_account_id'] for account in accounts) == ['111111111111', '222222222222', '333333333333']
    assert datadog.calls() == [('GET', '/api/v2/integration/aws/accounts')]
    assert all(account['account_config_id'] for account in accounts)
    keys = next(account for account in accounts if account['aws_partition'] == 'aws-cn')
    assert keys['auth_config'] == {'access_key_id': 'AKIAIOSFODNN7EXAMPLE'}
    assert AWS_SECRET not in outcome.stdout


def test_one_account_is_asked_for_by_id(run, datadog, integrated):
    datadog.state.journal.clear()
    accounts = run({'aws_account_id': '222222222222'}).result['accounts']
    assert [account['aws_account_id'] for account in accounts] == ['222222222222']
    assert accounts[0]['auth_config']['role_name'] == 'Role'
    assert datadog.state.journal[0]['query'] == {'aws_account_id': ['222222222222']}


def test_a_partition_filters(run, integrated):
    assert [account['aws_account_id'] for account in run({'aws_partition': 'aws-cn'}).result['accounts']] == [
        '333333333333']


def test_none_is_an_empty_list(run, datadog):
    assert run({'aws_account_id': '444444444444'}).result['accounts'] == []


def test_an_account_id_is_matched_whole(run, datadog):
    outcome = run({'aws_account_id': '111111111111\n'})
    assert outcome.failed and datadog.calls() == []


@pytest.mark.parametrize('args, principal', [
    ({}, 'arn:aws:iam::464622532012:root'),
    ({'site': 'ap1.datadoghq.com'}, 'arn:aws:iam::417141415827:root'),
    ({'site': 'ddog-gov.com', 'aws_partition': 'aws-us-gov'}, 'arn:aws-us-gov:iam::065115117704:root'),
    ({'aws_partition': 'aws-cn'}, None),
])
def test_the_principal_an_integration_role_must_trust(run, datadog, args, principal):
    assert run(args).result.get('datadog_principal') == principal
