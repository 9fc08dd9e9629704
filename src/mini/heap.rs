//! The heap: reference counting plus a cycle collector (NON-SPEC machinery).
//!
//! Objects and Environment Records are `Rc`s ("containers") created through
//! the [`Heap`], which keeps a registry of `Weak` pointers to every live one
//! of them: a container takes a registry slot when it is made and gives it
//! back when it is freed (its [`GcHeader`]'s drop), so freed memory is
//! released at once and a collection visits only live containers.
//! Reference counting frees acyclic garbage at once; closures make
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
//! goes, its `Drop` drops its contents in place while fewer than
//! [`MAX_INLINE_DEPTH`] frees are nested ([`enter_free`]) and otherwise
//! queues them on a thread-local worklist ([`defer_free`]) that the
//! outermost free drains in a loop. Dropping a 100,000-long chain of objects
//! (`o = {next: o}`) or of closures and their environments therefore needs
//! bounded native stack, on any thread.
//!
//! Collections run when [`Heap::collect`] is called (`gc()`), when the number
//! of live containers triples since the last collection, at every
//! allocation when `LEXENV_GC_STRESS=1`, and when the approximate byte count
//! passes the heap limit (then, if still over, the run stops as `limit`).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use super::environment::{Env, EnvCell, EnvironmentRecord};
use super::object::{Obj, ObjectCell, ObjectData};
use super::value::Value;

/// Per-container collector state and registry slot (NON-SPEC).
pub struct GcHeader {
    /// Strong references not accounted for by other containers (step 2).
    gc_refs: Cell<isize>,
    /// Reached from a root during step 3.
    reachable: Cell<bool>,
    /// Could be traced (was not mutably borrowed) during step 2.
    traced: Cell<bool>,
    /// This container's entry in `registry` ([`NO_SLOT`] until registered).
    slot: Cell<u32>,
    /// The registry to leave when the container is freed.
    registry: Option<Rc<Registry>>,
}

const NO_SLOT: u32 = u32::MAX;

impl GcHeader {
    fn new(registry: Option<Rc<Registry>>) -> Self {
        GcHeader {
            gc_refs: Cell::new(0),
            reachable: Cell::new(false),
            traced: Cell::new(false),
            slot: Cell::new(NO_SLOT),
            registry,
        }
    }
}

impl Default for GcHeader {
    /// A header outside any registry.
    fn default() -> Self {
        GcHeader::new(None)
    }
}

impl Drop for GcHeader {
    /// A freed container leaves the registry at once, so its memory is
    /// released now rather than when a collection next scans the registry.
    fn drop(&mut self) {
        if let Some(registry) = &self.registry {
            registry.release(self.slot.get());
        }
    }
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
    /// An unused slot; the next free slot's index (or [`NO_SLOT`]).
    Free(u32),
    Object(Weak<ObjectCell>),
    Env(Weak<EnvCell>),
}

impl Tracked {
    fn upgrade(&self) -> Option<Live> {
        match self {
            Tracked::Free(_) => None,
            Tracked::Object(w) => w.upgrade().map(|rc| Live::Object(Obj::from_rc(rc))),
            Tracked::Env(w) => w.upgrade().map(|rc| Live::Env(Env::from_rc(rc))),
        }
    }
}

/// Every container of one heap, by slot (NON-SPEC). A container takes a
/// slot when it is made and gives it back when it is freed (its
/// [`GcHeader`]'s drop), so the registry holds only live containers and
/// never delays the release of a container's memory.
struct Registry {
    slots: RefCell<Vec<Tracked>>,
    /// The first free slot (a list through `Tracked::Free`).
    free_head: Cell<u32>,
    /// Slots in use.
    live: Cell<usize>,
}

