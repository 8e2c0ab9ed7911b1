//! The dense element vector of an object: a one-word handle to a heap block that holds its
//! length, its capacity and the values.
//!
//! Performance decision (measured on gc-stress.js and stress-test.ts, see docs/PERFORMANCE.md,
//! "Smaller objects"): every object carries an element vector, but most objects (records,
//! class instances, closures, built-ins) never have indexed properties. A `Vec<Value>` costs
//! 24 bytes in every object even when empty; [`ElementVector`] costs 8, with the length and
//! capacity stored as two `u32` in front of the values in the heap block. The block of a
//! two-element array is then 8 + 32 = 40 bytes, which malloc serves from the same 48-byte chunk
//! as the 32-byte buffer of a `Vec`, so arrays pay nothing for the header. Element counts are
//! bounded by `u32` anyway (array indices are below 2^32 - 1). An empty vector points at a
//! shared static header of capacity 0 rather than being null, so reading the length is one
//! load without a branch on every element access.
//!
//! The vector dereferences to a slice, so reads, writes and iteration are the slice's; the
//! methods below are the `Vec` operations the engine uses.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error, realloc};
use std::ptr::NonNull;

use crate::value::Value;

/// The fields in front of the values in an element block (aligned like `Value`, so the
/// values follow it directly).
#[repr(C, align(8))]
struct BlockHeader {
    length: u32,
    capacity: u32,
}

/// The bytes from the start of a block to its first value.
const VALUES_OFFSET: usize = std::mem::size_of::<BlockHeader>();

/// The smallest capacity a growing vector allocates (as `Vec` does for 16-byte elements).
const MINIMUM_GROWN_CAPACITY: usize = 4;

/// The header every empty vector points at. It is never written: every operation that stores
/// a value first moves the vector to an allocated block (capacity 0 means "this static"), and
/// lengths are only written while the length is or was non-zero.
static EMPTY_BLOCK: BlockHeader = BlockHeader {
    length: 0,
    capacity: 0,
};

/// A vector of values behind one pointer (see the module documentation).
pub struct ElementVector {
    /// [`EMPTY_BLOCK`] while the capacity is zero, else an allocation made with
    /// [`block_layout`] of its capacity.
    block: NonNull<BlockHeader>,
}

// The vector owns its block exclusively, like `Vec<Value>` owns its buffer (the shared empty
// header is never written), and `Value` is plain data (`Copy` handles and numbers), so moving
// or sharing it across threads is as safe as moving or sharing a `Vec<Value>`.
unsafe impl Send for ElementVector {}
unsafe impl Sync for ElementVector {}

const _: () = assert!(std::mem::size_of::<ElementVector>() == 8);
const _: () = assert!(VALUES_OFFSET == 8 && std::mem::align_of::<Value>() <= 8);

impl ElementVector {
    /// An empty vector (allocates nothing).
    #[inline]
    pub const fn new() -> ElementVector {
        // SAFETY: a pointer to a static is never null; it is only read (see `EMPTY_BLOCK`).
        ElementVector {
            block: unsafe { NonNull::new_unchecked((&raw const EMPTY_BLOCK).cast_mut()) },
        }
    }

    /// An empty vector with room for `capacity` values.
    pub fn with_capacity(capacity: usize) -> ElementVector {
        let mut vector = ElementVector::new();
        if capacity > 0 {
            vector.reallocate(capacity);
        }
        vector
    }

    /// A vector holding a copy of `values`, with exactly that capacity.
    pub fn from_slice(values: &[Value]) -> ElementVector {
        let mut vector = ElementVector::with_capacity(values.len());
        vector.extend_from_slice(values);
        vector
    }

    /// The block's header.
    #[inline]
    fn header(&self) -> &BlockHeader {
        // SAFETY: the block is the static empty header or a live allocation that starts with
        // an initialised header, and it lives as long as `self`.
        unsafe { self.block.as_ref() }
    }

    /// The number of values.
    #[inline]
    pub fn len(&self) -> usize {
        self.header().length as usize
    }

