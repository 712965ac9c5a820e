//! The one sort the app uses. The standard library's sort is generic over
//! the element and the comparison, so every `sort_by_key` on a new type or
//! with a new closure compiles a whole new copy of its algorithm: about
//! 4 KB of wasm each, a dozen of them in this app. [`sort_by`] and
//! [`sort_by_key`] keep only the comparison generic: they sort a list of
//! positions with one shared, non-generic routine, then move the elements
//! into that order. Stable, and O(n log n) like the standard sort; a list
//! that is already in order is left as it is after one pass.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let Some(order) = stable_order(items.len(), &|a, b| compare(&items[a], &items[b])) else {
        return;
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

/// Sorts `items` by the key `key` gives each, keeping items with equal keys
/// in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` (which compares the items
/// at two positions) sorts them, ties in position order; `None` when they
/// are in order already.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Option<Vec<usize>> {
    if (1..len).all(|at| compare(at - 1, at) != Ordering::Greater) {
        return None;
    }
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    Some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_keep_their_order() {
        let mut pairs = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut pairs, |pair| pair.0);
        assert_eq!(pairs, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn a_comparison_can_reverse_and_chain() {
        let mut words = vec!["b", "aa", "c", "bb", "a"];
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        assert_eq!(words, ["aa", "bb", "a", "b", "c"]);
    }

    #[test]
    fn empty_and_single_lists_are_fine() {
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
        let mut one = vec![String::from("only")];
        sort_by_key(&mut one, String::clone);
        assert_eq!(one, ["only"]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn it_sorts_like_the_standard_stable_sort(
                mut items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)
            ) {
                let mut expected = items.clone();
                expected.sort_by_key(|item| item.0);
                sort_by_key(&mut items, |item| item.0);
                prop_assert_eq!(items, expected);
            }
        }
    }
}
