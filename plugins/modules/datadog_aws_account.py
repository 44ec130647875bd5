#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_account
short_description: Manage Datadog's integration of an AWS account
version_added: 0.2.0
description:
  - Creates, updates or deletes the configuration Datadog holds for one AWS account (an "account config"), which says how
    Datadog gets into the account (an IAM role and external ID, or access keys) and what it collects there.
  - Finds the integration by O(aws_account_id) with one C(GET /api/v2/integration/aws/accounts?aws_account_id=...),
    as Datadog's own quick start does. When it exists, only the settings the task sets are compared with what
    Datadog holds, and lists compare as sets, since Datadog returns them in an order of its own. A difference is
    sent in one C(PATCH) that holds only what changed; no difference means no write and RV(ignore:changed=false).
  - The namespaces and log sources a write would send are first checked against Datadog's catalogue
    (M(ddog.aws.datadog_aws_catalog_info), read at most once per run and only then); a name Datadog does not know
    fails the task before the write, with the closest names Datadog knows.
  - Options and suboptions follow Datadog's API and Terraform's C(datadog_integration_aws_account) resource, so
    settings move between them as they are.
  - The application key needs C(aws_configuration_read) to look the integration up, C(aws_configurations_manage)
    to create or delete it and C(aws_configuration_edit) to update it.
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.account_settings
  - ddog.aws.datadog.actiongroup_datadog
options:
  aws_account_id:
    description:
      - The 12-digit ID of the AWS account. Quote it in YAML so that leading zeros survive.
    type: str
    required: true
  aws_partition:
    description:
      - The AWS partition of the account. Datadog holds one integration per account ID; when it holds one in another
        partition, the module fails rather than change or delete it.
    type: str
    choices: [aws, aws-cn, aws-us-gov]
    default: aws
  state:
    description:
      - V(present) creates the integration or brings the settings this task sets to the values it gives.
      - V(absent) deletes it. An integration that does not exist is no change. A delete Datadog answers C(404) is
        checked with a read; the task fails when the integration is still there, else it reports the deletion, with a
        warning that says it is inferred.
    type: str
    choices: [present, absent]
    default: present
  role_name:
    description:
      - Role authentication, for accounts in the V(aws) and V(aws-us-gov) partitions.
      - The name of the IAM role Datadog assumes, as in C(arn:aws:iam::<account>:role/<role_name>). Case matters.
      - Needed to create an integration with a role. Mutually exclusive with O(access_key_id).
    type: str
  external_id:
    description:
      - The external ID the role's trust policy requires. It must come from Datadog (for example
        M(ddog.aws.datadog_aws_external_id)) and is refused once it is 48 hours old unless an integration uses it.
      - On create without it, Datadog mints one and the module returns it in RV(external_id).
      - On update it is changed only when given and different.
    type: str
  access_key_id:
    description:
      - Key authentication, for accounts that cannot grant Datadog a role (AWS China, some GovCloud setups).
      - The access key ID of the IAM user Datadog uses. Mutually exclusive with O(role_name).
      - Datadog cannot switch an integration between a role and access keys; the module refuses it before any write
        and says how, which is to delete the integration (O(state=absent)) and create it again.
    type: str
  secret_access_key:
    description:
      - The secret access key that goes with O(access_key_id). Needed to create an integration with keys, and to
        change O(access_key_id).
      - Datadog never returns it, so it cannot be compared; O(update_secret_access_key) decides when it is sent.
    type: str
  update_secret_access_key:
    description:
      - V(on_create) sends O(secret_access_key) when the integration is created or O(access_key_id) changes, and
        otherwise never, so that reruns change nothing.
      - V(always) sends it on every run, to rotate the secret of the same access key ID; every run then reports a
        change.
    type: str
    choices: [always, on_create]
    default: on_create
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details:
      - Only reads are sent, the lookup and, when the write a real run would send names namespaces or log sources,
        Datadog's catalogue to check them against. The result and the diff are the ones a real run would give, with
        Datadog's defaults applied as Datadog applies them, except what only Datadog can make up (the config ID and,
        on create without O(external_id), the external ID).
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode) when in diff mode.
    support: full
    details:
      - C(before) and C(after) hold the integration's settings, lists in a stable order, without the timestamps
        Datadog writes and without any secret.