    /// True when there are no values.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many values fit before the block must grow.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.header().capacity as usize
    }

    /// The values as a slice.
    #[inline]
    pub fn as_slice(&self) -> &[Value] {
        // SAFETY: the first `length` values of a block are initialised and the block lives as
        // long as `self`; for the static empty header the slice is empty and its pointer (just
        // past the header) is non-null and aligned.
        unsafe { std::slice::from_raw_parts(values_pointer(self.block), self.len()) }
    }

    /// The values as a mutable slice.
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [Value] {
        // SAFETY: as in `as_slice`; `&mut self` makes the access exclusive, and an empty slice
        // over the static header gives access to no byte.
        unsafe { std::slice::from_raw_parts_mut(values_pointer(self.block), self.len()) }
    }

    /// Appends a value, growing the block (doubling) when it is full.
    #[inline]
    pub fn push(&mut self, value: Value) {
        let length = self.len();
        if length == self.capacity() {
            self.grow_for(1);
        }
        // SAFETY: the block has room for one more value, so it is an allocation and slot
        // `length` is inside its capacity.
        unsafe {
            values_pointer(self.block).add(length).write(value);
            (*self.block.as_ptr()).length = length as u32 + 1;
        }
    }

    /// Removes and returns the last value.
    #[inline]
    pub fn pop(&mut self) -> Option<Value> {
        let length = self.len();
        if length == 0 {
            return None;
        }
        let value = self.as_slice()[length - 1];
        self.set_length(length - 1);
        Some(value)
    }

    /// Removes the value at `index`, shifting the later ones down.
    ///
    /// # Panics
    /// When `index` is out of bounds (as `Vec::remove`).
    pub fn remove(&mut self, index: usize) -> Value {
        let length = self.len();
        assert!(
            index < length,
            "element index {index} out of bounds ({length})"
        );
        let slice = self.as_mut_slice();
        let value = slice[index];
        slice.copy_within(index + 1.., index);
        self.set_length(length - 1);
        value
    }

    /// Inserts `value` at `index`, shifting the later ones up.
    ///
    /// # Panics
    /// When `index > len` (as `Vec::insert`).
    pub fn insert(&mut self, index: usize, value: Value) {
        let length = self.len();
        assert!(
            index <= length,
            "element index {index} out of bounds ({length})"
        );
        self.push(value);
        let slice = self.as_mut_slice();
        slice.copy_within(index..length, index + 1);
        slice[index] = value;
    }

    /// Drops the values from `new_length` on (no-op when already shorter). Keeps the block.
    #[inline]
    pub fn truncate(&mut self, new_length: usize) {
        if new_length < self.len() {
            self.set_length(new_length);
        }
    }

    /// Removes every value. Keeps the block.
    #[inline]
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Grows or shrinks to `new_length` values, filling new ones with `value`.
    pub fn resize(&mut self, new_length: usize, value: Value) {
        let length = self.len();
        if new_length <= length {
            self.truncate(new_length);
            return;
        }
        self.reserve(new_length - length);
        // SAFETY: `reserve` made room for `new_length > 0` values, so the block is an
        // allocation.
        unsafe {
            let values = values_pointer(self.block);
            for index in length..new_length {
                values.add(index).write(value);
            }
            (*self.block.as_ptr()).length = new_length as u32;
        }
    }

    /// Appends copies of `values`.
    pub fn extend_from_slice(&mut self, values: &[Value]) {
        if values.is_empty() {
            return;
        }
        let length = self.len();
        self.reserve(values.len());
        // SAFETY: `reserve` made room for `length + values.len() > 0` values, so the block is
        // an allocation; the source cannot overlap it (a shared borrow cannot alias
        // `&mut self`'s block).
        unsafe {
            std::ptr::copy_nonoverlapping(
                values.as_ptr(),
                values_pointer(self.block).add(length),
                values.len(),
            );
            (*self.block.as_ptr()).length = (length + values.len()) as u32;
        }
    }

    /// Makes room for at least `additional` more values (growing to at least double the
    /// capacity, so repeated calls stay amortised).
    pub fn reserve(&mut self, additional: usize) {
        if self.capacity() - self.len() < additional {
            self.grow_for(additional);
        }
    }

    /// Removes the values in `range` and returns them.
    pub fn drain(&mut self, range: std::ops::Range<usize>) -> Vec<Value> {
        let length = self.len();
        assert!(
            range.start <= range.end && range.end <= length,
            "element range {range:?} out of bounds ({length})"
        );
        if range.is_empty() {
            return Vec::new();
        }
        let removed = self.as_slice()[range.clone()].to_vec();
        self.as_mut_slice().copy_within(range.end.., range.start);
        self.set_length(length - removed.len());
        removed
    }

    /// Replaces the values in `range` by copies of `items`, moving the values after the range
    /// so they follow the new ones: the element-vector form of `Vec::splice`, one `memmove` of
    /// the tail instead of one shift per inserted or removed value (`unshift`, `splice`).
    ///
    /// # Panics
    /// When `range` is out of bounds or reversed.
    pub fn replace_range(&mut self, range: std::ops::Range<usize>, items: &[Value]) {
        let length = self.len();
        assert!(
            range.start <= range.end && range.end <= length,
            "element range {range:?} out of bounds ({length})"
        );
        let tail_length = length - range.end;
        let new_length = range.start + items.len() + tail_length;
        if new_length == 0 {
            // Nothing stays: either the block is the static empty header (length 0) or it
            // is an allocation whose length becomes 0.
            self.truncate(0);
            return;
        }
        if new_length > length {
            self.reserve(new_length - length);
        }
        // SAFETY: `new_length > 0`, so the block is an allocation (it either held `length > 0`
        // values or `reserve` allocated it) with room for `new_length` values; the tail move
        // may overlap itself (`ptr::copy`), and `items` cannot alias the block (a shared
        // borrow cannot alias `&mut self`).
        unsafe {
            let values = values_pointer(self.block);
            std::ptr::copy(
                values.add(range.end),
                values.add(range.start + items.len()),
                tail_length,
            );
            std::ptr::copy_nonoverlapping(items.as_ptr(), values.add(range.start), items.len());
            (*self.block.as_ptr()).length = new_length as u32;
        }
    }

    /// The values as a `Vec` (a copy).
    #[inline]
    pub fn to_vec(&self) -> Vec<Value> {
        self.as_slice().to_vec()
    }

    /// Sets the length. The caller guarantees that the length is non-zero now (so the block
    /// is an allocation, not the static empty header), that `new_length <= capacity`, and
    /// that the values below it are initialised.
    #[inline]
    fn set_length(&mut self, new_length: usize) {
        debug_assert!(!self.is_empty());
        // SAFETY: see the contract above.
        unsafe { (*self.block.as_ptr()).length = new_length as u32 };
    }

    /// Grows the block so at least `additional` more values fit.
    #[cold]
    #[inline(never)]
    fn grow_for(&mut self, additional: usize) {
        let required = self
            .len()
            .checked_add(additional)
            .unwrap_or_else(|| capacity_overflow());
        let doubled = self.capacity().saturating_mul(2);
        self.reallocate(required.max(doubled).max(MINIMUM_GROWN_CAPACITY));
    }

    /// Moves the values into an allocated block of exactly `new_capacity` (at least the
    /// length, and at least 1).
    fn reallocate(&mut self, new_capacity: usize) {
        debug_assert!(new_capacity >= self.len() && new_capacity > 0);
        if new_capacity > u32::MAX as usize {
            capacity_overflow();
        }
        let new_layout = block_layout(new_capacity);
        let old_capacity = self.capacity();
        // SAFETY: the layout has a non-zero size (it includes the header); a block of
        // non-zero capacity was allocated with `block_layout` of that capacity.
        let pointer = unsafe {
            if old_capacity > 0 {
                realloc(
                    self.block.as_ptr().cast::<u8>(),
                    block_layout(old_capacity),
                    new_layout.size(),
                )
            } else {
                let pointer = alloc(new_layout);
                if !pointer.is_null() {
                    pointer.cast::<BlockHeader>().write(BlockHeader {
                        length: 0,
                        capacity: 0,
                    });
                }
                pointer
            }
        };
        let Some(block) = NonNull::new(pointer.cast::<BlockHeader>()) else {
            handle_alloc_error(new_layout);
        };
        // SAFETY: the header was initialised at allocation and kept by `realloc`.
        unsafe { (*block.as_ptr()).capacity = new_capacity as u32 };
        self.block = block;
    }
}

