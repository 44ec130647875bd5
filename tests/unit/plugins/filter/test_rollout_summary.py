# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.ddog.aws.plugins.filter.rollout_summary import rollout_summary


def test_counts_names_and_one_line_per_failure():
    accounts = [
        {'aws_account_id': '111111111111', 'aws_account_name': 'Prod', 'integration_role_outcome': 'created'},
        {'aws_account_id': '222222222222', 'integration_role_outcome': 'unchanged'},
        {'aws_account_id': '333333333333', 'integration_role_outcome': 'created'},
        {'aws_account_id': '444444444444', 'aws_account_name': 'Sandbox', 'integration_role_outcome': 'failed',
         'organization_rollout_failure': 'Datadog integrates AWS account 444444444444\n  with access keys'},
        {'inventory_hostname': 'host-without-account'},
    ]
    assert rollout_summary(accounts) == [
        '5 accounts: 2 created, 0 updated, 1 unchanged, 0 deleted, 1 failed, 1 not run',
        'created: 111111111111 (Prod), 333333333333',
        'unchanged: 222222222222',
        'failed: 444444444444 (Sandbox)',
        'not run: host-without-account',
        '444444444444 (Sandbox) failed: Datadog integrates AWS account 444444444444 with access keys',
    ]


def test_no_account():
    assert rollout_summary([]) == ['0 accounts: 0 created, 0 updated, 0 unchanged, 0 deleted, 0 failed']


@pytest.mark.parametrize('value', ['text', [1], {'a': 1}])
def test_anything_else_is_a_clear_error(value):
    with pytest.raises(AnsibleFilterError, match='rollout_summary expects a list of dicts'):
        rollout_summary(value)
