//! Helpers for the export tests: building boards (each change goes through
//! `model::apply`, as in the app), and zlib both ways with miniz where the
//! app has the browser do it.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use miniz_oxide::inflate::TINFLStatus;

use super::{Inflate, InflateError};
use crate::model::{apply, Board, Date, Edit, ItemField, ItemId, ItemKind, Link, Sample};

/// Inflates with miniz, which reports the same kinds of failure as the
/// browser's `DecompressionStream`.
pub struct Miniz;

impl Inflate for Miniz {
    async fn inflate(&self, stream: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(stream, limit).map_err(|error| {
            match error.status {
                TINFLStatus::HasMoreOutput => InflateError::TooLarge,
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                    InflateError::CutShort
                }
                TINFLStatus::Adler32Mismatch => InflateError::Checksum,
                _ => InflateError::Broken,
            }
        })
    }
}

/// An inflater that cannot inflate, like a browser without
/// `DecompressionStream`.
pub struct Refuses;

impl Inflate for Refuses {
    async fn inflate(&self, _: &[u8], _: usize) -> Result<Vec<u8>, InflateError> {
        Err(InflateError::Unsupported)
    }
}

/// `bytes` zlib-deflated at the browser's default level.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

/// The output of a future that never waits, such as every one [`Miniz`]
/// makes.
pub fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the future waited"),
    }
}

/// Adds an item and returns its id.
pub fn add(board: &mut Board, kind: ItemKind, title: &str) -> ItemId {
    apply(
        board,
        Edit::AddItem {
            kind,
            title: title.to_owned(),
        },
    )
    .unwrap()
    .created
    .unwrap()
}

/// Sets one text field of an item.
pub fn set(board: &mut Board, id: ItemId, field: ItemField, value: &str) {
    apply(
        board,
        Edit::UpdateItem {
            id,
            field,
            value: value.to_owned(),
        },
    )
    .unwrap();
}

/// Links two items.
pub fn link(board: &mut Board, from: ItemId, to: ItemId) {
    apply(
        board,
        Edit::AddLink {
            link: Link { from, to },
        },
    )
    .unwrap();
}

/// Records a metric sample (`date` as YYYY-MM-DD).
pub fn sample(board: &mut Board, id: ItemId, date: &str, value: f64, note: &str) {
    apply(
        board,
        Edit::SetSample {
            id,
            sample: Sample {
                date: Date::parse(date).unwrap(),
                value,
                note: note.to_owned(),
            },
        },
    )
    .unwrap();
}