notes:
  - A write whose answer is lost after it may have reached Datadog (a dropped connection, a timeout, a C(5xx) such as
    the C(500) "conflicting updates" Datadog gives concurrent writes) is never sent again blindly. The module reads
    what Datadog holds and goes on from there, with a warning. A create that took effect is compared, not repeated;
    one that did not is sent again after a backoff, at most O(retries) more times.
  - Datadog answers a create for an AWS account it already integrates with C(409). That happens when another run
    created it meanwhile; the module then reads that integration and compares it like any other.
  - An integration Datadog holds in another partition, or more than one in this one, is refused before any write.
seealso:
  - module: ddog.aws.datadog_aws_account_info
  - module: ddog.aws.datadog_aws_external_id
  - module: ddog.aws.datadog_aws_catalog_info
  - module: ddog.aws.datadog_aws_account_ccm_config
  - module: ddog.aws.datadog_aws_event_bridge
  - name: The ddog.aws.integration_role role
    description: Creates the IAM role Datadog assumes, with the external ID this module returns.
    link: https://github.com/ddog-aws/ddog.aws/tree/main/roles/integration_role
  - name: Datadog API reference for AWS account integrations
    description: The endpoints this module calls.
    link: https://docs.datadoghq.com/api/latest/aws-integration/
  - name: Terraform's datadog_integration_aws_account
    description: The resource whose options this module follows.
    link: https://registry.terraform.io/providers/DataDog/datadog/latest/docs/resources/integration_aws_account
'''

EXAMPLES = r'''
- name: Integrate an AWS account through an IAM role; Datadog mints the external ID
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    role_name: DatadogIntegrationRole
    account_tags: ["team:platform", "env:prod"]
  register: integration

- name: Let the role trust that ID
  amazon.aws.iam_role:
    name: DatadogIntegrationRole
    assume_role_policy_document: "{{ integration.trust_policy | to_json }}"
  when: integration.trust_policy is defined    # in check mode Datadog mints no ID

- name: Collect from two regions only, a few namespaces, and custom metrics
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    aws_regions:
      include_only: [us-east-1, eu-west-1]
    metrics_config:
      collect_custom_metrics: true
      namespace_filters:
        include_only: [AWS/EC2, AWS/RDS, AWS/Lambda]

- name: Forward S3 and ELB logs through the Datadog Forwarder
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    logs_config:
      lambda_forwarder:
        lambdas: ["arn:aws:lambda:us-east-1:123456789012:function:DatadogForwarder"]
        sources: [s3, elbv2]

- name: What would change, without changing it
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    account_tags: ["team:platform"]
  check_mode: true
  diff: true
  register: preview

- name: An AWS China account, with access keys (the secret is sent on create only)
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    aws_partition: aws-cn
    access_key_id: "{{ vault_datadog_access_key_id }}"
    secret_access_key: "{{ vault_datadog_secret_access_key }}"

- name: Rotate the secret of the same access key
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    aws_partition: aws-cn
    access_key_id: "{{ vault_datadog_access_key_id }}"
    secret_access_key: "{{ vault_datadog_new_secret }}"
    update_secret_access_key: always

- name: Stop integrating the account
  ddog.aws.datadog_aws_account:
    aws_account_id: "123456789012"
    state: absent
'''

RETURN = r'''
account_config_id:
  description: Datadog's ID of the integration.
  returned: when the integration exists after the run, except for a create in check mode
  type: str
  sample: 4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0
external_id:
  description: The external ID the IAM role's trust policy must require (role authentication).
  returned: when Datadog holds the integration with a role, or the task gave one
  type: str
  sample: a4e4a6b4c2cf4638a58b1febc6b856e9
