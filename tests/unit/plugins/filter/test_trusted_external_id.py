# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.ddog.aws.plugins.filter.trusted_external_id import trusted_external_id
from ansible_collections.ddog.aws.plugins.module_utils._aws import trust_policy

DATADOG = 'arn:aws:iam::464622532012:root'


def test_reads_the_id_of_the_documents_the_modules_return():
    assert trusted_external_id(trust_policy(DATADOG, 'abc123'), DATADOG) == 'abc123'


def test_accepts_json_text_and_principal_lists():
    document = {'Statement': [
        {'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'},
        {'Effect': 'Allow', 'Principal': {'AWS': ['arn:aws:iam::111111111111:root', DATADOG]},
         'Action': 'sts:AssumeRole', 'Condition': {'StringEquals': {'sts:ExternalId': 'xyz'}}},
    ]}
    assert trusted_external_id(json.dumps(document), DATADOG) == 'xyz'


@pytest.mark.parametrize('document', [
    trust_policy('arn:aws:iam::417141415827:root', 'abc'),
    {'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': DATADOG}, 'Action': 'sts:AssumeRole'}]},
    {'Statement': [{'Effect': 'Deny', 'Principal': {'AWS': DATADOG},
                    'Condition': {'StringEquals': {'sts:ExternalId': 'abc'}}}]},
    {'Statement': [{'Effect': 'Allow', 'Principal': '*'}]},
    {'Statement': {'Effect': 'Allow', 'Principal': {'AWS': 'other'}}},
    {'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': DATADOG}, 'Condition': ['StringEquals']}]},
    {'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': DATADOG}, 'Condition': {'StringEquals': 'x'}}]},
    {'Statement': [{'Effect': 'Allow', 'Principal': [DATADOG]}]},
    {},
])
def test_no_id_for_another_principal_or_without_the_condition(document):
    assert trusted_external_id(document, DATADOG) == ''


@pytest.mark.parametrize('document', ['not json', ['a list'], 42])
def test_not_a_policy_document_is_refused(document):
    with pytest.raises(AnsibleFilterError, match='must be a policy document'):
        trusted_external_id(document, DATADOG)


def test_trust_policy_filter_is_the_modules_document():
    from ansible_collections.ddog.aws.plugins.filter.trust_policy import trust_policy as trust_policy_filter

    assert trust_policy_filter(DATADOG, 'abc') == trust_policy(DATADOG, 'abc')
    assert trusted_external_id(trust_policy_filter(DATADOG, 'abc'), DATADOG) == 'abc'
    for principal, external_id, words in ((DATADOG, '', 'external_id must be a non-empty string, got a string'),
                                          (DATADOG, ['secret-id'], 'external_id must be a non-empty string, got a list'),
                                          ({'AWS': 'x'}, 'abc', 'the principal) must be a non-empty string, got a dict')):
        with pytest.raises(AnsibleFilterError) as error:
            trust_policy_filter(principal, external_id)
        assert words in str(error.value) and 'secret-id' not in str(error.value)


def test_a_principal_that_is_not_text_is_refused():
    with pytest.raises(AnsibleFilterError, match='the principal must be a non-empty string, got a list'):
        trusted_external_id({}, [DATADOG])
