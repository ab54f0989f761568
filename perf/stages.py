#!/usr/bin/env python3
"""Splits a dotnet-trace thread-time profile (speedscope JSON) of CarrierSim under load into the
stages of a request. Usage: stages.py TRACE.speedscope.json [--top N]

With --top N it also lists the N frames with the most inclusive busy time (a frame counted once per
slice however often it recurs on the stack), to find what a stage spends its time on.

Only time on a thread that is doing something counts (the CPU_TIME / UNMANAGED_CODE_TIME leaves
whose caller is not a wait). Each such slice goes to the stage of the deepest frame on its stack
that names one, so a stage's share excludes the stages it calls."""
import collections
import json
import sys

IDLE = ('EventLoop', 'WaitForSignal', 'ManualResetEventSlim.Wait', 'TimerLoop', 'FileSystemWatcher',
        'ThreadPoolWorkQueue.Dispatch', 'WorkerThreadStart', 'WaitNative', 'Monitor.Wait',
        'WaitOneNoCheck', 'Sys.Read', 'LowLevelSpinWaiter', 'Missing Symbol', 'Thread.Sleep', 'SpinWait')
KESTREL = 'Kestrel: parse request, HttpContext, write response headers'
STAGES = [  # (stage, substring of a frame name)
    ('GC', 'PollGC'), ('GC', 'GarbageCollect'),
    ('JSON serialization of the answer', 'WriteAsJsonAsync'), ('JSON serialization of the answer', 'WireJsonResult'),
    ('inventory search (Core)', 'NumberInventory.Search'),
    ('search endpoint: query parsing, mapping to wire records', 'DialStackEndpoints.Search'),
    ('auth (DialStack Authenticate)', 'DialStackDialect.Authenticate'),
    ('dialect pipeline filter (scopes, chaos decision)', 'DialectPipeline'),
    ('request delegate (parameter binding, result)', 'lambda_method'),
    ('request delegate (parameter binding, result)', 'EndpointMiddleware'),
    ('idempotency middleware', 'IdempotencyMiddleware'),
    ('routing', 'EndpointRoutingMiddleware'), ('routing', 'DfaMatcher'),
    ('dialect gate (admin token, X-Request-Id, dialect ports, error envelope, journal)', 'DialectGateMiddleware'),
    (KESTREL, 'Http1Connection'), (KESTREL, 'HttpProtocol'), (KESTREL, 'HostingApplication'),
    ('socket I/O (send, receive, epoll)', 'Socket'),
]


def main(path, top=0):
    trace = json.load(open(path))
    frames = [f['name'] for f in trace['shared']['frames']]
    busy = collections.Counter()
    inclusive = collections.Counter()

    def account(stack, weight):
        names = [frames[i] for i in stack if frames[i] not in ('CPU_TIME', 'UNMANAGED_CODE_TIME')]
        if not names or any(word in names[-1] for word in IDLE):
            return
        for name in set(names):
            inclusive[name] += weight
        for name in reversed(names):
            stage = next((s for s, part in STAGES if part in name), None)
            if stage:
                busy[stage] += weight
                return
        busy['other (thread pool, runtime, timers)'] += weight

    for profile in trace['profiles']:
        stack, last = [], profile['startValue']
        for event in profile['events']:
            if event['at'] > last and stack:
                account(stack, event['at'] - last)
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            else:
                while stack and stack.pop() != event['frame']:
                    pass

    total = sum(busy.values())
    print(f'busy thread time: {total / 1000:.1f} s')
    for stage, weight in busy.most_common():
        print(f'{weight / total * 100:5.1f}%  {stage}')
    if top:
        print(f'\ntop {top} frames by inclusive busy time:')
        for name, weight in inclusive.most_common(top):
            print(f'{weight / total * 100:5.1f}%  {name[:160]}')


if __name__ == '__main__':
    args = sys.argv[1:]
    top_n = int(args[args.index('--top') + 1]) if '--top' in args else 0
    main(args[0], top_n)