/// The layout of a block with room for `capacity` values.
fn block_layout(capacity: usize) -> Layout {
    let bytes = capacity
        .checked_mul(std::mem::size_of::<Value>())
        .and_then(|bytes| bytes.checked_add(VALUES_OFFSET))
        .unwrap_or_else(|| capacity_overflow());
    Layout::from_size_align(bytes, std::mem::align_of::<BlockHeader>())
        .unwrap_or_else(|_| capacity_overflow())
}

/// The first value of a block (for the static empty header: the address just past it).
///
/// # Safety
/// `block` must be the static empty header or point to a live block.
#[inline]
unsafe fn values_pointer(block: NonNull<BlockHeader>) -> *mut Value {
    // SAFETY: the values start `VALUES_OFFSET` bytes into the block (see `block_layout`); for
    // the static header this is one past its end, which is in bounds for pointer arithmetic.
    unsafe {
        block
            .as_ptr()
            .cast::<u8>()
            .add(VALUES_OFFSET)
            .cast::<Value>()
    }
}

#[cold]
#[inline(never)]
fn capacity_overflow() -> ! {
    panic!("element vector capacity overflow")
}

impl Drop for ElementVector {
    fn drop(&mut self) {
        let capacity = self.capacity();
        if capacity > 0 {
            // SAFETY: a block of non-zero capacity was allocated with `block_layout` of that
            // capacity; `Value` needs no drop.
            unsafe { dealloc(self.block.as_ptr().cast::<u8>(), block_layout(capacity)) };
        }
    }
}