impl Registry {
    fn insert(&self, entry: Tracked) -> u32 {
        let mut slots = self.slots.borrow_mut();
        self.live.set(self.live.get() + 1);
        let head = self.free_head.get();
        if let Some(slot) = slots.get_mut(head as usize) {
            if let Tracked::Free(next) = *slot {
                self.free_head.set(next);
            }
            *slot = entry;
            return head;
        }
        // Slot numbers stay below NO_SLOT: a heap that large is far past
        // any heap limit, and an unnumbered container is simply never
        // collected (safe, only conservative).
        let index = u32::try_from(slots.len()).unwrap_or(NO_SLOT);
        if index != NO_SLOT {
            slots.push(entry);
        }
        index
    }

    /// Frees `slot` (a container's drop).
    fn release(&self, slot: u32) {
        if slot == NO_SLOT {
            return;
        }
        // The registry is never borrowed while a container can be freed;
        // if it were, the entry would stay (dead) until the next scan.
        let Ok(mut slots) = self.slots.try_borrow_mut() else {
            return;
        };
        if let Some(entry) = slots.get_mut(slot as usize)
            && !matches!(entry, Tracked::Free(_))
        {
            *entry = Tracked::Free(self.free_head.get());
            self.free_head.set(slot);
            self.live.set(self.live.get() - 1);
        }
    }

    /// A strong handle to the container in `slot`, if any. A dead entry
    /// (left by a release that found the registry busy) is freed.
    fn get(&self, slot: usize) -> Option<Live> {
        let mut slots = self.slots.borrow_mut();
        let entry = slots.get_mut(slot)?;
        let live = entry.upgrade();
        if live.is_none() && !matches!(entry, Tracked::Free(_)) {
            *entry = Tracked::Free(self.free_head.get());
            self.free_head.set(slot as u32);
            self.live.set(self.live.get() - 1);
        }
        live
    }

    /// Strong handles to every container (dead entries are freed).
    fn upgrade_all(&self) -> Vec<Live> {
        let mut live = Vec::with_capacity(self.live.get());
        let mut slots = self.slots.borrow_mut();
        for (slot, entry) in slots.iter_mut().enumerate() {
            match entry.upgrade() {
                Some(l) => live.push(l),
                None if !matches!(entry, Tracked::Free(_)) => {
                    *entry = Tracked::Free(self.free_head.get());
                    self.free_head.set(slot as u32);
                    self.live.set(self.live.get() - 1);
                }
                None => {}
            }
        }
        live
    }

    fn len(&self) -> usize {
        self.slots.borrow().len()
    }
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
    registry: Rc<Registry>,
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
            registry: Rc::new(Registry {
                slots: RefCell::new(Vec::new()),
                free_head: Cell::new(NO_SLOT),
                live: Cell::new(0),
            }),
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

