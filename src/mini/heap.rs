//! The heap: reference counting plus a cycle collector (NON-SPEC machinery).
//!
//! Objects and Environment Records are `Rc`s ("containers") created through
//! the [`Heap`], which keeps a registry of `Weak` pointers to every one of
//! them. Reference counting frees acyclic garbage at once; closures make
//! cycles (function → [[Environment]] → binding → function) that counting
//! alone would leak, so [`Heap::collect`] finds and breaks them with
//! CPython-style *trial deletion*:
//!
//! 1. `mark_roots`: for every live container set `gc_refs` to its strong count
//!    (minus the registry's own temporary handle).
//! 2. `subtract_internal`: trace each container and decrement `gc_refs` of
//!    every container it points to. What remains is the number of references
//!    from *outside* the heap: Rust locals, the interpreter's frames and
//!    registers, the job and timer queues, the kept-alive list. A container
//!    that is mutably borrowed right now cannot be traced; it is treated as
//!    externally referenced and its children look external too. Both are
//!    conservative, so a collection is safe at any point, mid-expression and
//!    from native code, without enumerating roots.
//! 3. `trace`: everything reachable from a container with `gc_refs > 0` lives.
//! 4. `sweep`: every other container is garbage; its fields are taken out
//!    (which breaks the cycles) and dropped, and the counts fall to zero.
//!
//! Why this design: values are plain `Rc`s, so the evaluator never roots
//! anything by hand, and a forgotten root cannot cause a use-after-free (there
//! is no unsafe code at all); a forgotten *edge* in a `trace` impl only makes
//! the collector more conservative. Each trace impl destructures its type so
//! a new field cannot be forgotten silently.
//!
//! Known limit: references held on the native stack of a *suspended*
//! generator or async function are invisible to tracing, so they count as
//! external: a garbage cycle that passes through a suspended generator's
//! locals is kept until the generator finishes or is itself freed by
//! counting. (DEVIATION: liveness is conservative there.)
//!
//! Freeing never recurses once per link: when a container's last reference
//! goes, its `Drop` hands its contents to [`drop_iteratively`], which drops
//! them from a thread-local worklist in a loop. Dropping a 100,000-long
//! chain of objects (`o = {next: o}`) or of closures and their environments
//! therefore needs constant native stack, on any thread.
//!
//! Collections run when [`Heap::collect`] is called (`gc()`), when the number
//! of tracked containers triples since the last collection, at every
//! allocation when `LEXENV_GC_STRESS=1`, and when the approximate byte count
//! passes the heap limit (then, if still over, the run stops as `limit`).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use super::environment::{Env, EnvCell, EnvironmentRecord};
use super::object::{Obj, ObjectCell, ObjectData};
use super::value::Value;

/// Per-container collector state (NON-SPEC).
#[derive(Default)]
pub struct GcHeader {
    /// Strong references not accounted for by other containers (step 2).
    gc_refs: Cell<isize>,
    /// Reached from a root during step 3.
    reachable: Cell<bool>,
    /// Could be traced (was not mutably borrowed) during step 2.
    traced: Cell<bool>,
}

/// Visits the containers a container points to.
pub trait Tracer {
    fn object(&mut self, object: &Obj);
    fn env(&mut self, env: &Env);
}

/// Something that holds references to containers.
pub trait Trace {
    /// Calls the tracer for every container directly referenced.
    fn trace(&self, tracer: &mut dyn Tracer);
}

impl Trace for Value {
    fn trace(&self, tracer: &mut dyn Tracer) {
        if let Value::Object(o) = self {
            tracer.object(o);
        }
    }
}

impl<T: Trace> Trace for Option<T> {
    fn trace(&self, tracer: &mut dyn Tracer) {
        if let Some(v) = self {
            v.trace(tracer);
        }
    }
}

impl<T: Trace> Trace for Vec<T> {
    fn trace(&self, tracer: &mut dyn Tracer) {
        for v in self {
            v.trace(tracer);
        }
    }
}

impl Trace for Obj {
    fn trace(&self, tracer: &mut dyn Tracer) {
        tracer.object(self);
    }
}

impl Trace for Env {
    fn trace(&self, tracer: &mut dyn Tracer) {
        tracer.env(self);
    }
}

/// A registry entry.
enum Tracked {
    Object(Weak<ObjectCell>),
    Env(Weak<EnvCell>),
}

/// A live container during a collection.
enum Live {
    Object(Obj),
    Env(Env),
}

impl Live {
    fn header(&self) -> &GcHeader {
        match self {
            Live::Object(o) => o.gc_header(),
            Live::Env(e) => e.gc_header(),
        }
    }
}

