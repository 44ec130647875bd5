#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_account_info
short_description: List Datadog's integrations of AWS accounts, with their settings
version_added: 0.2.0
description:
  - Lists the AWS account integrations Datadog holds for the organization, all of them or those of one
    O(aws_account_id), with every setting, as M(ddog.aws.datadog_aws_account) manages them. Secrets are never
    returned (Datadog does not return them either).
  - One C(GET /api/v2/integration/aws/accounts), whatever the number of accounts.
  - Changes nothing. The application key needs the C(aws_configuration_read) permission.
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.actiongroup_datadog
  - ddog.aws.datadog.info_module
options:
  aws_account_id:
    description:
      - Only the integration of this 12-digit AWS account ID. Quote it in YAML so that leading zeros survive.
      - Without it, every integration of the organization.
    type: str
  aws_partition:
    description:
      - Only integrations in this AWS partition.
      - With O(site), it also decides RV(datadog_principal) (V(aws) when not set).
    type: str
    choices: [aws, aws-cn, aws-us-gov]
seealso:
  - module: ddog.aws.datadog_aws_account
  - module: ddog.aws.datadog_aws_external_id_info
  - name: Datadog API reference for AWS account integrations
    description: The listing this module reads.
    link: https://docs.datadoghq.com/api/latest/aws-integration/
'''

EXAMPLES = r'''
- name: Every AWS account Datadog integrates
  ddog.aws.datadog_aws_account_info:
  register: integrations

- name: Their account IDs
  ansible.builtin.debug:
    msg: "{{ integrations.accounts | map(attribute='aws_account_id') | list }}"

- name: One account
  ddog.aws.datadog_aws_account_info:
    aws_account_id: "123456789012"
  register: one

- name: Its tags, if Datadog integrates it
  ansible.builtin.debug:
    msg: "{{ one.accounts[0].account_tags }}"
  when: one.accounts | length == 1

- name: Accounts that collect no logs
  ansible.builtin.debug:
    msg: >-
      {{ integrations.accounts
         | selectattr('logs_config.lambda_forwarder.lambdas', 'equalto', [])
         | map(attribute='aws_account_id') | list }}
'''

RETURN = r'''
datadog_principal:
  description:
    - The ARN of Datadog's AWS account for O(site) and O(aws_partition), which the IAM role of an integration with a
      role must trust, as M(ddog.aws.datadog_aws_account) returns it.
  returned: unless O(site) serves no role authentication in O(aws_partition)
  type: str
  sample: arn:aws:iam::464622532012:root
accounts:
  description:
    - The integrations, each with its RV(accounts[].account_config_id) and Datadog's attributes, as
      M(ddog.aws.datadog_aws_account) returns them in RV(ddog.aws.datadog_aws_account#module:account).
    - Empty when Datadog integrates no matching account.
  returned: always
  type: list
  elements: dict
  contains:
    account_config_id:
      description: Datadog's ID of the integration.
      type: str
      sample: 4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0
    aws_account_id:
      description: The AWS account ID.
      type: str
      sample: "123456789012"
    aws_partition:
      description: The AWS partition.
      type: str
      sample: aws
    auth_config:
      description:
        - C(role_name) and C(external_id) for role authentication, C(access_key_id) for key authentication.
      type: dict
      sample:
        role_name: DatadogIntegrationRole
        external_id: a4e4a6b4c2cf4638a58b1febc6b856e9
    account_tags:
      description: Tags of the account.
      type: list
      elements: str
      sample: ["team:platform"]
    aws_regions:
      description: C(include_all) or C(include_only).
      type: dict
      sample:
        include_all: true
    logs_config:
      description: C(lambda_forwarder) with C(lambdas), C(sources) and C(log_source_config).
      type: dict
    metrics_config:
      description: C(enabled), C(automute_enabled), C(collect_cloudwatch_alarms), C(collect_custom_metrics),
        C(namespace_filters) and C(tag_filters), and C(metric_name_filters) once they are set.
      type: dict
    resources_config:
      description: C(cloud_security_posture_management_collection) and C(extended_collection).
      type: dict
    traces_config:
      description: C(xray_services).
      type: dict
    created_at:
      description: When the integration was created.
      type: str
      sample: "2025-08-06T17:41:41.111886Z"
    modified_at:
      description: When the integration was last changed.
      type: str
      sample: "2025-08-06T17:41:52.717094Z"
'''

from ansible_collections.ddog.aws.plugins.module_utils._accounts import list_accounts, shape
from ansible_collections.ddog.aws.plugins.module_utils._aws import (
    AWS_PARTITIONS,
    InvalidValue,
    check_identifiers,
    datadog_principal,
)
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module


def run(module):
    check_identifiers(aws_account_ids={'aws_account_id': module.params['aws_account_id']})
    found = list_accounts(module.client, module.params['aws_account_id'], module.params['aws_partition'])
    result = dict(changed=False, accounts=[shape(item) for item in found])
    try:
        result['datadog_principal'] = datadog_principal(module.params['site'], module.params['aws_partition'] or 'aws')
    except InvalidValue:
        pass  # documented: no principal where no site serves role authentication
    return result


def main():
    run_module(
        dict(
            aws_account_id=dict(type='str'),
            aws_partition=dict(type='str', choices=list(AWS_PARTITIONS)),
        ),
        run,
        supports_check_mode=True,
    )


if __name__ == '__main__':
    main()
