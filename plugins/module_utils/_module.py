# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How every ddog.aws module is put together, so that a module file holds only what is its own.

A module declares its own options and a function that does its work::

    def run(module):
        payload = module.call('GET', PATH)
        return dict(changed=False, ...)

    def main():
        run_module(dict(my_option=dict(type='str')), run, supports_check_mode=True)

``run_module`` adds the shared connection options, builds the client, and turns every
DatadogAPIError into ``fail_json`` (message, HTTP status and Datadog's own error texts).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ddog.aws.plugins.module_utils._datadog import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    DatadogAPIError,
    DatadogClient,
    datadog_argument_spec,
)


class DatadogModule(AnsibleModule):
    """An AnsibleModule with the shared connection options and a Datadog client built from them."""

    def __init__(self, argument_spec, **kwargs):
        spec = datadog_argument_spec()
        spec.update(argument_spec)
        super(DatadogModule, self).__init__(argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        params = self.params
        # Built before the module's own work, so that bad connection options fail in check mode too.
        try:
            self.client = DatadogClient(
                api_key=params['api_key'], app_key=params['app_key'], site=params['site'],
                api_host=params['api_host'], validate_certs=params['validate_certs'], ca_path=params['ca_path'],
                timeout=params['timeout'], retries=params['retries'], user_agent_suffix='; %s' % self._name)
        except DatadogAPIError as exc:
            self.fail_json(**exc.fail_json_kwargs())

    def call(self, method, path, **kwargs):
        """One API call through the client (see DatadogClient.request)."""
        return self.client.request(method, path, **kwargs)


def run_module(argument_spec, run, **module_kwargs):
    """Build the module, run ``run(module)`` and exit with the result dict it returns."""
    module = DatadogModule(argument_spec, **module_kwargs)
    try:
        result = run(module)
    except DatadogAPIError as exc:
        module.fail_json(**exc.fail_json_kwargs())
    module.exit_json(**result)
