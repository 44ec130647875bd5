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


SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'


@pytest.mark.parametrize('value, words', [
    ('text %s' % SECRET, 'its input must be a list, got a string'),
    ({'aws_secret_key': SECRET}, 'its input must be a list, got a dict'),
    ([{'aws_account_id': '111111111111'}, 'secret_key=%s' % SECRET], 'item 2 of its input must be a dict'),
    ([{'aws_account_id': '111111111111'}, [SECRET]],
     'item 2 of its input must be a dict (the hostvars of an account), got a list'),
    (42, 'got a number'),
])
def test_anything_else_is_a_clear_error_that_quotes_nothing(value, words):
    with pytest.raises(AnsibleFilterError) as error:
        rollout_summary(value)
    assert words in str(error.value) and SECRET not in str(error.value) and 'EXAMPLEKEY' not in str(error.value)


def test_values_that_are_not_text_are_shown_by_their_type_never_quoted():
    accounts = [{'aws_account_id': ['111111111111'], 'integration_role_outcome': 'failed',
                 'organization_rollout_failure': {'secret_key': SECRET}}]
    assert rollout_summary(accounts) == ['1 accounts: 0 created, 0 updated, 0 unchanged, 0 deleted, 1 failed',
                                         'failed: (not text)', '(not text) failed: (not text)']


def test_a_failure_key_that_is_not_text_is_refused():
    with pytest.raises(AnsibleFilterError, match='failure_key must be a string, got a list'):
        rollout_summary([], failure_key=['x'])
