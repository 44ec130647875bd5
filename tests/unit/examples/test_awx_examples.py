# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The AWX examples hold together: what the job template names exists, and matches what the collection accepts.

The wrapper playbook itself runs in the organization_rollout integration target.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
AWX = os.path.join(ROOT, 'examples', 'awx')


def load(*path):
    with open(os.path.join(*path)) as handle:
        return yaml.safe_load(handle)


def test_the_job_template_runs_the_wrapper_playbook_over_the_organizations_inventory():
    spec = load(AWX, 'job_template.yml')
    template, source = spec['job_template'], spec['inventory_source']
    assert load(AWX, template['playbook']) == [{'name': "Datadog's AWS integration across the AWS Organization",
                                                'ansible.builtin.import_playbook': 'ddog.aws.organization_rollout'}]
    assert load(AWX, source['source_path'])['plugin'] == 'ddog.aws.aws_organization'
    assert source['update_on_launch'] is True, 'new member accounts join the next run'
    assert template['inventory'] == spec['inventory']['name'] == source['inventory']
    assert template['job_slice_count'] > 1 and spec['schedule']['unified_job_template'] == template['name']


def test_the_credentials_are_the_ones_the_examples_define():
    spec = load(AWX, 'job_template.yml')
    credential_type = load(AWX, spec['credential_type'])
    assert spec['datadog_credential']['credential_type'] == credential_type['name']
    assert set(spec['datadog_credential']['inputs']) == set(field['id'] for field in credential_type['inputs']['fields'])
    names = [spec['datadog_credential']['name'], spec['aws_credential']['name']]
    assert spec['job_template']['credentials'] == names


def test_the_survey_offers_the_states_the_role_accepts():
    spec = load(AWX, 'job_template.yml')
    question, = spec['job_template']['survey_spec']['spec']
    options = load(ROOT, 'roles', 'integration_role', 'meta', 'argument_specs.yml')['argument_specs']['main']['options']
    state = options[question['variable']]
    assert question['choices'] == state['choices'] and question['default'] == state['default']


def test_awx_installs_the_collection_from_where_it_lives():
    wanted, = load(AWX, 'collections', 'requirements.yml')['collections']
    assert wanted['name'].startswith(load(ROOT, 'galaxy.yml')['repository'])
