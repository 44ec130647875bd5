#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_event_bridge_info
short_description: List the Amazon EventBridge sources Datadog has created in integrated AWS accounts
version_added: 0.3.0
description:
  - Lists the EventBridge partner event sources Datadog holds, all of them, or those of one O(aws_account_id) or
    O(region), as M(ddog.aws.datadog_aws_event_bridge) manages them.
  - One C(GET /api/v2/integration/aws/event_bridge), whatever the number of accounts.
  - Changes nothing. The application key needs the C(integrations_read) permission.
author:
  - ddog.aws maintainers (@ddog-aws)
extends_documentation_fragment:
  - ddog.aws.datadog
  - ddog.aws.datadog.actiongroup_datadog
  - ddog.aws.datadog.info_module
options:
  aws_account_id:
    description: Only the sources of this 12-digit AWS account ID. Quote it in YAML so that leading zeros survive.
    type: str
    aliases: [account_id]
  region:
    description: Only the sources in this AWS region.
    type: str
seealso:
  - module: ddog.aws.datadog_aws_event_bridge
  - name: Datadog API reference for the AWS integration
    description: The listing this module reads.
    link: https://docs.datadoghq.com/api/latest/aws-integration/
'''

EXAMPLES = r'''
- name: Every EventBridge source Datadog holds
  ddog.aws.datadog_aws_event_bridge_info:
  register: event_bridge

- name: Their names
  ansible.builtin.debug:
    msg: "{{ event_bridge.event_sources | map(attribute='name') | list }}"

- name: The sources of one account in one region
  ddog.aws.datadog_aws_event_bridge_info:
    aws_account_id: "123456789012"
    region: us-east-1
  register: one_region
'''

RETURN = r'''
event_sources:
  description:
    - The sources, in Datadog's order, as M(ddog.aws.datadog_aws_event_bridge) returns them in
      RV(ddog.aws.datadog_aws_event_bridge#module:event_sources).
    - Empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    aws_account_id:
      description: The AWS account ID.
      type: str
      sample: "123456789012"
    region:
      description: The AWS region.
      type: str
      sample: us-east-1
    name:
      description: The full name of the source.
      type: str
      sample: app-alerts-zyxw3210
is_installed:
  description: Whether Datadog says the EventBridge integration is enabled for the organization.
  returned: success
  type: bool
  sample: true
'''

from ansible_collections.ddog.aws.plugins.module_utils._aws import check_identifiers
from ansible_collections.ddog.aws.plugins.module_utils._event_bridge import outcome, read
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module


def run(module):
    params = module.params
    check_identifiers(aws_account_ids={'aws_account_id': params['aws_account_id']})
    listing = read(module.client)
    return dict(changed=False, **outcome(listing, listing.matching(params['aws_account_id'], params['region'])))


def main():
    run_module(dict(aws_account_id=dict(type='str', aliases=['account_id']), region=dict(type='str')), run,
               supports_check_mode=True)


if __name__ == '__main__':
    main()
