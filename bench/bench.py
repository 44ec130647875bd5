# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""make bench: the module against ansible.builtin.uri, on the local Datadog API emulator.

1. Per-task cost: a loop of N calls with the module, then the same with uri (same endpoint, emulator and
   TLS settings, extracting the same external_id), alternated A/B/A/B; the ratio module/uri per pair.
2. Start-up cost: what importing the module and its client costs on the managed node, against uri.
3. A fleet under a rate limit: 10 hosts, forks 10, 6 calls each, the emulator allowing 20 calls per 5 s:
   wall time against the 10 s floor that limit imposes, 429s met and failures; the module, then uri with
   until/retries/delay.

Run it with the Python of a virtual environment that has ansible-core, requests and trustme (make bench
makes one). It prints a table and writes build/bench/results.json.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, 'bench')
WORK = os.path.join(ROOT, 'build', 'bench')
EMULATOR = os.path.join(ROOT, 'tests', 'emulator', 'datadog_emulator.py')
sys.path[:0] = [os.path.join(ROOT, 'hacking'), os.path.join(ROOT, 'tests', 'emulator')]

import datadog_emulator  # noqa: E402  pylint: disable=wrong-import-position
import toolchain  # noqa: E402  pylint: disable=wrong-import-position

FLEET_HOSTS = 10
FLEET_CALLS = 6
RATE_LIMIT = 20
RATE_PERIOD = 5


class Emulator:
    def __init__(self):
        self.state_dir = os.path.join(WORK, 'emulator')
        started = subprocess.run([sys.executable, EMULATOR, 'start', '--state-dir', self.state_dir],
                                 stdout=subprocess.PIPE, check=True)
        self.settings = json.loads(started.stdout)

    def control(self, name, body=None):
        return datadog_emulator.control(self.state_dir, name, body)

    def stop(self):
        subprocess.run([sys.executable, EMULATOR, 'stop', '--state-dir', self.state_dir], check=False,
                       stdout=subprocess.DEVNULL)


def ansible_environment(emulator):
    env = dict(os.environ)
    env.update(
        ANSIBLE_COLLECTIONS_PATH=os.path.join(WORK, 'collections'),
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_STDOUT_CALLBACK='default',
        ANSIBLE_NOCOLOR='true',
        ANSIBLE_LOCALHOST_WARNING='false',
        ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
        ANSIBLE_HOST_KEY_CHECKING='false',
        PATH=os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', ''),
    )
    env.update(datadog_emulator.environment(emulator.state_dir))
    return env


def run_playbook(env, playbook, *args):
    """Run a playbook; return (wall seconds, {host: its PLAY RECAP counts})."""
    command = ['ansible-playbook', os.path.join(BENCH, playbook), '-e',
               '@' + os.path.join(WORK, 'emulator', 'emulator.json')] + list(args)
    started = time.monotonic()
    completed = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    wall = time.monotonic() - started
    output = completed.stdout.decode()
    recap = recap_of(output)
    if not recap:
        sys.exit('%s printed no recap:\n%s' % (playbook, output))
    return wall, recap


def recap_of(output):
    """{host: its PLAY RECAP counts} from what ansible-playbook printed."""
    return {host: dict((key, int(value)) for key, value in re.findall(r'(\w+)=(\d+)', counts))
            for host, counts in re.findall(r'^(\S+)\s+: (ok=.*)$', output, re.MULTILINE)}


def loop_seconds(env, playbook, items):
    """Seconds the playbook's loop of `items` calls took, checking that it returned distinct external IDs."""
    report_file = os.path.join(WORK, 'report.json')
    _wall, recap = run_playbook(env, playbook, '-i', 'localhost,', '-c', 'local', '-e', 'items=%d' % items,
                                '-e', 'report_file=%s' % report_file)
    with open(report_file) as handle:
        report = json.load(handle)
    os.remove(report_file)
    ids = report['external_ids']
    if recap['localhost']['failed'] or len(set(ids)) != items or not all(re.match(r'^[0-9a-f]{32}$', v) for v in ids):
        sys.exit('%s did not return %d distinct external IDs: %r' % (playbook, items, ids))
    return float(report['loop_seconds'])


def per_task_cost(env, pairs, items):
    module_times, uri_times, ratios = [], [], []
    for _pair in range(pairs):
        module_times.append(loop_seconds(env, 'module_loop.yml', items) / items)
        uri_times.append(loop_seconds(env, 'uri_loop.yml', items) / items)
        ratios.append(module_times[-1] / uri_times[-1])
    return {
        'pairs': pairs, 'items': items,
        'module_ms_per_task': round(statistics.median(module_times) * 1000, 1),
        'uri_ms_per_task': round(statistics.median(uri_times) * 1000, 1),
        'ratio_median': round(statistics.median(ratios), 3),
        'ratio_min': round(min(ratios), 3),
        'ratio_max': round(max(ratios), 3),
    }


