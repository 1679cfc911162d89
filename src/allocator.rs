//! The global allocator: mimalloc, called so that an ordinary allocation takes its fast path.
//!
//! The interpreter allocates and frees small objects at a high rate (an instance and its
//! attribute table, a frame's arguments, a bound method), where mimalloc is faster than the C
//! library's allocator (README, "Speed", has the figures). The `mimalloc` crate's allocator
//! asks mimalloc for an *aligned* block on every call; mimalloc serves that from its fast path
//! only when the next free block of the size class happens to be aligned and its page's free
//! list is not empty, and otherwise takes a generic path about 140 instructions longer. A hash
//! table's allocation (every dict's and set's: alignment 16, a size such as 52) took the slow
//! path nearly every time. Here an allocation whose alignment mimalloc's plain `mi_malloc`
//! already gives is a plain `mi_malloc`.
//!
//! Why a plain `mi_malloc` is aligned enough: every mimalloc block is at least 8-aligned, and
//! the first block of a page is 16-aligned, so a size class whose block size is a multiple of
//! 16 has only 16-aligned blocks; the size is rounded up to a multiple of the alignment
//! (`Layout::pad_to_align`) to land in such a class. That is a property of mimalloc's size
//! classes, not a promise of its API, so the address is checked, and a block that is not
//! aligned is freed and asked for again through `mi_malloc_aligned`.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_int, c_long, c_void};

use libmimalloc_sys as mi;

/// The largest alignment a plain `mi_malloc` of a padded size gives.
const PLAIN_ALIGN: usize = 16;

/// The alignment every mimalloc block has, whatever its size.
const BLOCK_ALIGN: usize = 8;

pub struct Mimalloc;

/// `mi_option_arena_eager_commit`'s number in `mi_option_t` (the bundled mimalloc v3's
/// `include/mimalloc.h`; `libmimalloc-sys` does not export the option names of v3).
const OPTION_ARENA_EAGER_COMMIT: c_int = 4;

unsafe extern "C" {
    /// Sets an option's value unless the environment (`MIMALLOC_…`) already set it.
    fn mi_option_set_default(option: c_int, value: c_long);
}

/// mimalloc's options for gilvm, set before the first allocation (`main.rs` runs this from the
/// executable's initialisers, before Rust's runtime starts; an option read when the first arena
/// is reserved cannot be changed from `main`).
///
/// Arenas are committed on demand, not all at once when reserved: committing eagerly doubled
/// the resident memory of a small program (hello.py: 15 MB, against CPython's 10 MB) for no
/// measurable gain in time. A `MIMALLOC_ARENA_EAGER_COMMIT` in the environment still wins.
pub extern "C" fn configure() {
    // SAFETY: `mi_option_set_default` only writes the option's value in mimalloc's static table;
    // it may be called at any time, including before mimalloc is initialised.
    unsafe { mi_option_set_default(OPTION_ARENA_EAGER_COMMIT, 0) }
}

impl Mimalloc {
    /// `mi_malloc` (or `mi_zalloc`) when it gives `layout`'s alignment, else the aligned call.
    ///
    /// # Safety
    /// `layout` has a non-zero size (`GlobalAlloc::alloc`'s contract).
    #[inline]
    unsafe fn allocate(layout: Layout, zeroed: bool) -> *mut u8 {
        let align = layout.align();
        if align <= PLAIN_ALIGN {
            let size = layout.pad_to_align().size();
            // SAFETY: mimalloc's allocation functions may be called with any size.
            let p = unsafe {
                if zeroed {
                    mi::mi_zalloc(size)
                } else {
                    mi::mi_malloc(size)
                }
            };
            if p.is_null() || (p as usize) & (align - 1) == 0 {
                return p.cast();
            }
            // SAFETY: `p` was just allocated by mimalloc and is not used again.
            unsafe { mi::mi_free(p) };
        }
        // SAFETY: `align` is a power of two (a `Layout`'s invariant).
        unsafe {
            if zeroed {
                mi::mi_zalloc_aligned(layout.size(), align).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), align).cast()
            }
        }
    }
}

// SAFETY: `alloc` and `alloc_zeroed` return null or a block of mimalloc's of at least
// `layout.size()` bytes whose address is a multiple of `layout.align()` (checked above, or
// given by the aligned call). `dealloc` hands the block back to `mi_free`, which frees any
// block mimalloc allocated, aligned or not. `realloc` keeps the alignment: blocks are always
// 8-aligned, so for alignments up to 8 `mi_realloc` suffices, and beyond that
// `mi_realloc_aligned` is asked for it.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract: a non-zero size.
        unsafe { Self::allocate(layout, false) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe { Self::allocate(layout, true) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator, hence by mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` is a live block of mimalloc's (the caller's contract), and the result
        // keeps `layout.align()` as argued above.
        unsafe {
            if layout.align() <= BLOCK_ALIGN {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every size and alignment a program may ask for gets a block that is aligned, whole
    /// (written end to end), zeroed when asked, and keeps its bytes through `realloc`.
    #[test]
    fn blocks_are_aligned_whole_and_kept() {
        let a = Mimalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in (1..300).chain([511, 512, 1000, 4096, 70_000]) {
                let layout = Layout::from_size_align(size, align).expect("valid layout");
                // SAFETY: a non-zero size; each block is freed once with its layout.
                unsafe {
                    let z = a.alloc_zeroed(layout);
                    assert!(
                        !z.is_null() && (z as usize).is_multiple_of(align),
                        "{size}/{align}"
                    );
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);
                    let p = a.alloc(layout);
                    assert!(
                        !p.is_null() && (p as usize).is_multiple_of(align),
                        "{size}/{align}"
                    );
                    for i in 0..size {
                        *p.add(i) = i as u8;
                    }
                    let grown = a.realloc(p, layout, size * 3);
                    assert!(
                        (grown as usize).is_multiple_of(align),
                        "realloc {size}/{align}"
                    );
                    assert!((0..size).all(|i| *grown.add(i) == i as u8));
                    a.dealloc(
                        grown,
                        Layout::from_size_align(size * 3, align).expect("valid"),
                    );
                }
            }
        }
    }
}
