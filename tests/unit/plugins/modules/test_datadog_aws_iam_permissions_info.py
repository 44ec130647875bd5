# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest

from ansible_collections.ddog.aws.plugins.modules import datadog_aws_iam_permissions_info

MODULE = datadog_aws_iam_permissions_info  # what the run fixture runs

BASE = '/api/v2/integration/aws/iam_permissions'

# The module's calls go to a loopback server each test scripts (pytest-httpserver).
SERVER = 'httpserver'


def permissions_body(permissions):
    return {'data': {'id': 'permissions', 'type': 'permissions', 'attributes': {'permissions': permissions}}}


@pytest.mark.parametrize('scope, path', [(None, BASE), ('all', BASE), ('standard', BASE + '/standard'),
                                         ('resource_collection', BASE + '/resource_collection')])
def test_each_scope_reads_its_endpoint(run, httpserver, scope, path):
    httpserver.expect_request(path, method='GET').respond_with_json(
        permissions_body(['ec2:Describe*', 'tag:GetResources']), content_type='application/vnd.api+json')
    outcome = run({'scope': scope} if scope else {})
    assert not outcome.failed
    outcome.result.pop('invocation', None)
    assert outcome.result == {'changed': False, 'scope': scope or 'all',
                              'permissions': ['ec2:Describe*', 'tag:GetResources']}
    assert len(httpserver.log) == 1


def test_runs_in_check_mode(run, httpserver):
    httpserver.expect_request(BASE).respond_with_json(permissions_body(['ec2:Describe*']))
    outcome = run(check_mode=True)
    assert outcome.result['permissions'] == ['ec2:Describe*'] and outcome.result['changed'] is False


def test_unknown_scope_is_refused(run, httpserver):
    outcome = run({'scope': 'everything'})
    assert outcome.failed and 'value of scope must be one of: all, standard, resource_collection' in outcome.result['msg']
    assert httpserver.log == []


@pytest.mark.parametrize('body', [{}, {'data': {'attributes': {}}}, permissions_body('ec2:Describe*'),
                                  permissions_body([1, 2])])
def test_unexpected_body_fails_clearly(run, httpserver, body):
    httpserver.expect_request(BASE).respond_with_json(body)
    outcome = run()
    assert outcome.failed and 'without a list of permissions' in outcome.result['msg']


def test_api_error_is_reported(run, httpserver):
    httpserver.expect_request(BASE).respond_with_json(
        {'errors': [{'status': '404', 'title': 'Not Found', 'detail': 'no such scope'}]}, status=404)
    outcome = run()
    assert outcome.failed and outcome.result['status'] == 404
    assert outcome.result['errors'] == ['Not Found: no such scope']
