//! Helpers for the export tests: building boards (each change goes through
//! `model::apply`, as in the app), and zlib both ways with miniz where the
//! app has the browser do it.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::{Inflate, InflateError};
use crate::model::{apply, Board, Date, Edit, ItemField, ItemId, ItemKind, Link, Sample};

/// Inflates with miniz, reporting the same kinds of failure as the
/// browser's `DecompressionStream`, which also refuses bytes after the end
/// of the stream (plain miniz would ignore them).
pub struct Miniz;

impl Inflate for Miniz {
    async fn inflate(&self, stream: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        let mut state = InflateState::new_boxed(DataFormat::Zlib);
        let mut piece = vec![0; 64 * 1024];
        let (mut input, mut out) = (stream, Vec::new());
        loop {
            let step = inflate(&mut state, input, &mut piece, MZFlush::None);
            input = &input[step.bytes_consumed..];
            if out.len() + step.bytes_written > limit {
                return Err(InflateError::TooLarge);
            }
            out.extend_from_slice(&piece[..step.bytes_written]);
            match step.status {
                Ok(MZStatus::StreamEnd) if input.is_empty() => return Ok(out),
                Ok(MZStatus::StreamEnd) => return Err(InflateError::Broken),
                Ok(_) => {}
                Err(MZError::Buf) => return Err(InflateError::CutShort),
                Err(_) if state.last_status() == TINFLStatus::Adler32Mismatch => {
                    return Err(InflateError::Checksum)
                }
                Err(_) => return Err(InflateError::Broken),
            }
        }
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