def import_ms(module, runs=7):
    """Median of the cumulative import time of `module` and everything it pulls in, in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=os.path.join(WORK, 'collections'))
    totals = []
    for _run in range(runs):
        completed = subprocess.run([sys.executable, '-X', 'importtime', '-c', 'import %s' % module], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        lines = completed.stderr.decode().splitlines()
        top = [line for line in lines if re.match(r'^import time:\s+\d+ \|\s+\d+ \| \S', line)]
        totals.append(sum(int(line.split('|')[1]) for line in top) / 1000.0)
    return round(statistics.median(totals), 1)


def start_up_cost():
    module_ms = import_ms('ansible_collections.ddog.aws.plugins.modules.datadog_aws_external_id')
    uri_ms = import_ms('ansible.modules.uri')
    return {'module_import_ms': module_ms, 'uri_import_ms': uri_ms, 'ratio': round(module_ms / uri_ms, 3)}


def fleet(env, emulator, playbook, limited=True):
    emulator.control('reset', {})
    if limited:
        emulator.control('rate_limit', {'limit': RATE_LIMIT, 'period': RATE_PERIOD})
    wall, recap = run_playbook(env, playbook, '-i', os.path.join(BENCH, 'inventory.ini'), '-f', str(FLEET_HOSTS),
                               '-e', 'calls=%d' % FLEET_CALLS)
    state = emulator.control('state')
    journal = emulator.control('journal')['requests']
    calls = FLEET_HOSTS * FLEET_CALLS
    floor = (calls // RATE_LIMIT - (1 if calls % RATE_LIMIT == 0 else 0)) * RATE_PERIOD
    span = journal[-1]['time'] - journal[0]['time'] if journal else 0.0
    return {
        'calls': calls,
        'succeeded': len(state['minted']),
        'failed_hosts': sum(1 for counts in recap.values() if counts.get('failed') or counts.get('unreachable')),
        'rate_limited_429s': len(journal) - len(state['minted']),
        'wall_s': round(wall, 2),
        'api_span_s': round(span, 2),
        'floor_s': floor,
        'wall_over_floor': round(wall / floor, 3),
    }


def machine():
    cpu = ''
    if os.path.exists('/proc/cpuinfo'):
        with open('/proc/cpuinfo') as handle:
            cpu = next((line.split(':', 1)[1].strip() for line in handle if line.startswith('model name')), '')
    from ansible.release import __version__ as core
    return {'cpu': cpu, 'cores': os.cpu_count(), 'python': platform.python_version(), 'ansible_core': core,
            'platform': platform.platform()}


def report(results, name, render):
    """Write the results to build/bench/<name>; print them, rendered, with the machine they were measured on."""
    path = os.path.join(WORK, name)
    with open(path, 'w') as handle:
        json.dump(results, handle, indent=2)
    print('Machine: %(cpu)s, %(cores)s cores, Python %(python)s, ansible-core %(ansible_core)s' % results['machine'])
    print(render(results))
    print('Written to %s' % path)


def table(results):
    per_task, imports = results['per_task'], results['start_up']
    rows = [
        ('per-task cost, module / uri (median of %d pairs, %d-item loops)' % (per_task['pairs'], per_task['items']),
         '%.3f (%.3f-%.3f); %.1f ms vs %.1f ms' % (per_task['ratio_median'], per_task['ratio_min'],
                                                   per_task['ratio_max'], per_task['module_ms_per_task'],
                                                   per_task['uri_ms_per_task']), '<= 1.00'),
        ('import cost, module / uri',
         '%.3f; %.1f ms vs %.1f ms' % (imports['ratio'], imports['module_import_ms'], imports['uri_import_ms']), ''),
    ]
    unlimited = results['fleet_unlimited']
    rows.append(('fleet, module, no rate limit: %d calls, %d forks' % (unlimited['calls'], FLEET_HOSTS),
                 '%.1f s: what this machine needs without any limit' % unlimited['wall_s'], ''))
    for name in ('module', 'uri'):
        run = results['fleet_' + name]
        rows.append(('fleet, %s: %d calls, %d/%ds limit' % (name, run['calls'], RATE_LIMIT, RATE_PERIOD),
                     '%.2fx floor (%.1f s / %d s), %.2fx no-limit run, %d ok, %d 429s, %d failed hosts' % (
                         run['wall_over_floor'], run['wall_s'], run['floor_s'], run['wall_over_unlimited'],
                         run['succeeded'], run['rate_limited_429s'], run['failed_hosts']),
                     '<= 1.2x, 0 failed' if name == 'module' else 'comparison'))
    width = max(len(row[0]) for row in rows)
    lines = ['%-*s  %s  %s' % (width, 'measure', 'result', 'goal')]
    lines += ['%-*s  %s  %s' % (width, name, value, goal) for name, value, goal in rows]
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--pairs', type=int, default=5, help='A/B pairs for the per-task cost')
    parser.add_argument('--items', type=int, default=20, help='calls per loop for the per-task cost')
    args = parser.parse_args()

    os.makedirs(WORK, exist_ok=True)
    toolchain.sync(os.path.join(WORK, 'collections', 'ansible_collections', 'ddog', 'aws'))
    emulator = Emulator()
    try:
        env = ansible_environment(emulator)
        results = {'machine': machine(), 'per_task': per_task_cost(env, args.pairs, args.items),
                   'start_up': start_up_cost(),
                   'fleet_unlimited': fleet(env, emulator, 'fleet_module.yml', limited=False),
                   'fleet_module': fleet(env, emulator, 'fleet_module.yml'),
                   'fleet_uri': fleet(env, emulator, 'fleet_uri.yml')}
        for name in ('fleet_module', 'fleet_uri'):
            results[name]['wall_over_unlimited'] = round(
                results[name]['wall_s'] / results['fleet_unlimited']['wall_s'], 3)
    finally:
        emulator.stop()
    report(results, 'results.json', table)


if __name__ == '__main__':
    main()