impl Default for ElementVector {
    #[inline]
    fn default() -> Self {
        ElementVector::new()
    }
}

impl Clone for ElementVector {
    fn clone(&self) -> Self {
        ElementVector::from_slice(self.as_slice())
    }
}

impl std::fmt::Debug for ElementVector {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_list().entries(self.as_slice()).finish()
    }
}

impl std::ops::Deref for ElementVector {
    type Target = [Value];

    #[inline]
    fn deref(&self) -> &[Value] {
        self.as_slice()
    }
}

impl std::ops::DerefMut for ElementVector {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Value] {
        self.as_mut_slice()
    }
}

impl From<Vec<Value>> for ElementVector {
    /// Copies the values into a block of exactly their count (one allocation, as the `Vec`
    /// had; its buffer is freed).
    fn from(values: Vec<Value>) -> Self {
        ElementVector::from_slice(&values)
    }
}

impl From<&[Value]> for ElementVector {
    fn from(values: &[Value]) -> Self {
        ElementVector::from_slice(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(vector: &ElementVector) -> Vec<f64> {
        vector
            .iter()
            .map(|value| match value {
                Value::Number(number) => *number,
                Value::Hole => -1.0,
                _ => f64::NAN,
            })
            .collect()
    }

    #[test]
    fn an_empty_vector_allocates_nothing_and_reads_as_an_empty_slice() {
        let vector = ElementVector::new();
        assert_eq!(vector.len(), 0);
        assert_eq!(vector.capacity(), 0);
        assert_eq!(vector.block.as_ptr().cast_const(), &raw const EMPTY_BLOCK);
        assert!(vector.as_slice().is_empty());
        let mut empty = ElementVector::with_capacity(0);
        assert_eq!(empty.capacity(), 0);
        // Operations that store nothing must leave the shared empty header alone.
        empty.truncate(0);
        empty.clear();
        empty.resize(0, Value::Hole);
        empty.extend_from_slice(&[]);
        assert!(empty.drain(0..0).is_empty());
        assert!(empty.pop().is_none());
        assert!(empty.as_mut_slice().is_empty());
        assert_eq!((EMPTY_BLOCK.length, EMPTY_BLOCK.capacity), (0, 0));
    }

    #[test]
    fn push_pop_insert_remove_behave_like_a_vec() {
        let mut vector = ElementVector::new();
        for number in 0..10 {
            vector.push(Value::Number(f64::from(number)));
        }
        assert_eq!(vector.len(), 10);
        assert!(vector.capacity() >= 10);
        assert_eq!(vector.pop().map(|value| value.is_hole()), Some(false));
        assert_eq!(numbers(&vector), [0., 1., 2., 3., 4., 5., 6., 7., 8.]);
        assert!(matches!(vector.remove(0), Value::Number(number) if number == 0.0));
        vector.insert(2, Value::Hole);
        assert_eq!(numbers(&vector), [1., 2., -1., 3., 4., 5., 6., 7., 8.]);
        vector.insert(vector.len(), Value::Number(9.0));
        assert_eq!(numbers(&vector).last(), Some(&9.0));
        let drained = vector.drain(1..3);
        assert_eq!(drained.len(), 2);
        assert_eq!(numbers(&vector), [1., 3., 4., 5., 6., 7., 8., 9.]);
    }

    #[test]
    fn resize_truncate_and_extend_keep_the_values_in_order() {
        let mut vector = ElementVector::from_slice(&[Value::Number(1.0), Value::Number(2.0)]);
        assert_eq!(vector.capacity(), 2);
        vector.resize(5, Value::Hole);
        assert_eq!(numbers(&vector), [1., 2., -1., -1., -1.]);
        vector.truncate(1);
        assert_eq!(numbers(&vector), [1.]);
        vector.extend_from_slice(&[Value::Number(7.0); 100]);
        assert_eq!(vector.len(), 101);
        assert_eq!(numbers(&vector)[100], 7.0);
        let copy = vector.clone();
        vector.clear();
        assert!(vector.is_empty());
        assert_eq!(copy.len(), 101);
        assert_eq!(copy.to_vec().len(), 101);
        let mut from_vec = ElementVector::from(vec![Value::Number(3.0)]);
        from_vec[0] = Value::Number(4.0);
        assert_eq!(numbers(&from_vec), [4.]);
        assert!(from_vec.pop().is_some());
        assert!(from_vec.pop().is_none());
    }

    #[test]
    fn replace_range_matches_vec_splice() {
        let values = |numbers: &[f64]| -> Vec<Value> {
            numbers
                .iter()
                .map(|number| Value::Number(*number))
                .collect()
        };
        let mut vector = ElementVector::new();
        vector.replace_range(0..0, &[]);
        assert_eq!((vector.len(), vector.capacity()), (0, 0));
        vector.replace_range(0..0, &values(&[3., 4.]));
        assert_eq!(numbers(&vector), [3., 4.]);
        // Insertion at the front (`unshift`), growing the block.
        vector.replace_range(0..0, &values(&[1., 2.]));
        assert_eq!(numbers(&vector), [1., 2., 3., 4.]);
        // More removed than inserted, in the middle.
        vector.replace_range(1..3, &values(&[9.]));
        assert_eq!(numbers(&vector), [1., 9., 4.]);
        // More inserted than removed, at the end.
        vector.replace_range(2..3, &values(&[5., 6., 7.]));
        assert_eq!(numbers(&vector), [1., 9., 5., 6., 7.]);
        // Everything removed keeps an allocated, empty block.
        vector.replace_range(0..5, &[]);
        assert!(vector.is_empty());
        let mut reference: Vec<f64> = (0..20).map(f64::from).collect();
        let mut vector = ElementVector::from(values(&reference));
        reference.splice(3..10, [100., 101.]);
        vector.replace_range(3..10, &values(&[100., 101.]));
        assert_eq!(numbers(&vector), reference);
    }

    #[test]
    fn a_two_element_block_is_the_header_plus_two_values() {
        let vector = ElementVector::from_slice(&[Value::Null, Value::Null]);
        assert_eq!(block_layout(vector.capacity()).size(), 8 + 2 * 16);
    }
}
