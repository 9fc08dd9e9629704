// lexenv's node worker: the `node` engine's side of the worker protocol
// (src/engine/worker.rs). Embedded in the lexenv binary and run as
// `node --expose-gc -e <this file>` by src/engine/node.rs.
//
// Protocol: one JSON `Request` {source, limits} per stdin line; one JSON
// `Outcome` per stdout line ({"kind":"completed","transcript":…} or
// {"kind":"timeout"|"limit"|"crash","reason":…}), in order.
//
// Each request runs in a FRESH realm (`vm.createContext`) with the host
// contract of DESIGN §3–4 installed INSIDE that realm: the host functions are
// created by evaluating BOOTSTRAP in the realm, so they, and every error they
// throw, belong to the case's realm. Time is virtual: node's own timers are
// never used (node clamps 0 ms to 1 ms and reads the real clock).
//
// Event loop. The realm uses `microtaskMode: 'afterEvaluate'`: it has its own
// microtask queue, drained after every `runInContext` and inside its timeout.
// A timer task is run as one job on that queue (queued while the queue is
// empty), followed by an empty script: the task runs first, then every
// microtask it queued, under the run's remaining wall-clock budget. So
// `while (true) {}` in the script, its microtasks or an early timer ends as
// `timeout` answered by this worker. A vm timeout costs a watchdog thread
// (~80 µs per call against ~4 µs), so after TIMED_TASKS tasks the rest run
// without one: the budget is still checked between tasks, and a task that
// never returns is stopped by the parent, which kills and replaces the
// worker (the same `timeout` outcome).
//
// Nothing a case does may stop this process: every step is wrapped, and
// unhandled rejections print nothing, as in the other engines.

'use strict';

const vm = require('vm');
const v8 = require('v8');
const readline = require('readline');

// The host's full garbage collection, for the case's `gc()`. Taken from a
// throwaway context with --expose-gc switched on only for that moment, so
// case realms do not get V8's own (non-configurable) `gc` global.
const collectGarbage = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    v8.setFlagsFromString('--no-expose-gc');
    if (typeof gc === 'function') return gc;
  } catch (_) {
    // Fall through: no way to force a collection on this node.
  }
  return () => {};
})();

// Evaluated inside each fresh realm. Everything it captures is taken before
// the case runs, so a case that replaces `String`, `Promise.prototype.then` or
// `Reflect.apply` does not change how the host behaves.
const BOOTSTRAP = `(function installHost(host) {
  'use strict';
  const realmString = String;
  const realmTypeError = TypeError;
  const floor = Math.floor;
  const getPrototypeOf = Object.getPrototypeOf;
  const defineProperty = Object.defineProperty;
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const settled = Promise.resolve();
  const errorPrototype = Error.prototype;
  const objectToString = Object.prototype.toString;

  // One printed line: String(arg) of each argument, joined by one space.
  function lineOf(args) {
    let line = '';
    for (let i = 0; i < args.length; i++) {
      if (i > 0) line += ' ';
      line += realmString(args[i]);
    }
    return line;
  }

  // An Error object: its prototype chain reaches this realm's Error.prototype.
  function isErrorObject(value) {
    if ((typeof value !== 'object' || value === null) && typeof value !== 'function') {
      return false;
    }
    for (let p = getPrototypeOf(value); p !== null; p = getPrototypeOf(p)) {
      if (p === errorPrototype) return true;
    }
    return false;
  }

  // The <Name> of an "Uncaught <Name>" line (DESIGN §4). When reading the
  // name or converting the value throws in turn, Object.prototype.toString of
  // the value stands in (as in the Boa engine).
  function describeThrown(value) {
    try {
      if (isErrorObject(value)) return realmString(value.name);
    } catch (_) {
      // Fall back to String(value).
    }
    try {
      return realmString(value);
    } catch (_) {
      // Fall back to the tag.
    }
    try {
      return apply(objectToString, value, []);
    } catch (_) {
      return '[object Unknown]';
    }
  }

  function reportUncaught(value) {
    host.uncaught(describeThrown(value));
  }

  function enqueueJob(job) {
    apply(then, settled, [job]);
  }

  function requireCallable(callback, caller) {
    if (typeof callback !== 'function') {
      throw new realmTypeError(caller + ': the callback is not a function');
    }
  }

  // ToNumber; NaN or negative is 0; floored.
  function toDelay(delay) {
    const ms = +delay;
    return ms > 0 ? floor(ms) : 0;
  }

  // Method syntax: the host functions are not constructors, like built-ins.
  const hostFunctions = {
    log(...args) { host.print(lineOf(args)); },
    alert(...args) { host.print(lineOf(args)); },
    print(...args) { host.print(lineOf(args)); },
    setTimeout(callback, delay, ...args) {
      requireCallable(callback, 'setTimeout');
      return host.addTimer(callback, toDelay(delay), args, false);
    },
    setInterval(callback, delay, ...args) {
      requireCallable(callback, 'setInterval');
      return host.addTimer(callback, toDelay(delay), args, true);
    },
    // One id space for both, as in browsers; the id is not converted.
    clearTimeout(id) { if (typeof id === 'number') host.clearTimer(id); },
    clearInterval(id) { if (typeof id === 'number') host.clearTimer(id); },
    queueMicrotask(callback) {
      requireCallable(callback, 'queueMicrotask');
      enqueueJob(function microtask() {
        try {
          apply(callback, undefined, []);
        } catch (e) {
          reportUncaught(e);
        }
      });
    },
    gc() { host.gc(); },
  };

  function defineGlobal(name, value) {
    defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }
  const console = {};
  defineProperty(console, 'log', { value: hostFunctions.log, writable: true, enumerable: false, configurable: true });
  defineGlobal('console', console);
  for (const name of ['alert', 'print', 'setTimeout', 'setInterval', 'clearTimeout',
                      'clearInterval', 'queueMicrotask', 'gc']) {
    defineGlobal(name, hostFunctions[name]);
  }

  return {
    describeThrown,
    // Queues a timer task as one job; host.taskDone() runs right after the
    // callback, before the microtasks it queued (HTML reschedules intervals
    // inside the task).
    enqueueTask(callback, args) {
      enqueueJob(function task() {
        try {
          apply(callback, undefined, args);
        } catch (e) {
          reportUncaught(e);
        }
        host.taskDone();
      });
    },
  };
})`;

