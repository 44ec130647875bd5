#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_iam_permissions_info
short_description: List the IAM permissions Datadog's AWS integration needs
version_added: 0.1.0
description:
  - Asks Datadog which IAM actions the role it assumes must allow, so that the role's policies can be written from
    Datadog's own, current list rather than a copy that ages.
  - Calls C(GET /api/v2/integration/aws/iam_permissions), or its C(/standard) or C(/resource_collection) variant.
  - Changes nothing. The application key needs the C(aws_configuration_read) permission.
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.actiongroup_datadog
  - ddog.aws.datadog.info_module
options:
  scope:
    description:
      - Which permissions to list.
      - V(all) for every permission the integration can use, V(standard) for those of metric and tag collection,
        V(resource_collection) for those of resource collection.
    type: str
    choices: [all, standard, resource_collection]
    default: all
seealso:
  - module: ddog.aws.datadog_aws_external_id
  - module: ddog.aws.datadog_aws_external_id_info
  - name: Datadog API reference for the AWS integration
    description: The endpoints this module reads.
    link: https://docs.datadoghq.com/api/latest/aws-integration/
'''

EXAMPLES = r'''
- name: Every permission Datadog's integration role needs
  ddog.aws.datadog_aws_iam_permissions_info:
  register: datadog_permissions

- name: A policy document that allows them
  ansible.builtin.set_fact:
    datadog_policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: "{{ datadog_permissions.permissions }}"
          Resource: "*"

- name: Only those of standard metric collection, on the EU site
  ddog.aws.datadog_aws_iam_permissions_info:
    scope: standard
    site: datadoghq.eu
  register: standard_permissions
'''

RETURN = r'''
permissions:
  description: IAM actions, as Datadog lists them (wildcards such as C(ec2:Describe*) included).
  returned: success
  type: list
  elements: str
  sample: ["apigateway:GET", "autoscaling:Describe*", "ec2:Describe*"]
scope:
  description: The scope that was listed.
  returned: success
  type: str
  sample: all
'''

from ansible_collections.ddog.aws.plugins.module_utils._module import run_module
from ansible_collections.ddog.aws.plugins.module_utils._permissions import SCOPES, read


def run(module):
    scope = module.params['scope']
    return dict(changed=False, scope=scope, permissions=read(module.client, scope))


def main():
    run_module(dict(scope=dict(type='str', default='all', choices=list(SCOPES))), run, supports_check_mode=True)


if __name__ == '__main__':
    main()
