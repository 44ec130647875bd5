#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_external_id
short_description: Generate a new external ID for Datadog's AWS integration
version_added: 0.1.0
description:
  - Asks Datadog for a new AWS external ID and returns it, so that the IAM role Datadog assumes can be created with
    a trust policy whose C(sts:ExternalId) condition matches.
  - Without O(account_id) and O(role_name), calls the current v2 endpoint
    C(POST /api/v2/integration/aws/generate_new_external_id), which mints an ID for a new integration and touches
    nothing that exists.
  - With O(account_id) and O(role_name), calls the deprecated v1 endpoint
    C(PUT /api/v1/integration/aws/generate_new_external_id), which B(rotates) the external ID of that account's
    existing integration.
  - Every run mints a new ID, so the module always reports a change.
  - The application key needs the C(aws_configuration_edit) permission.
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.actiongroup_datadog
options:
  account_id:
    description:
      - The 12-digit AWS account ID of an existing integration whose external ID is to be rotated through the v1
        endpoint. Quote it in YAML so that leading zeros survive.
      - Requires O(role_name).
      - B(Warning:) rotation takes effect at once. Datadog stops being able to assume the role until its trust policy
        holds the new ID, so update the trust policy in the same play.
      - O(aws_account_id) is the name every other module of the collection gives this option.
    type: str
    aliases: [aws_account_id]
  role_name:
    description:
      - Name of the IAM role of the integration, as Datadog knows it (case matters), for example
        V(DatadogIntegrationRole).
      - Requires O(account_id).
    type: str
  aws_partition:
    description:
      - The AWS partition of the account whose IAM role will trust Datadog. With O(site) it decides which of
        Datadog's AWS accounts RV(trust_policy) names as principal.
      - V(aws-us-gov) is served by the V(ddog-gov.com) and V(us2.ddog-gov.com) sites only. No Datadog site serves
        V(aws-cn); it fails with a message saying so, before any request.
      - O(site) decides the principal even when O(api_host) sends the requests elsewhere, for example through a
        proxy.
    type: str
    choices: [aws, aws-cn, aws-us-gov]
    default: aws
    version_added: 0.1.0
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: partial
    details:
      - In check mode the options are validated and no request is sent. The module reports a change, as a real run
        would, but returns no RV(external_id), because only Datadog can mint one.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode) when in diff mode.
    support: none
notes:
  - An external ID that is not used to set up an integration within 48 hours expires. Generate it in the same play
    that creates the IAM role and the Datadog integration.
  - A v2 call whose answer is lost (a dropped connection, a C(5xx), a timeout) is asked again (see O(retries)).
    That changes no integration, and the newest ID, the one returned, supersedes any ID the lost attempt minted.
  - A v1 rotation whose answer is lost is B(never) sent again, since each one rotates the live ID once more. The
    module fails, says that the account's ID may have rotated, and points to
    M(ddog.aws.datadog_aws_external_id_info) to read the ID in use; put that one in the trust policy. A C(429) is
    retried, as Datadog did not process the call.
  - To read the ID an integration uses now without changing it, use M(ddog.aws.datadog_aws_external_id_info);
    generating one is never read-only.
seealso:
  - module: ddog.aws.datadog_aws_external_id_info
  - module: ddog.aws.datadog_aws_iam_permissions_info
  - name: Datadog API reference for the AWS integration
    description: The endpoints this module calls.
    link: https://docs.datadoghq.com/api/latest/aws-integration/
  - name: Setting up the Datadog AWS integration
    description: How the external ID is used in the IAM role's trust policy.
    link: https://docs.datadoghq.com/integrations/amazon_web_services/
'''

EXAMPLES = r'''
- name: Get a new external ID for a new integration (v2)
  ddog.aws.datadog_aws_external_id:
    api_key: "{{ datadog_api_key }}"
    app_key: "{{ datadog_app_key }}"
    site: datadoghq.eu
  register: datadog

- name: Use it in the trust policy of the role Datadog assumes
  ansible.builtin.debug:
    msg: "sts:ExternalId must be {{ datadog.external_id | default('(minted at run time)') }}"

- name: Rotate the external ID of an existing integration (v1, breaks access until the trust policy is updated)
  ddog.aws.datadog_aws_external_id:
    api_key: "{{ datadog_api_key }}"
    app_key: "{{ datadog_app_key }}"
    site: us5.datadoghq.com
    account_id: "123456789012"
    role_name: DatadogIntegrationRole
  register: rotated

