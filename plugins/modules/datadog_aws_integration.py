#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The documentation of the ddog.aws.datadog_aws_integration action plugin (plugins/action/): it runs on the
# controller, and has no module code.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_integration
short_description: Both sides of Datadog's AWS integration of one account, the IAM role and Datadog's integration
version_added: 0.3.0
description:
  - Leaves Datadog collecting from one AWS account, or with O(state=absent) takes that down. In Datadog, the
    integration of the account names the IAM role and holds the external ID; in AWS, the IAM role trusts Datadog's AWS
    account for O(site) and O(aws_partition) on that external ID, and has the permissions Datadog lists as managed
    policies, split to stay under IAM's size limit.
  - Datadog's integration first, as in Datadog's own quick start, since Datadog mints the external ID when it creates
    the integration and an ID an integration uses never expires; then the role trusting it. A run interrupted at any
    point leaves a state the next run completes. When Datadog holds no integration but the role already trusts an
    ID (a setup interrupted before the integration), that ID is reused; when Datadog refuses it as older than 48
    hours, Datadog mints another and the trust policy follows in the same run.
  - A second run with the same arguments writes nothing, in AWS or in Datadog, and reports RV(ignore:changed=false).
  - B(Ownership.) What this action creates in AWS carries its mark, IAM tags (C(ddog.aws:managed-by=ddog.aws), the
    Datadog site on the role, the role a policy serves on each policy). It changes or deletes only what carries the mark
    and belongs to the role in hand. Policies are found through the role's own attachments, never by name across the
    account; a policy that something else also uses is detached, never deleted. Managed policies that others attached
    to the role (AWS's C(SecurityAudit), for one) stay attached. An existing role without the mark is refused before any
    write unless O(adopt=true). Datadog's integration is changed or deleted only when it names this role; one that uses
    access keys or another role is refused, before any write, with O(state=present) and O(state=absent) alike.
  - When the integration collects for Cloud Security Posture Management
    (O(resources_config.cloud_security_posture_management_collection=true)), AWS's C(SecurityAudit) managed policy is
    attached to the role as Datadog's own CloudFormation template does, and detached again when that stops, or on
    teardown, only if this action attached it.
  - Roles written by version 0.2.0 of this collection (no mark, its descriptions, an instance profile named after the
    role) are recognized, marked by the next run, and their instance profile removed; a teardown removes them whole.
  - Runs on the controller as an action plugin, one task per account, so that a rollout over many accounts costs no
    module start-up per account. Datadog's permission list and the integrations Datadog holds do not depend on the
    account; read them once per run (M(ddog.aws.datadog_aws_iam_permissions_info) and
    M(ddog.aws.datadog_aws_account_info) with C(run_once)) and pass them as O(iam_permissions) and
    O(datadog_integrations), or leave them out and each task reads them itself.
  - 'Requests, with both read once per run: a rerun that changes nothing makes one C(sts:AssumeRole) (or
    C(sts:GetCallerIdentity)), C(iam:GetRole), C(iam:ListAttachedRolePolicies) and one C(iam:GetPolicyVersion) per
    policy, and no Datadog request.'
  - The application key needs C(aws_configuration_read), C(aws_configuration_edit) and C(aws_configurations_manage).
    The AWS credentials need to read, create, tag, update and delete IAM roles and managed policies.
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.aws
  - ddog.aws.datadog.account_settings
  - ddog.aws.datadog.actiongroup_datadog
