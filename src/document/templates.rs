//! Boards that ship with the app, kept as documents in the standard format
//! and read through [`super::restore`] like any other document.

use crate::model::Board;

const DATA_FACTORY: &str = include_str!("templates/data-factory.json");

/// The seed article's example: a central data factory moving to a data mesh.
/// It is what a first start shows.
pub fn data_factory() -> Board {
    // The template is part of the build and tested below; if it ever failed
    // to load, a blank board is the safe answer.
    super::restore(DATA_FACTORY).map_or_else(|_| Board::blank(), |restored| restored.board)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;

    #[test]
    fn the_data_factory_template_loads_without_repairs_and_fills_every_phase() {
        let restored = super::super::restore(DATA_FACTORY).unwrap();
        assert!(restored.repairs.is_empty(), "{:?}", restored.repairs);
        for phase in Phase::ALL {
            assert!(restored.board.count_in(phase) >= 2, "{phase:?}");
        }
        assert_eq!(data_factory(), restored.board);
        assert!(!data_factory().north_star.is_empty());
    }
}
