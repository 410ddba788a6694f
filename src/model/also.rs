//! `Also`: an edge's further evidence in 4 bytes, a handle to a list kept in one table of the
//! process, so that an `Edge` is 28 bytes (its relation, its first `Evidence` and the handle,
//! all 4-byte aligned) where a thin list of 8 made it 32: 9 MiB less at a million Hub models,
//! whose 2.26 million edges almost never have further evidence.

use super::Evidence;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::num::NonZeroU32;

/// The further evidence of an edge, in the order read: a slice to read (it derefs to
/// `[Evidence]`), [`Also::push`] to add. Empty, it holds nothing but its 4 bytes; otherwise it
/// owns a list in the process's table of them, freed with it.
#[derive(Default)]
pub struct Also(Option<NonZeroU32>);

impl Also {
    pub const fn new() -> Also {
        Also(None)
    }

    /// Adds a piece of evidence at the end.
    pub fn push(&mut self, ev: Evidence) {
        match self.0 {
            // SAFETY: `&mut self` owns the handle's list: no other reference to it exists
            Some(h) => unsafe { (*table::get(h)).push(ev) },
            None => self.0 = Some(table::add(vec![ev])),
        }
    }

    pub fn as_slice(&self) -> &[Evidence] {
        match self.0 {
            // SAFETY: the handle's list lives as long as `self`, and changes only through
            // `&mut self`
            Some(h) => unsafe { (*table::get(h)).as_slice() },
            None => &[],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl Drop for Also {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            drop(table::remove(h));
        }
    }
}

impl From<Vec<Evidence>> for Also {
    fn from(list: Vec<Evidence>) -> Also {
        match list.is_empty() {
            true => Also(None),
            false => Also(Some(table::add(list))),
        }
    }
}

impl From<thin_vec::ThinVec<Evidence>> for Also {
    fn from(list: thin_vec::ThinVec<Evidence>) -> Also {
        Also::from(list.into_iter().collect::<Vec<_>>())
    }
}

impl FromIterator<Evidence> for Also {
    fn from_iter<I: IntoIterator<Item = Evidence>>(items: I) -> Also {
        Also::from(items.into_iter().collect::<Vec<_>>())
    }
}

impl Clone for Also {
    fn clone(&self) -> Also {
        Also::from(self.as_slice().to_vec())
    }
}

impl std::ops::Deref for Also {
    type Target = [Evidence];
    fn deref(&self) -> &[Evidence] {
        self.as_slice()
    }
}

impl<'a> IntoIterator for &'a Also {
    type Item = &'a Evidence;
    type IntoIter = std::slice::Iter<'a, Evidence>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl PartialEq for Also {
    fn eq(&self, other: &Also) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Also {}

impl fmt::Debug for Also {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl Serialize for Also {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Also {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Evidence>::deserialize(d).map(Also::from)
    }
}

/// The lists of every [`Also`], by handle: segments of 64, 128, 256, ... slots, each allocated
/// once and never moved or freed, so a reader finds a list with two atomic loads and no lock;
/// a slot holds a boxed list, so a list never moves while its handle lives. Handles are given
/// and taken back under one lock; a list is read or changed only through its one `Also`.
mod table {
    use super::{Evidence, NonZeroU32};
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicPtr, Ordering};

    type List = Vec<Evidence>;
    type Slot = AtomicPtr<List>;

    /// Bits of the first segment's size.
    const FIRST: u32 = 6;
    /// Enough segments for every `u32` index.
    static SEGMENTS: [AtomicPtr<Slot>; 27] = [const { AtomicPtr::new(std::ptr::null_mut()) }; 27];
    /// The next index never given, and the indices given back.
    static FREE: Mutex<(u32, Vec<u32>)> = Mutex::new((0, Vec::new()));

    /// The segment and slot of index `i`.
    fn place(i: u32) -> (usize, usize) {
        let v = u64::from(i) + (1 << FIRST);
        let s = 63 - v.leading_zeros() - FIRST;
        (s as usize, (v - (1u64 << (s + FIRST))) as usize)
    }

    /// The slot of index `i`, whose segment exists.
    fn slot(i: u32) -> &'static Slot {
        let (s, k) = place(i);
        let seg = SEGMENTS[s].load(Ordering::Acquire);
        assert!(
            !seg.is_null(),
            "a handle's segment exists before it is given"
        );
        // SAFETY: segment `s` has 2^(s + FIRST) slots and lives for the process
        unsafe { &*seg.add(k) }
    }

    /// Keeps `list` and gives its handle.
    pub(super) fn add(list: List) -> NonZeroU32 {
        let mut free = FREE.lock().unwrap_or_else(|p| p.into_inner());
        let i = match free.1.pop() {
            Some(i) => i,
            None => {
                let i = free.0;
                free.0 = i.checked_add(1).expect("fewer than 2^32 lists of evidence");
                let (s, _) = place(i);
                if SEGMENTS[s].load(Ordering::Acquire).is_null() {
                    let room: Box<[Slot]> = (0..1usize << (s as u32 + FIRST))
                        .map(|_| AtomicPtr::new(std::ptr::null_mut()))
                        .collect();
                    SEGMENTS[s].store(Box::leak(room).as_mut_ptr(), Ordering::Release);
                }
                i
            }
        };
        slot(i).store(Box::into_raw(Box::new(list)), Ordering::Release);
        NonZeroU32::MIN.saturating_add(i)
    }

    /// The list of handle `h`.
    pub(super) fn get(h: NonZeroU32) -> *mut List {
        slot(h.get() - 1).load(Ordering::Acquire)
    }

    /// Takes back handle `h`, giving its list.
    pub(super) fn remove(h: NonZeroU32) -> Box<List> {
        let i = h.get() - 1;
        let list = slot(i).swap(std::ptr::null_mut(), Ordering::AcqRel);
        FREE.lock().unwrap_or_else(|p| p.into_inner()).1.push(i);
        // SAFETY: `add` boxed the list, and the handle's one owner takes it back once
        unsafe { Box::from_raw(list) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn further_evidence_is_a_handle_and_its_list() {
        assert_eq!(std::mem::size_of::<Also>(), 4);
        let ev = |line| Evidence::at(&"t".into(), &"f".into(), line);
        let mut a = Also::new();
        assert!(a.is_empty() && a.as_slice().is_empty());
        a.push(ev(1));
        a.push(ev(2));
        let copy = a.clone();
        drop(a);
        assert_eq!(copy.as_slice(), [ev(1), ev(2)], "a copy owns its list");
        let many: Vec<Also> = (0..300).map(|i| Also::from(vec![ev(i + 1)])).collect();
        assert!(
            many.iter()
                .enumerate()
                .all(|(i, a)| a[0] == ev(i as u32 + 1))
        );
        drop(many);
        let json = serde_json::to_string(&copy).unwrap();
        assert_eq!(serde_json::from_str::<Also>(&json).unwrap(), copy);
        assert!(serde_json::from_str::<Also>("[]").unwrap().is_empty());
    }
}