/// What the collector did, for `gc()` tests and reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStats {
    /// Collections run so far.
    pub collections: u64,
    /// Containers freed by the last collection (cycles broken).
    pub last_freed: usize,
    /// Containers freed by all collections.
    pub total_freed: usize,
    /// Containers alive after the last collection.
    pub last_survivors: usize,
}

/// The registry of containers, the collector and the byte accounting.
pub struct Heap {
    registry: RefCell<Vec<Tracked>>,
    next_collection_at: Cell<usize>,
    stats: Cell<GcStats>,
    collecting: Cell<bool>,
    stress: bool,
    /// Approximate bytes allocated since the last collection.
    bytes_since_gc: Cell<usize>,
    /// Approximate bytes alive after the last collection.
    live_bytes: Cell<usize>,
    /// Stop the run when the approximate heap passes this.
    limit_bytes: usize,
    over_limit: Cell<bool>,
}

const MIN_COLLECTION_THRESHOLD: usize = 50_000;
const OBJECT_BYTES: usize = 96;
const ENV_BYTES: usize = 64;

impl Heap {
    /// A heap stopping at `limit_bytes`; `LEXENV_GC_STRESS=1` collects at
    /// every allocation.
    pub fn new(limit_bytes: usize) -> Self {
        let stress = std::env::var("LEXENV_GC_STRESS").is_ok_and(|v| v == "1");
        Self::with_stress(limit_bytes, stress)
    }

    /// A heap that collects at every allocation when `stress` is set.
    pub fn with_stress(limit_bytes: usize, stress: bool) -> Self {
        Heap {
            registry: RefCell::new(Vec::new()),
            next_collection_at: Cell::new(MIN_COLLECTION_THRESHOLD),
            stats: Cell::new(GcStats::default()),
            collecting: Cell::new(false),
            stress,
            bytes_since_gc: Cell::new(0),
            live_bytes: Cell::new(0),
            limit_bytes,
            over_limit: Cell::new(false),
        }
    }

    pub fn stats(&self) -> GcStats {
        self.stats.get()
    }

    /// Number of registry entries (containers created and not yet swept
    /// from the registry).
    pub fn tracked(&self) -> usize {
        self.registry.borrow().len()
    }

    /// True once the approximate heap size passed the limit even after a
    /// collection; the interpreter stops the run at its next safe point.
    pub fn over_limit(&self) -> bool {
        self.over_limit.get()
    }

    pub fn limit_bytes(&self) -> usize {
        self.limit_bytes
    }

    /// Approximate bytes in use.
    pub fn approximate_bytes(&self) -> usize {
        self.live_bytes
            .get()
            .saturating_add(self.bytes_since_gc.get())
    }

    /// Records `bytes` of new allocation (strings, property storage …).
    pub fn note_bytes(&self, bytes: usize) {
        let since = self.bytes_since_gc.get().saturating_add(bytes);
        self.bytes_since_gc.set(since);
        if self.live_bytes.get().saturating_add(since) > self.limit_bytes && !self.collecting.get()
        {
            self.collect();
            if self.approximate_bytes() > self.limit_bytes {
                self.over_limit.set(true);
            }
        }
    }

    pub(crate) fn register_object(&self, object: &Obj) {
        self.registry
            .borrow_mut()
            .push(Tracked::Object(object.downgrade()));
        self.after_allocation(OBJECT_BYTES);
    }

    pub(crate) fn register_env(&self, env: &Env) {
        self.registry
            .borrow_mut()
            .push(Tracked::Env(env.downgrade()));
        self.after_allocation(ENV_BYTES);
    }

    fn after_allocation(&self, bytes: usize) {
        let len = self.registry.borrow().len();
        if self.stress || len >= self.next_collection_at.get() {
            self.collect();
        }
        self.note_bytes(bytes);
    }

    /// Runs a full collection: `mark_roots → subtract_internal → trace → sweep`.
    /// Safe at any time (see the module doc). Returns the number of
    /// containers freed.
    pub fn collect(&self) -> usize {
        if self.collecting.replace(true) {
            return 0;
        }
        let live = self.mark_roots();
        subtract_internal(&live);
        trace_from_roots(&live);
        let (freed, survivors, live_bytes) = sweep(&live);
        // Dropping our handles lets the broken cycles' counts reach zero.
        drop(live);
        let mut stats = self.stats.get();
        stats.collections += 1;
        stats.last_freed = freed;
        stats.total_freed += freed;
        stats.last_survivors = survivors;
        self.stats.set(stats);
        self.next_collection_at
            .set((survivors * 3).max(MIN_COLLECTION_THRESHOLD));
        self.live_bytes.set(live_bytes);
        self.bytes_since_gc.set(0);
        self.collecting.set(false);
        freed
    }

