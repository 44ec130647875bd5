# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.ddog.aws.plugins.filter.iam_policy_documents import iam_policy_documents

# 700 realistic actions, about 18,000 characters: more than one managed policy holds.
ACTIONS = ['service%03d:Describe%s*' % (number, 'Resource' * (number % 3)) for number in range(700)]


def compact_size(document):
    return len(json.dumps(document, separators=(',', ':')))


def test_every_document_fits_and_every_action_is_kept_once():
    documents = iam_policy_documents(ACTIONS + ACTIONS[:10])
    assert len(documents) > 1
    assert all(compact_size(document) <= 6144 for document in documents)
    actions = [action for document in documents for action in document['Statement'][0]['Action']]
    assert actions == sorted(set(ACTIONS))


def test_documents_are_packed_tightly():
    documents = iam_policy_documents(ACTIONS)
    for document, following in zip(documents, documents[1:]):
        first_of_next = following['Statement'][0]['Action'][0]
        assert compact_size(document) + len(json.dumps(first_of_next)) + 1 > 6144


def test_document_shape():
    assert iam_policy_documents(['ec2:Describe*', 'ec2:Describe*']) == [{
        'Version': '2012-10-17',
        'Statement': [{'Effect': 'Allow', 'Action': ['ec2:Describe*'], 'Resource': '*'}],
    }]


def test_same_actions_in_another_order_give_the_same_documents():
    assert iam_policy_documents(list(reversed(ACTIONS))) == iam_policy_documents(ACTIONS)


def test_smaller_limit_gives_more_documents():
    documents = iam_policy_documents(ACTIONS, max_size=2048)
    assert all(compact_size(document) <= 2048 for document in documents)
    assert len(documents) > len(iam_policy_documents(ACTIONS))


def test_empty_input_gives_no_document():
    assert iam_policy_documents([]) == []


@pytest.mark.parametrize('value, words', [
    ('ec2:Describe*', 'its input must be a list, got a string'),
    (None, 'its input must be a list, got null'),
    ([1, 2], 'item 1 of its input must be an IAM action (a string), got a number'),
    (['ec2:Describe*', ['nested', 'secret-value']], 'item 2 of its input must be an IAM action (a string), got a list'),
    (['ec2:Describe*', {'secret': 'secret-value'}], 'item 2 of its input must be an IAM action (a string), got a dict'),
])
def test_not_a_list_of_strings_is_refused_by_position_and_type(value, words):
    with pytest.raises(AnsibleFilterError) as error:
        iam_policy_documents(value)
    assert words in str(error.value) and 'secret-value' not in str(error.value)
    assert 'unhashable' not in str(error.value)


@pytest.mark.parametrize('max_size', [0, -1, 'big', True])
def test_a_max_size_that_is_not_a_positive_number_is_refused(max_size):
    with pytest.raises(AnsibleFilterError, match='max_size must be a positive number of characters'):
        iam_policy_documents(['ec2:Describe*'], max_size=max_size)


def test_an_action_too_long_for_any_document_is_refused():
    with pytest.raises(AnsibleFilterError, match='alone does not fit'):
        iam_policy_documents(['x' * 200], max_size=100)
