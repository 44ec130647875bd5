# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which EventBridge sources are a task's: the ones a state=absent deletes, so a look-alike must never be one."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ddog.aws.plugins.module_utils._event_bridge import Desired, Listing, matches

ACCOUNT = '123456789012'
DESIRED = Desired(ACCOUNT, 'us-east-1', 'app')


def source(name, aws_account_id=ACCOUNT, region='us-east-1'):
    return dict(aws_account_id=aws_account_id, region=region, name=name)


@pytest.mark.parametrize('name', ['app', 'app-zyxw3210', 'app-00000000'])
def test_the_name_itself_or_with_datadogs_suffix_is_the_tasks(name):
    assert matches(source(name), DESIRED)


@pytest.mark.parametrize('name', [
    'app-team-x',  # another generator name that starts like this one
    'app-team-zyxw3210',  # Datadog's source of the generator name app-team
    'app-zyxw321',  # a suffix shorter than Datadog's
    'app-zyxw32100',  # longer
    'app-ZYXW3210',  # in capitals
    'app-zyxw_321',  # with a character Datadog does not use
    'app-',
    'apps-zyxw3210',
    'app-zyxw3210-zyxw3210',
    'my-app-zyxw3210',
])
def test_a_foreign_look_alike_is_not_the_tasks(name):
    assert not matches(source(name), DESIRED)


@pytest.mark.parametrize('other', [dict(aws_account_id='210987654321'), dict(region='eu-west-1')])
def test_another_account_or_region_is_not_the_tasks(other):
    assert not matches(source('app-zyxw3210', **other), DESIRED)


def test_a_listing_filters_by_account_and_region_each_when_given():
    sources = [source('a-11111111'), source('b-22222222', aws_account_id='210987654321'),
               source('c-33333333', region='eu-west-1')]
    listing = Listing(True, [ACCOUNT, '210987654321'], sources)
    assert listing.matching() == sources
    assert listing.matching(aws_account_id=ACCOUNT) == [sources[0], sources[2]]
    assert listing.matching(region='us-east-1') == sources[:2]
    assert listing.matching(ACCOUNT, 'eu-west-1') == [sources[2]]
    assert listing.matching('000000000000') == []
    listing = Listing(True, [ACCOUNT], [source('app-team-x'), source('app-zyxw3210'), source('app')])
    assert [held['name'] for held in listing.of(DESIRED)] == ['app-zyxw3210', 'app']