    /// Empties every container (the end of a run): afterwards nothing the
    /// run allocated holds anything, so every allocation is freed.
    pub fn teardown(&self) {
        self.collecting.set(true);
        let live = self.mark_roots();
        let mut graveyard_objects = Vec::new();
        let mut graveyard_envs = Vec::new();
        for l in &live {
            match l {
                Live::Object(o) => graveyard_objects.extend(o.take_for_gc()),
                Live::Env(e) => graveyard_envs.extend(e.take_for_gc()),
            }
        }
        drop(graveyard_objects);
        drop(graveyard_envs);
        drop(live);
        self.registry.borrow_mut().clear();
        self.collecting.set(false);
    }

    /// Step 1: upgrade every registry entry (dropping dead ones) and set its
    /// `gc_refs` to the references we did not make ourselves.
    fn mark_roots(&self) -> Vec<Live> {
        let mut registry = self.registry.borrow_mut();
        let mut live = Vec::with_capacity(registry.len());
        registry.retain(|entry| {
            let upgraded = match entry {
                Tracked::Object(w) => w.upgrade().map(|rc| Live::Object(Obj::from_rc(rc))),
                Tracked::Env(w) => w.upgrade().map(|rc| Live::Env(Env::from_rc(rc))),
            };
            match upgraded {
                Some(l) => {
                    live.push(l);
                    true
                }
                None => false,
            }
        });
        for l in &live {
            // Minus one: the handle in `live` itself.
            let strong = match l {
                Live::Object(o) => o.strong_count(),
                Live::Env(e) => e.strong_count(),
            };
            let h = l.header();
            h.gc_refs.set(strong as isize - 1);
            h.reachable.set(false);
            h.traced.set(false);
        }
        live
    }
}

/// Step 2: subtract the references containers hold on each other.
fn subtract_internal(live: &[Live]) {
    struct Subtract;
    impl Tracer for Subtract {
        fn object(&mut self, o: &Obj) {
            let h = o.gc_header();
            h.gc_refs.set(h.gc_refs.get() - 1);
        }
        fn env(&mut self, e: &Env) {
            let h = e.gc_header();
            h.gc_refs.set(h.gc_refs.get() - 1);
        }
    }
    for l in live {
        let traced = match l {
            Live::Object(o) => o.try_trace(&mut Subtract),
            Live::Env(e) => e.try_trace(&mut Subtract),
        };
        l.header().traced.set(traced);
    }
}

/// Step 3: mark everything reachable from externally referenced containers.
fn trace_from_roots(live: &[Live]) {
    struct Mark {
        stack: Vec<Live>,
    }
    impl Tracer for Mark {
        fn object(&mut self, o: &Obj) {
            if !o.gc_header().reachable.replace(true) {
                self.stack.push(Live::Object(o.clone()));
            }
        }
        fn env(&mut self, e: &Env) {
            if !e.gc_header().reachable.replace(true) {
                self.stack.push(Live::Env(e.clone()));
            }
        }
    }
    let mut mark = Mark { stack: Vec::new() };
    for l in live {
        let h = l.header();
        if (h.gc_refs.get() > 0 || !h.traced.get()) && !h.reachable.replace(true) {
            mark.stack.push(match l {
                Live::Object(o) => Live::Object(o.clone()),
                Live::Env(e) => Live::Env(e.clone()),
            });
        }
        while let Some(next) = mark.stack.pop() {
            // A container we cannot borrow was already a root (untraced).
            match &next {
                Live::Object(o) => {
                    o.try_trace(&mut mark);
                }
                Live::Env(e) => {
                    e.try_trace(&mut mark);
                }
            }
        }
    }
}

/// Step 4: clear every unreachable container. Returns (freed, survivors,
/// approximate live bytes).
fn sweep(live: &[Live]) -> (usize, usize, usize) {
    let mut graveyard_objects = Vec::new();
    let mut graveyard_envs = Vec::new();
    let mut survivors = 0;
    let mut bytes = 0usize;
    for l in live {
        if l.header().reachable.get() {
            survivors += 1;
            bytes += match l {
                Live::Object(o) => o.approximate_size(),
                Live::Env(e) => e.approximate_size(),
            };
            continue;
        }
        match l {
            Live::Object(o) => {
                if let Some(data) = o.take_for_gc() {
                    graveyard_objects.push(data);
                }
            }
            Live::Env(e) => {
                if let Some(record) = e.take_for_gc() {
                    graveyard_envs.push(record);
                }
            }
        }
    }
    let freed = live.len() - survivors;
    // The taken fields drop here, after every borrow is released.
    drop(graveyard_objects);
    drop(graveyard_envs);
    (freed, survivors, bytes)
}

