#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: datadog_aws_event_bridge
short_description: Manage the Amazon EventBridge sources Datadog creates in an integrated AWS account
version_added: 0.3.0
description:
  - Datadog sends its events (monitor alerts, for one) to AWS through an Amazon EventBridge partner event source that
    it creates in an AWS account it integrates, in one region. This module creates such a source or deletes it, as
    Terraform's C(datadog_integration_aws_event_bridge) resource does.
  - Datadog names the source after O(event_generator_name), followed by a dash and a suffix of its own, 8 lowercase
    letters or digits such as C(app-alerts-zyxw3210); the module returns the full name in RV(event_source_name). A
    source of this task is one in O(aws_account_id) and O(region) named after O(event_generator_name), with Datadog's
    suffix or without; so O(event_generator_name) may also be the full name of a source that exists (to delete one
    created elsewhere). A source whose name only starts the same, such as C(app-alerts-team-x) or
    C(app-alerts-team-zyxw3210), is another one's, and never deleted.
  - Reads every source with one C(GET /api/v2/integration/aws/event_bridge). When a source of this task exists, nothing
    is sent and RV(ignore:changed=false); otherwise one C(POST). O(state=absent) sends one C(DELETE) per source of this
    task.
  - Datadog cannot change a source. A source in another region or with another name is another source; the one before
    stays until a task deletes it.
  - The application key needs C(integrations_read) to list the sources and C(manage_integrations) to create or
    delete one. In AWS, associate the source with an event bus (or let Datadog create one with
    O(create_event_bus=true)) and route its events with EventBridge rules.
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
      - A source for an account Datadog does not integrate is refused before any write.
    type: str
    required: true
    aliases: [account_id]
  region:
    description: The AWS region of the source, such as V(us-east-1).
    type: str
    required: true
  event_generator_name:
    description:
      - The name the source is made from; Datadog adds a dash and a suffix of its own.
      - The full name of a source (as RV(event_source_name) returns it) names that source too.
    type: str
    required: true
  create_event_bus:
    description:
      - Whether Datadog also creates the event bus of the source, which needs C(events:CreateEventBus) in the
        permissions of the integration's IAM role. As Terraform's default, V(true).
      - Sent when the source is created. Datadog does not tell it afterwards, so it is not compared with an existing
        source.
    type: bool
    default: true
  state:
    description:
      - V(present) creates the source unless one of this task exists.
      - V(absent) deletes every source of this task. None is no change.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details:
      - Only the listing is sent. A source to be created is returned with the suffix Datadog would choose written as
        V((suffix assigned by Datadog\)).
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode) when in diff mode.
    support: full
    details:
      - C(before) and C(after) hold the sources of this task.
notes:
  - A create whose answer is lost after it may have reached Datadog (a dropped connection, a timeout, a C(5xx)) is
    never sent again blindly, since a second create would make a second source. The module reads the sources again
    and goes on from there, with a warning.
  - A delete Datadog answers with "not found" is checked with a new listing; it fails when the source is still
    there, else it reports the deletion, with a warning that says it is inferred.
seealso:
  - module: ddog.aws.datadog_aws_event_bridge_info
  - module: ddog.aws.datadog_aws_account
  - name: Terraform's datadog_integration_aws_event_bridge
    description: The resource whose options this module follows.
    link: https://registry.terraform.io/providers/DataDog/datadog/latest/docs/resources/integration_aws_event_bridge
  - name: Datadog's Amazon EventBridge integration
    description: What the source is for, and how to route its events in AWS.
    link: https://docs.datadoghq.com/integrations/amazon_event_bridge/
'''

EXAMPLES = r'''
- name: Datadog's events reach EventBridge in us-east-1, on a bus Datadog creates
  ddog.aws.datadog_aws_event_bridge:
    aws_account_id: "123456789012"
    region: us-east-1
    event_generator_name: app-alerts
  register: source

- name: The source's full name, for the EventBridge rules
  ansible.builtin.debug:
    msg: "{{ source.event_source_name }}"

- name: A source whose bus is set up in AWS by other means
  ddog.aws.datadog_aws_event_bridge:
    aws_account_id: "123456789012"
    region: eu-west-1
    event_generator_name: app-alerts
    create_event_bus: false

- name: What a run would do, without doing it
  ddog.aws.datadog_aws_event_bridge:
    aws_account_id: "123456789012"
    region: eu-west-1
    event_generator_name: audit
  check_mode: true
  diff: true

- name: Delete the sources of app-alerts in us-east-1
  ddog.aws.datadog_aws_event_bridge:
    aws_account_id: "123456789012"
    region: us-east-1
    event_generator_name: app-alerts
    state: absent
'''

RETURN = r'''
event_source_name:
  description:
    - The full name of the source, as Datadog made it. Empty after O(state=absent).
    - When several sources of this task exist (created by other means), the first Datadog lists.
  returned: success
  type: str
  sample: app-alerts-zyxw3210
event_sources:
  description: The sources of this task after the run (in check mode, as they would be).
  returned: success
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
from ansible_collections.ddog.aws.plugins.module_utils._event_bridge import (
    Desired,
    apply_absent,
    apply_present,
    diff_view,
    outcome,
    read,
)
from ansible_collections.ddog.aws.plugins.module_utils._module import run_module

ARGUMENT_SPEC = dict(
    aws_account_id=dict(type='str', required=True, aliases=['account_id']),
    region=dict(type='str', required=True),
    event_generator_name=dict(type='str', required=True),
    create_event_bus=dict(type='bool', default=True),
    state=dict(type='str', default='present', choices=['present', 'absent']),
)


def run(module):
    params = module.params
    check_identifiers(aws_account_ids={'aws_account_id': params['aws_account_id']})
    desired = Desired(params['aws_account_id'], params['region'], params['event_generator_name'],
                      params['create_event_bus'])
    listing = read(module.client)
    if params['state'] == 'absent':
        changed, after = apply_absent(module.client, listing, desired, module.warn, module.check_mode), []
    else:
        changed, after = apply_present(module.client, listing, desired, module.warn, module.check_mode)
    result = dict(changed=changed, event_source_name=after[0]['name'] if after else '', **outcome(listing, after))
    if module._diff:
        result['diff'] = dict(before=diff_view(listing.of(desired)), after=diff_view(after))
    return result


def main():
    run_module(ARGUMENT_SPEC, run, supports_check_mode=True)


if __name__ == '__main__':
    main()
