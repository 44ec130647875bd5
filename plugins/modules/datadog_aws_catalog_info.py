#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_catalog_info
short_description: List the CloudWatch namespaces and log sources Datadog can collect from AWS
version_added: 0.3.0
description:
  - Reads Datadog's catalogue of what its AWS integration can collect, the names that the
    O(ddog.aws.datadog_aws_account#module:metrics_config.namespace_filters),
    O(ddog.aws.datadog_aws_account#module:metrics_config.tag_filters),
    O(ddog.aws.datadog_aws_account#module:metrics_config.metric_name_filters) and
    O(ddog.aws.datadog_aws_account#module:logs_config.lambda_forwarder.sources) options take, as Terraform's data
    sources C(datadog_integration_aws_available_namespaces) and C(datadog_integration_aws_available_logs_services) do.
  - Calls C(GET /api/v2/integration/aws/available_namespaces) and C(GET /api/v2/integration/aws/logs/services).
  - M(ddog.aws.datadog_aws_account) and M(ddog.aws.datadog_aws_integration) check the names a write sends against
    the same catalogue; pass what this module returns to
    O(ddog.aws.datadog_aws_integration#module:datadog_catalog) to read it once for many accounts.
  - Changes nothing. The application key needs the C(aws_configuration_read) permission.
options:
  only_named_in:
    description:
      - Integration settings, as M(ddog.aws.datadog_aws_account) takes them. Only the parts of the catalogue whose
        names they name are read (RV(namespaces) for the namespaces of
        O(ddog.aws.datadog_aws_account#module:metrics_config), RV(logs_services) for the log sources of
        O(ddog.aws.datadog_aws_account#module:logs_config)), and nothing when they name none.
      - Without it, both parts are read.
    type: dict
    suboptions:
      metrics_config:
        description: As O(ddog.aws.datadog_aws_account#module:metrics_config).
        type: dict
      logs_config:
        description: As O(ddog.aws.datadog_aws_account#module:logs_config).
        type: dict
    version_added: 0.3.0
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.actiongroup_datadog
  - ddog.aws.datadog.info_module
seealso:
  - module: ddog.aws.datadog_aws_account
  - module: ddog.aws.datadog_aws_integration
  - name: Datadog API reference for the AWS integration
    description: The endpoints this module reads.
    link: https://docs.datadoghq.com/api/latest/aws-integration/
'''

EXAMPLES = r'''
- name: What Datadog can collect from AWS
  ddog.aws.datadog_aws_catalog_info:
  register: catalog

- name: Every namespace but the SageMaker ones
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    metrics_config:
      namespace_filters:
        exclude_only: "{{ catalog.namespaces | select('search', 'sagemaker') | list }}"

- name: Logs of every service Datadog takes logs from, if this forwarder handles them all
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    logs_config:
      lambda_forwarder:
        lambdas: ["arn:aws:lambda:us-east-1:123456789012:function:DatadogForwarder"]
        sources: "{{ catalog.logs_services }}"

- name: Only what these settings name, once for a play over many accounts (here the namespaces, no log source)
  ddog.aws.datadog_aws_catalog_info:
    only_named_in:
      metrics_config: "{{ metrics_config }}"
  vars:
    metrics_config:
      namespace_filters:
        exclude_only: [AWS/SQS, AWS/Usage]
  register: catalog
  run_once: true
'''

RETURN = r'''
namespaces:
  description: The CloudWatch namespaces Datadog can collect metrics from, in Datadog's order (not alphabetical).
  returned: success, unless O(only_named_in) names no namespace
  type: list
  elements: str
  sample: ["AWS/ApiGateway", "AWS/AppRunner", "AWS/EC2", "Glue", "/aws/sagemaker/Endpoints"]
logs_services:
  description: The AWS services whose logs Datadog can collect, as the log sources are named.
  returned: success, unless O(only_named_in) names no log source
  type: list
  elements: str
  sample: ["apigw-access-logs", "cloudfront", "elbv2", "lambda", "s3"]
'''

from ansible_collections.ddog.aws.plugins.module_utils._catalog import PARTS, parts_named, read_part
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module

ARGUMENT_SPEC = dict(
    only_named_in=dict(type='dict', options=dict(metrics_config=dict(type='dict'), logs_config=dict(type='dict'))),
)


def run(module):
    settings = module.params['only_named_in']
    parts = list(PARTS) if settings is None else parts_named(settings)
    return dict(changed=False, **dict((part, read_part(module.client, part)) for part in parts))


def main():
    run_module(ARGUMENT_SPEC, run, supports_check_mode=True)


if __name__ == '__main__':
    main()