/// The contents of a container whose last reference went away (NON-SPEC):
/// what [`drop_iteratively`] drops.
#[allow(dead_code, reason = "the fields are only ever dropped")]
pub(crate) enum Garbage {
    Object(ObjectData),
    Env(EnvironmentRecord, Option<Env>),
}

/// The deferred drops of this thread (see the module doc).
struct DropQueue {
    /// A loop in [`drop_iteratively`] is running further up the stack.
    draining: Cell<bool>,
    pending: RefCell<Vec<Garbage>>,
}

thread_local! {
    static DROP_QUEUE: DropQueue = const {
        DropQueue { draining: Cell::new(false), pending: RefCell::new(Vec::new()) }
    };
}

/// Drops a freed container's contents without recursing into the
/// containers they held: a drop that happens while another is being
/// drained only queues its contents; the outermost one drains the queue.
pub(crate) fn drop_iteratively(garbage: Garbage) {
    /// Ends the drain even if a drop unwinds.
    struct Draining<'a>(&'a Cell<bool>);
    impl Drop for Draining<'_> {
        fn drop(&mut self) {
            self.0.set(false);
        }
    }
    // If the thread-local is already gone (thread exit), the closure and
    // the garbage it owns are dropped in place.
    let _ = DROP_QUEUE.try_with(move |queue| {
        if queue.draining.get() {
            queue.pending.borrow_mut().push(garbage);
            return;
        }
        queue.draining.set(true);
        let _draining = Draining(&queue.draining);
        drop(garbage);
        loop {
            // The borrow ends before the item drops (which may push more).
            let next = queue.pending.borrow_mut().pop();
            match next {
                Some(item) => drop(item),
                None => break,
            }
        }
        let mut pending = queue.pending.borrow_mut();
        if pending.capacity() > 1024 {
            pending.shrink_to(64);
        }
    });
}

/// Lets tests hold a container weakly to observe that it was freed.
pub fn is_alive(weak: &Weak<ObjectCell>) -> bool {
    weak.strong_count() > 0
}

#[allow(dead_code)]
fn _assert_rc_types(_: Rc<ObjectCell>, _: Rc<EnvCell>) {}

#[cfg(test)]
mod tests {
    use super::{Heap, is_alive};
    use crate::mini::environment::new_object_environment;
    use crate::mini::object::{Obj, ObjectKind};
    use crate::mini::property::Attributes;
    use crate::mini::value::Value;

    const DEPTH: usize = 100_000;

    /// Runs `f` on a thread with a 2 MiB native stack.
    fn on_small_stack(f: impl FnOnce() + Send + 'static) {
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(f)
            .expect("spawning a test thread");
        if let Err(panic) = handle.join() {
            std::panic::resume_unwind(panic);
        }
    }

    #[test]
    fn dropping_a_deep_chain_of_objects_needs_little_stack() {
        on_small_stack(|| {
            let heap = Heap::with_stress(usize::MAX, false);
            // let o = null; for (...) o = {next: o};
            let mut o = Value::Null;
            let mut first = None;
            for _ in 0..DEPTH {
                let node = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
                node.define_data("next", o, Attributes::all());
                first.get_or_insert_with(|| node.downgrade());
                o = Value::Object(node);
            }
            let first = first.expect("the chain has a first link");
            assert!(is_alive(&first));
            drop(o);
            assert!(!is_alive(&first), "the whole chain is freed");
        });
    }

    #[test]
    fn dropping_a_deep_chain_of_environments_needs_little_stack() {
        on_small_stack(|| {
            let heap = Heap::with_stress(usize::MAX, false);
            // Each record's [[OuterEnv]] is the previous one, and its binding
            // object points to the previous binding object.
            let mut env = None;
            let mut previous = Value::Null;
            let mut first = None;
            for _ in 0..DEPTH {
                let object = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
                object.define_data("next", previous, Attributes::all());
                first.get_or_insert_with(|| object.downgrade());
                env = Some(new_object_environment(&heap, object.clone(), false, env));
                previous = Value::Object(object);
            }
            drop(previous);
            let first = first.expect("the chain has a first link");
            assert!(is_alive(&first), "the records hold the objects");
            drop(env);
            assert!(!is_alive(&first), "the whole chain is freed");
        });
    }
}
