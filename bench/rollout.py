# -*- coding: utf-8 -*-

# Copyright: (c) 2026, ddog.aws contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""make bench, part 2: ddog.aws.organization_rollout across an AWS Organization of N member accounts.

moto (counting every AWS request by action) stands in for AWS, the project's emulator for Datadog. For each size:
the first run, a rerun, and a baseline measured in the same run: a play of one ansible.builtin.ping task over the
same hosts and forks. Printed: wall and CPU seconds, the first run and the rerun against the baseline, Datadog
requests per run and AWS requests per account, and writes on rerun (which must be 0). With --slices N, the same
organization is also rolled out as N --limit slices at once (AWX job slicing), first run and rerun, against the
single run.

Run it with the Python of a virtual environment that has ansible-core, requests, trustme, boto3 and moto[server]
(make bench makes one). It prints a table and writes build/bench/rollout.json.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import re
import resource
import socket
import subprocess
import sys
import time
from urllib.request import Request, urlopen

from bench import ROOT, WORK, Emulator, ansible_environment, machine, recap_of, report, toolchain

AWS_WRITES = re.compile(r'^(Create|Put|Attach|Detach|Update|Delete|Tag|Untag|Set)')


class Moto:
    def __init__(self):
        sock = socket.socket()
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
        sock.close()
        self.url = 'http://127.0.0.1:%d' % port
        self.log = open(os.path.join(WORK, 'moto.log'), 'wb')
        self.process = subprocess.Popen([sys.executable, os.path.join(ROOT, 'bench', 'moto_counting.py'), str(port)],
                                        stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while True:
            try:
                self.counts()
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit('moto did not start; see %s' % self.log.name)
                time.sleep(0.2)

    def counts(self):
        with urlopen(self.url + '/_bench/counts', timeout=10) as response:
            return json.load(response)

    def reset(self):
        urlopen(Request(self.url + '/moto-api/reset', data=b'', method='POST'), timeout=30).close()

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.log.close()


def environment(emulator, moto):
    """What bench.py's runs get, and AWS pointed at moto with fake credentials of the management account."""
    env = ansible_environment(emulator)
    env.update(AWS_URL=moto.url, AWS_ENDPOINT_URL=moto.url,
               AWS_ACCESS_KEY_ID='testing', AWS_SECRET_ACCESS_KEY='testing', AWS_REGION='us-east-1',
               AWS_DEFAULT_REGION='us-east-1')
    for name in ('AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'):
        env.pop(name, None)
    return env


def organization(env, accounts):
    """A fresh AWS Organization of that many member accounts in moto; the inventory file that lists them."""
    import boto3  # only the benchmark needs it

    client = boto3.client('organizations', region_name='us-east-1', endpoint_url=env['AWS_URL'],
                          aws_access_key_id='testing', aws_secret_access_key='testing')
    client.create_organization(FeatureSet='ALL')
    for number in range(accounts):
        client.create_account(AccountName='member-%03d' % number, Email='member-%03d@example.com' % number)
    inventory = os.path.join(WORK, 'bench.aws_organization.yml')
    with open(inventory, 'w') as handle:
        handle.write('plugin: ddog.aws.aws_organization\n')
    return inventory


def run(env, arguments):
    """Run ansible-playbook; (wall s, CPU s of it and its children, {host: recap counts}, output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    completed = subprocess.run(['ansible-playbook'] + arguments, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, check=False)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = completed.stdout.decode()
    recap = recap_of(output)
    if completed.returncode or not recap:
        sys.exit('ansible-playbook %s failed:\n%s' % (' '.join(arguments), output[-5000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, recap, output


def sliced(env, arguments, hosts, slices):
    """The same run as `slices` --limit slices at once, each with every Nth host; (wall s, [each slice's output])."""
    started = time.monotonic()
    processes = [subprocess.Popen(['ansible-playbook'] + arguments + ['--limit', ','.join(hosts[index::slices])],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                 for index in range(slices)]
    outputs = [process.communicate()[0].decode() for process in processes]
    wall = time.monotonic() - started
    for process, output in zip(processes, outputs):
        if process.returncode:
            sys.exit('a slice failed:\n%s' % output[-5000:])
    return wall, outputs


def measured(env, emulator, moto, arguments, accounts):
    """One run, with the Datadog and AWS requests it made."""
    journal_before = len(emulator.control('journal')['requests'])
    aws_before = moto.counts()
    wall, cpu, recap, output = run(env, arguments)
    recap.pop('localhost', None)  # the play that checks the inventory lists accounts
    datadog = emulator.control('journal')['requests'][journal_before:]
    aws_after = moto.counts()
    aws = dict((action, aws_after[action] - aws_before.get(action, 0)) for action in aws_after
               if aws_after[action] != aws_before.get(action, 0))
    return {
        'wall_s': round(wall, 1), 'cpu_s': round(cpu, 1),
        # The first host also runs the once-per-run reads and the summary; the others are what an account costs.
        'tasks_per_account': min(counts['ok'] + counts.get('skipped', 0) for counts in recap.values()),
        'changed_hosts': sum(1 for counts in recap.values() if counts['changed']),
        'failed_hosts': sum(1 for counts in recap.values() if counts['failed'] or counts.get('unreachable')),
        'datadog_requests': len(datadog),
        'datadog_writes': sum(1 for entry in datadog if entry['method'] != 'GET'),
        'aws_requests': sum(aws.values()),
        'aws_requests_per_account': round(sum(aws.values()) / float(accounts), 2),
        'aws_writes': sum(count for action, count in aws.items() if AWS_WRITES.match(action)),
        'aws_by_action': aws,
        'summary': re.findall(r'"(\d+ accounts: [^"]*)"', output),
    }


def baseline(env, inventory, forks):
    """The same hosts and forks, one ping task each: what Ansible itself costs for one task per host."""
    playbook = os.path.join(WORK, 'baseline_rollout.yml')
    with open(playbook, 'w') as handle:
        handle.write('---\n- name: One task per account, doing nothing\n  hosts: aws_organization_members\n'
                     '  gather_facts: false\n  tasks:\n    - name: Nothing\n      ansible.builtin.ping:\n')
    wall, cpu, _recap, _output = run(env, ['-i', inventory, '-f', str(forks), playbook])
    return {'wall_s': round(wall, 1), 'cpu_s': round(cpu, 1)}


def members(env, inventory):
    listed = subprocess.run(['ansible-inventory', '-i', inventory, '--list'], env=env, stdout=subprocess.PIPE,
                            check=True)
    return sorted(json.loads(listed.stdout)['aws_organization_members']['hosts'])


def rollout(env, emulator, moto, accounts, forks, slices):
    moto.reset()
    emulator.control('reset', {})
    inventory = organization(env, accounts)
    arguments = ['-i', inventory, '-f', str(forks), 'ddog.aws.organization_rollout']
    first = measured(env, emulator, moto, arguments, accounts)
    rerun = measured(env, emulator, moto, arguments, accounts)
    base = baseline(env, inventory, forks)
    result = {'accounts': accounts, 'forks': forks, 'first': first, 'rerun': rerun, 'baseline': base,
              'rerun_over_baseline': round(rerun['wall_s'] / base['wall_s'], 2),
              'first_over_baseline': round(first['wall_s'] / base['wall_s'], 2),
              'rerun_over_first': round(rerun['wall_s'] / first['wall_s'], 2)}
    if slices:
        moto.reset()
        emulator.control('reset', {})
        inventory = organization(env, accounts)
        hosts = members(env, inventory)
        first_wall, outputs = sliced(env, arguments, hosts, slices)
        rerun_wall, rerun_outputs = sliced(env, arguments, hosts, slices)
        held = emulator.control('state')['accounts']
        result['sliced'] = {
            'slices': slices, 'first_wall_s': round(first_wall, 1), 'rerun_wall_s': round(rerun_wall, 1),
            'first_over_single': round(first_wall / first['wall_s'], 2),
            'rerun_over_single': round(rerun_wall / rerun['wall_s'], 2),
            'integrations': len(held), 'distinct_accounts': len(set(item['attributes']['aws_account_id']
                                                                    for item in held)),
            'summaries': [re.findall(r'"(\d+ accounts: [^"]*)"', output) for output in outputs + rerun_outputs],
        }
    return result


def table(results):
    lines = []
    for size in results['sizes']:
        first, rerun, base = size['first'], size['rerun'], size['baseline']
        lines += [
            '%d member accounts, forks %d:' % (size['accounts'], size['forks']),
            '  first run   %6.1f s wall, %6.1f s CPU (%.2fx the baseline); %s' % (
                first['wall_s'], first['cpu_s'], size['first_over_baseline'], '; '.join(first['summary'])),
            '  rerun       %6.1f s wall, %6.1f s CPU (%.2fx the baseline); %s' % (
                rerun['wall_s'], rerun['cpu_s'], size['rerun_over_baseline'], '; '.join(rerun['summary'])),
            '  baseline    %6.1f s wall, %6.1f s CPU: one ping task per host, same hosts and forks' % (
                base['wall_s'], base['cpu_s']),
            '  tasks per account: %d first, %d rerun (the first host also runs the reads once per run and the summary)'
            % (first['tasks_per_account'], rerun['tasks_per_account']),
            '  Datadog requests per run: %d first, %d rerun; AWS requests per account: %.2f first, %.2f rerun' % (
                first['datadog_requests'], rerun['datadog_requests'], first['aws_requests_per_account'],
                rerun['aws_requests_per_account']),
            '  writes on rerun: %d to Datadog, %d to AWS; changed hosts %d; failed hosts %d (first run %d)' % (
                rerun['datadog_writes'], rerun['aws_writes'], rerun['changed_hosts'], rerun['failed_hosts'],
                first['failed_hosts']),
            '  AWS requests of the rerun by action: %s' % ', '.join(
                '%s %d' % item for item in sorted(rerun['aws_by_action'].items(), key=lambda item: -item[1])),
        ]
        if 'sliced' in size:
            cut = size['sliced']
            figures = (cut['slices'], cut['first_wall_s'], cut['first_over_single'], cut['rerun_wall_s'],
                       cut['rerun_over_single'], cut['integrations'], cut['distinct_accounts'])
            lines += ['  %d slices at once: first run %.1f s (%.2fx the single run), rerun %.1f s (%.2fx); %d '
                      'integrations for %d accounts' % figures]
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--accounts', type=int, nargs='+', default=[20, 100], help='organization sizes')
    parser.add_argument('--forks', type=int, default=10)
    parser.add_argument('--slices', type=int, default=4, help='also roll out as this many --limit slices at once')
    args = parser.parse_args()

    os.makedirs(WORK, exist_ok=True)
    collections = os.path.join(WORK, 'collections', 'ansible_collections')
    toolchain.sync(os.path.join(collections, 'ddog', 'aws'))
    toolchain.install_amazon_aws(sys.prefix, collections)  # the inventory plugin's base
    emulator, moto = Emulator(), Moto()
    try:
        env = environment(emulator, moto)
        results = {'machine': machine(),
                   'sizes': [rollout(env, emulator, moto, accounts, args.forks, args.slices)
                             for accounts in args.accounts]}
    finally:
        emulator.stop()
        moto.stop()
    report(results, 'rollout.json', table)


if __name__ == '__main__':
    main()
