#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_external_id_info
short_description: Read the external ID that Datadog's integration of an AWS account uses
version_added: 0.1.0
description:
  - Reads Datadog's integration of one AWS account, without changing anything, and returns the external ID and
    role name Datadog uses to assume the account's IAM role.
  - Calls C(GET /api/v2/integration/aws/accounts?aws_account_id=...).
  - Read this before generating an ID with M(ddog.aws.datadog_aws_external_id) to find out whether one is in use.
    Generating supersedes it, and rotating it through v1 breaks a live integration until the trust policy follows.
  - The application key needs the C(aws_configuration_read) permission.
  - An account that Datadog does not integrate is not an error. The module then returns RV(integrated=false) and
    no RV(external_id).
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.actiongroup_datadog
  - ddog.aws.datadog.info_module
options:
  aws_account_id:
    description:
      - The 12-digit ID of the AWS account. Quote it in YAML so that leading zeros survive.
    type: str
    required: true
  aws_partition:
    description:
      - Consider only the integration in this AWS partition.
      - Only needed when Datadog integrates the same account ID in more than one partition; without it such an
        account returns every integration in RV(accounts) and none at the top level.
    type: str
    choices: [aws, aws-cn, aws-us-gov]
seealso:
  - module: ddog.aws.datadog_aws_external_id
  - name: Datadog API reference for the AWS integration
    description: The account listing this module reads.
    link: https://docs.datadoghq.com/api/latest/aws-integration/
'''

EXAMPLES = r'''
- name: Read the external ID in use, if any
  ddog.aws.datadog_aws_external_id_info:
    aws_account_id: "123456789012"
  register: current

- name: Generate one only when the account is not integrated yet
  ddog.aws.datadog_aws_external_id:
  register: generated
  when: not current.integrated

- name: The ID the trust policy must hold
  ansible.builtin.set_fact:
    datadog_external_id: "{{ current.external_id if current.integrated else generated.external_id | default('(minted at run time)') }}"

- name: The account is integrated with access keys, not a role
  ansible.builtin.debug:
    msg: "{{ current.aws_account_id }} uses access keys; there is no external ID to read"
  when: current.auth_type == 'access_keys'

- name: An account that exists in two partitions
  ddog.aws.datadog_aws_external_id_info:
    aws_account_id: "123456789012"
    aws_partition: aws-us-gov
    site: ddog-gov.com
  register: gov
'''

RETURN = r'''
aws_account_id:
  description: The AWS account ID that was read.
  returned: always
  type: str
  sample: "123456789012"
integrated:
  description: Whether Datadog integrates the account (in O(aws_partition), when given).
  returned: always
  type: bool
  sample: true
auth_type:
  description:
    - How Datadog authenticates to the account, V(role) (an IAM role and an external ID) or V(access_keys).
  returned: when exactly one integration matches
  type: str
  sample: role
external_id:
  description: The external ID that the IAM role's trust policy must require.
  returned: when exactly one integration matches and it uses a role
  type: str
  sample: 526ec638f871448ca210d7faa3cbacb5
role_name:
  description: The name of the IAM role Datadog assumes, as Datadog knows it.
  returned: when exactly one integration matches and it uses a role
  type: str
  sample: DatadogIntegrationRole
datadog_principal:
  description:
    - The ARN of Datadog's AWS account that the IAM role must trust, for O(site) and the partition of the
      integration (or O(aws_partition), or V(aws), when Datadog does not integrate the account).
  returned: unless several integrations match, or O(site) does not serve that partition
  type: str
  sample: arn:aws:iam::464622532012:root
trust_policy:
  description:
    - The assume-role policy document the integration's IAM role needs for RV(external_id), as
      M(ddog.aws.datadog_aws_external_id) returns it for a new ID.
  returned: when RV(datadog_principal) is returned
  type: dict
  sample:
    Version: "2012-10-17"
    Statement:
      - Effect: Allow
        Principal:
          AWS: arn:aws:iam::464622532012:root
        Action: sts:AssumeRole
        Condition:
          StringEquals:
            sts:ExternalId: 526ec638f871448ca210d7faa3cbacb5
account_config_id:
  description: Datadog's ID of the integration (account config).
  returned: when exactly one integration matches
  type: str
  sample: 78f57c22-7baf-433d-b7aa-5fa13c559a13
aws_partition:
  description: The AWS partition of the integration.
  returned: when exactly one integration matches
  type: str
  sample: aws
accounts:
  description:
    - Every integration of the account that matched, in the shape M(ddog.aws.datadog_aws_account_info) returns them
      (RV(ddog.aws.datadog_aws_account_info#module:accounts)), that is Datadog's attributes with
      C(account_config_id) beside them, and no secret.
    - Empty when the account is not integrated.
  returned: always
  type: list
  elements: dict
  sample:
    - account_config_id: 78f57c22-7baf-433d-b7aa-5fa13c559a13
      aws_account_id: "123456789012"
      aws_partition: aws
      auth_config:
        role_name: DatadogIntegrationRole
        external_id: 526ec638f871448ca210d7faa3cbacb5
'''

from ansible_collections.ddog.aws.plugins.module_utils._accounts import auth_summary, list_accounts, shape
from ansible_collections.ddog.aws.plugins.module_utils._aws import (
    AWS_PARTITIONS,
    InvalidValue,
    check_identifiers,
    datadog_principal,
    trust_policy,
)
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module


def summary(account):
    """The top-level result for the one matching integration."""
    attributes = account['attributes']
    result = dict(account_config_id=account.get('id'), aws_partition=attributes.get('aws_partition', 'aws'))
    auth = auth_summary(attributes)
    result.update((key, value) for key, value in auth.items() if key != 'access_key_id')
    return result


def add_trust(module, result):
    """datadog_principal for the site and partition in effect, and the trust policy of the ID in use."""
    partition = result.get('aws_partition') or module.params['aws_partition'] or 'aws'
    try:
        principal = datadog_principal(module.params['site'], partition)
    except InvalidValue as exc:
        if result.get('external_id'):
            module.warn('No trust_policy returned: %s' % exc)
        return
    result['datadog_principal'] = principal
    if result.get('external_id'):
        result['trust_policy'] = trust_policy(principal, result['external_id'])


def run(module):
    aws_account_id = module.params['aws_account_id']
    check_identifiers(aws_account_ids={'aws_account_id': aws_account_id})
    accounts = list_accounts(module.client, aws_account_id, module.params['aws_partition'])
    result = dict(changed=False, aws_account_id=aws_account_id, integrated=bool(accounts),
                  accounts=[shape(item) for item in accounts])
    if len(accounts) == 1:
        result.update(summary(accounts[0]))
    elif len(accounts) > 1:
        module.warn('Datadog has %d integrations of AWS account %s; none is returned at the top level. See accounts, '
                    'or set aws_partition to pick one.' % (len(accounts), aws_account_id))
    if len(accounts) <= 1:
        add_trust(module, result)
    return result


def main():
    run_module(
        dict(
            aws_account_id=dict(type='str', required=True),
            aws_partition=dict(type='str', choices=list(AWS_PARTITIONS)),
        ),
        run,
        supports_check_mode=True,
    )


if __name__ == '__main__':
    main()