const bootstrapScript = new vm.Script(BOOTSTRAP, { filename: 'lexenv-host.js' });
const drainScript = new vm.Script('', { filename: 'lexenv-drain.js' });

// node ≥ 20.18/22.8 can make a realm whose global is an ordinary object
// (var bindings non-configurable, own-key order as specified); older nodes
// get the classic contextified global.
const contextObject =
  vm.constants && vm.constants.DONT_CONTEXTIFY !== undefined ? () => vm.constants.DONT_CONTEXTIFY : () => ({});

const TIMEOUT_CODE = 'ERR_SCRIPT_EXECUTION_TIMEOUT';

// Timer tasks per run that get their own vm timeout (see the top comment).
const TIMED_TASKS = 100;

// The most transcript text one run may print before it stops as `limit`
// (the same bound as the Boa engine's).
const MAX_TRANSCRIPT_BYTES = 16 * 1024 * 1024;

/**
 * Timer tasks ordered by (due, seq): a binary min-heap. Clearing a timer only
 * drops it from `live`; its heap entry is skipped when it comes up.
 */
class TimerQueue {
  constructor() {
    this.heap = [];
    this.live = new Map(); // id → timer {id, due, seq, callback, args, delay, repeat}
  }

  static before(a, b) {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  push(timer) {
    this.live.set(timer.id, timer);
    const heap = this.heap;
    const entry = { due: timer.due, seq: timer.seq, timer };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!TimerQueue.before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  /** Forgets a timer; it lets go of its callback and arguments at once (a
   *  cleared timer must not keep its closure alive until its entry comes up). */
  clear(id) {
    const timer = this.live.get(id);
    if (timer === undefined) return;
    timer.callback = null;
    timer.args = null;
    this.live.delete(id);
  }

  has(id) {
    return this.live.has(id);
  }

  /** Removes and returns the next live timer (it stays `live`), or null. */
  pop() {
    while (this.heap.length > 0) {
      const entry = this.popEntry();
      const timer = this.live.get(entry.timer.id);
      // Skip cleared timers and stale entries of rescheduled intervals.
      if (timer === entry.timer && timer.seq === entry.seq) return timer;
    }
    return null;
  }

  popEntry() {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && TimerQueue.before(heap[right], heap[left]) ? right : left;
        if (!TimerQueue.before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

/** Thrown (host side) when the run's wall-clock budget is spent. */
class WallClockExceeded extends Error {}

/** Runs one request; returns its Outcome object. */
function runCase(source, limits) {
  const wallMs = Math.max(1, Number(limits.wall_ms) || 1);
  const deadline = process.hrtime.bigint() + BigInt(wallMs) * 1000000n;

  let script;
  try {
    script = new vm.Script(source, { filename: 'case.js' });
  } catch (e) {
    if (e instanceof SyntaxError) {
      // V8's message is a note for the report, never part of the transcript.
      return completed('Uncaught SyntaxError\n', [`SyntaxError: ${e.message}`]);
    }
    throw e;
  }

  const lines = [];
  let outputBytes = 0;
  let outputOverflow = false;
  const timers = new TimerQueue();
  let now = 0;
  let nextId = 1;
  let nextSeq = 0;
  let runningTimer = null;

  // Appends one line; false once the transcript is over its size limit.
  function append(line) {
    outputBytes += Buffer.byteLength(line) + 1;
    if (outputBytes > MAX_TRANSCRIPT_BYTES) {
      outputOverflow = true;
      return false;
    }
    lines.push(line);
    return true;
  }

  const host = {
    print(line) {
      if (!append(line)) {
        // The outcome is `limit` whatever happens next; the throw stops a
        // printing loop unless the case catches it (then the clock does).
        throw new RangeError('lexenv: transcript size limit reached');
      }
    },
    uncaught(name) {
      append('Uncaught ' + name);
    },
    addTimer(callback, delay, args, repeat) {
      const id = nextId++;
      timers.push({ id, due: now + delay, seq: nextSeq++, callback, args, delay, repeat });
      return id;
    },
    clearTimer(id) {
      timers.clear(id);
    },
    taskDone() {
      const timer = runningTimer;
      runningTimer = null;
      if (timer !== null && timer.repeat && timers.has(timer.id)) {
        timer.due = now + timer.delay;
        timer.seq = nextSeq++;
        timers.push(timer);
      }
    },
    gc() {
      collectGarbage();
    },
  };

  const realm = vm.createContext(contextObject(), { microtaskMode: 'afterEvaluate' });
  const api = bootstrapScript.runInContext(realm)(host);

  function remainingMs() {
    const left = (deadline - process.hrtime.bigint()) / 1000000n;
    if (left <= 0n) throw new WallClockExceeded();
    return Number(left);
  }

  // Runs `code` in the realm under the remaining budget (with a vm timeout
  // when `timed`); a timeout of the vm becomes WallClockExceeded, anything
  // else is the case's own throw.
  function runInRealm(code, timed = true) {
    const timeout = remainingMs();
    const started = process.hrtime.bigint();
    try {
      code.runInContext(realm, timed ? { timeout } : {});
    } catch (e) {
      const elapsedMs = Number((process.hrtime.bigint() - started) / 1000000n);
      if (e !== null && typeof e === 'object' && e.code === TIMEOUT_CODE && elapsedMs >= timeout - 1) {
        throw new WallClockExceeded();
      }
      throw e;
    }
  }

  try {
    try {
      runInRealm(script);
    } catch (e) {
      if (e instanceof WallClockExceeded) throw e;
      host.uncaught(api.describeThrown(e));
    }
    // The script's microtasks (a throwing script leaves them queued).
    runInRealm(drainScript);
    let tasksRun = 0;
    for (let timer = timers.pop(); timer !== null; timer = timers.pop()) {
      now = timer.due;
      const { callback, args } = timer;
      if (!timer.repeat) timers.clear(timer.id);
      runningTimer = timer;
      api.enqueueTask(callback, args);
      runInRealm(drainScript, tasksRun < TIMED_TASKS);
      tasksRun += 1;
    }
  } catch (e) {
    if (!(e instanceof WallClockExceeded)) throw e;
    if (!outputOverflow) {
      return { kind: 'timeout', reason: `wall-clock limit of ${wallMs} ms` };
    }
  }

  if (outputOverflow) {
    return { kind: 'limit', reason: `transcript size limit (${MAX_TRANSCRIPT_BYTES} bytes) reached` };
  }
  return completed(lines.map((line) => line + '\n').join(''), []);
}

function completed(transcript, notes) {
  const outcome = { kind: 'completed', transcript };
  if (notes.length > 0) outcome.notes = notes;
  return outcome;
}

function answer(outcome) {
  process.stdout.write(JSON.stringify(outcome) + '\n');
}

function handleLine(line) {
  if (line.trim() === '') return;
  let outcome;
  try {
    const request = JSON.parse(line);
    if (request === null || typeof request.source !== 'string' || typeof request.limits !== 'object') {
      outcome = { kind: 'crash', reason: 'node worker: malformed request (need {source, limits})' };
    } else {
      outcome = runCase(request.source, request.limits || {});
    }
  } catch (e) {
    let what;
    try {
      what = String(e && e.stack ? e.stack : e);
    } catch (_) {
      what = 'unprintable error';
    }
    outcome = { kind: 'crash', reason: 'node worker: ' + what };
  }
  answer(outcome);
}

// A case's rejected promise with no handler prints nothing; without this
// handler node would treat it as fatal.
process.on('unhandledRejection', () => {});

// Between requests node may still run work of a finished case's realm (a
// FinalizationRegistry cleanup callback: V8 posts it to node's own loop, so
// such callbacks never run inside a case's virtual event loop). What it
// throws must not end the worker.
process.on('uncaughtException', (error) => {
  try {
    process.stderr.write(`lexenv node worker: ignored an error thrown between cases: ${String(error)}\n`);
  } catch (_) {
    // Nothing else to do.
  }
});

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
input.on('line', handleLine);
input.on('close', () => process.exit(0));
