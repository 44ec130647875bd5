# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Datadog's catalogue, and the names of a write checked against it before the write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue
from ansible_collections.ddog.aws.plugins.module_utils._catalog import Catalog, closest, named
from ansible_collections.ddog.aws.plugins.module_utils._datadog import DatadogClient
from ansible_collections.ddog.aws.tests.emulator import datadog_emulator as emulator

SETTINGS = {
    'account_tags': ['AWS/EC3'],
    'metrics_config': {
        'namespace_filters': {'include_only': ['AWS/EC2', 'AWS/EC3']},
        'tag_filters': [{'namespace': 'AWS/RDS', 'tags': []}],
        'metric_name_filters': [{'namespace': 'aws/lambda', 'include_only': ['aws.lambda.errors']}],
    },
    'logs_config': {'lambda_forwarder': {'sources': ['s3', 'cloudtrial'],
                                         'log_source_config': {'tag_filters': [{'source': 'elbv3', 'tags': []}]}}},
    'traces_config': {'xray_services': {'include_only': ['AWS/Nothing']}},
}


@pytest.fixture
def client(datadog):
    return DatadogClient(api_key=emulator.DEFAULT_API_KEY, app_key=emulator.DEFAULT_APP_KEY, api_host=datadog.url,
                         ca_path=datadog.ca_path)


def reads(datadog):
    return [path.rsplit('/', 1)[-1] for method, path in datadog.calls()]


def test_the_names_settings_hold_and_where():
    assert named(SETTINGS) == [
        ('namespaces', 'metrics_config.namespace_filters.include_only', 'AWS/EC2'),
        ('namespaces', 'metrics_config.namespace_filters.include_only', 'AWS/EC3'),
        ('namespaces', 'metrics_config.tag_filters[].namespace', 'AWS/RDS'),
        ('namespaces', 'metrics_config.metric_name_filters[].namespace', 'aws/lambda'),
        ('logs_services', 'logs_config.lambda_forwarder.sources', 's3'),
        ('logs_services', 'logs_config.lambda_forwarder.sources', 'cloudtrial'),
        ('logs_services', 'logs_config.lambda_forwarder.log_source_config.tag_filters[].source', 'elbv3'),
    ]
    assert named({'aws_account_id': '123456789012', 'metrics_config': {'enabled': True}}) == []


def test_closest_names_whatever_the_letter_case():
    known = ['AWS/EC2', 'AWS/ECS', 'AWS/EFS', 'AWS/Lambda', 'Glue']
    assert closest('AWS/EC3', known) == ['AWS/EC2', 'AWS/ECS', 'AWS/EFS']
    assert closest('aws/lambda', known) == ['AWS/Lambda']
    assert closest('Nothing/Like/It', known) == []


def test_unknown_names_are_refused_with_the_closest_known_in_one_message(client, datadog):
    with pytest.raises(InvalidValue) as refused:
        Catalog(client).refuse_unknown(SETTINGS)
    message = str(refused.value)
    assert message.startswith('metrics_config.namespace_filters.include_only: AWS/EC3 is not a CloudWatch namespace '
                              'Datadog knows (closest: AWS/EC2, AWS/ECR, AWS/ECS); ')
    assert 'metrics_config.metric_name_filters[].namespace: aws/lambda is not a CloudWatch namespace Datadog knows ' \
           '(closest: AWS/Lambda' in message
    assert 'logs_config.lambda_forwarder.sources: cloudtrial is not a log source Datadog knows (closest: cloudtrail' \
           in message
    assert 'log_source_config.tag_filters[].source: elbv3 is not a log source Datadog knows (closest: elbv2' in message
    assert 'AWS/RDS' not in message and 'AWS/Nothing' not in message, 'known names, and X-Ray services, pass'
    assert message.endswith('ddog.aws.datadog_aws_catalog_info lists the names Datadog knows. Nothing was changed.')
    assert reads(datadog) == ['available_namespaces', 'services'], 'each part read once'


def test_each_part_is_read_only_when_named_and_at_most_once(client, datadog):
    catalog = Catalog(client)
    catalog.refuse_unknown({'metrics_config': {'enabled': True}})
    assert reads(datadog) == []
    for _run in range(3):
        catalog.refuse_unknown({'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/SQS']}}})
    assert reads(datadog) == ['available_namespaces']
    catalog.refuse_unknown({'logs_config': {'lambda_forwarder': {'sources': ['s3']}}})
    catalog.refuse_unknown({'logs_config': {'lambda_forwarder': {'sources': ['lambda']}}})
    assert reads(datadog) == ['available_namespaces', 'services']


def test_a_catalogue_given_is_not_read_again(client, datadog):
    catalog = Catalog(client, namespaces=['AWS/EC2'], logs_services=['s3'])
    catalog.refuse_unknown({'metrics_config': {'namespace_filters': {'include_only': ['AWS/EC2']}},
                            'logs_config': {'lambda_forwarder': {'sources': ['s3']}}})
    with pytest.raises(InvalidValue, match='AWS/SQS is not a CloudWatch namespace Datadog knows'):
        catalog.refuse_unknown({'metrics_config': {'namespace_filters': {'include_only': ['AWS/SQS']}}})
    assert reads(datadog) == []
    Catalog(client, namespaces=['AWS/EC2']).refuse_unknown({'logs_config': {'lambda_forwarder': {'sources': ['s3']}}})
    assert reads(datadog) == ['services'], 'the part left out is read'