account:
  description:
    - The integration's attributes as Datadog holds them after the run (in check mode, as it would), with
      RV(account_config_id). Never holds a secret.
    - Empty when O(state=absent).
  returned: always
  type: dict
  sample:
    account_config_id: 4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0
    aws_account_id: "123456789012"
    aws_partition: aws
    account_tags: ["key:value"]
    auth_config:
      role_name: DatadogIntegrationRole
      external_id: a4e4a6b4c2cf4638a58b1febc6b856e9
    aws_regions:
      include_all: true
    logs_config:
      lambda_forwarder:
        lambdas: []
        sources: []
        log_source_config:
          tag_filters: []
    metrics_config:
      enabled: true
      automute_enabled: true
      collect_custom_metrics: false
      collect_cloudwatch_alarms: false
      tag_filters: []
      namespace_filters:
        exclude_only: [AWS/SQS, AWS/ElasticMapReduce, AWS/Usage]
    resources_config:
      cloud_security_posture_management_collection: false
      extended_collection: true
    traces_config:
      xray_services:
        include_only: []
    created_at: "2025-08-06T17:41:41.111886Z"
    modified_at: "2025-08-06T17:41:41.111886Z"
datadog_principal:
  description: The ARN of Datadog's AWS account for O(site) and O(aws_partition), which the IAM role must trust.
  returned: with role authentication
  type: str
  sample: arn:aws:iam::464622532012:root
trust_policy:
  description:
    - The IAM role's assume-role policy document for RV(external_id), as M(ddog.aws.datadog_aws_external_id)
      returns it. Pass it as C(assume_role_policy_document) with the C(to_json) filter.
  returned: with role authentication, when RV(external_id) is known
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
            sts:ExternalId: a4e4a6b4c2cf4638a58b1febc6b856e9
'''

from ansible_collections.ddog.aws.plugins.module_utils._accounts import (
    SETTINGS_ARGUMENT_SPEC,
    Desired,
    apply_absent,
    apply_present,
    diff_view,
    find,
    outcome,
    plan_present,
    shape,
)
from ansible_collections.ddog.aws.plugins.module_utils._aws import (
    AWS_PARTITIONS,
    InvalidValue,
    check_identifiers,
    datadog_principal,
)
from ansible_collections.ddog.aws.plugins.module_utils._catalog import Catalog
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module


ARGUMENT_SPEC = dict(
    aws_account_id=dict(type='str', required=True),
    aws_partition=dict(type='str', default='aws', choices=list(AWS_PARTITIONS)),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    role_name=dict(type='str'),
    external_id=dict(type='str', no_log=False),
    access_key_id=dict(type='str', no_log=False),
    secret_access_key=dict(type='str', no_log=True),
    update_secret_access_key=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
    **SETTINGS_ARGUMENT_SPEC
)


def run(module):
    params = module.params
    check_identifiers(aws_account_ids={'aws_account_id': params['aws_account_id']},
                      role_names={'role_name': params['role_name']})
    if params['role_name']:
        try:
            datadog_principal(params['site'], params['aws_partition'])
        except InvalidValue:
            raise InvalidValue('role_name is set, but no Datadog site serves role authentication in the %s '
                               'partition: use access_key_id and secret_access_key.' % params['aws_partition'])
    desired = Desired(params['aws_account_id'], params['aws_partition'], role_name=params['role_name'],
                      external_id=params['external_id'], access_key_id=params['access_key_id'],
                      secret_access_key=params['secret_access_key'], update_secret=params['update_secret_access_key'],
                      settings=params)

    current = find(module.client, params['aws_account_id'], params['aws_partition'])
    catalog = Catalog(module.client)
    if params['state'] == 'absent':
        changed, after = apply_absent(module.client, current, module.warn, module.check_mode), {}
    elif module.check_mode:
        plan = plan_present(module.client, current, desired, catalog)
        changed, after = plan.method is not None, plan.after
    else:
        changed, after = apply_present(module.client, current, desired, module.warn, catalog)

    result = dict(changed=changed, **outcome(after, params['site'], params['aws_partition']))
    if module._diff:
        result['diff'] = dict(before=diff_view(shape(current) if current else {}), after=diff_view(after))
    return result


def main():
    run_module(
        ARGUMENT_SPEC,
        run,
        mutually_exclusive=[('role_name', 'access_key_id'), ('role_name', 'secret_access_key'),
                            ('external_id', 'access_key_id'), ('external_id', 'secret_access_key')],
        required_by=dict(external_id='role_name'),
        supports_check_mode=True,
    )


if __name__ == '__main__':
    main()
