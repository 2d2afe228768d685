//! Sorting core's short lists without the standard library's sort.
//!
//! `slice::sort_by_key` brings in the whole of std's stable sort (driftsort with quicksort and
//! small-sort networks, about 3 KB of WebAssembly) for every element type it is used with.
//! Core sorts only short lists (a checklist, one year's holidays), for which an insertion
//! sort is as fast and costs a few dozen bytes.

/// Sorts `items` by `key` and keeps items with equal keys in their order, exactly like
/// `slice::sort_by_key`. Quadratic in the worst case: meant for lists of at most a few
/// hundred items.
pub(crate) fn stable_sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for unsorted in 1..items.len() {
        // Move the item back past every item with a greater key; an equal key stops it, which
        // keeps the sort stable.
        let mut at = unsorted;
        while at > 0 && key(&items[at - 1]) > key(&items[at]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_librarys_stable_sort(
            mut items in prop::collection::vec((0..8u8, any::<u16>()), 0..60)
        ) {
            let mut expected = items.clone();
            expected.sort_by_key(|(key, _)| *key);
            stable_sort_by_key(&mut items, |(key, _)| *key);
            prop_assert_eq!(items, expected);
        }
    }
}