options:
  aws_account_id:
    description:
      - The 12-digit ID of the AWS account. Quote it in YAML so that leading zeros survive.
      - The AWS credentials (after O(assume_role_arn)) must reach this account; the action checks it first.
    type: str
    required: true
  aws_partition:
    description: The AWS partition of the account; V(aws-us-gov) needs a GovCloud Datadog O(site).
    type: str
    choices: [aws, aws-us-gov]
    default: aws
  state:
    description:
      - V(present) creates or updates both sides.
      - V(absent) deletes Datadog's integration (when it names this role), then the role's own policies (detached, and
        deleted unless something else uses them), then the role. A role with inline policies it did not write is
        refused, since deleting the role would delete them.
    type: str
    choices: [present, absent]
    default: present
  role_name:
    description:
      - The name of the IAM role, as Datadog's integration is told (case matters). If Datadog already integrates the
        account, it must be the role Datadog knows.
      - Two Datadog organizations integrating one AWS account (prod and staging, say) need two role names.
    type: str
    default: DatadogIntegrationRole
  policy_name:
    description:
      - Name of the managed policies, numbered from 1 (V(DatadogIntegrationRolePolicy-1), ...).
      - Defaults to O(role_name) followed by V(Policy), so that two roles in one account never share a policy.
    type: str
  max_policy_size:
    description: Largest managed policy, in characters; IAM allows 6144.
    type: int
    default: 6144
  permissions_scope:
    description: Which of Datadog's IAM permissions to grant, when O(iam_permissions) is not given.
    type: str
    choices: [all, standard, resource_collection]
    default: all
  iam_permissions:
    description:
      - The IAM actions the role is granted, as M(ddog.aws.datadog_aws_iam_permissions_info) returns them in
        RV(ddog.aws.datadog_aws_iam_permissions_info#module:permissions). Read them once for a run over many accounts.
      - Without it, the action reads them (O(permissions_scope)) with one request.
    type: list
    elements: str
  datadog_integrations:
    description:
      - The integrations Datadog holds, as M(ddog.aws.datadog_aws_account_info) returns them in
        RV(ddog.aws.datadog_aws_account_info#module:accounts). Read them once for a run over many accounts.
      - Without it, the action looks the account up with one request.
      - A write that finds Datadog holding something else than this list said (another run created the integration
        meanwhile) reads what Datadog holds and goes on from there.
    type: list
    elements: dict
  datadog_catalog:
    description:
      - Datadog's catalogue of CloudWatch namespaces and log sources, as M(ddog.aws.datadog_aws_catalog_info) returns
        it in RV(ddog.aws.datadog_aws_catalog_info#module:namespaces) and
        RV(ddog.aws.datadog_aws_catalog_info#module:logs_services). Read it once for a run over many accounts.
      - The namespaces and log sources a write would send (in O(metrics_config) and O(logs_config)) are checked
        against it before the write, and in check mode; one that Datadog does not know fails the task, with the closest
        names Datadog knows, before anything is written in Datadog or in AWS.
      - Without it, or without one of its lists, the action reads what it needs with one request each, and only when a
        write or check mode needs it, so that a rerun that changes nothing sends no Datadog request.
    type: dict
    version_added: 0.3.0
    suboptions:
      namespaces:
        description: The CloudWatch namespaces Datadog can collect.
        type: list
        elements: str
      logs_services:
        description: The AWS services whose logs Datadog can collect.
        type: list
        elements: str
  rotate:
    description:
      - Give the integration a new external ID (minted by Datadog) and the trust policy with it, in the same run. Datadog
        cannot assume the role between the two writes, a moment apart. Use it when the ID leaked.
      - Every run with it rotates again.
    type: bool
    default: false
  adopt:
    description:
      - Take over an existing role that this collection did not create, or one it created for another Datadog site.
        Its trust policy is replaced by Datadog's, the mark is added, Datadog's policies are attached, and every other
        policy is left as it is. Inline policies and other managed policies on it are reported in warnings and
        RV(inline_policies), since Datadog can use what they allow.
      - Without it, such a role is refused before any write.
    type: bool
    default: false
  role_path:
    description:
      - The path of the role and of its policies, such as V(/datadog/), where an organization requires one (SCPs often
        restrict which paths may be written).
      - Set when the role is created; IAM cannot move a role, so a role of this name in another path is refused.
      - Defaults to V(/).
    type: str
  permissions_boundary:
    description:
      - The ARN of a managed policy to set as the role's permissions boundary, where an organization requires one
        (C(iam:CreateRole) fails without it under many SCPs). It is set as the role is created.
      - V('') removes the boundary the role has. Left out, the role's boundary is left as it is.
    type: str
  max_session_duration:
    description:
      - How long, in seconds, a session of Datadog's assumed role may last, from V(3600) to V(43200). Left out, it is
        left as IAM holds it (3600 for a new role).
    type: int
  iam_tags:
    description:
      - IAM tags for the role and each of its policies, beside the collection's own (C(ddog.aws:*)), as the role and
        the policies are created (SCPs often require tags on C(iam:CreateRole) and C(iam:CreatePolicy)).
      - Compared with the role's tags on every run; a change is written to the role and to each of its policies. Tags
        that others set, or that a task no longer gives, are left as they are.
      - Keys may not begin with V(aws:) or V(ddog.aws:).
    type: dict
attributes:
  action:
    description: Indicates this has a corresponding action plugin so some parts of the options can be executed on the controller.
    support: full
  async:
    description: Supports being used with the C(async) keyword.
    support: none
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details:
      - Reads Datadog and AWS (including C(sts:AssumeRole)), writes to neither and mints no external ID. Where Datadog
        would mint one, RV(external_id) is V((generated at run time\)).
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode) when in diff mode.
    support: full
    details:
      - C(datadog) holds the integration's settings, C(iam) the role's path, trust policy and this collection's tags,
        every managed policy attached, and the documents of the collection's policies. Never a secret.
notes:
  - The task's C(environment) keyword applies to what the action reads from the environment (E(DD_API_KEY),
    E(AWS_PROFILE) and the like), as it would for a module.
seealso:
  - module: ddog.aws.datadog_aws_account
    description: Datadog's side only.
  - module: ddog.aws.datadog_aws_iam_permissions_info
  - module: ddog.aws.datadog_aws_account_info
  - module: ddog.aws.datadog_aws_catalog_info
  - name: The ddog.aws.integration_role role
    description: This action with the once-per-run reads, for one account or every host of a play.
    link: https://github.com/ddog-aws/ddog.aws/tree/main/roles/integration_role
  - name: Datadog's AWS integration role template
    description: The CloudFormation template whose permissions and SecurityAudit rule this action follows.
    link: https://github.com/DataDog/cloudformation-template/blob/master/aws/datadog_integration_role.yaml
'''

EXAMPLES = r'''
- name: Datadog collects from this account; keys from DD_API_KEY and DD_APP_KEY, AWS credentials from the environment
  ddog.aws.datadog_aws_integration:
    aws_account_id: "123456789012"
    site: datadoghq.eu
    account_tags: ["team:platform"]
  register: integration

- name: Every member account of an AWS Organization, the role assumed with the management account's credentials
  hosts: aws_organization_members          # hosts of the ddog.aws.aws_organization inventory
  gather_facts: false
  tasks:
    - name: Read what every account shares, once
      run_once: true
      block:
        - name: Datadog's permission list
          ddog.aws.datadog_aws_iam_permissions_info:
          register: permissions
        - name: The integrations Datadog holds
          ddog.aws.datadog_aws_account_info:
          register: integrations
        - name: The namespaces and log sources Datadog knows
          ddog.aws.datadog_aws_catalog_info:
          register: catalog

    - name: Both sides, one task per account
      ddog.aws.datadog_aws_integration:
        aws_account_id: "{{ aws_account_id }}"
        assume_role_arn: "{{ aws_organization_role_arn }}"
        iam_permissions: "{{ permissions.permissions }}"
        datadog_integrations: "{{ integrations.accounts }}"
        datadog_catalog:
          namespaces: "{{ catalog.namespaces }}"
          logs_services: "{{ catalog.logs_services }}"
        metrics_config:
          namespace_filters:
            exclude_only: [AWS/SQS, AWS/ElasticMapReduce, AWS/Usage]

- name: Take it down
  ddog.aws.datadog_aws_integration:
    aws_account_id: "123456789012"
    state: absent

- name: A role someone else made, taken over (its other policies stay, and are reported)
  ddog.aws.datadog_aws_integration:
    aws_account_id: "123456789012"
    role_name: DatadogAWSIntegrationRole
    adopt: true
'''

RETURN = r'''
outcome:
  description: What the run did to the account.
  returned: always
  type: str
  choices: [created, updated, unchanged, deleted, failed]
  sample: created
role_arn:
  description: The ARN of the IAM role; empty after O(state=absent).
  returned: success
  type: str
  sample: arn:aws:iam::123456789012:role/DatadogIntegrationRole
external_id:
  description: The external ID the role's trust policy requires; empty after O(state=absent).
  returned: success
  type: str
  sample: a4e4a6b4c2cf4638a58b1febc6b856e9
policy_arns:
  description: The ARNs of the managed policies this action keeps attached for Datadog's permissions.
  returned: success
  type: list
  elements: str
  sample: ["arn:aws:iam::123456789012:policy/DatadogIntegrationRolePolicy-1"]
account_config_id:
  description: Datadog's ID of the integration; empty after O(state=absent), or for a create in check mode.
  returned: success
  type: str
  sample: 4ee52a3f-d0e9-487b-bde9-cd1cbc0e4cb0
account:
  description: The integration as Datadog holds it after the run (in check mode, as it would), as
    M(ddog.aws.datadog_aws_account) returns it in RV(ddog.aws.datadog_aws_account#module:account).
  returned: success
  type: dict
iam_actions:
  description: What was written in IAM, in order (in check mode, what would be), one line each.
  returned: success
  type: list
  elements: str
  sample: ["create the role DatadogIntegrationRole", "create the policy DatadogIntegrationRolePolicy-1"]
adopted:
  description: Whether this run took over a role the collection had not created (O(adopt=true)).
  returned: success
  type: bool
inline_policies:
  description: The inline policies of an adopted role, which it keeps and Datadog can use.
  returned: success
  type: list
  elements: str
'''
