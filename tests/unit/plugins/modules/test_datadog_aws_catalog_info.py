# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""datadog_aws_catalog_info through its main(), against the project's Datadog API emulator and a loopback server."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ddog.aws.plugins.modules import datadog_aws_catalog_info

MODULE = datadog_aws_catalog_info  # what the run fixture runs

NAMESPACES = '/api/v2/integration/aws/available_namespaces'
SERVICES = '/api/v2/integration/aws/logs/services'


@pytest.mark.parametrize('check_mode', [False, True])
def test_the_catalogue_as_datadog_lists_it(run, datadog, check_mode):
    outcome = run(check_mode=check_mode)
    assert not outcome.failed and outcome.result['changed'] is False
    namespaces = datadog.state.namespaces_body['data']['attributes']['namespaces']
    assert outcome.result['namespaces'] == namespaces and len(namespaces) == 114, 'in Datadog\'s order'
    assert outcome.result['logs_services'] == datadog.state.logs_services_body['data']['attributes']['logs_services']
    assert datadog.calls() == [('GET', NAMESPACES), ('GET', SERVICES)]


def test_a_key_that_cannot_read_is_told_which_permission_it_needs(run, datadog):
    datadog.control('POST', 'permissions', {'permissions': ['aws_configuration_edit']})
    outcome = run()
    assert outcome.failed and outcome.result['status'] == 403
    assert 'needs the application key permission aws_configuration_read' in outcome.result['msg']


@pytest.mark.parametrize('path, body, what', [
    (NAMESPACES, {'data': {'attributes': {'namespaces': 'AWS/EC2'}}}, 'namespaces'),
    (SERVICES, {'data': {'attributes': {}}}, 'logs_services'),
])
def test_an_answer_without_the_list_fails_clearly(run_against_server, httpserver, path, body, what):
    good = {NAMESPACES: {'data': {'attributes': {'namespaces': ['AWS/EC2']}}},
            SERVICES: {'data': {'attributes': {'logs_services': ['s3']}}}}
    good[path] = body
    for served, answer in good.items():
        httpserver.expect_request(served, method='GET').respond_with_json(answer)
    outcome = run_against_server(MODULE.main)
    assert outcome.failed and 'without a list of %s in its body' % what in outcome.result['msg']


@pytest.mark.parametrize('settings, reads', [
    ({'metrics_config': {'namespace_filters': {'exclude_only': ['AWS/SQS']}}}, [('GET', NAMESPACES)]),
    ({'metrics_config': {'metric_name_filters': [{'namespace': 'AWS/EC2', 'include_only': ['x']}]}},
     [('GET', NAMESPACES)]),
    ({'logs_config': {'lambda_forwarder': {'sources': ['s3']}}}, [('GET', SERVICES)]),
    ({'logs_config': {'lambda_forwarder': {'sources': 's3,lambda'}}}, [('GET', SERVICES)]),  # as type=list reads it
    ({'metrics_config': {'tag_filters': [{'namespace': 'AWS/EC2', 'tags': []}]},
      'logs_config': {'lambda_forwarder': {'log_source_config': {'tag_filters': [{'source': 's3', 'tags': []}]}}}},
     [('GET', NAMESPACES), ('GET', SERVICES)]),
    ({'metrics_config': {'collect_custom_metrics': True}, 'logs_config': None}, []),
    ({}, []),
])
def test_only_the_parts_the_settings_name_are_read(run, datadog, settings, reads):
    outcome = run({'only_named_in': settings})
    assert not outcome.failed and outcome.result['changed'] is False
    assert datadog.calls() == reads
    assert sorted(set(outcome.result) - {'changed', 'invocation'}) == sorted(
        'namespaces' if path == NAMESPACES else 'logs_services' for _method, path in reads)


@pytest.mark.parametrize('metrics_config, reads', [
    ({'namespace_filters': 'AWS/EC2'}, []),
    ({'namespace_filters': {'include_only': 'AWS/EC2', 3: ['AWS/S3']}}, [('GET', NAMESPACES)]),
    ({'tag_filters': 'AWS/EC2', 'metric_name_filters': ['AWS/EC2', None, 7]}, []),
    ({'namespace_filters': {'include_only': [None, 1]}}, []),
])
def test_settings_of_any_shape_cost_no_traceback(run, datadog, metrics_config, reads):
    """What no argument spec checked yet (a role's variables): names where there are some, nothing read otherwise."""
    outcome = run({'only_named_in': {'metrics_config': metrics_config,
                                     'logs_config': {'lambda_forwarder': 'arn', 'log_source_config': ['x']}}})
    assert not outcome.failed, outcome.result
    assert datadog.calls() == reads
