# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How every ddog.aws module is put together, so that a module file holds only what is its own.

A module declares its own options and a function that does its work::

    def run(module):
        payload = module.client.request('GET', PATH)
        return dict(changed=False, ...)

    def main():
        run_module(dict(my_option=dict(type='str')), run, supports_check_mode=True)

``run_module`` adds the shared connection options, builds the client, and is the one place that turns a failure
into ``fail_json``: a DatadogAPIError (message, HTTP status and Datadog's own error texts) or an InvalidValue that
``module_utils`` raised. Module code raises; it never calls ``fail_json`` itself. Whatever a module returns, warns
or fails with is masked on the way out, so no form of a key can leave through it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ddog.aws.plugins.module_utils._aws import InvalidValue
from ansible_collections.ddog.aws.plugins.module_utils._datadog import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    DatadogAPIError,
    DatadogClient,
    Redactor,
    datadog_argument_spec,
)


class DatadogModule(AnsibleModule):
    """An AnsibleModule with the shared connection options, a Datadog client, and masked output."""

    def __init__(self, argument_spec, **kwargs):
        spec = datadog_argument_spec()
        spec.update(argument_spec)
        self.client = None
        self._redact = Redactor()
        super(DatadogModule, self).__init__(argument_spec=spec, **kwargs)
        params = self.params
        # A password or token written into api_host is refused below; Ansible must not echo it either.
        self.no_log_values.update(_url_secrets(params['api_host']))
        # Every no_log value, the module's own (secret_access_key, ...) as well as the keys, is masked before any
        # text is cut: Ansible's own no_log masks whole values only, and a cut could leave a prefix behind.
        self._redact = Redactor([params['api_key'], params['app_key']] + sorted(self.no_log_values))
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        # Built before the module's own work, so that bad connection options fail in check mode too.
        try:
            self.client = DatadogClient(
                api_key=params['api_key'], app_key=params['app_key'], site=params['site'],
                api_host=params['api_host'], validate_certs=params['validate_certs'], ca_path=params['ca_path'],
                timeout=params['timeout'], retries=params['retries'], user_agent_suffix='; %s' % self._name,
                secrets=sorted(self.no_log_values))
        except DatadogAPIError as exc:
            self.fail_json(**exc.fail_json_kwargs())
        self._redact = self.client.redact
        for warning in self.client.warnings:
            self.warn(warning)

    def warn(self, warning):
        super(DatadogModule, self).warn(self._redact(warning, limit=None))

    def fail_json(self, msg, **kwargs):
        super(DatadogModule, self).fail_json(msg=self._redact(msg, limit=None), **self._redact.mask_data(kwargs))

    def exit_json(self, **kwargs):
        super(DatadogModule, self).exit_json(**self._redact.mask_data(kwargs))


def _url_secrets(url):
    """What in a URL could be a credential: its user information (and each part of it) and its query."""
    if not url:
        return set()
    authority = url.partition('//')[2].partition('/')[0]
    userinfo = authority.rpartition('@')[0]
    query = url.partition('?')[2]
    return set(part for part in [userinfo, query] + userinfo.split(':') if part)


def run_module(argument_spec, run, **module_kwargs):
    """Build the module, run ``run(module)`` and exit with the result dict it returns."""
    module = DatadogModule(argument_spec, **module_kwargs)
    try:
        result = run(module)
    except DatadogAPIError as exc:
        module.fail_json(**exc.fail_json_kwargs())
    except InvalidValue as exc:
        module.fail_json(msg=str(exc))
    except Exception as exc:  # the last line of defence: a clear failure, never a bare traceback
        module.fail_json(msg='Unexpected error in %s (please report it, without keys): %s: %s'
                         % (module._name, type(exc).__name__, exc), exception=traceback.format_exc())
    module.exit_json(**result)
