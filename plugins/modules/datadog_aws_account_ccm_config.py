#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_account_ccm_config
short_description: Manage the Cloud Cost Management config of Datadog's integration of an AWS account
version_added: 0.3.0
description:
  - Datadog's Cloud Cost Management reads an AWS account's costs from Cost and Usage Report (CUR) 2.0 exports in S3.
    This module creates, updates or deletes the config that tells Datadog where they are, the data export configs of
    the integration of O(aws_account_id), as Terraform's C(datadog_integration_aws_account_ccm_config) resource does.
  - Finds the integration by O(aws_account_id) with one C(GET /api/v2/integration/aws/accounts?aws_account_id=...),
    then reads its config with C(GET .../accounts/{config id}/ccm_config). The data export configs compare as a set.
    A difference is sent in one C(POST) (no config yet) or C(PATCH) (which replaces the list whole); none means no write
    and RV(ignore:changed=false).
  - With O(validate=true), Datadog checks each export against what it needs to ingest it (the bucket, its region, the
    export's format and permissions) before the write, and in check mode; issues fail the task before anything is
    written.
  - Datadog marks these endpoints as a preview that may change.
  - The application key needs C(aws_configuration_read) to read the integration and its config, and
    C(aws_configuration_edit) to change it; O(validate=true) needs C(cloud_cost_management_read) or
    C(cloud_cost_management_write).
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.actiongroup_datadog
options:
  aws_account_id:
    description:
      - The 12-digit ID of the AWS account, which Datadog must integrate (M(ddog.aws.datadog_aws_account)). Quote it in
        YAML so that leading zeros survive.
      - Usually the AWS Organization's management account, where the Cost and Usage Report covers every member.
    type: str
    required: true
  aws_partition:
    description: The AWS partition of the account, to find Datadog's integration of it.
    type: str
    choices: [aws, aws-cn, aws-us-gov]
    default: aws
  state:
    description:
      - V(present) creates the config or brings it to O(ccm_config).
      - V(absent) deletes it. An integration without one, or no integration at all, is no change.
    type: str
    choices: [present, absent]
    default: present
  ccm_config:
    description:
      - The config, as Datadog's API and Terraform's resource write it. Required with O(state=present).
    type: dict
    suboptions:
      data_export_configs:
        description: The Cost and Usage Report exports Datadog reads. Compared as a set.
        type: list
        elements: dict
        required: true
        suboptions:
          bucket_name:
            description: The S3 bucket the export writes to.
            type: str
            required: true
          bucket_region:
            description: The AWS region of the bucket, such as V(us-east-1).
            type: str
            required: true
          report_name:
            description: The name of the export.
            type: str
            required: true
          report_prefix:
            description: The S3 prefix the export writes under.
            type: str
            required: true
          report_type:
            description: The kind of report; Datadog takes V(CUR2.0) only.
            type: str
            default: CUR2.0
  validate:
    description:
      - Ask Datadog to validate each export before a write, and in check mode
        (C(POST /api/v2/integration/aws/validate_ccm_config), which persists nothing). Issues fail the task before
        anything is written; the message and C(errors) give each with Datadog's code and description.
      - Only when the config is to be created or changed; a run that changes nothing validates nothing.
    type: bool
    default: false
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details:
      - Only the reads are sent, and with O(validate=true) the validation, which changes nothing.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode) when in diff mode.
    support: full
    details:
      - C(before) and C(after) hold the config, its exports in a stable order; V({}) when there is none.
notes:
  - A create whose answer is lost after it may have reached Datadog is never sent again blindly. The module reads the
    config back and goes on from there, with a warning. An update sets the same list again, so it is retried.
  - Datadog answers C(404) to a read, update or delete of an integration that holds no CCM config, and once answered it
    to the delete of a config it held. A delete answered C(404) is checked with a read; it fails when the config is
    still there, else it reports the deletion, with a warning that says it is inferred.
