# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Datadog sites are listed once, in the client (_datadog.SITES); everything else that names them is checked
against that list: the options' documentation, Datadog's principals, the AWX credential type, the README's table."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import yaml

from ansible_collections.ddog.aws.plugins.doc_fragments.datadog import ModuleDocFragment
from ansible_collections.ddog.aws.plugins.module_utils._aws import DATADOG_AWS_ACCOUNTS
from ansible_collections.ddog.aws.plugins.module_utils._datadog import SITES

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..')


def test_the_documented_choices_are_the_sites():
    assert yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']['site']['choices'] == list(SITES)


def test_every_site_has_a_principal_for_the_aws_partition_and_no_other_site_has_one():
    assert sorted(site for site, partition in DATADOG_AWS_ACCOUNTS if partition == 'aws') == sorted(SITES)
    assert set(site for site, _partition in DATADOG_AWS_ACCOUNTS) == set(SITES)


def test_the_awx_credential_type_offers_the_sites():
    with open(os.path.join(ROOT, 'examples', 'awx', 'credential_type_datadog.yml')) as handle:
        fields = yaml.safe_load(handle)['inputs']['fields']
    assert next(field for field in fields if field['id'] == 'site')['choices'] == list(SITES)


def test_the_readme_lists_the_sites():
    with open(os.path.join(ROOT, 'README.md')) as handle:
        readme = handle.read()
    table = readme[readme.index('### Sites'):readme.index('An unknown `site` fails')]
    assert re.findall(r'^\| [^|]+ \| `([a-z0-9.-]+)` \| `https://api\.\1` \|$', table, re.MULTILINE) == list(SITES)
