//! How the Hub reader finds a model by its id without holding ids twice: lookup keys (an id
//! trimmed and in lower case), their 64-bit fingerprints, a hash of an id's exact spelling, the
//! table of the dump's models by fingerprint, and the one kind of hash map the reader uses.

use crate::graph::NodeIx;

/// Hash maps with foldhash (fixed seed): Hub ids share long prefixes, which it spreads well.
pub(super) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// A 64-bit fingerprint of a lookup key (a fixed-seed foldhash hash of quality). Maps keyed by
/// it hold no strings, so a lookup in a million-row dump touches no heap memory beyond the
/// table; two different keys share a fingerprint with a probability near 2^-64 per pair (about
/// one in five million for the 2.6 million ids of the whole Hub), where a 128-bit one cost 8
/// bytes a model more.
pub(super) type Fingerprint = u64;

/// The fingerprint of a lookup key ([`hub_key`]).
pub(super) fn fingerprint(key: &str) -> Fingerprint {
    use std::hash::BuildHasher;
    const A: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0x9e37_79b9_7f4a_7c15);
    A.hash_one(key)
}

/// A Hub id as a lookup key: trimmed, without trailing `/`, lower case.
pub(super) fn hub_key(id: &str) -> String {
    let mut key = String::new();
    hub_key_into(id, &mut key);
    key
}

/// `hub_key(id)` into a buffer that lookups reuse.
pub(super) fn hub_key_into(id: &str, buf: &mut String) {
    buf.clear();
    let t = id.trim().trim_end_matches('/');
    if t.is_ascii() {
        buf.push_str(t);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&t.to_lowercase());
    }
}

/// A 32-bit hash of an id exactly as written: enough to notice a base written in another case
/// than its model (a difference goes unnoticed with a chance of 2^-32).
pub(super) type Spelling = u32;

/// The [`Spelling`] of an id.
pub(super) fn spelling(id: &str) -> Spelling {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x5e11_1de5).hash_one(id) as u32
}

/// The dump's models by Hub key: a hash table of node indices (4 bytes a slot), beside each
/// model's fingerprint and whether it is only a stub so far, in vectors by node. A lookup in a
/// million-row dump touches a small table and one fingerprint. The exact spelling of a model (to
/// notice a base written in another case) is its label's, but for the curated models a Hub id
/// identifies, whose spellings are kept beside (a vector of them cost 4 MiB at 1M rows).
pub(super) struct Models {
    table: hashbrown::HashTable<NodeIx>,
    /// The graph's node count when the dump began: every model of the dump comes after.
    first: usize,
    fingerprints: Vec<Fingerprint>,
    stubs: Vec<bool>,
    /// The spellings of the Hub ids that identify curated models, by model.
    identities: HashMap<NodeIx, Spelling>,
}

impl Models {
    pub(super) fn with_capacity(first: usize, n: usize) -> Models {
        Models {
            table: hashbrown::HashTable::with_capacity(n),
            first,
            fingerprints: Vec::with_capacity(n + n / 16),
            stubs: Vec::with_capacity(n + n / 16),
            identities: HashMap::default(),
        }
    }

    fn slot(&self, ix: NodeIx) -> usize {
        ix.index() - self.first
    }

    pub(super) fn get(&self, fp: Fingerprint) -> Option<NodeIx> {
        let (first, fps) = (self.first, &self.fingerprints);
        self.table
            .find(fp, |&ix| fps[ix.index() - first] == fp)
            .copied()
    }

    /// Files model `ix`, spelled as its label, under `fp`.
    pub(super) fn insert(&mut self, fp: Fingerprint, ix: NodeIx) {
        let slot = self.slot(ix);
        if self.fingerprints.len() <= slot {
            // organizations the dump added sit between its models: their slots stay unused
            self.fingerprints.resize(slot + 1, 0);
            self.stubs.resize(slot + 1, false);
        }
        self.fingerprints[slot] = fp;
        let (first, fps) = (self.first, &self.fingerprints);
        self.table
            .insert_unique(fp, ix, |&i| fps[i.index() - first]);
    }

    /// Files curated model `ix` under `fp`, the fingerprint of a Hub id that identifies it,
    /// spelled `spelling`.
    pub(super) fn insert_identity(&mut self, fp: Fingerprint, ix: NodeIx, spelling: Spelling) {
        self.insert(fp, ix);
        self.identities.insert(ix, spelling);
    }

    /// Starts fetching what [`Models::stub`] reads of `ix`.
    pub(super) fn warm(&self, ix: NodeIx) {
        crate::graph::prefetch(&self.stubs[self.slot(ix)]);
    }

    pub(super) fn stub(&self, ix: NodeIx) -> bool {
        self.stubs[self.slot(ix)]
    }

    pub(super) fn mark_stub(&mut self, ix: NodeIx) {
        let slot = self.slot(ix);
        self.stubs[slot] = true;
    }

    /// The spelling of model `ix`, labelled `label`.
    pub(super) fn spelling(&self, ix: NodeIx, label: &str) -> Spelling {
        match self.identities.get(&ix) {
            Some(&s) => s,
            None => spelling(label),
        }
    }

    /// Every model, with its fingerprint.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Fingerprint, NodeIx)> + '_ {
        self.table
            .iter()
            .map(|&ix| (self.fingerprints[self.slot(ix)], ix))
    }
}