seealso:
  - module: ddog.aws.datadog_aws_account
  - name: Terraform's datadog_integration_aws_account_ccm_config
    description: The resource whose options this module follows.
    link: https://registry.terraform.io/providers/DataDog/datadog/latest/docs/resources/integration_aws_account_ccm_config
  - name: Datadog Cloud Cost Management for AWS
    description: How to set up the Cost and Usage Report 2.0 export Datadog reads.
    link: https://docs.datadoghq.com/cloud_cost_management/setup/aws/
'''

EXAMPLES = r'''
- name: Datadog reads the account's costs from a CUR 2.0 export
  ddog.aws.datadog_aws_account_ccm_config:
    aws_account_id: "123456789012"
    ccm_config:
      data_export_configs:
        - bucket_name: billing
          bucket_region: us-east-1
          report_name: cost-and-usage-report
          report_prefix: reports
  register: ccm

- name: Move it to another bucket, once Datadog has checked it can ingest it from there
  ddog.aws.datadog_aws_account_ccm_config:
    aws_account_id: "123456789012"
    validate: true
    ccm_config:
      data_export_configs:
        - bucket_name: billing-eu
          bucket_region: eu-west-1
          report_name: cost-and-usage-report
          report_prefix: reports
          report_type: CUR2.0

- name: Stop reading costs from the account
  ddog.aws.datadog_aws_account_ccm_config:
    aws_account_id: "123456789012"
    state: absent
'''

RETURN = r'''
ccm_config:
  description:
    - The config Datadog holds after the run (in check mode, as it would), with C(data_export_configs) as
      O(ccm_config.data_export_configs) writes them.
    - Empty after O(state=absent).
  returned: success
  type: dict
  sample:
    data_export_configs:
      - bucket_name: billing
        bucket_region: us-east-1
        report_name: cost-and-usage-report
        report_prefix: reports
        report_type: CUR2.0
account_config_id:
  description: Datadog's ID of the integration the config belongs to.
  returned: when Datadog integrates the account
  type: str
  sample: b2087a32-4d4f-45b1-9321-1a0a48e9d7cf
'''

from ansible_collections.ddog.aws.plugins.module_utils._aws import AWS_PARTITIONS, check_identifiers
from ansible_collections.ddog.aws.plugins.module_utils._ccm import apply_absent, apply_present, diff_view, look_up
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module

EXPORT_SPEC = dict(
    bucket_name=dict(type='str', required=True),
    bucket_region=dict(type='str', required=True),
    report_name=dict(type='str', required=True),
    report_prefix=dict(type='str', required=True),
    report_type=dict(type='str', default='CUR2.0'),
)
ARGUMENT_SPEC = dict(
    aws_account_id=dict(type='str', required=True),
    aws_partition=dict(type='str', default='aws', choices=list(AWS_PARTITIONS)),
    state=dict(type='str', default='present', choices=['present', 'absent']),
    ccm_config=dict(type='dict', options=dict(
        data_export_configs=dict(type='list', elements='dict', required=True, options=EXPORT_SPEC))),
    validate=dict(type='bool', default=False),
)


def run(module):
    params = module.params
    check_identifiers(aws_account_ids={'aws_account_id': params['aws_account_id']})
    found = look_up(module.client, params['aws_account_id'], params['aws_partition'])
    if params['state'] == 'present':
        changed, after = apply_present(module.client, found, params['ccm_config']['data_export_configs'], module.warn,
                                       check_mode=module.check_mode, validation=params['validate'])
    else:
        changed, after = apply_absent(module.client, found, module.warn, check_mode=module.check_mode), None
    result = dict(changed=changed, ccm_config=diff_view(after).get('ccm_config', {}))
    if found.account is not None:
        result['account_config_id'] = found.account['id']
    if module._diff:
        result['diff'] = dict(before=diff_view(found.exports), after=diff_view(after))
    return result


def main():
    run_module(ARGUMENT_SPEC, run, required_if=[('state', 'present', ('ccm_config',))], supports_check_mode=True)


if __name__ == '__main__':
    main()