- name: Set the credentials once for every module of the collection
  module_defaults:
    group/ddog.aws.datadog:
      api_key: "{{ datadog_api_key }}"
      app_key: "{{ datadog_app_key }}"
      site: ap1.datadoghq.com
  block:
    - name: Generate
      ddog.aws.datadog_aws_external_id:
      register: datadog

# Credentials from DD_API_KEY / DD_APP_KEY / DD_SITE in the environment of the controller.
- name: Generate on the US3 site, keys from the environment
  ddog.aws.datadog_aws_external_id:
    site: us3.datadoghq.com
  delegate_to: localhost
  register: datadog

- name: Generate on US1-FED (GovCloud)
  ddog.aws.datadog_aws_external_id:
    site: ddog-gov.com
  register: datadog

- name: Create the role Datadog assumes, trusting the new ID
  amazon.aws.iam_role:
    name: DatadogIntegrationRole
    assume_role_policy_document: "{{ datadog.trust_policy | to_json }}"
  when: datadog.trust_policy is defined    # in check mode Datadog mints no ID

- name: A GovCloud account, integrated from the US1-FED site
  ddog.aws.datadog_aws_external_id:
    site: ddog-gov.com
    aws_partition: aws-us-gov
  register: gov

# In check mode nothing is sent: the result says a change would be made, and which endpoint, but holds no ID.
- name: What a run would do
  ddog.aws.datadog_aws_external_id:
    site: datadoghq.eu
  check_mode: true
  register: would
  # would.changed is true, would.api_version is "v2", would.datadog_principal is set;
  # would.external_id and would.trust_policy are not defined.

- name: Show the trust policy condition, in check mode too
  ansible.builtin.debug:
    msg: "sts:ExternalId = {{ would.external_id | default('(minted at run time)') }}"

# Other sites: us5.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, us2.ddog-gov.com, or
# api_host: https://api.example-new-site.com for one this collection does not list yet.

# As an ad-hoc command, with the keys in DD_API_KEY and DD_APP_KEY:
#   ansible localhost -m ddog.aws.datadog_aws_external_id -a site=datadoghq.eu
'''

RETURN = r'''
external_id:
  description:
    - The new external ID. Put it in the C(sts:ExternalId) condition of the IAM role's trust policy.
    - Not returned in check mode.
  returned: success and not in check mode
  type: str
  sample: acb8f6b8a844443dbb726d07dcb1a870
api_version:
  description: Which endpoint was (or, in check mode, would be) called.
  returned: success
  type: str
  sample: v2
datadog_principal:
  description: The ARN of Datadog's AWS account for O(site) and O(aws_partition), which the IAM role must trust.
  returned: success, in check mode too
  type: str
  sample: arn:aws:iam::464622532012:root
trust_policy:
  description:
    - The IAM role's assume-role policy document, letting RV(datadog_principal) assume the role with
      C(sts:AssumeRole) only when it presents RV(external_id).
    - Pass it as C(assume_role_policy_document) with the C(to_json) filter.
  returned: success and not in check mode
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
            sts:ExternalId: acb8f6b8a844443dbb726d07dcb1a870
'''

from ansible_collections.ddog.aws.plugins.module_utils._aws import (
    AWS_PARTITIONS,
    check_identifiers,
    datadog_principal,
    trust_policy,
)
from ansible_collections.ddog.aws.plugins.module_utils._external_ids import generate, rotate
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module


def run(module):
    account_id = module.params['account_id']
    role_name = module.params['role_name']
    check_identifiers(aws_account_ids={'account_id': account_id}, role_names={'role_name': role_name})
    principal = datadog_principal(module.params['site'], module.params['aws_partition'])
    api_version = 'v1' if account_id else 'v2'
    if module.check_mode:
        return dict(changed=True, api_version=api_version, datadog_principal=principal)
    external_id = rotate(module.client, account_id, role_name) if account_id else generate(module.client)
    return dict(changed=True, external_id=external_id, api_version=api_version, datadog_principal=principal,
                trust_policy=trust_policy(principal, external_id))


def main():
    run_module(
        dict(
            account_id=dict(type='str', aliases=['aws_account_id']),
            role_name=dict(type='str'),
            aws_partition=dict(type='str', default='aws', choices=list(AWS_PARTITIONS)),
        ),
        run,
        required_together=[('account_id', 'role_name')],
        supports_check_mode=True,
    )


if __name__ == '__main__':
    main()