    /// Number of live containers.
    pub fn tracked(&self) -> usize {
        self.registry.live.get()
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

    /// The header of a new container of this heap (registered by
    /// `register_object` / `register_env` once the container exists).
    pub(crate) fn new_header(&self) -> GcHeader {
        GcHeader::new(Some(self.registry.clone()))
    }

    pub(crate) fn register_object(&self, object: &Obj) {
        let slot = self.registry.insert(Tracked::Object(object.downgrade()));
        object.gc_header().slot.set(slot);
        self.after_allocation(OBJECT_BYTES);
    }

    pub(crate) fn register_env(&self, env: &Env) {
        let slot = self.registry.insert(Tracked::Env(env.downgrade()));
        env.gc_header().slot.set(slot);
        self.after_allocation(ENV_BYTES);
    }

    fn after_allocation(&self, bytes: usize) {
        if self.stress || self.registry.live.get() >= self.next_collection_at.get() {
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
    /// run allocated holds anything, so every allocation is freed. Each
    /// container's contents drop at once: most containers are freed by
    /// counting as a side effect, and their slots are skipped.
    pub fn teardown(&self) {
        self.collecting.set(true);
        for slot in 0..self.registry.len() {
            match self.registry.get(slot) {
                Some(Live::Object(o)) => drop(o.take_for_gc()),
                Some(Live::Env(e)) => drop(e.take_for_gc()),
                None => {}
            }
        }
        self.collecting.set(false);
    }

    /// Step 1: take a strong handle to every container and set its
    /// `gc_refs` to the references we did not make ourselves.
    fn mark_roots(&self) -> Vec<Live> {
        let live = self.registry.upgrade_all();
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

/// The contents of a container whose last reference went away (NON-SPEC),
/// queued by [`defer_free`].
#[allow(dead_code, reason = "the fields are only ever dropped")]
pub(crate) enum Garbage {
    Object(ObjectData),
    Env(EnvironmentRecord, Option<Env>),
}

/// The deferred drops of this thread (see the module doc).
struct DropQueue {
    /// How many [`drop_iteratively`] calls are running on this stack.
    depth: Cell<u32>,
    pending: RefCell<Vec<Garbage>>,
}

/// Nested frees handled by plain recursion before contents are queued:
/// shallow structures (an array of closures, a closure and its record)
/// never touch the queue, and the native stack used stays bounded.
const MAX_INLINE_DEPTH: u32 = 16;

thread_local! {
    static DROP_QUEUE: DropQueue = const {
        DropQueue { depth: Cell::new(0), pending: RefCell::new(Vec::new()) }
    };
}

/// One level of nested freeing (see [`enter_free`]); leaving the
/// outermost level drains the queue.
pub(crate) struct FreeLevel(());

/// Enters a level of nested freeing: `Some` while fewer than
/// [`MAX_INLINE_DEPTH`] frees are nested, and then a freed container drops
/// its contents in place (recursing into what they held); `None` when it
/// must hand them to [`defer_free`] instead. Freeing a long chain
/// therefore recurses a bounded number of levels and queues the rest.
pub(crate) fn enter_free() -> Option<FreeLevel> {
    DROP_QUEUE
        .try_with(|queue| {
            let depth = queue.depth.get();
            (depth < MAX_INLINE_DEPTH).then(|| {
                queue.depth.set(depth + 1);
                FreeLevel(())
            })
        })
        .ok()
        .flatten()
}

impl Drop for FreeLevel {
    fn drop(&mut self) {
        /// Leaves the level even if a drop unwinds.
        struct Leave<'a>(&'a Cell<u32>);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                self.0.set(self.0.get() - 1);
            }
        }
        let _ = DROP_QUEUE.try_with(|queue| {
            let _leave = Leave(&queue.depth);
            if queue.depth.get() != 1 {
                return;
            }
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
}

/// Queues a freed container's contents, to be dropped when the outermost
/// level of freeing ends. (If the thread-local is already gone, at thread
/// exit, they are dropped in place.)
pub(crate) fn defer_free(garbage: Garbage) {
    let _ = DROP_QUEUE.try_with(move |queue| queue.pending.borrow_mut().push(garbage));
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
    fn freed_containers_leave_the_registry_and_their_slots_are_reused() {
        let heap = Heap::with_stress(usize::MAX, false);
        let a = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
        let b = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
        assert_eq!((heap.tracked(), heap.registry.len()), (2, 2));
        drop(b);
        assert_eq!(heap.tracked(), 1, "freed by counting, at once");
        let c = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
        assert_eq!(
            (heap.tracked(), heap.registry.len()),
            (2, 2),
            "the freed slot is reused"
        );
        drop((a, c));
        assert_eq!(heap.tracked(), 0);
    }

    #[test]
    fn teardown_frees_cycles_and_collection_still_finds_them() {
        let heap = Heap::with_stress(usize::MAX, false);
        let make_cycle = || {
            let o = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
            o.define_data("self", Value::Object(o.clone()), Attributes::all());
            o.downgrade()
        };
        let first = make_cycle();
        let _kept = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
        assert_eq!(heap.tracked(), 2);
        assert_eq!(heap.collect(), 1, "the self-cycle is garbage");
        assert!(!is_alive(&first));
        assert_eq!(heap.tracked(), 1);
        let second = make_cycle();
        heap.teardown();
        assert!(!is_alive(&second), "teardown empties every container");
        assert_eq!(heap.tracked(), 1, "only the object Rust holds is left");
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
